"""JSON writer: the validated model as JSON (`tdkt build --to json`)."""

from __future__ import annotations

import json

from ..model.nodes import Plan


def render_json(plan: Plan, *, spans: bool = True) -> str:
    """The model as JSON; without spans (and source paths) for goldens that must not move."""
    if spans:
        return plan.model_dump_json(indent=2) + "\n"
    return json.dumps(_strip(plan.model_dump(mode="json")), ensure_ascii=False, indent=2) + "\n"


def _strip(node):
    # spans sit on every node; pydantic's exclude cannot name them all, so drop them after dumping
    if isinstance(node, dict):
        return {k: _strip(v) for k, v in node.items() if k not in ("span", "source_path", "profile_path")}
    if isinstance(node, list):
        return [_strip(v) for v in node]
    return node
