"""What a workbook declares, read before openpyxl expands any of it: one streaming pass over its XML parts that counts
cells, the area of merged ranges and hyperlinks, and the text the cells would hold, and refuses (one line) a
workbook whose few kilobytes declare far more work than any ladder (a merged range of a whole sheet, a cell at its
last row and column, one long shared string behind thousands of cells). openpyxl expands merged ranges into a cell
object each and binds a hyperlink to every cell of its range as it loads; read-only mode would not, but it knows no
merged cells, which the reader needs.

The pass is xml.etree's iterparse over each part as it unzips, clearing what it has read: memory stays bounded by
the largest single value, whatever the part declares."""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element, ParseError, iterparse

from ladder_tui.core.importer._model import ImportProblem

#: Rows and columns the reader reads of a sheet (the rest is left out, and said so).
MAX_ROWS = 10_000
MAX_COLUMNS = 200
#: What any sheet's cells with text may span, rows times columns, inside that window.
MAX_AREA = 250_000
#: Cells written in the whole workbook (a ladder has hundreds).
MAX_CELLS = 300_000
#: Cells merged ranges and hyperlinks may cover in all (each becomes an object as openpyxl loads).
MAX_COVERED = 250_000
#: Merged ranges, hyperlinks, validation and formatting ranges in all.
MAX_RANGES = 20_000
#: Text the cells hold in all, in characters and in lines (a shared string counts once for every cell showing it).
MAX_TEXT = 16_000_000
MAX_LINES = 1_000_000

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DOC_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,7})$")


@dataclass
class SheetBounds:
    """A sheet's cells with text inside the reader's window: how many rows and columns they reach (0, 0: none)."""

    rows: int = 0
    cols: int = 0
    #: Cells with text outside the window (beyond MAX_ROWS or MAX_COLUMNS), left out.
    outside: int = 0


@dataclass
class Bounds:
    """What the pass found: each worksheet's bounds by its name in the workbook."""

    sheets: dict[str, SheetBounds] = field(default_factory=dict)


def _column(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def _cell(ref: str) -> tuple[int, int] | None:
    """(row, column) of a reference like "B7" (1-based); None when it is not one."""
    match = _REF.match(ref.strip())
    return (int(match.group(2)), _column(match.group(1))) if match else None


def _area(ranges: str) -> tuple[int, int]:
    """How many cells a list of ranges ("A1:B2 D4") covers, and how many ranges it names."""
    cells = count = 0
    for part in ranges.split():
        count += 1
        first, _, last = part.partition(":")
        start, end = _cell(first), _cell(last or first)
        if start is None or end is None:
            continue
        cells += (abs(end[0] - start[0]) + 1) * (abs(end[1] - start[1]) + 1)
    return cells, count


def _parts(archive: zipfile.ZipFile, name: str) -> Iterator[tuple[str, Element]]:
    """The start and end of each element of one part, as it unzips; each element is dropped once it has ended (so
    a part of millions of rows holds one at a time)."""
    parents: list[Element] = []
    with archive.open(name) as stream:
        for event, element in iterparse(stream, events=("start", "end")):
            if event == "start":
                parents.append(element)
                yield event, element
                continue
            yield event, element
            parents.pop()
            element.clear()
            if parents:
                parents[-1].remove(element)


_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"


@dataclass
class Layout:
    """Where a workbook keeps its parts, found as openpyxl finds them: by their content types, and the sheets'
    names through the workbook's relationships."""

    workbook: str | None = None
    shared_strings: str | None = None
    #: Every worksheet part, with its name in the workbook when the workbook names it.
    worksheets: dict[str, str] = field(default_factory=dict)


def layout(archive: zipfile.ZipFile) -> Layout:
    names = set(archive.namelist())
    found = Layout()
    if "[Content_Types].xml" in names:
        for event, element in _parts(archive, "[Content_Types].xml"):
            if event != "end" or element.tag != f"{_TYPES}Override":
                continue
            part = element.get("PartName", "").lstrip("/")
            kind = element.get("ContentType", "")
            if part not in names:
                continue
            if kind.endswith("worksheet+xml"):
                found.worksheets[part] = part
            elif kind.endswith("sharedStrings+xml"):
                found.shared_strings = part
            elif kind.endswith("main+xml") and ("sheet" in kind or "template" in kind):
                found.workbook = part
    for default, path in (("workbook", "xl/workbook.xml"), ("shared_strings", "xl/sharedStrings.xml")):
        if getattr(found, default) is None and path in names:
            setattr(found, default, path)
    if found.workbook is None:
        return found
    folder = posixpath.dirname(found.workbook)
    relations = posixpath.join(folder, "_rels", posixpath.basename(found.workbook) + ".rels")
    targets: dict[str, str] = {}
    if relations in names:
        for event, element in _parts(archive, relations):
            if event == "end" and element.tag == f"{_REL}Relationship":
                target = element.get("Target", "")
                path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"{folder}/{target}")
                targets[element.get("Id", "")] = path
    for event, element in _parts(archive, found.workbook):
        if event == "end" and element.tag == f"{_MAIN}sheet":
            path = targets.get(element.get(f"{_DOC_REL}id", ""), "")
            if path in names:
                found.worksheets[path] = element.get("name", path)
    return found


def _shared_strings(archive: zipfile.ZipFile, part: str | None, where: str) -> list[tuple[int, int]]:
    """Each shared string's length and line count."""
    strings: list[tuple[int, int]] = []
    if part is None:
        return strings
    length = lines = 0
    for event, element in _parts(archive, part):
        if event == "start":
            continue
        if element.tag == f"{_MAIN}t" and element.text:
            length += len(element.text)
            lines += element.text.count("\n")
        elif element.tag == f"{_MAIN}si":
            strings.append((length, lines + 1))
            length = lines = 0
            if len(strings) > MAX_CELLS:
                raise ImportProblem(f"{where}: its shared strings table has over {MAX_CELLS:,} entries; refused")
    return strings


class _Tally:
    """Running totals over the whole workbook, refusing as soon as one is over its limit."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.cells = self.covered = self.ranges = self.text = self.lines = 0

    def add_cell(self, length: int, lines: int) -> None:
        self.cells += 1
        self.text += length
        self.lines += lines
        if self.cells > MAX_CELLS:
            raise ImportProblem(f"{self.where}: over {MAX_CELLS:,} cells; a ladder has far fewer: refused")
        if self.text > MAX_TEXT or self.lines > MAX_LINES:
            raise ImportProblem(
                f"{self.where}: its cells would hold over {MAX_TEXT // 1_000_000} million characters (a long shared "
                "string shown in many cells); a ladder holds far less: refused"
            )

    def add_ranges(self, sheet: str, what: str, ranges: str, covers: bool) -> None:
        cells, count = _area(ranges)
        self.ranges += count
        if self.ranges > MAX_RANGES:
            raise ImportProblem(f"{self.where}: over {MAX_RANGES:,} merged, linked or formatted ranges; refused")
        if covers:
            self.covered += cells
            if self.covered > MAX_COVERED:
                raise ImportProblem(
                    f"{self.where}: sheet {sheet!r} has {what} {ranges.split()[0]!s} covering "
                    f"{cells:,} cells; a ladder's are far smaller: refused"
                )


def scan(archive: zipfile.ZipFile, where: str) -> Bounds:
    """Read what the workbook declares, in bounded memory; ImportProblem (one line) when it is more than a ladder.
    Every worksheet part is read, named or not: what openpyxl will load has been counted."""
    try:
        parts = layout(archive)
        if parts.workbook is None:
            raise ImportProblem(f"{where}: a zip archive, but not an XLSX workbook (it has no xl/workbook.xml)")
        strings = _shared_strings(archive, parts.shared_strings, where)
        tally = _Tally(where)
        bounds = Bounds()
        for path, sheet in parts.worksheets.items():
            bounds.sheets[sheet] = _scan_sheet(archive, path, sheet, strings, tally)
    except ParseError as exc:
        raise ImportProblem(f"{where}: not a readable XLSX workbook (its XML is broken: {exc})") from None
    return bounds


def _scan_sheet(
    archive: zipfile.ZipFile, path: str, sheet: str, strings: list[tuple[int, int]], tally: _Tally
) -> SheetBounds:
    found = SheetBounds()
    kind = ""
    length = lines = 0
    row = col = 0  # where a cell without its own reference is (rows and cells may leave their place implied)
    for event, element in _parts(archive, path):
        tag = element.tag
        if event == "start":
            if tag == f"{_MAIN}c":
                kind, length, lines = element.get("t", ""), 0, 0
                place = _cell(element.get("r", ""))
                row, col = place if place is not None else (row, col + 1)
            elif tag == f"{_MAIN}row":
                number = element.get("r", "")
                row, col = (int(number) if number.isdigit() else row + 1), 0
            continue
        if tag == f"{_MAIN}v" and kind == "s":
            text = (element.text or "").strip()
            index = int(text) if text.isdigit() else -1
            length, lines = strings[index] if 0 <= index < len(strings) else (0, 0)
        elif tag in (f"{_MAIN}v", f"{_MAIN}t"):
            text = element.text or ""
            length += len(text)
            lines += text.count("\n") + 1 if text else 0
        elif tag == f"{_MAIN}c":
            tally.add_cell(length, lines)
            if length and (row > MAX_ROWS or col > MAX_COLUMNS):
                found.outside += 1
            elif length:
                found.rows, found.cols = max(found.rows, row), max(found.cols, col)
        elif tag == f"{_MAIN}mergeCell":
            tally.add_ranges(sheet, "a merged range", element.get("ref", ""), covers=True)
        elif tag == f"{_MAIN}hyperlink":
            tally.add_ranges(sheet, "a hyperlink over", element.get("ref", ""), covers=True)
        elif tag in (f"{_MAIN}dataValidation", f"{_MAIN}conditionalFormatting", f"{_MAIN}protectedRange"):
            tally.add_ranges(sheet, "a rule over", element.get("sqref", ""), covers=False)
    return found


def check_area(where: str, sheet: str, bounds: SheetBounds) -> None:
    """Refuse a sheet about to be read whose text is spread over more cells than any ladder's (its stray cells)."""
    if bounds.rows * bounds.cols > MAX_AREA:
        raise ImportProblem(
            f"{where}: sheet {sheet!r} has text in cells as far apart as A1 and row {bounds.rows}, column "
            f"{bounds.cols} ({bounds.rows * bounds.cols:,} cells to read); a ladder is far smaller: delete the stray "
            "cells, or save the ladder's part as a sheet of its own; refused"
        )
