"""The plan's tables, shared by every file (Word, Excel, CSV, Markdown): one row per actor,
member, milestone or suggestion, with the course's labels, and the documents' title lines."""

from __future__ import annotations

import datetime as dt

from .. import content
from . import model, places, suggestions, summary


def course_texts():
    c = content.load()
    return c, c.text, c.worksheet


def actor_rows(plan: model.Plan, contacts: bool = True) -> tuple[list[str], list[list[object]]]:
    """The actors table (header, rows) shared by CSV, Excel and Markdown: one row per actor,
    one column per field (``contacts=False`` leaves the contact column out)."""
    c, t, ws = course_texts()
    where = places.Places(plan.map_view)
    header = [
        "#",
        t("ws.field.name"),
        t("ws.field.type"),
        t("ws.field.alignment"),
        t("ws.field.interest"),
        t("ws.field.influence"),
        t("ws.export.where"),
        t("ws.export.goal"),
        t("ws.field.reason"),
        t("ws.field.ask"),
        t("ws.field.responsible"),
        t("ws.field.next_action"),
        t("ws.field.next_date"),
        t("ws.field.priority"),
        t("ws.field.sensitive"),
        t("ws.field.relationship"),
        t("ws.field.engage"),
        t("ws.field.contact"),
        t("ws.field.notes"),
    ]
    yes, no = t("ws.export.yes"), t("ws.export.no")
    rows = [
        [
            n,
            a.name,
            model.label(ws.actor_types, a.type),
            a.alignment,
            a.interest,
            a.influence,
            where.label(a),
            summary.goal_text(a),
            a.reason,
            a.ask,
            a.responsible,
            a.next_action,
            a.next_date,
            model.label(ws.priorities, a.priority),
            yes if a.sensitive else no,
            model.label(ws.relationships, a.relationship),
            ", ".join(model.label(ws.engage, e) for e in a.engage),
            a.contact,
            a.notes,
        ]
        for n, a in enumerate(plan.actors, start=1)
    ]
    if not contacts:
        drop = header.index(t("ws.field.contact"))
        header = header[:drop] + header[drop + 1 :]
        rows = [r[:drop] + r[drop + 1 :] for r in rows]
    return header, rows


def numbered(*keys: str) -> list[str]:
    """A table's header: a number column, then the texts of ``keys``."""
    return ["#", *(content.load().text(k) for k in keys)]


def timeline_rows(plan: model.Plan) -> tuple[list[str], list[list[object]]]:
    """The timeline table (header, rows), in date and stage order."""
    _, t, ws = course_texts()
    header = numbered(
        "ws.field.date", "ws.field.milestone", "ws.field.stage", "ws.field.who", "ws.field.when"
    )
    rows = [
        [n, m.date, m.milestone, model.label(ws.stages, m.stage) if m.stage else "", m.who, m.when]
        for n, m in enumerate(plan.coalition.timeline, start=1)
    ]
    return header, rows


def member_rows(plan: model.Plan) -> tuple[list[str], list[list[object]]]:
    """The members table (header, rows)."""
    _, t, ws = course_texts()
    header = numbered("ws.field.name", "ws.field.role")
    rows = [
        [n, m.name, model.label(ws.roles, m.role)]
        for n, m in enumerate(plan.coalition.members, start=1)
    ]
    return header, rows


def suggestion_rows(plan: model.Plan) -> tuple[list[str], list[list[object]]]:
    """The suggestions, ranked, with why, course section and sources."""
    header = numbered(
        "ws.export.suggestion", "ws.export.why", "ws.export.section", "ws.export.sources"
    )
    rows = [
        [n, s.text, s.why, s.section_title, "; ".join(s.source_titles)]
        for n, s in enumerate(suggestions.suggestions(plan), start=1)
    ]
    return header, rows


def title_lines(plan: model.Plan, sharing: bool, today: dt.date | None = None) -> list[str]:
    """The title, the review line and the version line of a document."""
    c, t, ws = course_texts()
    r = plan.review
    title = t("ws.export.heading")
    if r.organisation:
        title = f"{title}: {r.organisation}"
    review = " · ".join(
        x
        for x in (
            summary.country_name(r.country),
            f"{r.committee}: {c.committee(r.committee).name}" if r.committee else "",
            model.label(ws.stages, r.stage) if r.stage else "",
        )
        if x
    )
    day = (today or dt.date.today()).isoformat()
    version = t("ws.export.version", date=day, version=plan.schema_version)
    if sharing:
        version += " " + t("ws.export.sharing_note")
    return [title, review, version]


def key_lines(plan: model.Plan) -> list[str]:
    """The key to the map's numbers: one plain sentence per actor."""
    from . import chart

    where = places.Places(plan.map_view)
    return [chart.actor_sentence(n, a, plan.map_view, where) for n, a in enumerate(plan.actors, 1)]
