"""References and structure (R6xx)."""

from __future__ import annotations

from .entries import ERROR, WARNING, Code

CODES: tuple[Code, ...] = (
    Code("R601", "unused-id", WARNING,
         vi="{kind} `{id}` được khai báo nhưng không dùng ở đâu.",
         en="The {kind} `{id}` is declared but never used."),
    Code("R602", "duplicate-task", WARNING,
         vi="Nhiệm vụ trùng với nhiệm vụ ở dòng {first_line}.",
         en="This task repeats the task on line {first_line}."),
    Code("R603", "empty-section", WARNING,
         vi="Đề mục không có nội dung.",
         en="The heading has nothing under it."),
    Code("R604", "missing-archive", ERROR,
         vi='Dòng cuối của nơi nhận phải là "Lưu: VT…".',
         en='The last recipient line must be "Lưu: VT…" (archive).',
         fixable=True),
    Code("R605", "issuer-in-recipients", WARNING,
         vi="Nơi nhận có chính cơ quan ban hành ({issuer}).",
         en="The recipients include the issuing office itself ({issuer})."),
    Code("R606", "missing-signer", ERROR,
         vi="Kế hoạch thiếu {what}.",
         en="The plan has no {what}."),
    Code("R607", "no-recipients", ERROR,
         vi="Kế hoạch không có nơi nhận (`nơi nhận:`).",
         en="The plan has no recipients (`nơi nhận:`)."),
    Code("R609", "abolished-agency", WARNING,
         vi="{agency} không còn từ ngày {date} ({change}), nhưng kế hoạch là của ngày {plan_date}: "
            "ghi cơ quan hiện nay.",
         en="{agency} no longer exists since {date} ({change}), but the plan is dated {plan_date}:"
            " name the agency that exists now."),
    Code("R608", "name-drift", WARNING,
         vi="“{found}” lệch với tên đã khai báo “{name}”. Ý bạn là `@{id}`?",
         en="“{found}” drifts from the declared name “{name}”. Did you mean `@{id}`?",
         fixable=True),
)
