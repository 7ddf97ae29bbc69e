"""Tables as files people open in a spreadsheet program: safe cells, CSV and Excel.

Every export of the course (the learner's plan, the trainer's results) goes through here, so a
cell typed as ``=HYPERLINK(...)`` can never run as a formula, CSV files open with their accents
in spreadsheet programs, and every sheet reads and prints the same way.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

#: What a spreadsheet program would read as the start of a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

Table = Sequence[Sequence[Any]]  # a header row, then rows


def safe_cell(value: Any) -> Any:
    """A cell value that cannot start a formula (a ``'`` is put first); numbers pass through."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def to_csv(rows: Iterable[Sequence[Any]]) -> bytes:
    """One table (header row first) as CSV: UTF-8 with a byte-order mark, cells made safe."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return buf.getvalue().encode("utf-8-sig")


def _row_height(values: Sequence[Any], cols: Sequence[float]) -> float:
    """Height for a row of wrapped text (not every spreadsheet program grows rows itself)."""
    lines = max(
        (
            sum(len(part) // max(1, int(w * 1.1)) + 1 for part in str(v).split("\n"))
            for v, w in zip(values, cols, strict=False)
            if v not in (None, "")
        ),
        default=1,
    )
    return 15 * min(lines, 30)


def add_sheet(wb, title: str, header: Sequence[str], rows: Table, widths=None, cols=None):
    """A readable, printable sheet: bold shaded header that stays in view, wrapped text, filters,
    landscape A4 fitted to the page width, page numbers. ``widths`` maps a header to a column
    width; ``cols`` gives every width in order instead. Returns the sheet."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title[:31])
    ws.append([safe_cell(h) for h in header])
    for row in rows:
        ws.append([safe_cell(v) for v in row])
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="E8EEF4")
    wrap = Alignment(wrap_text=True, vertical="top")
    for cell in ws[1]:
        cell.data_type = "s"
        cell.font, cell.fill, cell.alignment = bold, fill, wrap
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = wrap
    if cols is None:
        widths = widths or {}
        cols = [widths.get(h) or min(max(max_len(ws, i) + 2, 10), 60) for i, h in enumerate(header)]
    for i, w in enumerate(cols, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    for r, values in enumerate([header, *rows], start=1):
        ws.row_dimensions[r].height = _row_height(values, cols)
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


def max_len(ws, index: int) -> int:
    """The longest text in a sheet's column (0-based ``index``), for its width."""
    column = list(ws.iter_cols(min_col=index + 1, max_col=index + 1))
    return max((len(str(c.value or "")) for c in (column[0] if column else ())), default=8)


def to_xlsx(tables: dict[str, Table]) -> bytes:
    """Several tables (name → header row then rows) as one workbook, one sheet each."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in tables.items():
        rows = list(rows)
        add_sheet(wb, name, rows[0] if rows else [], rows[1:])
    return workbook_bytes(wb)


def workbook_bytes(wb) -> bytes:
    """A workbook saved to bytes."""
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
