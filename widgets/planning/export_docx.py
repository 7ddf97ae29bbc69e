"""The plan as a Word document (python-docx, imported when the file is made)."""

from __future__ import annotations

import datetime as dt
import io

from .. import ui
from . import model, places, suggestions, summary
from .chart_png import map_png
from .tables import course_texts, key_lines, member_rows, timeline_rows, title_lines

#: Word actor table: (header key, width in cm); the widths fill a landscape A4 page.
WORD_ACTOR_COLUMNS = (
    ("#", 0.8),
    ("ws.export.actor", 4.6),
    ("ws.export.map_place", 4.2),
    ("ws.field.reason", 4.2),
    ("ws.field.ask", 4.2),
    ("ws.export.next", 4.6),
    ("ws.field.priority", 2.0),
)


def _set_cell(cell, text: str, bold: bool = False, size: float = 9) -> None:
    """Write ``text`` into a table cell's paragraph as one run (line breaks kept), building the
    XML directly: python-docx's run and font setters search the element order each time and
    were most of the Word file's cost."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    if bold:
        props.append(OxmlElement("w:b"))
    sz = OxmlElement("w:sz")
    sz.set(qn("w:val"), str(int(size * 2)))
    props.append(sz)
    run.append(props)
    for i, line in enumerate(str(text).split("\n")):
        if i:
            run.append(OxmlElement("w:br"))
        t = OxmlElement("w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = line
        run.append(t)
    cell.paragraphs[0]._p.append(run)


def _docx_table(doc, header: list[str], rows: list[list[object]], widths_cm: list[float]):
    """A fixed-width table whose header repeats on every page and whose rows never split."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm
    from docx.table import _Cell

    table = doc.add_table(rows=len(rows) + 1, cols=len(header))
    table.style = "Table Grid"
    table.autofit = False
    for col, w in zip(table.columns, widths_cm, strict=True):
        col.width = Cm(w)
    for i, (tr, values) in enumerate(zip(table._tbl.tr_lst, [header, *rows], strict=True)):
        tr_pr = tr.get_or_add_trPr()
        cant = OxmlElement("w:cantSplit")
        tr_pr.append(cant)
        if i == 0:
            head = OxmlElement("w:tblHeader")
            tr_pr.append(head)
        for tc, v, w in zip(tr.tc_lst, values, widths_cm, strict=True):
            cell = _Cell(tc, table)
            cell.width = Cm(w)
            _set_cell(cell, "" if v is None else str(v), bold=i == 0)
            if i == 0:
                shade = OxmlElement("w:shd")
                shade.set(qn("w:val"), "clear")
                shade.set(qn("w:fill"), "E8EEF4")
                tc.get_or_add_tcPr().append(shade)
    return table


def _word_actor_rows(plan: model.Plan, contacts: bool) -> list[list[str]]:
    _, t, ws = course_texts()
    where = places.Places(plan.map_view)
    rows = []
    for n, a in enumerate(plan.actors, start=1):
        actor = f"{a.name}\n{model.label(ws.actor_types, a.type)}"
        if a.sensitive:
            actor += f"\n{t('ws.export.sensitive_mark')}"
        if contacts and a.contact:
            actor += f"\n{t('ws.field.contact')}: {a.contact}"
        place = where.label(a)
        place += "\n" + t(
            "ws.export.ratings", alignment=a.alignment, interest=a.interest, influence=a.influence
        )
        goal = summary.goal_text(a)
        if goal:
            place += "\n" + t("ws.export.goal") + ": " + goal
        nxt = "\n".join(
            x
            for x in (
                a.next_action,
                f"{t('ws.field.next_date')}: {a.next_date}" if a.next_date else "",
                f"{t('ws.field.responsible')}: {a.responsible}" if a.responsible else "",
            )
            if x
        )
        rows.append(
            [str(n), actor, place, a.reason, a.ask, nxt, model.label(ws.priorities, a.priority)]
        )
    return rows


def _page(doc, plan: model.Plan, sharing: bool, day: dt.date) -> None:
    """Landscape A4 with narrow margins, the document's properties and its title block."""
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    doc.styles["Normal"].font.size = Pt(10)
    title, review, version = title_lines(plan, sharing, day)
    props = doc.core_properties
    props.title = title
    props.subject = review
    props.author = plan.review.organisation
    props.last_modified_by = plan.review.organisation
    props.comments = ""
    props.keywords = ""
    props.revision = 1
    props.created = props.modified = dt.datetime.combine(day, dt.time(12, 0))
    doc.add_heading(title, level=0)
    if review:
        doc.add_paragraph(review).runs[0].bold = True
    doc.add_paragraph(version).runs[0].italic = True


def _map(doc, plan: model.Plan, image: bytes | None) -> None:
    """The map image beside its key (one sentence per actor)."""
    from docx.shared import Cm, Pt

    t = ui.t
    doc.add_heading(t("ws.export.map"), level=1)
    if not plan.actors:
        doc.add_paragraph(t("ws.map.empty"))
        return
    layout = doc.add_table(rows=1, cols=2)
    layout.autofit = False
    left, right = layout.rows[0].cells
    left.width, right.width = Cm(13.2), Cm(13.5)
    left.paragraphs[0].add_run().add_picture(io.BytesIO(image or map_png(plan)), width=Cm(12.8))
    right.paragraphs[0].add_run(t("ws.export.key")).bold = True
    for line in key_lines(plan):
        p = right.add_paragraph(line)
        p.paragraph_format.space_after = Pt(2)
        for run in p.runs:
            run.font.size = Pt(9)


def _coalition(doc, plan: model.Plan) -> None:
    """The members, what the coalition covers and decided, the timeline and the suggestions."""
    t = ui.t
    doc.add_heading(t("ws.export.coalition"), level=1)
    _docx_table(doc, *member_rows(plan), [1.0, 14.0, 6.0])
    for key, value in (
        ("ws.field.covers", plan.coalition.covers),
        ("ws.field.decisions", plan.coalition.decisions),
    ):
        if value:
            p = doc.add_paragraph()
            p.add_run(t(key) + ": ").bold = True
            p.add_run(value)
    doc.add_heading(t("ws.export.timeline"), level=1)
    _docx_table(doc, *timeline_rows(plan), [1.0, 2.6, 9.6, 5.6, 4.6, 3.3])
    doc.add_heading(t("ws.export.suggestions"), level=1)
    for s in suggestions.suggestions(plan)[: suggestions.TOP * 2]:
        p = doc.add_paragraph(s.text + " ", style="List Bullet")
        p.add_run(f"{s.why} ").italic = True
        p.add_run(f"({t('ws.export.section')}: {s.section_title})").italic = True


def to_docx(
    plan: model.Plan,
    image: bytes | None = None,
    sharing: bool = False,
    today: dt.date | None = None,
) -> bytes:
    """The plan as a Word document in landscape: title block, summary, map and key, actors,
    coalition, timeline and suggestions. ``sharing`` leaves contacts out (and the plan given
    should already be :meth:`model.Plan.for_sharing`)."""
    from docx import Document

    t = ui.t
    doc = Document()
    _page(doc, plan, sharing, today or dt.date.today())
    doc.add_heading(t("ws.export.review"), level=1)
    rows = summary.summary(plan)
    rows.append((t("ws.field.actors"), str(summary.counts(plan)["actors"])))
    _docx_table(doc, [t("ws.field.plan"), ""], [list(r) for r in rows], [7.0, 19.7])
    _map(doc, plan, image)
    doc.add_heading(t("ws.export.actors"), level=1)
    header = [t(k) if k.startswith("ws.") else k for k, _ in WORD_ACTOR_COLUMNS]
    widths = [w for _, w in WORD_ACTOR_COLUMNS]
    _docx_table(doc, header, _word_actor_rows(plan, contacts=not sharing), widths)
    _coalition(doc, plan)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
