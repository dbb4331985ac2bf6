"""Bỏ qua và cấu hình (X9xx). Mã lỗi được viết bằng mã (`D301`) hoặc tên (`deadline-before-issue`).

Chú thích trên cùng dòng bỏ qua các chẩn đoán được nêu tên ở dòng đó:

    hạn: trước ngày 10/02/2023   // tdkt: bỏ qua D301
    hạn: trước ngày 10/02/2023   // tdkt: ignore deadline-before-issue

Cấu hình dự án (`tdkt.toml`, hoặc `[tool.tdkt]` trong `pyproject.toml`, tìm từ thư mục của kế
hoạch trở lên; tệp gần nhất được dùng):

    [tool.tdkt]
    ignore = ["T801"]
    severity = { D302 = "error", R601 = "off" }
    references = ["examples/van-ban-cap-tren.toml"]

Lỗi cú pháp (S) và lỗi tệp (F) không bỏ qua được.

**X901 unused-suppression** — chú thích bỏ qua một mã mà dòng đó không có: chú thích đã cũ.

    nhiệm vụ: Tổng kết   // tdkt: bỏ qua D301      // sai: dòng này không có D301

**X902 invalid-config** — tệp cấu hình không đọc được, có khóa lạ hoặc giá trị sai.

**X903 unknown-code** — mã hay tên quy tắc không có (trong chú thích hoặc cấu hình).

    // tdkt: bỏ qua D399                              // sai: không có mã D399
"""

from __future__ import annotations

from .entries import ERROR, WARNING, Code

CODES: tuple[Code, ...] = (
    Code("X901", "unused-suppression", WARNING,
         vi="Chú thích bỏ qua `{code}` nhưng dòng này không có chẩn đoán `{code}` nào.",
         en="The comment silences `{code}`, but this line has no `{code}` diagnostic.",
         fixable=True),
    Code("X902", "invalid-config", ERROR,
         vi="Tệp cấu hình `{path}` không dùng được: {problem}.",
         en="The configuration file `{path}` cannot be used: {problem}."),
    Code("X903", "unknown-code", WARNING,
         vi="Không có mã hay tên quy tắc `{code}`.{suggestion}",
         en="There is no rule code or name `{code}`.{suggestion}"),
)
