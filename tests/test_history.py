"""Over the years: a person's every cycle (`history`), and every packet at once (`team --export-each`)."""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from conftest import PYTHON, all_keys, builtin_framework, ladder_env, make_assessment, run_cli

L1_L5 = "customer-support-l1-l5"


run = run_cli


def three_cycles() -> None:
    fw = builtin_framework(L1_L5)
    keys = all_keys(fw)
    for name, subject, level, when in (
        ("zz-latest", "Casey Lin", "l3", datetime(2026, 3, 1, tzinfo=UTC)),
        ("q1-review", "Casey Lin", "l1", datetime(2025, 3, 1, tzinfo=UTC)),
        ("casey", "casey  lin", "l2", datetime(2025, 9, 1, tzinfo=UTC)),  # another spelling, the same person
    ):
        ratings = {key: level for key in keys}
        ratings[keys[0]] = {"l1": "l2", "l2": "l2", "l3": "l4"}[level]
        make_assessment(fw, subject, assessment_id=name, ratings={"self": ratings}, when=when)
    make_assessment(fw, "Dee Park", assessment_id="dee", ratings={"self": {key: "l2" for key in keys}})


def test_history_lists_every_cycle_oldest_first_whatever_the_files_are_called(ladder_home: Path) -> None:
    three_cycles()
    data = json.loads(run(ladder_home, "history", "Casey Lin", "--format", "json").stdout)
    assert [(c["id"], c["suggested_level"]["id"]) for c in data["cycles"]] == [
        ("q1-review", "l1"),
        ("casey", "l2"),
        ("zz-latest", "l3"),
    ]
    first = data["dimensions"][0]
    assert first["ratings"] == ["l2", "l2", "l4"] and all(len(d["ratings"]) == 3 for d in data["dimensions"])
    by_id = json.loads(run(ladder_home, "history", "casey", "--format", "json").stdout)
    assert by_id["cycles"] == data["cycles"]  # from one of the assessments, the same person's history
    text = run(ladder_home, "history", "Casey Lin").stdout
    assert "2025-03-01" in text and "2026-03-01" in text and "L1" in text and "L4" in text
    html = run(ladder_home, "history", "Casey Lin", "--format", "html").stdout
    assert html.startswith("<!DOCTYPE html>") and "Each dimension, cycle by cycle" in html
    missing = run(ladder_home, "history", "Nobody Here")
    assert missing.returncode == 2 and "no assessment" in missing.stderr


def test_team_export_each_writes_every_persons_latest_summary_and_nothing_else(
    ladder_home: Path, tmp_path: Path
) -> None:
    three_cycles()
    out = tmp_path / "packets"
    done = run(ladder_home, "team", "--framework", L1_L5, "--export-each", str(out), "--format", "markdown")
    assert done.returncode == 0, done.stderr
    written = sorted(path.name for path in out.iterdir())
    assert written == ["dee.md", "zz-latest.md"]  # one file per person: Casey's latest cycle, Dee's only one
    assert sorted(done.stdout.split()) == sorted(str(out / name) for name in written)  # and it prints the list
    for name in written:
        summary = run(ladder_home, "summary", name.removesuffix(".md"), "--format", "markdown").stdout
        assert (out / name).read_text(encoding="utf-8") == summary
    again = run(ladder_home, "team", "--framework", L1_L5, "--export-each", str(out), "--format", "csv")
    assert again.returncode == 2 and "--format html, markdown, json or text" in again.stderr


def test_archive_hides_from_list_and_team_delete_moves_to_the_trash_and_both_come_back(ladder_home: Path) -> None:
    three_cycles()
    assert run(ladder_home, "archive", "dee").returncode == 0
    assert "dee" not in run(ladder_home, "list").stdout.split()
    team = json.loads(run(ladder_home, "team", "--framework", L1_L5, "--format", "json").stdout)
    assert "Dee Park" not in json.dumps(team)
    everything = run(ladder_home, "list", "--all").stdout
    assert "dee" in everything.split() and "(archived)" in everything
    assert run(ladder_home, "unarchive", "dee").returncode == 0
    assert "dee" in run(ladder_home, "list").stdout.split()
    asked = run(ladder_home, "delete", "casey")
    assert asked.returncode == 2 and "--yes" in asked.stderr
    assert (ladder_home / "assessments" / "casey.toml").exists()
    assert run(ladder_home, "delete", "casey", "--yes").returncode == 0
    assert (ladder_home / "trash" / "casey.toml").is_file() and not (
        ladder_home / "assessments" / "casey.toml"
    ).exists()
    assert len(json.loads(run(ladder_home, "history", "Casey Lin", "--format", "json").stdout)["cycles"]) == 2
    assert run(ladder_home, "restore", "casey").returncode == 0
    assert (ladder_home / "assessments" / "casey.toml").is_file()
    # Archived cycles still count in a person's history.
    run(ladder_home, "archive", "q1-review")
    assert len(json.loads(run(ladder_home, "history", "Casey Lin", "--format", "json").stdout)["cycles"]) == 3
    # And the history seen from an archived cycle (the app's History screen reads it so) has the others too.
    from ladder_tui.core.domain.people import same_person
    from ladder_tui.core.storage.catalog import FrameworkCatalog
    from ladder_tui.core.storage.listing import list_with_archive

    listing, archived = list_with_archive(FrameworkCatalog(), ladder_home / "assessments" / "archive")
    casey = sorted(row.id for row in listing.rows if same_person(row.subject, "Casey Lin"))
    assert len(casey) == 3 and archived == {"q1-review"}


def test_compare_says_when_the_goal_moved_and_which_focus_areas_closed_because_they_were_reached(
    ladder_home: Path,
) -> None:
    fw = builtin_framework(L1_L5)
    keys = all_keys(fw)
    before = {key: ("l1" if i < 3 else "l2") for i, key in enumerate(keys)}
    after = {key: ("l3" if i < 3 else "l2") for i, key in enumerate(keys)}
    make_assessment(fw, "Eli Moss", assessment_id="eli-1", ratings={"self": before},
                    when=datetime(2025, 3, 1, tzinfo=UTC))  # fmt: skip
    make_assessment(fw, "Eli Moss", assessment_id="eli-2", ratings={"self": after},
                    when=datetime(2025, 9, 1, tzinfo=UTC))  # fmt: skip
    data = json.loads(run(ladder_home, "compare", "eli-1", "eli-2", "--format", "json").stdout)
    assert data["goal_change"] == "toward L2 → toward L3"
    names = {dim.id: dim.name for area in fw.areas for dim in area.dimensions}
    assert data["focus_closed"] == [f"Skill › {names[key[1]]} (reached)" for key in keys[:3]]
    assert "Goal: toward L2 → toward L3" in run(ladder_home, "compare", "eli-1", "eli-2").stdout


async def test_home_groups_a_persons_cycles_filters_as_you_type_archives_and_deletes(ladder_home: Path) -> None:
    from conftest import settle
    from ladder_tui.tui.app import make_app
    from ladder_tui.tui.screens.home import HomeScreen
    from ladder_tui.tui.screens.outcome import ConfirmScreen

    three_cycles()
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        home = await settle(pilot, HomeScreen, tries=60)
        assert isinstance(home, HomeScreen)
        for _ in range(60):
            if home.rows:
                break
            await pilot.pause()
        # Dee (saved last) first; Casey's three cycles together, the latest first, the earlier ones marked.
        assert [row.id for row in home.rows] == ["dee", "zz-latest", "casey", "q1-review"]
        await pilot.press("slash")
        for char in "dee":
            await pilot.press(char)
        await pilot.pause()
        assert [row.id for row in home.rows] == ["dee"]
        await pilot.press("escape")
        await pilot.pause()
        assert len(home.rows) == 4
        await pilot.press("home", "a")  # archive Dee's
        for _ in range(60):
            await pilot.pause()
            if [row.id for row in home.rows] == ["zz-latest", "casey", "q1-review"]:
                break
        assert (ladder_home / "assessments" / "archive" / "dee.toml").is_file()
        await pilot.press("end", "delete")
        await settle(pilot, ConfirmScreen, tries=30)
        await pilot.press("y")
        for _ in range(60):
            await pilot.pause()
            if len(home.rows) == 2:
                break
        assert (ladder_home / "trash" / "q1-review.toml").is_file()


def test_help_lists_every_command_on_one_line_each(ladder_home: Path) -> None:
    done = subprocess.run(
        [PYTHON, "-m", "ladder_tui", "--help"],
        env={**ladder_env(ladder_home), "COLUMNS": "80"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    lines = done.stdout.splitlines()
    start = lines.index("  COMMAND") + 1
    commands = lines[start : lines.index("", start)]
    names = [line.split()[0] for line in commands]
    assert {"new", "open", "history", "plan", "archive", "frameworks", "serve"} <= set(names)
    assert all(len(line.split(maxsplit=1)) == 2 and not line.startswith(" " * 6) for line in commands), commands


def test_markdown_keeps_a_multi_line_note_as_written(ladder_home: Path) -> None:
    fw = builtin_framework(L1_L5)
    keys = all_keys(fw)
    note = "First line.\nSecond line:\n- a point"
    make_assessment(fw, "Bo", assessment_id="bo", ratings={"self": {keys[0]: "l2"}}, notes={"self": {keys[0]: note}})
    text = run(ladder_home, "summary", "bo", "--format", "markdown").stdout
    assert "*First line.*  \n*Second line:*  \n*\\- a point*" in text
    assert "self: First line.<br>Second line:<br>- a point" in text


async def test_the_theme_chosen_with_f2_is_remembered_outside_the_data(ladder_home: Path) -> None:
    from ladder_tui.core.storage.settings import settings_file
    from ladder_tui.tui.app import make_app

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        first = app.theme
        await pilot.press("f2")
        await pilot.pause()
        chosen = app.theme
        assert chosen != first
    assert json.loads(settings_file().read_text())["theme"] == chosen
    assert settings_file().parent.name == "config" and not list((ladder_home / "assessments").glob("*"))
    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.theme == chosen


async def test_the_walk_offers_export_by_key_and_in_the_palette(ladder_home: Path) -> None:
    from conftest import settle
    from ladder_tui.tui import commands
    from ladder_tui.tui.app import make_app
    from ladder_tui.tui.screens.dimension import DimensionScreen
    from ladder_tui.tui.screens.export import ExportScreen

    assert any(c.palette == "Export the summary" for c in commands.COMMANDS["dimension"])
    path = make_assessment(builtin_framework(L1_L5), "Ana", assessment_id="ana")
    app = make_app(assessment_path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await settle(pilot, DimensionScreen, tries=60)
        await pilot.press("e")
        await settle(pilot, ExportScreen, tries=30)


async def test_the_export_dialog_chooses_a_format_by_key_and_the_name_follows(
    ladder_home: Path, tmp_path: Path
) -> None:
    import os

    from textual.widgets import Input

    from conftest import settle
    from ladder_tui.tui.app import make_app
    from ladder_tui.tui.screens.export import ExportScreen
    from ladder_tui.tui.screens.summary import SummaryScreen

    fw = builtin_framework(L1_L5)
    path = make_assessment(fw, "Ana", assessment_id="ana", ratings={"self": {key: "l2" for key in all_keys(fw)}})
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        app = make_app(assessment_path=path)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot, SummaryScreen, tries=60)
            await pilot.press("e")
            export = await settle(pilot, ExportScreen, tries=30)
            await pilot.press("h")
            await pilot.pause()
            assert export.query_one(Input).value.endswith("ana-summary.html")
            await pilot.press("j")
            await pilot.pause()
            assert export.query_one(Input).value.endswith("ana-summary.json")
            await pilot.press("enter")
            await settle(pilot, SummaryScreen, tries=30)
        assert json.loads((tmp_path / "ana-summary.json").read_text())["subject"] == "Ana"
    finally:
        os.chdir(cwd)


def test_the_heatmap_gives_each_level_its_own_colour_on_a_sequential_scale(ladder_home: Path) -> None:
    from ladder_tui.core.presentation.document import heat_colours

    fw = builtin_framework(L1_L5)
    fractions = [(index + 1) / len(fw.levels) for index in range(len(fw.levels))]
    backgrounds = [heat_colours(f)[0] for f in fractions]  # type: ignore[index]
    assert len(set(backgrounds)) == len(backgrounds)
    darkness = [sum(int(b[i : i + 2], 16) for i in (1, 3, 5)) for b in backgrounds]
    assert darkness == sorted(darkness, reverse=True)  # lighter for lower levels, darker for higher
    assert heat_colours(None) is None
    three_cycles()
    html = run(ladder_home, "team", "--framework", L1_L5, "--format", "html").stdout
    assert "background:#" in html and ">L3<" in html  # the colour and the label, always both


async def test_at_80_columns_the_review_keeps_the_mode_and_the_read_only_mark(ladder_home: Path) -> None:
    from conftest import settle
    from ladder_tui.core.storage.assessments import AssessmentLock
    from ladder_tui.tui.app import make_app
    from ladder_tui.tui.screens.review import ReviewScreen

    fw = builtin_framework(L1_L5)
    path = make_assessment(fw, "Maximiliana Alexandra Featherstonehaugh-Smythe", assessment_id="max")
    lock = AssessmentLock(path)
    assert lock.acquire()  # another ladder-tui has it: this one opens read-only
    try:
        app = make_app(assessment_path=path, mode="lead")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("r")
            review = await settle(pilot, ReviewScreen, tries=60)
            status = str(review.query_one("#review-status").render())
            assert status.startswith("LEAD · READ-ONLY · 0 of 11 answered")
    finally:
        lock.release()
