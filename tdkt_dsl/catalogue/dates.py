"""Dates (D3xx): deadlines, issue date, cited documents' dates, month order."""

from __future__ import annotations

from .entries import ERROR, WARNING, Code

CODES: tuple[Code, ...] = (
    Code("D301", "deadline-before-issue", ERROR,
         vi="Thời hạn {deadline} đã qua trước ngày ban hành kế hoạch ({issued}).",
         en="The deadline {deadline} is before the plan's issue date ({issued})."),
    Code("D302", "deadline-outside-period", WARNING,
         vi="Thời hạn {deadline} nằm ngoài năm {year} và năm học {school_year} của kế hoạch.",
         en="The deadline {deadline} lies outside the plan's year {year} and school year {school_year}."),
    Code("D303", "citation-after-issue", ERROR,
         vi="Văn bản được trích dẫn ngày {cited} nhưng kế hoạch ban hành ngày {issued}: không "
            "thể căn cứ vào văn bản ban hành sau.",
         en="The cited document is dated {cited} but the plan is issued on {issued}: it cannot"
            " rest on a later document."),
    Code("D304", "month-out-of-order", WARNING,
         vi="Nhóm tháng {month} đứng sau tháng {previous}: các tháng phải theo thứ tự thời gian.",
         en="The month {month} comes after {previous}: months must be in chronological order."),
    Code("D305", "month-heading-mismatch", WARNING,
         vi="Nhiệm vụ nằm trong nhóm tháng {month} nhưng thời hạn là {deadline}.",
         en="The task is grouped under {month} but its deadline is {deadline}."),
    Code("D306", "reversed-range", ERROR,
         vi="Khoảng thời gian kết thúc ({end}) trước khi bắt đầu ({start}).",
         en="The period ends ({end}) before it starts ({start})."),
    Code("D307", "issue-date-outside-year", ERROR,
         vi="Ngày ban hành {issued} không thuộc năm {year} của kế hoạch (hay cuối năm trước).",
         en="The issue date {issued} is not in the plan year {year} (nor late in the year before)."),
    Code("D308", "prose-deadline-before-issue", ERROR,
         vi="Thời hạn {written} (ngày {date}) viết trong văn bản đã qua trước ngày ban hành kế hoạch ({issued}).",
         en="The deadline {written} ({date}) written in the text is before the plan's issue date ({issued})."),
    Code("D309", "prose-date-outside-period", WARNING,
         vi="Ngày {date} viết trong văn bản nằm ngoài năm {year} và năm học {school_year} của kế hoạch.",
         en="The date {date} written in the text lies outside the plan's year {year} and school year {school_year}."),
    Code("D310", "prose-date-month-mismatch", WARNING,
         vi="Dòng thuộc nhóm tháng {month} nhưng ngày viết trong văn bản là {date}.",
         en="The row is grouped under {month} but the date written in it is {date}."),
    Code("D311", "empty-range", WARNING,
         vi="Khoảng thời gian bắt đầu và kết thúc cùng {same}: một đầu bị gõ nhầm? Nếu chỉ trong {same}, "
            "hãy ghi một mốc.",
         en="The period starts and ends in the same {same}: is one end mistyped? If it is {same} "
            "alone, write that."),
)
