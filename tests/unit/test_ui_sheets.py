"""The shared pieces: escaped HTML tables, status lines, plural texts, safe spreadsheet cells."""

from __future__ import annotations

import io

import pytest

from widgets import content, sheets, ui


def test_table_escapes_text_and_keeps_markup():
    html = ui.html_table("<cap>", ["<h>"], [["<td>", ui.Markup("<a href='x'>y</a>")]])
    assert "<cap>" not in html and "&lt;cap&gt;" in html
    assert "&lt;h&gt;" in html and "&lt;td&gt;" in html
    assert "<a href='x'>y</a>" in html


def test_table_row_headers():
    html = ui.html_table("c", ["a", "b"], [["x", "y"]], row_headers=True)
    assert '<th scope="row">x</th>' in html and "<td>y</td>" in html


def test_status_line_escapes_and_refuses_unknown_kind():
    assert "&lt;b&gt;" in ui.status_html("error", "<b>")
    assert 'role="alert"' in ui.status_html("error", "x")
    with pytest.raises(ValueError):
        ui.status_html("shout", "x")


def test_plural_forms(monkeypatch):
    c = content.load()
    monkeypatch.setitem(c.strings, "test.items", {"one": "{n} item", "other": "{n} items"})
    assert c.plural("test.items", 1) == "1 item"
    assert c.plural("test.items", 0) == "0 items"
    assert ui.tn("test.items", 3) == "3 items"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_cells_that_would_start_a_formula_are_quoted(start):
    assert sheets.safe_cell(start + "1+1") == "'" + start + "1+1"
    assert sheets.safe_cell(-3) == -3


def test_csv_and_xlsx_are_safe():
    from openpyxl import load_workbook

    data = sheets.to_csv([["name"], ["=HYPERLINK(1)"], ["é"]])
    assert data.startswith(b"\xef\xbb\xbf") and b"'=HYPERLINK" in data and "é".encode() in data
    wb = load_workbook(io.BytesIO(sheets.to_xlsx({"People": [["name"], ["@SUM(A1)"]]})))
    ws = wb["People"]
    assert ws["A2"].value == "'@SUM(A1)" and ws.freeze_panes == "A2"
