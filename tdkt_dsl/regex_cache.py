"""Start-up: the regular expressions a `tdkt` process compiles, ready-made.

Python compiles a regular expression from its text on first use, in pure Python (re._parser,
re._compiler): a cold `tdkt check` compiles about 190 of them — the parser's lexer, the prose,
date and citation patterns made from the data tables, the standard library's own — a tenth of its
time. The program re._compiler makes for a pattern depends only on the pattern, its flags and the
interpreter (its `re` module, regex engine and Unicode database), so scripts/gen_regex_cache.py
records the programs of the patterns that `tdkt check` and `tdkt build` of the examples compile,
under the interpreter it runs with, in regex-programs.bin (zlib-compressed marshal, made again by
`./scripts/setup` for the interpreter an install uses). `load()`, the first thing launch.main does,
puts each one into `re`'s own cache, built by `_sre.compile` from exactly the arguments
re.compile would pass it: for the process it is as if each pattern had been compiled once already.

Under any other interpreter (or with a damaged file) nothing is loaded and every pattern is
compiled as usual; a pattern missing from the file (a new grammar rule, another command) too.
tests/test_regex_cache.py checks every program against re's own compilation and that the file is
current.
"""

from __future__ import annotations

import os
import sys

PROGRAMS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "regex-programs.bin")  # no pathlib yet
FORMAT = 1


def interpreter_key() -> tuple:
    """What a compiled program depends on besides the pattern and flags: this exact interpreter
    build (its re module), the regex engine's version and code size, the Unicode database (case
    folding of IGNORECASE patterns) and the largest code point."""
    import _sre
    import unicodedata

    return (FORMAT, sys.implementation.name, sys.version, _sre.MAGIC, _sre.CODESIZE, sys.byteorder,
            sys.maxunicode, unicodedata.unidata_version)


def load(path: str = PROGRAMS) -> int:
    """Put the recorded programs into `re`'s cache; the number of patterns (0: none were usable)."""
    import marshal
    import re
    import zlib

    import _sre

    cache = getattr(re, "_cache", None)
    try:
        with open(path, "rb") as f:
            key, entries = marshal.loads(zlib.decompress(f.read()))
    except (OSError, ValueError, EOFError, TypeError, zlib.error):
        return 0
    if not isinstance(cache, dict) or key != interpreter_key():
        return 0
    try:  # every program is built before any is used: a damaged file whose key survived gives none
        programs = [((bytes if is_bytes else str, pattern, flags),  # re._compile's key
                     _sre.compile(pattern, final_flags, memoryview(code).cast("I").tolist(), groups, groupindex,
                                  indexgroup))
                    for is_bytes, pattern, flags, (final_flags, code, groups, groupindex, indexgroup) in entries]
    except Exception:  # noqa: BLE001 - RuntimeError (invalid code), TypeError, ValueError …: compile as usual
        return 0
    for key, program in programs:
        cache.setdefault(key, program)
    return len(programs)


def _sre_codesize() -> int:
    import _sre

    return _sre.CODESIZE


class Recorder:
    """Stands in for the `_sre` module inside re._compiler while patterns are compiled, keeping the
    arguments re._compiler passes to `_sre.compile` (used by the generator and the tests only)."""

    def __init__(self) -> None:
        import _sre

        self._sre = _sre
        self.calls: dict[tuple, tuple] = {}

    def __getattr__(self, name: str):
        return getattr(self._sre, name)

    def compile(self, pattern, flags, code, groups, groupindex, indexgroup):
        args = (flags, [int(c) for c in code], groups, dict(groupindex), tuple(indexgroup))
        self.calls[(type(pattern) is bytes, pattern)] = args
        return self._sre.compile(pattern, flags, code, groups, groupindex, indexgroup)


def programs(patterns: list[tuple[bool, str | bytes, int]]) -> list[tuple]:
    """(is_bytes, pattern, flags, arguments of _sre.compile after the pattern) for each pattern,
    compiled afresh by this interpreter's re._compiler."""
    from re import _compiler

    recorder = Recorder()
    real, _compiler._sre = _compiler._sre, recorder
    try:
        out = []
        for is_bytes, pattern, flags in patterns:
            recorder.calls.clear()
            _compiler.compile(pattern, flags)
            out.append((is_bytes, pattern, flags, recorder.calls[(is_bytes, pattern)]))
        return out
    finally:
        _compiler._sre = real


def dump(entries: list[tuple]) -> bytes:
    """The file's bytes: each program's code as native unsigned ints of `_sre.CODESIZE` bytes."""
    import array
    import marshal
    import zlib

    assert array.array("I").itemsize == _sre_codesize()
    entries = [(b, p, f, (a[0], array.array("I", a[1]).tobytes(), *a[2:])) for b, p, f, a in entries]
    return zlib.compress(marshal.dumps((interpreter_key(), entries), 2), 9)  # 2: no refs, same bytes every run
