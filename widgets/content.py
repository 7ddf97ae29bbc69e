"""The course's content, loaded once per kernel from ``course_data/`` and validated.

Everything the notebooks show comes from here: typed, immutable objects built from YAML files
that are checked against a schema (pydantic models). A malformed file fails with a
:class:`ContentError` naming the file, the entry and the field.
"""

from __future__ import annotations

import datetime as _dt
import os
from functools import cache
from pathlib import Path
from typing import Any, ClassVar, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

try:  # libyaml is several times faster where it is available
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "course_data"
Text = str


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


# --- worksheet --------------------------------------------------------------------------------
class Choice(_Frozen):
    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    label: str


class StageAction(_Frozen):
    text: str
    section: str
    sources: tuple[str, ...] = Field(min_length=1)
    committees: tuple[str, ...] = ()  # empty: every committee
    why: str = ""
    tbnet: bool = False  # names the committee's TB-Net member: only where there is one


class Milestone(_Frozen):
    text: str
    weeks: int  # suggested: weeks before the session (negative: after it)


class Stage(_Frozen):
    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    label: str
    text: str
    actions: tuple[StageAction, ...] = Field(min_length=1)
    milestones: tuple[Milestone, ...] = Field(min_length=1)


class ActorType(_Frozen):
    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    label: str
    section: str
    actor: str | None = None  # the matching entry of actors.yaml national_actors
    themes: tuple[str, ...] = ()  # words in the plan's themes that make this type more relevant


class SuggestionRule(_Frozen):
    text: str
    section: str
    weight: int = 0
    why: str = ""
    sources: tuple[str, ...] = ("seed",)


class Scale(_Frozen):
    label: str
    low: str
    middle: str
    high: str


class AiimQuadrant(_Frozen):
    id: str
    label: str
    rule: str
    sources: tuple[str, ...] = Field(min_length=1)


class Aiim(_Frozen):
    sources: tuple[str, ...] = Field(min_length=1)
    quadrants: tuple[AiimQuadrant, AiimQuadrant, AiimQuadrant, AiimQuadrant]


class WorksheetProcedure(_Frozen):
    id: str
    label: str
    text: str
    stages: tuple[str, ...] = Field(min_length=1)
    sources: tuple[str, ...] = Field(min_length=1)


class CommitteeNote(_Frozen):
    text: str
    stages: tuple[str, ...] = ()  # the stages offered instead of a procedure's
    sources: tuple[str, ...] = Field(min_length=1)


class Position(Choice):
    """Ally, neutral or opponent: the alignment ratings (1-5) that count as it."""

    alignment: tuple[int, ...] = Field(min_length=1)
    v1_alignment: int  # the rating a version 1 plan's position becomes
    shape: Literal["circle", "square", "triangle"]  # its marker on the map (not colour alone)
    colour: str = Field(pattern=r"^#[0-9a-f]{6}$")  # its marker's colour in the printed map


class WorksheetRules(_Frozen):
    """Ids of the catalogues above that the worksheet's rules and defaults refer to."""

    nhri: str  # the actor type and national actor of the "nhri_missing" rule
    after_stages: tuple[str, ...]  # stages after the dialogue: national actors' "after" advice
    high_priority: str  # actors whose next action and ask the suggestions check
    default_priority: str
    owner_roles: tuple[str, ...]  # members suggested as a milestone's owner, in this order
    duration: str  # a new plan's coalition form (ids of coalitions.yaml's forms)
    scope: str


class WorksheetData(_Frozen):
    """Options, suggestion rules and the example plan of the coalition-planning worksheet."""

    scales: dict[Literal["influence", "interest", "alignment"], Scale]
    aiim: Aiim
    priorities: tuple[Choice, ...] = Field(min_length=2)
    contact_note: str
    procedures: tuple[WorksheetProcedure, ...] = Field(min_length=1)
    committee_notes: dict[str, CommitteeNote] = Field(default_factory=dict)
    no_review: tuple[str, ...] = ()
    stages: tuple[Stage, ...] = Field(min_length=1)
    actor_types: tuple[ActorType, ...] = Field(min_length=2)
    positions: tuple[Position, ...] = Field(min_length=2)
    rules: WorksheetRules
    relationships: tuple[Choice, ...] = Field(min_length=2)
    engage: tuple[Choice, ...] = Field(min_length=2)
    roles: tuple[Choice, ...] = Field(min_length=1)
    suggestions: dict[str, SuggestionRule]
    reasons: dict[str, str] = Field(default_factory=dict)
    example: dict[str, Any]

    #: The suggestion rules the worksheet's model applies; each must be in the file.
    RULES: ClassVar[tuple[str, ...]] = (
        "tbnet_member",
        "no_dedicated_ngo",
        "other_ngo",
        "nhri_missing",
        "national_actor",
        "coalition_of_one",
        "no_actors",
        "no_committee",
        "safety",
        "no_next_action",
        "no_ask",
    )

    @model_validator(mode="after")
    def _all_rules_present(self) -> WorksheetData:
        missing = [r for r in self.RULES if r not in self.suggestions]
        if missing:
            raise ValueError(f"suggestions: missing rule(s) {', '.join(missing)}")
        ratings = sorted(n for p in self.positions for n in p.alignment)
        if ratings != [1, 2, 3, 4, 5]:
            raise ValueError("positions: each alignment rating 1-5 must belong to one position")
        r = self.rules
        for what, value, ids in (
            ("nhri", (r.nhri,), self.actor_types),
            ("after_stages", r.after_stages, self.stages),
            ("priority", (r.high_priority, r.default_priority), self.priorities),
            ("owner_roles", r.owner_roles, self.roles),
        ):
            unknown = set(value) - {c.id for c in ids}
            if unknown:
                raise ValueError(f"rules.{what}: unknown id(s) {', '.join(sorted(unknown))}")
        ids = {s.id for s in self.stages}
        orders = [p.stages for p in self.procedures]
        orders += [n.stages for n in self.committee_notes.values()]
        unknown = sorted({s for order in orders for s in order} - ids)
        if unknown:
            raise ValueError(f"procedures: unknown stage(s) {', '.join(unknown)}")
        return self

    def procedure(self, procedure_id: str) -> WorksheetProcedure:
        """The review procedure with this id (KeyError if unknown)."""
        for p in self.procedures:
            if p.id == procedure_id:
                return p
        raise KeyError(procedure_id)

    def stage(self, stage_id: str) -> Stage:
        """The stage with this id (KeyError if unknown)."""
        for s in self.stages:
            if s.id == stage_id:
                return s
        raise KeyError(stage_id)

    def actor_type(self, type_id: str) -> ActorType:
        """The actor type with this id (KeyError if unknown)."""
        for t in self.actor_types:
            if t.id == type_id:
                return t
        raise KeyError(type_id)


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


# --- the whole course ------------------------------------------------------------------------
class Course(_Frozen):
    """All course content, validated and cross-checked."""

    sources: tuple[Source, ...]
    treaty_bodies: tuple[TreatyBody, ...]
    procedures: tuple[Procedure, ...]
    tbnet: TBNet
    members: tuple[Member, ...]
    no_dedicated_ngo: NoDedicatedNGO
    other_ngos: tuple[OtherNGO, ...]
    national_actors: tuple[NationalActor, ...]
    mapping: Mapping
    denmark_example: DenmarkExample
    forms: tuple[FormDimension, ...]
    partners: tuple[str, ...]
    reasons: tuple[Reason, ...]
    glossary: tuple[GlossaryEntry, ...]
    outline: Outline
    safety: SafetyBox
    case: Case
    strings: dict[str, str | dict[str, str]]  # plural texts map a form (one, other) to text
    worksheet: WorksheetData

    # lookups -----------------------------------------------------------------------------
    def committee(self, acronym: str) -> TreatyBody:
        """The treaty body with this acronym (KeyError if unknown)."""
        for tb in self.treaty_bodies:
            if tb.acronym == acronym:
                return tb
        raise KeyError(acronym)

    def procedure(self, procedure_id: str) -> Procedure:
        """The review sequence with this id (KeyError if unknown)."""
        return _find(self.procedures, procedure_id)

    def members_for(self, acronym: str) -> tuple[Member, ...]:
        """TB-Net members that support NGOs at this committee."""
        return tuple(m for m in self.members if m.committee == acronym)

    def other_ngos_for(self, acronym: str) -> tuple[OtherNGO, ...]:
        """Other NGOs (such as the APT) useful at this committee."""
        return tuple(n for n in self.other_ngos if acronym in n.committees)

    def page(self, page_id: str) -> Page:
        """The outline page with this id (KeyError if unknown)."""
        for p in self.outline.pages:
            if p.id == page_id:
                return p
        raise KeyError(page_id)

    def page_for_objective(self, objective_id: str) -> Page:
        """The page that teaches this objective (KeyError if unknown)."""
        for p in self.outline.pages:
            if any(o.id == objective_id for o in p.objectives):
                return p
        raise KeyError(objective_id)

    def source(self, source_id: str) -> Source:
        """The source with this id (KeyError if unknown)."""
        for s in self.sources:
            if s.id == source_id:
                return s
        raise KeyError(source_id)

    def text(self, key: str, **values: object) -> str:
        """An interface string by key, formatted with ``values``."""
        return self.strings[key].format(**values) if values else self.strings[key]

    def plural(self, key: str, n: int, **values: object) -> str:
        """A text that depends on the number ``n``: the key holds one text per plural form."""
        forms = self.strings[key]
        if isinstance(forms, str):
            return forms.format(n=n, **values)
        form = "one" if n == 1 and "one" in forms else "other"
        return forms[form].format(n=n, **values)

    @model_validator(mode="after")
    def _cross_references(self) -> Course:
        acronyms = {tb.acronym for tb in self.treaty_bodies}
        source_ids = {s.id for s in self.sources}
        problems = []
        for m in self.members:
            if m.committee not in acronyms:
                problems.append(f"member '{m.id}': unknown committee '{m.committee}'")
        for acr in self.no_dedicated_ngo.committees:
            if acr not in acronyms:
                problems.append(f"no_dedicated_ngo: unknown committee '{acr}'")
        for n in self.other_ngos:
            problems += [
                f"other NGO '{n.id}': unknown committee '{c}'"
                for c in n.committees
                if c not in acronyms
            ]
        cited = [
            ("tbnet", self.tbnet.sources + self.tbnet.activity_note_sources),
            ("mapping", self.mapping.sources),
            ("denmark_example", self.denmark_example.sources),
        ]
        cited += [(f"actor '{a.id}'", a.sources + a.advice_sources) for a in self.national_actors]
        cited += [(f"member '{m.id}'", m.sources) for m in self.members]
        cited += [(f"other NGO '{n.id}'", n.sources) for n in self.other_ngos]
        cited += [(f"procedure '{p.id}'", p.sources) for p in self.procedures]
        cited += [(f"page '{p.id}'", p.sources) for p in self.outline.pages]
        cited.append(("reading safety", self.safety.sources))
        cited += [(f"case step '{s.id}'", s.sources) for s in self.case.steps]
        problems += [
            f"case step '{s.id}': unknown section (page id) '{s.section}'"
            for s in self.case.steps
            if s.section not in {p.id for p in self.outline.pages}
        ]
        start = self.case.plan_start
        form_ids = {d.id: {o.id for o in d.options} for d in self.forms}
        checks = [
            ("committee", start.committee, acronyms),
            ("procedure", start.procedure, {p.id for p in self.worksheet.procedures}),
            (
                "stage",
                start.stage,
                set(
                    next(
                        (p.stages for p in self.worksheet.procedures if p.id == start.procedure), ()
                    )
                ),
            ),
            ("duration", start.duration, form_ids.get("duration", set())),
            ("scope", start.scope, form_ids.get("scope", set())),
        ] + [
            ("actor type", t, {a.id for a in self.worksheet.actor_types}) for t in start.actor_types
        ]
        problems += [
            f"case plan_start: unknown {what} '{v}'" for what, v, ok in checks if v not in ok
        ]
        ws = self.worksheet
        page_ids = {p.id for p in self.outline.pages}
        actor_ids = {a.id for a in self.national_actors}
        sections = [(f"worksheet stage '{s.id}'", a.section) for s in ws.stages for a in s.actions]
        sections += [(f"worksheet actor type '{t.id}'", t.section) for t in ws.actor_types]
        sections += [(f"worksheet suggestion '{k}'", r.section) for k, r in ws.suggestions.items()]
        problems += [
            f"{w}: unknown section (page id) '{p}'" for w, p in sections if p not in page_ids
        ]
        for s in ws.stages:
            cited += [(f"worksheet stage '{s.id}'", a.sources) for a in s.actions]
            for a in s.actions:
                problems += [
                    f"worksheet stage '{s.id}': unknown committee '{c}'"
                    for c in a.committees
                    if c not in acronyms
                ]
        cited += [(f"worksheet suggestion '{k}'", r.sources) for k, r in ws.suggestions.items()]
        cited += [(f"worksheet procedure '{p.id}'", p.sources) for p in ws.procedures]
        cited += [(f"worksheet note '{k}'", n.sources) for k, n in ws.committee_notes.items()]
        cited += [("worksheet aiim", ws.aiim.sources)]
        cited += [(f"worksheet aiim '{q.id}'", q.sources) for q in ws.aiim.quadrants]
        if tuple(p.id for p in ws.positions) != self.mapping.grid.positions:
            problems.append("worksheet positions differ from actors.yaml mapping.grid.positions")
        problems += [
            f"worksheet actor type '{t.id}': unknown national actor '{t.actor}'"
            for t in ws.actor_types
            if t.actor and t.actor not in actor_ids
        ]
        for where, ids in cited:
            problems += [f"{where}: unknown source '{s}'" for s in ids if s not in source_ids]
        for kind, ids in (
            ("page", [p.id for p in self.outline.pages]),
            ("objective", [o.id for p in self.outline.pages for o in p.objectives]),
            ("member", [m.id for m in self.members]),
            ("actor", [a.id for a in self.national_actors]),
            ("worksheet stage", [s.id for s in self.worksheet.stages]),
            ("worksheet actor type", [t.id for t in self.worksheet.actor_types]),
        ):
            dupes = sorted({i for i in ids if ids.count(i) > 1})
            problems += [f"duplicate {kind} id '{d}'" for d in dupes]
        if problems:
            raise ValueError("; ".join(problems))
        return self


# --- loading ---------------------------------------------------------------------------------
def _entry_name(data: Any, loc: tuple) -> str:
    """Describe the entry a validation error points at, e.g. ``treaty_bodies[4] 'CAT'``."""
    node, path, name = data, "", None
    for part in loc:
        if isinstance(part, int) and isinstance(node, list) and part < len(node):
            node = node[part]
            path += f"[{part}]"
            if isinstance(node, dict):
                label = node.get("id") or node.get("acronym") or node.get("term")
                name = f"{path} '{label}'" if label else path
        elif isinstance(node, dict) and part in node:
            node = node[part]
            path += f".{part}" if path else str(part)
        else:
            break
    return name or path or "(top level)"


def _format_error(filename: str, data: Any, err: ValidationError, prefix: tuple = ()) -> str:
    lines = []
    for e in err.errors():
        loc = tuple(e["loc"])[len(prefix) :]
        field = ".".join(str(p) for p in loc if not isinstance(p, int)) or "(whole file)"
        lines.append(f"{filename}: entry {_entry_name(data, loc)}, field '{field}': {e['msg']}")
    return "\n".join(lines)


def _read(directory: Path, filename: str) -> Any:
    path = directory / filename
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_Loader)
    except FileNotFoundError:
        raise ContentError(f"{filename}: file not found in {directory}") from None
    except yaml.YAMLError as exc:
        raise ContentError(f"{filename}: not valid YAML: {exc}") from None


def _parse(directory: Path, filename: str, model: type[BaseModel]) -> BaseModel:
    data = _read(directory, filename)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ContentError(_format_error(filename, data, exc)) from None


class _ListFile(_Frozen):
    items: tuple[Any, ...]


def _parse_list(directory: Path, filename: str, item: type[BaseModel]) -> tuple:
    data = _read(directory, filename)
    if not isinstance(data, list):
        raise ContentError(f"{filename}: entry (top level), field '(whole file)': expected a list")
    out = []
    for i, entry in enumerate(data):
        try:
            out.append(item.model_validate(entry))
        except ValidationError as exc:
            lines = []
            for e in exc.errors():
                field = ".".join(str(p) for p in e["loc"]) or "(whole entry)"
                label = entry.get("id") or entry.get("term") if isinstance(entry, dict) else None
                name = f"[{i}] '{label}'" if label else f"[{i}]"
                lines.append(f"{filename}: entry {name}, field '{field}': {e['msg']}")
            raise ContentError("\n".join(lines)) from None
    return tuple(out)


def load_from(directory: str | Path) -> Course:
    """Load and validate the course content found in ``directory`` (no caching)."""
    directory = Path(directory)
    tb = _parse(directory, "treaty_bodies.yaml", TreatyBodiesFile)
    net = _parse(directory, "tbnet.yaml", TBNetFile)
    actors = _parse(directory, "actors.yaml", ActorsFile)
    coal = _parse(directory, "coalitions.yaml", CoalitionsFile)
    outline = _parse(directory, "outline.yaml", Outline)
    worksheet = _parse(directory, "worksheet.yaml", WorksheetData)
    strings = _read(directory, "strings/en.yaml")
    if not isinstance(strings, dict) or not all(
        isinstance(v, str)
        or (isinstance(v, dict) and "other" in v and all(isinstance(x, str) for x in v.values()))
        for v in strings.values()
    ):
        raise ContentError(
            "strings/en.yaml: entry (top level), field '(whole file)': "
            "expected a mapping of keys to text"
        )
    fields = dict(
        sources=_parse_list(directory, "sources.yaml", Source),
        treaty_bodies=tb.treaty_bodies,
        procedures=tb.procedures,
        tbnet=net.tbnet,
        members=net.members,
        no_dedicated_ngo=net.no_dedicated_ngo,
        other_ngos=net.other_ngos,
        national_actors=actors.national_actors,
        mapping=actors.mapping,
        denmark_example=actors.denmark_example,
        forms=coal.forms,
        partners=coal.partners,
        reasons=coal.reasons,
        glossary=_parse_list(directory, "glossary.yaml", GlossaryEntry),
        outline=outline,
        safety=_parse(directory, "reading.yaml", ReadingFile).safety,
        case=_parse(directory, "case.yaml", Case),
        strings=strings,
        worksheet=worksheet,
    )
    try:
        return Course(**fields)
    except ValidationError as exc:
        msgs = [f"course_data (cross-check): {e['msg']}" for e in exc.errors()]
        raise ContentError("\n".join(msgs)) from None


def data_dir() -> Path:
    """Where course content is read from: ``$COURSE_DATA_DIR`` or the repository's ``course_data``."""
    return Path(os.environ.get("COURSE_DATA_DIR") or DEFAULT_DIR)


@cache
def _load_cached(directory: str) -> Course:
    return load_from(directory)


def load() -> Course:
    """The course content, loaded and validated once per kernel."""
    return _load_cached(str(data_dir()))
