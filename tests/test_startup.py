"""Start-up costs what the command needs: `check` loads no DOCX writer, verifier, importer or
command-line parser library (typer/click); `--help` loads no pydantic; records on the check and build path are NamedTuples, not dataclasses; the CLI's fast path answers exactly as the full parser does. (Speed itself is
measured in bench/, never asserted here.)"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from tests.scripts import dataclasses_defined, modules_loaded

ROOT = Path(__file__).resolve().parent.parent
PLAN = "examples/long-bien-2023.tdkt"

_modules = modules_loaded


def test_check_loads_no_docx_writer_verifier_or_importer():
    mods = _modules("check", PLAN)
    assert "tdkt_dsl.compiler" in mods  # it did check
    for heavy in ("docx", "lxml", "jinja2", "tdkt_dsl.render.docx", "tdkt_dsl.verify", "tdkt_dsl.importer",
                  "lark", "rich", "typer", "click", "importlib.metadata", "calendar",
                  "tdkt_dsl.generated_lark"):
        assert heavy not in mods, heavy


def test_help_loads_no_model_or_validation_library():
    mods = _modules("--help")
    for heavy in ("pydantic", "tdkt_dsl.diagnostics", "tdkt_dsl.compiler", "lark", "docx"):
        assert heavy not in mods, heavy


def test_pydantic_asks_its_plugin_loader_for_get_plugins_only():
    """launch.skip_pydantic_plugin_search stands in for pydantic.plugin._loader with get_plugins alone:
    no module of the installed pydantic may import anything else from it."""
    import re

    import pydantic

    asked = set()
    for path in Path(pydantic.__file__).parent.rglob("*.py"):
        if path.name == "_loader.py":
            continue
        for m in re.finditer(r"from \.{1,3}(?:plugin\.)?_loader import ([\w, ]+)|_loader\.(\w+)", path.read_text(encoding="utf-8")):
            asked |= {n.strip() for n in (m.group(1) or m.group(2)).split(",")}
    assert asked == {"get_plugins"}, asked


def test_cli_exit_codes_are_the_catalogue_s():
    from tdkt_dsl import commands, diagnostics

    assert (commands.EXIT_OK, commands.EXIT_PROBLEMS, commands.EXIT_USAGE, commands.EXIT_INTERNAL) == (
        diagnostics.EXIT_OK, diagnostics.EXIT_PROBLEMS, diagnostics.EXIT_USAGE, diagnostics.EXIT_INTERNAL)


def _tdkt(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tdkt_dsl.cli", *args], capture_output=True,
                          cwd=cwd, timeout=120)


# Records a check or build reads are NamedTuples or plain classes: defining a dataclass compiles
# each of its methods (a frozen one six), about 0.5 ms, which thirty records made a tenth of a cold
# check. The layout's paragraphs and cells stay dataclasses (changed and copied after they are made;
# `build` only). (Lark's own TextSlice is in generated_lark.py, which a clean parse never loads.)
MUTABLE_RECORDS = {"tdkt_dsl.render.layout.PrintedParagraph", "tdkt_dsl.render.layout.PrintedCell"}


def test_check_and_build_define_only_the_mutable_dataclasses(tmp_path: Path):
    for args in (("check", PLAN), ("build", PLAN, "-o", str(tmp_path / "out.docx"))):
        ours = {name for name in dataclasses_defined(*args) if name.startswith("tdkt_dsl.")}
        assert ours <= MUTABLE_RECORDS, (args[0], sorted(ours - MUTABLE_RECORDS))
    assert (tmp_path / "out.docx").is_file()  # it did build


def test_build_loads_no_command_line_parser_library():
    mods = _modules("build", PLAN, "-o", "-", "--to", "text")
    assert "tdkt_dsl.render.text" in mods  # it did build
    for heavy in ("typer", "click", "rich", "tdkt_dsl.verify", "tdkt_dsl.importer", "importlib.metadata"):
        assert heavy not in mods, heavy


def test_fast_path_recognises_only_plain_command_lines():
    from tdkt_dsl.commands import Format, Lang, Target
    from tdkt_dsl.launch import fast_args as _fast_args

    assert _fast_args(["check", PLAN]) == ("check", {"plan": Path(PLAN)})
    assert _fast_args(["build", PLAN, "-o", "x.json", "--to=json", "--lang", "en"]) == (
        "build", {"plan": Path(PLAN), "output": "x.json", "to": Target.json, "lang": Lang.en})
    assert _fast_args(["check", "--fix", "--format", "json", PLAN]) == (
        "check", {"plan": Path(PLAN), "fix": True, "fmt": Format.json})
    assert _fast_args(["build", PLAN, "--force", "-o", "x.docx"]) == (
        "build", {"plan": Path(PLAN), "force": True, "output": "x.docx"})
    for argv in (["check", PLAN, "--help"], ["check", PLAN, PLAN], ["build", PLAN, "-j", "2"],
                 ["build", PLAN, "--to", "odt"], ["build", PLAN, "-o"], ["build", PLAN, "--watch"], ["check", "examples"],
                 ["check", PLAN, "--lang", "en", "--lang", "vi"], ["verify", "x.docx"], ["check"], [],
                 ["build", PLAN, "--force", "--force"], ["build", PLAN, "--force=1"], ["check", PLAN, "--force"]):
        assert _fast_args(argv) is None, argv


def test_fast_path_and_full_parser_give_the_same_answer(tmp_path: Path):
    """The same command through the fast path and through click (forced by `--` before the file)."""
    bad = tmp_path / "bad.tdkt"
    bad.write_text((ROOT / PLAN).read_text(encoding="utf-8").replace("năm: 2023", "năm: 20x3"), encoding="utf-8")
    for args in (["check", PLAN], ["check", str(bad), "--lang", "en"], ["check", "--format", "json", str(bad)],
                 ["build", str(bad)], ["build", PLAN, "--to", "text", "-o", str(tmp_path / "a.txt")],
                 ["build", PLAN, "--to", "text", "-o", str(tmp_path / "a.txt"), "--force"],
                 ["build", PLAN, "--to", "text", "-o", str(tmp_path / "b.txt"), "--force"]):
        fast = _tdkt(*args)
        full = _tdkt(*args[:1], *[a for a in args[1:] if a.startswith("-") or a in ("json", "en", "text")
                                  or a.endswith(".txt")], "--", *[a for a in args[1:] if a.endswith(".tdkt")])
        assert (fast.returncode, fast.stdout, fast.stderr) == (full.returncode, full.stdout, full.stderr), args


def test_fast_path_and_full_parser_agree_on_force(tmp_path: Path):
    """An output tdkt did not write: refused without --force, replaced with it — on both paths."""
    mine = tmp_path / "mine.txt"
    for force in ([], ["--force"]):
        answers = []
        for tail in ([PLAN], ["--", PLAN]):  # fast path, then click
            mine.write_text("a file of mine\n", encoding="utf-8")
            r = _tdkt("build", "--to", "text", "-o", str(mine), *force, *tail)
            answers.append((r.returncode, r.stdout, r.stderr, mine.read_text(encoding="utf-8") == "a file of mine\n"))
        assert answers[0] == answers[1], force
        assert (answers[0][0], answers[0][3]) == ((0, False) if force else (2, True)), answers[0]


def test_fast_path_gives_every_other_option_typer_s_default():
    """The plain functions the fast path calls default each option as the typer command does (a
    new option of `build`/`check` must be given to both, with the same default)."""
    import inspect

    from tdkt_dsl import cli, commands

    pairs = {"output": "output", "to": "to", "force": "force", "format": "fmt", "fix": "fix"}
    for command, plain in ((cli.build, commands.build_plan), (cli.check, commands.check_plan)):
        typer_defaults = {name: getattr(p.default, "default", p.default)
                          for name, p in inspect.signature(command).parameters.items()}
        plain_defaults = {name: p.default for name, p in inspect.signature(plain).parameters.items()}
        for name, value in typer_defaults.items():
            if name in ("plan", "lang", "jobs", "watch"):
                continue  # the fast path takes one file, no --jobs/--watch; lang from TDKT_LANG
            assert name in pairs, f"{command.__name__}: new option {name} — give it to commands.py too"
            assert plain_defaults[pairs[name]] == value, (command.__name__, name)


def test_a_closed_pipe_is_no_internal_error():
    """`tdkt check plan | head -1`: the reader closes the pipe; tdkt stops quietly (128 + SIGPIPE), no
    'internal error', for the fast path and the full parser alike."""
    for args in (["check", PLAN], ["check", "--", PLAN], ["rules"]):
        p = subprocess.Popen([sys.executable, "-m", "tdkt_dsl.launch", *args], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, cwd=ROOT)
        p.stdout.close()  # before tdkt writes anything
        err = p.stderr.read().decode("utf-8")
        assert p.wait(timeout=120) == 141, (args, err)
        assert "internal" not in err and "Traceback" not in err, (args, err)
