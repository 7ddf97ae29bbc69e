"""The coalition plan and the worksheet's rules: pure Python (pydantic), no ipywidgets.

A :class:`Plan` holds what a learner wrote: the review, the actors they mapped, the coalition
they are shaping and dated snapshots of the map. Every field has a length limit and every choice
is checked against ``course_data/worksheet.yaml``. :class:`Worksheet` is the editable state
behind the view: each action either changes the plan or raises :class:`PlanError` with a message
for people, and leaves the plan as it was. :func:`suggestions` turns a plan into ranked advice,
each item saying why and citing the course section and source it comes from.

The JSON form of a plan (``Plan.to_json_dict()``) is also what the store keeps
(``kind="worksheet", key="plan"``) and what the workshop dashboard reads (each actor's ``type``
and the coalition's ``duration``, ``scope`` and ``focus``). Version 2 (this one) rates each
actor's ``alignment`` on the 1-5 scale instead of a ``position`` and adds the per-actor plan
(reason, ask, contact, responsible member, next action and date, priority, sensitivity, desired
position), dated milestones tied to the review's stages and snapshots. Version 1 plans are
converted on import (:func:`upgrade`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from .. import content

SCHEMA_VERSION = 2
READS_VERSIONS = (1, 2)
#: Length limits (characters) and list limits.
NAME_MAX = 120
TEXT_MAX = 300
LONG_MAX = 2000
MAX_ACTORS = 300
MAX_MEMBERS = 100
MAX_MILESTONES = 60
MAX_SNAPSHOTS = 20
MAX_IMPORT_BYTES = 1_000_000
MAX_DEPTH = 20  # a plan is 5 levels deep; deeper JSON is not a plan

STORE_KIND = "worksheet"
STORE_KEY = "plan"
VIEWS = ("aiim", "power")


class PlanError(ValueError):
    """A change or an import was refused; the message says why, for people."""


# What is removed from text: C0 controls except tab and line feed, DEL, C1 controls, lone
# surrogates, the bidirectional embeddings, overrides and isolates (they can reorder the text
# around them), the deprecated format characters, interlinear annotations and the two
# noncharacters U+FFFE and U+FFFF (not allowed in XML, so not in Word or Excel files). Joiners (ZWJ,
# ZWNJ), direction marks (LRM, RLM, ALM), zero-width space and soft hyphen belong to the text
# in many scripts (Persian, Indic scripts, Thai, emoji sequences) and are kept as typed.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069\u206a-\u206f"
    "\ufeff\ufff9-\ufffb\ufffe\uffff]"
)


def _clean(value: Any, multiline: bool) -> Any:
    """Remove unsafe invisible characters and surrounding spaces; keep the rest as typed."""
    if not isinstance(value, str):
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    if not multiline:
        value = value.replace("\n", " ")
    return _UNSAFE.sub("", value).strip(" \n")


Line = Annotated[str, BeforeValidator(lambda v: _clean(v, False))]
Name = Annotated[Line, Field(min_length=1, max_length=NAME_MAX)]
ShortText = Annotated[Line, Field(max_length=TEXT_MAX)]
LongText = Annotated[str, BeforeValidator(lambda v: _clean(v, True)), Field(max_length=LONG_MAX)]
Rating = Annotated[int, Field(ge=1, le=5, strict=True)]


def _date(v: Any) -> Any:
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, str):
        v = v.strip()
        if v:
            try:
                return dt.date.fromisoformat(v).isoformat()
            except ValueError:
                raise ValueError("a date is written YYYY-MM-DD, for example 2027-03-31") from None
    return v


DateText = Annotated[str, BeforeValidator(_date), Field(max_length=10)]


def _ws() -> content.WorksheetData:
    return content.load().worksheet


def _ids(choices) -> list[str]:
    return [c.id for c in choices]


def name_key(name: str) -> str:
    """How names are compared for duplicates: case, width and runs of spaces ignored."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", name)).strip().casefold()


class _Base(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


def stages_for(committee: str, procedure: str) -> list[str]:
    """The stage ids a plan can choose, in review order, for this committee and procedure."""
    ws = _ws()
    note = ws.committee_notes.get(committee)
    if note and note.stages:
        return list(note.stages)
    if procedure:
        return list(ws.procedure(procedure).stages)
    seen: list[str] = []  # no procedure chosen yet: every stage of both sequences
    for p in ws.procedures:
        seen += [s for s in p.stages if s not in seen]
    return seen


def has_procedures(committee: str) -> bool:
    """False for a committee with its own reporting note (the CED): no procedure to choose."""
    note = _ws().committee_notes.get(committee)
    return not (note and note.stages)


def _choice(kind: str, field: str, optional: bool = False):
    """A validator: the value is one of the ids of a worksheet.yaml catalogue (or "")."""

    def check(cls, v: str) -> str:
        if (v or not optional) and v not in _ids(getattr(_ws(), kind)):
            raise ValueError(f"unknown {field} '{str(v)[:30]}'")
        return v

    return field_validator(field)(classmethod(check))


class Review(_Base):
    """The review the plan prepares for."""

    country: str = ""  # ISO 3166 alpha-2 code, or "" (not chosen)
    committee: str = ""  # treaty body acronym, or ""
    procedure: str = ""  # procedure id from worksheet.yaml, or ""
    stage: str = ""  # stage id from worksheet.yaml, or ""
    session_date: DateText = ""
    themes: ShortText = ""
    organisation: ShortText = ""

    @field_validator("country")
    @classmethod
    def _country(cls, v: str) -> str:
        if v:
            import pycountry

            if pycountry.countries.get(alpha_2=v) is None:
                raise ValueError(f"unknown country code '{v[:10]}'")
        return v

    @field_validator("committee")
    @classmethod
    def _committee(cls, v: str) -> str:
        if v and v not in {tb.acronym for tb in content.load().treaty_bodies}:
            raise ValueError(f"unknown treaty body '{v[:10]}'")
        if v in _ws().no_review:
            raise ValueError(f"the {v} reviews no reports")
        return v

    check_procedure = _choice("procedures", "procedure", optional=True)
    check_stage = _choice("stages", "stage", optional=True)

    @model_validator(mode="after")
    def _stage_fits(self) -> Review:
        if not has_procedures(self.committee) and self.procedure:
            self.__dict__["procedure"] = ""  # the CED has no procedure to choose
        if self.stage and self.stage not in stages_for(self.committee, self.procedure):
            stage = _ws().stage(self.stage).label
            raise ValueError(f"'{stage}' is not a stage of this review: choose the stage again")
        return self


class Actor(_Base):
    """One actor on the map and what the coalition plans to do about it."""

    name: Name
    type: str
    influence: Rating = 3
    interest: Rating = 3
    alignment: Rating = 3
    goal_influence: Rating | None = None  # where the coalition wants the actor to be
    goal_interest: Rating | None = None
    goal_alignment: Rating | None = None
    reason: ShortText = ""  # the reason or evidence behind the placement
    ask: ShortText = ""  # the ask or key message
    contact: ShortText = ""
    responsible: Annotated[Line, Field(max_length=NAME_MAX)] = ""
    next_action: ShortText = ""
    next_date: DateText = ""
    priority: str = "medium"
    sensitive: bool = Field(default=False, strict=True)
    relationship: str = "none"
    engage: list[str] = Field(default_factory=list, max_length=3)
    notes: ShortText = ""

    check_type = _choice("actor_types", "type")
    check_priority = _choice("priorities", "priority")
    check_relationship = _choice("relationships", "relationship")

    @field_validator("engage")
    @classmethod
    def _engage(cls, v: list[str]) -> list[str]:
        order = _ids(_ws().engage)
        bad = [x for x in v if x not in order]
        if bad:
            raise ValueError(f"unknown moment '{str(bad[0])[:30]}'")
        return [x for x in order if x in v]  # catalogue order, no repeats

    @property
    def position(self) -> str:
        """The alignment as ally (4-5), neutral (3) or opponent (1-2)."""
        return "ally" if self.alignment >= 4 else "opponent" if self.alignment <= 2 else "neutral"

    def goal(self, axis: str) -> int:
        """The desired rating on an axis (the current one if no change is planned)."""
        value = getattr(self, f"goal_{axis}")
        return getattr(self, axis) if value is None else value

    def moves(self) -> bool:
        """True when the coalition wants this actor to move on any axis."""
        return any(self.goal(x) != getattr(self, x) for x in ("influence", "interest", "alignment"))


class Member(_Base):
    """A member of the coalition and its role."""

    name: Name
    role: str = "member"

    check_role = _choice("roles", "role")


class Milestone(_Base):
    """One step on the coalition's timeline, dated and tied to a stage of the review."""

    milestone: Annotated[Line, Field(min_length=1, max_length=TEXT_MAX)]
    date: DateText = ""
    when: Annotated[Line, Field(max_length=NAME_MAX)] = ""  # a note such as "Month 1"
    stage: str = ""
    who: Annotated[Line, Field(max_length=NAME_MAX)] = ""

    check_stage = _choice("stages", "stage", optional=True)


class SnapshotActor(_Base):
    """An actor's place on the map when a snapshot was taken."""

    name: Name
    influence: Rating
    interest: Rating
    alignment: Rating


class Snapshot(_Base):
    """A named, dated copy of the map."""

    name: Name
    date: DateText
    actors: list[SnapshotActor] = Field(default_factory=list, max_length=MAX_ACTORS)


def _form_options(dimension: str) -> list[str]:
    for f in content.load().forms:
        if f.id == dimension:
            return _ids(f.options)
    raise KeyError(dimension)


class Coalition(_Base):
    """The coalition's shape, members, joint submission, decisions and timeline."""

    duration: Literal["ad-hoc", "permanent"] = "ad-hoc"
    scope: Literal["local", "national", "regional", "international"] = "national"
    focus: ShortText = ""
    members: list[Member] = Field(default_factory=list, max_length=MAX_MEMBERS)
    covers: LongText = ""
    decisions: LongText = ""
    timeline: list[Milestone] = Field(default_factory=list, max_length=MAX_MILESTONES)

    @field_validator("duration", "scope")
    @classmethod
    def _in_course_data(cls, v: str, info) -> str:
        if v not in _form_options(info.field_name):
            raise ValueError(f"'{v}' is not an option of coalitions.yaml")
        return v


class Plan(_Base):
    """A whole coalition plan, as saved, exported and imported."""

    schema_version: Literal[2] = SCHEMA_VERSION
    review: Review = Field(default_factory=Review)
    map_view: Literal["aiim", "power"] = "aiim"
    actors: list[Actor] = Field(default_factory=list, max_length=MAX_ACTORS)
    coalition: Coalition = Field(default_factory=Coalition)
    snapshots: list[Snapshot] = Field(default_factory=list, max_length=MAX_SNAPSHOTS)

    @model_validator(mode="after")
    def _unique_actor_names(self) -> Plan:
        seen: set[str] = set()
        for a in self.actors:
            key = name_key(a.name)
            if key in seen:
                raise ValueError(f"two actors are called '{a.name}'")
            seen.add(key)
        return self

    def to_json_dict(self) -> dict[str, Any]:
        """The plan as JSON-ready data (what the store keeps and the JSON export holds)."""
        return self.model_dump(mode="json")

    def is_empty(self) -> bool:
        """True when nothing has been written or chosen yet."""
        return self == Plan()

    def for_sharing(self, keep_sensitive: bool = False) -> Plan:
        """A copy without contacts and (unless ``keep_sensitive``) without sensitive actors."""
        actors = [
            a.model_copy(update={"contact": ""})
            for a in self.actors
            if keep_sensitive or not a.sensitive
        ]
        return self.model_copy(update={"actors": actors, "snapshots": []})


# --- messages for people --------------------------------------------------------------------
_FIELDS = (
    "country committee procedure stage session_date themes organisation name type influence "
    "interest alignment goal_influence goal_interest goal_alignment reason ask contact "
    "responsible next_action next_date priority sensitive relationship engage notes role "
    "milestone date when who duration scope focus members covers decisions timeline actors "
    "snapshots map_view"
).split()
_FIELD_KEYS = {f: f"ws.field.{f}" for f in _FIELDS}
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
            elif isinstance(p, str) and p in _FIELD_KEYS:
                where.append(t(_FIELD_KEYS[p]))
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


# --- import --------------------------------------------------------------------------------
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
_V1_ALIGNMENT = {"ally": 4, "neutral": 3, "opponent": 2}


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
    actors = []
    for a in raw.get("actors") or []:
        if isinstance(a, dict):
            a = dict(a)
            position = a.pop("position", "neutral")
            if position not in _V1_ALIGNMENT:
                raise PlanError(content.load().text("ws.import.invalid", detail=position))
            a["alignment"] = _V1_ALIGNMENT[position]
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


# --- timeline order and suggested milestones ----------------------------------------------------
def _timeline_key(plan_review: Review):
    order = {s: i for i, s in enumerate(stages_for(plan_review.committee, plan_review.procedure))}

    def key(m: Milestone):
        if m.date:
            return (0, m.date, 0)
        return (1, "", order.get(m.stage, len(order)))

    return key


def sorted_timeline(review: Review, timeline: list[Milestone]) -> list[Milestone]:
    """Dated milestones by date, then undated ones by stage (manual order kept within)."""
    return sorted(timeline, key=_timeline_key(review))


_WORD = re.compile(r"\w+")
_SMALL = {"the", "a", "an", "to", "of", "and", "for", "with", "on", "in", "your", "our", "it"}


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.casefold()) if w not in _SMALL}


def similar(a: str, b: str) -> bool:
    """True when two milestones say the same thing in nearly the same words."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return name_key(a) == name_key(b)
    return len(wa & wb) / len(wa | wb) >= 0.6 or wa <= wb or wb <= wa


# --- the editable worksheet ----------------------------------------------------------------
class Worksheet:
    """The plan being edited. Every action validates first and leaves the plan unchanged on error.

    Each action validates only the part it changes (an actor, the review...) and swaps it into a
    copy of the plan, so a change costs the same with 2 actors or 200.
    """

    def __init__(self, plan: Plan | None = None):
        self.plan = plan or Plan()

    @staticmethod
    def _valid(kind: type[BaseModel], data: dict[str, Any]) -> Any:
        try:
            return kind.model_validate(data)
        except ValidationError as exc:
            raise PlanError(explain(exc)) from None

    def _too_many(self, key: str, limit: int) -> PlanError:
        t = content.load().text
        return PlanError(t("ws.error.too_many", field=t(_FIELD_KEYS[key]), limit=limit))

    def _set(self, **parts: Any) -> None:
        self.plan = self.plan.model_copy(update=parts)

    def _set_coalition(self, **parts: Any) -> None:
        self._set(coalition=self.plan.coalition.model_copy(update=parts))

    # review and coalition fields ------------------------------------------------------------
    def set_review(self, **fields: Any) -> None:
        """Change fields of the review; a stage that no longer fits the review is cleared."""
        data = {**self.plan.review.model_dump(), **fields}
        if "stage" not in fields and data.get("stage"):
            try:
                fits = data["stage"] in stages_for(
                    str(data.get("committee", "")),
                    str(data.get("procedure", "")) if has_procedures(data["committee"]) else "",
                )
            except KeyError:
                fits = True  # an unknown committee or procedure is reported below
            if not fits:
                data["stage"] = ""
        review = self._valid(Review, data)
        self._set(review=review)
        self._set_coalition(timeline=sorted_timeline(review, self.plan.coalition.timeline))

    def set_map_view(self, view: str) -> None:
        """Show the map as the alignment-interest-influence matrix or the power-interest grid."""
        if view not in VIEWS:
            raise PlanError(f"unknown view '{view[:20]}'")
        self._set(map_view=view)

    def set_coalition(self, **fields: Any) -> None:
        """Change the coalition's duration, scope, focus, covers or decisions."""
        bad = {"members", "timeline"} & fields.keys()
        if bad:
            raise PlanError(f"use the member and milestone actions for {', '.join(sorted(bad))}")
        self._set(coalition=self._valid(Coalition, {**self.plan.coalition.model_dump(), **fields}))

    # actors ----------------------------------------------------------------------------------
    def _check_name(self, name: str, skip: int | None = None) -> None:
        key = name_key(_clean(name, False) or "")
        for i, a in enumerate(self.plan.actors):
            if i != skip and name_key(a.name) == key:
                raise PlanError(content.load().text("ws.error.duplicate", name=a.name))

    def add_actor(self, **fields: Any) -> Actor:
        """Add an actor; refused if the name is empty, too long, or already on the map."""
        actor = self._valid(Actor, fields)
        self._check_name(actor.name)
        if len(self.plan.actors) >= MAX_ACTORS:
            raise self._too_many("actors", MAX_ACTORS)
        self._set(actors=[*self.plan.actors, actor])
        return actor

    def update_actor(self, index: int, **fields: Any) -> Actor:
        """Change the actor at ``index`` (same checks as :meth:`add_actor`)."""
        actor = self._valid(Actor, {**self.plan.actors[index].model_dump(), **fields})
        self._check_name(actor.name, skip=index)
        actors = list(self.plan.actors)
        actors[index] = actor
        self._set(actors=actors)
        return actor

    def remove_actor(self, index: int) -> None:
        """Remove the actor at ``index``."""
        actors = list(self.plan.actors)
        del actors[index]
        self._set(actors=actors)

    # members -----------------------------------------------------------------------------------
    def _check_member(self, name: str, skip: int | None = None) -> None:
        for i, m in enumerate(self.plan.coalition.members):
            if i != skip and name_key(m.name) == name_key(name):
                raise PlanError(content.load().text("ws.error.duplicate_member", name=m.name))

    def add_member(self, name: str, role: str = "member") -> None:
        """Add a member of the coalition with its role."""
        member = self._valid(Member, {"name": name, "role": role})
        self._check_member(member.name)
        members = self.plan.coalition.members
        if len(members) >= MAX_MEMBERS:
            raise self._too_many("members", MAX_MEMBERS)
        self._set_coalition(members=[*members, member])

    def update_member(self, index: int, name: str, role: str) -> None:
        """Rename the member at ``index`` or change its role."""
        member = self._valid(Member, {"name": name, "role": role})
        self._check_member(member.name, skip=index)
        members = list(self.plan.coalition.members)
        members[index] = member
        self._set_coalition(members=members)

    def remove_member(self, index: int) -> None:
        """Remove the member at ``index``."""
        members = list(self.plan.coalition.members)
        del members[index]
        self._set_coalition(members=members)

    def move_member(self, index: int, step: int) -> int:
        """Move the member at ``index`` up (-1) or down (+1); returns its new index."""
        members = list(self.plan.coalition.members)
        new = max(0, min(len(members) - 1, index + step))
        members.insert(new, members.pop(index))
        self._set_coalition(members=members)
        return new

    # timeline -----------------------------------------------------------------------------------
    def _set_timeline(self, timeline: list[Milestone]) -> None:
        self._set_coalition(timeline=sorted_timeline(self.plan.review, timeline))

    def add_milestone(
        self, milestone: str, when: str = "", who: str = "", date: str = "", stage: str = ""
    ) -> Milestone:
        """Add a milestone to the timeline (kept in date and stage order)."""
        item = self._valid(
            Milestone,
            {"milestone": milestone, "when": when, "who": who, "date": date, "stage": stage},
        )
        self._add_milestones([item])
        return item

    def update_milestone(self, index: int, **fields: Any) -> Milestone:
        """Change the milestone at ``index``."""
        timeline = list(self.plan.coalition.timeline)
        item = self._valid(Milestone, {**timeline[index].model_dump(), **fields})
        timeline[index] = item
        self._set_timeline(timeline)
        return item

    def _add_milestones(self, items: list[Milestone]) -> None:
        timeline = self.plan.coalition.timeline
        if len(timeline) + len(items) > MAX_MILESTONES:
            raise self._too_many("timeline", MAX_MILESTONES)
        self._set_timeline([*timeline, *items])

    def remove_milestone(self, index: int) -> None:
        """Remove the milestone at ``index``."""
        timeline = list(self.plan.coalition.timeline)
        del timeline[index]
        self._set_coalition(timeline=timeline)

    def move_milestone(self, index: int, step: int) -> int:
        """Move an undated milestone up or down among those of its stage; returns its index.

        Dated milestones stay in date order: :class:`PlanError` says to change the date.
        """
        timeline = list(self.plan.coalition.timeline)
        new = max(0, min(len(timeline) - 1, index + step))
        moved = list(timeline)
        moved.insert(new, moved.pop(index))
        if new == index or sorted_timeline(self.plan.review, moved) != moved:
            raise PlanError(content.load().text("ws.error.dated_order"))
        self._set_coalition(timeline=moved)
        return new

    def suggested_milestones(self) -> list[Milestone]:
        """The chosen stage's milestones that are not on the timeline yet, with a suggested date
        (from the session date, if given) and owner (the lead or secretariat, if any)."""
        review = self.plan.review
        if not review.stage:
            raise PlanError(content.load().text("ws.error.no_stage"))
        owner = ""
        for role in ("lead", "secretariat"):
            owner = owner or next(
                (m.name for m in self.plan.coalition.members if m.role == role), ""
            )
        have = [m.milestone for m in self.plan.coalition.timeline]
        session = dt.date.fromisoformat(review.session_date) if review.session_date else None
        out = []
        for m in _ws().stage(review.stage).milestones:
            if any(similar(m.text, h) for h in have):
                continue
            date = (session - dt.timedelta(weeks=m.weeks)).isoformat() if session else ""
            out.append(Milestone(milestone=m.text, date=date, stage=review.stage, who=owner))
        return out

    def add_suggested_milestones(self) -> int:
        """Add the suggested milestones of the chosen stage not on the timeline yet; how many."""
        new = self.suggested_milestones()
        self._add_milestones(new)
        return len(new)

    # snapshots -----------------------------------------------------------------------------------
    def take_snapshot(self, name: str, today: dt.date | None = None) -> Snapshot:
        """Save the map as it is now under a name, with today's date."""
        t = content.load().text
        snap = self._valid(
            Snapshot,
            {
                "name": name,
                "date": (today or dt.date.today()).isoformat(),
                "actors": [
                    {
                        "name": a.name,
                        "influence": a.influence,
                        "interest": a.interest,
                        "alignment": a.alignment,
                    }
                    for a in self.plan.actors
                ],
            },
        )
        if any(name_key(s.name) == name_key(snap.name) for s in self.plan.snapshots):
            raise PlanError(t("ws.error.duplicate_snapshot", name=snap.name))
        if len(self.plan.snapshots) >= MAX_SNAPSHOTS:
            raise self._too_many("snapshots", MAX_SNAPSHOTS)
        self._set(snapshots=[*self.plan.snapshots, snap])
        return snap

    def remove_snapshot(self, index: int) -> None:
        """Delete the snapshot at ``index``."""
        snaps = list(self.plan.snapshots)
        del snaps[index]
        self._set(snapshots=snaps)

    # whole plan --------------------------------------------------------------------------------
    def load(self, plan: Plan) -> None:
        """Replace the whole plan (already validated)."""
        self.plan = plan

    def import_json(self, data: bytes | str) -> None:
        """Replace the plan with an imported one; on any problem the plan stays as it was."""
        self.plan = plan_from_json(data)

    def load_example(self) -> None:
        """Replace the plan with the fictional example."""
        self.plan = example_plan()

    def load_case_start(self) -> None:
        """Replace the plan with the running case's ending (see :func:`case_start_plan`)."""
        self.plan = case_start_plan()


# --- the map's quadrants ---------------------------------------------------------------------
AXES = {"aiim": ("alignment", "interest"), "power": ("interest", "influence")}
MIDDLE = 3


def quadrants(view: str) -> list:
    """The four quadrants of a view in the order top-right, top-left, bottom-right, bottom-left
    (each with ``id``, ``label`` and ``rule``)."""
    if view == "aiim":
        return list(_ws().aiim.quadrants)
    # manage closely, keep satisfied, keep informed, monitor: with interest across and
    # influence up, that is top-right, top-left, bottom-right, bottom-left
    return list(content.load().mapping.grid.quadrants)


def placement(actor: Actor | SnapshotActor, view: str = "power") -> list[str]:
    """The quadrant ids where an actor falls; two or four when a rating is 3 (on the line)."""
    x_axis, y_axis = AXES[view]
    x, y = getattr(actor, x_axis), getattr(actor, y_axis)
    ids = [q.id for q in quadrants(view)]  # tr, tl, br, bl
    xs = ["r"] if x > MIDDLE else ["l"] if x < MIDDLE else ["l", "r"]
    ys = ["t"] if y > MIDDLE else ["b"] if y < MIDDLE else ["t", "b"]
    index = {"tr": 0, "tl": 1, "br": 2, "bl": 3}
    return [ids[index[a + b]] for a in ys for b in xs]


def quadrant(actor: Actor, view: str = "power") -> str:
    """The first quadrant id of :func:`placement` (for a single label)."""
    return placement(actor, view)[0]


def placement_label(actor: Actor | SnapshotActor, view: str = "power") -> str:
    """Where an actor falls, in words ("Manage closely", or "On the line: A / B")."""
    labels = {q.id: q.label for q in quadrants(view)}
    ids = placement(actor, view)
    if len(ids) == 1:
        return labels[ids[0]]
    if len(ids) == 4:
        return content.load().text("ws.map.centre")
    return content.load().text("ws.map.between", quadrants=" / ".join(labels[i] for i in ids))


def by_quadrant(plan: Plan, view: str | None = None) -> list[tuple[Any, list[Actor]]]:
    """Each quadrant with the actors clearly inside it, then actors on a line (text version)."""
    view = view or plan.map_view
    qs = quadrants(view)
    groups: dict[str, list[Actor]] = {q.id: [] for q in qs}
    middle: list[Actor] = []
    for a in plan.actors:
        ids = placement(a, view)
        (groups[ids[0]] if len(ids) == 1 else middle).append(a)
    out: list[tuple[Any, list[Actor]]] = [(q, groups[q.id]) for q in qs]
    return out + [(None, middle)]


def label(choices, choice_id: str) -> str:
    """The label of a catalogue entry (actor type, position...) or the id itself if unknown."""
    for c in choices:
        if c.id == choice_id:
            return c.label
    return choice_id


# --- snapshots compared -----------------------------------------------------------------------
@dataclass(frozen=True)
class Change:
    """One actor's change between two maps."""

    name: str
    kind: Literal["moved", "added", "removed"]
    before: str = ""
    after: str = ""


def _where(a: Actor | SnapshotActor) -> str:
    t = content.load().text
    return t("ws.compare.where", influence=a.influence, interest=a.interest, alignment=a.alignment)


def compare(before: list, after: list, view: str = "aiim") -> list[Change]:
    """Who moved where between two lists of actors (snapshots or the current map)."""
    old = {name_key(a.name): a for a in before}
    new = {name_key(a.name): a for a in after}
    out = []
    for key, a in new.items():
        if key not in old:
            out.append(Change(a.name, "added", "", _where(a)))
            continue
        b = old[key]
        if (b.influence, b.interest, b.alignment) != (a.influence, a.interest, a.alignment):
            before_text = f"{_where(b)} ({placement_label(b, view)})"
            after_text = f"{_where(a)} ({placement_label(a, view)})"
            out.append(Change(a.name, "moved", before_text, after_text))
    out += [Change(b.name, "removed", _where(b), "") for k, b in old.items() if k not in new]
    return out


# --- suggestions -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Suggestion:
    """One piece of advice: why it is given, the course section and sources it comes from."""

    rule: str
    text: str
    section: str
    sources: tuple[str, ...] = ("seed",)
    why: str = ""
    weight: int = 0

    @property
    def section_title(self) -> str:
        """The title of the course section cited."""
        return content.load().page(self.section).title

    @property
    def source_titles(self) -> list[str]:
        """The titles of the sources cited."""
        return [content.load().source(s).title for s in self.sources]


AFTER_STAGES = {"concluding", "follow-up"}
TOP = 5


def _on_map(plan: Plan, name: str) -> bool:
    """True when an actor on the map has this name (or contains it, or its short form)."""
    keys = [name_key(a.name) for a in plan.actors]
    names = {name_key(name)}
    short = re.search(r"\(([^)]+)\)", name)
    if short:
        names |= {name_key(short.group(1)), name_key(name[: short.start()])}
    return any(n and (n == k or n in k) for n in names for k in keys)


def suggestions(plan: Plan) -> list[Suggestion]:
    """Ranked advice for a plan (highest weight first, then course order; deterministic).

    Never suggests an actor already on the map; rules that name a TB-Net member apply only
    where the committee has one.
    """
    c = content.load()
    ws = c.worksheet
    rules = ws.suggestions
    out: list[Suggestion] = []

    def add(rule: str, section=None, sources=None, why=None, weight=0, **values: str) -> None:
        r = rules[rule]
        out.append(
            Suggestion(
                rule,
                r.text.format(**values).strip(),
                section or r.section,
                tuple(sources or r.sources),
                (why if why is not None else r.why).format(**values),
                r.weight + weight,
            )
        )

    committee = plan.review.committee
    members = c.members_for(committee) if committee else ()
    if not committee:
        add("no_committee")
    else:
        for m in members:
            if not _on_map(plan, m.name):
                add("tbnet_member", committee=committee, name=m.name, support=m.support)
        if committee in c.no_dedicated_ngo.committees:
            add("no_dedicated_ngo", committee=committee)
        for n in c.other_ngos_for(committee):
            if not _on_map(plan, n.name):
                add(
                    "other_ngo",
                    committee=committee,
                    name=n.name,
                    support=n.support,
                    examples=" ".join(n.examples),
                )

    types = {a.type for a in plan.actors}
    if not plan.actors:
        add("no_actors")
    national = {a.id: a for a in c.national_actors}
    if "nhri" not in types:
        nhri = national["nhri"]
        add("nhri_missing", sources=nhri.sources, condition=nhri.condition or "")
    after = plan.review.stage in AFTER_STAGES
    themes = set(re.findall(r"\w+", plan.review.themes.casefold()))
    why = ws.reasons["national_after" if after else "national_before"]
    for t in ws.actor_types:
        if not t.actor or t.actor == "nhri" or t.id in types:
            continue
        a = national[t.actor]
        if _on_map(plan, a.name):
            continue
        word = next((w for w in t.themes if any(x.startswith(w) for x in themes)), "")
        add(
            "national_actor",
            section=t.section,
            sources=("course-guidance",),  # the before/after advice is the course's own guidance
            why=f"{ws.reasons['national_theme'].format(word=word)} {why}" if word else why,
            weight=25 if word else 0,
            name=a.name,
            advice=a.after if after else a.before,
        )

    count = len(plan.coalition.members)
    if count < 2:
        reasons = "; ".join(r.title for r in c.reasons) + "."
        add("coalition_of_one", count=str(count), reasons=reasons)

    risky = any(a.position == "opponent" or a.sensitive for a in plan.actors)
    add("safety", weight=20 if risky else -40, why=ws.reasons["opponents" if risky else "always"])

    key = [a for a in plan.actors if a.priority == "high" and not (a.next_action and a.next_date)]
    if key:
        names = ", ".join(a.name for a in key[:5]) + ("…" if len(key) > 5 else "")
        add("no_next_action", count=str(len(key)), names=names)
    no_ask = [a for a in plan.actors if not a.ask and (a.priority == "high" or a.alignment >= 4)]
    if no_ask and plan.actors:
        add(
            "no_ask", names=", ".join(a.name for a in no_ask[:5]) + ("…" if len(no_ask) > 5 else "")
        )

    if plan.review.stage:
        for act in ws.stage(plan.review.stage).actions:
            if act.committees and committee not in act.committees:
                continue
            if act.tbnet and not members:
                continue  # a rule naming a TB-Net member needs one
            text = act.text.strip()
            if act.tbnet:
                text = text.format(member=members[0].name, committee=committee)
            weight = 90 if act.committees else 85
            out.append(Suggestion("stage_action", text, act.section, act.sources, act.why, weight))
    ranked = sorted(enumerate(out), key=lambda p: (-p[1].weight, p[0]))
    return [s for _, s in ranked]


# --- summary ---------------------------------------------------------------------------------
def country_name(code: str) -> str:
    """The English name of a country from its alpha-2 code (``""`` if none)."""
    if not code:
        return ""
    import pycountry

    found = pycountry.countries.get(alpha_2=code)
    return found.name if found else code


def summary(plan: Plan) -> list[tuple[str, str]]:
    """The plan's main choices as (label, value) pairs, for the page and the exports."""
    c = content.load()
    t, ws = c.text, c.worksheet
    r, co = plan.review, plan.coalition
    committee = f"{r.committee}: {c.committee(r.committee).name}" if r.committee else ""
    forms = {f.id: f for f in c.forms}
    procedure = label(ws.procedures, r.procedure) if r.procedure else ""
    rows = [
        (t("ws.field.organisation"), r.organisation),
        (t("ws.field.country"), country_name(r.country)),
        (t("ws.field.committee"), committee),
        (t("ws.field.procedure"), procedure),
        (t("ws.field.stage"), label(ws.stages, r.stage) if r.stage else ""),
        (t("ws.field.session_date"), r.session_date),
        (t("ws.field.themes"), r.themes),
        (t("ws.field.duration"), label(forms["duration"].options, co.duration)),
        (t("ws.field.scope"), label(forms["scope"].options, co.scope)),
        (t("ws.field.focus"), co.focus),
        (t("ws.field.covers"), co.covers),
        (t("ws.field.decisions"), co.decisions),
    ]
    return [(k, v) for k, v in rows if v]


def counts(plan: Plan) -> dict[str, int]:
    """How many actors, members, milestones and snapshots the plan holds."""
    return {
        "actors": len(plan.actors),
        "members": len(plan.coalition.members),
        "milestones": len(plan.coalition.timeline),
        "snapshots": len(plan.snapshots),
    }
