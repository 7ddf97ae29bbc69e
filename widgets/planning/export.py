"""Exports of a coalition plan: Word, Excel, CSV, Markdown and JSON (pure functions).

Each function returns the file's content; nothing is written to disk. Heavy libraries
(python-docx, openpyxl, Pillow) are imported inside the function that needs them. Everything a
learner typed is treated as text: HTML-escaped in Markdown, and CSV and Excel cells go through
:mod:`widgets.sheets`, so that a spreadsheet cannot run them as formulas. The Word and Excel
files are made in ``export_docx`` and ``export_xlsx``, from the tables of ``tables``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html import escape

from .. import sheets, ui
from . import model, places, suggestions, summary
from .chart_png import map_png
from .export_docx import to_docx
from .export_xlsx import to_xlsx
from .tables import actor_rows, course_texts, member_rows, timeline_rows, title_lines


@dataclass(frozen=True)
class ExportFile:
    """One exported file: its key, file name, MIME type and bytes."""

    key: str
    filename: str
    mime: str
    data: bytes


# --- JSON ------------------------------------------------------------------------------------
def to_json(plan: model.Plan) -> str:
    """The whole plan as JSON (with ``schema_version``); :func:`loading.plan_from_json` reads it."""
    return json.dumps(plan.to_json_dict(), ensure_ascii=False, indent=2)


# --- CSV -------------------------------------------------------------------------------------
def to_csv(plan: model.Plan) -> bytes:
    """The actors as CSV (UTF-8 with a byte-order mark, so spreadsheets read accents)."""
    header, rows = actor_rows(plan)
    return sheets.to_csv([header, *rows])


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
    c, t, _ = course_texts()
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


# --- all files ------------------------------------------------------------------------------
MIME = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",
    "md": "text/markdown",
    "json": "application/json",
}


def all_files(plan: model.Plan, stem: str = "", keep_sensitive: bool = False) -> list[ExportFile]:
    """Every export of a plan, in the order the page offers them: the full plan (Word, Excel),
    the same for sharing (no contacts, no sensitive actors unless ``keep_sensitive``), then
    CSV, Markdown and the JSON to open again."""
    stem = stem or ui.t("ws.file.stem")
    sharing = ui.t("ws.file.sharing", stem=stem)
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
            f"{sharing}.docx",
            MIME["docx"],
            to_docx(shared, shared_image, sharing=True),
        ),
        ExportFile(
            "xlsx_share",
            f"{sharing}.xlsx",
            MIME["xlsx"],
            to_xlsx(shared, shared_image, sharing=True),
        ),
        ExportFile("csv", f"{ui.t('ws.file.actors', stem=stem)}.csv", MIME["csv"], to_csv(plan)),
        ExportFile("md", f"{stem}.md", MIME["md"], to_markdown(plan).encode("utf-8")),
        ExportFile("json", f"{stem}.json", MIME["json"], to_json(plan).encode("utf-8")),
    ]
