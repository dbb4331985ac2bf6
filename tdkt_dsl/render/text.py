"""Plain-text writer: the printed words of the plan, one paragraph or table row a line.

Used by `tdkt build --to text`, by the golden tests and as a quick preview.
"""

from __future__ import annotations

from ..model.nodes import Plan
from .layout import Layout, layout


def paragraphs(lay: Layout) -> list[str]:
    out: list[str] = []
    if lay.parent:
        out.append(lay.parent.text)
    out += [lay.issuer.text, lay.number.text, lay.quoc_hieu.text, lay.tieu_ngu.text, lay.date_line.text,
            lay.doc_type.text, lay.title.text]
    out += [p.text for p in lay.body]
    out += [p.text for p in lay.recipients]
    out += [p.text for p in lay.signer]
    for a in lay.appendices:
        out += [a.heading.text, a.title.text, a.caption.text]
        out.append("\t".join(a.table.header))
        out += ["\t".join(c.text for c in r.cells) for r in a.table.rows]
        out += [n.text for n in a.notes]
    return out


def render_text(plan: Plan) -> str:
    return "\n".join(paragraphs(layout(plan))) + "\n"
