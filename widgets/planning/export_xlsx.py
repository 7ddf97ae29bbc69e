"""The plan as an Excel workbook (openpyxl, imported when the file is made), each sheet made
readable and printable by :func:`widgets.sheets.add_sheet`."""

from __future__ import annotations

import datetime as dt
import io

from .. import sheets
from . import model, summary
from .chart_png import map_png
from .tables import (
    actor_rows,
    course_texts,
    key_lines,
    member_rows,
    suggestion_rows,
    timeline_rows,
    title_lines,
)

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

    _, t, _ = course_texts()
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
    plan_ws = sheets.add_sheet(
        wb, t("ws.export.review"), [t("ws.field.plan"), ""], overview, widths, cols=[30, 80]
    )
    plan_ws["A2"].font = Font(bold=True, size=14)
    header, rows = actor_rows(plan, contacts=not sharing)
    split = header.index(t("ws.field.sensitive"))
    sheets.add_sheet(wb, t("ws.export.actors"), header[:split], [r[:split] for r in rows], widths)
    sheets.add_sheet(
        wb,
        t("ws.export.details"),
        header[:2] + header[split:],
        [r[:2] + r[split:] for r in rows],
        widths,
    )
    sheets.add_sheet(wb, t("ws.field.members"), *member_rows(plan), widths)
    sheets.add_sheet(wb, t("ws.export.timeline"), *timeline_rows(plan), widths)
    sheets.add_sheet(wb, t("ws.export.suggestions"), *suggestion_rows(plan), widths)
    map_ws = sheets.add_sheet(
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
    return sheets.workbook_bytes(wb)
