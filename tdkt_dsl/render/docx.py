"""DOCX writer (placeholder until the official-format writer lands)."""

from __future__ import annotations

from ..model.nodes import Plan


def render_docx(plan: Plan) -> bytes:
    raise NotImplementedError("DOCX writer not written yet")
