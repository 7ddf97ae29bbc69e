"""The facilitator guide's content (``course_data/facilitation.yaml``) and its reading blocks.

A model of its own, loaded and validated once per kernel, cross-checked against the outline
(page ids in agendas, objective ids in prompts), with file/entry/field error messages.
Rendering returns :class:`widgets.reading.Block` objects: deterministic HTML and text.
"""

from __future__ import annotations

from functools import cache

from pydantic import Field, ValidationError, model_validator

from . import content, ui
from .content import ContentError, Objective, _format_error, _Frozen, _read
from .reading import Block
from .ui import Markup

FILENAME = "facilitation.yaml"


class AgendaItem(_Frozen):
    minutes: int = Field(gt=0, le=240)
    title: str
    what: str
    pages: tuple[str, ...] = ()  # course pages read (and their questions answered) in this item
    case: tuple[str, ...] = ()  # running-case decisions (step ids in case.yaml) used in this item
    activity: str | None = None


class PreReading(_Frozen):
    """What participants do on their own before the session (not counted in its minutes)."""

    minutes: int = Field(gt=0)
    pages: tuple[str, ...] = Field(min_length=1)
    what: str


class Planning(_Frozen):
    """The planning assumptions behind the timings (assumptions, not measured facts)."""

    words_per_minute: int = Field(gt=0)
    minutes_per_question: float = Field(gt=0)
    note: str


class Agenda(_Frozen):
    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    title: str
    minutes: int = Field(gt=0)
    pre_reading: PreReading | None = None
    items: tuple[AgendaItem, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _timings_add_up(self) -> Agenda:
        total = sum(i.minutes for i in self.items)
        if total != self.minutes:
            raise ValueError(f"the items take {total} minutes, not {self.minutes}")
        return self


class Activity(_Frozen):
    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    title: str
    minutes: int = Field(gt=0)
    goal: str
    steps: tuple[str, ...] = Field(min_length=1)
    debrief: str


class Prompt(_Frozen):
    objective: str = Field(pattern=r"^[a-z]{2}-\d+$")
    text: str


class Checklists(_Frozen):
    before: tuple[str, ...] = Field(min_length=1)
    after: tuple[str, ...] = Field(min_length=1)


class Facilitation(_Frozen):
    """The whole guide."""

    objectives: tuple[Objective, ...] = Field(min_length=1)
    planning: Planning
    agendas: tuple[Agenda, ...] = Field(min_length=1)
    activities: tuple[Activity, ...] = Field(min_length=1)
    prompts: tuple[Prompt, ...]
    checklists: Checklists

    def prompts_for(self, objective_id: str) -> tuple[Prompt, ...]:
        """Discussion prompts for one learning objective."""
        return tuple(p for p in self.prompts if p.objective == objective_id)


def load_from(directory, course: content.Course) -> Facilitation:
    """Load and validate the guide in ``directory``, cross-checked against ``course``."""
    from pathlib import Path

    data = _read(Path(directory), FILENAME)
    try:
        guide = Facilitation.model_validate(data)
    except ValidationError as exc:
        raise ContentError(_format_error(FILENAME, data, exc)) from None
    pages = {p.id for p in course.outline.pages}
    objectives = {o.id for p in course.outline.pages for o in p.objectives}
    activities = {a.id for a in guide.activities}
    steps = {s.id for s in course.case.steps}
    problems = []
    for agenda in guide.agendas:
        if agenda.pre_reading:
            problems += [
                f"{FILENAME}: agenda '{agenda.id}', pre-reading: unknown page '{p}'"
                for p in agenda.pre_reading.pages
                if p not in pages
            ]
        for item in agenda.items:
            problems += [
                f"{FILENAME}: agenda '{agenda.id}', item '{item.title}': "
                f"unknown case decision '{s}'"
                for s in item.case
                if s not in steps
            ]
            problems += [
                f"{FILENAME}: agenda '{agenda.id}', item '{item.title}': unknown page '{p}'"
                for p in item.pages
                if p not in pages
            ]
            if item.activity and item.activity not in activities:
                problems.append(
                    f"{FILENAME}: agenda '{agenda.id}', item '{item.title}': "
                    f"unknown activity '{item.activity}'"
                )
    problems += [
        f"{FILENAME}: prompt for '{p.objective}': unknown objective"
        for p in guide.prompts
        if p.objective not in objectives
    ]
    if problems:
        raise ContentError("\n".join(problems))
    return guide


@cache
def _cached(directory: str) -> Facilitation:
    return load_from(directory, content.load())


def load() -> Facilitation:
    """The facilitator guide, loaded once per kernel."""
    return _cached(str(content.data_dir()))


# -- reading blocks ------------------------------------------------------------------------------
def _clock(minute: int) -> str:
    return f"{minute // 60}:{minute % 60:02d}"


def _item_text(item: AgendaItem, titles, decisions, activities) -> str:
    """What happens in one agenda item, with the pages, case decisions and activity it uses."""
    what = item.what
    if item.pages:
        what += ui.t("guide.item_pages", pages="; ".join(titles[p] for p in item.pages))
    if item.case:
        what += ui.t("guide.item_case", steps="; ".join(f'"{decisions[s]}"' for s in item.case))
    if item.activity:
        what += ui.t("guide.item_activity", title=activities[item.activity])
    return what


def agenda(agenda_id: str) -> Block:
    """One agenda as a table: start time (from 0:00), length, what happens."""
    g = load()
    a = next(x for x in g.agendas if x.id == agenda_id)
    c = content.load()
    titles = {p.id: p.title for p in c.outline.pages}
    acts = {x.id: x.title for x in g.activities}
    decisions = {s.id: s.title for s in c.case.steps}
    rows, start = [], 0
    for item in a.items:
        minutes = ui.t("guide.minutes", n=item.minutes)
        rows.append([_clock(start), minutes, item.title, _item_text(item, titles, decisions, acts)])
        start += item.minutes
    caption = ui.tn("guide.agenda_caption", a.minutes, title=a.title)
    head = [ui.t(f"guide.col.{k}") for k in ("starts", "length", "part", "what")]
    html = ui.html_table(caption, head, rows, "course-agenda")
    text = "\n".join([caption, " | ".join(head)] + [" | ".join(r) for r in rows])
    notes = []
    if a.pre_reading:
        pre = a.pre_reading
        pages = "; ".join(titles[p] for p in pre.pages)
        notes.append(ui.t("guide.pre_reading", n=pre.minutes, what=pre.what, pages=pages))
    notes.append(g.planning.note)
    html += Markup("").join(Markup('<p class="course-agenda-note">{}</p>').format(n) for n in notes)
    return Block(str(html), "\n".join([text, *notes]))


def activity(activity_id: str) -> Block:
    """One group activity: goal, time, steps and debrief questions."""
    a = next(x for x in load().activities if x.id == activity_id)
    title = ui.t("guide.activity_title", title=a.title, n=a.minutes)
    goal, debrief = ui.t("guide.goal"), ui.t("guide.debrief")
    steps = Markup("").join(Markup("<li>{}</li>").format(s) for s in a.steps)
    html = Markup(
        '<section class="course-activity"><h3>{}</h3><p><strong>{}</strong> {}</p><ol>{}</ol>'
        "<p><strong>{}</strong> {}</p></section>"
    ).format(title, goal, a.goal, steps, debrief, a.debrief)
    text = "\n".join(
        [title, f"{goal} {a.goal}"]
        + [f"{i}. {s}" for i, s in enumerate(a.steps, 1)]
        + [f"{debrief} {a.debrief}"]
    )
    return Block(str(html), text)


def _list(css: str, items) -> Markup:
    """An HTML list; the items are escaped unless they are already ``Markup``."""
    body = Markup("").join(Markup("<li>{}</li>").format(i) for i in items)
    return (
        Markup('<ul class="{}">{}</ul>').format(css, body)
        if css
        else Markup("<ul>{}</ul>").format(body)
    )


def prompts() -> Block:
    """Discussion prompts grouped by the learning objective they help with."""
    g = load()
    c = content.load()
    items_html, items_text = [], []
    for p in g.prompts:
        page = c.page_for_objective(p.objective)
        obj = next(o for o in page.objectives if o.id == p.objective)
        items_html.append(
            Markup("<strong>{}</strong> ({}: {})<br>{}").format(
                p.objective, page.title, obj.text, p.text
            )
        )
        items_text.append(f"- {p.objective} ({page.title}: {obj.text})\n  {p.text}")
    return Block(str(_list("course-prompts", items_html)), "\n".join(items_text))


def checklist(which: str) -> Block:
    """One of the guide's checklists (``before`` or ``after`` the workshop)."""
    if which not in Checklists.model_fields:
        raise KeyError(which)
    items = getattr(load().checklists, which)
    html = _list("course-checklist", (f"☐ {i}" for i in items))
    return Block(str(html), "\n".join(f"[ ] {i}" for i in items))


def guide_objectives() -> Block:
    """The guide's objectives for trainers."""
    objs = load().objectives
    title = content.load().text("objectives.title")
    html = Markup("<h2>{}</h2>{}").format(title, _list("", (o.text for o in objs)))
    return Block(str(html), title + "\n" + "\n".join(f"- {o.text}" for o in objs))


#: The trainer's pages (served by ``python -m widgets.workshop serve-dashboard``), in order:
#: id and notebook; the title is the text of ``guide.page.<id>``.
TRAINER_PAGES = (
    ("dashboard", "dashboard.ipynb"),
    ("projector", "projector.ipynb"),
    ("guide", "facilitator_guide.ipynb"),
)


def trainer_nav(current: str) -> Block:
    """Links between the trainer's pages; the current one is marked, not linked."""
    if current not in {p[0] for p in TRAINER_PAGES}:
        raise KeyError(current)
    titles = {pid: ui.t(f"guide.page.{pid}") for pid, _nb in TRAINER_PAGES}
    items = [
        Markup('<li><strong aria-current="page">{}</strong></li>').format(titles[pid])
        if pid == current
        else Markup('<li><a href="{}" target="_self">{}</a></li>').format(nb, titles[pid])
        for pid, nb in TRAINER_PAGES
    ]
    html = Markup('<nav class="course-trainer-nav" aria-label="{}"><ul>{}</ul></nav>').format(
        ui.t("guide.nav_label"), Markup("").join(items)
    )
    text = " | ".join(
        f"[{titles[pid]}]" if pid == current else titles[pid] for pid, _nb in TRAINER_PAGES
    )
    return Block(str(html), text)
