"""`tdkt new` (N1xx–N9xx): what a rollover to the next year changed (N1xx, listed under "changes"),
what the drafter must look at in the new plan (N2xx, "review"), what a derived lower-level plan
took over and left out (N3xx) and why a plan could not be rolled over (N9xx). The review report
(`tdkt new --report`) is these diagnostics rendered by `tdkt_dsl.report` (reports "rollover" and
"derive" in catalogue/reports.py); ``section`` says where each one is listed.

``{field}`` is a keyword as the plan writes it (``năm``, ``hạn`` …), ``{field_en}`` its English
spelling from the vocabulary table.
"""

from __future__ import annotations

from .entries import ERROR, INFO, WARNING, Code

CHANGES, REVIEW = "changes", "review"

CODES: tuple[Code, ...] = (
    # ---- changes made by the rollover -----------------------------------------------------------
    Code("N101", "field-moved", INFO,
         vi="{field}: {old} → {new}",
         en="{field_en}: {old} → {new}",
         section=CHANGES),
    Code("N102", "profile-path-moved", INFO,
         vi="{field}: {old} → {new} (tệp mới ở thư mục khác)",
         en="{field_en}: {old} → {new} (the new file is in another directory)",
         section=CHANGES),
    Code("N103", "cleared-for-draft", INFO,
         vi="`{field}: {old}` → để trống (bản nháp)",
         en="`{field}: {old}` → left blank (draft)",
         section=CHANGES),
    Code("N104", "year-written", INFO,
         vi="thêm `{field}: {year}` (năm cũ lấy từ `{date_field}:`, nay để trống)",
         en="added `{field}: {year}` (the old year came from `{date_field}:`, now blank)",
         section=CHANGES),
    Code("N105", "prose-moved", INFO,
         vi="{old} → {new}",
         en="{old} → {new}",
         section=CHANGES),
    Code("N106", "anniversary-count-moved", INFO,
         vi="kỷ niệm {count} năm {event} → {new} năm",
         en="anniversary {count} years ({event}) → {new} years",
         section=CHANGES),
    # ---- lines to review in the new plan -------------------------------------------------------
    Code("N201", "number-left-blank", WARNING,
         vi="Số văn bản để trống: điền `{field}:` khi ban hành (`tdkt check` cảnh báo đến khi điền).",
         en="The document number is blank: set `{field}:` at issue (`tdkt check` warns until it is set).",
         section=REVIEW),
    Code("N202", "issue-date-left-blank", WARNING,
         vi="Ngày ban hành để trống: điền `{field}:` khi ban hành (`tdkt check` cảnh báo đến khi điền).",
         en="The issue date is blank: set `{field}:` at issue (`tdkt check` warns until it is set).",
         section=REVIEW),
    Code("N203", "free-text-deadline", WARNING,
         vi="thời hạn viết tự do {deadline}: kiểm tra lại cho năm {year}.",
         en="free-text deadline {deadline}: check it for {year}.",
         section=REVIEW),
    Code("N204", "leap-day-moved", WARNING,
         vi="ngày 29/02 chuyển thành {new} (năm {year} không nhuận).",
         en="29/02 becomes {new} ({year} is not a leap year).",
         section=REVIEW),
    Code("N205", "next-year-kept", WARNING,
         vi="năm {year} giữ nguyên: xem nó có phải \"năm sau\" của kế hoạch không.",
         en="year {year} kept: check whether it means the plan's next year.",
         section=REVIEW),
    Code("N206", "round-of-recurring-event", WARNING,
         vi="{where}: sự kiện {period} năm một lần — năm {year} là lần thứ {guess}? Kiểm tra và sửa.",
         en="{where}: held every {period} years — is {year} round {guess}? Check and fix.",
         section=REVIEW),
    Code("N207", "recurring-event-off-cycle", WARNING,
         vi="{where}: sự kiện {period} năm một lần — năm {year} có tổ chức không? Kiểm tra lần thứ.",
         en="{where}: held every {period} years — is there a round in {year}? Check the number.",
         section=REVIEW),
    Code("N208", "round-to-check", WARNING,
         vi="{where}: lần thứ mấy trong năm {year}? Kiểm tra và sửa.",
         en="{where}: which round is it in {year}? Check and fix.",
         section=REVIEW),
    Code("N209", "anniversary-no-longer-round", WARNING,
         vi="kỷ niệm {count} năm {event}: không còn là năm chẵn (5, 10 năm) — giữ hay bỏ?",
         en="anniversary of {count} years ({event}): no longer a round one (5 or 10 years) — keep or drop?",
         section=REVIEW),
    Code("N210", "last-plan-cited-in-prose", WARNING,
         vi="trích dẫn {doc_type} số {number} là kế hoạch năm {old_year}: thay bằng kế hoạch năm {year} khi có.",
         en="cites {doc_type} {number}, a plan for {old_year}: cite the {year} plan when it is issued.",
         section=REVIEW),
    Code("N211", "last-year-citation", WARNING,
         vi="căn cứ {citation} là văn bản của năm trước: thay bằng văn bản năm {year} (số, ngày) khi cấp trên ban hành.",
         en="cites {citation}, last year's document: replace it with the {year} one (number, date) once issued.",
         section=REVIEW),
    # ---- a plan derived for the level below (`tdkt new --for`) ---------------------------------
    Code("N301", "task-carried-earlier", INFO,
         vi="{task} — hạn: {old} → {new}",
         en="{task} — due: {old} → {new}",
         section="carried"),
    Code("N302", "task-carried", INFO,
         vi="{task}",
         en="{task}",
         section="carried"),
    Code("N303", "task-left-out", INFO,
         vi="{task}",
         en="{task}",
         section="left-out"),
    Code("N304", "derived-plan-to-fill", INFO,
         vi="`{number}:` và `{date}:` khi ban hành; mục đích, yêu cầu và nội dung riêng của đơn vị; người "
            "chủ trì từng nhiệm vụ nếu không phải đơn vị đầu tiên của hồ sơ.",
         en="`{number}:` and `{date}:` at issue; the unit's own purposes, requirements and content; each "
            "task's lead where it is not the profile's first unit.",
         section="fill"),
    # ---- refusals -------------------------------------------------------------------------------
    Code("N901", "source-plan-has-errors", ERROR,
         vi="Kế hoạch nguồn có lỗi; hãy sửa trước khi chuyển năm.",
         en="The source plan has errors; fix them before rolling it over."),
    Code("N902", "already-that-year", ERROR,
         vi="Kế hoạch đã là năm {year}.",
         en="The plan is already for {year}."),
    Code("N903", "year-out-of-range", ERROR,
         vi="Năm {year} không hợp lệ (cần từ 1900 đến 2099).",
         en="Invalid year {year} (it must be from 1900 to 2099)."),
)
