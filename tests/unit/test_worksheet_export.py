"""Worksheet exports: opened with their own libraries, and safe with hostile text."""

from __future__ import annotations

import csv
import io
import json

import pytest

from widgets.worksheet import chart, export, model
from widgets.worksheet.model import Worksheet

XSS = "<img src=x onerror=alert(1)>"
FORMULAS = ["=1+1", "+SUM(A1:A2)", "-2+3", "@cmd", '=HYPERLINK("http://evil")']


def hostile_plan() -> model.Plan:
    w = Worksheet(model.example_plan())
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

    plan = model.example_plan()
    doc = Document(io.BytesIO(export.to_docx(plan)))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings[:2] == ["Coalition plan", "Your review"]
    assert {"Actors", "Stakeholder map", "The coalition", "Timeline", "Suggestions"} <= set(
        headings
    )
    cells = {c.text for t in doc.tables for r in t.rows for c in r.cells}
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

    plan = model.example_plan()
    wb = load_workbook(io.BytesIO(export.to_xlsx(plan)))
    assert {"Actors", "Timeline", "Members and roles", "Your review"} <= set(wb.sheetnames)
    actors = list(wb["Actors"].iter_rows(values_only=True))
    assert actors[0][1] == "Name" and len(actors) == len(plan.actors) + 1
    assert [r[1] for r in actors[1:]] == [a.name for a in plan.actors]
    assert actors[1][3] == plan.actors[0].influence  # numbers stay numbers
    timeline = list(wb["Timeline"].iter_rows(values_only=True))
    assert [r[1] for r in timeline[1:]] == [m.milestone for m in plan.coalition.timeline]


def test_csv_lists_the_actors():
    plan = model.example_plan()
    text = export.to_csv(plan).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["#", "Name", "Type"]
    assert [r[1] for r in rows[1:]] == [a.name for a in plan.actors]


def test_markdown_and_json_hold_the_plan():
    plan = model.example_plan()
    md = export.to_markdown(plan)
    assert md.startswith("# Coalition plan")
    assert "## Actors" in md and "Manage closely" in md
    assert json.loads(export.to_json(plan))["schema_version"] == 1


def test_all_files_have_names_types_and_content():
    files = export.all_files(model.example_plan())
    assert [f.key for f in files] == ["docx", "xlsx", "csv", "md", "json"]
    assert all(f.data for f in files)
    assert files[0].data[:2] == b"PK" and files[1].data[:2] == b"PK"


@pytest.mark.parametrize("value", ["=x", "+x", "-x", "@x", "\tx", "\rx"])
def test_safe_cell_neutralises_formula_starts(value):
    assert export.safe_cell(value) == "'" + value
    assert export.safe_cell("plain") == "plain" and export.safe_cell(3) == 3


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
    cells = {c.text for t in doc.tables for r in t.rows for c in r.cells}
    assert XSS in cells  # kept as literal text, which Word shows as text
    wb = load_workbook(io.BytesIO(export.to_xlsx(plan)))
    assert XSS in [r[1] for r in wb["Actors"].iter_rows(values_only=True)]
    assert XSS in export.to_csv(plan).decode("utf-8-sig")
    assert json.loads(export.to_json(plan))["actors"][-len(FORMULAS) - 1]["name"] == XSS


def test_map_png_is_an_image_and_svg_is_deterministic():
    plan = model.example_plan()
    assert export.map_png(plan)[:8] == b"\x89PNG\r\n\x1a\n"
    assert chart.map_svg(plan) == chart.map_svg(plan)
    svg = chart.map_svg(plan)
    for label in ("Manage closely", "Keep satisfied", "Keep informed", "Monitor"):
        assert label in svg
    assert "<title" in svg and 'role="img"' in svg


def test_crowded_cells_say_how_many_more():
    w = Worksheet()
    for i in range(6):
        w.add_actor(name=f"Actor {i}", type="ngo", influence=4, interest=4)
    svg = chart.map_svg(w.plan)
    assert "+4 more" in svg
    text = chart.map_text_html(w.plan)
    assert all(f"Actor {i}" in text for i in range(6))  # the text version lists them all
