"""The course's cross-checks: every id one file names in another exists, and none is doubled."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .course import Course


def _committees(c: Course) -> list[str]:
    acronyms = {tb.acronym for tb in c.treaty_bodies}
    out = [
        f"member '{m.id}': unknown committee '{m.committee}'"
        for m in c.members
        if m.committee not in acronyms
    ]
    out += [
        f"no_dedicated_ngo: unknown committee '{a}'"
        for a in c.no_dedicated_ngo.committees
        if a not in acronyms
    ]
    out += [
        f"other NGO '{n.id}': unknown committee '{x}'"
        for n in c.other_ngos
        for x in n.committees
        if x not in acronyms
    ]
    out += [
        f"worksheet stage '{s.id}': unknown committee '{x}'"
        for s in c.worksheet.stages
        for a in s.actions
        for x in a.committees
        if x not in acronyms
    ]
    return out


def _citations(c: Course) -> list[str]:
    ws = c.worksheet
    cited = [
        ("tbnet", c.tbnet.sources + c.tbnet.activity_note_sources),
        ("mapping", c.mapping.sources),
        ("denmark_example", c.denmark_example.sources),
        ("reading safety", c.safety.sources),
        ("worksheet aiim", ws.aiim.sources),
    ]
    cited += [(f"actor '{a.id}'", a.sources + a.advice_sources) for a in c.national_actors]
    cited += [(f"member '{m.id}'", m.sources) for m in c.members]
    cited += [(f"other NGO '{n.id}'", n.sources) for n in c.other_ngos]
    cited += [(f"procedure '{p.id}'", p.sources) for p in c.procedures]
    cited += [(f"page '{p.id}'", p.sources) for p in c.outline.pages]
    cited += [(f"case step '{s.id}'", s.sources) for s in c.case.steps]
    cited += [(f"worksheet stage '{s.id}'", a.sources) for s in ws.stages for a in s.actions]
    cited += [(f"worksheet suggestion '{k}'", r.sources) for k, r in ws.suggestions.items()]
    cited += [(f"worksheet procedure '{p.id}'", p.sources) for p in ws.procedures]
    cited += [(f"worksheet note '{k}'", n.sources) for k, n in ws.committee_notes.items()]
    cited += [(f"worksheet aiim '{q.id}'", q.sources) for q in ws.aiim.quadrants]
    source_ids = {s.id for s in c.sources}
    return [
        f"{where}: unknown source '{s}'" for where, ids in cited for s in ids if s not in source_ids
    ]


def _plan_start(c: Course) -> list[str]:
    start, ws = c.case.plan_start, c.worksheet
    form_ids = {d.id: {o.id for o in d.options} for d in c.forms}
    stages = next((p.stages for p in ws.procedures if p.id == start.procedure), ())
    checks = [
        ("committee", start.committee, {tb.acronym for tb in c.treaty_bodies}),
        ("procedure", start.procedure, {p.id for p in ws.procedures}),
        ("stage", start.stage, set(stages)),
        ("duration", start.duration, form_ids.get("duration", set())),
        ("scope", start.scope, form_ids.get("scope", set())),
    ]
    checks += [("actor type", t, {a.id for a in ws.actor_types}) for t in start.actor_types]
    return [f"case plan_start: unknown {what} '{v}'" for what, v, ok in checks if v not in ok]


def _sections(c: Course) -> list[str]:
    ws = c.worksheet
    page_ids = {p.id for p in c.outline.pages}
    actor_ids = {a.id for a in c.national_actors}
    sections = [(f"case step '{s.id}'", s.section) for s in c.case.steps]
    sections += [(f"worksheet stage '{s.id}'", a.section) for s in ws.stages for a in s.actions]
    sections += [(f"worksheet actor type '{t.id}'", t.section) for t in ws.actor_types]
    sections += [(f"worksheet suggestion '{k}'", r.section) for k, r in ws.suggestions.items()]
    out = [f"{w}: unknown section (page id) '{p}'" for w, p in sections if p not in page_ids]
    if tuple(p.id for p in ws.positions) != c.mapping.grid.positions:
        out.append("worksheet positions differ from actors.yaml mapping.grid.positions")
    out += [
        f"worksheet actor type '{t.id}': unknown national actor '{t.actor}'"
        for t in ws.actor_types
        if t.actor and t.actor not in actor_ids
    ]
    return out


#: Pages shown outside the outline's reading order that have prose in pages.yaml.
EXTRA_PAGES = ("glossary",)


def _pages(c: Course) -> list[str]:
    homes = [p.id for p in c.outline.pages if p.kind == "home"]
    out = [] if len(homes) == 1 else [f"outline: {len(homes)} pages of kind home, not 1"]
    page_ids = {p.id for p in c.outline.pages} | set(EXTRA_PAGES)
    out += [f"pages.yaml: unknown page '{k}'" for k in c.prose if k not in page_ids]
    return out


def _duplicates(c: Course) -> list[str]:
    out = []
    for kind, ids in (
        ("page", [p.id for p in c.outline.pages]),
        ("objective", [o.id for p in c.outline.pages for o in p.objectives]),
        ("member", [m.id for m in c.members]),
        ("actor", [a.id for a in c.national_actors]),
        ("worksheet stage", [s.id for s in c.worksheet.stages]),
        ("worksheet actor type", [t.id for t in c.worksheet.actor_types]),
    ):
        out += [f"duplicate {kind} id '{d}'" for d in sorted({i for i in ids if ids.count(i) > 1})]
    return out


def problems(c: Course) -> list[str]:
    """Every broken cross-reference of the course (an empty list when all is well)."""
    return [
        *_committees(c),
        *_citations(c),
        *_plan_start(c),
        *_sections(c),
        *_pages(c),
        *_duplicates(c),
    ]
