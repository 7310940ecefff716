"""Snapshot tests (pytest-textual-snapshot) of every screen at 80x24 and 200x50, from fixture data with fixed dates.

Regenerate after an intended UI change with `pytest tests/test_snapshots.py --snapshot-update`, then look at the
SVGs in tests/__snapshots__/ before committing them.
"""

from __future__ import annotations

import shutil
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.screen import Screen

from conftest import all_keys, builtin_framework, make_assessment, rate_all
from ladder_tui.tui.app import LadderApp, make_app

THEME = "textual-dark"
SIZES = {"80x24": (80, 24), "200x50": (200, 50)}
PRODUCT = "product-support-skills-matrix"
L1_L5 = "customer-support-l1-l5"

Compare = Callable[..., bool]


def app_for(path: Path | None = None, mode: str | None = None) -> LadderApp:
    return make_app(assessment_path=path, mode=mode, theme=THEME)  # type: ignore[arg-type]


def home_fixtures() -> None:
    fw = builtin_framework(PRODUCT)
    keys = all_keys(fw)
    make_assessment(fw, "Ana Lima", ratings={"self": {key: "advanced" for key in keys[:7]}},
                    when=datetime(2026, 3, 2, 9, 30, tzinfo=UTC))  # fmt: skip
    specialist = builtin_framework("support-specialist-l2-l4")
    make_assessment(specialist, "Bruno Costa", "lead", questions={"people-manager": True},
                    ratings={"self": rate_all(specialist, ["level-3"], {"people-manager": True})},
                    when=datetime(2026, 2, 20, 16, 5, tzinfo=UTC))  # fmt: skip
    tree = builtin_framework("happiness-skills-tree")
    make_assessment(tree, "Chen Wei", "pair", ratings={"agreed": rate_all(tree, ["pro", "master", "rookie"])},
                    when=datetime(2026, 1, 11, 8, 0, tzinfo=UTC))  # fmt: skip


def lead_review_fixture() -> Path:
    """A self-evaluation being reviewed by the lead: three lead answers given, the fourth dimension next."""
    fw = builtin_framework(PRODUCT)
    keys = all_keys(fw)
    return make_assessment(
        fw,
        "Ana Lima",
        "lead",
        assessment_id="ana",
        ratings={
            "self": rate_all(fw, ["advanced", "senior", "intermediate"]),
            "lead": {keys[0]: "advanced", keys[1]: "advanced", keys[2]: "senior"},
        },
        notes={"self": {keys[3]: "Ran the Q3 macro clean-up with the team"}},
    )


def complete_fixture() -> Path:
    fw = builtin_framework(PRODUCT)
    keys = all_keys(fw)
    return make_assessment(
        fw,
        "Ana Lima",
        "lead",
        assessment_id="ana",
        target_level="senior",
        ratings={
            "self": rate_all(fw, ["advanced", "senior", "advanced", "intermediate"]),
            "lead": rate_all(fw, ["advanced", "advanced", "lead", "senior", "advanced"]),
        },
        notes={"lead": {keys[0]: "Owned the March backlog clean-up"}},
    )


def team_fixture() -> None:
    fw = builtin_framework(L1_L5)
    for number, (name, pattern) in enumerate(
        [
            ("Ana Lima", ["l2", "l3"]),
            ("Bo Chen", ["l3", "l4", "l3"]),
            ("Cy Diaz", ["l1", "below", "l2"]),
            ("Dee Okafor", ["l2"]),
            ("Eli Novak", ["l4", "l3", "na"]),
        ]
    ):
        make_assessment(fw, name, ratings={"self": rate_all(fw, pattern)},
                        when=datetime(2026, 11, 1 + number, tzinfo=UTC))  # fmt: skip


async def wait_for(pilot: Pilot[None], screen_name: str, ready: Callable[[Screen[object]], bool] | None = None) -> None:
    for _ in range(100):
        screen = pilot.app.screen
        if type(screen).__name__ == screen_name and (ready is None or ready(screen)):
            await pilot.pause()
            return
        await pilot.pause(0.02)
    raise AssertionError(f"{screen_name} never showed (the app shows {type(pilot.app.screen).__name__})")


def arriving(*keys: str, screen: str, ready: Callable[[Screen[object]], bool] | None = None
             ) -> Callable[[Pilot[None]], Awaitable[None]]:  # fmt: skip
    """Before the snapshot: press `keys` one at a time, then wait until `screen` shows (and is `ready`)."""

    async def run(pilot: Pilot[None]) -> None:
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await wait_for(pilot, screen, ready)

    return run


def team_laid_out(screen: Screen[object]) -> bool:
    """The team is rolled up and its heatmap laid out on screen. A DataTable sizes its rows on its next idle and the
    screen then lays it out again (its height is auto): on a busy machine the snapshot came between them and showed
    no table."""
    from textual.widgets import DataTable

    if getattr(screen, "team", None) is None:
        return False
    table = screen.query_one(DataTable)
    # Laid out: the header and at least the first row have a place on the screen.
    return table.row_count > 0 and table.virtual_size.height >= table.row_count and table.size.height >= 2


def rows_loaded(screen: Screen[object]) -> bool:
    return bool(getattr(screen, "loaded", True))


@pytest.mark.parametrize("size", SIZES)
def test_home(snap_compare: Compare, size: str) -> None:
    home_fixtures()
    assert snap_compare(app_for(), terminal_size=SIZES[size], run_before=arriving(screen="HomeScreen",
                                                                                   ready=rows_loaded))  # fmt: skip


def test_home_delete_asks_first(snap_compare: Compare) -> None:
    home_fixtures()

    async def run_before(pilot: Pilot[None]) -> None:
        await wait_for(pilot, "HomeScreen", rows_loaded)
        await pilot.press("delete")
        await wait_for(pilot, "ConfirmScreen", None)

    assert snap_compare(app_for(), terminal_size=SIZES["80x24"], run_before=run_before)


def test_home_empty(snap_compare: Compare) -> None:
    assert snap_compare(app_for(), terminal_size=SIZES["80x24"], run_before=arriving(screen="HomeScreen"))


@pytest.mark.parametrize("size", SIZES)
def test_new(snap_compare: Compare, size: str) -> None:
    assert snap_compare(app_for(), terminal_size=SIZES[size], run_before=arriving("n", screen="NewAssessmentScreen"))


@pytest.mark.parametrize("size", SIZES)
def test_frameworks(snap_compare: Compare, size: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # The screen names the user frameworks folder: the same folder on every run, so the picture is the same too.
    home = Path("/tmp/ladder-tui-snapshot-home")
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    monkeypatch.setenv("LADDER_TUI_HOME", str(home))
    try:
        assert snap_compare(app_for(), terminal_size=SIZES[size], run_before=arriving("f", screen="FrameworksScreen"))
    finally:
        shutil.rmtree(home, ignore_errors=True)


@pytest.mark.parametrize("size", SIZES)
def test_who_is_rating(snap_compare: Compare, size: str) -> None:
    assert snap_compare(app_for(lead_review_fixture()), terminal_size=SIZES[size],
                        run_before=arriving(screen="WhoIsRatingScreen"))  # fmt: skip


@pytest.mark.parametrize("size", SIZES)
def test_area_intro(snap_compare: Compare, size: str) -> None:
    path = make_assessment(PRODUCT, "Ana Lima", assessment_id="ana")
    assert snap_compare(app_for(path), terminal_size=SIZES[size], run_before=arriving(screen="AreaIntroScreen"))


@pytest.mark.parametrize("size", SIZES)
def test_dimension_lead_review(snap_compare: Compare, size: str) -> None:
    """Blind review: the lead has not rated this one, so the agent's own rating is hidden."""
    assert snap_compare(app_for(lead_review_fixture(), "lead"), terminal_size=SIZES[size],
                        run_before=arriving(screen="DimensionScreen"))  # fmt: skip


@pytest.mark.parametrize("size", SIZES)
def test_dimension_self(snap_compare: Compare, size: str) -> None:
    """Seed-style statements, several per level, and a ladder whose digits differ from its level numbers."""
    fw = builtin_framework("support-specialist-l2-l4")
    path = make_assessment(fw, "Dara Singh", assessment_id="dara")
    assert snap_compare(app_for(path), terminal_size=SIZES[size],
                        run_before=arriving("enter", "right", screen="DimensionScreen"))  # fmt: skip


@pytest.mark.parametrize("size", SIZES)
def test_review(snap_compare: Compare, size: str) -> None:
    assert snap_compare(app_for(lead_review_fixture(), "lead"), terminal_size=SIZES[size],
                        run_before=arriving("r", screen="ReviewScreen"))  # fmt: skip


@pytest.mark.parametrize("size", SIZES)
def test_summary(snap_compare: Compare, size: str) -> None:
    # A complete assessment opens on its summary.
    assert snap_compare(app_for(complete_fixture(), "lead"), terminal_size=SIZES[size],
                        run_before=arriving(screen="SummaryScreen"))  # fmt: skip


@pytest.mark.parametrize("size", SIZES)
def test_export(snap_compare: Compare, size: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(Path("/"))  # the default path is the current folder: make it the same on every machine
    assert snap_compare(app_for(complete_fixture(), "lead"), terminal_size=SIZES[size],
                        run_before=arriving("e", screen="ExportScreen"))  # fmt: skip


def plan_fixture() -> Path:
    """The complete assessment with a plan: one action per kind (tied and not, each owner, done and open)."""
    from datetime import date

    from ladder_tui.core.domain.assessment import PlanAction
    from ladder_tui.core.storage.assessments import save_assessment
    from ladder_tui.core.storage.loader import load_assessment

    path = complete_fixture()
    assessment = load_assessment(path)
    fw = builtin_framework(PRODUCT)
    area, dim = all_keys(fw)[0]
    assessment.plan = [
        PlanAction("Shadow the tier-2 queue for two weeks", "self", "open", area, dim, date(2026, 4, 1)),
        PlanAction("Book a monthly check-in", "lead", "done"),
        PlanAction("Write two help articles on exports", "self", "dropped", carried=True),
    ]
    save_assessment(assessment, path)
    return path


@pytest.mark.parametrize("size", SIZES)
def test_plan(snap_compare: Compare, size: str) -> None:
    assert snap_compare(app_for(plan_fixture(), "lead"), terminal_size=SIZES[size],
                        run_before=arriving("p", screen="PlanScreen"))  # fmt: skip


def history_fixture() -> Path:
    """Three cycles of one person a season apart (the files named anything), the latest complete."""
    fw = builtin_framework(PRODUCT)
    keys = all_keys(fw)
    latest = complete_fixture()
    for number, (level, month) in enumerate((("intermediate", 3), ("advanced", 9)), start=1):
        ratings = {key: level if i % 3 else "beginner" for i, key in enumerate(keys)}
        make_assessment(fw, "Ana Lima", assessment_id=f"old-{number}", ratings={"self": ratings},
                        when=datetime(2025, month, 1, tzinfo=UTC))  # fmt: skip
    return latest


@pytest.mark.parametrize("size", SIZES)
def test_history(snap_compare: Compare, size: str) -> None:
    assert snap_compare(app_for(history_fixture(), "lead"), terminal_size=SIZES[size],
                        run_before=arriving("y", screen="HistoryScreen"))  # fmt: skip


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare: Compare, size: str) -> None:
    path = make_assessment(PRODUCT, "Ana Lima", assessment_id="ana")
    assert snap_compare(app_for(path), terminal_size=SIZES[size],
                        run_before=arriving("enter", "f1", screen="HelpScreen"))  # fmt: skip


@pytest.mark.parametrize("size", SIZES)
def test_note(snap_compare: Compare, size: str) -> None:
    path = make_assessment(PRODUCT, "Ana Lima", assessment_id="ana")
    assert snap_compare(app_for(path), terminal_size=SIZES[size],
                        run_before=arriving("enter", "n", screen="NoteScreen"))  # fmt: skip


@pytest.mark.parametrize("size", SIZES)
def test_jump(snap_compare: Compare, size: str) -> None:
    assert snap_compare(app_for(lead_review_fixture(), "lead"), terminal_size=SIZES[size],
                        run_before=arriving("j", screen="JumpScreen"))  # fmt: skip


@pytest.mark.parametrize("size", SIZES)
def test_finish(snap_compare: Compare, size: str) -> None:
    fw = builtin_framework(L1_L5)
    keys = all_keys(fw)
    ratings = {key: "l2" for key in keys[:-1]} | {keys[1]: "skip"}
    path = make_assessment(fw, "Ana Lima", assessment_id="ana", ratings={"self": ratings})
    assert snap_compare(app_for(path), terminal_size=SIZES[size],
                        run_before=arriving("s", "3", screen="FinishScreen"))  # fmt: skip


@pytest.mark.parametrize("size", SIZES)
def test_team(snap_compare: Compare, size: str) -> None:
    team_fixture()
    ready = arriving("t", screen="TeamScreen", ready=team_laid_out)
    assert snap_compare(app_for(), terminal_size=SIZES[size], run_before=ready)


@pytest.mark.parametrize("size", SIZES)
def test_import_preview(snap_compare: Compare, size: str) -> None:
    """Frameworks -> Import of the test ladder, with one dimension left out: each part's role, the framework below."""
    from textual.widgets import Input

    ladder = Path(__file__).parent / "fixtures" / "import" / "team-ladder.md"

    async def run_before(pilot: Pilot[None]) -> None:
        for key in ("f", "i"):
            await pilot.press(key)
            await pilot.pause()
        await wait_for(pilot, "ImportScreen")
        pilot.app.screen.query_one(Input).value = str(ladder)
        await pilot.press("enter")
        await wait_for(pilot, "ImportPreviewScreen")
        for key in ("down",) * 5 + ("space",):
            await pilot.press(key)
        await pilot.pause()

    assert snap_compare(app_for(), terminal_size=SIZES[size], run_before=run_before)
