"""Exports of a coalition plan: Word, Excel, CSV, Markdown and JSON (pure functions).

Each function returns the file's content; nothing is written to disk. Heavy libraries
(python-docx, openpyxl, matplotlib) are imported inside the function that needs them.
Everything a learner typed is treated as text: HTML-escaped in Markdown, and a leading ``=``,
``+``, ``-``, ``@``, tab or carriage return is neutralised in CSV and Excel cells so that a
spreadsheet cannot run it as a formula.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from html import escape

from .. import content
from . import model

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


def actor_rows(plan: model.Plan) -> tuple[list[str], list[list[object]]]:
    """The actors table (header, rows) shared by CSV, Excel, Word and Markdown."""
    c, t, ws = _labels()
    quads = {q.id: q.label for q in c.mapping.grid.quadrants}
    header = [
        "#",
        t("ws.field.name"),
        t("ws.field.type"),
        t("ws.field.influence"),
        t("ws.field.interest"),
        t("ws.map.title"),
        t("ws.field.position"),
        t("ws.field.relationship"),
        t("ws.field.engage"),
        t("ws.field.notes"),
    ]
    rows = [
        [
            n,
            a.name,
            model.label(ws.actor_types, a.type),
            a.influence,
            a.interest,
            quads[model.quadrant(a)],
            model.label(ws.positions, a.position),
            model.label(ws.relationships, a.relationship),
            ", ".join(model.label(ws.engage, e) for e in a.engage),
            a.notes,
        ]
        for n, a in enumerate(plan.actors, start=1)
    ]
    return header, rows


def timeline_rows(plan: model.Plan) -> tuple[list[str], list[list[object]]]:
    """The timeline table (header, rows)."""
    _, t, _ = _labels()
    header = ["#", t("ws.field.milestone"), t("ws.field.when"), t("ws.field.who")]
    rows = [[n, m.milestone, m.when, m.who] for n, m in enumerate(plan.coalition.timeline, start=1)]
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


# --- JSON ------------------------------------------------------------------------------------
def to_json(plan: model.Plan) -> str:
    """The whole plan as JSON (with ``schema_version``); :func:`model.plan_from_json` reads it."""
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
    out = [f"# {md(t('ws.export.heading'))}", "", f"## {md(t('ws.export.review'))}", ""]
    out += [f"- **{md(k)}:** {md(v)}" for k, v in model.summary(plan)]
    out += ["", f"## {md(t('ws.export.actors'))}", ""]
    out += _md_table(*actor_rows(plan))
    out += [f"### {md(t('ws.map.text'))}", ""]
    for q, actors in model.by_quadrant(plan):
        names = ", ".join(md(a.name) for a in actors) or md(t("ws.summary.none"))
        out.append(f"- **{md(q.label)}:** {names}")
    out += ["", f"## {md(t('ws.export.coalition'))}", ""]
    out += _md_table(*member_rows(plan))
    out += [f"## {md(t('ws.export.timeline'))}", ""]
    out += _md_table(*timeline_rows(plan))
    out += [f"## {md(t('ws.export.suggestions'))}", ""]
    for s in model.suggestions(plan):
        out.append(f"- {md(s.text)} ({md(t('ws.export.section'))}: {md(s.section_title)})")
    return "\n".join(out) + "\n"


# --- map image -------------------------------------------------------------------------------
def map_png(plan: model.Plan, dpi: int = 110) -> bytes:
    """The stakeholder map as a PNG image (matplotlib, imported here)."""
    from matplotlib.figure import Figure

    c, t, ws = _labels()
    high = ws.high_from
    qs = c.mapping.grid.quadrants
    fig = Figure(figsize=(7.2, 6.0))
    fig.subplots_adjust(left=0.09, right=0.98, bottom=0.09, top=0.94)
    ax = fig.add_subplot(1, 1, 1)
    ax.set_xlim(0.5, 5.5)
    ax.set_ylim(0.15, 5.9)  # bands above 5 and below 1 hold the quadrant labels
    ax.set_xticks(range(1, 6))
    ax.set_yticks(range(1, 6))
    ax.set_xlabel(t("ws.map.x"))
    ax.set_ylabel(t("ws.map.y"))
    ax.axvline(high - 0.5, color="#24292f", linewidth=1.5)
    ax.axhline(high - 0.5, color="#24292f", linewidth=1.5)
    ax.grid(True, color="#d0d7de", linewidth=0.5)
    corners = [(5.45, 5.85, "right", qs[0]), (0.55, 5.85, "left", qs[1])]
    corners += [(5.45, 0.2, "right", qs[2]), (0.55, 0.2, "left", qs[3])]
    for x, y, ha, q in corners:
        va = "top" if y > 3 else "bottom"
        ax.text(x, y, q.label, ha=ha, va=va, fontsize=11, fontweight="bold", color="#24292f")
    shapes = {"ally": "o", "neutral": "s", "opponent": "^"}
    colours = {"ally": "#1a7f37", "neutral": "#57606a", "opponent": "#b42318"}
    points: dict[str, tuple[list[float], list[float]]] = {k: ([], []) for k in shapes}
    counts: dict[tuple[int, int], int] = {}
    for n, a in enumerate(plan.actors, start=1):
        k = counts.get((a.interest, a.influence), 0)
        counts[(a.interest, a.influence)] = k + 1
        if k >= 4:
            continue  # the table and the text version list every actor
        x, y = a.interest - 0.35, a.influence + 0.3 - k * 0.2
        points[a.position][0].append(x)
        points[a.position][1].append(y)
        name = a.name if len(a.name) <= 13 else a.name[:12] + "…"
        ax.text(x + 0.08, y, f"{n}. {name}", fontsize=7, va="center")
    for position, (xs, ys) in points.items():
        if xs:
            ax.scatter(xs, ys, marker=shapes[position], color=colours[position], s=40)
    for (interest, influence), k in counts.items():
        if k > 4:
            more = t("ws.map.more", n=k - 4)
            ax.text(interest - 0.35, influence - 0.42, more, fontsize=7, style="italic")
    ax.set_title(t("ws.map.title"))
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
    return buf.getvalue()


# --- Word ------------------------------------------------------------------------------------
def _docx_table(doc, header: list[str], rows: list[list[object]]) -> None:
    """A table filled row by row through the XML (python-docx's ``row.cells`` is O(rows))."""
    from docx.table import _Cell

    table = doc.add_table(rows=len(rows) + 1, cols=len(header))
    table.style = "Table Grid"
    for i, (tr, values) in enumerate(zip(table._tbl.tr_lst, [header, *rows], strict=True)):
        for tc, v in zip(tr.tc_lst, values, strict=True):
            cell = _Cell(tc, table)
            cell.text = str(v)
            if i == 0:
                for run in cell.paragraphs[0].runs:
                    run.bold = True


def to_docx(plan: model.Plan, image: bytes | None = None) -> bytes:
    """The plan as a Word document: headings, summary, actors table, map image, coalition."""
    from docx import Document
    from docx.shared import Cm

    _, t, _ = _labels()
    doc = Document()
    doc.core_properties.title = t("ws.export.heading")
    doc.add_heading(t("ws.export.heading"), level=0)
    doc.add_heading(t("ws.export.review"), level=1)
    _docx_table(doc, [t("ws.field.plan"), ""], [list(r) for r in model.summary(plan)])
    doc.add_heading(t("ws.export.actors"), level=1)
    _docx_table(doc, *actor_rows(plan))
    doc.add_heading(t("ws.export.map"), level=1)
    doc.add_picture(io.BytesIO(image or map_png(plan)), width=Cm(15))
    doc.add_paragraph(t("ws.map.desc"))
    for q, actors in model.by_quadrant(plan):
        p = doc.add_paragraph(style="List Bullet")
        p.add_run(f"{q.label}: ").bold = True
        p.add_run(", ".join(a.name for a in actors) or t("ws.summary.none"))
    doc.add_heading(t("ws.export.coalition"), level=1)
    _docx_table(doc, *member_rows(plan))
    doc.add_heading(t("ws.export.timeline"), level=1)
    _docx_table(doc, *timeline_rows(plan))
    doc.add_heading(t("ws.export.suggestions"), level=1)
    for s in model.suggestions(plan):
        p = doc.add_paragraph(s.text + " ", style="List Bullet")
        p.add_run(f"({t('ws.export.section')}: {s.section_title})").italic = True
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


# --- Excel -----------------------------------------------------------------------------------
def to_xlsx(plan: model.Plan) -> bytes:
    """The plan as an Excel workbook: Plan (summary), Actors, Members and Timeline sheets."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    _, t, _ = _labels()
    wb = Workbook()
    sheets = [
        (wb.active, t("ws.export.review"), ([t("ws.field.plan"), ""], model.summary(plan))),
        (None, t("ws.export.actors"), actor_rows(plan)),
        (None, t("ws.field.members"), member_rows(plan)),
        (None, t("ws.export.timeline"), timeline_rows(plan)),
    ]
    for ws, title, (header, rows) in sheets:
        ws = ws or wb.create_sheet()
        ws.title = title[:31]
        ws.append([safe_cell(h) for h in header])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows:
            ws.append([safe_cell(v) for v in row])
        for col in ws.columns:
            width = max(len(str(c.value or "")) for c in col)
            ws.column_dimensions[col[0].column_letter].width = min(max(6, width + 2), 60)
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


def all_files(plan: model.Plan, stem: str = "coalition-plan") -> list[ExportFile]:
    """Every export of a plan, in the order the page offers them."""
    return [
        ExportFile("docx", f"{stem}.docx", MIME["docx"], to_docx(plan)),
        ExportFile("xlsx", f"{stem}.xlsx", MIME["xlsx"], to_xlsx(plan)),
        ExportFile("csv", f"{stem}-actors.csv", MIME["csv"], to_csv(plan)),
        ExportFile("md", f"{stem}.md", MIME["md"], to_markdown(plan).encode("utf-8")),
        ExportFile("json", f"{stem}.json", MIME["json"], to_json(plan).encode("utf-8")),
    ]
