"""`tdkt verify` of a DOCX against Decree 30/2020 (V1xx … V9xx).

Families: V1 page and fonts, V2 first-page elements, V3 the short rules (lines), V4 body,
V5 recipients and signature, V6 page numbers, V7 appendices, V9 package integrity.
Every message ends with what the decree wants, what the file has, and a quote, so the
params of every finding are: quote/quoted, expected/expected_en, found/found_en, more/more_en.
``doc`` says what the decree asks (shown by `tdkt rules`).
"""

from __future__ import annotations

from .entries import ERROR, INFO, WARNING, Code

CODES: tuple[Code, ...] = (
    Code("V101", "page-size", ERROR,
         vi="Khổ giấy không phải A4 — cần: {expected}; thấy: {found}{quoted}{more}",
         en="Paper size is not A4 — expected: {expected_en}; found: {found_en}{quoted}{more_en}",
         doc="Văn bản in trên khổ A4 (210 × 297 mm)."),
    Code("V102", "margins", ERROR,
         vi="Lề trang sai quy định — cần: {expected}; thấy: {found}{quoted}{more}",
         en="Page margins outside the decree's ranges — expected: {expected_en}; found: "
            "{found_en}{quoted}{more_en}",
         doc="Trang dọc: trên/dưới 20–25 mm, trái 30–35 mm, phải 15–20 mm; trang ngang của phụ "
             "lục: như trang dọc hoặc xoay tương ứng."),
    Code("V103", "orientation", ERROR,
         vi="Trang đầu văn bản phải khổ dọc — cần: {expected}; thấy: {found}{quoted}{more}",
         en="The document must start in portrait — expected: {expected_en}; found: "
            "{found_en}{quoted}{more_en}",
         doc="Chỉ phụ lục có bảng rộng mới được để trang ngang."),
    Code("V110", "font-family", ERROR,
         vi="Phông chữ không phải Times New Roman — cần: {expected}; thấy: {found}{quoted}{more}",
         en="Font is not Times New Roman — expected: {expected_en}; found: {found_en}{quoted}{more_en}",
         doc="Mọi chữ dùng Times New Roman ở cả bốn ô phông (ascii, hAnsi, eastAsia, cs). Sai: "
             "chỉ đặt Font.name (python-docx) — ô eastAsia vẫn theo theme."),
    Code("V111", "font-color", WARNING,
         vi="Chữ không phải màu đen — cần: {expected}; thấy: {found}{quoted}{more}",
         en="Text is not black — expected: {expected_en}; found: {found_en}{quoted}{more_en}",
         doc="Chữ in màu đen (auto hoặc 000000)."),
    Code("V201", "quoc-hieu", ERROR,
         vi="Quốc hiệu thiếu hoặc sai chữ — cần: {expected}; thấy: {found}{quoted}{more}",
         en="Quốc hiệu missing or misspelt — expected: {expected_en}; found: {found_en}{quoted}{more_en}",
         doc="Đúng: «CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM»."),
    Code("V202", "tieu-ngu", ERROR,
         vi="Tiêu ngữ thiếu hoặc sai chữ — cần: {expected}; thấy: {found}{quoted}{more}",
         en="Tiêu ngữ missing or misspelt — expected: {expected_en}; found: {found_en}{quoted}{more_en}",
         doc="Đúng: «Độc lập - Tự do - Hạnh phúc» (gạch nối có dấu cách hai bên)."),
    Code("V203", "date-leading-zero", ERROR,
         vi="Số 0 đứng trước trong ngày tháng sai quy định — cần: {expected}; thấy: {found}{quoted}{more}",
         en="Leading zero of the date wrong — expected: {expected_en}; found: {found_en}{quoted}{more_en}",
         doc="Ngày dưới 10 và tháng 1, 2 viết thêm số 0 (ngày 06 tháng 01); tháng 3–12 không "
             "thêm (tháng 5). Sai: «ngày 6 tháng 1 năm 2023»; đúng: «ngày 06 tháng 01 năm "
             "2023»."),
    Code("V204", "place-date", ERROR,
         vi="Dòng địa danh, ngày tháng sai thể thức — cần: {expected}; thấy: {found}{quoted}{more}",
         en="Place and date line malformed — expected: {expected_en}; found: {found_en}{quoted}{more_en}",
         doc="Dạng «Long Biên, ngày 15 tháng 02 năm 2023»: dấu phẩy sau địa danh, chữ thường."),
    Code("V205", "number-symbol", ERROR,
         vi="Số, ký hiệu văn bản sai thể thức — cần: {expected}; thấy: {found}{quoted}{more}",
         en="Number and symbol malformed — expected: {expected_en}; found: {found_en}{quoted}{more_en}",
         doc="Dạng «Số: 05/KH-PGDĐT»: dấu hai chấm sau «Số», số dưới 10 thêm số 0, không có dấu"
             " cách trong ký hiệu."),
    Code("V206", "docx-draft-blank", INFO,
         vi="Bản dự thảo: còn để trống chỗ văn thư điền khi ban hành — cần: {expected}; thấy: "
            "{found}{quoted}{more}",
         en="Draft: blanks left for the clerk to fill in at issue — expected: {expected_en}; "
            "found: {found_en}{quoted}{more_en}",
         doc="Chấp nhận khi soạn thảo («Số:      /KH-PGDĐT»), nhớ điền trước khi ban hành."),
    Code("V207", "quoc-hieu-format", ERROR,
         vi="Quốc hiệu sai định dạng — cần: {expected}; thấy: {found}{quoted}{more}",
         en="Quốc hiệu formatting wrong — expected: {expected_en}; found: {found_en}{quoted}{more_en}",
         doc="Quốc hiệu 12–13 pt, in hoa, đứng, đậm."),
    Code("V208", "tieu-ngu-format", ERROR,
         vi="Tiêu ngữ sai định dạng — cần: {expected}; thấy: {found}{quoted}{more}",
         en="Tiêu ngữ formatting wrong — expected: {expected_en}; found: {found_en}{quoted}{more_en}",
         doc="Tiêu ngữ 13–14 pt, đứng, đậm."),
    Code("V209", "size-pairing", ERROR,
         vi="Cỡ chữ Quốc hiệu / Tiêu ngữ / ngày tháng không theo một cặp — cần: {expected}; "
            "thấy: {found}{quoted}{more}",
         en="Quốc hiệu / Tiêu ngữ / date sizes are not one of the decree's pairings — "
            "expected: {expected_en}; found: {found_en}{quoted}{more_en}",
         doc="Dùng một cặp: 13/14/14 hoặc 12/13/13."),
    Code("V210", "agency-format", ERROR,
         vi="Tên cơ quan sai định dạng — cần: {expected}; thấy: {found}{quoted}{more}",
         en="Agency name formatting wrong — expected: {expected_en}; found: {found_en}{quoted}{more_en}",
         doc="Tên cơ quan 12–13 pt, in hoa; cơ quan ban hành đậm, cơ quan chủ quản không đậm."),
    Code("V211", "document-type", ERROR,
         vi="Tên loại văn bản «KẾ HOẠCH» thiếu hoặc sai định dạng — cần: {expected}; thấy: "
            "{found}{quoted}{more}",
         en="Document type «KẾ HOẠCH» missing or wrongly formatted — expected: {expected_en}; "
            "found: {found_en}{quoted}{more_en}",
         doc="«KẾ HOẠCH» in hoa, đậm, căn giữa, 13–14 pt."),
    Code("V212", "title-format", ERROR,
         vi="Trích yếu nội dung thiếu hoặc sai định dạng — cần: {expected}; thấy: {found}{quoted}{more}",
         en="Title (abstract) missing or wrongly formatted — expected: {expected_en}; found: "
            "{found_en}{quoted}{more_en}",
         doc="Trích yếu đậm, căn giữa, 13–14 pt."),
    Code("V213", "number-format", WARNING,
         vi="Dòng số, ký hiệu sai định dạng — cần: {expected}; thấy: {found}{quoted}{more}",
         en="Number line formatting wrong — expected: {expected_en}; found: {found_en}{quoted}{more_en}",
         doc="Số, ký hiệu 13 pt, đứng."),
    Code("V214", "date-format", ERROR,
         vi="Dòng địa danh, ngày tháng sai định dạng — cần: {expected}; thấy: {found}{quoted}{more}",
         en="Date line formatting wrong — expected: {expected_en}; found: {found_en}{quoted}{more_en}",
         doc="Địa danh, ngày tháng 13–14 pt, in nghiêng."),
    Code("V301", "rule-missing", ERROR,
         vi="Thiếu đường kẻ ngang — cần: {expected}; thấy: {found}{quoted}{more}",
         en="Short horizontal rule missing — expected: {expected_en}; found: {found_en}{quoted}{more_en}",
         doc="Dưới tên cơ quan ban hành, dưới Tiêu ngữ và dưới trích yếu có một đường kẻ liền: "
             "viền đoạn văn hoặc đường vẽ."),
    Code("V302", "rule-underscores", ERROR,
         vi="Đường kẻ làm bằng ký tự gạch dưới, không phải đường kẻ thật — cần: {expected}; "
            "thấy: {found}{quoted}{more}",
         en="Rule made of underscores or underlining, not a real line — expected: "
            "{expected_en}; found: {found_en}{quoted}{more_en}",
         doc="Dùng viền đoạn văn (pBdr) hoặc đường vẽ, không gõ «_____»."),
    Code("V303", "rule-length", WARNING,
         vi="Độ dài đường kẻ không hợp lý — cần: {expected}; thấy: {found}{quoted}{more}",
         en="Rule length implausible — expected: {expected_en}; found: {found_en}{quoted}{more_en}",
         doc="Dưới Tiêu ngữ: dài bằng dòng chữ; dưới tên cơ quan và trích yếu: 1/3–1/2 dòng chữ."),
    Code("V401", "body-alignment", ERROR,
         vi="Đoạn nội dung không căn đều hai bên — cần: {expected}; thấy: {found}{quoted}{more}",
         en="Body paragraph not justified — expected: {expected_en}; found: {found_en}{quoted}{more_en}",
         doc="Nội dung căn đều hai bên (justify)."),
    Code("V402", "first-line-indent", ERROR,
         vi="Thụt đầu dòng sai — cần: {expected}; thấy: {found}{quoted}{more}",
         en="First-line indent wrong — expected: {expected_en}; found: {found_en}{quoted}{more_en}",
         doc="Thụt đầu dòng 1 cm hoặc 1,27 cm."),
    Code("V403", "paragraph-spacing", ERROR,
         vi="Khoảng cách giữa các đoạn dưới 6 pt — cần: {expected}; thấy: {found}{quoted}{more}",
         en="Space between paragraphs below 6 pt — expected: {expected_en}; found: "
            "{found_en}{quoted}{more_en}",
         doc="Cách đoạn tối thiểu 6 pt."),
    Code("V404", "line-spacing", ERROR,
         vi="Khoảng cách dòng ngoài khoảng đơn – 1,5 dòng — cần: {expected}; thấy: {found}{quoted}{more}",
         en="Line spacing outside single – 1.5 lines — expected: {expected_en}; found: "
            "{found_en}{quoted}{more_en}",
         doc="Khoảng cách dòng từ đơn đến 1,5 dòng."),
    Code("V405", "body-size", ERROR,
         vi="Cỡ chữ nội dung ngoài 13–14 pt — cần: {expected}; thấy: {found}{quoted}{more}",
         en="Body font size outside 13–14 pt — expected: {expected_en}; found: {found_en}{quoted}{more_en}",
         doc="Nội dung 13–14 pt."),
    Code("V406", "body-size-consistency", WARNING,
         vi="Cỡ chữ nội dung không thống nhất — cần: {expected}; thấy: {found}{quoted}{more}",
         en="Body font size inconsistent — expected: {expected_en}; found: {found_en}{quoted}{more_en}",
         doc="Toàn bộ nội dung và đề mục dùng một cỡ chữ."),
    Code("V501", "noi-nhan", ERROR,
         vi="«Nơi nhận:» thiếu hoặc sai định dạng — cần: {expected}; thấy: {found}{quoted}{more}",
         en="«Nơi nhận:» missing or wrongly formatted — expected: {expected_en}; found: "
            "{found_en}{quoted}{more_en}",
         doc="«Nơi nhận:» 12 pt, đậm nghiêng, có dấu hai chấm."),
    Code("V502", "recipient-line", ERROR,
         vi="Dòng nơi nhận sai thể thức — cần: {expected}; thấy: {found}{quoted}{more}",
         en="Recipient line malformed — expected: {expected_en}; found: {found_en}{quoted}{more_en}",
         doc="Mỗi dòng 11 pt, đứng, bắt đầu «-», kết thúc «;»."),
    Code("V503", "luu-vt", ERROR,
         vi="Dòng «- Lưu: VT…» cuối danh sách nơi nhận thiếu hoặc sai — cần: {expected}; thấy:"
            " {found}{quoted}{more}",
         en="Last recipient line «- Lưu: VT…» missing or malformed — expected: {expected_en}; "
            "found: {found_en}{quoted}{more_en}",
         doc="Dòng cuối «- Lưu: VT, …» kết thúc «.»."),
    Code("V504", "signer", ERROR,
         vi="Khối chữ ký sai định dạng — cần: {expected}; thấy: {found}{quoted}{more}",
         en="Signature block wrongly formatted — expected: {expected_en}; found: "
            "{found_en}{quoted}{more_en}",
         doc="Quyền hạn, chức vụ in hoa đậm; họ tên đậm; 13–14 pt."),
    Code("V601", "first-page-number", ERROR,
         vi="Trang đầu có hiện số trang — cần: {expected}; thấy: {found}{quoted}{more}",
         en="Page number shown on the first page — expected: {expected_en}; found: "
            "{found_en}{quoted}{more_en}",
         doc="Không đánh số trang đầu: bật «trang đầu khác» (titlePg) với đầu trang đầu để trống."),
    Code("V602", "page-number-missing", WARNING,
         vi="Không có số trang ở đầu trang — cần: {expected}; thấy: {found}{quoted}{more}",
         en="No page number in the header — expected: {expected_en}; found: {found_en}{quoted}{more_en}",
         doc="Số trang (trường PAGE) căn giữa ở lề trên các trang sau trang đầu."),
    Code("V603", "page-number-format", ERROR,
         vi="Số trang sai vị trí hoặc định dạng — cần: {expected}; thấy: {found}{quoted}{more}",
         en="Page number misplaced or misformatted — expected: {expected_en}; found: "
            "{found_en}{quoted}{more_en}",
         doc="Số trang ở đầu trang, căn giữa, 13–14 pt, chữ đứng."),
    Code("V701", "appendix-section", ERROR,
         vi="Phụ lục không bắt đầu một phần (section) mới — cần: {expected}; thấy: {found}{quoted}{more}",
         en="Appendix does not start a new section — expected: {expected_en}; found: "
            "{found_en}{quoted}{more_en}",
         doc="Mỗi phụ lục bắt đầu trang mới, phần (section) riêng."),
    Code("V702", "appendix-page-restart", ERROR,
         vi="Số trang phụ lục không bắt đầu lại từ 1 — cần: {expected}; thấy: {found}{quoted}{more}",
         en="Appendix page numbering does not restart at 1 — expected: {expected_en}; found: "
            "{found_en}{quoted}{more_en}",
         doc='Đặt w:pgNumType w:start="1" cho phần phụ lục.'),
    Code("V703", "appendix-caption", ERROR,
         vi="Dòng «Kèm theo Kế hoạch số …» thiếu hoặc không khớp số, ngày của văn bản — cần: "
            "{expected}; thấy: {found}{quoted}{more}",
         en="Appendix caption missing or not matching the plan's number and date — expected: "
            "{expected_en}; found: {found_en}{quoted}{more_en}",
         doc="«(Kèm theo Kế hoạch số 05/KH-PGDĐT ngày 15/02/2023 của …)» phải đúng số, ký hiệu,"
             " ngày ở đầu văn bản."),
    Code("V704", "appendix-caption-format", ERROR,
         vi="Dòng «Kèm theo …» sai định dạng — cần: {expected}; thấy: {found}{quoted}{more}",
         en="Appendix caption formatting wrong — expected: {expected_en}; found: "
            "{found_en}{quoted}{more_en}",
         doc="In nghiêng, căn giữa."),
    Code("V705", "table-header-repeat", ERROR,
         vi="Hàng tiêu đề bảng phụ lục không lặp lại ở mỗi trang — cần: {expected}; thấy: "
            "{found}{quoted}{more}",
         en="Appendix table header row does not repeat — expected: {expected_en}; found: "
            "{found_en}{quoted}{more_en}",
         doc="Đặt w:tblHeader cho hàng đầu."),
    Code("V706", "table-row-split", ERROR,
         vi="Hàng bảng phụ lục có thể bị ngắt qua trang — cần: {expected}; thấy: {found}{quoted}{more}",
         en="Appendix table rows may split across pages — expected: {expected_en}; found: "
            "{found_en}{quoted}{more_en}",
         doc="Đặt w:cantSplit cho mọi hàng."),
    Code("V707", "appendix-heading-format", ERROR,
         vi="Tiêu đề «Phụ lục» sai định dạng — cần: {expected}; thấy: {found}{quoted}{more}",
         en="Appendix heading formatting wrong — expected: {expected_en}; found: "
            "{found_en}{quoted}{more_en}",
         doc="«Phụ lục» đậm, căn giữa."),
    Code("V901", "table-grid", ERROR,
         vi="Bảng thiếu w:tblGrid hoặc lưới cột không khớp độ rộng ô (Word sẽ đòi sửa tệp) — "
            "cần: {expected}; thấy: {found}{quoted}{more}",
         en="Table grid missing or not matching cell widths (Word may ask to repair) — "
            "expected: {expected_en}; found: {found_en}{quoted}{more_en}",
         doc="Mỗi bảng có w:tblGrid; số và độ rộng w:gridCol khớp w:tcW của các ô."),
    Code("V902", "empty-cell", ERROR,
         vi="Ô bảng không có đoạn văn nào (Word sẽ báo tệp hỏng) — cần: {expected}; thấy: "
            "{found}{quoted}{more}",
         en="Table cell without a paragraph (Word reports the file as corrupt) — expected: "
            "{expected_en}; found: {found_en}{quoted}{more_en}",
         doc="Mỗi w:tc phải có ít nhất một w:p."),
    Code("V903", "section-properties", ERROR,
         vi="Thuộc tính phần (section) thiếu hoặc mâu thuẫn — cần: {expected}; thấy: {found}{quoted}{more}",
         en="Section properties missing or inconsistent — expected: {expected_en}; found: "
            "{found_en}{quoted}{more_en}",
         doc="Mỗi phần có w:pgSz, w:pgMar; hướng giấy khớp rộng/cao."),
    Code("V904", "attribute-value", ERROR,
         vi="Giá trị thuộc tính không phải số Word chấp nhận (Word sẽ báo tệp hỏng; tdkt đọc như "
            "không có) — cần: {expected}; thấy: {found}{quoted}{more}",
         en="Attribute value is not a number Word accepts (Word reports the file as corrupt; tdkt "
            "reads it as absent) — expected: {expected_en}; found: {found_en}{quoted}{more_en}",
         doc="Cỡ chữ, lề, thụt lề, khoảng cách, độ rộng cột, số cột gộp, số trang bắt đầu là số "
             "nguyên trong giới hạn của Word (ví dụ w:sz=\"1e400\", w:gridSpan=\"2000000000\" thì không)."),
)
