"""Review cycles, compare and the team roll-up (issue 14): through the CLI and the app, read by the one scoring."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList, Static

from conftest import PYTHON, builtin_framework, ladder_env, make_assessment, settle
from ladder_tui.core.domain import rules
from ladder_tui.core.domain.cycles import carried_from
from ladder_tui.core.storage.loader import load_assessment
from ladder_tui.tui.app import make_app
from ladder_tui.tui.screens.area import AreaIntroScreen
from ladder_tui.tui.screens.dimension import DimensionScreen
from ladder_tui.tui.screens.home import HomeScreen
from ladder_tui.tui.screens.new import NewAssessmentScreen
from ladder_tui.tui.screens.summary import SummaryScreen
from ladder_tui.tui.screens.team import TeamScreen
from ladder_tui.tui.widgets.choices import GlyphCheckbox

L1_L5 = "customer-support-l1-l5"
#: Ana's two cycles, named as `ladder-tui new` names a person's first and next cycle.
JUNE = f"ana-lima-{L1_L5}"
DECEMBER = f"ana-lima-{L1_L5}-2026-12-01"


def cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PYTHON, "-m", "ladder_tui", *args], env=ladder_env(home), capture_output=True, text=True, timeout=60
    )


@pytest.fixture
def team(ladder_home: Path) -> dict[str, Path]:
    """Three people on the L1-L5 ladder; Ana has two cycles (June, then December)."""
    fw = builtin_framework(L1_L5)
    keys = fw.dimension_keys()

    def ratings(values: list[str]) -> dict[tuple[str, str], str]:
        return dict(zip(keys, values, strict=True))

    june = ["l1", "l2", "l1", "l2", "l1", "l2", "l1", "l2", "l1", "l2", "l1"]
    december = ["l2", "l2", "l1", "l3", "l2", "l2", "l2", "l2", "l2", "l2", "na"]
    return {
        "ana-june": make_assessment(fw, "Ana Lima", assessment_id=JUNE, ratings={"self": ratings(june)},
                                    when=datetime(2026, 6, 1, tzinfo=UTC)),
        "ana-december": make_assessment(fw, "Ana Lima", assessment_id=DECEMBER,
                                        ratings={"self": ratings(december), "lead": {keys[0]: "l3"}},
                                        when=datetime(2026, 12, 1, tzinfo=UTC)),
        "bo": make_assessment(fw, "Bo Chen", assessment_id="bo", ratings={"self": ratings(["l3"] * 11)},
                              when=datetime(2026, 11, 1, tzinfo=UTC)),
        "cy": make_assessment(fw, "Cy Diaz", assessment_id="cy",
                              ratings={"self": ratings(["l1", "below", "l1", "l1", "l2", "l1", "l1", "l1", "l1", "l1",
                                                        "l1"])},
                              when=datetime(2026, 11, 2, tzinfo=UTC)),
    }  # fmt: skip


def test_team_json_one_row_per_person_at_their_latest_cycle_and_levels_as_summary_gives(
    ladder_home: Path, team: dict[str, Path]
) -> None:
    result = cli(ladder_home, "team", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["framework"]["id"] == L1_L5
    people = {person["subject"]: person for person in data["people"]}
    assert sorted(people) == ["Ana Lima", "Bo Chen", "Cy Diaz"]
    assert people["Ana Lima"]["assessment_id"] == DECEMBER  # the latest cycle, by creation
    for person in data["people"]:
        summary = json.loads(cli(ladder_home, "summary", person["assessment_id"], "--format", "json").stdout)
        assert person["suggested_level"] == summary["suggested_level"]
    # Effective ratings: the lead's l3 wins over Ana's own l2 on the first dimension.
    assert people["Ana Lima"]["ratings"]["skill/technical-product"] == "l3"
    assert people["Ana Lima"]["ratings"]["coachability/feedback"] == "na"
    assert people["Cy Diaz"]["ratings"]["skill/technical-emails"] == "below"
    dims = {item["key"]: item for item in data["dimensions"]}
    # Medians are the lower middle one: l3, l3, l1 -> l3; l2, l3, below -> l2; na is not counted (l3, l1 -> l1).
    assert dims["skill/technical-product"]["median"] == "l3"
    assert dims["skill/technical-emails"]["median"] == "l2"
    assert dims["coachability/feedback"]["median"] == "l1"
    assert dims["skill/technical-emails"]["counts"] == {"l2": 1, "l3": 1, "below": 1}

    # CSV and HTML carry the same.
    rows = list(csv.DictReader(io.StringIO(cli(ladder_home, "team", "--format", "csv").stdout)))
    assert [row["subject"] for row in rows] == ["Ana Lima", "Bo Chen", "Cy Diaz"]
    for row in rows:
        person = people[row["subject"]]
        assert row["assessment_id"] == person["assessment_id"]
        assert row["suggested_level"] == (person["suggested_level"] or {"id": "below"})["id"]
        for key, value in person["ratings"].items():
            assert row[key] == (value or "")
    html = cli(ladder_home, "team", "--format", "html").stdout
    assert html.startswith("<!DOCTYPE html>") and "size: landscape" in html
    for subject in people:
        assert subject in html
    assert html.count('class="heat heat-') >= 3 * 11


def test_several_frameworks_without_one_named_is_exit_2_listing_them(ladder_home: Path, team: dict[str, Path]) -> None:
    make_assessment("product-support-skills-matrix", "Dee Okafor", assessment_id="dee")
    result = cli(ladder_home, "team")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    line = result.stderr.strip()
    assert "\n" not in line and L1_L5 in line and "product-support-skills-matrix" in line and "--framework" in line
    assert cli(ladder_home, "team", "--framework", L1_L5).returncode == 0


def test_team_reads_the_folders_given(ladder_home: Path, team: dict[str, Path], tmp_path: Path) -> None:
    checkout = tmp_path / "team-repo"
    checkout.mkdir()
    for name in ("bo", "cy"):
        (checkout / f"{name}.toml").write_bytes(team[name].read_bytes())
    data = json.loads(cli(ladder_home, "team", str(checkout), "--format", "json").stdout)
    assert [person["subject"] for person in data["people"]] == ["Bo Chen", "Cy Diaz"]
    result = cli(ladder_home, "team", str(tmp_path / "missing"))
    assert result.returncode == 2 and "missing" in result.stderr


def test_compare_lists_exactly_the_dimensions_that_moved(ladder_home: Path, team: dict[str, Path]) -> None:
    fw = builtin_framework(L1_L5)
    result = cli(ladder_home, "compare", JUNE, DECEMBER, "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    old, new = load_assessment(team["ana-june"]), load_assessment(team["ana-december"])
    moved = [
        f"{area.id}/{dim.id}"
        for area, dim in rules.applicable_dimensions(fw, new)
        if rules.effective_rating(fw, old.answer(area.id, dim.id))
        != rules.effective_rating(fw, new.answer(area.id, dim.id))
    ]
    assert [f"{c['area']['id']}/{c['dimension']['id']}" for c in data["changes"]] == moved
    first = data["changes"][0]
    assert (first["before"], first["after"], first["delta"]) == ("l1", "l3", 2)  # the lead's rating counts
    na = next(change for change in data["changes"] if change["after"] == "na")
    assert na["delta"] is None
    for side, name in (("before", JUNE), ("after", DECEMBER)):
        summary = json.loads(cli(ladder_home, "summary", name, "--format", "json").stdout)
        assert data[side]["suggested_level"] == summary["suggested_level"]
        assert data[side]["assessment_id"] == name
    text = cli(ladder_home, "compare", JUNE, DECEMBER).stdout
    assert "What moved" in text and "Technical (product knowledge)" in text
    # The summary says what moved since the earlier cycle.
    summary_text = cli(ladder_home, "summary", DECEMBER).stdout
    assert "Since 2026-06-01" in summary_text and f"{len(moved)} dimensions moved" in summary_text
    # Two frameworks cannot be compared.
    make_assessment("product-support-skills-matrix", "Ana Lima", assessment_id="other")
    result = cli(ladder_home, "compare", JUNE, "other")
    assert result.returncode == 2 and "different frameworks" in result.stderr


def test_compare_refuses_one_cycle_twice_and_warns_about_two_people_or_reversed_order(
    ladder_home: Path, team: dict[str, Path]
) -> None:
    result = cli(ladder_home, "compare", JUNE, JUNE)
    assert result.returncode == 2 and "same assessment twice" in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""
    clean = cli(ladder_home, "compare", JUNE, DECEMBER)
    assert clean.returncode == 0 and "warning" not in clean.stderr
    reversed_order = cli(ladder_home, "compare", DECEMBER, JUNE)
    assert reversed_order.returncode == 0
    assert f"warning: {DECEMBER} was started after {JUNE}" in reversed_order.stderr
    two_people = cli(ladder_home, "compare", JUNE, "bo")
    assert two_people.returncode == 0, two_people.stderr
    assert "'Ana Lima'" in two_people.stderr and "'Bo Chen'" in two_people.stderr


def test_new_from_an_unknown_or_other_framework_assessment_is_one_line(
    ladder_home: Path, team: dict[str, Path]
) -> None:
    result = cli(ladder_home, "new", "--from", "nobody")
    assert result.returncode == 2 and "nobody" in result.stderr and "Traceback" not in result.stderr
    result = cli(ladder_home, "new", "--from", "bo", "--framework", "product-support-skills-matrix")
    assert result.returncode == 2 and "--from" in result.stderr
    result = cli(ladder_home, "new")
    assert result.returncode == 2 and "--framework" in result.stderr


# ----- carried answers in the walk -----


async def test_a_new_cycle_starts_from_last_time_and_counts_only_what_is_confirmed(
    ladder_home: Path, team: dict[str, Path]
) -> None:
    fw = builtin_framework(L1_L5)
    keys = fw.dimension_keys()
    earlier = load_assessment(team["ana-december"])
    path = make_assessment(fw, "Ana Lima", assessment_id="ana-next", when=None)
    fresh = load_assessment(path)
    fresh.previous = carried_from(fw, earlier)
    from ladder_tui.core.storage.assessments import save_assessment

    save_assessment(fresh, path)
    assert rules.counts(fw, load_assessment(path)).answered == 0  # carried values are not answers
    app = make_app(assessment_path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, AreaIntroScreen, tries=30)
        await pilot.press("enter")
        await settle(pilot, DimensionScreen, tries=30)
        screen = app.screen
        assert isinstance(screen, DimensionScreen)
        # The cursor starts on last time's rating (the effective one: the lead's l3), marked so.
        assert screen.cursor == 2
        assert "Last time: 3" in str(screen.query_one("#answer-bar").content)
        texts = [str(card.content) for card in screen.query("LevelCard")]
        assert any("↺ last time" in text for text in texts)
        await pilot.press("enter")  # confirmed: now it is this cycle's rating
        await pilot.press("2")  # changed: a rating too
    saved = load_assessment(path)
    assert saved.rating(*keys[0], "self") == "l3" and saved.rating(*keys[1], "self") == "l2"
    assert rules.counts(fw, saved).answered == 2
    assert saved.previous is not None and saved.previous.id == DECEMBER


async def test_enter_keeps_last_times_not_applicable_or_below_until_the_cursor_moves(ladder_home: Path) -> None:
    from ladder_tui.core.storage.assessments import save_assessment

    fw = builtin_framework(L1_L5)
    keys = fw.dimension_keys()
    earlier = load_assessment(
        make_assessment(fw, "Dan", assessment_id="dan-june", ratings={"self": {keys[0]: "na", keys[1]: "below"}})
    )
    path = make_assessment(fw, "Dan", assessment_id="dan-december", when=None)
    fresh = load_assessment(path)
    fresh.previous = carried_from(fw, earlier)
    save_assessment(fresh, path)
    app = make_app(assessment_path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, AreaIntroScreen, tries=30)
        await pilot.press("enter")
        await settle(pilot, DimensionScreen, tries=30)
        screen = app.screen
        assert isinstance(screen, DimensionScreen)
        assert "Last time: not applicable (enter keeps it)" in str(screen.query_one("#answer-bar").content)
        await pilot.press("enter")  # kept: not applicable, not the level under the cursor
        await pilot.pause()
        assert "Last time: below" in str(screen.query_one("#answer-bar").content)
        await pilot.press("right")  # moved: enter now chooses the level under the cursor
        assert "0 keeps it; enter chooses the level under the cursor" in str(screen.query_one("#answer-bar").content)
        await pilot.press("enter")
        await pilot.pause()
    saved = load_assessment(path)
    assert saved.rating(*keys[0], "self") == "na"
    assert saved.rating(*keys[1], "self") == fw.levels[1].id


async def _new_form_for_ana(pilot: Any, app: Any) -> NewAssessmentScreen:
    """Home's New form with the L1-L5 framework chosen and "Ana Lima" typed as the subject."""
    await pilot.pause()
    await pilot.press("n")
    await settle(pilot, NewAssessmentScreen, tries=30)
    new = app.screen
    assert isinstance(new, NewAssessmentScreen)
    options = new.query_one("#new-frameworks", OptionList)
    options.highlighted = [fw.id for fw in new.frameworks].index(L1_L5)
    await pilot.pause()
    new.query_one("#subject", Input).value = "Ana Lima"
    await pilot.pause()
    return new


@pytest.mark.parametrize("empty_cycle_since", [False, True])
async def test_the_new_form_offers_to_start_from_the_last_cycle(
    ladder_home: Path, team: dict[str, Path], empty_cycle_since: bool
) -> None:
    if empty_cycle_since:
        # A cycle started after December and left empty carries nothing: the offer is still December's answers.
        team["ana-empty"] = make_assessment(
            builtin_framework(L1_L5), "Ana Lima", assessment_id=f"{DECEMBER}-2",
            when=datetime(2026, 12, 2, tzinfo=UTC),
        )  # fmt: skip
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        new = await _new_form_for_ana(pilot, app)
        carry = new.query_one("#carry", GlyphCheckbox)
        assert carry.display and "2026-12-01" in str(carry.label)
        carry.value = True
        await pilot.press("f5")
        for _ in range(30):
            await pilot.pause()
            if not isinstance(app.screen, NewAssessmentScreen):
                break
    created = [path for path in (ladder_home / "assessments").glob("ana-lima-*.toml") if path not in team.values()]
    assert len(created) == 1
    saved = load_assessment(created[0])
    assert saved.previous is not None and saved.previous.id == DECEMBER and saved.answers == {}


async def test_in_a_room_the_new_form_starts_only_for_the_rooms_people(
    ladder_home: Path, team: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LADDER_TUI_ROOM_PEOPLE", '["pat roe"]')  # Pat's room: Ana is not Pat's to see
    app = make_app(served=True)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        new = await _new_form_for_ana(pilot, app)
        assert not new.query_one("#carry", GlyphCheckbox).display  # Ana's earlier answers are not offered
        await pilot.press("f5")
        for _ in range(10):
            await pilot.pause()
        assert isinstance(app.screen, NewAssessmentScreen)
        assert any("may not" in str(n.message) for n in app._notifications)
    assert sorted((ladder_home / "assessments").glob("*.toml")) == sorted(team.values())


async def test_the_new_form_and_new_from_carry_the_same_questions_target_and_values(
    ladder_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ladder_tui import cli as cli_module

    fw = builtin_framework("support-specialist-l2-l4")
    keys = fw.dimension_keys()
    earlier_path = make_assessment(
        fw,
        "Dee Park",
        questions={"people-manager": True},
        target_level=fw.level_ids[-1],
        ratings={"self": {keys[0]: fw.level_ids[1], keys[1]: fw.level_ids[0]}},
    )
    earlier = load_assessment(earlier_path)
    assert earlier.questions["people-manager"] and not fw.questions[0].default  # carrying it changes something

    def carried(path: Path) -> tuple[object, ...]:
        saved = load_assessment(path)
        assert saved.previous is not None
        return (saved.subject, saved.questions, saved.target_level, saved.previous.id, saved.previous.ratings)

    # The form: pick the framework, type the name, tick "start from" (questions and target follow), start.
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        new = await settle(pilot, NewAssessmentScreen, tries=30)
        assert isinstance(new, NewAssessmentScreen)
        new.query_one("#new-frameworks", OptionList).highlighted = [f.id for f in new.frameworks].index(fw.id)
        await pilot.pause()
        new.query_one("#subject", Input).value = "Dee Park"
        await pilot.pause()
        new.query_one("#carry", GlyphCheckbox).value = True
        await pilot.pause()
        assert new.query_one("#q-people-manager", GlyphCheckbox).value  # shown before it is started
        await pilot.press("f5")
        for _ in range(30):
            await pilot.pause()
            if not isinstance(app.screen, NewAssessmentScreen):
                break
    (from_form,) = [p for p in (ladder_home / "assessments").glob("dee-park-*.toml") if p != earlier_path]
    # The command line: `new --from` with nothing else given.
    started: list[Path] = []
    monkeypatch.setattr(cli_module, "_run_app", lambda path, mode=None, created=False: started.append(path) or 0)
    assert cli_module.main(["new", "--from", earlier.id]) == 0
    assert carried(started[0]) == carried(from_form)
    subject, questions, target, previous_id, ratings = carried(from_form)
    assert (subject, questions["people-manager"], target, previous_id) == (
        "Dee Park",
        True,
        fw.level_ids[-1],
        earlier.id,
    )
    assert ratings == {keys[0][0]: {keys[0][1]: fw.level_ids[1], keys[1][1]: fw.level_ids[0]}}


# ----- the Team screen -----


async def open_team(pilot: Pilot[None]) -> TeamScreen:
    """Home's `t`, then wait until the Team screen has rolled the team up."""
    await pilot.pause()
    await pilot.press("t")
    for _ in range(40):
        await pilot.pause()
        if isinstance(pilot.app.screen, TeamScreen) and pilot.app.screen.team is not None:
            break
    screen = pilot.app.screen
    assert isinstance(screen, TeamScreen) and screen.team is not None
    return screen


async def test_the_team_screen_shows_the_heatmap_and_opens_a_persons_summary(
    ladder_home: Path, team: dict[str, Path]
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        screen = await open_team(pilot)
        table = screen.query_one(DataTable)
        # People first (by name), then the median, the spread and how many are below their next level.
        assert [str(table.get_row_at(n)[0]) for n in range(table.row_count)] == [
            "Ana Lima", "Bo Chen", "Cy Diaz", "Median", "Spread", "Below next level",
        ]  # fmt: skip
        assert table.virtual_size.width > 80  # the heatmap scrolls sideways at 80x24
        await pilot.press("down", "enter")  # Bo Chen
        await settle(pilot, SummaryScreen, tries=40)
        assert isinstance(app.screen, SummaryScreen)
        assert app.walk is not None and app.walk.path == team["bo"]
        # Ana's latest cycle holds her lead's ratings too: looking at it from the team asks nobody who is rating and
        # takes nothing over (read-only, unlocked: her own ladder-tui can still write it).
        await pilot.press("escape")
        await settle(pilot, TeamScreen, tries=40)
        await pilot.press("up", "enter")
        for _ in range(40):
            await pilot.pause()
            if not isinstance(app.screen, TeamScreen):
                break
        assert isinstance(app.screen, SummaryScreen), app.screen
        assert app.walk is not None and app.walk.path == team["ana-december"]
        assert app.walk.read_only and app.walk.read_only_reason == "viewing" and not app.walk.hidden_steps()
        from ladder_tui.core.domain.session import WalkSession
        from ladder_tui.core.storage.catalog import FrameworkCatalog

        other = WalkSession.open(team["ana-december"], FrameworkCatalog())
        try:
            assert not other.read_only
        finally:
            other.close()


async def test_the_team_screen_shows_names_whole_and_cuts_only_very_long_ones_visibly(ladder_home: Path) -> None:
    fw = builtin_framework(L1_L5)
    level = dict.fromkeys(fw.dimension_keys(), "l2")
    make_assessment(fw, "Ada [L3] Lovelace", assessment_id="ada", ratings={"self": level})
    make_assessment(fw, "Maximiliana Wolfeschlegelsteinhausen", assessment_id="max", ratings={"self": level})
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        table = (await open_team(pilot)).query_one(DataTable)
        names = [str(table.get_row_at(n)[0]) for n in range(2)]
        assert names == ["Ada [L3] Lovelace", "Maximiliana Wolfeschlegelst…"]
        column = table.ordered_columns[0]
        assert column.width == len(names[1])  # as wide as the longest name, up to 28 columns


async def test_the_summary_screen_and_its_export_say_what_moved_since_last_time(
    ladder_home: Path, team: dict[str, Path], tmp_path: Path
) -> None:
    from ladder_tui.tui.screens.export import ExportScreen
    from ladder_tui.tui.screens.who import WhoIsRatingScreen

    app = make_app(assessment_path=team["ana-december"])
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(60):
            await pilot.pause()
            if isinstance(app.screen, WhoIsRatingScreen):
                await pilot.press("enter")  # self: the file holds the lead's ratings too
            if isinstance(app.screen, DimensionScreen):
                await pilot.press("u")
            if isinstance(app.screen, SummaryScreen):
                break
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        assert summary.earlier is not None and summary.earlier[0] == "2026-06-01"
        await pilot.press("e")
        await settle(pilot, ExportScreen, tries=30)
        target = tmp_path / "ana.md"
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        for _ in range(30):
            await pilot.pause()
            if target.exists():
                break
    exported = target.read_text(encoding="utf-8")
    cli_text = cli(ladder_home, "summary", DECEMBER, "--format", "markdown").stdout
    assert "Since 2026-06-01" in exported
    assert exported == cli_text


def test_a_cycle_with_nothing_rated_suggests_nothing_rather_than_below_the_first_level(
    ladder_home: Path, team: dict[str, Path]
) -> None:
    fw = builtin_framework(L1_L5)
    make_assessment(fw, "Dee Empty", assessment_id="dee", when=datetime(2026, 12, 2, tzinfo=UTC))
    summary = cli(ladder_home, "summary", "dee")
    assert summary.returncode == 0, summary.stderr
    assert "Suggested level: None yet (nothing rated)\n" in summary.stdout and "not rated yet" in summary.stdout
    assert "Below" not in summary.stdout.split("Confidence")[0]
    data = json.loads(cli(ladder_home, "summary", "dee", "--format", "json").stdout)
    assert data["suggested_level"] is None and data["suggested_label"] == "None yet (nothing rated)"

    # Comparing against it: every dimension is "no longer rated", not "moved (0 up, 0 down)".
    def compared(old: str, new: str) -> str:
        return " ".join(cli(ladder_home, "compare", old, new).stdout.split())

    assert "11 dimensions moved (0 up, 0 down, 11 no longer rated)" in compared("bo", "dee")
    assert "11 dimensions moved (0 up, 0 down, 11 newly rated)" in compared("dee", "bo")
    people = json.loads(cli(ladder_home, "team", "--format", "json").stdout)["people"]
    assert [person["suggested_level"] for person in people if person["subject"] == "Dee Empty"] == [None]
    text = cli(ladder_home, "team", "--format", "markdown").stdout
    (dee,) = [line for line in text.splitlines() if line.startswith("| Dee Empty")]
    assert dee.split("|")[2].strip() == "—", dee


@pytest.fixture
def ghost(ladder_home: Path, team: dict[str, Path]) -> Path:
    """One more assessment, on a framework that was installed then removed."""
    from ladder_tui.core.storage.loader import load_framework

    source = Path(__file__).parents[1] / "frameworks" / "support-specialist-l2-l4.toml"
    folder = ladder_home / "frameworks"
    folder.mkdir(exist_ok=True)
    installed = folder / "ghost.toml"
    installed.write_text(
        source.read_text(encoding="utf-8").replace('id = "support-specialist-l2-l4"', 'id = "ghost"', 1)
    )
    fw = load_framework(installed)
    path = make_assessment(
        fw, "Gil Ghost", assessment_id="gil", ratings={"self": {fw.dimension_keys()[0]: fw.level_ids[0]}}
    )
    installed.unlink()
    return path


def test_team_leaves_out_a_framework_that_is_not_installed_and_says_so(ladder_home: Path, ghost: Path) -> None:
    result = cli(ladder_home, "team", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["framework"]["id"] == L1_L5
    assert "left out the assessments on frameworks that are not installed (ghost)" in result.stderr


async def test_the_team_screen_shows_nothing_of_another_framework_under_one_not_installed(
    ladder_home: Path, ghost: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_team(pilot)
        assert screen.framework_id == L1_L5  # the installed one first
        await pilot.press("f")
        await pilot.pause()
        assert screen.framework_id == "ghost" and screen.team is None
        assert not screen.query_one(DataTable).display and not screen.query("#team-more Static")
        assert "not installed" in str(screen.query_one("#team-status", Static).render())
        await pilot.press("enter")  # nothing to open
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("f")
        await pilot.pause()
        assert screen.team is not None and screen.query_one(DataTable).display
