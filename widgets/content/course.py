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
        return _find(self.treaty_bodies, acronym, "acronym")

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
        return _find(self.outline.pages, page_id)

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
        return _find(self.sources, source_id)

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
        from .checks import problems

        found = problems(self)
        if found:
            raise ValueError("; ".join(found))
        return self
