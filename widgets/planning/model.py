"""The coalition plan and its validation: pure Python (pydantic), no ipywidgets.

A :class:`Plan` holds what a learner wrote: the review, the actors they mapped, the coalition
they are shaping and dated snapshots of the map. Every field has a length limit and every choice
is checked against ``course_data/worksheet.yaml``. The rest of the worksheet's rules live next
to it: editing (``worksheet``), reading files (``loading``), suggestions, the timeline's order,
the map's quadrants (``places``) and snapshots compared.

The JSON form of a plan (``Plan.to_json_dict()``) is also what the store keeps
(``kind="worksheet", key="plan"``) and what the workshop dashboard reads (each actor's ``type``
and the coalition's ``duration``, ``scope`` and ``focus``). Version 2 (this one) rates each
actor's ``alignment`` on the 1-5 scale instead of a ``position`` and adds the per-actor plan
(reason, ask, contact, responsible member, next action and date, priority, sensitivity, desired
position), dated milestones tied to the review's stages and snapshots. Version 1 plans are
converted on import (:func:`loading.upgrade`).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from .. import content, ui

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
                raise ValueError(ui.t("ws.error.date_format")) from None
    return v


DateText = Annotated[str, BeforeValidator(_date), Field(max_length=10)]


def _ws() -> content.WorksheetData:
    return content.load().worksheet


@lru_cache(maxsize=1)
def _positions_by_rating() -> dict[int, str]:
    return {n: p.id for p in _ws().positions for n in p.alignment}


def position_of(alignment: int) -> str:
    """The position id (worksheet.yaml ``positions``) an alignment rating counts as."""
    return _positions_by_rating()[alignment]


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
            raise ValueError(ui.t("ws.error.unknown_choice", value=str(v)[:30]))
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
                raise ValueError(ui.t("ws.error.unknown_country", code=v[:10]))
        return v

    @field_validator("committee")
    @classmethod
    def _committee(cls, v: str) -> str:
        if v and v not in {tb.acronym for tb in content.load().treaty_bodies}:
            raise ValueError(ui.t("ws.error.unknown_committee", code=v[:10]))
        if v in _ws().no_review:
            raise ValueError(ui.t("ws.error.no_reports", committee=v))
        return v

    check_procedure = _choice("procedures", "procedure", optional=True)
    check_stage = _choice("stages", "stage", optional=True)

    @model_validator(mode="after")
    def _stage_fits(self) -> Review:
        if not has_procedures(self.committee) and self.procedure:
            self.__dict__["procedure"] = ""  # the CED has no procedure to choose
        if self.stage and self.stage not in stages_for(self.committee, self.procedure):
            stage = _ws().stage(self.stage).label
            raise ValueError(ui.t("ws.error.stage_not_in_review", stage=stage))
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
    priority: str = Field(default_factory=lambda: _ws().rules.default_priority)
    sensitive: bool = Field(default=False, strict=True)
    relationship: str = Field(default_factory=lambda: _ws().relationships[0].id)
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
            raise ValueError(ui.t("ws.error.unknown_moment", value=str(bad[0])[:30]))
        return [x for x in order if x in v]  # catalogue order, no repeats

    @property
    def position(self) -> str:
        """The position id (ally, neutral, opponent) the alignment rating counts as."""
        return position_of(self.alignment)

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

    duration: str = Field(default_factory=lambda: _ws().rules.duration)  # coalitions.yaml forms
    scope: str = Field(default_factory=lambda: _ws().rules.scope)
    focus: ShortText = ""
    members: list[Member] = Field(default_factory=list, max_length=MAX_MEMBERS)
    covers: LongText = ""
    decisions: LongText = ""
    timeline: list[Milestone] = Field(default_factory=list, max_length=MAX_MILESTONES)

    @field_validator("duration", "scope")
    @classmethod
    def _in_course_data(cls, v: str, info) -> str:
        if v not in _form_options(info.field_name):
            raise ValueError(ui.t("ws.error.unknown_choice", value=str(v)[:30]))
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
                raise ValueError(ui.t("ws.error.two_actors", name=a.name))
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


def label(choices, choice_id: str) -> str:
    """The label of a catalogue entry (actor type, position...) or the id itself if unknown."""
    for c in choices:
        if c.id == choice_id:
            return c.label
    return choice_id
