"""Bounded work on hostile files: tiny workbooks that declare huge merged ranges, a cell at the sheet's last row and
column, a shared string shown in thousands of cells; a CSV of one row of millions of cells. Each ends at once, under
a 2 GB address-space limit, with exit 0 or 2 and one line, and a refused import writes nothing."""

from __future__ import annotations

import datetime
import resource
import subprocess
from pathlib import Path

import pytest

import hostile_workbooks
from conftest import PYTHON, ladder_env
from ladder_tui.core.errors import LadderError
from ladder_tui.core.importer import import_ladder
from ladder_tui.core.services import importing

ADDRESS_SPACE = 2 << 30
TODAY = datetime.date(2026, 12, 6)


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def _import(home: Path, path: Path) -> subprocess.CompletedProcess[str]:
    """`ladder-tui frameworks import PATH` in a process that may not map more than 2 GB."""
    return subprocess.run(
        [PYTHON, "-m", "ladder_tui", "frameworks", "import", str(path)],
        env=ladder_env(home),
        capture_output=True,
        text=True,
        timeout=60,  # a guard only: each of these ends in well under a second (see the note)
        stdin=subprocess.DEVNULL,
        preexec_fn=_limited,
        check=False,
    )


def _frameworks(home: Path) -> list[str]:
    folder = home / "frameworks"
    return sorted(path.name for path in folder.iterdir()) if folder.is_dir() else []


@pytest.mark.parametrize("attack", sorted(hostile_workbooks.ATTACKS))
def test_a_workbook_declaring_huge_work_ends_at_once_with_one_line(
    attack: str, ladder_home: Path, tmp_path: Path
) -> None:
    path = tmp_path / f"{attack}.xlsx"
    path.write_bytes(hostile_workbooks.ATTACKS[attack]())
    done = _import(ladder_home, path)
    assert done.returncode in (0, 2), done.stderr[-2000:]
    assert "Traceback" not in done.stderr and "MemoryError" not in done.stderr
    if done.returncode == 2:
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and str(path) in lines[0] and "refused" in lines[0], lines
        assert _frameworks(ladder_home) == []  # a refusal writes nothing
    else:
        # What the workbook really holds is the small ladder at its top: read, and the rest said.
        assert _frameworks(ladder_home) == ["ladder.toml"]  # named after its sheet


def test_a_far_cell_is_left_out_and_said_and_stray_text_far_apart_is_refused() -> None:
    result = import_ladder([("far.xlsx", hostile_workbooks.far_cell())], today=TODAY)
    assert any("1 cell with text beyond them left out" in line for line in result.report), result.report
    assert [level["name"] for level in result.data["levels"]] == ["Agent", "Senior Agent"]
    stray = hostile_workbooks.rewritten(
        hostile_workbooks.small_ladder(),
        {
            hostile_workbooks.SHEET: lambda x: x.replace(
                "</sheetData>", '<row r="9000"><c r="GR9000" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
            )
        },
    )
    with pytest.raises(LadderError, match=r"as far apart as A1 and row 9000, column 200 \(1,800,000 cells"):
        import_ladder([("stray.xlsx", stray)], today=TODAY)


def test_a_csv_of_millions_of_cells_on_one_line_is_refused_before_splitting(ladder_home: Path, tmp_path: Path) -> None:
    one_row = tmp_path / "row.csv"
    one_row.write_text("a," * 7_000_000 + "\n", encoding="utf-8")
    done = _import(ladder_home, one_row)
    assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr[-2000:]
    assert "would make over 1,000,000 cells" in done.stderr
    wide = tmp_path / "wide.csv"
    wide.write_text(("a," * 1500 + "\n") * 3, encoding="utf-8")
    done = _import(ladder_home, wide)
    assert done.returncode == 2 and "line 1 has over 1,000 cells" in done.stderr
    assert _frameworks(ladder_home) == []


def test_a_framework_too_big_to_open_is_refused_before_anything_is_written(ladder_home: Path) -> None:
    result = import_ladder(
        [("ladder.csv", b"Skill,Agent,Senior\nEmpathy,Listens.,Coaches.\nCare,Follows up.,Owns it.\n")],
        today=TODAY,
    )
    result.data["areas"][0]["dimensions"][0]["levels"]["agent"] = "x" * (17 << 20)
    target = ladder_home / "frameworks" / "big.toml"
    with pytest.raises(LadderError, match=r"would be 17\.\d MiB.*nothing was written"):
        importing.save(result, target)
    assert _frameworks(ladder_home) == []


# ----- what the review of this work found (each reproduced first, then mended) -----


def _two_sheets(other: str) -> bytes:
    import io

    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = "Ladder"
    ws.append(["Area", "Dimension", "Junior", "Senior"])
    ws.append(["Craft", "Impact", "Small things done well.", "Big things done well."])
    ws.append(["Craft", "Scope", "A task.", "A project."])
    data = book.create_sheet("Notes")
    if other == "far":
        data["XFD1048576"] = "stray"
    else:
        for row in range(1, 10_002):
            data.append([row] * 26)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_sheet_whose_only_text_is_far_away_reads_as_empty_and_another_big_sheet_spares_the_one_asked() -> None:
    result = import_ladder([("far.xlsx", _two_sheets("far"))], today=TODAY)
    assert [level["name"] for level in result.data["levels"]] == ["Junior", "Senior"]
    assert any("1 cell with text beyond row 10000 or column 200 left out" in line for line in result.report)
    big = _two_sheets("big")
    with pytest.raises(LadderError, match="sheet 'Notes' has text in cells as far apart"):
        import_ladder([("big.xlsx", big)], today=TODAY)
    asked = import_ladder([("big.xlsx", big)], today=TODAY, sheet="Ladder")  # the other sheet is not read
    assert [dim["name"] for dim in asked.data["areas"][0]["dimensions"]] == ["Impact", "Scope"]


def test_a_damaged_workbook_and_a_damaged_word_table_are_one_line() -> None:
    import io
    import struct
    import zipfile

    raw = bytearray(hostile_workbooks.small_ladder())
    info = zipfile.ZipFile(io.BytesIO(bytes(raw))).getinfo(hostile_workbooks.SHEET)
    name, extra = struct.unpack("<HH", raw[info.header_offset + 26 : info.header_offset + 30])
    start = info.header_offset + 30 + name + extra
    for i in range(start + 20, start + 60):  # the sheet's compressed bytes, damaged
        raw[i] ^= 0xFF
    with pytest.raises(LadderError, match=r"^bad\.xlsx: not a readable XLSX workbook"):
        import_ladder([("bad.xlsx", bytes(raw))], today=TODAY)

    import docx
    from docx.oxml import OxmlElement

    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    for r in range(3):
        for c in range(3):
            table.cell(r, c).text = f"r{r}c{c}"
    table.rows[0].cells[1]._tc.get_or_add_tcPr().append(OxmlElement("w:vMerge"))  # a merge with no row above
    out = io.BytesIO()
    document.save(out)
    with pytest.raises(LadderError, match=r"^x\.docx: not a readable DOCX document \(ValueError"):
        import_ladder([("x.docx", out.getvalue())], today=TODAY)


def test_shared_strings_kept_under_another_name_are_counted_all_the_same() -> None:
    """openpyxl finds a workbook's parts by their content types; so does the pass, whatever the parts are called."""
    strings = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
        f"<si><t>{'x' * 200_000}</t></si></sst>"
    )
    part = (
        '<Override PartName="/xl/strings.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    )
    relation = (
        '<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
        'Target="/xl/strings.xml" Id="rIdStrings"/>'
    )
    rows = "".join(f'<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>' for r in range(10, 200))
    raw = hostile_workbooks.rewritten(
        hostile_workbooks.small_ladder(),
        {
            hostile_workbooks.SHEET: lambda x: x.replace("</sheetData>", rows + "</sheetData>"),
            "[Content_Types].xml": lambda x: x.replace("</Types>", part + "</Types>"),
            "xl/_rels/workbook.xml.rels": lambda x: x.replace("</Relationships>", relation + "</Relationships>"),
        },
        {"xl/strings.xml": strings},
    )
    with pytest.raises(LadderError, match="would hold over 16 million characters"):
        import_ladder([("renamed.xlsx", raw)], today=TODAY)
