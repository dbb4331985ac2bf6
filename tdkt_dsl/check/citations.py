"""Trích dẫn văn bản (C7xx). Trích dẫn trong `căn cứ:` sai dạng đã được báo khi dựng mô hình (M214);
ở đây xét thêm trích dẫn nằm trong đoạn văn ("… theo Kế hoạch số 3597/KH-SGDĐT ngày 27/10/2022 của
Sở …") và đối chiếu mọi trích dẫn với **danh sách văn bản cấp trên** dùng chung.

**C701 malformed-prose-citation** — số ký hiệu trong đoạn văn sai dạng.

    … theo Kế hoạch số: 05 /KH-PGD&ĐT ngày 15/02/2023 …   // sai: "số:", dấu cách trước "/"
    … theo Kế hoạch số 05/KH-PGDĐT ngày 15/02/2023 …      // đúng

**C702 citation-number-mismatch**, **C703 citation-date-mismatch**, **C704 citation-issuer-mismatch**
— trích dẫn một văn bản có trong danh sách văn bản cấp trên nhưng ghi số ký hiệu, ngày hay cơ quan
ban hành khác danh sách. Văn bản được nhận ra khi cùng loại và cùng ngày (và cùng cơ quan hoặc cùng
số), hoặc cùng số ký hiệu và cùng cơ quan.

    Kế hoạch số 5842/KH-SGD&ĐT ngày 26/12/2022 của Sở GD&ĐT …   // sai: danh sách ghi 4582/KH-SGDĐT
    Kế hoạch số 4582/KH-SGDĐT ngày 26/12/2022 của Sở GD&ĐT …    // đúng

Danh sách là một tệp TOML, ví dụ `examples/van-ban-cap-tren.toml`; kế hoạch dùng nó khi cấu hình
dự án (`[tool.tdkt]` trong pyproject.toml hoặc `tdkt.toml`, tìm từ thư mục của kế hoạch trở lên)
có `references = ["examples/van-ban-cap-tren.toml"]`:

    [[van-ban]]
    loai = "Kế hoạch"
    so = "4582/KH-SGDĐT"
    ngay = "26/12/2022"
    co-quan = "Sở Giáo dục và Đào tạo Hà Nội"
    ten-khac = ["Sở GDĐT", "Sở GD&ĐT", "Sở Giáo dục và Đào tạo"]
    trich-yeu = "Công tác thi đua, khen thưởng ngành Giáo dục và Đào tạo năm 2023"

(Khóa tiếng Anh cũng được: `[[document]]`, `type`, `number`, `date`, `issuer`, `aliases`, `title`.)

**C705 invalid-reference-list** — tệp danh sách văn bản cấp trên không đọc được hoặc sai dạng.
"""


import datetime as _dt
import os
import re
from collections.abc import Iterator
from typing import NamedTuple
from functools import lru_cache

from .. import vocabulary
from ..catalogue import Wording, say
from ..diagnostics import Diagnostic, Edit, Fix, Span
from ..model.citations import SYMBOL
from ..model.nodes import Plan
from ..source import Source
from ..vocabulary import fold
from ._common import Locator, citations, diag, fmt_date, prose_citations



class KnownDoc(NamedTuple):
    doc_type: str
    number: str
    date: _dt.date
    issuer: str
    names: set[str]  # folded issuer names
    title: str = ""

    @property
    def num_part(self) -> str:
        return re.split(r"[/-]", self.number, maxsplit=1)[0].lstrip("0")


_KEYS = {"loai": "type", "type": "type", "so": "number", "number": "number", "ngay": "date",
         "date": "date", "co-quan": "issuer", "issuer": "issuer", "ten-khac": "aliases",
         "aliases": "aliases", "trich-yeu": "title", "title": "title"}
_LIST_CACHE: dict[tuple, tuple[list[KnownDoc], list[Diagnostic]]] = {}


@lru_cache(maxsize=4096)
def norm_issuer(s: str) -> str:
    s = re.sub(r"\([^)]*\)", " ", s)
    return fold(s.replace("&", "").replace("-", " "))


def load_reference_list(path: str) -> tuple[list[KnownDoc], list[Diagnostic]]:
    from ..config import _read_toml
    from pathlib import Path

    try:
        st = os.stat(path)  # not the mtime alone: a rewrite within its tick (or mtime restored) is seen
        key = (path, st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino)
    except OSError:
        key = (path, -1, -1, -1, -1)
    if key in _LIST_CACHE:
        return _LIST_CACHE[key]
    docs: list[KnownDoc] = []
    problems: list[Diagnostic] = []
    point = Span.point(path)

    def bad(problem: Wording) -> None:
        problems.append(Diagnostic(code="C705", span=point, params=dict(path=path, problem=problem)))

    if not Path(path).is_file():
        bad(say("file.F901"))
    else:
        data, err = _read_toml(Path(path))
        if data is None:
            bad(say("config.not-toml", error=err))
        else:
            entries = data.get("van-ban", data.get("document", []))
            if not isinstance(entries, list):
                bad(say("citations.list.no-tables"))
                entries = []
            for i, e in enumerate(entries, 1):
                if not isinstance(e, dict):
                    bad(say("citations.list.not-a-table", entry=i))
                    continue
                v = {_KEYS.get(k, k): val for k, val in e.items()}
                missing = [k for k in ("type", "number", "date", "issuer") if not isinstance(v.get(k), str)]
                if missing:
                    bad(say("citations.list.lacks", entry=i, keys=", ".join(missing)))
                    continue
                dm = re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*", v["date"])
                try:
                    date = _dt.date(int(dm.group(3)), int(dm.group(2)), int(dm.group(1))) if dm else None
                except ValueError:
                    date = None
                if date is None:
                    bad(say("citations.list.bad-date", entry=i, date=v["date"]))
                    continue
                aliases = v.get("aliases", [])
                if not isinstance(aliases, list):
                    aliases = [aliases]
                names = {norm_issuer(v["issuer"])} | {norm_issuer(a) for a in aliases if isinstance(a, str)}
                docs.append(KnownDoc(doc_type=v["type"].strip(), number="".join(v["number"].split()), date=date,
                                     issuer=v["issuer"].strip(), names=names, title=str(v.get("title", ""))))
    _LIST_CACHE[key] = (docs, problems)
    return docs, problems


# a date written as a literal (not through a variable): "09/12/2022", "9 tháng 12 năm 2022"
_LITERAL_DATE = re.compile(r"\d{1,2}/\d{1,2}/\d{4}|\d{1,2} %s \d{1,2} %s \d{4}"
                           % (re.escape(vocabulary.date_word("month")), re.escape(vocabulary.date_word("year"))))


class _Cited(NamedTuple):
    doc_type: str
    number: str
    date: _dt.date | None
    issuer: str | None
    number_span: Span | None
    number_edit: tuple[int, int] | None  # source offsets when literal
    date_span: Span | None
    date_edit: tuple[int, int] | None
    issuer_span: Span | None


def _num_part(number: str) -> str:
    return re.split(r"[/-]", number, maxsplit=1)[0].lstrip("0")


def _match(c: _Cited, docs: list[KnownDoc], folded: list[tuple[str, str, str]] | None = None) -> KnownDoc | None:
    """The known document ``c`` cites, if any (``folded``: each document's folded type, number
    symbol and number part, as `_keys` gives them, when the caller matches many citations)."""
    best, best_score = None, 0
    number = "".join(c.number.split())
    doc_type = fold(c.doc_type)
    issuer = norm_issuer(c.issuer) if c.issuer else None
    num_part = _num_part(number)
    symbol = number.split("/", 1)[-1] if "/" in number else None
    for k, (k_type, k_symbol, k_num_part) in zip(docs, folded if folded is not None else _keys(docs)):
        if k_type != doc_type:
            continue
        issuer_ok = None if issuer is None else (issuer in k.names)
        same_date = c.date == k.date
        same_number = number == k.number
        same_num = num_part == k_num_part
        same_sym = symbol == k_symbol
        if same_date and (issuer_ok is True or same_number or same_num
                          or (issuer_ok is None and same_sym)):
            score = 3 + same_number + bool(issuer_ok)
        elif same_number and issuer_ok is not False:
            score = 2 + bool(issuer_ok)
        else:
            continue
        if score > best_score:
            best, best_score = k, score
    return best


def _keys(docs: list[KnownDoc]) -> list[tuple[str, str, str]]:
    """Each known document's folded type, the symbol after the first "/" of its number, and its
    number part."""
    return [(fold(k.doc_type), k.number.split("/", 1)[-1], k.num_part) for k in docs]


def _collect(plan: Plan, sources: dict[str, Source], loc: Locator) -> list[_Cited]:
    out: list[_Cited] = []
    for c in citations(plan):
        nspan = nedit = None
        src = sources.get(c.span.file) if c.span else None
        if src is not None and c.span is not None:
            seg = src.text[c.span.start:c.span.end]
            i = seg.find(c.number)
            if i >= 0:
                nedit = (c.span.start + i, c.span.start + i + len(c.number))
                nspan = Span.of(src, *nedit)
        dspan = c.date.span if c.date else None
        dedit = None
        if dspan is not None and src is not None:
            raw = src.text[dspan.start:dspan.end]
            if _LITERAL_DATE.fullmatch(raw):
                dedit = (dspan.start, dspan.end)
        try:
            date = c.date.as_date() if c.date else None
        except ValueError:
            date = None
        out.append(_Cited(c.doc_type, c.number, date, c.issuer.plain if c.issuer else None, nspan, nedit,
                          dspan, dedit, c.issuer.span if c.issuer else None))
    for pc in prose_citations(plan):
        # (where `loc.edit` would put an edit: the span, when every character was written literally)
        nspan = loc.span(pc.text, *pc.number_at)
        ne = (nspan.start, nspan.end) if nspan is not None and loc.literal(pc.text, *pc.number_at) else None
        dspan = loc.span(pc.text, *pc.date_at) if pc.date_at else None
        de = (dspan.start, dspan.end) if dspan is not None and loc.literal(pc.text, *pc.date_at) else None
        ispan = loc.span(pc.text, *pc.issuer_at) if pc.issuer_at else None
        out.append(_Cited(pc.doc_type, pc.number, pc.date, pc.issuer, nspan, ne, dspan, de, ispan))
    return out


def check_citations(plan: Plan, sources: dict[str, Source]) -> Iterator[Diagnostic]:
    from ..config import load_for

    loc = Locator(sources)
    # ---- C701 prose citations with a malformed number
    for pc in prose_citations(plan):
        number = pc.number
        problem = None
        compact = re.sub(r"\s*/\s*", "/", number)
        if compact != number:
            problem = say("citations.number.spaces")
        elif not SYMBOL.match(number):
            problem = say("citations.number.no-symbol")
        if problem is None:
            continue
        sp = loc.span(pc.text, *pc.number_at)
        if sp is None:
            continue
        fix = None
        if compact != number and SYMBOL.match(compact):
            e = loc.edit(pc.text, *pc.number_at, compact)
            fix = Fix.of([e], say("fix.write-compact", text=compact)) if e else None
        yield diag("C701", sp, fix=fix, number=number, problem=problem)
    # ---- the shared reference list
    cfg = load_for(plan.source_path)
    docs: list[KnownDoc] = []
    for path in cfg.references:
        found, problems = load_reference_list(path)
        docs.extend(found)
        yield from problems
    if not docs:
        return
    folded = _keys(docs)
    for c in _collect(plan, sources, loc):
        k = _match(c, docs, folded)
        if k is None:
            continue
        number = "".join(c.number.split())
        if number != k.number and c.number_span is not None:
            fix = (Fix.of([Edit(start=c.number_edit[0], end=c.number_edit[1], text=k.number)],
                          say("fix.make-it", to=k.number)) if c.number_edit else None)
            yield diag("C702", c.number_span, fix=fix, expected=k.number, found=c.number)
        if c.date is not None and c.date != k.date and c.date_span is not None:
            fix = (Fix.of([Edit(start=c.date_edit[0], end=c.date_edit[1], text=fmt_date(k.date))],
                          say("fix.make-it", to=fmt_date(k.date))) if c.date_edit else None)
            yield diag("C703", c.date_span, fix=fix, number=k.number, expected=fmt_date(k.date),
                       found=fmt_date(c.date))
        if c.issuer and norm_issuer(c.issuer) not in k.names and c.issuer_span is not None:
            yield diag("C704", c.issuer_span, number=k.number, expected=k.issuer, found=c.issuer.strip())
