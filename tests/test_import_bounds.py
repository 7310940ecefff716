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
