"""The one safe reader of a DOCX package, shared by `tdkt verify` and `tdkt import`.

A DOCX is untrusted input: a zip whose central directory can lie, XML that can declare a DTD or
entities, numbers that can be anything. This module opens it with one set of limits and one error
(`DocxRefused`, a `Problem` carrying one F9xx diagnostic of the catalogue; exit 2):

- the file on disk: a regular file, at most ``MAX_FILE`` bytes, size counted while reading;
- the zip: at most ``MAX_ENTRIES`` parts, no absolute or ``..`` names, no encryption; every
  part's declared size at most ``MAX_PART`` and all together at most ``MAX_TOTAL``; above
  ``RATIO_FLOOR`` a part may not compress better than ``MAX_RATIO``:1 — all checked from the
  central directory before anything is decompressed, and again while decompressing;
- the XML: decoded as an XML parser would (BOM, UTF-16 without BOM, the declaration's
  encoding; OOXML allows UTF-8 and UTF-16 only), refused if it declares a DTD or an entity
  anywhere, at most ``MAX_MARKUP`` tags, attribute values at most ``MAX_ATTRIBUTE`` characters,
  then parsed from the very text that was checked by a parser that never loads a DTD, never
  resolves an entity and never touches the network.

tdkt's own largest outputs (a plan a hundred times the Long Biên plan: a 4 MB document.xml that
deflates 80:1) stay well inside these limits (tests/test_docx_package.py).
"""

from __future__ import annotations

import codecs
import io
import posixpath
import re
import stat
import zipfile
from pathlib import Path
from lxml import etree

from .diagnostics import Problem

MB = 1024 * 1024
MAX_FILE = 25 * MB  # the .docx itself: a plan is well under 1 MB, with pictures a few MB
MAX_PART = 32 * MB  # one part, uncompressed: a 100× plan's document.xml is 4 MB, the longest plan
# tdkt accepts (6.5 MB of source) makes 14 MB; verify of a 45 MB part peaked at 532 MB (bench/README)
MAX_TOTAL = 100 * MB  # all parts together, uncompressed
MAX_RATIO = 300  # deflated XML of a real document: 5–80:1; a zip bomb: ~1000:1
XML_SUFFIXES = (".xml", ".rels", ".vml")
RATIO_FLOOR = 1 * MB  # small parts may compress as they like
MAX_ENTRIES = 5000
MAX_MARKUP = 2_000_000  # "<" in one part: a 100× plan's document.xml has 190,000
MAX_ATTRIBUTE = 65536  # characters of one attribute value (Word writes short values)
MAX_TEXT_RUN = 3_000_000  # characters between two tags (a paragraph's run is a few thousand); under
# lxml's own limit of 10,000,000 bytes per text node even at 3 bytes a character, so that limit's
# message (in English, from libxml2) is never what a user reads

PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"


class DocxRefused(Problem):
    """A DOCX that cannot or must not be read: one F9xx diagnostic (exit 2, `Code.usage`)."""

    @property
    def message_vi(self) -> str:
        return self.message("vi")

    @property
    def message_en(self) -> str:
        return self.message("en")


# -- the file ----------------------------------------------------------------------------------

def read_file(path: str | Path) -> bytes:
    """The bytes of a regular file of at most MAX_FILE bytes, counted while reading."""
    return read_regular(Path(path), MAX_FILE, DocxRefused)


def read_regular(p: Path, limit: int, refusal: type[Problem] = Problem) -> bytes:
    """Only a regular file (a FIFO would block, /dev/zero never ends), its size checked while
    reading since st_size can lie; every refusal names the file and is a ``refusal``."""
    try:
        st = p.stat()
    except FileNotFoundError:
        raise refusal("F901", str(p), path=str(p)) from None
    except OSError:
        raise refusal("F906", str(p), path=str(p)) from None
    if stat.S_ISDIR(st.st_mode):
        raise refusal("F904", str(p), path=str(p))
    if not stat.S_ISREG(st.st_mode):
        raise refusal("F919", str(p), path=str(p))
    if st.st_size > limit:
        raise refusal("F905", str(p), size=st.st_size, limit=limit)
    try:
        with open(p, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError:
        raise refusal("F906", str(p), path=str(p)) from None
    if len(data) > limit:
        raise refusal("F905", str(p), size=len(data), limit=limit)
    return data


# -- the package -------------------------------------------------------------------------------

def _unsafe_name(name: str) -> bool:
    if not name or "\x00" in name or "\\" in name or name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return True
    return ".." in name.split("/")


class DocxPackage:
    """A checked DOCX package. Use `DocxPackage.open(path)` or `DocxPackage.from_bytes(data)`."""

    def __init__(self, data: bytes, name: str = "") -> None:
        self.path = name
        if len(data) > MAX_FILE:
            raise DocxRefused("F905", name, size=len(data), limit=MAX_FILE)
        if not data.startswith(b"PK"):
            raise DocxRefused("F909", name)
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, RuntimeError,
                NotImplementedError) as exc:
            raise DocxRefused("F910", name, detail=str(exc)) from None
        self._check_directory(infos)
        self.names = {i.filename for i in infos}
        self._read_total = 0
        # every XML part is checked, read or not: a DTD anywhere refuses the package
        for info in infos:
            if info.filename.lower().endswith(XML_SUFFIXES):
                check_xml(self.read(info.filename), info.filename, self.path)
        self._read_total = 0  # what the readers decompress next is counted again

    @classmethod
    def open(cls, path: str | Path) -> "DocxPackage":
        return cls(read_file(path), str(path))

    @classmethod
    def from_bytes(cls, data: bytes, name: str = "") -> "DocxPackage":
        return cls(data, name)

    def close(self) -> None:
        self.zip.close()

    def __enter__(self) -> "DocxPackage":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _check_directory(self, infos: list[zipfile.ZipInfo]) -> None:
        if len(infos) > MAX_ENTRIES:
            raise DocxRefused("F911", self.path, count=len(infos), limit=MAX_ENTRIES)
        total = 0
        for info in infos:
            if _unsafe_name(info.filename):
                raise DocxRefused("F921", self.path, member=info.filename.replace("\x00", "\\0"))
            if info.flag_bits & 0x1:
                raise DocxRefused("F914", self.path)
            if info.file_size > MAX_PART:
                raise DocxRefused("F912", self.path, member=info.filename, limit=MAX_PART // MB)
            total += info.file_size
            if total > MAX_TOTAL:
                raise DocxRefused("F922", self.path, limit=MAX_TOTAL // MB)
            if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise DocxRefused("F913", self.path, member=info.filename,
                                  ratio=info.file_size // max(info.compress_size, 1))

    @property
    def has_macros(self) -> bool:
        return any(n.lower().endswith("vbaproject.bin") for n in self.names)

    def read(self, name: str) -> bytes:
        """Decompress one part, never more than it declared nor more than the limits allow."""
        info = self.zip.getinfo(name)
        limit = min(info.file_size, MAX_PART)
        try:
            with self.zip.open(info) as fh:
                data = fh.read(limit + 1)
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError, ValueError) as exc:
            raise DocxRefused("F910", self.path, detail=f"{name}: {exc}") from None
        if len(data) > limit:  # the directory lied about the size
            raise DocxRefused("F912", self.path, member=name, limit=MAX_PART // MB)
        self._read_total += len(data)
        if self._read_total > MAX_TOTAL:
            raise DocxRefused("F922", self.path, limit=MAX_TOTAL // MB)
        return data

    def xml(self, name: str) -> etree._Element | None:
        """The checked, parsed part ``name``; None when the package has no such part."""
        if name not in self.names:
            return None
        return parse_xml(self.read(name), name, self.path)

    def rels(self, part: str) -> dict[str, str]:
        """rId -> target part name, and "type:<relationship type>" -> target, of ``part``."""
        folder, base = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        out: dict[str, str] = {}
        if root is None:
            return out
        for rel in root.iter(f"{{{PKG_REL_NS}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join(folder, target))
            out[rel.get("Id", "")] = name
            out["type:" + rel.get("Type", "")] = name
        return out

    def main_part(self) -> str:
        """The main document part (word/document.xml in every DOCX Word writes)."""
        name = self.rels("").get("type:" + OFFICE_DOC, "word/document.xml")
        if name not in self.names:
            name = "word/document.xml"
        if name not in self.names:
            raise DocxRefused("F915", self.path, member="word/document.xml")
        return name


# -- XML ---------------------------------------------------------------------------------------

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                          huge_tree=False, remove_comments=True, remove_pis=True)
_DECL = re.compile(r"^<\?xml\b[^>]*?\?>")
_DECL_BYTES = re.compile(rb"^<\?xml\b[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]{1,40})[\"']")
_DTD = re.compile(r"<!\s*(DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)", re.IGNORECASE)
_LONG_ATTRIBUTE = re.compile(r"""=\s*(?:"[^"<]{%d}|'[^'<]{%d})""" % (MAX_ATTRIBUTE, MAX_ATTRIBUTE))
_ALLOWED = {"utf-8": "utf-8", "utf-16": "utf-16", "utf-16-le": "utf-16-le", "utf-16-be": "utf-16-be"}


def detect_encoding(data: bytes) -> tuple[str, int]:
    """(codec, bytes of BOM to skip), as XML 1.0 appendix F reads the first bytes."""
    boms = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
            (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
    for bom, codec in boms:
        if data.startswith(bom):
            return codec, len(bom)
    head = data[:4]
    if head == b"\x00\x00\x00<":
        return "utf-32-be", 0
    if head == b"<\x00\x00\x00":
        return "utf-32-le", 0
    if head[:2] == b"\x00<":
        return "utf-16-be", 0
    if head[:2] == b"<\x00":
        return "utf-16-le", 0
    if head == b"\x4c\x6f\xa7\x94":
        return "ebcdic", 0
    m = _DECL_BYTES.match(data[:200])
    return (m.group(1).decode("ascii").lower() if m else "utf-8"), 0


def decode_xml(data: bytes, name: str, file: str = "") -> str:
    """The text of an XML part, decoded as an XML parser would decode it; only UTF-8/16."""
    codec, skip = detect_encoding(data)
    codec = _ALLOWED.get(codec.replace("_", "-"))
    if codec is None:
        raise DocxRefused("F923", file, member=name, encoding=detect_encoding(data)[0])
    try:
        return data[skip:].decode(codec)
    except UnicodeDecodeError as exc:
        raise DocxRefused("F917", file, member=name, detail=f"{codec}: byte {exc.start}") from None


def check_xml(data: bytes, name: str, file: str = "") -> str:
    """The decoded text of an XML part that declares no DTD and stays within the limits."""
    text = decode_xml(data, name, file)
    if _DTD.search(text):
        raise DocxRefused("F916", file, member=name)
    markup = text.count("<")
    if markup > MAX_MARKUP:
        raise DocxRefused("F924", file, member=name, count=markup, limit=MAX_MARKUP)
    if _LONG_ATTRIBUTE.search(text):
        raise DocxRefused("F925", file, member=name, limit=MAX_ATTRIBUTE)
    if len(text) > MAX_TEXT_RUN and max(map(len, text.split("<"))) > MAX_TEXT_RUN:
        raise DocxRefused("F928", file, member=name, limit=MAX_TEXT_RUN)
    return text


def parse_xml(data: bytes, name: str, file: str = "") -> etree._Element:
    """Check and parse one XML part (see the module's docstring). Raises DocxRefused."""
    text = check_xml(data, name, file)
    # parse exactly the text checked above: its declaration (and encoding) dropped, as UTF-8
    body = _DECL.sub("", text.lstrip("\ufeff"), count=1)
    try:
        root = etree.fromstring(body.encode("utf-8", "surrogatepass"), _PARSER)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise DocxRefused("F917", file, member=name, detail=" ".join(str(getattr(exc, "msg", exc)).split())) from None
    if root is None:
        raise DocxRefused("F917", file, member=name, detail="empty")
    return root


# -- numbers in attributes ---------------------------------------------------------------------

def number(value: str | None, lo: float, hi: float) -> int | None:
    """An integer attribute value within [lo, hi], or None: absent, not a number, inf, nan,
    absurdly long or out of range (``w:sz="1e400"``, ``w:gridSpan="2000000000"``)."""
    if value is None or len(value) > 24:
        return None
    try:
        v = float(value.strip())
    except ValueError:
        return None
    if not (lo <= v <= hi):  # also false for nan; inf is out of every range
        return None
    return int(v)
