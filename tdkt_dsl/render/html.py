"""Layout → HTML: the preview of the printed plan, from the same layout the DOCX writer prints.

The document is written as flows of blocks (the text in portrait; each appendix on its own,
landscape where the DOCX is); templates/html/paginate.js cuts each flow into A4 sheets in the
browser (CSS multi-column fragmentation: the browser's own line breaking, orphans and widows,
repeated table headers) and numbers the pages from page 2. Every block carries the source line
it comes from (`data-line`), so a click on the page can find the source. The page ships its
font (Tinos, metric-compatible with Times New Roman, bundled from npm): no network.
"""

from __future__ import annotations

import base64
import copy
import re
from functools import lru_cache
from html import escape

from ..model.nodes import Plan
from ..resources import templates_dir
from .geometry import LANDSCAPE, PORTRAIT, column_widths
from .layout import AppendixLayout, Layout, PrintedCell, PrintedParagraph, layout, protected
from .linebreak import protect

STATIC_FONTS = "web/static/fonts"
_START = 'tdktFontsReady().then(function () { tdktPaginate(document.querySelector(".tdkt-doc")); });'


def _spans_html(p) -> str:
    out = []
    for s in p.spans:
        text = escape(s.text)
        if s.bold:
            text = f"<b>{text}</b>"
        if s.italic:
            text = f"<i>{text}</i>"
        out.append(text)
    return "".join(out)


def _with_spans(p: PrintedParagraph, spans) -> PrintedParagraph:
    q = copy.copy(p)  # keeps its source line
    q.spans = spans
    return q


def _line_attr(obj) -> str:
    line = getattr(obj, "line", None)
    return f' data-line="{line}"' if line else ""


def _para(p: PrintedParagraph, extra: str = "") -> str:
    level = f" h{p.level}" if p.role == "heading" else ""
    return f'<p class="r-{p.role}{level}{extra}"{_line_attr(p)}>{_spans_html(p) or "&nbsp;"}</p>'


def _header(lay: Layout) -> str:
    left = []
    if lay.parent is not None:
        left.append(_para(lay.parent))
    left.append(_para(lay.issuer))
    left.append('<div class="rule rule-agency"></div>')
    left.append(_para(lay.number))
    right = [_para(lay.quoc_hieu), _para(lay.tieu_ngu), '<div class="rule rule-tieu-ngu"></div>',
             _para(lay.date_line)]
    return (f'<table class="page-header"><tr><td class="hl">{"".join(left)}</td>'
            f'<td class="hr">{"".join(right)}</td></tr></table>')


def _signature(lay: Layout) -> str:
    recipients = "".join(_para(_with_spans(p, protected(p.spans))) for p in lay.recipients)
    signer = []
    for p in lay.signer:
        if p.role == "signer_name":
            signer.append('<div class="signature-space"></div>')
        signer.append(_para(p))
    return (f'<table class="signature"><tr><td class="recipients">{recipients}</td>'
            f'<td class="signer">{"".join(signer)}</td></tr></table>')


def _appendix(a: AppendixLayout) -> str:
    t = a.table
    # the DOCX's column widths and its no-break spaces: cells wrap where the DOCX's do
    total = (LANDSCAPE if a.landscape else PORTRAIT).text_width
    cols = "".join(f'<col style="width:{w * 100 / total:.2f}%">' for w in column_widths(t, total))
    head = "".join(f"<th>{escape(protect(h))}</th>" for h in t.header)
    rows = []
    for row in t.rows:
        if row.kind == "month":
            rows.append(f'<tr class="month"{_line_attr(row)}><td colspan="{len(t.columns)}">'
                        f'{_spans_html(row.cells[0])}</td></tr>')
            continue
        cells = []
        for c in row.cells:
            # a month's items: one line each, as the DOCX prints them (one paragraph each)
            inner = "<br>".join(_spans_html(PrintedCell(protected(para))) for para in c.paragraphs)
            inner = "<br>".join(inner.split("\n"))
            cells.append(f'<td class="a-{c.align}">{inner}</td>')
        rows.append(f'<tr{_line_attr(row)}>{"".join(cells)}</tr>')
    notes = "".join(_para(n) for n in a.notes)
    orientation = "landscape" if a.landscape else "portrait"
    return (f'<section class="flow {orientation} appendix">'
            f'{_para(a.heading)}{_para(a.title)}{_para(a.caption)}<div class="rule rule-caption"></div>'
            f'<table class="appendix-table"><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>{notes}</section>')


def document_html(plan: Plan) -> str:
    """The document as HTML blocks (no page furniture): what the preview pane shows."""
    lay = layout(plan)
    body = "".join(_para(p) for p in lay.body)
    main = (f'<section class="flow portrait main">{_header(lay)}{_para(lay.doc_type)}{_para(lay.title)}'
            f'<div class="rule rule-title"></div>{body}{_signature(lay)}</section>')
    return f'<div class="tdkt-doc">{main}{"".join(_appendix(a) for a in lay.appendices)}</div>'


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    return (templates_dir() / "html" / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def embedded_fonts_css() -> str:
    """fonts.css with each font file inlined (data: URLs), for a page that works on its own."""
    from ..resources import package_dir

    fonts = package_dir() / STATIC_FONTS
    css = (fonts / "fonts.css").read_text(encoding="utf-8")

    def inline(m: re.Match) -> str:
        data = base64.b64encode((fonts / m.group(1)).read_bytes()).decode("ascii")
        return f"url(data:font/woff2;base64,{data})"

    return re.sub(r"url\(([^)]+\.woff2)\)", inline, css)


def render_html(plan: Plan) -> str:
    """A standalone page: the document paginated into A4 sheets, fonts and script inlined."""
    title = escape(plan.header.title.plain if plan.header.title else "")
    return (f'<!doctype html>\n<html lang="vi"><head><meta charset="utf-8">'
            f'<meta name="generator" content="tdkt"><title>{title}</title>'
            f'<style>{embedded_fonts_css()}\n{_asset("preview.css")}</style></head>'
            f'<body class="tdkt-preview">{document_html(plan)}'
            f'<script>{_asset("paginate.js")}\n{_START}</script>'
            f'</body></html>\n')
