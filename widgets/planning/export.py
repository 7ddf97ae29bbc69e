"""Exports of a coalition plan: Word, Excel, CSV, Markdown and JSON (pure functions).

Each function returns the file's content; nothing is written to disk. Heavy libraries
(python-docx, openpyxl, matplotlib) are imported inside the function that needs them.
Everything a learner typed is treated as text: HTML-escaped in Markdown, and a leading ``=``,
``+``, ``-``, ``@``, tab or carriage return is neutralised in CSV and Excel cells so that a
spreadsheet cannot run it as a formula.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from dataclasses import dataclass
from html import escape

from .. import content
from . import model, places, suggestions, summary

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ExportFile:
    """One exported file: its key, file name, MIME type and bytes."""

    key: str
    filename: str
    mime: str
    data: bytes


def safe_cell(value: object) -> object:
    """A spreadsheet cell value that cannot start a formula (numbers pass through)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _labels():
    c = content.load()
    return c, c.text, c.worksheet


def _goal_text(a: model.Actor) -> str:
    _, t, _ = _labels()
    parts = [
        t("ws.text.goal_part", axis=t(f"ws.field.{x}").lower(), now=getattr(a, x), goal=a.goal(x))
        for x in ("alignment", "interest", "influence")
        if a.goal(x) != getattr(a, x)
    ]
    return "; ".join(parts)


def _next_text(a: model.Actor) -> str:
    return " ".join(x for x in (a.next_date, a.next_action) if x)


def actor_rows(plan: model.Plan, contacts: bool = True) -> tuple[list[str], list[list[object]]]:
    """The actors table (header, rows) shared by CSV, Excel and Markdown: one row per actor,
    one column per field (``contacts=False`` leaves the contact column out)."""
    c, t, ws = _labels()
    view = plan.map_view
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
            places.placement_label(a, view),
            _goal_text(a),
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


def timeline_rows(plan: model.Plan) -> tuple[list[str], list[list[object]]]:
    """The timeline table (header, rows), in date and stage order."""
    _, t, ws = _labels()
    header = [
        "#",
        t("ws.field.date"),
        t("ws.field.milestone"),
        t("ws.field.stage"),
        t("ws.field.who"),
        t("ws.field.when"),
    ]
    rows = [
        [n, m.date, m.milestone, model.label(ws.stages, m.stage) if m.stage else "", m.who, m.when]
        for n, m in enumerate(plan.coalition.timeline, start=1)
    ]
    return header, rows


def member_rows(plan: model.Plan) -> tuple[list[str], list[list[object]]]:
    """The members table (header, rows)."""
    _, t, ws = _labels()
    header = ["#", t("ws.field.name"), t("ws.field.role")]
    rows = [
        [n, m.name, model.label(ws.roles, m.role)]
        for n, m in enumerate(plan.coalition.members, start=1)
    ]
    return header, rows


def suggestion_rows(plan: model.Plan) -> tuple[list[str], list[list[object]]]:
    """The suggestions, ranked, with why, course section and sources."""
    _, t, _ = _labels()
    header = [
        "#",
        t("ws.export.suggestion"),
        t("ws.export.why"),
        t("ws.export.section"),
        t("ws.export.sources"),
    ]
    rows = [
        [n, s.text, s.why, s.section_title, "; ".join(s.source_titles)]
        for n, s in enumerate(suggestions.suggestions(plan), start=1)
    ]
    return header, rows


def title_lines(plan: model.Plan, sharing: bool, today: dt.date | None = None) -> list[str]:
    """The title, the review line and the version line of a document."""
    c, t, ws = _labels()
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


# --- JSON ------------------------------------------------------------------------------------
def to_json(plan: model.Plan) -> str:
    """The whole plan as JSON (with ``schema_version``); :func:`loading.plan_from_json` reads it."""
    return json.dumps(plan.to_json_dict(), ensure_ascii=False, indent=2)


# --- CSV -------------------------------------------------------------------------------------
def to_csv(plan: model.Plan) -> bytes:
    """The actors as CSV (UTF-8 with a byte-order mark, so spreadsheets read accents)."""
    header, rows = actor_rows(plan)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([[safe_cell(v) for v in row] for row in rows])
    return buf.getvalue().encode("utf-8-sig")


# --- Markdown --------------------------------------------------------------------------------
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def md(text: object) -> str:
    """Text made safe for Markdown: HTML escaped, Markdown punctuation and line breaks neutral."""
    s = escape(str(text), quote=False)
    s = _MD_SPECIAL.sub(r"\\\1", s)
    return s.replace("\r", "").replace("\n", "<br>")


def _md_table(header: list[str], rows: list[list[object]]) -> list[str]:
    lines = ["| " + " | ".join(md(h) for h in header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(md(v) for v in row) + " |" for row in rows]
    return lines + [""]


def to_markdown(plan: model.Plan) -> str:
    """The plan as a Markdown document: summary, actors by quadrant, coalition, suggestions."""
    c, t, _ = _labels()
    title, review, version = title_lines(plan, False)
    out = [
        f"# {md(title)}",
        "",
        md(review),
        "",
        md(version),
        "",
        f"## {md(t('ws.export.review'))}",
        "",
    ]
    out += [f"- **{md(k)}:** {md(v)}" for k, v in summary.summary(plan)]
    out += ["", f"## {md(t('ws.export.actors'))}", ""]
    header, rows = actor_rows(plan)
    for row in rows:  # one block per actor: a table of 19 columns does not read as text
        out += [f"### {row[0]}. {md(row[1])}", ""]
        out += [
            f"- **{md(h)}:** {md(v)}" for h, v in zip(header[2:], row[2:], strict=True) if v != ""
        ]
        out.append("")
    out += [f"### {md(t('ws.map.text'))}", ""]
    for q, actors in places.by_quadrant(plan):
        if actors:
            title = q.label if q else t("ws.map.on_line")
            out.append(f"- **{md(title)}:** " + ", ".join(md(a.name) for a in actors))
    out += ["", f"## {md(t('ws.export.coalition'))}", ""]
    out += _md_table(*member_rows(plan))
    out += [f"## {md(t('ws.export.timeline'))}", ""]
    out += _md_table(*timeline_rows(plan))
    out += [f"## {md(t('ws.export.suggestions'))}", ""]
    for s in suggestions.suggestions(plan):
        out.append(
            f"- {md(s.text)} *{md(s.why)}* ({md(t('ws.export.section'))}: {md(s.section_title)})"
        )
    return "\n".join(out) + "\n"


# --- map image -------------------------------------------------------------------------------
def map_png(plan: model.Plan) -> bytes:
    """The map as a PNG for the files (drawn by :func:`chart_png.map_png`, no matplotlib)."""
    from . import chart_png

    return chart_png.map_png(plan)


def key_lines(plan: model.Plan) -> list[str]:
    """The key to the map's numbers: one plain sentence per actor."""
    from . import chart

    return [chart.actor_sentence(n, a, plan.map_view) for n, a in enumerate(plan.actors, 1)]


# --- Word ------------------------------------------------------------------------------------
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
    _, t, ws = _labels()
    rows = []
    for n, a in enumerate(plan.actors, start=1):
        actor = f"{a.name}\n{model.label(ws.actor_types, a.type)}"
        if a.sensitive:
            actor += f"\n{t('ws.export.sensitive_mark')}"
        if contacts and a.contact:
            actor += f"\n{t('ws.field.contact')}: {a.contact}"
        place = places.placement_label(a, plan.map_view)
        place += "\n" + t(
            "ws.export.ratings", alignment=a.alignment, interest=a.interest, influence=a.influence
        )
        goal = _goal_text(a)
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
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    _, t, _ = _labels()
    day = today or dt.date.today()
    doc = Document()
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
    now = dt.datetime.combine(day, dt.time(12, 0))
    props.created = props.modified = now
    doc.add_heading(title, level=0)
    if review:
        doc.add_paragraph(review).runs[0].bold = True
    doc.add_paragraph(version).runs[0].italic = True

    doc.add_heading(t("ws.export.review"), level=1)
    rows = summary.summary(plan)
    rows.append((t("ws.field.actors"), str(summary.counts(plan)["actors"])))
    _docx_table(doc, [t("ws.field.plan"), ""], [list(r) for r in rows], [7.0, 19.7])

    doc.add_heading(t("ws.export.map"), level=1)
    if plan.actors:
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
    else:
        doc.add_paragraph(t("ws.map.empty"))

    doc.add_heading(t("ws.export.actors"), level=1)
    header = [t(k) if k.startswith("ws.") else k for k, _ in WORD_ACTOR_COLUMNS]
    _docx_table(
        doc,
        header,
        _word_actor_rows(plan, contacts=not sharing),
        [w for _, w in WORD_ACTOR_COLUMNS],
    )

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
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


# --- Excel -----------------------------------------------------------------------------------
#: Column widths (characters) by header key; other columns get 14.
_XLSX_WIDTHS = {
    "#": 5,
    "ws.field.name": 24,
    "ws.field.type": 13,
    "ws.field.alignment": 11,
    "ws.field.interest": 10,
    "ws.field.influence": 11,
    "ws.field.priority": 10,
    "ws.export.where": 18,
    "ws.export.goal": 18,
    "ws.field.reason": 26,
    "ws.field.ask": 26,
    "ws.field.responsible": 16,
    "ws.field.next_action": 24,
    "ws.field.next_date": 12,
    "ws.field.contact": 24,
    "ws.field.notes": 30,
    "ws.field.engage": 22,
    "ws.field.relationship": 18,
    "ws.field.milestone": 46,
    "ws.field.stage": 30,
    "ws.field.who": 26,
    "ws.field.when": 16,
    "ws.field.date": 12,
    "ws.field.role": 16,
    "ws.export.suggestion": 70,
    "ws.export.why": 40,
    "ws.export.section": 24,
    "ws.export.sources": 40,
    "ws.field.plan": 28,
}


def _sheet(wb, title: str, header: list[str], rows, widths: dict[str, int], cols=None):
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title[:31])
    ws.append([safe_cell(h) for h in header])
    for row in rows:
        ws.append([safe_cell(v) for v in row])
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="E8EEF4")
    wrap = Alignment(wrap_text=True, vertical="top")
    for cell in ws[1]:
        cell.font, cell.fill, cell.alignment = bold, fill, wrap
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = wrap
    cols = cols or [widths.get(h, 12) for h in header]
    for i, w in enumerate(cols, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    # row heights from the wrapped text (spreadsheets do not all grow rows by themselves)
    for r, values in enumerate([header, *rows], start=1):
        lines = max(
            (
                sum(len(part) // max(1, int(w * 1.1)) + 1 for part in str(v).split("\n"))
                for v, w in zip(values, cols, strict=False)
                if v not in (None, "")
            ),
            default=1,
        )
        ws.row_dimensions[r].height = 15 * min(lines, 30)
    ws.freeze_panes = "C2" if len(header) > 6 else "A2"
    if rows:
        ws.auto_filter.ref = ws.dimensions
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.oddFooter.center.text = "&P / &N"
    return ws


def to_xlsx(
    plan: model.Plan,
    image: bytes | None = None,
    sharing: bool = False,
    today: dt.date | None = None,
) -> bytes:
    """The plan as an Excel workbook: Plan, Actors, Members, Timeline, Suggestions and Map
    sheets, each with wrapped text, a frozen header, filters, widths and a landscape print
    set-up that fits the page width."""
    from openpyxl import Workbook
    from openpyxl.drawing.image import Image as XLImage
    from openpyxl.styles import Font

    _, t, _ = _labels()
    day = today or dt.date.today()
    widths = {t(k) if k.startswith("ws.") else k: w for k, w in _XLSX_WIDTHS.items()}
    title, review, version = title_lines(plan, sharing, day)
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.title = title
    wb.properties.subject = review
    wb.properties.creator = plan.review.organisation or None
    wb.properties.lastModifiedBy = plan.review.organisation or None
    wb.properties.created = wb.properties.modified = dt.datetime.combine(day, dt.time(12, 0))
    overview = [[title, ""], [review, ""], [version, ""], ["", ""]] + [
        list(r) for r in summary.summary(plan)
    ]
    plan_ws = _sheet(
        wb, t("ws.export.review"), [t("ws.field.plan"), ""], overview, widths, cols=[30, 80]
    )
    plan_ws["A2"].font = Font(bold=True, size=14)
    header, rows = actor_rows(plan, contacts=not sharing)
    split = header.index(t("ws.field.sensitive"))
    _sheet(wb, t("ws.export.actors"), header[:split], [r[:split] for r in rows], widths)
    _sheet(
        wb,
        t("ws.export.details"),
        header[:2] + header[split:],
        [r[:2] + r[split:] for r in rows],
        widths,
    )
    _sheet(wb, t("ws.field.members"), *member_rows(plan), widths)
    _sheet(wb, t("ws.export.timeline"), *timeline_rows(plan), widths)
    _sheet(wb, t("ws.export.suggestions"), *suggestion_rows(plan), widths)
    map_ws = _sheet(
        wb,
        t("ws.export.map"),
        [t("ws.export.key")],
        [[line] for line in key_lines(plan)],
        {},
        cols=[70],
    )
    map_ws.print_options.gridLines = False
    if plan.actors:
        picture = XLImage(io.BytesIO(image or map_png(plan)))
        picture.width, picture.height = picture.width * 0.4, picture.height * 0.4
        map_ws.add_image(picture, "C1")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# --- all files ------------------------------------------------------------------------------
MIME = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",
    "md": "text/markdown",
    "json": "application/json",
}


def all_files(
    plan: model.Plan, stem: str = "coalition-plan", keep_sensitive: bool = False
) -> list[ExportFile]:
    """Every export of a plan, in the order the page offers them: the full plan (Word, Excel),
    the same for sharing (no contacts, no sensitive actors unless ``keep_sensitive``), then
    CSV, Markdown and the JSON to open again."""
    image = map_png(plan) if plan.actors else None
    shared = plan.for_sharing(keep_sensitive)
    shared_image = image if shared.actors == plan.actors else None
    if shared.actors and shared_image is None:
        shared_image = map_png(shared)
    return [
        ExportFile("docx", f"{stem}.docx", MIME["docx"], to_docx(plan, image)),
        ExportFile("xlsx", f"{stem}.xlsx", MIME["xlsx"], to_xlsx(plan, image)),
        ExportFile(
            "docx_share",
            f"{stem}-for-sharing.docx",
            MIME["docx"],
            to_docx(shared, shared_image, sharing=True),
        ),
        ExportFile(
            "xlsx_share",
            f"{stem}-for-sharing.xlsx",
            MIME["xlsx"],
            to_xlsx(shared, shared_image, sharing=True),
        ),
        ExportFile("csv", f"{stem}-actors.csv", MIME["csv"], to_csv(plan)),
        ExportFile("md", f"{stem}.md", MIME["md"], to_markdown(plan).encode("utf-8")),
        ExportFile("json", f"{stem}.json", MIME["json"], to_json(plan).encode("utf-8")),
    ]
