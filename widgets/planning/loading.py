"""Plans read from outside: a JSON file (with its size, depth and version limits), the store,
version 1 plans upgraded, the fictional example and the running case's ending."""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic import ValidationError

from .. import content
from .messages import explain
from .model import (
    MAX_DEPTH,
    MAX_IMPORT_BYTES,
    READS_VERSIONS,
    SCHEMA_VERSION,
    Actor,
    Coalition,
    Plan,
    PlanError,
    Review,
    _ws,
    has_procedures,
    stages_for,
)
from .places import MIDDLE


def _too_deep(data: str) -> bool:
    """True when brackets outside strings nest deeper than :data:`MAX_DEPTH` (checked first,
    so that deeply nested JSON never reaches the parser's recursion)."""
    depth = 0
    for token in re.finditer(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', data):
        ch = token.group()
        if ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return True
        elif ch in "]}":
            depth -= 1
    return False


_V1_STAGES = {  # version 1 had one merged sequence
    "list-of-issues": ("standard", "list-of-issues"),
    "alternative-report": ("standard", "state-report"),
    "session": ("", "session"),
    "follow-up": ("", "follow-up"),
}


def upgrade(raw: dict[str, Any]) -> dict[str, Any]:
    """A version 1 plan as version 2 data: positions become alignment ratings, stages are
    placed in a review sequence, the SPT (which reviews no reports) is no longer a review."""
    raw = dict(raw)
    review = dict(raw.get("review") or {}) if isinstance(raw.get("review"), dict) else {}
    procedure, stage = _V1_STAGES.get(review.get("stage"), ("", review.get("stage", "")))
    if review.get("committee") in _ws().no_review:
        review["committee"] = ""
    if not has_procedures(str(review.get("committee", ""))):
        procedure = ""
        stage = stage if stage in stages_for(review["committee"], "") else ""
    review.update(procedure=procedure, stage=stage)
    raw["review"] = review
    v1_alignment = {p.id: p.v1_alignment for p in _ws().positions}
    actors = []
    for a in raw.get("actors") or []:
        if isinstance(a, dict):
            a = dict(a)
            position = a.pop("position", None)
            if position is None:  # no position: the middle of the scale
                a["alignment"] = MIDDLE
            elif position not in v1_alignment:
                raise PlanError(content.load().text("ws.import.invalid", detail=position))
            else:
                a["alignment"] = v1_alignment[position]
        actors.append(a)
    raw["actors"] = actors
    raw["schema_version"] = SCHEMA_VERSION
    return raw


def plan_from_json(data: bytes | str) -> Plan:
    """A plan from a JSON file's content; :class:`PlanError` with a clear message if refused."""
    t = content.load().text
    size = len(data.encode("utf-8") if isinstance(data, str) else data)
    if size > MAX_IMPORT_BYTES:
        raise PlanError(t("ws.import.too_large", limit=MAX_IMPORT_BYTES // 1000))
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
    except UnicodeDecodeError:
        raise PlanError(t("ws.import.not_json")) from None
    if _too_deep(text):
        raise PlanError(t("ws.import.too_deep"))
    try:
        raw = json.loads(text)
    except (ValueError, RecursionError):
        raise PlanError(t("ws.import.not_json")) from None
    if not isinstance(raw, dict) or "schema_version" not in raw:
        raise PlanError(t("ws.import.not_plan"))
    version = raw["schema_version"]
    if type(version) is not int:  # true, 1.0 and "1" are not versions
        raise PlanError(t("ws.import.version_type", found=json.dumps(version)[:20]))
    if version not in READS_VERSIONS:
        raise PlanError(t("ws.import.version", found=version, expected=SCHEMA_VERSION))
    if not {"review", "actors"} <= raw.keys():
        raise PlanError(t("ws.import.not_plan"))
    try:
        if version == 1:
            raw = upgrade(raw)
        return Plan.model_validate(raw)
    except ValidationError as exc:
        raise PlanError(t("ws.import.invalid", detail=explain(exc))) from None


def plan_from_saved(data: Any) -> Plan:
    """A plan from the store (a version 1 plan saved before is upgraded, never lost)."""
    if (
        isinstance(data, dict)
        and data.get("schema_version") == 1
        and type(data["schema_version"]) is int
    ):
        data = upgrade(data)
    return Plan.model_validate(data)


def case_start_plan() -> Plan:
    """A plan that starts where the running case ends (page 05): the case's committee, procedure
    and stage, its coalition's form, and one actor of each type the case brought in, named by
    type for the learner to rename."""
    from .. import content as _content

    start = _content.load().case.plan_start
    labels = {t.id: t.label for t in _ws().actor_types}
    return Plan(
        review=Review(committee=start.committee, procedure=start.procedure, stage=start.stage),
        actors=[Actor(name=labels[t], type=t) for t in start.actor_types],
        coalition=Coalition(duration=start.duration, scope=start.scope),
    )


def example_plan() -> Plan:
    """The fictional example plan from ``course_data/worksheet.yaml``."""
    return Plan.model_validate(_ws().example)
