"""Source text: decoding, NFC normalisation, line splitting, comments, offset ↔ line/column.

Every later stage works on ``Source.text`` (NFC). Spans are offsets into that text; line and
column numbers are 1-based, columns counted in characters of the NFC text.
"""


import bisect
import os
import re
import stat
import unicodedata
from typing import NamedTuple
from pathlib import Path

# A plan is a few dozen KB (long-bien-2023: 25 KB); refuse absurd inputs early. Compiling and
# building take ~60 MB of memory per MB of source on top of ~60 MB (bench/bench.py), so 6.5 MB —
# 260 times a real plan — keeps a build under 500 MB; a 10 MB file is refused before it is parsed
# (F905). A single 5 MB line still reaches the line limit (F926) with the rest of the plan checked.
MAX_SOURCE_BYTES = 6_500_000
# One line is one paragraph, bullet or field of a plan: the longest real ones are a few thousand
# characters. Longer lines are refused before parsing (F926), as are files of too many lines (F927).
MAX_LINE_CHARS = 50_000
# A real plan has 60–300 lines (15–40 KB), the 100× plan of bench/bench.py 10,152 lines. The
# compiled model costs 6–8 KB a line and building a DOCX as much again per byte (90,000 short
# lines: 626 MB; 30,000 lines of 330 characters, 10 MB: check 424 MB, build 520 MB): with these
# two limits every plan tdkt accepts builds in under 500 MB (bench/README.md).
MAX_LINES = 25_000


def read_limited(path: str | Path, limit: int | None = None) -> bytes:
    """The bytes of a *regular* file, at most ``limit`` of them.

    Opened with O_NONBLOCK so that a FIFO cannot block, then checked with fstat (no race between
    a check and the open); the size is counted while reading, never taken from st_size (which is
    0 for /dev/zero and for files in /proc)."""
    name = str(path)
    limit = MAX_SOURCE_BYTES if limit is None else limit
    try:
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise SourceError("F901", name) from None
    except IsADirectoryError:
        raise SourceError("F904", name) from None
    except PermissionError:
        raise SourceError("F906", name) from None
    except OSError as exc:
        raise SourceError("F906", name, reason=exc.strerror or str(exc)) from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise SourceError("F904", name)
        if not stat.S_ISREG(st.st_mode):
            raise SourceError("F919", name)
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            total += len(chunk)
            if total > limit:
                raise SourceError("F905", name, size=f"> {limit}", limit=limit)
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise SourceError("F906", name, reason=exc.strerror or str(exc)) from None
    finally:
        os.close(fd)


class SourceError(Exception):
    """The file cannot be read as a tdkt source (missing, not UTF-8, too large)."""

    def __init__(self, code: str, path: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.path = path
        self.params = params


# A comment starts with `//` at the start of a line or after whitespace, unless escaped as `\//`.
# Requiring whitespace before it keeps addresses such as https://moet.gov.vn in prose.
_COMMENT = re.compile(r"(?:(?<=^)|(?<=[ \t]))(?<!\\)//.*$")


class Comment(NamedTuple):
    line: int  # 1-based
    start: int  # offset in Source.text
    end: int
    text: str  # without the leading //, stripped


class Line(NamedTuple):
    number: int  # 1-based
    start: int  # offset of the first character
    text: str  # content with comment removed, right-stripped
    raw: str  # the whole line as written (without newline)
    indent: int  # count of leading spaces/tabs


class Source:
    """One source text (NFC, LF line ends) and where it came from. A plain class, like the few other
    mutable records a check reads: a dataclass costs ~0.5 ms of start-up to define."""

    __slots__ = ("path", "text", "was_nfc", "_line_starts", "_split")

    def __init__(self, path: str, text: str, was_nfc: bool = True) -> None:
        self.path, self.text, self.was_nfc = path, text, was_nfc
        starts = [0]
        for m in re.finditer("\n", text):
            starts.append(m.end())
        self._line_starts = starts
        self._split: tuple | None = None  # lines() of this text

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Source):
            return NotImplemented
        return (self.path, self.text, self.was_nfc) == (other.path, other.text, other.was_nfc)

    __hash__ = None  # mutable, as the dataclass was

    def __repr__(self) -> str:
        return f"Source(path={self.path!r}, text={self.text[:40]!r}…, was_nfc={self.was_nfc})"

    # -- construction -------------------------------------------------------------------
    @classmethod
    def from_text(cls, text: str, path: str = "<input>") -> "Source":
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if text.startswith("\ufeff"):
            text = text[1:]
        nfc = unicodedata.normalize("NFC", text)
        return cls(path=path, text=nfc, was_nfc=(nfc == text))

    @classmethod
    def from_bytes(cls, data: bytes, path: str = "<input>") -> "Source":
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise SourceError("F902", path, line=line, byte=exc.start) from None
        if "\x00" in text:
            raise SourceError("F903", path)
        return cls.from_text(text, path)

    @classmethod
    def from_path(cls, path: str | Path) -> "Source":
        return cls.from_bytes(read_limited(path), str(path))

    # -- positions -----------------------------------------------------------------------
    def line_col(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, len(self.text)))
        i = bisect.bisect_right(self._line_starts, offset) - 1
        return i + 1, offset - self._line_starts[i] + 1

    def line_cols(self, start: int, end: int) -> tuple[int, int, int, int]:
        """``line_col`` of ``start`` and of ``end`` (0 <= start <= end <= len(text)): one search
        when both are on one line, as nearly every span is."""
        starts = self._line_starts
        i = bisect.bisect_right(starts, start) - 1
        if i + 1 < len(starts) and end >= starts[i + 1]:
            return (i + 1, start - starts[i] + 1) + self.line_col(end)
        return i + 1, start - starts[i] + 1, i + 1, end - starts[i] + 1

    def line_text(self, line: int) -> str:
        if line < 1 or line > len(self._line_starts):
            return ""
        start = self._line_starts[line - 1]
        end = self.text.find("\n", start)
        return self.text[start:] if end < 0 else self.text[start:end]

    def line_start(self, line: int) -> int:
        return self._line_starts[max(0, min(line, len(self._line_starts)) - 1)]

    @property
    def line_count(self) -> int:
        return len(self._line_starts)

    # -- lines and comments -------------------------------------------------------------
    def lines(self) -> tuple[list[Line], list[Comment]]:
        """Split into lines with comments removed; comments are returned separately."""
        if self._split is None:  # a session meets an unchanged profile's Source again
            self._split = self._lines()
        return list(self._split[0]), list(self._split[1])

    def _lines(self) -> tuple[list[Line], list[Comment]]:
        out: list[Line] = []
        comments: list[Comment] = []
        for i, (start, raw) in enumerate(zip(self._line_starts, self.text.split("\n"))):  # = line_text(i + 1)
            m = _COMMENT.search(raw) if "//" in raw else None  # most lines have none: skip the regex
            content = raw
            if m:
                comments.append(
                    Comment(i + 1, start + m.start(), start + len(raw), raw[m.start() + 2 :].strip())
                )
                content = raw[: m.start()]
            content = content.rstrip()
            indent = len(content) - len(content.lstrip(" \t"))
            out.append(Line(i + 1, start, content, raw, indent))
        return out, comments
