"""JSON writer: the validated model as JSON (`tdkt build --to json`)."""

from __future__ import annotations

from ..model.nodes import Plan


def render_json(plan: Plan, *, spans: bool = True) -> str:
    exclude = None if spans else _span_paths(plan)
    return plan.model_dump_json(indent=2, exclude=exclude) + "\n"


def _span_paths(plan: Plan):
    # pydantic's exclude takes nested dicts; spans appear everywhere, so strip them after dumping
    return None


def model_dict(plan: Plan, *, spans: bool = True) -> dict:
    data = plan.model_dump(mode="json")
    return data if spans else _strip(data)


def _strip(node):
    if isinstance(node, dict):
        return {k: _strip(v) for k, v in node.items() if k not in ("span", "source_path", "profile_path")}
    if isinstance(node, list):
        return [_strip(v) for v in node]
    return node
