"""The `tdkt verify` diagnostic codes (V1xx … V9xx), registered in the project's registry.

Families: V1 page and fonts, V2 first-page elements, V3 the short rules (lines), V4 body,
V5 recipients and signature, V6 page numbers, V7 appendices, V9 package integrity.
Every message ends with what the decree wants, what the file has, and a quote, so the
params of every finding are: where/where_en, quote, expected/expected_en, found/found_en, more/more_en.
"""

from __future__ import annotations

from ..diagnostics import Severity, register

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO

_VI_TAIL = " — cần: {expected}; thấy: {found}{quoted}{more}"
_EN_TAIL = " — expected: {expected_en}; found: {found_en}{quoted}{more_en}"

# code, name, severity, vi head, en head, doc (vi)
CODES: tuple[tuple[str, str, Severity, str, str, str], ...] = (
    ("V101", "page-size", E, "Khổ giấy không phải A4", "Paper size is not A4",
     "Văn bản in trên khổ A4 (210 × 297 mm)."),
    ("V102", "margins", E, "Lề trang sai quy định", "Page margins outside the decree's ranges",
     "Trang dọc: trên/dưới 20–25 mm, trái 30–35 mm, phải 15–20 mm; trang ngang của phụ lục: "
     "như trang dọc hoặc xoay tương ứng."),
    ("V103", "orientation", E, "Trang đầu văn bản phải khổ dọc", "The document must start in portrait",
     "Chỉ phụ lục có bảng rộng mới được để trang ngang."),
    ("V110", "font-family", E, "Phông chữ không phải Times New Roman",
     "Font is not Times New Roman",
     "Mọi chữ dùng Times New Roman ở cả bốn ô phông (ascii, hAnsi, eastAsia, cs). "
     "Sai: chỉ đặt Font.name (python-docx) — ô eastAsia vẫn theo theme."),
    ("V111", "font-color", W, "Chữ không phải màu đen", "Text is not black",
     "Chữ in màu đen (auto hoặc 000000)."),
    ("V201", "quoc-hieu", E, "Quốc hiệu thiếu hoặc sai chữ", "Quốc hiệu missing or misspelt",
     "Đúng: «CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM»."),
    ("V202", "tieu-ngu", E, "Tiêu ngữ thiếu hoặc sai chữ", "Tiêu ngữ missing or misspelt",
     "Đúng: «Độc lập - Tự do - Hạnh phúc» (gạch nối có dấu cách hai bên)."),
    ("V203", "date-leading-zero", E, "Số 0 đứng trước trong ngày tháng sai quy định",
     "Leading zero of the date wrong",
     "Ngày dưới 10 và tháng 1, 2 viết thêm số 0 (ngày 06 tháng 01); tháng 3–12 không thêm "
     "(tháng 5). Sai: «ngày 6 tháng 1 năm 2023»; đúng: «ngày 06 tháng 01 năm 2023»."),
    ("V204", "place-date", E, "Dòng địa danh, ngày tháng sai thể thức", "Place and date line malformed",
     "Dạng «Long Biên, ngày 15 tháng 02 năm 2023»: dấu phẩy sau địa danh, chữ thường."),
    ("V205", "number-symbol", E, "Số, ký hiệu văn bản sai thể thức", "Number and symbol malformed",
     "Dạng «Số: 05/KH-PGDĐT»: dấu hai chấm sau «Số», số dưới 10 thêm số 0, không có dấu cách "
     "trong ký hiệu."),
    ("V206", "draft-blank", I, "Bản dự thảo: còn để trống chỗ văn thư điền khi ban hành",
     "Draft: blanks left for the clerk to fill in at issue",
     "Chấp nhận khi soạn thảo («Số:      /KH-PGDĐT»), nhớ điền trước khi ban hành."),
    ("V207", "quoc-hieu-format", E, "Quốc hiệu sai định dạng", "Quốc hiệu formatting wrong",
     "Quốc hiệu 12–13 pt, in hoa, đứng, đậm."),
    ("V208", "tieu-ngu-format", E, "Tiêu ngữ sai định dạng", "Tiêu ngữ formatting wrong",
     "Tiêu ngữ 13–14 pt, đứng, đậm."),
    ("V209", "size-pairing", E, "Cỡ chữ Quốc hiệu / Tiêu ngữ / ngày tháng không theo một cặp",
     "Quốc hiệu / Tiêu ngữ / date sizes are not one of the decree's pairings",
     "Dùng một cặp: 13/14/14 hoặc 12/13/13."),
    ("V210", "agency-format", E, "Tên cơ quan sai định dạng", "Agency name formatting wrong",
     "Tên cơ quan 12–13 pt, in hoa; cơ quan ban hành đậm, cơ quan chủ quản không đậm."),
    ("V211", "document-type", E, "Tên loại văn bản «KẾ HOẠCH» thiếu hoặc sai định dạng",
     "Document type «KẾ HOẠCH» missing or wrongly formatted",
     "«KẾ HOẠCH» in hoa, đậm, căn giữa, 13–14 pt."),
    ("V212", "title-format", E, "Trích yếu nội dung thiếu hoặc sai định dạng",
     "Title (abstract) missing or wrongly formatted", "Trích yếu đậm, căn giữa, 13–14 pt."),
    ("V213", "number-format", W, "Dòng số, ký hiệu sai định dạng", "Number line formatting wrong",
     "Số, ký hiệu 13 pt, đứng."),
    ("V214", "date-format", E, "Dòng địa danh, ngày tháng sai định dạng", "Date line formatting wrong",
     "Địa danh, ngày tháng 13–14 pt, in nghiêng."),
    ("V301", "rule-missing", E, "Thiếu đường kẻ ngang", "Short horizontal rule missing",
     "Dưới tên cơ quan ban hành, dưới Tiêu ngữ và dưới trích yếu có một đường kẻ liền: viền "
     "đoạn văn hoặc đường vẽ."),
    ("V302", "rule-underscores", E, "Đường kẻ làm bằng ký tự gạch dưới, không phải đường kẻ thật",
     "Rule made of underscores or underlining, not a real line",
     "Dùng viền đoạn văn (pBdr) hoặc đường vẽ, không gõ «_____»."),
    ("V303", "rule-length", W, "Độ dài đường kẻ không hợp lý", "Rule length implausible",
     "Dưới Tiêu ngữ: dài bằng dòng chữ; dưới tên cơ quan và trích yếu: 1/3–1/2 dòng chữ."),
    ("V401", "body-alignment", E, "Đoạn nội dung không căn đều hai bên", "Body paragraph not justified",
     "Nội dung căn đều hai bên (justify)."),
    ("V402", "first-line-indent", E, "Thụt đầu dòng sai", "First-line indent wrong",
     "Thụt đầu dòng 1 cm hoặc 1,27 cm."),
    ("V403", "paragraph-spacing", E, "Khoảng cách giữa các đoạn dưới 6 pt",
     "Space between paragraphs below 6 pt", "Cách đoạn tối thiểu 6 pt."),
    ("V404", "line-spacing", E, "Khoảng cách dòng ngoài khoảng đơn – 1,5 dòng",
     "Line spacing outside single – 1.5 lines", "Khoảng cách dòng từ đơn đến 1,5 dòng."),
    ("V405", "body-size", E, "Cỡ chữ nội dung ngoài 13–14 pt", "Body font size outside 13–14 pt",
     "Nội dung 13–14 pt."),
    ("V406", "body-size-consistency", W, "Cỡ chữ nội dung không thống nhất",
     "Body font size inconsistent", "Toàn bộ nội dung và đề mục dùng một cỡ chữ."),
    ("V501", "noi-nhan", E, "«Nơi nhận:» thiếu hoặc sai định dạng", "«Nơi nhận:» missing or wrongly formatted",
     "«Nơi nhận:» 12 pt, đậm nghiêng, có dấu hai chấm."),
    ("V502", "recipient-line", E, "Dòng nơi nhận sai thể thức", "Recipient line malformed",
     "Mỗi dòng 11 pt, đứng, bắt đầu «-», kết thúc «;»."),
    ("V503", "luu-vt", E, "Dòng «- Lưu: VT…» cuối danh sách nơi nhận thiếu hoặc sai",
     "Last recipient line «- Lưu: VT…» missing or malformed", "Dòng cuối «- Lưu: VT, …» kết thúc «.»."),
    ("V504", "signer", E, "Khối chữ ký sai định dạng", "Signature block wrongly formatted",
     "Quyền hạn, chức vụ in hoa đậm; họ tên đậm; 13–14 pt."),
    ("V601", "first-page-number", E, "Trang đầu có hiện số trang", "Page number shown on the first page",
     "Không đánh số trang đầu: bật «trang đầu khác» (titlePg) với đầu trang đầu để trống."),
    ("V602", "page-number-missing", W, "Không có số trang ở đầu trang", "No page number in the header",
     "Số trang (trường PAGE) căn giữa ở lề trên các trang sau trang đầu."),
    ("V603", "page-number-format", E, "Số trang sai vị trí hoặc định dạng", "Page number misplaced or misformatted",
     "Số trang ở đầu trang, căn giữa, 13–14 pt, chữ đứng."),
    ("V701", "appendix-section", E, "Phụ lục không bắt đầu một phần (section) mới",
     "Appendix does not start a new section", "Mỗi phụ lục bắt đầu trang mới, phần (section) riêng."),
    ("V702", "appendix-page-restart", E, "Số trang phụ lục không bắt đầu lại từ 1",
     "Appendix page numbering does not restart at 1", "Đặt w:pgNumType w:start=\"1\" cho phần phụ lục."),
    ("V703", "appendix-caption", E, "Dòng «Kèm theo Kế hoạch số …» thiếu hoặc không khớp số, ngày của văn bản",
     "Appendix caption missing or not matching the plan's number and date",
     "«(Kèm theo Kế hoạch số 05/KH-PGDĐT ngày 15/02/2023 của …)» phải đúng số, ký hiệu, ngày ở đầu văn bản."),
    ("V704", "appendix-caption-format", E, "Dòng «Kèm theo …» sai định dạng", "Appendix caption formatting wrong",
     "In nghiêng, căn giữa."),
    ("V705", "table-header-repeat", E, "Hàng tiêu đề bảng phụ lục không lặp lại ở mỗi trang",
     "Appendix table header row does not repeat", "Đặt w:tblHeader cho hàng đầu."),
    ("V706", "table-row-split", E, "Hàng bảng phụ lục có thể bị ngắt qua trang",
     "Appendix table rows may split across pages", "Đặt w:cantSplit cho mọi hàng."),
    ("V707", "appendix-heading-format", E, "Tiêu đề «Phụ lục» sai định dạng", "Appendix heading formatting wrong",
     "«Phụ lục» đậm, căn giữa."),
    ("V901", "table-grid", E, "Bảng thiếu w:tblGrid hoặc lưới cột không khớp độ rộng ô (Word sẽ đòi sửa tệp)",
     "Table grid missing or not matching cell widths (Word may ask to repair)",
     "Mỗi bảng có w:tblGrid; số và độ rộng w:gridCol khớp w:tcW của các ô."),
    ("V902", "empty-cell", E, "Ô bảng không có đoạn văn nào (Word sẽ báo tệp hỏng)",
     "Table cell without a paragraph (Word reports the file as corrupt)", "Mỗi w:tc phải có ít nhất một w:p."),
    ("V903", "section-properties", E, "Thuộc tính phần (section) thiếu hoặc mâu thuẫn",
     "Section properties missing or inconsistent", "Mỗi phần có w:pgSz, w:pgMar; hướng giấy khớp rộng/cao."),
)

for _code, _name, _sev, _vi, _en, _doc in CODES:
    register(_code, _name, _sev, _vi + _VI_TAIL, _en + _EN_TAIL, doc=_doc)

NAMES = {c[0]: c[1] for c in CODES}
