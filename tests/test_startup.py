"""Start-up costs what the command needs: `check` loads no DOCX writer, verifier or importer; `--help`
loads no pydantic; the CLI's fast path answers exactly as the full parser does. (Speed itself is
measured in bench/, never asserted here.)"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLAN = "examples/long-bien-2023.tdkt"

PROBE = """
import sys
sys.argv = ["tdkt", *{args!r}]
import tdkt_dsl.cli as cli
code = cli.run(sys.argv[1:])
sys.stdout.flush()
print("MODULES", " ".join(sorted(sys.modules)), file=sys.stderr)
"""


def _modules(*args: str) -> set[str]:
    r = subprocess.run([sys.executable, "-c", PROBE.format(args=list(args))], capture_output=True, text=True,
                       encoding="utf-8", cwd=ROOT, timeout=120)
    line = [ln for ln in r.stderr.splitlines() if ln.startswith("MODULES ")]
    assert line, r.stderr
    return set(line[-1].split()[1:])


def test_check_loads_no_docx_writer_verifier_or_importer():
    mods = _modules("check", PLAN)
    assert "tdkt_dsl.compiler" in mods  # it did check
    for heavy in ("docx", "lxml", "jinja2", "tdkt_dsl.render.docx", "tdkt_dsl.verify", "tdkt_dsl.importer",
                  "lark", "rich"):
        assert heavy not in mods, heavy


def test_help_loads_no_model_or_validation_library():
    mods = _modules("--help")
    for heavy in ("pydantic", "tdkt_dsl.diagnostics", "tdkt_dsl.compiler", "lark", "docx"):
        assert heavy not in mods, heavy


def test_cli_exit_codes_are_the_catalogue_s():
    from tdkt_dsl import cli, diagnostics

    assert (cli.EXIT_OK, cli.EXIT_PROBLEMS, cli.EXIT_USAGE, cli.EXIT_INTERNAL) == (
        diagnostics.EXIT_OK, diagnostics.EXIT_PROBLEMS, diagnostics.EXIT_USAGE, diagnostics.EXIT_INTERNAL)


def _tdkt(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tdkt_dsl.cli", *args], capture_output=True,
                          cwd=cwd, timeout=120)


def test_fast_path_recognises_only_plain_command_lines():
    from tdkt_dsl.cli import Format, Lang, Target, _fast_args

    assert _fast_args(["check", PLAN]) == ("check", {"plan": [Path(PLAN)]})
    assert _fast_args(["build", PLAN, "-o", "x.json", "--to=json", "--lang", "en"]) == (
        "build", {"plan": [Path(PLAN)], "output": "x.json", "to": Target.json, "lang": Lang.en})
    assert _fast_args(["check", "--fix", "--format", "json", PLAN]) == (
        "check", {"plan": [Path(PLAN)], "fix": True, "format": Format.json})
    for argv in (["check", PLAN, "--help"], ["check", PLAN, PLAN], ["build", PLAN, "-j", "2"],
                 ["build", PLAN, "--to", "odt"], ["build", PLAN, "-o"], ["build", PLAN, "--watch"], ["check", "examples"],
                 ["check", PLAN, "--lang", "en", "--lang", "vi"], ["verify", "x.docx"], ["check"], []):
        assert _fast_args(argv) is None, argv


def test_fast_path_and_full_parser_give_the_same_answer(tmp_path: Path):
    """The same command through the fast path and through click (forced by `--` before the file)."""
    bad = tmp_path / "bad.tdkt"
    bad.write_text((ROOT / PLAN).read_text(encoding="utf-8").replace("năm: 2023", "năm: 20x3"), encoding="utf-8")
    for args in (["check", PLAN], ["check", str(bad), "--lang", "en"], ["check", "--format", "json", str(bad)],
                 ["build", str(bad)], ["build", PLAN, "--to", "text", "-o", str(tmp_path / "a.txt")]):
        fast = _tdkt(*args)
        full = _tdkt(*args[:1], *[a for a in args[1:] if a.startswith("-") or a in ("json", "en", "text")
                                  or a.endswith(".txt")], "--", *[a for a in args[1:] if a.endswith(".tdkt")])
        assert (fast.returncode, fast.stdout, fast.stderr) == (full.returncode, full.stdout, full.stderr), args


def test_fast_path_gives_every_other_option_its_default():
    """A command called by the fast path sees typer's defaults for the options not given (a new
    option such as --watch must not arrive as typer's OptionInfo object, which is truthy)."""
    import inspect

    from tdkt_dsl.cli import _defaults, build, check

    for command in (build, check):
        for name, value in _defaults(command).items():
            default = inspect.signature(command).parameters[name].default
            assert value is getattr(default, "default"), (command.__name__, name)
            assert type(value).__module__.split(".")[0] != "typer", (command.__name__, name)
