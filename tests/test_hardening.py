"""Hardening, round three: one odd file takes nothing down, no output destroys a file, an assessment's id is its
file's name, one writer across hard links, bounded warnings, and a cache that reads only what is ours and whole."""

from __future__ import annotations

import csv
import io
import marshal
import os
import re
import stat
import subprocess
from pathlib import Path

import pytest

from conftest import PYTHON, builtin_framework, ladder_env, make_assessment, rate_all
from ladder_tui.core.domain.session import WalkSession
from ladder_tui.core.errors import LadderError
from ladder_tui.core.storage.catalog import FrameworkCatalog
from ladder_tui.core.storage.loader import cache_dir, load_assessment
from ladder_tui.core.storage.paths import cache_home
from test_bad_input import assert_clean_error
from test_hostile import run_unprivileged

FRAMEWORK = "customer-support-l1-l5"


def run(home: Path, *args: str, **options: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [PYTHON, "-m", "ladder_tui", *args],
        env=ladder_env(home),
        capture_output=options.pop("capture_output", True),  # type: ignore[arg-type]
        timeout=60,
        stdin=subprocess.DEVNULL,
        **options,  # type: ignore[arg-type]
    )


def rated(subject: str, level: str = "l2") -> Path:
    fw = builtin_framework(FRAMEWORK)
    return make_assessment(FRAMEWORK, subject, ratings={"self": rate_all(fw, [level])})


def without_offsets(path: Path, day: str) -> None:
    """Dates as a hand edit might leave them: valid TOML local date-times, no offset."""
    text = re.sub(r"(?m)^(created|updated|started) = \S+ \S+$", rf"\1 = {day}T09:30:00", path.read_text())
    assert "T09:30:00\n" in text
    path.write_text(text)


# ----------------------------------------------------------------- dates


def test_a_date_time_without_offset_is_utc_everywhere(ladder_home: Path) -> None:
    ana = rated("Ana Lima")
    bo = rated("Bo Chen", "l3")
    without_offsets(bo, "2026-03-03")  # a day after Ana's (aware) dates: newest first
    listed = run(ladder_home, "list")
    assert listed.returncode == 0, listed.stderr
    rows = [line.split()[0] for line in listed.stdout.decode().splitlines()[1:]]
    assert rows == [bo.stem, ana.stem]
    for args in (
        ["team", "-f", FRAMEWORK],
        ["summary", bo.stem],
        ["compare", ana.stem, bo.stem],
        ["team", "-f", FRAMEWORK, "--format", "csv"],
    ):
        result = run(ladder_home, *args)
        assert result.returncode == 0 and b"Traceback" not in result.stderr, (args, result.stderr[-500:])
    assert load_assessment(bo).updated.utcoffset() is not None


# ----------------------------------------------------------------- ids are file names


def test_an_id_field_that_is_not_the_files_name_is_noticed_once_and_never_used(ladder_home: Path) -> None:
    path = rated("Ana Lima")
    text = path.read_text().replace(f'id = "{path.stem}"', 'id = "=HYPERLINK(\\"http://x\\")"', 1)
    path.write_text(text.replace('id = "=HYPER', 'id = "../../../tmp/escape/=HYPER', 1))
    assert load_assessment(path).id == path.stem
    listed = run(ladder_home, "list")
    assert listed.stdout.decode().splitlines()[1].split()[0] == path.stem
    notices = [line for line in listed.stderr.decode().splitlines() if "not its file's name" in line]
    assert len(notices) == 1 and path.name in notices[0]
    table = run(ladder_home, "team", "-f", FRAMEWORK, "--format", "csv")
    rows = list(csv.reader(io.StringIO(table.stdout.decode())))
    assert rows[1][1] == path.stem
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_every_csv_cell_that_a_spreadsheet_would_run_is_neutralised(ladder_home: Path) -> None:
    for subject in ("=cmd|' /C calc'!A0", "\t=1+1", "@SUM(A1)", "+1", "-1"):
        make_assessment(FRAMEWORK, subject, assessment_id=f"p{len(subject)}-{ord(subject[0])}")
    make_assessment(FRAMEWORK, "Named by file", assessment_id="=1+2")  # the id column: the file's name
    table = run(ladder_home, "team", "-f", FRAMEWORK, "--format", "csv")
    assert table.returncode == 0, table.stderr
    cells = [cell for row in csv.reader(io.StringIO(table.stdout.decode())) for cell in row]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]


# ----------------------------------------------------------------- outputs never destroy


def test_output_refuses_an_assessment_with_a_typo_and_anything_in_the_data_folder(
    ladder_home: Path, tmp_path: Path
) -> None:
    path = rated("Ana Lima")
    broken = tmp_path / "ana-copy.toml"
    broken.write_text(path.read_text().replace("subject = ", "subject == ", 1))
    before = broken.read_bytes()
    result = run(ladder_home, "summary", path.stem, "--output", str(broken))
    assert_clean_error(result, str(broken), "not overwritten")
    assert broken.read_bytes() == before
    for inside in (ladder_home / "assessments" / "report.txt", ladder_home / "frameworks" / "x.html"):
        (ladder_home / "frameworks").mkdir(exist_ok=True)
        result = run(ladder_home, "summary", path.stem, "--output", str(inside))
        assert_clean_error(result, str(inside), "not overwritten")
        assert not inside.exists()
    earlier = tmp_path / "report.txt"
    earlier.write_text("an earlier export\n")
    assert run(ladder_home, "summary", path.stem, "--output", str(earlier)).returncode == 0
    assert "Ana Lima" in earlier.read_text()  # an earlier export is replaced as before


def test_output_to_dev_stdout_appends_to_a_file_and_writes_into_a_pipe(ladder_home: Path, tmp_path: Path) -> None:
    path = rated("Ana Lima")
    report = tmp_path / "report.txt"
    report.write_text("kept line\n")
    inode = report.stat().st_ino
    with open(report, "ab") as out:
        result = run(
            ladder_home,
            "summary",
            path.stem,
            "--output",
            "/dev/stdout",
            stdout=out,
            stderr=subprocess.PIPE,
            capture_output=False,
        )
    assert result.returncode == 0, result.stderr
    text = report.read_text()
    assert text.startswith("kept line\n") and "Ana Lima" in text
    assert report.stat().st_ino == inode
    piped = run(ladder_home, "summary", path.stem, "--output", "/dev/stdout")
    assert piped.returncode == 0 and b"Ana Lima" in piped.stdout, piped.stderr


def test_import_output_dash_writes_the_framework_to_standard_output(ladder_home: Path, tmp_path: Path) -> None:
    ladder = tmp_path / "ladder.csv"
    ladder.write_text("Skill,Junior,Senior\nCode,Writes code.,Designs systems.\nReview,Asks.,Reviews.\n")
    result = subprocess.run(
        [PYTHON, "-m", "ladder_tui", "frameworks", "import", str(ladder), "--output", "-"],
        env=ladder_env(ladder_home),
        capture_output=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert b"[[areas]]" in result.stdout and b"Designs systems." in result.stdout
    assert not (tmp_path / "-").exists()


# ----------------------------------------------------------------- one writer


def test_an_assessment_with_two_hard_links_opens_read_only(ladder_home: Path, tmp_path: Path) -> None:
    path = rated("Ana Lima")
    other = tmp_path / path.name
    os.link(path, other)
    session = WalkSession.open(other, FrameworkCatalog())
    try:
        assert session.read_only and session.read_only_reason == "linked"
    finally:
        session.close() if hasattr(session, "close") else None
    os.unlink(other)
    alone = WalkSession.open(path, FrameworkCatalog())
    assert not alone.read_only


# ----------------------------------------------------------------- unreadable data folder


def test_open_and_new_in_a_data_folder_that_cannot_be_read_say_one_line(ladder_home: Path) -> None:
    rated("Ana Lima")
    os.chmod(ladder_home, 0o000)
    try:
        for args in (["open", "ana-lima-" + FRAMEWORK], ["new", "-f", FRAMEWORK, "-s", "Bo"], ["list"]):
            assert_clean_error(run_unprivileged(ladder_home, *args), "permission denied")
    finally:
        os.chmod(ladder_home, 0o700)


# ----------------------------------------------------------------- small things


def test_a_warning_about_many_orphans_stays_short(ladder_home: Path) -> None:
    path = rated("Ana Lima")
    extra = "".join(f'\n[answers.gone.dim-{n}]\nself = "l1"\n' for n in range(5000))
    path.write_text(path.read_text() + extra)
    result = run(ladder_home, "summary", path.stem)
    assert result.returncode == 0, result.stderr[-300:]
    warning = next(line for line in result.stderr.decode().splitlines() if "no longer has" in line)
    assert len(warning) < 800 and "5,000 answers" in warning.replace("5000", "5,000") and "4995 more" in warning


def test_a_host_key_that_is_not_a_file_is_said_plainly(tmp_path: Path) -> None:
    from ladder_tui.serve.server import load_host_key

    with pytest.raises(LadderError) as caught:
        load_host_key(Path("/dev/null"))
    assert "chmod" not in str(caught.value) and "not a file" in str(caught.value)


def test_a_failed_save_of_a_new_file_does_not_speak_of_a_previous_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ladder_tui.core.storage import files

    def full(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full)
    with pytest.raises(LadderError) as new:
        files.atomic_write(tmp_path / "new.txt", "text")
    assert "nothing was written" in str(new.value) and "previous" not in str(new.value)
    monkeypatch.undo()
    (tmp_path / "old.txt").write_text("old")
    monkeypatch.setattr(files.os, "fsync", full)
    with pytest.raises(LadderError) as old:
        files.atomic_write(tmp_path / "old.txt", "text")
    assert "the previous version is intact" in str(old.value)


def test_the_cache_is_private_and_reads_only_entries_that_are_ours_and_whole(ladder_home: Path) -> None:
    path = rated("Ana Lima")
    assert load_assessment(path).subject == "Ana Lima"
    assert stat.S_IMODE(cache_home().stat().st_mode) == 0o700
    entries = list(cache_dir("assessments").glob("*.marshal"))
    assert len(entries) == 1
    sealed = entries[0].read_bytes()
    # Someone else's bytes in its place (a plain marshal dump saying another name): never read.
    forged = {"format": 5, "ok": True, "dump": {}, "content": ""}
    entries[0].write_bytes(marshal.dumps(forged))
    assert load_assessment(path).subject == "Ana Lima"
    # A torn or altered entry: the checksum no longer matches, and the file is read again.
    entries[0].write_bytes(sealed[:-7] + b"\x00" * 7)
    assert load_assessment(path).subject == "Ana Lima"
    entries[0].chmod(0o666)
    assert load_assessment(path).subject == "Ana Lima"
