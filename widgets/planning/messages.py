"""Validation errors as short sentences for people, naming the field (``ws.field.*`` keys)."""

from __future__ import annotations

from pydantic import ValidationError

from .. import content

_FIELDS = (
    "country committee procedure stage session_date themes organisation name type influence "
    "interest alignment goal_influence goal_interest goal_alignment reason ask contact "
    "responsible next_action next_date priority sensitive relationship engage notes role "
    "milestone date when who duration scope focus members covers decisions timeline actors "
    "snapshots map_view"
).split()
FIELD_KEYS = {f: f"ws.field.{f}" for f in _FIELDS}
_LIST_KEYS = {
    "actors": "ws.loc.actor",
    "members": "ws.loc.member",
    "timeline": "ws.loc.milestone",
    "snapshots": "ws.loc.snapshot",
}


def explain(err: ValidationError) -> str:
    """A pydantic validation error as short sentences naming the field (first three problems)."""
    t = content.load().text
    out = []
    for e in err.errors()[:3]:
        loc = [p for p in e["loc"] if isinstance(p, str) and not p.startswith("function-")]
        where: list[str] = []
        parts = list(e["loc"])
        for i, p in enumerate(parts):
            item = i + 1 < len(parts) and isinstance(parts[i + 1], int)
            if isinstance(p, int) and where:
                where[-1] += f" {p + 1}"
            elif isinstance(p, str) and p in _LIST_KEYS and item:
                where.append(t(_LIST_KEYS[p]))
            elif isinstance(p, str) and p in FIELD_KEYS:
                where.append(t(FIELD_KEYS[p]))
        field = " > ".join(where) or t("ws.field.plan")
        kind, ctx = e["type"], e.get("ctx", {})
        text_input = isinstance(e.get("input"), str)
        if kind in ("string_too_long", "too_long") and text_input:
            out.append(t("ws.error.too_long", field=field, limit=ctx.get("max_length")))
        elif kind in ("string_too_short", "too_short") and text_input:
            out.append(t("ws.error.empty", field=field))
        elif kind == "too_long":
            out.append(t("ws.error.too_many", field=field, limit=ctx.get("max_length")))
        elif kind == "missing":
            out.append(t("ws.error.missing", field=field))
        elif kind == "extra_forbidden":
            out.append(t("ws.error.extra", field=loc[-1][:40] if loc else "?"))
        else:
            detail = str(e.get("msg", "")).removeprefix("Value error, ")
            out.append(t("ws.error.invalid", field=field, detail=detail[:160]))
    return " ".join(out)
