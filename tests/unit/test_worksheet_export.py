"""Worksheet exports: opened with their own libraries, and safe with hostile text."""

from __future__ import annotations

import csv
import io
import json

import pytest

from widgets import ui
from widgets.planning import chart, chart_png, export, loading, model, places
from widgets.planning.worksheet import Worksheet

XSS = "<img src=x onerror=alert(1)>"
FORMULAS = ["=1+1", "+SUM(A1:A2)", "-2+3", "@cmd", '=HYPERLINK("http://evil")']


def hostile_plan() -> model.Plan:
    w = Worksheet(loading.example_plan())
    w.set_review(themes=XSS, organisation="=ORG()")
    w.add_actor(name=XSS, type="other", notes=XSS)
    for i, f in enumerate(FORMULAS):
        w.add_actor(name=f, type="ngo", notes=f, influence=1 + i % 5, interest=5 - i % 5)
    w.add_member("@member", "lead")
    w.add_milestone("=milestone()", "-when", "+who")
    w.set_coalition(covers=XSS, decisions="=decide()")
    return w.plan


def test_docx_holds_headings_actors_table_map_image_and_timeline():
    from docx import Document

    plan = loading.example_plan()
    doc = Document(io.BytesIO(export.to_docx(plan)))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings[0] == f"{ui.t('ws.export.heading')}: {plan.review.organisation}"
    assert headings[1] == ui.t("ws.export.review")
    parts = ("actors", "map", "coalition", "timeline", "suggestions")
    assert {ui.t(f"ws.export.{k}") for k in parts} <= set(headings)
    cells = "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    for a in plan.actors:
        assert a.name in cells
    for m in plan.coalition.timeline:
        assert m.milestone in cells
    assert len(doc.inline_shapes) == 1  # the map
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "Child Rights Connect" in body  # a suggestion for the CRC
    assert "Course section: TB-Net" in body


def test_xlsx_holds_actors_timeline_and_members_sheets():
    from openpyxl import load_workbook

    plan = loading.example_plan()
    wb = load_workbook(io.BytesIO(export.to_xlsx(plan)))
    keys = ("export.actors", "export.details", "export.timeline", "field.members", "export.review")
    names = {ui.t(f"ws.{k}") for k in (*keys, "export.suggestions", "export.map")}
    assert names <= set(wb.sheetnames)
    actors = list(wb[ui.t("ws.export.actors")].iter_rows(values_only=True))
    assert actors[0][1] == ui.t("ws.field.name") and len(actors) == len(plan.actors) + 1
    assert [r[1] for r in actors[1:]] == [a.name for a in plan.actors]
    assert actors[1][5] == plan.actors[0].influence  # numbers stay numbers
    timeline = list(wb[ui.t("ws.export.timeline")].iter_rows(values_only=True))
    assert [r[2] for r in timeline[1:]] == [m.milestone for m in plan.coalition.timeline]
    for ws in wb.worksheets:  # print-ready: frozen header, wrapped, landscape, fit to width
        assert ws.freeze_panes in ("A2", "C2"), ws.title
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows in ("1:1", "$1:$1")
        assert ws["A2"].alignment.wrap_text or ws.max_row == 1
    assert wb[ui.t("ws.export.actors")].auto_filter.ref
    assert len(wb[ui.t("ws.export.map")]._images) == 1
    suggestions = list(wb[ui.t("ws.export.suggestions")].iter_rows(values_only=True))
    header = ("#", ui.t("ws.export.suggestion"), ui.t("ws.export.why"))
    assert suggestions[0][:3] == header and len(suggestions) > 5
    assert wb.properties.title.startswith(ui.t("ws.export.heading")) and wb.properties.creator


def test_csv_lists_the_actors():
    plan = loading.example_plan()
    text = export.to_csv(plan).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["#", ui.t("ws.field.name"), ui.t("ws.field.type")]
    assert [r[1] for r in rows[1:]] == [a.name for a in plan.actors]


def test_markdown_and_json_hold_the_plan():
    plan = loading.example_plan()
    md = export.to_markdown(plan)
    assert md.startswith(f"# {ui.t('ws.export.heading')}")
    top_right = places.quadrants(plan.map_view)[0].label
    assert f"## {ui.t('ws.export.actors')}" in md and top_right in md
    assert json.loads(export.to_json(plan))["schema_version"] == 2


def test_all_files_have_names_types_and_content():
    files = export.all_files(loading.example_plan())
    assert [f.key for f in files] == [
        "docx",
        "xlsx",
        "docx_share",
        "xlsx_share",
        "csv",
        "md",
        "json",
    ]
    assert all(f.data for f in files)
    assert files[0].data[:2] == b"PK" and files[1].data[:2] == b"PK"


def test_csv_cells_cannot_run_as_formulas():
    text = export.to_csv(hostile_plan()).decode("utf-8-sig")
    cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    for f in FORMULAS:
        assert "'" + f in cells


def test_xlsx_cells_cannot_run_as_formulas():
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(export.to_xlsx(hostile_plan())))
    texts = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.append(cell.value)
                    assert cell.value[:1] not in ("=", "+", "-", "@")
    for f in FORMULAS + ["@member", "=milestone()", "-when", "+who", "=decide()"]:
        assert "'" + f in texts


def test_hostile_html_stays_text_in_every_export():
    from docx import Document
    from openpyxl import load_workbook

    plan = hostile_plan()
    md = export.to_markdown(plan)
    assert "<img" not in md and "&lt;img src=x onerror=alert(1)&gt;" in md
    svg = chart.map_svg(plan) + chart.map_text_html(plan)
    assert "<img" not in svg and "&lt;img" in svg
    doc = Document(io.BytesIO(export.to_docx(plan)))
    cells = "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert XSS in cells  # kept as literal text, which Word shows as text
    wb = load_workbook(io.BytesIO(export.to_xlsx(plan)))
    assert XSS in [r[1] for r in wb[ui.t("ws.export.actors")].iter_rows(values_only=True)]
    assert XSS in export.to_csv(plan).decode("utf-8-sig")
    assert json.loads(export.to_json(plan))["actors"][-len(FORMULAS) - 1]["name"] == XSS


def test_map_png_is_an_image_and_svg_is_deterministic():
    plan = loading.example_plan()
    assert chart_png.map_png(plan)[:8] == b"\x89PNG\r\n\x1a\n"
    assert chart.map_svg(plan) == chart.map_svg(plan)
    svg = chart.map_svg(plan)
    for q in places.quadrants("aiim"):
        assert ui.escape(q.label) in svg
    power = chart.map_svg(plan, "power")
    for q in places.quadrants("power"):
        assert ui.escape(q.label) in power
    assert "<title" in svg and 'role="img"' in svg


def test_crowded_cells_say_how_many_more():
    w = Worksheet()
    for i in range(9):
        w.add_actor(name=f"Actor {i}", type="ngo", influence=4, interest=4)
    svg = chart.map_svg(w.plan)
    assert ">+4</text>" in svg
    text = chart.map_text_html(w.plan)
    assert all(f"Actor {i}" in text for i in range(9))  # the text version lists them all


MATH_NAMES = ["$x^$", "$\\foo$", "$$", "$\\frac{1}{2}$"]


@pytest.mark.parametrize("name", MATH_NAMES)
def test_dollar_signs_in_names_never_break_the_files(name):
    """Names that matplotlib would read as math text make every file, with the name as typed."""
    from docx import Document

    w = Worksheet()
    w.add_actor(name=name, type="ngo")
    plan = loading.plan_from_json(export.to_json(w.plan))  # also when imported from JSON
    files = {f.key: f.data for f in export.all_files(plan)}
    doc = Document(io.BytesIO(files["docx"]))
    assert name in "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert chart_png.map_png(plan)[:4] == b"\x89PNG"


def test_word_is_landscape_with_repeated_headers_title_and_real_properties():
    import datetime as dt

    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn

    plan = loading.example_plan()
    day = dt.date(2027, 3, 1)
    doc = Document(io.BytesIO(export.to_docx(plan, today=day)))
    section = doc.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE and section.page_width > section.page_height
    for table in doc.tables[:1] + doc.tables[2:]:  # every data table (not the map's layout)
        first = table.rows[0]._tr
        assert first.trPr is not None and first.trPr.find(qn("w:tblHeader")) is not None
        assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in table.rows)
    props = doc.core_properties
    assert props.title == f"Coalition plan: {plan.review.organisation}"
    assert props.author == plan.review.organisation and props.author != "python-docx"
    assert props.created.date() == day
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "CRC: Committee on the Rights of the Child" in body
    assert "2027-03-01" in body and "plan format 2" in body


def test_files_for_sharing_leave_out_contacts_and_sensitive_actors():
    from docx import Document
    from openpyxl import load_workbook

    w = Worksheet()
    w.add_actor(name="Open partner", type="ngo", contact="desk officer, room 12")
    w.add_actor(name="Sensitive official", type="nmrf", sensitive=True, contact="private")
    files = {f.key: f.data for f in export.all_files(w.plan)}
    shared_doc = Document(io.BytesIO(files["docx_share"]))
    text = "\n".join(c.text for t in shared_doc.tables for r in t.rows for c in r.cells)
    text += "\n".join(p.text for p in shared_doc.paragraphs)
    assert "Open partner" in text and "Sensitive official" not in text
    assert "desk officer" not in text and "contacts and actors marked sensitive" in text
    wb = load_workbook(io.BytesIO(files["xlsx_share"]))
    cells = [str(c) for ws in wb.worksheets for r in ws.iter_rows(values_only=True) for c in r]
    assert "Sensitive official" not in cells and "desk officer, room 12" not in cells
    full = load_workbook(io.BytesIO(files["xlsx"]))
    cells = [str(c) for ws in full.worksheets for r in ws.iter_rows(values_only=True) for c in r]
    assert "Sensitive official" in cells and "desk officer, room 12" in cells
    kept = {f.key: f.data for f in export.all_files(w.plan, keep_sensitive=True)}
    wb = load_workbook(io.BytesIO(kept["xlsx_share"]))
    cells = [str(c) for ws in wb.worksheets for r in ws.iter_rows(values_only=True) for c in r]
    assert "Sensitive official" in cells and "private" not in cells


def test_thirty_actors_make_every_file():
    """Thirty actors (a full plan) give all seven files; their speed is measured by
    tests/benchmarks/worksheet_exports.py, not here."""
    from tests.benchmarks.worksheet_exports import big_plan

    plan = big_plan(30)
    files = export.all_files(plan)
    assert len({f.key for f in files}) == len(files) >= 7 and all(f.data for f in files)


@pytest.mark.parametrize("name", ["a\ufffeb", "a\uffffb", "line\u2028break", "x\U0010fffd"])
def test_characters_xml_cannot_hold_never_break_the_files(name):
    w = Worksheet()
    w.add_actor(name=name, type="ngo")
    plan = loading.plan_from_json(export.to_json(w.plan))
    assert all(f.data for f in export.all_files(plan))
