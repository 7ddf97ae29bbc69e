"""The schema of the course's content files: typed, immutable models checked at load time."""

from __future__ import annotations

import datetime as _dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class ContentError(ValueError):
    """A ``course_data`` file is missing or malformed; the message names file, entry and field."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def _find(items: Any, value: str, attr: str = "id") -> Any:
    """The item whose ``attr`` equals ``value`` (KeyError if none)."""
    for item in items:
        if getattr(item, attr) == value:
            return item
    raise KeyError(value)


# --- sources ---------------------------------------------------------------------------------
class Source(_Frozen):
    id: str
    title: str
    publisher: str
    url: str | None = Field(default=None, pattern=r"^https?://\S+$")
    checked_on: _dt.date | None = None  # when the address and the fact cited were checked

    @model_validator(mode="after")
    def _url_has_a_date(self) -> Source:
        if self.url and not self.checked_on:
            raise ValueError("a source with a url needs the date it was checked (checked_on)")
        return self


# --- treaty bodies -----------------------------------------------------------------------------
class TreatyBody(_Frozen):
    acronym: str = Field(pattern=r"^[A-Z]{2,6}$")
    name: str
    treaty: str
    treaty_year: int | None = Field(default=None, ge=1945, le=2100)
    members: int = Field(gt=0, lt=100)
    #: periodic: reviews States on their reports again and again; one-report: one report, then
    #: additional information when asked (CED); none: reviews no reports (SPT).
    reporting: Literal["periodic", "one-report", "none"]
    elected_by: str
    note: str | None = None

    @property
    def periodic_reviews(self) -> bool:
        """Whether the committee reviews States periodically on their reports."""
        return self.reporting == "periodic"

    @property
    def reviews_reports(self) -> bool:
        """Whether the committee reviews State reports at all (not the SPT)."""
        return self.reporting != "none"


class Moment(_Frozen):
    """A moment when NGOs and coalitions (``ngo``) or NHRIs (``nhri``) can inform the committee."""

    who: Literal["ngo", "nhri"]
    text: str


class CycleStep(_Frozen):
    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    title: str
    text: str
    moments: tuple[Moment, ...] = ()


class Procedure(_Frozen):
    """One review sequence: the simplified or the standard reporting procedure."""

    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    title: str
    label: str
    summary: str
    sources: tuple[str, ...] = Field(min_length=1)
    steps: tuple[CycleStep, ...] = Field(min_length=3)

    @model_validator(mode="after")
    def _unique_steps(self) -> Procedure:
        ids = [s.id for s in self.steps]
        if len(set(ids)) != len(ids):
            raise ValueError(f"procedure '{self.id}': duplicate step id")
        return self


class TreatyBodiesFile(_Frozen):
    treaty_bodies: tuple[TreatyBody, ...] = Field(min_length=1)
    procedures: tuple[Procedure, ...] = Field(min_length=1)


# --- TB-Net ----------------------------------------------------------------------------------
class Activity(_Frozen):
    id: str
    text: str


class TBNet(_Frozen):
    name: str
    what: str
    aim: str
    activities: tuple[Activity, ...] = Field(min_length=1)
    activity_note: str | None = None
    activity_note_sources: tuple[str, ...] = ()
    sources: tuple[str, ...]


class Member(_Frozen):
    id: str
    name: str
    committee: str
    support: str
    examples: tuple[str, ...] = Field(min_length=1)
    sources: tuple[str, ...] = ("seed",)  # the seed, then the member's own page


class NoDedicatedNGO(_Frozen):
    committees: tuple[str, ...]
    advice: str
    contact: str


class OtherNGO(_Frozen):
    id: str
    name: str
    committees: tuple[str, ...]
    support: str
    examples: tuple[str, ...]
    sources: tuple[str, ...] = ("seed",)


class TBNetFile(_Frozen):
    tbnet: TBNet
    members: tuple[Member, ...] = Field(min_length=1)
    no_dedicated_ngo: NoDedicatedNGO
    other_ngos: tuple[OtherNGO, ...]


# --- national actors -------------------------------------------------------------------------
class NationalActor(_Frozen):
    id: str
    name: str
    acronym: str | None = None
    what: str
    before: str
    after: str
    condition: str | None = None
    sources: tuple[str, ...] = Field(min_length=1)
    #: Where the before/after advice comes from (``course-guidance`` when it is the course's own).
    advice_sources: tuple[str, ...] = Field(min_length=1)


class Quadrant(_Frozen):
    id: str
    label: str
    rule: str


class Grid(_Frozen):
    axes: tuple[str, str]
    quadrants: tuple[Quadrant, Quadrant, Quadrant, Quadrant]
    positions: tuple[str, ...]


class Mapping(_Frozen):
    why: str
    grid: Grid
    sources: tuple[str, ...]


class DenmarkExample(_Frozen):
    committee: str
    country: str
    year: int
    nhri: str
    what: str
    aim: str
    who_else: str
    result: str
    sources: tuple[str, ...]


class ActorsFile(_Frozen):
    national_actors: tuple[NationalActor, ...] = Field(min_length=1)
    mapping: Mapping
    denmark_example: DenmarkExample


# --- coalitions ------------------------------------------------------------------------------
class FormOption(_Frozen):
    id: str
    label: str
    text: str


class FormDimension(_Frozen):
    id: str
    label: str
    options: tuple[FormOption, ...] = Field(min_length=2)


class Reason(_Frozen):
    id: str
    title: str
    text: str


class CoalitionsFile(_Frozen):
    forms: tuple[FormDimension, ...] = Field(min_length=1)
    partners: tuple[str, ...]
    reasons: tuple[Reason, ...] = Field(min_length=1)
    sources: tuple[str, ...]


# --- reading aids ----------------------------------------------------------------------------
class SafetyBox(_Frozen):
    title: str
    points: tuple[str, ...] = Field(min_length=1)
    sources: tuple[str, ...] = Field(min_length=1)


class ReadingFile(_Frozen):
    safety: SafetyBox


# --- the running case --------------------------------------------------------------------------
class CaseOption(_Frozen):
    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    text: str
    best: bool = False
    consequence: str
    reason: str


class CaseStep(_Frozen):
    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    section: str  # the lesson page that shows this decision
    title: str
    situation: str
    question: str
    options: tuple[CaseOption, ...] = Field(min_length=2)
    sources: tuple[str, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _one_best(self) -> CaseStep:
        if sum(o.best for o in self.options) != 1:
            raise ValueError(f"step '{self.id}': exactly one option must be marked best")
        ids = [o.id for o in self.options]
        if len(set(ids)) != len(ids):
            raise ValueError(f"step '{self.id}': duplicate option id")
        return self

    def option(self, option_id: str) -> CaseOption:
        """The option with this id (KeyError if unknown)."""
        return _find(self.options, option_id)


class CasePlanStart(_Frozen):
    """Where the running case ends, for the worksheet to start a plan from (ids only)."""

    committee: str
    procedure: str
    stage: str
    duration: str
    scope: str
    actor_types: tuple[str, ...] = ()


class Case(_Frozen):
    """The running case: a fictional coalition followed across the lesson pages."""

    title: str
    intro: str
    fictional: str
    steps: tuple[CaseStep, ...] = Field(min_length=1)
    ending: str
    plan_start: CasePlanStart

    def step(self, step_id: str) -> CaseStep:
        """The step with this id (KeyError if unknown)."""
        return _find(self.steps, step_id)

    def steps_for(self, page_id: str) -> tuple[CaseStep, ...]:
        """The decisions shown on a page."""
        return tuple(s for s in self.steps if s.section == page_id)


# --- glossary and outline --------------------------------------------------------------------
class GlossaryEntry(_Frozen):
    term: str
    meaning: str


class Objective(_Frozen):
    id: str = Field(pattern=r"^[a-z]{2}-\d+$")
    text: str


class Page(_Frozen):
    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    notebook: str = Field(pattern=r"^[0-9]{2}_[a-z0-9_]+\.ipynb$")
    title: str
    kind: Literal["home", "lesson", "quiz", "worksheet", "guide"]
    objectives: tuple[Objective, ...] = ()
    sources: tuple[str, ...] = ()  # the page's "Sources and further reading"
    key_points: tuple[str, ...] = ()  # the "Key points" box at the end of a lesson
    where_next: str | None = None  # a pointer to the next sections of the source module

    @model_validator(mode="after")
    def _lessons_have_objectives(self) -> Page:
        if self.kind == "lesson" and not 2 <= len(self.objectives) <= 4:
            raise ValueError(f"a lesson needs 2 to 4 objectives, found {len(self.objectives)}")
        return self


class Outline(_Frozen):
    title: str
    pages: tuple[Page, ...] = Field(min_length=1)
