"""The schema of ``worksheet.yaml``: the planning worksheet's options and suggestion rules."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import Field, model_validator

from .models import _find, _Frozen


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
        return _find(self.procedures, procedure_id)

    def stage(self, stage_id: str) -> Stage:
        """The stage with this id (KeyError if unknown)."""
        return _find(self.stages, stage_id)

    def actor_type(self, type_id: str) -> ActorType:
        """The actor type with this id (KeyError if unknown)."""
        return _find(self.actor_types, type_id)
