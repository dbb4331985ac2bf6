"""The `tdkt` process: start-up and exit.

A cold `tdkt check` is dominated by start-up, so main() (1) answers the two everyday commands with
one plain file argument through commands.py without loading typer, click or their parser (the same
functions run as behind the typer commands in cli.py); every other command line goes to cli.py;
(2) raises the GC threshold (the model is a large tree of small objects; default thresholds make
the collector rescan it dozens of times); (3) tells pydantic not to look for plugins, which would
scan every installed package's metadata, and spares it the import of importlib.metadata that only
that search needs; (4) hands `re` the compiled programs of the regular expressions the process
will compile (regex_cache.py) — before anything else is imported, hence the imports inside the
functions here; and (5) leaves without tearing the interpreter down once
every output is written and fsynced and stdout/stderr are flushed: freeing each object one by one
is work the OS does in one step.
"""

from __future__ import annotations

import errno
import os
import sys

_FAST_OPTIONS = {
    "build": {"-o": "output", "--output": "output", "--to": "to", "--lang": "lang"},
    "check": {"--format": "fmt", "--lang": "lang"},
}
_FAST_FLAGS = {"check": {"--fix": "fix"}, "build": {"--force": "force"}}
EXIT_BROKEN_PIPE = 128 + 13  # what a shell reports for a process ended by SIGPIPE


def fast_args(argv: list[str]) -> tuple[str, dict] | None:
    """`build|check FILE [simple options]` → (command, keyword arguments of commands.build_plan /
    check_plan), else None: the full parser (typer) decides."""
    from pathlib import Path

    from .commands import Format, Lang, Target

    if not argv or argv[0] not in _FAST_OPTIONS:
        return None
    cmd, options, flags = argv[0], _FAST_OPTIONS[argv[0]], _FAST_FLAGS.get(argv[0], {})
    kw: dict = {}
    plans: list[str] = []
    args = iter(argv[1:])
    for a in args:
        name, eq, value = a.partition("=")
        if a in flags and flags[a] not in kw:
            kw[flags[a]] = True
        elif name in options and options[name] not in kw:
            value = value if eq else next(args, None)
            if value is None or (value.startswith("-") and value != "-"):  # `-o -`: standard output
                return None
            kw[options[name]] = value
        elif a.startswith("-") or plans:
            return None  # --help, -j, a second file, anything unusual: the full parser decides
        else:
            plans.append(a)
    if len(plans) != 1:
        return None
    try:
        convert = {"to": Target, "fmt": Format, "lang": Lang}
        kw = {k: (convert[k](v) if k in convert else v) for k, v in kw.items()}
    except ValueError:
        return None  # a bad value: let typer word the usage error
    if Path(plans[0]).is_dir():
        return None
    return cmd, dict(kw, plan=Path(plans[0]))


def run(argv: list[str]) -> int:
    """Run one `tdkt` command line in this process and return its exit code (prints as usual)."""
    from .commands import EXIT_USAGE

    fast = fast_args(argv)
    try:
        if fast is not None:
            from . import commands

            cmd, kw = fast
            lang = kw.pop("lang", None) or commands.lang_default()
            return (commands.build_plan if cmd == "build" else commands.check_plan)(**kw, lang=lang.value)
        from .cli import run_typer

        return run_typer(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else EXIT_USAGE)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (`tdkt check … | head`): stop quietly, as a shell
        try:  # tool killed by SIGPIPE does (exit 128 + 13); nothing more can be written to stdout
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return EXIT_BROKEN_PIPE
    except OSError as exc:
        if exc.errno in FULL_ERRNOS and not os.environ.get("TDKT_DEBUG"):
            return output_refused(exc, argv)
        return internal_error(exc)
    except Exception as exc:  # a bug in tdkt: never show a traceback to a drafter
        return internal_error(exc)


def internal_error(exc: Exception) -> int:
    if os.environ.get("TDKT_DEBUG"):
        raise exc
    from .catalogue.ui import text
    from .commands import EXIT_INTERNAL

    error = f"{type(exc).__name__}: {exc}"  # the language was not necessarily read yet: both
    sys.stderr.write(text("cli.internal-error", "vi", error=error) + "\n"
                     + text("cli.internal-error", "en", error=error) + "\n")
    return EXIT_INTERNAL


# the file, pipe or terminal the output was redirected to refused it (`tdkt check … > /dev/full`)
FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})


def output_refused(exc: OSError, argv: list[str]) -> int:
    """Standard output could not be written: O903 on `-`, as `build -o -` reports it (exit 2),
    never 'internal error' and never success."""
    from .diagnostics import exit_code, render
    from .output import OutputError

    from .commands import lang_default

    lang = lang_default().value
    for i, a in enumerate(argv):  # the options were not necessarily parsed yet
        value = argv[i + 1] if a == "--lang" and i + 1 < len(argv) else a[7:] if a.startswith("--lang=") else None
        if value is not None:
            lang = "en" if value.lower().startswith("en") else "vi"
    d = OutputError("O903", "-", reason=exc.strerror or str(exc)).diagnostic
    try:
        sys.stderr.write(render(d, None, lang) + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    return exit_code([d])


PLUGINS_OFF = ("__all__", "1", "true")  # the values pydantic reads as "no plugins at all"


def skip_pydantic_plugin_search() -> None:
    """pydantic's plugin loader (pydantic/plugin/_loader.py) imports importlib.metadata — and with it
    email, zipfile, csv … — at import time, only to list the packages' entry points it then ignores
    when PYDANTIC_DISABLE_PLUGINS says no plugins. In that case give pydantic a loader that says
    so without the import (its one function, get_plugins; tests/test_startup.py checks that is all
    pydantic asks of it)."""
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") not in PLUGINS_OFF or "pydantic.plugin" in sys.modules:
        return
    import types

    loader = types.ModuleType("pydantic.plugin._loader", "No pydantic plugins (PYDANTIC_DISABLE_PLUGINS).")
    loader.get_plugins = lambda: ()
    sys.modules.setdefault(loader.__name__, loader)


ONE_SHOT = ("check", "build", "verify", "import", "new", "fmt", "diff")  # commands that end with their document


def collector_off(argv: list[str]) -> bool:
    """The cyclic collector is off for one document's command: the process ends in a moment, its
    memory is bounded by the input limits, and the collector would scan every node of the model
    again and again (a third of checking a 10,000-line plan; peak memory measured the same).
    A server, `--watch` or a folder of plans keeps it on, with a high threshold."""
    if not argv or argv[0] not in ONE_SHOT or "--watch" in argv:
        return False
    names = [a for a in argv[1:] if not a.startswith("-")]
    plans = [a for a in names if a.lower().endswith(".tdkt")]
    return len(plans) <= 2 and not any(os.path.isdir(a) for a in names)


def main() -> None:
    import gc

    if collector_off(sys.argv[1:]):
        gc.disable()
    else:
        gc.set_threshold(100_000, 50, 100)
    from . import regex_cache

    regex_cache.load()
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")  # skip scanning every installed package
    skip_pydantic_plugin_search()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8", errors="replace")  # no mojibake on odd terminals
        except (AttributeError, ValueError):
            pass
    code = run(sys.argv[1:])
    if os.environ.get("TDKT_DEBUG"):
        sys.exit(code)
    try:  # outputs are already fsynced (output.write_atomic); the streams are all that is left
        sys.stdout.flush()
    except OSError as exc:  # the last buffered lines did not reach a full disk: not a success
        if exc.errno in FULL_ERRNOS and code in (0, 1):
            code = output_refused(exc, sys.argv[1:])
    except ValueError:  # a closed stream: nothing more to say
        pass
    try:
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe (`tdkt check … | head`): nothing more to say
        pass
    os._exit(code)


if __name__ == "__main__":
    main()
