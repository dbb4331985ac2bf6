"""What several tests need of the project's scripts and entry point: a generator loaded as a module
(scripts/gen_*.py, to ask whether its committed file is current), and the modules a real `tdkt`
command loads."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def load_script(name: str) -> ModuleType:
    """scripts/<name>.py as a module (it is not a package)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


PROBE = """
import os, sys
sys.argv = ["tdkt", *{args!r}]
real_exit = os._exit
def _exit(code):  # the entry point's last step: list what the command loaded
    sys.stdout.flush()
    print("MODULES", " ".join(sorted(sys.modules)), file=sys.stderr)
    defined = sorted(f"{{name}}.{{obj.__qualname__}}" for name, mod in list(sys.modules.items())
                     if name.startswith("tdkt_dsl") for obj in list(vars(mod).values())
                     if isinstance(obj, type) and obj.__module__ == name and "__dataclass_fields__" in vars(obj))
    print("DATACLASSES", " ".join(defined), file=sys.stderr)
    sys.stderr.flush()
    real_exit(code)
os._exit = _exit
from tdkt_dsl.launch import main
main()
"""


def _probe(args: tuple[str, ...], what: str) -> set[str]:
    r = subprocess.run([sys.executable, "-c", PROBE.format(args=list(args))], capture_output=True, text=True,
                       encoding="utf-8", cwd=ROOT, timeout=120)
    line = [ln for ln in r.stderr.splitlines() if ln.startswith(what + " ")]
    assert line, r.stderr
    return set(line[-1].split()[1:])


def modules_loaded(*args: str) -> set[str]:
    """The modules `tdkt ARGS` has loaded when it exits (run from the repository's root)."""
    return _probe(args, "MODULES")


def dataclasses_defined(*args: str) -> set[str]:
    """tdkt's dataclasses (module.name) that `tdkt ARGS` defined: those of the modules it loaded (no
    hook into `dataclasses`, which would load it)."""
    return _probe(args, "DATACLASSES")
