"""The whole course: every content file, cross-checked, with lookups by id."""

from __future__ import annotations

from pydantic import model_validator

from . import languages as lang
from .models import (
    Case,
    DenmarkExample,
    FormDimension,
    GlossaryEntry,
    Mapping,
    Member,
    NationalActor,
    NoDedicatedNGO,
    OtherNGO,
    Outline,
    Page,
    Procedure,
    Reason,
    SafetyBox,
    Source,
    TBNet,
    TreatyBody,
    _find,
    _Frozen,
)
from .worksheet import WorksheetData


class Course(_Frozen):
    """All course content, validated and cross-checked."""

    language: str = lang.DEFAULT
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
    glossary_terms: tuple[str, ...] = ()  # the English terms, in the glossary's order (lookups)
    outline: Outline
    safety: SafetyBox
    case: Case
    strings: dict[str, str | dict[str, str]]  # plural texts map a form (one, other) to text
    worksheet: WorksheetData
    prose: dict[str, tuple[str, ...]] = {}  # pages.yaml: a page's Markdown blocks
    anchors: dict[str, tuple[tuple[str, ...], ...]] = {}  # their headings' ids (from English)

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

    @property
    def home(self) -> Page:
        """The home page: the outline's page of kind ``home`` (its notebook is the way in)."""
        return next(p for p in self.outline.pages if p.kind == "home")

    def term(self, english_term: str) -> GlossaryEntry:
        """The glossary entry of a term named by its English form (KeyError if unknown)."""
        terms = self.glossary_terms or tuple(g.term for g in self.glossary)
        return (
            self.glossary[terms.index(english_term)]
            if english_term in terms
            else _find(self.glossary, english_term, "term")
        )

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
        form = lang.plural_form(self.language, n)
        form = form if form in forms else "other"
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
