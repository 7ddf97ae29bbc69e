"""The coalition plan and the worksheet's rules: pure Python (pydantic), no ipywidgets.

A :class:`Plan` holds what a learner wrote: the review, the actors they mapped and the coalition
they are shaping. Every field has a length limit and every choice is checked against
``course_data/worksheet.yaml``. :class:`Worksheet` is the editable state behind the view: each
action either changes the plan or raises :class:`PlanError` with a message for people, and leaves
the plan as it was. :func:`suggestions` turns a plan into advice, each item citing the course
section it comes from; all of its text comes from ``course_data``.

The JSON form of a plan (``Plan.to_json_dict()``) is also what the store keeps
(``kind="worksheet", key="plan"``) and what the workshop dashboard reads: top-level
``schema_version``, ``review`` (``country``, ``committee``, ``stage``, ``themes``,
``organisation``), ``actors`` (``name``, ``type``, ``influence``, ``interest``, ``position``,
``relationship``, ``engage`` = list of ``before``/``during``/``after``, ``notes``) and
``coalition`` (``duration``, ``scope``, ``focus``, ``members`` [``name``, ``role``], ``covers``,
``decisions``, ``timeline`` [``milestone``, ``when``, ``who``]).
"""

from __future__ import annotations

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

SCHEMA_VERSION = 1
#: Length limits (characters) and list limits.
NAME_MAX = 120
TEXT_MAX = 300
LONG_MAX = 2000
MAX_ACTORS = 300
MAX_MEMBERS = 100
MAX_MILESTONES = 60
MAX_IMPORT_BYTES = 1_000_000

STORE_KIND = "worksheet"
STORE_KEY = "plan"


class PlanError(ValueError):
    """A change or an import was refused; the message says why, for people."""


# control characters (C0, DEL, C1), lone surrogates, and invisible format / direction controls
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u00ad\u061c\u180e"
    "\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]"
)


def _clean(value: Any, multiline: bool) -> Any:
    """Drop control characters (keeping line breaks in long text) and surrounding spaces."""
    if not isinstance(value, str):
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    if not multiline:
        value = value.replace("\n", " ").replace("\t", " ")
    return _CONTROL.sub("", value).strip()


Line = Annotated[str, BeforeValidator(lambda v: _clean(v, False))]
Name = Annotated[Line, Field(min_length=1, max_length=NAME_MAX)]
ShortText = Annotated[Line, Field(max_length=TEXT_MAX)]
LongText = Annotated[str, BeforeValidator(lambda v: _clean(v, True)), Field(max_length=LONG_MAX)]
Rating = Annotated[int, Field(ge=1, le=5, strict=True)]


def _ws() -> content.WorksheetData:
    return content.load().worksheet


def _ids(choices) -> list[str]:
    return [c.id for c in choices]


def name_key(name: str) -> str:
    """How names are compared for duplicates: case, accents of spacing and width ignored."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", name)).strip().casefold()


class _Base(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Review(_Base):
    """The review the plan prepares for."""

    country: str = ""  # ISO 3166 alpha-2 code, or "" (not chosen)
    committee: str = ""  # treaty body acronym, or ""
    stage: str = ""  # stage id from worksheet.yaml, or ""
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
        return v

    @field_validator("stage")
    @classmethod
    def _stage(cls, v: str) -> str:
        if v and v not in _ids(_ws().stages):
            raise ValueError(f"unknown stage '{v[:30]}'")
        return v


class Actor(_Base):
    """One actor on the map."""

    name: Name
    type: str
    influence: Rating = 3
    interest: Rating = 3
    position: str = "neutral"
    relationship: str = "none"
    engage: list[str] = Field(default_factory=list, max_length=3)
    notes: ShortText = ""

    @field_validator("type")
    @classmethod
    def _type(cls, v: str) -> str:
        if v not in _ids(_ws().actor_types):
            raise ValueError(f"unknown actor type '{v[:30]}'")
        return v

    @field_validator("position")
    @classmethod
    def _position(cls, v: str) -> str:
        if v not in _ids(_ws().positions):
            raise ValueError(f"unknown position '{v[:30]}'")
        return v

    @field_validator("relationship")
    @classmethod
    def _relationship(cls, v: str) -> str:
        if v not in _ids(_ws().relationships):
            raise ValueError(f"unknown relationship '{v[:30]}'")
        return v

    @field_validator("engage")
    @classmethod
    def _engage(cls, v: list[str]) -> list[str]:
        order = _ids(_ws().engage)
        bad = [x for x in v if x not in order]
        if bad:
            raise ValueError(f"unknown moment '{str(bad[0])[:30]}'")
        return [x for x in order if x in v]  # catalogue order, no repeats


class Member(_Base):
    """A member of the coalition and its role."""

    name: Name
    role: str = "member"

    @field_validator("role")
    @classmethod
    def _role(cls, v: str) -> str:
        if v not in _ids(_ws().roles):
            raise ValueError(f"unknown role '{v[:30]}'")
        return v


class Milestone(_Base):
    """One step on the coalition's timeline."""

    milestone: Annotated[Line, Field(min_length=1, max_length=TEXT_MAX)]
    when: Annotated[Line, Field(max_length=NAME_MAX)] = ""
    who: Annotated[Line, Field(max_length=NAME_MAX)] = ""


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

    schema_version: Literal[1] = SCHEMA_VERSION
    review: Review = Field(default_factory=Review)
    actors: list[Actor] = Field(default_factory=list, max_length=MAX_ACTORS)
    coalition: Coalition = Field(default_factory=Coalition)

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


# --- messages for people --------------------------------------------------------------------
_FIELD_KEYS = {
    "country": "ws.field.country",
    "committee": "ws.field.committee",
    "stage": "ws.field.stage",
    "themes": "ws.field.themes",
    "organisation": "ws.field.organisation",
    "name": "ws.field.name",
    "type": "ws.field.type",
    "influence": "ws.field.influence",
    "interest": "ws.field.interest",
    "position": "ws.field.position",
    "relationship": "ws.field.relationship",
    "engage": "ws.field.engage",
    "notes": "ws.field.notes",
    "role": "ws.field.role",
    "milestone": "ws.field.milestone",
    "when": "ws.field.when",
    "who": "ws.field.who",
    "duration": "ws.field.duration",
    "scope": "ws.field.scope",
    "focus": "ws.field.focus",
    "members": "ws.field.members",
    "covers": "ws.field.covers",
    "decisions": "ws.field.decisions",
    "timeline": "ws.field.timeline",
    "actors": "ws.field.actors",
}


_LIST_KEYS = {"actors": "ws.loc.actor", "members": "ws.loc.member", "timeline": "ws.loc.milestone"}


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
def plan_from_json(data: bytes | str) -> Plan:
    """A plan from a JSON file's content; :class:`PlanError` with a clear message if refused."""
    t = content.load().text
    size = len(data.encode("utf-8") if isinstance(data, str) else data)
    if size > MAX_IMPORT_BYTES:
        raise PlanError(t("ws.import.too_large", limit=MAX_IMPORT_BYTES // 1000))
    try:
        raw = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        raise PlanError(t("ws.import.not_json")) from None
    if not isinstance(raw, dict) or not {"schema_version", "review", "actors"} <= raw.keys():
        raise PlanError(t("ws.import.not_plan"))
    if raw.get("schema_version") != SCHEMA_VERSION:
        raise PlanError(
            t(
                "ws.import.version",
                found=str(raw.get("schema_version"))[:20],
                expected=SCHEMA_VERSION,
            )
        )
    try:
        return Plan.model_validate(raw)
    except ValidationError as exc:
        raise PlanError(t("ws.import.invalid", detail=explain(exc))) from None


def example_plan() -> Plan:
    """The fictional example plan from ``course_data/worksheet.yaml``."""
    return Plan.model_validate(_ws().example)


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
        """Change fields of the review (country, committee, stage, themes, organisation)."""
        self._set(review=self._valid(Review, {**self.plan.review.model_dump(), **fields}))

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

    # members and timeline ----------------------------------------------------------------------
    def add_member(self, name: str, role: str = "member") -> None:
        """Add a member of the coalition with its role."""
        member = self._valid(Member, {"name": name, "role": role})
        members = self.plan.coalition.members
        if any(name_key(m.name) == name_key(member.name) for m in members):
            raise PlanError(content.load().text("ws.error.duplicate_member", name=member.name))
        if len(members) >= MAX_MEMBERS:
            raise self._too_many("members", MAX_MEMBERS)
        self._set_coalition(members=[*members, member])

    def remove_member(self, index: int) -> None:
        """Remove the member at ``index``."""
        members = list(self.plan.coalition.members)
        del members[index]
        self._set_coalition(members=members)

    def add_milestone(self, milestone: str, when: str = "", who: str = "") -> None:
        """Add a milestone to the timeline."""
        item = self._valid(Milestone, {"milestone": milestone, "when": when, "who": who})
        self._add_milestones([item])

    def _add_milestones(self, items: list[Milestone]) -> None:
        timeline = self.plan.coalition.timeline
        if len(timeline) + len(items) > MAX_MILESTONES:
            raise self._too_many("timeline", MAX_MILESTONES)
        self._set_coalition(timeline=[*timeline, *items])

    def remove_milestone(self, index: int) -> None:
        """Remove the milestone at ``index``."""
        timeline = list(self.plan.coalition.timeline)
        del timeline[index]
        self._set_coalition(timeline=timeline)

    def add_suggested_milestones(self) -> int:
        """Add the suggested milestones of the chosen stage not on the timeline yet; how many."""
        if not self.plan.review.stage:
            raise PlanError(content.load().text("ws.error.no_stage"))
        have = {name_key(m.milestone) for m in self.plan.coalition.timeline}
        new = [
            Milestone(milestone=m)
            for m in _ws().stage(self.plan.review.stage).milestones
            if name_key(m) not in have
        ]
        self._add_milestones(new)
        return len(new)

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


# --- the map's quadrants ---------------------------------------------------------------------
def quadrant(actor: Actor) -> str:
    """The quadrant id (from actors.yaml ``mapping.grid``) where an actor falls."""
    high = _ws().high_from
    ids = [q.id for q in content.load().mapping.grid.quadrants]
    # quadrants are listed as: high/high, high influence/low interest, low/high, low/low
    if actor.influence >= high:
        return ids[0] if actor.interest >= high else ids[1]
    return ids[2] if actor.interest >= high else ids[3]


def by_quadrant(plan: Plan) -> list[tuple[content.Quadrant, list[Actor]]]:
    """Each quadrant of the grid with its actors (map order), for the text alternative."""
    groups = {q.id: [] for q in content.load().mapping.grid.quadrants}
    for a in plan.actors:
        groups[quadrant(a)].append(a)
    return [(q, groups[q.id]) for q in content.load().mapping.grid.quadrants]


def label(choices, choice_id: str) -> str:
    """The label of a catalogue entry (actor type, position...) or the id itself if unknown."""
    for c in choices:
        if c.id == choice_id:
            return c.label
    return choice_id


# --- suggestions -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Suggestion:
    """One piece of advice, with the course section (outline page) it comes from."""

    rule: str
    text: str
    section: str
    sources: tuple[str, ...] = ("seed",)

    @property
    def section_title(self) -> str:
        """The title of the course section cited."""
        return content.load().page(self.section).title


def suggestions(plan: Plan) -> list[Suggestion]:
    """Advice for a plan, from the rules and text in ``course_data`` (deterministic order)."""
    c = content.load()
    ws = c.worksheet
    rules = ws.suggestions
    out: list[Suggestion] = []

    def add(rule: str, section: str | None = None, sources=("seed",), **values: str) -> None:
        r = rules[rule]
        out.append(Suggestion(rule, r.text.format(**values).strip(), section or r.section, sources))

    committee = plan.review.committee
    if not committee:
        add("no_committee")
    else:
        for m in c.members_for(committee):
            add("tbnet_member", committee=committee, name=m.name, support=m.support)
        if committee in c.no_dedicated_ngo.committees:
            add("no_dedicated_ngo", committee=committee, advice=c.no_dedicated_ngo.advice)
        for n in c.other_ngos_for(committee):
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
    after = plan.review.stage == "follow-up"
    for t in ws.actor_types:
        if not t.actor or t.actor == "nhri" or t.id in types:
            continue
        a = national[t.actor]
        add(
            "national_actor",
            section=t.section,
            sources=a.sources,
            name=a.name,
            advice=a.after if after else a.before,
        )

    count = len(plan.coalition.members)
    if count < 2:
        reasons = "; ".join(r.title for r in c.reasons) + "."
        add("coalition_of_one", count=str(count), reasons=reasons)

    if plan.review.stage:
        for act in ws.stage(plan.review.stage).actions:
            if act.committees and committee not in act.committees:
                continue
            out.append(Suggestion("stage_action", act.text.strip(), act.section, act.sources))
    return out


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
    none = t("ws.summary.none")
    rows = [
        (t("ws.field.country"), country_name(r.country)),
        (t("ws.field.committee"), committee),
        (t("ws.field.stage"), label(ws.stages, r.stage) if r.stage else ""),
        (t("ws.field.themes"), r.themes),
        (t("ws.field.organisation"), r.organisation),
        (t("ws.field.actors"), str(len(plan.actors))),
        (t("ws.field.duration"), label(forms["duration"].options, co.duration)),
        (t("ws.field.scope"), label(forms["scope"].options, co.scope)),
        (t("ws.field.focus"), co.focus),
        (
            t("ws.field.members"),
            ", ".join(f"{m.name} ({label(ws.roles, m.role)})" for m in co.members),
        ),
        (t("ws.field.covers"), co.covers),
        (t("ws.field.decisions"), co.decisions),
    ]
    return [(k, v or none) for k, v in rows]
