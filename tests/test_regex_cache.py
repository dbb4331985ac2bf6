"""The compiled regular expressions a `tdkt` process starts with (tdkt_dsl/regex_cache.py): each is
the program re.compile makes for its pattern under this interpreter, none is used under another
one, and the file covers the patterns `check` and `build` compile."""

from __future__ import annotations

import importlib.util
import marshal
import re
import subprocess
import sys
import zlib
from pathlib import Path

from tdkt_dsl import regex_cache

ROOT = Path(__file__).resolve().parent.parent
REGENERATE = ("tdkt_dsl/regex-programs.bin is stale (a pattern, the grammar or a data table that makes "
              "patterns changed). Regenerate it and commit the result:\n"
              "    .venv/bin/python scripts/gen_regex_cache.py\n"
              "(tdkt works meanwhile: a pattern missing from the file is compiled as usual, only slower.)")


def _gen_script():
    spec = importlib.util.spec_from_file_location("gen_regex_cache", ROOT / "scripts" / "gen_regex_cache.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _read(path) -> tuple:
    return marshal.loads(zlib.decompress(Path(path).read_bytes()))


def _entries(key_and_entries: tuple) -> dict:
    """pattern key → the arguments of _sre.compile, with the code as a list of ints."""
    _, entries = key_and_entries
    return {(b, p, f): (a[0], memoryview(a[1]).cast("I").tolist(), *a[2:]) for b, p, f, a in entries}


def _fresh_file(tmp_path: Path) -> Path:
    path = tmp_path / "regex-programs.bin"
    path.write_bytes(_gen_script().generate())
    return path


def _load_in_fresh_process(path: Path) -> str:
    """load() in a new interpreter, then every pattern of the file through re.compile: prints how
    many were loaded and how many re.compile answered from the loaded objects."""
    code = (f"import re, sys; sys.path.insert(0, {str(ROOT)!r}); from tdkt_dsl import regex_cache\n"
            f"before = dict(re._cache); n = regex_cache.load({str(path)!r})\n"
            "loaded = {k: v for k, v in re._cache.items() if k not in before}\n"
            "same = sum(re.compile(p, f) is loaded[(t, p, f)] for (t, p, f) in loaded)\n"
            "print(n, len(loaded), same)")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          timeout=120).stdout.split()


def test_every_program_is_the_one_re_compiles(tmp_path):
    """For this interpreter, every entry — of the committed file when it was made by this
    interpreter, else of one made now — equals what re._compiler gives its pattern today."""
    data = _read(regex_cache.PROGRAMS)
    if data[0] != regex_cache.interpreter_key():
        data = _read(_fresh_file(tmp_path))
    stored = _entries(data)
    assert len(stored) > 100
    fresh = {(b, p, f): (a[0], a[1], *a[2:]) for b, p, f, a in regex_cache.programs(list(stored))}
    assert fresh == stored


def test_loaded_patterns_are_what_re_compile_returns(tmp_path):
    path = Path(regex_cache.PROGRAMS)
    if _read(path)[0] != regex_cache.interpreter_key():
        path = _fresh_file(tmp_path)
    n, new, same = map(int, _load_in_fresh_process(path))
    assert n > 100 and new == same > 100  # (a pattern the interpreter compiled before load() keeps its object)


def test_a_file_made_by_another_interpreter_or_damaged_is_ignored(tmp_path):
    key, entries = _read(regex_cache.PROGRAMS)
    other = tmp_path / "other.bin"
    other_key = (*key[:2], key[2] + " (another build)", *key[3:])
    other.write_bytes(zlib.compress(marshal.dumps((other_key, entries), 2)))
    assert _load_in_fresh_process(other) == ["0", "0", "0"]
    broken = tmp_path / "broken.bin"
    broken.write_bytes(Path(regex_cache.PROGRAMS).read_bytes()[:-100])
    assert _load_in_fresh_process(broken) == ["0", "0", "0"]
    assert regex_cache.load(str(tmp_path / "missing.bin")) == 0


def test_a_damaged_file_whose_key_survived_is_ignored_whole(tmp_path):
    """This interpreter's key, then entries no program can be built from (cut short, code that
    _sre rejects, code of an odd length): no traceback at start-up, nothing loaded — not even
    the good entries before the bad one."""
    key, entries = _read(regex_cache.PROGRAMS)
    key = regex_cache.interpreter_key()
    good = entries[0]
    b, p, f, (flags, code, *rest) = good
    for bad in [(False, "abc", 0), (False, "abc", 0, (flags, b"\x01\x02\x03\x04" * 3, *rest)),
                (False, "abc", 0, (flags, code[:-1], *rest))]:
        path = tmp_path / "damaged.bin"
        path.write_bytes(zlib.compress(marshal.dumps((key, [good, bad]), 2)))
        assert _load_in_fresh_process(path) == ["0", "0", "0"], bad


def test_the_file_covers_what_check_and_build_compile():
    """The committed file was made by this interpreter for today's patterns. A few patterns
    changed since (another grammar rule, a new data word) only cost speed, so the test allows a
    small drift; a file made by another interpreter is regenerated by ./scripts/setup."""
    key, _ = _read(regex_cache.PROGRAMS)
    gen = _gen_script()
    wanted = set(gen.patterns())
    assert len(wanted) > 100
    if key != regex_cache.interpreter_key():
        assert regex_cache.load(str(regex_cache.PROGRAMS)) == 0
        return
    have = set(_entries(_read(regex_cache.PROGRAMS)))
    missing = wanted - have
    assert len(missing) <= len(wanted) // 20, REGENERATE + f"\nmissing: {sorted(missing, key=repr)[:5]} …"


def test_the_process_entry_loads_them_first():
    """launch.main loads the programs before it imports a stage: a `tdkt check` finds the
    lexer's and the checks' patterns compiled."""
    probe = ("import os, re, sys\nsys.argv = ['tdkt', 'check', 'examples/long-bien-2023.tdkt']\n"
             "from tdkt_dsl import regex_cache\n"
             "calls = []\nreal = re._compiler.compile\n"
             "re._compiler.compile = lambda p, f=0: (calls.append(p), real(p, f))[1]\n"
             "exit_ = os._exit\n"
             "def done(code):\n    sys.stdout.flush(); print('COMPILED', len(calls), file=sys.stderr); exit_(code)\n"
             "os._exit = done\nfrom tdkt_dsl.launch import main\nmain()")
    r = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=120)
    compiled = int(r.stderr.split("COMPILED")[-1])
    if _read(regex_cache.PROGRAMS)[0] == regex_cache.interpreter_key():
        assert compiled <= 10, compiled  # (was ~190)
    else:
        assert compiled > 100
