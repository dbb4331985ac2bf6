"""Phrases: the wording a diagnostic carries besides its message — fix descriptions, hints,
related notes and parameters that are themselves words ("a year such as 2024") — declared as
data, in both languages, keyed by ``<stage>.<name>``. Code says ``say("fix.make-it-years", n=5)``
and never builds user-visible words itself.

Templates are `str.format` templates like the messages'; a parameter that is a `Wording` is
formatted in the template's language.
"""

from __future__ import annotations

PHRASES: dict[str, tuple[str, str]] = {
    # ---- fixes shared by several checks ------------------------------------------------------
    "fix.make-it": ("sửa thành {to}", "make it {to}"),
    "fix.make-it-years": ("sửa thành {n} năm", "make it {n} years"),
    "fix.delete-mark": ("xóa dấu `{mark}`", "delete the `{mark}`"),
    "fix.delete-space": ("xóa dấu cách", "delete the space"),
    "fix.delete-second": ("xóa \"{words}\" thứ hai", "delete the second \"{words}\""),
    "fix.to-unicode": ("đổi sang Unicode: {text}", "convert to Unicode: {text}"),
    "fix.use-id": ("thay bằng @{id}", "use @{id}"),
    "fix.use-variable": ("thay bằng biến {variable}", "use the variable {variable}"),

    "fix.remove-code": ("xóa `{code}`", "remove `{code}`"),
    "fix.remove-suppression": ("xóa chú thích bỏ qua", "remove the suppression comment"),

    # ---- configuration (X9xx): what is wrong with a tdkt.toml ---------------------------------
    "config.too-deep": ("lồng quá sâu", "nested too deeply"),
    "config.not-a-table": ("`[tool.tdkt]` phải là một bảng", "`[tool.tdkt]` must be a table"),
    "config.not-toml": ("không đọc được TOML ({error})", "not valid TOML ({error})"),
    "config.unknown-key": ("khóa `{key}` không có (dùng ignore, severity, references, knowledge, profiles)",
                           "unknown key `{key}` (use ignore, severity, references, knowledge, profiles)"),
    "config.ignore-not-list": ("`ignore` phải là danh sách mã", "`ignore` must be a list of codes"),
    "config.severity-not-table": ("`severity` phải là bảng mã = mức", "`severity` must be a table code = level"),
    "config.unknown-level": ("mức `{level}` của {code} không có (error, warning, info, off)",
                             "level `{level}` for {code} is unknown (error, warning, info, off)"),
    "config.not-paths": ("`{key}` phải là danh sách đường dẫn", "`{key}` must be a list of paths"),
    "config.not-folders": ("`{key}` phải là danh sách thư mục", "`{key}` must be a list of folders"),
    "config.knowledge-missing": ("không tìm thấy tệp kiến thức `{path}`", "knowledge file `{path}` not found"),

    "fix.write-compact": ("viết liền: {text}", "write {text}"),

    # ---- citations (C7xx) -----------------------------------------------------------------------
    "citations.number.spaces": ("có dấu cách quanh dấu /", "spaces around /"),
    "citations.number.no-symbol": ("thiếu phần ký hiệu, ví dụ 322/KH-UBND", "no symbol part, e.g. 322/KH-UBND"),
    "citations.list.no-tables": ("cần các bảng [[van-ban]]", "expected [[van-ban]] tables"),
    "citations.list.not-a-table": ("mục {entry} không phải bảng", "entry {entry} is not a table"),
    "citations.list.lacks": ("mục {entry} thiếu {keys}", "entry {entry} lacks {keys}"),
    "citations.list.bad-date": ("mục {entry}: ngày `{date}` không hợp lệ (dd/mm/yyyy)",
                                "entry {entry}: date `{date}` is not valid (dd/mm/yyyy)"),

    "fix.rewrite-nfc": ("ghi lại tệp ở dạng NFC", "rewrite the file in NFC"),
    "fix.remove-control": ("đổi tab dọc thành xuống dòng, xóa ký tự điều khiển",
                           "vertical tab → line break, remove control characters"),
    "fix.remove-invisible": ("xóa ký tự ẩn", "remove the invisible characters"),

    # ---- text hygiene (T8xx) --------------------------------------------------------------------
    "hygiene.before": ("trước", "before"),
    "hygiene.after": ("sau", "after"),
    "hygiene.delimiter.parenthesis": ("Ngoặc đơn `{mark}`", "The parenthesis `{mark}`"),
    "hygiene.delimiter.quotation-mark": ("Ngoặc kép `{mark}`", "The quotation mark `{mark}`"),
    "hygiene.delimiter.bracket": ("Ngoặc vuông `{mark}`", "The bracket `{mark}`"),
    "hygiene.char.soft-hyphen": ("gạch nối mềm", "soft hyphen"),
    "hygiene.char.zero-width-space": ("dấu cách độ rộng 0", "zero-width space"),
    "hygiene.char.zero-width-non-joiner": ("ký tự không nối", "zero-width non-joiner"),
    "hygiene.char.word-joiner": ("ký tự nối từ", "word joiner"),
    "hygiene.char.byte-order-mark": ("BOM giữa tệp", "byte order mark inside the text"),
    "hygiene.char.mongolian-vowel-separator": ("dấu phân cách nguyên âm Mông Cổ", "Mongolian vowel separator"),
    "hygiene.char.direction-mark": ("dấu điều hướng chữ", "text direction mark"),
    "hygiene.char.vertical-tab": ("tab dọc", "vertical tab"),
    "hygiene.char.form-feed": ("nạp trang", "form feed"),
    "hygiene.char.escape": ("ESC", "escape"),
    "hygiene.char.delete": ("DEL", "delete"),
    "hygiene.char.noncharacter": ("không phải ký tự", "noncharacter"),
    "hygiene.char.control": ("ký tự điều khiển", "control character"),
    "hygiene.more-on-line": (" (và {count} ký tự như vậy nữa trên dòng này)", " (and {count} more on this line)"),

    "fix.delete-declaration": ("xóa khai báo", "delete the declaration"),
    "fix.delete-line": ("xóa dòng này", "delete this line"),
    "fix.add-line": ("thêm dòng \"{line}\"", "add the line \"{line}\""),

    # ---- dates (D3xx): deadlines and months in words ----------------------------------------------
    "dates.deadline.before": ("trước ngày {date}", "before {date}"),
    "dates.deadline.on": ("ngày {date}", "on {date}"),
    "dates.month": ("tháng {month}", "month {month}"),
    "dates.day": ("ngày {date}", "day, {date}"),
    "dates.months": ("tháng {first} – {last}", "months {first} – {last}"),
    "dates.months-in-year": ("tháng {first}–{last}", "months {first}–{last}"),
    "dates.related.earlier-month": ("tháng trước đó", "the earlier group"),

    # ---- references (R6xx) ------------------------------------------------------------------------
    "references.kind.unit": ("Đơn vị", "unit"),
    "references.kind.leader": ("Lãnh đạo", "leader"),
    "references.kind.movement": ("Phong trào", "movement"),
    "references.kind.campaign": ("Cuộc vận động", "campaign"),
    "references.related.first-task": ("nhiệm vụ đầu tiên", "the first task"),
    "references.missing.signer": ("người ký (`người ký:`)", "signer (`người ký:`)"),
    "references.missing.position": ("chức vụ người ký (`chức vụ:`)", "signer's position (`chức vụ:`)"),

    # ---- years (Y4xx) -----------------------------------------------------------------------------
    "years.where.title": ("trích yếu", "the title"),
    "years.where.appendix-title": ("tên phụ lục", "the appendix title"),

    # ---- the text renderer ---------------------------------------------------------------------------
    "render.hint": ("gợi ý", "hint"),
    "render.fix": ("sửa", "fix"),
    "render.summary": ("{errors} lỗi, {warnings} cảnh báo, {notes} ghi chú",
                       "{errors} error(s), {warnings} warning(s), {notes} note(s)"),

    # ---- hints ----------------------------------------------------------------------------------
    "hint.did-you-mean": (" Ý bạn là `{name}`?", " Did you mean `{name}`?"),

    # ---- syntax (S1xx): what the parser expected ------------------------------------------------
    "syntax.or": (" hoặc ", " or "),
    "syntax.expect.date": ("một ngày, ví dụ 15/02/2024", "a date such as 15/02/2024"),
    "syntax.expect.year": ("một năm, ví dụ 2024", "a year such as 2024"),
    "syntax.expect.school-year": ("một năm học, ví dụ 2023-2024", "a school year such as 2023-2024"),
    "syntax.expect.doc-number": ("số văn bản, ví dụ 05", "a document number such as 05"),
    "syntax.expect.id": ("một mã viết liền không dấu, ví dụ pgd hoặc tt-hdtdkt",
                         "an id (ASCII letters, digits, -), such as pgd or tt-hdtdkt"),
    "syntax.expect.month-year": ("tháng/năm, ví dụ 02/2024", "month/year such as 02/2024"),
    "syntax.expect.month-number": ("số tháng", "a month number"),
    "syntax.expect.deadline": ("một thời hạn", "a deadline"),
    "syntax.expect.to": ("`đến`", "`đến` (to)"),
    "syntax.expect.column": ("tên cột: tt, nội dung, chủ trì, phối hợp, đơn vị, thời hạn, phụ trách, ghi chú",
                             "a column: tt, nội dung, chủ trì, phối hợp, đơn vị, thời hạn, phụ trách, ghi chú"),
    "syntax.expect.layout": ("`bảng` hoặc `theo tháng`", "`bảng` (table) or `theo tháng` (by month)"),
    "syntax.expect.orientation": ("`ngang`, `dọc` hoặc `tự động`", "`ngang`, `dọc` or `tự động`"),
    "syntax.expect.path": ("đường dẫn tới tệp hồ sơ", "the path of a profile file"),
    "syntax.expect.colon": ("dấu `:`", "`:`"),
    "syntax.expect.comma": ("dấu phẩy", "a comma"),
    "syntax.expect.column-title": ("tiêu đề cột trong ngoặc", "a column title in parentheses"),
    "syntax.expect.end-of-line": ("hết dòng", "the end of the line"),
    "syntax.expect.deadline-forms": ("một thời hạn: `tháng 02/2024`, `trước ngày 25/02/2024`, `ngày 20/11/2024`, "
                                     "`từ 01/03/2024 đến 15/03/2024`, `hàng tháng`, `không` hoặc \"chữ tự do\"",
                                     "a deadline: `tháng 02/2024`, `trước ngày 25/02/2024`, `ngày 20/11/2024`, "
                                     "`từ 01/03/2024 đến 15/03/2024`, `hàng tháng`, `không` or \"free text\""),
    "syntax.expect.text": ("nội dung chữ", "text"),
    "syntax.expect.valid-line": ("một dòng hợp lệ", "a valid line"),
    "syntax.after-keyword": (" sau `{keyword}:`", " after `{keyword}:`"),
    "syntax.style.bold": ("đậm", "bold"),
    "syntax.style.italic": ("nghiêng", "italic"),

    # ---- model (M2xx): what, where, why ----------------------------------------------------------
    "model.kind.unit": ("đơn vị", "unit"),
    "model.kind.leader": ("lãnh đạo", "leader"),
    "model.kind.movement": ("phong trào", "movement"),
    "model.kind.campaign": ("cuộc vận động", "campaign"),
    "model.kind.any": ("đơn vị, lãnh đạo hay phong trào", "unit, leader or movement"),
    "model.id-of-kind": ("mã {kind}", "a {kind} id"),
    "model.ids-of-kinds": ("mã {first} hoặc mã {second}", "a {first} id or a {second} id"),
    "model.related.first-given": ("khai báo lần đầu", "first given here"),
    "model.related.first-defined": ("mã này đã có ở đây", "first defined here"),
    "model.what.line": ("Dòng này", "This line"),
    "model.what.heading": ("Đề mục", "A heading"),
    "model.what.not-bullet": ("Dòng không bắt đầu bằng `-`", "A line without `-`"),
    "model.what.paragraph": ("Đoạn văn", "A paragraph"),
    "model.what.numbered": ("Đoạn đánh số `#.`", "A numbered paragraph `#.`"),
    "model.what.month-group-in-table": ("`tháng:` (chỉ dùng với `kiểu: theo tháng`)",
                                        "`tháng:` (only with `kiểu: theo tháng`)"),
    "model.what.table-after-months": ("`kiểu: bảng` sau các nhóm `tháng:`", "`kiểu: bảng` after `tháng:` groups"),
    "model.where.profile": ("trong tệp hồ sơ cơ quan (chỉ khai báo cơ quan, người ký, đơn vị, nơi nhận)",
                            "in an office profile (agency, signer, units and recipients only)"),
    "model.where.preamble": ("ở phần mở đầu", "in the preamble"),
    "model.where.citations": ("trong danh sách căn cứ", "in the list of cited documents"),
    "model.where.body": ("trong phần nội dung", "in the body"),
    "model.where.closing": ("sau câu kết thúc", "after the closing sentence"),
    "model.where.recipients": ("trong danh sách nơi nhận", "in the recipients list"),
    "model.where.appendix": ("trong phụ lục", "in an appendix"),
    "model.where.task": ("trong nhiệm vụ ở dòng {line}", "inside the task on line {line}"),
    "model.where.task-date": ("trong nhiệm vụ (thời hạn của nhiệm vụ viết là `hạn:`)",
                              "inside a task (a task's deadline is `hạn:`)"),
    "model.where.task-header": ("trong nhiệm vụ; hãy đặt ở phần đầu kế hoạch",
                                "inside a task; put it at the top of the plan"),
    "model.profile.too-deep": ("lồng quá sâu", "nested too deeply"),
    "model.profile.circular": ("dùng vòng tròn", "circular use"),
    "model.profile.used-above": ("tệp này đã được dùng ở trên", "this file is already used above"),
    "model.profile.outside": ("tệp nằm ngoài thư mục của kế hoạch và các thư mục hồ sơ khai báo "
                              "(`profiles` trong tdkt.toml)",
                              "the file is outside the plan's folder and the declared profile folders "
                              "(`profiles` in tdkt.toml)"),
    "file.F901": ("không tìm thấy tệp", "file not found"),
    "file.F902": ("tệp không phải UTF-8", "not UTF-8"),
    "file.F903": ("không phải tệp văn bản", "not a text file"),
    "file.F904": ("đó là thư mục", "it is a directory"),
    "file.F905": ("tệp quá lớn", "the file is too large"),
    "file.F919": ("không phải tệp thường (thiết bị, FIFO…)", "not a regular file (device, FIFO…)"),
    "file.unreadable": ("không đọc được tệp", "cannot read the file"),
    "model.missing.year": ("năm của kế hoạch, ví dụ `{keyword}: 2024`", "the plan year, e.g. `{keyword}: 2024`"),
    "model.missing.title": ("tên kế hoạch", "the plan's title"),
    "model.missing.issuer": ("cơ quan ban hành", "the issuing agency"),
    "model.missing.abbreviation": ("viết tắt tên cơ quan, dùng trong số ký hiệu",
                                   "the agency abbreviation used in the document symbol"),
    "model.missing.place": ("địa danh ghi ở dòng ngày tháng", "the place in the date line"),
    "model.blank.date": ("Ngày ban hành", "The issue date"),
    "model.blank.number": ("Số văn bản", "The document number"),
    "model.blank.value": ("(trống)", "(empty)"),
    "model.expected.year": ("một năm như 2024", "a year such as 2024"),
    "model.expected.year-or-variable": ("một năm như 2024 hoặc {variable}", "a year such as 2024 or {variable}"),
    "model.expected.month-number": ("số tháng, ví dụ `cuối tháng 12` (hoặc đặt nhiệm vụ dưới `tháng:`)",
                                    "a month number, e.g. `cuối tháng 12` (or put the task under `tháng:`)"),
    "model.layout.by-month": ("theo tháng", "by-month"),
    "model.layout.table": ("dạng bảng", "table"),
    "model.column.deadline-in-months": ("mỗi hàng là một tháng; thời hạn riêng của một việc được in trong "
                                        "ngoặc sau việc đó",
                                        "each row is a month; an item's own deadline is printed in brackets "
                                        "after it"),
    "model.column.month-in-table": ("cột tháng chỉ có ở phụ lục `kiểu: theo tháng`",
                                    "a month column exists only in a `kiểu: theo tháng` appendix"),
    "model.authority.unknown-prefix": ("không có tiền tố `{prefix}.`; dùng một trong: {allowed}",
                                       "there is no prefix `{prefix}.`; use one of: {allowed}"),
    "model.authority.no-prefix": ("mỗi dòng thẩm quyền bắt đầu bằng một tiền tố: {allowed}",
                                  "each authority line starts with a prefix: {allowed}"),
    "model.authority.no-body": ("sau tiền tố cần tên cơ quan hoặc chức danh",
                                "the prefix needs a body or title after it"),
    "model.authority.too-many-lines": ("tối đa hai dòng (ví dụ `TM. Ủy ban nhân dân, KT. Chủ tịch`)",
                                       "at most two lines (e.g. `TM. Ủy ban nhân dân, KT. Chủ tịch`)"),
    "model.authority.two-lines": ("thẩm quyền hai dòng mở đầu bằng {firsts} (thay mặt tập thể), dòng sau là "
                                  "`KT.`, `TL.`, `TUQ.` hoặc `Q.`",
                                  "a two-line authority opens with {firsts} (for a collective body), then "
                                  "`KT.`, `TL.`, `TUQ.` or `Q.`"),
    "model.authority.need-deputy": ("cấp phó của người đứng đầu: `Phó {body}`", "a deputy of the head: `Phó {body}`"),
    "model.authority.need-head": ("của người đứng đầu (cấp phó ký thay thì thêm dòng `KT.`, ví dụ "
                                  "`{prefix}. {body}, KT. …`)",
                                  "of the head (a deputy signing adds a `KT.` line, e.g. `{prefix}. {body}, KT. …`)"),
    "model.authority.need-acting": ("để trống hoặc `Quyền …` (dòng `Q.` đã là chức danh)",
                                    "left out or `Quyền …` (the `Q.` line is the title)"),
    "model.citation.no-symbol": ("số ký hiệu `{number}` thiếu phần ký hiệu (ví dụ 322/KH-UBND)",
                                 "the number `{number}` has no symbol part (e.g. 322/KH-UBND)"),
    "model.citation.no-date": ("thiếu `ngày dd/mm/yyyy` sau số ký hiệu", "missing `ngày dd/mm/yyyy` after the number"),
    "model.citation.after-date": ("phần sau ngày phải bắt đầu bằng `của …` hoặc `về …`",
                                  "after the date comes `của …` (issuer) or `về …` (summary)"),
}
