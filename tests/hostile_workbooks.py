"""Tiny workbooks that declare huge work (the attacks the importer's bounded pass refuses): a few kilobytes each,
built by rewriting the XML of a small real workbook."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable


def small_ladder() -> bytes:
    """A plain two-level ladder, one sheet, no merges: the base every attack is written into."""
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = "Ladder"
    ws.append(["Skill", "Agent", "Senior Agent"])
    ws.append(["Empathy", "Listens.", "Coaches others."])
    ws.append(["Troubleshooting", "Follows the guide.", "Writes the guide."])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rewritten(base: bytes, edits: dict[str, Callable[[str], str]], extra: dict[str, str] | None = None) -> bytes:
    """The workbook with some of its XML parts rewritten (and parts added)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename in edits:
                data = edits[info.filename](data.decode("utf-8")).encode("utf-8")
            target.writestr(info.filename, data)
        for name, text in (extra or {}).items():
            target.writestr(name, text)
    return out.getvalue()


SHEET = "xl/worksheets/sheet1.xml"


def huge_merged_range() -> bytes:
    merged = '<mergeCells count="1"><mergeCell ref="A4:XFD1048576"/></mergeCells>'
    return rewritten(small_ladder(), {SHEET: lambda x: x.replace("</sheetData>", "</sheetData>" + merged)})


def many_merged_ranges(count: int = 200_000) -> bytes:
    cells = "".join(f'<mergeCell ref="A{row}:B{row}"/>' for row in range(10, 10 + count))
    return rewritten(
        small_ladder(),
        {SHEET: lambda x: x.replace("</sheetData>", f'</sheetData><mergeCells count="{count}">{cells}</mergeCells>')},
    )


def far_cell() -> bytes:
    row = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>stray</t></is></c></row>'
    return rewritten(small_ladder(), {SHEET: lambda x: x.replace("</sheetData>", row + "</sheetData>")})


def huge_hyperlink() -> bytes:
    link = '<hyperlinks><hyperlink ref="A1:XFD1048576" location="Ladder!A1"/></hyperlinks>'
    return rewritten(small_ladder(), {SHEET: lambda x: x.replace("</sheetData>", "</sheetData>" + link)})


def huge_validation() -> bytes:
    rule = (
        '<dataValidations count="1"><dataValidation type="list" sqref="A1:XFD1048576">'
        '<formula1>"a,b"</formula1></dataValidation></dataValidations>'
    )
    return rewritten(small_ladder(), {SHEET: lambda x: x.replace("</sheetData>", "</sheetData>" + rule)})


def quadratic_shared_strings(lines: int = 300_000, cells: int = 20_000) -> bytes:
    """One long shared string of many lines, shown in thousands of cells: kilobytes packed, billions of lines of
    cell text."""
    strings = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
        f"<si><t>{('ab' + chr(10)) * lines}</t></si></sst>"
    )
    part = (
        '<Override PartName="/xl/sharedStrings.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    )
    relation = (
        '<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
        'Target="sharedStrings.xml" Id="rIdStrings"/>'
    )
    rows = "".join(f'<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>' for r in range(10, 10 + cells))
    return rewritten(
        small_ladder(),
        {
            SHEET: lambda x: x.replace("</sheetData>", rows + "</sheetData>"),
            "[Content_Types].xml": lambda x: x.replace("</Types>", part + "</Types>"),
            "xl/_rels/workbook.xml.rels": lambda x: x.replace("</Relationships>", relation + "</Relationships>"),
        },
        {"xl/sharedStrings.xml": strings},
    )


ATTACKS: dict[str, Callable[[], bytes]] = {
    "huge-merged-range": huge_merged_range,
    "many-merged-ranges": many_merged_ranges,
    "far-cell": far_cell,
    "huge-hyperlink": huge_hyperlink,
    "huge-validation": huge_validation,
    "quadratic-shared-strings": quadratic_shared_strings,
}
