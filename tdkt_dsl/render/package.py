"""The DOCX package around the document: one zip written from bytes.

Every part but two is the same for every plan — python-docx's default template restyled (styles,
settings, fonts, theme, numbering, the page-number headers, content types, relationships …). They are
made ahead of time by ``scripts/gen_docx_parts.py`` (with python-docx, which tdkt no longer needs at
run time) into ``tdkt_dsl/generated_docx.py``, already deflated; ``tests/render/test_package_parts.py``
fails when they are stale and checks that the package equals python-docx's own for every example.
What depends on the plan is ``word/document.xml`` (the writer fills the skeleton's body) and
``docProps/core.xml`` (title, subject, author, keywords, the plan's date).

The zip is written the way ``zipfile`` writes ``writestr`` members (deflated, fixed 1980 timestamps,
mode 0644, Unix), so the bytes are those python-docx's package writer gave through ``zipfile``: the
stored parts are not deflated again. They were deflated by one zlib version; another one (whose
deflate may differ) deflates them once per process, so a package never mixes two zlibs.
"""

from __future__ import annotations

import datetime as _dt
import struct
import zlib
from functools import lru_cache

from lxml import etree

_DOS_DATE = (1980 - 1980) << 9 | 1 << 5 | 1  # 1980-01-01, 00:00:00: the same plan gives the same bytes
_DOS_TIME = 0
_MODE = 0o644 << 16
_UNIX = 3
_VERSION = 20  # deflate
_DEFLATED = 8


def deflate(data: bytes) -> bytes:
    """What ``zipfile`` writes for a ZIP_DEFLATED member at the default level."""
    c = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


@lru_cache(maxsize=1)
def _static() -> dict[str, tuple[int, int, bytes]]:
    """The fixed parts: name → (CRC-32, size, deflated bytes)."""
    from .. import generated_docx as gen

    if gen.ZLIB == zlib.ZLIB_RUNTIME_VERSION:
        return dict(gen.STATIC)
    return {name: (crc, size, deflate(zlib.decompress(data, -15))) for name, (crc, size, data) in gen.STATIC.items()}


def document_root() -> etree._Element:
    """A fresh ``w:document`` whose body holds only the final ``w:sectPr`` (header references)."""
    from .. import generated_docx as gen

    return etree.fromstring(gen.DOCUMENT)


_CORE_DATES = ("created", "modified", "lastPrinted")


def core_xml(*, title: str, subject: str, author: str, keywords: str, stamp: _dt.datetime) -> bytes:
    """docProps/core.xml: the skeleton's fixed properties (language, revision …) and the plan's."""
    from .. import generated_docx as gen

    return fill_core(gen.CORE, title=title, subject=subject, author=author, keywords=keywords, stamp=stamp)


def fill_core(skeleton: bytes, *, title: str, subject: str, author: str, keywords: str,
              stamp: _dt.datetime) -> bytes:
    root = etree.fromstring(skeleton)
    # description: python-docx sets "" (printed as an open and a close tag, which parsing loses)
    values = dict(title=title, subject=subject, creator=author, keywords=keywords, description="")
    date = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")  # as python-docx writes W3CDTF dates
    for el in root:
        name = etree.QName(el).localname
        if name in values:
            el.text = values[name]
        elif name in _CORE_DATES:
            el.text = date
    return etree.tostring(root, encoding="UTF-8", standalone=True)


def write(document: bytes, core: bytes) -> bytes:
    """The .docx bytes: every member in python-docx's order, the two plan parts deflated here."""
    from .. import generated_docx as gen

    static = _static()
    own = {gen.DOCUMENT_PART: document, gen.CORE_PART: core}
    out, central, offset = [], [], 0
    for name in gen.MEMBERS:
        if name in own:
            data = own[name]
            crc, size, packed = zlib.crc32(data), len(data), deflate(data)
        else:
            crc, size, packed = static[name]
        fname = name.encode("ascii")
        local = struct.pack("<4s2B4HL2L2H", b"PK\003\004", _VERSION, 0, 0, _DEFLATED, _DOS_TIME, _DOS_DATE,
                            crc, len(packed), size, len(fname), 0)
        central.append(struct.pack("<4s4B4HL2L5H2L", b"PK\001\002", _VERSION, _UNIX, _VERSION, 0, 0, _DEFLATED,
                                   _DOS_TIME, _DOS_DATE, crc, len(packed), size, len(fname), 0, 0, 0, 0,
                                   _MODE, offset) + fname)
        out += (local, fname, packed)
        offset += len(local) + len(fname) + len(packed)
    directory = b"".join(central)
    end = struct.pack("<4s4H2LH", b"PK\005\006", 0, 0, len(central), len(central), len(directory), offset, 0)
    return b"".join(out) + directory + end
