"""One input through the whole front end — source, syntax, model, checks, suppression — and the
invariants every input must keep: no uncaught exception, every span inside its source, every
message formats in both languages, every fix applies. Shared by scripts/fuzz.py and the tests."""

from __future__ import annotations

from tdkt_dsl.compiler import _finish
from tdkt_dsl.diagnostics import Span, render
from tdkt_dsl.fix import apply_edits
from tdkt_dsl.model.builder import BuildResult, build
from tdkt_dsl.source import Source, SourceError

PROFILE = """\
cơ quan: PHÒNG GIÁO DỤC VÀ ĐÀO TẠO
viết tắt: PGDĐT
địa danh: Long Biên
người ký: Nguyễn Văn An
chức vụ: Trưởng phòng
đơn vị pgd: Phòng Giáo dục và Đào tạo
nơi nhận:
- Sở GDĐT
- Lưu: VT
"""


class InvariantError(AssertionError):
    pass


def _loader(path: str) -> Source:
    # profiles never touch the disk while fuzzing: one fixed profile, or "not found"
    if path.endswith(".tdkt") and "khong" not in path:
        return Source.from_text(PROFILE, path)
    raise SourceError("F901", path)


def run_one(data: bytes, path: str = "<fuzz>.tdkt") -> int:
    """Compile ``data``; raise on a crash or a broken invariant. Returns the diagnostic count."""
    try:
        source = Source.from_bytes(data, path)
    except SourceError:
        return 1
    result: BuildResult = build(source, loader=_loader)
    comp = _finish(result)
    for d in comp.diagnostics:
        src = comp.sources.get(d.span.file)
        if src is not None:
            n = len(src.text)
            if not (0 <= d.span.start <= d.span.end <= n):
                raise InvariantError(f"{d.code}: span {d.span.start}-{d.span.end} outside 0-{n}")
            expect = Span.of(src, d.span.start, d.span.end)
            if (expect.line, expect.column) != (d.span.line, d.span.column) and d.span.start:
                raise InvariantError(f"{d.code}: line/column {d.span.line}:{d.span.column} ≠ offset "
                                     f"{d.span.start} ({expect.line}:{expect.column})")
            render(d, src, "vi")
            render(d, src, "en")
            if d.fix is not None:
                for e in d.fix.edits:
                    if not (0 <= e.start <= e.end <= n):
                        raise InvariantError(f"{d.code}: fix edit {e.start}-{e.end} outside 0-{n}")
        for lang in ("vi", "en"):
            if not d.message(lang):
                raise InvariantError(f"{d.code}: empty message")
        d.to_dict("en")
    src = comp.sources.get(path)
    if src is not None:
        new, _ = apply_edits(src.text, [d for d in comp.diagnostics if d.span.file == path])
        assert isinstance(new, str)
    return len(comp.diagnostics)
