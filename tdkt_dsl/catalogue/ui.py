"""The words of tdkt's commands and tools that are not diagnostics: command-line help and status
lines (`Đã ghi …`), the batch summary, `--watch`, `tdkt diff`'s labels, the column titles of the
task spreadsheet and calendar, the editor services' hover and completion texts — each in
Vietnamese and English, keyed ``<area>.<name>``.

Code says ``text("cli.wrote", lang, path=…)`` and never builds user-visible words itself. The
templates are `str.format` templates like the messages' (``{{``/``}}`` for a literal brace); both
languages take the same parameters (tests/test_ui_words.py).
"""

from __future__ import annotations

import os

WORDS: dict[str, tuple[str, str]] = {
    # ---- command line: help ------------------------------------------------------------------
    "cli.app": ("tdkt — soạn Kế hoạch công tác thi đua, khen thưởng bằng văn bản thuần, biên dịch ra DOCX "
                "đúng thể thức Nghị định 30/2020/NĐ-CP.",
                "tdkt — write an emulation and commendation plan as plain text and compile it to a DOCX "
                "laid out as Decree 30/2020/NĐ-CP requires."),
    "cli.opt.lang": ("Ngôn ngữ thông báo: vi (mặc định) hoặc en.", "Language of messages: vi (default) or en."),
    "cli.opt.plans": ("Tệp kế hoạch .tdkt (hoặc nhiều tệp, thư mục: biên dịch cả loạt)",
                      "The .tdkt plan (or several files, folders: a batch)"),
    "cli.opt.jobs": ("Số tiến trình song song khi biên dịch nhiều tệp (mặc định: số lõi CPU)",
                     "Parallel processes for a batch (default: the number of CPU cores)"),
    "cli.opt.force": ("Cho phép thay một tệp đã có mà tdkt không tạo ra",
                      "Allow replacing an existing file tdkt did not write"),
    "cli.opt.format": ("text (mặc định) hoặc json", "text (default) or json"),
    "cli.build": ("Biên dịch kế hoạch ra DOCX (hoặc JSON/text/HTML/PDF). Không ghi gì nếu kế hoạch có lỗi.",
                  "Compile a plan to DOCX (or JSON/text/HTML/PDF). Nothing is written when the plan has errors."),
    "cli.build.output": ("Tệp kết quả; `-` là màn hình (mặc định: cạnh tệp nguồn; JSON/text ra màn hình); "
                         "thư mục khi biên dịch nhiều tệp",
                         "Output file; `-` is the screen (default: beside the source; JSON/text to the screen); "
                         "a folder for a batch"),
    "cli.build.to": ("Định dạng: docx, json, text, html, pdf, xlsx (bảng nhiệm vụ), ics (lịch) hoặc ref (mục "
                     "danh sách văn bản cấp trên)",
                     "Format: docx, json, text, html, pdf, xlsx (task table), ics (calendar) or ref (entry of "
                     "the list of upper-level documents)"),
    "cli.build.watch": ("Biên dịch lại mỗi khi lưu kế hoạch hoặc hồ sơ",
                        "Compile again whenever the plan or its profile is saved"),
    "cli.check": ("Kiểm tra kế hoạch: lỗi cú pháp, tham chiếu, ngày tháng, năm, trích dẫn…",
                  "Check a plan: syntax, references, dates, years, citations…"),
    "cli.check.fix": ("Sửa tự động các lỗi có cách sửa an toàn", "Apply the safe fixes"),
    "cli.verify": ("Kiểm tra một tệp DOCX bất kỳ theo thể thức Nghị định 30/2020/NĐ-CP.",
                   "Check any DOCX file against the layout of Decree 30/2020/NĐ-CP."),
    "cli.verify.docx": ("Tệp .docx bất kỳ cần kiểm tra thể thức", "Any .docx file to check"),
    "cli.new": ("Kế hoạch mới: sang năm mới (--year: dời năm, năm học, mọi thời hạn), hoặc cho cấp dưới "
                "(--for: trích dẫn kế hoạch cấp trên, nhận các nhiệm vụ giao cho cấp dưới); in báo cáo những "
                "dòng cần xem lại.",
                "A new plan: for the next year (--year: moves the year, the school year, every deadline) or "
                "for the level below (--for: cites the upper plan, takes the tasks addressed to the level "
                "below); prints a report of the lines to review."),
    "cli.new.from": ("Kế hoạch năm trước, hoặc kế hoạch cấp trên với --for (.tdkt)",
                     "Last year's plan, or the upper level's plan with --for (.tdkt)"),
    "cli.new.year": ("Năm của kế hoạch mới, ví dụ 2024", "The new plan's year, e.g. 2024"),
    "cli.new.output": ("Tệp .tdkt mới (`-`: màn hình)", "The new .tdkt file (`-`: the screen)"),
    "cli.new.report": ("Ghi báo cáo rà soát (markdown) vào tệp này", "Write the review report (Markdown) to this file"),
    "cli.new.for": ("Hồ sơ cơ quan cấp dưới: xây dựng kế hoạch cấp dưới từ kế hoạch --from",
                    "The lower level's profile: derive its plan from the --from plan"),
    "cli.new.lead_days": ("Với --for: hạn của cấp dưới sớm hơn hạn cấp trên bấy nhiêu ngày làm việc",
                          "With --for: the lower level's deadlines come this many working days earlier"),
    "cli.import": ("Đọc một kế hoạch soạn tay (DOCX/TXT/MD) và viết ra tệp .tdkt biên dịch được.",
                   "Read a hand-written plan (DOCX/TXT/MD) and write a .tdkt file that compiles."),
    "cli.import.document": ("Kế hoạch soạn tay: .docx, .txt hoặc .md", "The hand-written plan: .docx, .txt or .md"),
    "cli.import.output": ("Tệp .tdkt sẽ ghi (`-`: màn hình)", "The .tdkt file to write (`-`: the screen)"),
    "cli.import.report": ("Ghi báo cáo nhập (markdown) vào tệp này", "Write the import report (Markdown) to this file"),
    "cli.fmt": ("Định dạng tệp .tdkt theo bố cục chuẩn (không đổi nội dung văn bản in ra).",
                "Lay .tdkt files out canonically (what is printed does not change)."),
    "cli.fmt.files": ("Tệp .tdkt hoặc thư mục", ".tdkt files or folders"),
    "cli.fmt.check": ("Không ghi; mã thoát 1 nếu có tệp cần định dạng",
                      "Write nothing; exit code 1 when a file needs formatting"),
    "cli.lsp": ("Máy chủ ngôn ngữ (Language Server Protocol) qua stdio, cho VS Code và các trình soạn thảo khác.",
                "The language server (Language Server Protocol) over stdio, for VS Code and other editors."),
    "cli.serve": ("Trình soạn thảo trên trình duyệt cho cả cơ quan: soạn, xem trước, tải DOCX/PDF, nhập, kiểm tra.",
                  "The office's editor in the browser: write, preview, download DOCX/PDF, import, check."),
    "cli.serve.root": ("Thư mục chứa các tệp .tdkt (không đọc/ghi ngoài thư mục này)",
                       "The folder of the .tdkt files (nothing outside it is read or written)"),
    "cli.serve.host": ("Địa chỉ lắng nghe (mặc định chỉ máy này)", "Address to listen on (default: this machine only)"),
    "cli.serve.port": ("Cổng", "Port"),
    "cli.serve.token": ("Mã truy cập (bắt buộc khi không chỉ nghe trên máy này; tự sinh nếu bỏ trống)",
                        "Access token (required unless listening on this machine only; generated when left out)"),
    "cli.diff": ("So sánh hai kế hoạch theo nội dung: phần đầu, căn cứ, đoạn văn, nhiệm vụ, đơn vị (kể cả khác năm).",
                 "Compare two plans by content: header, citations, paragraphs, tasks, units (across years too)."),
    "cli.diff.old": ("Kế hoạch cũ (.tdkt)", "The old plan (.tdkt)"),
    "cli.diff.new": ("Kế hoạch mới (.tdkt)", "The new plan (.tdkt)"),
    "cli.diff.format": ("text, md hoặc json", "text, md or json"),
    "cli.rules": ("Liệt kê mọi mã lỗi/cảnh báo.", "List every code."),
    # ---- command line: status ----------------------------------------------------------------
    "cli.wrote": ("Đã ghi {path}", "Wrote {path}"),
    "cli.not-written": ("Không tạo tệp vì kế hoạch có lỗi.", "No file written: the plan has errors."),
    "cli.no-problems": ("Không có lỗi.", "No problems found."),
    "cli.more": ("… và {rest} chỗ [{code}] nữa (xem hết: --format json)",
                 "… and {rest} more [{code}] (all of them: --format json)"),
    "cli.would-reformat": ("{path}: cần định dạng lại", "{path}: would reformat"),
    "cli.formatted": ("Đã định dạng {path}", "Formatted {path}"),
    "cli.serving": ("tdkt serve: mở {url}  (thư mục {root}; Ctrl+C để dừng)",
                    "tdkt serve: open {url}  (folder {root}; Ctrl+C to stop)"),
    "cli.internal-error": ("tdkt: lỗi nội bộ ({error}). Hãy báo lỗi kèm tệp đầu vào; đặt TDKT_DEBUG=1 để xem chi tiết.",
                           "tdkt: internal error ({error}); please report it with the input file (TDKT_DEBUG=1 "
                           "shows the details)."),
    # ---- batches (several plans, folders) --------------------------------------------------------
    "batch.output-is-folder": ("khi biên dịch nhiều tệp, -o là thư mục kết quả.",
                               "with several plans, -o names the output folder."),
    "batch.same-output": ("kế hoạch `{first}` và `{second}` cùng ghi ra tệp này.",
                          "the plans `{first}` and `{second}` would both write this file."),
    "batch.internal-error": ("{path}: tdkt: lỗi nội bộ ({error})", "{path}: tdkt: internal error ({error})"),
    "batch.summary": ("{plans} kế hoạch: {ok} đạt, {failed} không đạt ({errors} lỗi, {warnings} cảnh báo)",
                      "{plans} plan{plans_s}: {ok} ok, {failed} failed ({errors} error{errors_s}, {warnings} "
                      "warning{warnings_s})"),
    # ---- tdkt diff ---------------------------------------------------------------------------------
    "diff.comparing": ("So sánh {old} (năm {old_year}) với {new} (năm {new_year})",
                       "Comparing {old} ({old_year}) with {new} ({new_year})"),
    "diff.rolled": ("Kế hoạch cũ được dời sang năm mới trước khi so sánh: năm, năm học, thời hạn và số năm kỷ "
                    "niệm chỉ dời theo năm không tính là thay đổi.",
                    "The old plan was rolled over to the new year first: years, school years, deadlines and "
                    "anniversary counts that only moved with the year are not changes."),
    "diff.no-changes": ("Không có thay đổi.", "No changes."),
    "diff.line": ("dòng {line}", "line {line}"),
    "diff.header": ("Phần đầu", "Header"),
    "diff.signer": ("Người ký", "Signer"),
    "diff.citation": ("Văn bản căn cứ", "Citations"),
    "diff.paragraph": ("Đoạn văn", "Paragraphs"),
    "diff.task": ("Nhiệm vụ", "Tasks"),
    "diff.unit": ("Đơn vị", "Units"),
    "diff.leader": ("Lãnh đạo", "Leaders"),
    "diff.movement": ("Phong trào", "Movements"),
    "diff.recipient": ("Nơi nhận", "Recipients"),
    "diff.added": ("thêm", "added"),
    "diff.removed": ("bỏ", "removed"),
    "diff.changed": ("sửa", "changed"),
    # ---- the task spreadsheet and calendar (`tdkt build --to xlsx|ics`) -------------------------------
    "tasks.column.no": ("TT", "No."),
    "tasks.column.group": ("Nhóm", "Group"),
    "tasks.column.task": ("Nội dung nhiệm vụ", "Task"),
    "tasks.column.lead": ("Chủ trì", "Lead"),
    "tasks.column.partners": ("Phối hợp", "Partners"),
    "tasks.column.responsible": ("Phụ trách", "Responsible"),
    "tasks.column.deadline": ("Thời hạn", "Deadline"),
    "tasks.column.from": ("Từ ngày", "From"),
    "tasks.column.to": ("Đến ngày", "To"),
    "tasks.column.movements": ("Phong trào", "Movements"),
    "tasks.column.note": ("Ghi chú", "Note"),
    "tasks.column.line": ("Dòng", "Line"),
    "tasks.sheet": ("Phụ lục {number}", "Appendix {number}"),
    "tasks.sheet-one": ("Nhiệm vụ", "Tasks"),
    # ---- editors (language server, web editor): completion, hover, outline, actions -------------
    "editor.deadline": ("thời hạn", "deadline"),
    "editor.id": ("mã", "id"),
    "editor.name": ("tên", "name"),
    "editor.template": ("{keyword} (mẫu)", "{keyword} (template)"),
    "editor.task-template": ("một nhiệm vụ đủ các trường", "a task with its fields"),
    "editor.appendix-template": ("một phụ lục", "an appendix"),
    "editor.hover-id": ("**{kind}** `{id}`: {name}\n\nKhai báo tại `{where}`",
                        "**{kind}** `{id}`: {name}\n\nDeclared at `{where}`"),
    "editor.hover-deadline": ("**Thời hạn** ({kind})", "**Deadline** ({kind})"),
    "editor.cited-on": ("ngày {date}", "dated {date}"),
    "editor.cited-by": ("của {issuer}", "by {issuer}"),
    "editor.cited-about": ("về {summary}", "on {summary}"),
    "editor.citation-not-listed": ("không khớp danh sách văn bản cấp trên",
                                   "does not match the list of upper-level documents"),
    "editor.rename-nothing": ("Không có mã nào ở đây để đổi tên.", "There is no id here to rename."),
    "editor.rename-invalid": ("`{name}` không phải một mã hợp lệ (chữ không dấu, số, -).",
                              "`{name}` is not a valid id (ASCII letters, digits, -)."),
    "editor.rename-taken": ("Mã `{name}` đã có.", "The id `{name}` already exists."),
    "editor.appendix": ("Phụ lục", "Appendix"),
    "editor.month": ("Tháng {month}", "Month {month}"),
    "editor.suppress": ("Bỏ qua {code} ở dòng này", "Ignore {code} on this line"),
    "editor.suppress-comment": ("// tdkt: bỏ qua {code}", "// tdkt: ignore {code}"),
    # ---- build --watch ---------------------------------------------------------------------------
    "watch.kept": ("Giữ nguyên tệp cũ vì kế hoạch có lỗi.", "Kept the previous file: the plan has errors."),
    "watch.watching": ("Đang theo dõi thay đổi (Ctrl+C để dừng)…", "Watching for changes (Ctrl+C to stop)…"),
}

_HELP_LANG = "en" if os.environ.get("TDKT_LANG", "").lower().startswith("en") else "vi"


def text(key: str, lang: str = "vi", **params: object) -> str:
    """The words ``key`` in ``lang`` (English for "en", else Vietnamese), formatted with ``params``
    (KeyError for a key nobody declared: a typo fails the first test that reaches it)."""
    vi, en = WORDS[key]
    template = en if lang == "en" else vi
    return template.format(**params) if params else template


def pair(key: str, **params: object) -> tuple[str, str]:
    """``key`` in both languages (Vietnamese, English): a hint or a related note of a diagnostic."""
    return text(key, "vi", **params), text(key, "en", **params)


def help_text(key: str) -> str:
    """Command-line help: in English when TDKT_LANG says so (help is built before --lang is read)."""
    return text(key, _HELP_LANG)
