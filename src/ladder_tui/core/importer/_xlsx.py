"""An XLSX workbook as tables, one a sheet (openpyxl is imported only here, only when a workbook is read)."""

from __future__ import annotations

import datetime
import io
import zipfile
from typing import Any

from ladder_tui.core.importer._document import Document, Table
from ladder_tui.core.importer._model import Cell, Grid, ImportProblem
from ladder_tui.core.importer._xlsx_bounds import MAX_COLUMNS, MAX_ROWS, SheetBounds, check_area, scan
from ladder_tui.core.presentation.text import plural

#: Uncompressed size a workbook may have at most (a zip bomb must not fill the memory).
MAX_UNCOMPRESSED = 64 * 1024 * 1024  # openpyxl holds a sheet at several times its size; a ladder is kilobytes
#: Parts a workbook may have at most.
MAX_PARTS = 5_000


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


def read(raw: bytes, where: str, sheet: str | None) -> Document:
    """Every sheet of a workbook (or the one named) as a table headed by the sheet's name."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            parts = archive.infolist()
            size = sum(info.file_size for info in parts)
            if size > MAX_UNCOMPRESSED or len(parts) > MAX_PARTS:
                raise ImportProblem(
                    f"{where}: the workbook unpacks to {size // (1024 * 1024)} MB in {plural(len(parts), 'part')}; "
                    "a ladder is far smaller"
                )
            # Before openpyxl expands anything: what the workbook declares, in one bounded pass.
            bounds = scan(archive, where)
    except ImportProblem:
        raise
    except zipfile.BadZipFile:
        raise ImportProblem(f"{where}: not an XLSX workbook (an XLSX file is a zip archive; this is not one)") from None
    except Exception as exc:  # a damaged part: zlib, zipfile and XML errors of many kinds
        raise ImportProblem(f"{where}: not a readable XLSX workbook ({type(exc).__name__})") from None
    try:
        import openpyxl  # type: ignore[import-untyped]  # deferred: only reading a workbook needs it

        # Not read_only: merged cells are known only in the normal mode.
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=False, data_only=True)
    except ImportProblem:
        raise
    except Exception as exc:  # openpyxl raises many kinds (KeyError, TypeError, XML errors) for broken files
        raise ImportProblem(f"{where}: not a readable XLSX workbook ({type(exc).__name__}: {exc})"[:300]) from None
    doc = Document(where, "xlsx")
    names = list(book.sheetnames)
    doc.sheets = [ws.title for ws in book.worksheets]
    if sheet is not None:
        if sheet not in names:
            shown = ", ".join(repr(n) for n in names[:10])
            raise ImportProblem(f"{where}: no sheet named {sheet!r} (its sheets: {shown})")
        sheets = [book[sheet]]
        doc.notes.append(f"sheet {sheet!r} (as asked with --sheet)")
    else:
        sheets = list(book.worksheets)
        if not sheets:
            raise ImportProblem(f"{where}: the workbook has no worksheet")
        shown = ", ".join(repr(ws.title) for ws in sheets[:8]) + (", ..." if len(sheets) > 8 else "")
        doc.notes.append(
            f"sheet {shown}" if len(sheets) == 1 else f"{len(sheets)} sheets, each read as a table: {shown}"
        )
    for number, ws in enumerate(sheets, start=1):
        if not hasattr(ws, "iter_rows"):
            doc.notes.append(f"sheet {ws.title!r} is a chart, not cells: left out")
            continue
        if sheet is None and getattr(ws, "sheet_state", "visible") != "visible":
            doc.notes.append(f"sheet {ws.title!r} is hidden: left out (--sheet NAME reads it)")
            continue
        grid, notes = _sheet(ws, bounds.sheets.get(ws.title), where)
        doc.notes.extend(f"sheet {ws.title!r}: {note}" if len(sheets) > 1 else note for note in notes)
        if any(not cell.empty for row in grid for cell in row):
            doc.blocks.append(Table(grid, number, ws.title, header_known=False))
    return doc


def _bounds_of_cells(ws: Any) -> SheetBounds:
    """How far the cells openpyxl holds with a value reach, within the window."""
    found = SheetBounds()
    for (row, col), cell in getattr(ws, "_cells", {}).items():
        if cell.value is None or cell.value == "":
            continue
        if row > MAX_ROWS or col > MAX_COLUMNS:
            found.outside += 1
        else:
            found.rows, found.cols = max(found.rows, row), max(found.cols, col)
    return found


def _sheet(ws: Any, bounds: SheetBounds | None, where: str) -> tuple[Grid, list[str]]:
    """The sheet's cells as far as any has text (a sheet's used range is often far larger than its text), within
    the reader's window."""
    notes: list[str] = []
    if bounds is None:  # a sheet the pass knows by its part only: the cells openpyxl holds (counted by the pass)
        bounds = _bounds_of_cells(ws)
    check_area(where, ws.title, bounds)
    max_row, max_col = bounds.rows, bounds.cols
    if not max_row or not max_col:
        # No text inside the window (iter_rows would take 0 for "up to openpyxl's own extent", however far).
        return [], notes + (
            [f"{plural(bounds.outside, 'cell')} with text beyond row {MAX_ROWS} or column {MAX_COLUMNS} left out"]
            if bounds.outside
            else []
        )
    if bounds.outside:
        notes.append(
            f"read the first {MAX_ROWS} rows and {MAX_COLUMNS} columns: "
            f"{plural(bounds.outside, 'cell')} with text beyond them left out"
        )
    grid: Grid = []
    for row in ws.iter_rows(min_row=1, max_row=max_row, min_col=1, max_col=max_col):
        cells = []
        for cell in row:
            text = _text(cell.value)
            font = getattr(cell, "font", None)
            cells.append(Cell(text.split("\n") if text else [], bold=bool(font is not None and font.b)))
        grid.append(cells)
    # Trailing empty rows and columns (a sheet's used range is often far larger than its text) are dropped.
    while grid and all(cell.empty for cell in grid[-1]):
        grid.pop()
    merged = 0
    for rng in ws.merged_cells.ranges:
        top, left = rng.min_row - 1, rng.min_col - 1
        if top >= len(grid) or left >= max_col:
            continue
        merged += 1
        source = grid[top][left]
        for r in range(top, min(rng.max_row, len(grid))):
            for c in range(left, min(rng.max_col, max_col)):
                if (r, c) != (top, left):
                    grid[r][c] = Cell(list(source.lines), bold=source.bold, merged=True)
    if merged:
        notes.append(
            f"{merged} merged cell ranges: a title or category row keeps one name; elsewhere each cell a range "
            "covers reads as its text"
        )
    # Hidden rows and columns (a retired competency, last year's wording) are not what the sheet shows a reader.
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    hidden_rows = {r for r in range(len(grid)) if ws.row_dimensions[r + 1].hidden}
    hidden_cols = {c for c in range(max_col) if ws.column_dimensions[get_column_letter(c + 1)].hidden}
    hidden_rows = {r for r in hidden_rows if not all(cell.empty for cell in grid[r])}
    hidden_cols = {c for c in hidden_cols if any(c < len(row) and not row[c].empty for row in grid)}
    if hidden_rows or hidden_cols:
        grid = [
            [cell for c, cell in enumerate(row) if c not in hidden_cols]
            for r, row in enumerate(grid)
            if r not in hidden_rows
        ]
        said = [plural(len(hidden_rows), "hidden row")] if hidden_rows else []
        said += [plural(len(hidden_cols), "hidden column")] if hidden_cols else []
        notes.append(f"{' and '.join(said)} left out")
    return grid, notes
