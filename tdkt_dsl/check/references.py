"""Tham chiếu và cấu trúc (R6xx). Mã không có thật (`chủ trì: ttx`) đã được báo khi dựng mô hình
(M201, có gợi ý "Ý bạn là …", so sánh không dấu).

**R601 unused-id** — đơn vị hay lãnh đạo được khai báo trong kế hoạch mà không dùng ở đâu
(không `@mã`, không `chủ trì:`/`phối hợp:`/`phụ trách:`). Khai báo trong hồ sơ cơ quan dùng chung
thì không bị xét; phong trào được khai báo để gợi ý tên, nên cũng không bị xét.

    đơn vị cd: Công đoàn ngành        // sai nếu không nhiệm vụ nào dùng `cd`

**R602 duplicate-task** — hai nhiệm vụ cùng nội dung.

    nhiệm vụ: Đăng ký thi đua năm học {năm_học}
    nhiệm vụ: Đăng ký thi đua năm học {năm_học}    // sai: trùng

**R603 empty-section** — đề mục không có nội dung nào bên dưới.

    ## Công tác khen thưởng
    ## Tổ chức thực hiện          // sai: mục trên trống

**R604 missing-archive** — nơi nhận phải kết thúc bằng dòng "Lưu: VT…".

    nơi nhận:
    - Sở GDĐT Hà Nội
    - Lưu: VT                     // đúng (thiếu dòng này là sai)

**R605 issuer-in-recipients** — cơ quan ban hành có tên trong nơi nhận của chính mình.

    cơ quan: PHÒNG GIÁO DỤC VÀ ĐÀO TẠO
    viết tắt: PGDĐT
    nơi nhận:
    - Phòng GDĐT                  // sai: gửi cho chính mình

**R606 missing-signer** — kế hoạch không có người ký (hoặc chức vụ người ký).

    người ký: Vũ Thị Thu Hà
    chức vụ: Trưởng phòng         // đúng

**R607 no-recipients** — kế hoạch không có nơi nhận (`nơi nhận:` trong kế hoạch hoặc hồ sơ cơ quan).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import vocabulary
from ..catalogue import say
from ..diagnostics import Diagnostic, Edit, Fix, Related, Span
from ..model.nodes import Plan
from ..source import Source
from ..vocabulary import fold
from ._common import diag, iter_texts, plain_of



# "@id" left in the text (the builder resolves every reference it knows); "@" first, so that the
# regex engine skips to it
_UNRESOLVED = re.compile(r"@(?<![\w.]@)[A-Za-z0-9]")


def _line_end(src: Source, offset: int) -> int:
    line, _ = src.line_col(offset)
    return src.line_start(line) + len(src.line_text(line))


def _delete_line(src: Source, offset: int) -> Edit:
    line, _ = src.line_col(offset)
    start = src.line_start(line)
    end = start + len(src.line_text(line))
    if end < len(src.text):
        end += 1  # the newline
    return Edit(start=start, end=end, text="")


def _unparsed_under(plan: Plan, sec) -> bool:
    """Whether a line the parser rejected lies between ``sec``'s heading and whatever the model
    has next: then the section is not empty, its content is already reported as a syntax error."""
    after = [n.span.line for n in [*plan.walk_sections(), *plan.appendices, *plan.recipients,
                                   plan.closing] if n is not None and n.span is not None
             and n.span.file == sec.span.file and n.span.line > sec.span.line]
    following = min(after, default=float("inf"))
    return sec.span.file == plan.source_path and any(
        sec.span.line < n < following for n in plan.unparsed_lines)


def _acronym(s: str) -> str:
    out = []
    for word in re.split(r"[\s\-&]+", s.strip()):
        if not word:
            continue
        out.append(word if word.isupper() and len(word) > 1 else word[0])
    return "".join(out).upper()


def check_references(plan: Plan, sources: dict[str, Source]) -> Iterator[Diagnostic]:
    main = sources.get(plan.source_path)
    # ---- R601 unused ids
    used: set[str] = set()
    tasks = plan.all_tasks()
    ids = [r.id for t in tasks for attr in (t.lead, t.partners, t.responsible, t.movements) for r in attr]
    used.update(ids)
    texts = [w.text for w in iter_texts(plan)]
    for text in texts:
        for r in text.runs:
            if r.origin == "ref" and r.name:
                used.add(r.name)
    for sec in plan.walk_sections():
        if sec.title:
            used.update(r.name for r in sec.title.runs if r.origin == "ref" and r.name)
    reg = plan.registry
    known = set(reg.units) | set(reg.leaders) | set(reg.movements)
    unresolved = not known.issuperset(ids)
    # (one search of the texts joined by a line break: a match is "@" and the letter after it, and a
    # line break before "@" is no word character, as the start of a text is not)
    unresolved = unresolved or _UNRESOLVED.search("\n".join([plain_of(t) for t in texts])) is not None
    for kind, group in (() if unresolved else (("unit", reg.units), ("leader", reg.leaders))):
        # (an unknown id, reported as M201, is most likely a misspelt declared one: no cascade)
        for ident, item in group.items():
            if ident in used or item.span is None or item.span.file != plan.source_path or main is None:
                continue
            k = kind
            line = main.text[item.span.start:item.span.end]
            m = re.search(rf"(?<![\w-]){re.escape(ident)}(?![\w-])", line)
            sp = Span.of(main, item.span.start + m.start(), item.span.start + m.end()) if m else item.span
            fix = Fix.of([_delete_line(main, item.span.start)], say("fix.delete-declaration"), safe=False)
            yield diag("R601", sp, fix=fix, id=ident, kind=say(f"references.kind.{k}"))
    # ---- R602 duplicate tasks
    seen: dict[str, object] = {}
    for t in plan.all_tasks():
        key = fold(plain_of(t.content))
        if not key:
            continue
        first = seen.get(key)
        if first is None:
            seen[key] = t
            continue
        sp = t.content.span or t.span
        if sp is not None and first.span is not None:
            yield diag("R602", sp, first_line=first.span.line,
                       related=[Related.of(first.span, say("references.related.first-task"))])
    # ---- R603 empty sections
    for sec in plan.walk_sections():
        if sec.children or sec.span is None:
            continue
        if _unparsed_under(plan, sec):
            continue  # the line under the heading has a syntax error (reported): no cascade
        sp = sec.title.span if sec.title and sec.title.span else sec.span
        yield diag("R603", sp)
    # ---- recipients
    recips = plan.recipients
    if not recips:
        if main is not None:
            yield diag("R607", Span.of(main, 0, 0))
    else:
        last = recips[-1]
        if not last.archive and last.span is not None:
            fix = None
            src = sources.get(last.span.file)
            if src is not None and not any(r.archive for r in recips):
                end = _line_end(src, last.span.start)
                indent = re.match(r"[ \t]*", src.line_text(last.span.line)).group(0)
                line = f"- {vocabulary.archive_line()}"
                fix = Fix.of([Edit(start=end, end=end, text=f"\n{indent}{line}")], say("fix.add-line", line=line))
            yield diag("R604", last.span, fix=fix)
        issuer_names = set()
        for t in (plan.header.issuer, plan.header.issuer_name):
            if t:
                issuer_names.add(fold(t.plain))
        abbr = (plan.header.abbreviation or "").upper()
        for r in recips:
            if r.archive or r.span is None:
                continue
            name = r.text.plain.strip().rstrip(";.")
            if fold(name) in issuer_names or (abbr and len(abbr) > 2 and _acronym(name) == abbr):
                src = sources.get(r.span.file)
                fix = (Fix.of([_delete_line(src, r.span.start)], say("fix.delete-line"), safe=False)
                       if src is not None else None)
                sp = r.text.span if r.text.span else r.span
                yield diag("R605", sp, fix=fix, issuer=name)
    # ---- signer
    s = plan.signer
    if main is not None:
        if not s.name:
            yield diag("R606", Span.of(main, 0, 0), what=say("references.missing.signer"))
        elif not s.position and not (s.authority_lines and s.authority_lines[-1].prefix == "Q"):
            # (an acting head signs under "Q. HIỆU TRƯỞNG": that line is the title)
            yield diag("R606", s.span or Span.of(main, 0, 0), what=say("references.missing.position"))
