"""The walk, driven with the keyboard through Pilot at 80x24, checked against the TOML file on disk after each key."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import DataTable, Input, OptionList, TextArea

from conftest import all_keys, answer, builtin_framework, builtin_ids, make_assessment, rate_all, settle
from ladder_tui.core.domain import rules
from ladder_tui.core.domain import session as session_module
from ladder_tui.core.domain.assessment import BELOW, MODE_SLOT, NOT_APPLICABLE, SKIPPED, Assessment, Mode
from ladder_tui.core.domain.framework import Framework
from ladder_tui.core.domain.session import WalkSession
from ladder_tui.core.storage.assessments import AssessmentLock, load_assessment
from ladder_tui.core.storage.catalog import FrameworkCatalog
from ladder_tui.core.storage.paths import assessments_dir
from ladder_tui.tui.app import LadderApp, make_app
from ladder_tui.tui.screens.area import AreaIntroScreen
from ladder_tui.tui.screens.dimension import DimensionScreen
from ladder_tui.tui.screens.finish import FinishScreen
from ladder_tui.tui.screens.help import HelpScreen
from ladder_tui.tui.screens.home import HomeScreen
from ladder_tui.tui.screens.jump import JumpScreen
from ladder_tui.tui.screens.new import NewAssessmentScreen
from ladder_tui.tui.screens.note import NoteScreen
from ladder_tui.tui.screens.review import ReviewScreen
from ladder_tui.tui.screens.summary import SummaryScreen
from ladder_tui.tui.widgets.level_card import LevelCard
from ladder_tui.tui.widgets.resume_list import ResumeList
from ladder_tui.tui.widgets.walk_heading import WalkHeading

SIZE = (80, 24)
MODES: tuple[Mode, ...] = ("self", "lead", "pair")
PRODUCT = "product-support-skills-matrix"
SPECIALIST = "support-specialist-l2-l4"


# ----------------------------------------------------------------- helpers


@pytest.fixture
def file_writes(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every assessment file the walk writes, in order (each save goes through `core.session.save_assessment`)."""
    writes: list[Path] = []
    real_save = session_module.save_assessment

    def counted(assessment: Assessment, target: Path) -> None:
        writes.append(target)
        real_save(assessment, target)

    monkeypatch.setattr(session_module, "save_assessment", counted)
    return writes


def dimension_screen(app: LadderApp) -> DimensionScreen:
    assert isinstance(app.screen, DimensionScreen), type(app.screen).__name__
    return app.screen


def card_texts(app: LadderApp) -> dict[str, str]:
    """Visible level cards: border title (e.g. '▶ 3 Advanced') -> the card's text."""
    cards = dimension_screen(app).query(LevelCard)
    return {str(card.border_title): str(getattr(card.content, "plain", card.content)) for card in cards}


async def home_rows(pilot: Pilot[None], home: Screen[object], count: int) -> None:
    """Home fills its rows in just after its first frame: wait for them."""
    table = home.query_one(ResumeList)
    for _ in range(60):
        if table.row_count == count:
            return
        await pilot.pause(0.02)
    raise AssertionError(f"Home shows {table.row_count} rows, not {count}")


def reload(path: Path) -> Assessment:
    return load_assessment(path)


def answer_plan(fw: Framework, index: int, mode: Mode, start_cursor: int) -> tuple[list[str], str]:
    """Keys for the index-th dimension and the value they must store; covers every way of answering."""
    levels = [level.id for level in fw.levels]
    top = len(levels) - 1
    kind = index % 7
    if kind == 0:
        number = (index // 7) % len(levels) + 1
        return [str(number)], levels[number - 1]
    if kind == 1:
        return ["0"], BELOW
    if kind == 2:
        moves = 2
        return ["right"] * moves + ["enter"], levels[min(top, start_cursor + moves)]
    if kind == 3:
        return (["s"], SKIPPED) if mode == "pair" else (["x"], NOT_APPLICABLE)
    if kind == 4:
        return ["left", "enter"], levels[max(0, start_cursor - 1)]
    if kind == 5:
        return [str(len(levels))], levels[top]
    # Cursor parked on a level, then a digit: the digit wins.
    return ["right", "1"], levels[0]


async def walk_to_end(
    pilot: Pilot[None], path: Path, fw: Framework, mode: Mode, questions: dict[str, bool]
) -> dict[tuple[str, str], str]:
    """Answer every dimension from the first one, checking the intro of each area and the file after each key."""
    app = pilot.app
    assert isinstance(app, LadderApp)
    keys = all_keys(fw, questions)
    slot = MODE_SLOT[mode]
    expected: dict[tuple[str, str], str] = {}
    previous_area = None
    for index, (area_id, dim_id) in enumerate(keys):
        if area_id != previous_area:
            intro = await settle(pilot, AreaIntroScreen)
            assert isinstance(intro, AreaIntroScreen)
            assert intro.step.area.id == area_id
            await pilot.press("enter")
            previous_area = area_id
        screen = await settle(pilot, DimensionScreen)
        assert isinstance(screen, DimensionScreen)
        walk = app.walk
        assert walk is not None
        assert (walk.step.area.id, walk.step.dimension.id) == (area_id, dim_id)
        assert walk.step.index == index
        press, value = answer_plan(fw, index, mode, screen.cursor)
        await pilot.press(*press)
        expected[(area_id, dim_id)] = value
        # Saved at once: the file already holds this answer before anything else happens.
        assert reload(path).rating(area_id, dim_id, slot) == value, (index, press)
    if any(value == SKIPPED for value in expected.values()):
        # Skip means "ask me again": the end of the walk offers the skipped ones before the summary.
        await settle(pilot, FinishScreen)
        await pilot.press("u")
    await settle(pilot, SummaryScreen)
    return expected


# ----------------------------------------------------------------- every framework, every mode


#: Every framework in self mode; lead and pair on every framework but the largest (its 25 dimensions walked three
#: times took a sixth of this file's time, and the other three already hold optional areas and a mastery scale).
WALKS = [
    (framework_id, mode)
    for framework_id in builtin_ids()
    for mode in MODES
    if mode == "self" or framework_id != "product-support-skills-matrix"
]


@pytest.mark.parametrize(("framework_id", "mode"), WALKS)
async def test_walk_every_framework_in_every_mode(framework_id: str, mode: Mode, file_writes: list[Path]) -> None:
    fw = builtin_framework(framework_id)
    # Say yes to every question, so optional areas (people manager) are walked too.
    questions = {question.id: True for question in fw.questions}
    levels = [level.id for level in fw.levels]
    before: dict[str, dict[tuple[str, str], str]] = {}
    if mode in ("lead", "pair"):
        before["self"] = rate_all(fw, levels, questions)
    if mode == "pair":
        before["lead"] = rate_all(fw, list(reversed(levels)), questions)
    path = make_assessment(fw, "Walker", mode, assessment_id="walker", questions=questions, ratings=before)

    app = make_app(assessment_path=path, mode=mode)
    async with app.run_test(size=SIZE) as pilot:
        expected = await walk_to_end(pilot, path, fw, mode, questions)

    saved = reload(path)
    slot = MODE_SLOT[mode]
    assert len(expected) == len(all_keys(fw, questions)) == fw.dimension_count
    assert len(file_writes) == len(expected)  # one write per answer, none for the cursor keys or the intros
    for (area_id, dim_id), value in expected.items():
        answer = saved.answer(area_id, dim_id)
        assert answer is not None
        assert answer.rating(slot) == value
        # The other slots are exactly as they were: a lead never overwrites the agent's own answers.
        for other in ("self", "lead", "agreed"):
            if other != slot:
                assert answer.rating(other) == before.get(other, {}).get((area_id, dim_id))  # type: ignore[arg-type]
    assert saved.mode == mode
    assert saved.framework.id == framework_id
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


# ----------------------------------------------------------------- new, resume, back


async def test_new_assessment_from_home_creates_the_file(catalog: FrameworkCatalog) -> None:
    ids = [fw.id for fw in catalog.frameworks()]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        home = await settle(pilot, HomeScreen)
        assert home.query_one("#home-empty").display
        await pilot.press("n")
        new = await settle(pilot, NewAssessmentScreen)
        await pilot.press(*["down"] * ids.index(PRODUCT), "enter")
        assert new.query_one("#subject", Input).has_focus
        await pilot.press(*"Bea Costa")
        await pilot.press("f5")
        await settle(pilot, AreaIntroScreen)
        path = assessments_dir() / f"bea-costa-{PRODUCT}.toml"
        assert path.is_file()
        created = reload(path)
        assert (created.subject, created.framework.id, created.mode) == ("Bea Costa", PRODUCT, "self")
        assert created.answers == {}
        await pilot.press("enter", "3")
        first = all_keys(builtin_framework(PRODUCT))[0]
        assert reload(path).rating(*first, "self") == "advanced"


async def test_new_assessment_with_mode_and_question(catalog: FrameworkCatalog) -> None:
    ids = [fw.id for fw in catalog.frameworks()]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, HomeScreen)
        await pilot.press("n")
        new = await settle(pilot, NewAssessmentScreen)
        await pilot.press(*["down"] * ids.index(SPECIALIST), "enter")
        await pilot.press(*"Cy", "enter")  # enter in the name field moves on to the questions about the person
        await pilot.press("space")  # "Are you a people manager?" -> yes
        await pilot.press("tab", "down", "enter")  # then "who is rating": lead
        assert new.query_one("#mode-lead").value
        await pilot.press("f5")
        await settle(pilot, AreaIntroScreen)
    created = reload(assessments_dir() / f"cy-{SPECIALIST}.toml")
    assert created.mode == "lead"
    assert created.questions == {"people-manager": True}


async def test_new_assessment_escape_goes_home_and_creates_nothing() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, HomeScreen)
        await pilot.press("n")
        await settle(pilot, NewAssessmentScreen)
        await pilot.press("escape")
        await settle(pilot, HomeScreen)
    assert not list(assessments_dir().glob("*.toml"))


async def test_start_without_a_name_creates_nothing() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, HomeScreen)
        await pilot.press("n")
        new = await settle(pilot, NewAssessmentScreen)
        await pilot.press("enter", "f5")
        assert app.screen is new
        assert new.query_one("#subject", Input).has_focus
    assert not list(assessments_dir().glob("*.toml"))


async def test_quit_midway_then_resume_at_first_unanswered() -> None:
    fw = builtin_framework(PRODUCT)
    keys = all_keys(fw)
    path = make_assessment(fw, assessment_id="resume")
    app = make_app(assessment_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, AreaIntroScreen)
        await pilot.press("enter", "1", "2", "3", "4")  # area 1 (4 dimensions) done
        await settle(pilot, AreaIntroScreen)
        await pilot.press("enter", "5", "2")
        await settle(pilot, DimensionScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
    saved = reload(path)
    assert [saved.rating(*key, "self") for key in keys[:6]] == [
        "junior",
        "intermediate",
        "advanced",
        "senior",
        "lead",
        "intermediate",
    ]
    assert saved.rating(*keys[6], "self") is None
    # The lock went with the app.
    lock = AssessmentLock(path)
    assert lock.acquire()
    lock.release()

    again = make_app(assessment_path=path)
    async with again.run_test(size=SIZE) as pilot:
        screen = await settle(pilot, DimensionScreen)
        await pilot.pause()
        # Mid-area: no area intro, straight to the first unanswered dimension.
        assert isinstance(again.screen, DimensionScreen)
        assert again.walk is not None and again.walk.index == 6
        assert screen.query_one(WalkHeading).count.startswith("7 of 25")
        await pilot.press("4")
        assert reload(path).rating(*keys[6], "self") == "senior"


@pytest.mark.parametrize("mode", MODES)
async def test_a_resume_answers_the_skip_then_the_next_unanswered_and_the_last_answer_ends_the_walk(
    mode: Mode, file_writes: list[Path]
) -> None:
    fw = builtin_framework("customer-support-l1-l5")
    keys = all_keys(fw)
    ids = [dim for _area, dim in keys]
    own = {key: "l3" for key in keys}
    own[keys[ids.index("judgment")]] = SKIPPED
    del own[keys[ids.index("planning")]], own[keys[ids.index("flexibility")]]
    ratings: dict[str, dict[tuple[str, str], str]] = {MODE_SLOT[mode]: own}
    if mode != "self":
        ratings["self"] = dict.fromkeys(keys, "l2")
    if mode == "pair":
        ratings["lead"] = dict.fromkeys(keys, "l4")
    path = make_assessment(fw, "Ana", mode, ratings=ratings)
    app = make_app(assessment_path=path, mode=mode)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, DimensionScreen)
        walk = app.walk
        assert walk is not None and walk.step.dimension.id == "judgment"  # the resume lands on the skip
        await pilot.press("3")
        assert walk.step.dimension.id == "planning"  # the next unanswered, not Ownership (rated)
        await pilot.press("2")
        assert walk.step.dimension.id == "flexibility"
        await pilot.press("4")
        await settle(pilot, SummaryScreen)  # the last unanswered answer ends the walk
    assert len(file_writes) == 3  # one write per answer
    saved = reload(path)
    slot = MODE_SLOT[mode]
    assert [saved.rating(*keys[ids.index(d)], slot) for d in ("judgment", "planning", "flexibility")] == [
        "l3",
        "l2",
        "l4",
    ]


async def test_resume_at_the_start_of_an_area_shows_its_intro() -> None:
    fw = builtin_framework(PRODUCT)
    keys = all_keys(fw)
    path = make_assessment(fw, ratings={"self": {key: "advanced" for key in keys[:4]}})
    app = make_app(assessment_path=path)
    async with app.run_test(size=SIZE) as pilot:
        intro = await settle(pilot, AreaIntroScreen)
        assert isinstance(intro, AreaIntroScreen) and intro.step.area.id == keys[4][0]
        await pilot.press("enter")
        await settle(pilot, DimensionScreen)
        assert app.walk is not None and app.walk.index == 4


async def test_resume_lands_on_the_first_unanswered_and_a_skipped_one_is_asked_again() -> None:
    fw = builtin_framework(PRODUCT)
    keys = all_keys(fw)
    ratings = {key: "advanced" for key in keys[:6]}
    ratings[keys[2]] = SKIPPED
    ratings[keys[10]] = "senior"
    path = make_assessment(fw, ratings={"self": ratings})
    app = make_app(assessment_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, DimensionScreen)
        assert app.walk is not None and app.walk.index == 2
        assert rules.resume_point(fw, reload(path)) == keys[2]


async def test_complete_assessment_opens_on_its_summary_and_escape_leads_into_the_walk() -> None:
    fw = builtin_framework("customer-support-l1-l5")
    path = make_assessment(fw, ratings={"self": rate_all(fw, ["l2"])})
    app = make_app(assessment_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, SummaryScreen)
        await pilot.press("escape")
        await settle(pilot, DimensionScreen)
        assert app.walk is not None and app.walk.index == fw.dimension_count - 1


async def test_escape_goes_back_and_leaves_the_walk_at_the_first_dimension() -> None:
    fw = builtin_framework(PRODUCT)
    keys = all_keys(fw)
    path = make_assessment(fw)
    app = make_app(assessment_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, AreaIntroScreen)
        await pilot.press("enter", "2", "3")
        await settle(pilot, DimensionScreen)
        assert app.walk is not None and app.walk.index == 2
        await pilot.press("escape")
        assert app.walk.index == 1
        # Going back shows the answer already given there, with the cursor on it.
        screen = dimension_screen(app)
        assert screen.cursor == 2
        assert any("✔ self" in text for title, text in card_texts(app).items() if "3 Advanced" in title)
        assert reload(path).cursors["self"].dimension == keys[1][1]
        await pilot.press("escape")
        assert app.walk.index == 0
        await pilot.press("escape")
        await settle(pilot, HomeScreen)
        assert app.walk is None
    # Going back changed no answer.
    saved = reload(path)
    assert [saved.rating(*key, "self") for key in keys[:3]] == ["intermediate", "advanced", None]


async def test_escape_on_an_area_intro_goes_on_to_the_dimension() -> None:
    path = make_assessment(PRODUCT)
    app = make_app(assessment_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, AreaIntroScreen)
        await pilot.press("escape")
        await settle(pilot, DimensionScreen)


# ----------------------------------------------------------------- notes, jump, review, help


async def test_note_typed_with_n_is_saved_at_once() -> None:
    fw = builtin_framework(PRODUCT)
    first = all_keys(fw)[0]
    path = make_assessment(fw)
    app = make_app(assessment_path=path)
    text = "2026-02-10 outage"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, AreaIntroScreen)
        await pilot.press("enter")
        await settle(pilot, DimensionScreen)
        await pilot.press("n")
        await settle(pilot, NoteScreen)
        await pilot.press(*text)
        # Saved as it is typed, before the editor closes: nothing to lose on Ctrl+Q.
        assert reload(path).answer(*first).note("self") == text  # type: ignore[union-attr]
        await pilot.press("enter", *"https://example.com/ticket/42")
        await pilot.press("escape")
        await settle(pilot, DimensionScreen)
        written = f"{text}\nhttps://example.com/ticket/42"
        assert reload(path).answer(*first).note("self") == written  # type: ignore[union-attr]
        assert "Note: 2026-02-10" in str(dimension_screen(app).query_one("#answer-bar").content)
        # The rating given afterwards keeps the note, lines and all.
        await pilot.press("2")
    answer = reload(path).answer(*first)
    assert answer is not None and (answer.self_rating, answer.note("self")) == ("intermediate", written)


async def test_note_in_lead_mode_goes_to_the_lead_note() -> None:
    fw = builtin_framework(PRODUCT)
    first = all_keys(fw)[0]
    path = make_assessment(fw, "Dee", "lead", notes={"self": {first: "my own evidence"}})
    app = make_app(assessment_path=path, mode="lead")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, AreaIntroScreen)
        await pilot.press("enter")
        await settle(pilot, DimensionScreen)
        await pilot.press("n")
        note = await settle(pilot, NoteScreen)
        assert note.query_one(TextArea).text == ""
        await pilot.press(*"lead saw it", "escape")
        await settle(pilot, DimensionScreen)
    answer = reload(path).answer(*first)
    assert answer is not None
    assert (answer.note("self"), answer.note("lead")) == ("my own evidence", "lead saw it")


async def test_the_jump_list_marks_answered_skipped_and_not_yet_reached() -> None:
    fw = builtin_framework(PRODUCT)
    app = make_app(assessment_path=make_assessment(fw))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, AreaIntroScreen)
        await pilot.press("enter")
        await settle(pilot, DimensionScreen)
        await pilot.press("2")
        await settle(pilot, DimensionScreen)
        await pilot.press("s")
        await settle(pilot, DimensionScreen)
        await pilot.press("j")
        jump = await settle(pilot, JumpScreen)
        options = jump.query_one(OptionList).options
        marks = [str(option.prompt).split()[0] for option in options if option.id and option.id.startswith("dim-")]
        assert marks[:3] == ["✔", "↷", "·"]


async def test_jump_to_a_dimension_and_to_an_area() -> None:
    fw = builtin_framework(PRODUCT)
    path = make_assessment(fw)
    app = make_app(assessment_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, AreaIntroScreen)
        await pilot.press("enter")
        await settle(pilot, DimensionScreen)
        await pilot.press("j")
        jump = await settle(pilot, JumpScreen)
        assert jump.query_one(OptionList).has_focus
        await pilot.press("end", "enter")
        await settle(pilot, DimensionScreen)
        assert app.walk is not None and app.walk.index == fw.dimension_count - 1
        # An area heading opens that area's first dimension.
        await pilot.press("j")
        jump = await settle(pilot, JumpScreen)
        option_list = jump.query_one(OptionList)
        third_area_first = sum(len(area.dimensions) for area in fw.areas[:2])
        position = option_list.get_option_index(f"area-{third_area_first}")
        await pilot.press("home", *["down"] * position, "enter")
        await settle(pilot, DimensionScreen)
        assert app.walk.index == third_area_first
        assert app.walk.step.area.id == fw.areas[2].id
        # Escape closes the jump list without moving.
        await pilot.press("j")
        await settle(pilot, JumpScreen)
        await pilot.press("down", "escape")
        await settle(pilot, DimensionScreen)
        assert app.walk.index == third_area_first
    # Moving about writes nothing until the sitting has given an answer.
    assert reload(path).cursors == {}


async def test_review_lists_every_dimension_and_enter_opens_a_row() -> None:
    fw = builtin_framework(PRODUCT)
    keys = all_keys(fw)
    path = make_assessment(fw, ratings={"self": {keys[0]: "senior", keys[1]: BELOW}})
    app = make_app(assessment_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, DimensionScreen)
        assert app.walk is not None and app.walk.index == 2
        await pilot.press("r")
        review = await settle(pilot, ReviewScreen)
        table = review.query_one(DataTable)
        assert table.row_count == fw.dimension_count
        assert table.cursor_row == 2
        assert "4 Senior" in str(table.get_row_at(0)[1])
        assert "below" in str(table.get_row_at(1)[1])
        assert "unanswered" in str(table.get_row_at(2)[1])
        await pilot.press("down", "down", "down", "enter")
        await settle(pilot, DimensionScreen)
        assert app.walk.index == 5
        await pilot.press("r")
        review = await settle(pilot, ReviewScreen)
        await pilot.press("ctrl+home", "enter")
        await settle(pilot, DimensionScreen)
        assert app.walk.index == 0
        assert dimension_screen(app).cursor == 3  # on the answer already given
        # Choosing a level goes back to the review (on that row), not on to the next dimension.
        await pilot.press("1")
        review = await settle(pilot, ReviewScreen)
        assert review.query_one(DataTable).cursor_row == 0
        assert "1 Junior" in str(review.query_one(DataTable).get_row_at(0)[1])
        # Escape closes the review without moving.
        await pilot.press("down", "escape")
        await settle(pilot, DimensionScreen)
        assert app.walk.index == 0
        # A row opened from the review and left unanswered: the walk goes on as usual afterwards.
        await pilot.press("r")
        await settle(pilot, ReviewScreen)
        await pilot.press("down", "down", "down", "down", "enter")
        await settle(pilot, DimensionScreen)
        assert app.walk.index == 4
        await pilot.press("pagedown")  # moved off without answering
        await settle(pilot, DimensionScreen)
        await pilot.press("2")
        await settle(pilot, DimensionScreen)
        assert isinstance(app.screen, DimensionScreen) and app.walk.index == 6
    assert reload(path).rating(*keys[0], "self") == "junior"
    assert reload(path).rating(*keys[5], "self") == builtin_framework(PRODUCT).levels[1].id


async def test_help_opens_with_question_mark_and_f1() -> None:
    path = make_assessment(PRODUCT)
    app = make_app(assessment_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, AreaIntroScreen)
        await pilot.press("enter")
        await settle(pilot, DimensionScreen)
        for key in ("question_mark", "f1"):
            await pilot.press(key)
            await settle(pilot, HelpScreen)
            await pilot.press("escape")
            await settle(pilot, DimensionScreen)
        # F1 works over a dialog too (a modal hides the app's other keys), showing the dialog's keys first, and F1
        # again closes it.
        await pilot.press("n")
        await settle(pilot, NoteScreen)
        await pilot.press("f1")
        help_screen = await settle(pilot, HelpScreen)
        assert isinstance(help_screen, HelpScreen) and help_screen.table == "note"
        await pilot.press("f1")
        await settle(pilot, NoteScreen)


# ----------------------------------------------------------------- lead and pair marks


async def test_lead_mode_rates_blind_then_sees_the_self_answer_and_writes_the_lead_slot() -> None:
    fw = builtin_framework(PRODUCT)
    keys = all_keys(fw)
    self_ratings = rate_all(fw, ["advanced", "intermediate"])
    path = make_assessment(fw, "Eli", "self", ratings={"self": self_ratings})
    app = make_app(assessment_path=path, mode="lead")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        intro = await settle(pilot, AreaIntroScreen)
        assert isinstance(intro, AreaIntroScreen) and intro.step.index == 0
        await pilot.press("enter")
        screen = await settle(pilot, DimensionScreen)
        assert "lead mode" in str(screen.sub_title)
        # The summary would list the hidden self ratings: its key says why it waits, on the walk and in Review.
        for opener in ([], ["r"]):
            await pilot.press(*opener, "u")
            await pilot.pause()
            assert not isinstance(app.screen, SummaryScreen)
            assert f"once you have rated the {len(keys)} dimensions" in str(list(app._notifications)[-1].message)
            if opener:
                assert isinstance(app.screen, ReviewScreen)
                await pilot.press("escape")
                await settle(pilot, DimensionScreen)
        assert "LEAD" in screen.query_one(WalkHeading).badge.plain
        # Blind: the agent's own rating is hidden until the lead has rated, and the cursor does not start on it.
        assert screen.cursor == 0
        assert not [title for title, text in card_texts(app).items() if "◆ self" in text]
        bar = str(screen.query_one("#answer-bar").content)
        assert "Self: hidden until you rate" in bar and "Advanced" not in bar
        await pilot.press("4")
        await settle(pilot, DimensionScreen)
        # The next one is hidden too; v shows it early.
        assert not [t for t, text in card_texts(app).items() if "◆ self" in text]
        cursor_before = dimension_screen(app).cursor
        await pilot.press("v")
        # Showing it early does not move the lead's cursor onto it.
        assert [t for t, text in card_texts(app).items() if "◆ self" in text] == ["2 Intermediate"]
        assert dimension_screen(app).cursor == cursor_before
        await pilot.press("escape")
        # Once rated, both are shown side by side.
        cards = card_texts(app)
        assert any("✔ lead" in text and "4 Senior" in title for title, text in cards.items())
        assert any("◆ self" in text and "3 Advanced" in title for title, text in cards.items())
        assert "Self: 3 Advanced" in str(dimension_screen(app).query_one("#answer-bar").content)
    saved = reload(path)
    assert saved.mode == "lead"
    assert [s.mode for s in saved.sessions] == ["lead"]
    assert saved.rating(*keys[0], "lead") == "senior"
    assert saved.rating(*keys[0], "self") == "advanced"


async def test_home_l_opens_the_selected_assessment_as_lead() -> None:
    fw = builtin_framework(PRODUCT)
    path = make_assessment(fw, "Fay", ratings={"self": rate_all(fw, ["senior"])})
    before = path.read_bytes()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, HomeScreen)
        await pilot.pause()
        await pilot.press("l")
        await settle(pilot, AreaIntroScreen)
        await pilot.press("enter")
        await settle(pilot, DimensionScreen)
        assert app.walk is not None and app.walk.mode == "lead" and app.walk.index == 0
        # Looking as lead writes nothing: the mode goes into the file only with a rating.
        await pilot.press("pagedown", "pageup")
        assert path.read_bytes() == before
        await pilot.press("3")
    assert reload(path).mode == "lead"


async def test_pair_mode_marks_self_and_lead_and_shows_both_suggested_levels() -> None:
    fw = builtin_framework(PRODUCT)
    first = all_keys(fw)[0]
    path = make_assessment(fw, "Gus", "pair", ratings={"self": {first: "intermediate"}, "lead": {first: "senior"}})
    app = make_app(assessment_path=path, mode="pair")
    async with app.run_test(size=(200, 50)) as pilot:
        # Nothing agreed yet in this area, so it starts with the area intro.
        await settle(pilot, AreaIntroScreen)
        await pilot.press("enter")
        screen = await settle(pilot, DimensionScreen)
        cards = card_texts(app)
        assert len(cards) == 5  # wide: every level side by side
        assert [t for t, text in cards.items() if "◆ self" in text] == ["2 Intermediate"]
        assert [t for t, text in cards.items() if "◆ lead" in text] == ["▶ 4 Senior"]  # cursor: lead before self
        bar = str(screen.query_one("#answer-bar").content)
        assert "Agreed: —" in bar and "Self: 2 Intermediate" in bar and "Lead: 4 Senior" in bar
        pair_line = str(screen.query_one("#pair-levels").content)
        assert "Self suggests" in pair_line and "Lead suggests" in pair_line
        await pilot.press("3")
    answer = reload(path).answer(*first)
    assert answer is not None and (answer.self_rating, answer.lead, answer.agreed) == (
        "intermediate",
        "senior",
        "advanced",
    )


async def test_narrow_terminal_shows_the_cursor_level_and_its_neighbours() -> None:
    path = make_assessment(PRODUCT)
    app = make_app(assessment_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, AreaIntroScreen)
        await pilot.press("enter")
        await settle(pilot, DimensionScreen)
        assert list(card_texts(app)) == ["▶ 1 Junior", "2 Intermediate", "3 Advanced"]
        await pilot.press("right", "right")
        assert list(card_texts(app)) == ["2 Intermediate", "▶ 3 Advanced", "4 Senior"]
        await pilot.press("right", "right", "right")  # stops at the top level
        assert list(card_texts(app)) == ["3 Advanced", "4 Senior", "▶ 5 Lead"]
        assert reload(path).answers == {}  # moving the cursor is not an answer


# ----------------------------------------------------------------- optional areas, summary, lock


@pytest.mark.parametrize("manager", [False, True])
async def test_people_manager_area_only_when_the_answer_is_yes(manager: bool) -> None:
    fw = builtin_framework(SPECIALIST)
    questions = {"people-manager": manager}
    path = make_assessment(fw, "Hal", questions=questions)
    app = make_app(assessment_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, AreaIntroScreen)
        assert app.walk is not None
        areas = {step.area.id for step in app.walk.steps}
        assert ("people-manager" in areas) is manager
        assert app.walk.total == (16 if manager else 12)
        if manager:
            # The walk of every framework answers the people-manager area (all questions yes); here, jump to it.
            await pilot.press("enter")
            await settle(pilot, DimensionScreen)
            await pilot.press("j", "end", "enter")
            await settle(pilot, DimensionScreen)
            assert app.walk.step.area.id == "people-manager"
            assert app.walk.step.area_index == 2
            return
        expected = await walk_to_end(pilot, path, fw, "self", questions)
    saved = reload(path)
    assert "people-manager" not in saved.answers
    assert len(expected) == 12
    tally = rules.counts(fw, saved, "self")
    assert (tally.answered, tally.total) == (12, 12)


async def test_summary_appears_after_the_last_dimension() -> None:
    fw = builtin_framework("customer-support-l1-l5")
    keys = all_keys(fw)
    path = make_assessment(fw, "Ivy", ratings={"self": {key: "l3" for key in keys[:-1]}})
    app = make_app(assessment_path=path)
    async with app.run_test(size=SIZE) as pilot:
        # The last area (Coachability) has one dimension and no answer yet: its intro comes first.
        await settle(pilot, AreaIntroScreen)
        await pilot.press("enter")
        await settle(pilot, DimensionScreen)
        assert app.walk is not None and app.walk.index == len(keys) - 1
        await pilot.press("3")
        summary = await settle(pilot, SummaryScreen)
        await pilot.pause()
        level = str(summary.query_one("#summary-level").content)
        assert level.startswith("Suggested level:")
        # r opens the review from the summary; escape goes back to the walk.
        await pilot.press("r")
        await settle(pilot, ReviewScreen)
        await pilot.press("escape")
        await settle(pilot, DimensionScreen)
        await pilot.press("u")
        await settle(pilot, SummaryScreen)
        await pilot.press("escape")
        await settle(pilot, DimensionScreen)
    tally = rules.counts(fw, reload(path), "self")
    assert (tally.answered, tally.total) == (len(keys), len(keys))


async def test_second_session_on_the_same_file_is_read_only(catalog: FrameworkCatalog) -> None:
    fw = builtin_framework(PRODUCT)
    path = make_assessment(fw, ratings={"self": {all_keys(fw)[0]: "senior"}})
    first = WalkSession.open(path, catalog)
    try:
        assert not first.read_only
        before = path.read_bytes()
        app = make_app(assessment_path=path, mode="lead")
        async with app.run_test(size=SIZE) as pilot:
            screen = await settle(pilot, AreaIntroScreen)
            assert "read-only" in str(screen.sub_title)  # said before the walk too, not only in a toast
            assert "Read-only: nothing chosen here is saved" in str(screen.query_one("#area-hint").render())
            await pilot.press("enter")
            screen = await settle(pilot, DimensionScreen)
            assert app.walk is not None and app.walk.read_only
            assert "read-only" in str(screen.sub_title)
            assert "read-only" in str(screen.query_one("#answer-bar").content)
            # Answer keys are dimmed (not available), and do nothing.
            assert screen.check_action("choose", ()) is None
            await pilot.press("2", "x", "0", "s", "enter", "n")
            await pilot.press("pagedown", "escape")
            await pilot.pause()
        # Neither answers, the lead mode, nor cursor moves reached the file.
        assert path.read_bytes() == before
        # The first session still writes.
        assert first.index == 1
        assert answer(first, "lead")
    finally:
        first.close()
    assert reload(path).rating(*all_keys(fw)[1], "self") == "lead"


async def test_home_lists_saved_assessments_and_enter_resumes(ladder_home: Path) -> None:
    from datetime import UTC, datetime

    fw = builtin_framework(PRODUCT)
    make_assessment(fw, "Old One", when=datetime(2026, 1, 5, tzinfo=UTC))
    newer = make_assessment(
        fw, "New One", ratings={"self": rate_all(fw, ["junior"])}, when=datetime(2026, 2, 5, tzinfo=UTC)
    )
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        home = await settle(pilot, HomeScreen)
        table = home.query_one(ResumeList)
        await home_rows(pilot, home, 2)
        assert [row[0] for row in table.rows] == ["New One", "Old One"]
        assert table.rows[0][3] == "25/25"
        assert table.rows[1][3] == "0/25"
        assert table.rows[0][4] == "2026-02-05 00:00"
        await pilot.press("enter")
        # Complete, so it opens on its summary.
        await settle(pilot, SummaryScreen)
        assert app.walk is not None and app.walk.path == newer
        await pilot.press("escape", "escape")
        assert app.walk.index == fw.dimension_count - 2
        await pilot.press("h")  # Home (in the palette too)
        await settle(pilot, HomeScreen)
        assert app.walk is None
        await pilot.press("down", "enter")  # the second row
        for _ in range(40):
            if app.walk is not None and app.walk.path.stem.startswith("old-one"):
                break
            await pilot.pause()
        assert app.walk is not None and app.walk.path.stem.startswith("old-one")


async def test_home_list_follows_keys_clicks_and_the_wheel_past_one_screen() -> None:
    fw = builtin_framework(PRODUCT)
    for number in range(30):
        make_assessment(fw, f"Person {number:02d}", when=datetime(2026, 1, 1 + number % 28, number % 24, tzinfo=UTC))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        home = await settle(pilot, HomeScreen)
        table = home.query_one(ResumeList)
        await home_rows(pilot, home, 30)
        assert table.has_focus and table.row_count == 30
        for _ in range(40):  # laid out on its own turn (later on a busy machine)
            if table.size.height > 1:
                break
            await pilot.pause()
        visible = table.size.height - 1
        assert 0 < visible < 30
        shown = str(table.render())
        assert f"1-{visible} of 30" in shown and table.rows[0][0] in shown and table.rows[visible][0] not in shown
        await pilot.press("end")
        assert table.cursor == 29 and table.top == 30 - visible
        assert table.rows[29][0] in str(table.render()) and table.rows[0][0] not in str(table.render())
        await pilot.press("home", "pagedown")
        assert table.cursor == visible
        await pilot.press("up")
        assert table.cursor == visible - 1
        for wheel, expected in ((events.MouseScrollDown, visible), (events.MouseScrollUp, visible - 1)):
            table.post_message(wheel(table, 3, 3, 0, 1, 0, False, False, False))
            for _ in range(20):  # a posted event is handled on the widget's own turn (later on a busy machine)
                await pilot.pause()
                if table.cursor == expected:
                    break
            assert table.cursor == expected
        await pilot.press("end")
        wanted = table.rows[table.top + 2][0]
        await pilot.click(table, offset=(3, 3))  # the header is line 0: line 3 is the third row in view
        await settle(pilot, AreaIntroScreen)
        assert app.walk is not None and load_assessment(app.walk.path).subject == wanted


async def test_lock_is_released_when_the_app_ends_without_ctrl_q(catalog: FrameworkCatalog) -> None:
    path = make_assessment(PRODUCT)
    app = make_app(assessment_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, AreaIntroScreen)
        await pilot.exit(None)
    walk = WalkSession.open(path, catalog)
    try:
        assert not walk.read_only
    finally:
        walk.close()


async def test_a_digit_beyond_the_last_level_answers_nothing() -> None:
    fw = builtin_framework("happiness-skills-tree")  # three levels: rookie, pro, master
    path = make_assessment(fw)
    app = make_app(assessment_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, AreaIntroScreen)
        await pilot.press("enter")
        await settle(pilot, DimensionScreen)
        before = path.read_bytes()
        await pilot.press("4", "9")
        assert app.walk is not None and app.walk.index == 0
        assert path.read_bytes() == before
        await pilot.press("3")
        assert app.walk.index == 1
    assert reload(path).rating(*all_keys(fw)[0], "self") == "master"


async def test_home_browses_the_frameworks() -> None:
    from ladder_tui.tui.screens.frameworks import FrameworksScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, HomeScreen)
        await pilot.press("f")
        screen = await settle(pilot, FrameworksScreen)
        assert screen.query_one(OptionList).option_count == 4
        await pilot.press("escape")
        await settle(pilot, HomeScreen)


async def test_an_answer_key_on_an_area_intro_answers_the_first_dimension() -> None:
    fw = builtin_framework(PRODUCT)
    path = make_assessment(fw, "Quick Typist")
    app = make_app(assessment_path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, AreaIntroScreen)
        await pilot.press("3")
        await pilot.pause()
        first_area, first_dim = all_keys(fw)[0]
        assert load_assessment(path).rating(first_area, first_dim, "self") == fw.levels[2].id
        assert isinstance(app.screen, DimensionScreen)


async def test_an_answer_on_an_intro_is_recorded_before_the_next_key_is_read() -> None:
    fw = builtin_framework(PRODUCT)
    path = make_assessment(fw, "Quick Typist")
    app = make_app(assessment_path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        intro = await settle(pilot, AreaIntroScreen)
        assert isinstance(intro, AreaIntroScreen)
        # No await between the key's action and the checks: a key typed straight after is read no earlier than this.
        intro.action_pick(3)
        walk = app.walk
        assert walk is not None and walk.rating(walk.steps[0]) == fw.levels[2].id
        assert walk.index == 1 and isinstance(app.screen, DimensionScreen)
        app.post_message(events.Key("1", "1"))
        for _ in range(10):
            await pilot.pause()
    saved = load_assessment(path)
    first, second = all_keys(fw)[:2]
    assert (saved.rating(*first, "self"), saved.rating(*second, "self")) == (fw.levels[2].id, fw.levels[0].id)


@pytest.mark.parametrize("served", [False, True])
async def test_ctrl_c_reminds_in_plain_words_how_to_quit_or_leave(served: bool) -> None:
    app = make_app(served=served)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert app.is_running
        (note,) = [str(n.message) for n in app._notifications]
        assert "Ctrl+Q" in note and "[" not in note
        assert ("leaves" in note) == served


async def test_pair_mode_walks_only_the_differences_not_applicable_included_and_pages_among_them() -> None:
    fw = builtin_framework("customer-support-l1-l5")
    keys = all_keys(fw)
    own = dict.fromkeys(keys, "l2")
    lead = dict.fromkeys(keys, "l2")
    own[keys[1]], lead[keys[1]] = "l1", "l3"  # a level apart
    own[keys[4]] = "na"  # "does not apply" against the lead's level: a difference too
    lead[keys[7]] = "l4"
    path = make_assessment(fw, "Ida", "pair", ratings={"self": own, "lead": lead})
    app = make_app(assessment_path=path, mode="pair")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, AreaIntroScreen)
        await pilot.press("enter")
        screen = await settle(pilot, DimensionScreen)
        assert isinstance(screen, DimensionScreen)
        await pilot.press("d")
        await pilot.pause()
        walk = screen.session
        assert walk.index == 1 and "difference 1 of 3 · 0 agreed" in screen.query_one(WalkHeading).count
        await pilot.press("pagedown")
        assert walk.index == 4 and "difference 2 of 3" in screen.query_one(WalkHeading).count
        await pilot.press("pagedown", "pagedown")  # past the last difference: stays on it
        assert walk.index == 7
        await pilot.press("pageup")
        assert walk.index == 4
        await pilot.press("2")  # agreed: on to the next difference, not the next dimension
        await settle(pilot, DimensionScreen)
        assert walk.index == 7
    assert reload(path).rating(*keys[4], "agreed") == "l2"
