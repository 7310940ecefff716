"""Who is rating, and a walk that does what people expect (issue 12), driven through Pilot.

Each sitting chooses its mode (asked when others have rated), a lead rates blind, skips come back, the form's focus
order, 80x24 details (digits beside level names, hidden levels, toasts clear of the answer bar), exports to a path
the person chooses, and help made from the same command table as the keys.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from textual.widgets import Button, Input, Label, OptionList, RadioSet, Select, Static

from conftest import ROOT, all_keys, builtin_framework, make_assessment, rate_all, settle
from ladder_tui.core.storage.loader import load_assessment
from ladder_tui.tui import commands
from ladder_tui.tui.app import LadderApp, make_app
from ladder_tui.tui.screens.area import AreaIntroScreen
from ladder_tui.tui.screens.dimension import DimensionScreen
from ladder_tui.tui.screens.export import ExportScreen
from ladder_tui.tui.screens.finish import FinishScreen
from ladder_tui.tui.screens.help import HelpScreen, help_text
from ladder_tui.tui.screens.home import HomeScreen
from ladder_tui.tui.screens.new import NewAssessmentScreen
from ladder_tui.tui.screens.summary import SummaryScreen
from ladder_tui.tui.screens.who import WhoIsRatingScreen
from ladder_tui.tui.widgets.choices import GlyphCheckbox, GlyphRadioButton
from ladder_tui.tui.widgets.level_card import LevelCard
from ladder_tui.tui.widgets.walk_heading import WalkHeading

SIZE = (80, 24)
PRODUCT = "product-support-skills-matrix"
SPECIALIST = "support-specialist-l2-l4"
L1_L5 = "customer-support-l1-l5"


def card_titles(app: LadderApp) -> list[str]:
    from textual.content import Content

    return [Content.from_markup(card.border_title or "").plain for card in app.screen.query(LevelCard)]


# ----------------------------------------------------------------- the mode belongs to the sitting


async def test_a_plain_open_after_a_lead_answer_asks_and_never_writes_the_lead_slot() -> None:
    fw = builtin_framework(PRODUCT)
    keys = all_keys(fw)
    path = make_assessment(
        fw, "Ana Lima", "lead", assessment_id="ana",
        ratings={"self": rate_all(fw, ["advanced"]), "lead": {keys[0]: "senior"}},
    )  # fmt: skip
    app = make_app(assessment_path=path)  # `ladder-tui open ana`: no --mode
    async with app.run_test(size=SIZE) as pilot:
        who = await settle(pilot, WhoIsRatingScreen, tries=60)
        options = who.query_one(OptionList)
        prompts = [str(options.get_option_at_index(n).prompt) for n in range(options.option_count)]
        assert "25 ratings" in prompts[0] and "1 rating so far" in prompts[1] and "0 agreed" in prompts[2]
        await pilot.press("enter")  # the default: self
        screen = await settle(pilot, SummaryScreen, tries=60)  # every self rating is given: the result first
        assert app.walk is not None and app.walk.mode == "self"
        await pilot.press("escape")
        await settle(pilot, DimensionScreen, tries=60)
        assert "SELF" in app.screen.query_one(WalkHeading).badge.plain
        await pilot.press("home", "1", "escape", "2", "x", "0", "s", "pageup", "enter", "3")
        await pilot.pause()
        del screen
    saved = load_assessment(path)
    assert saved.rating(*keys[0], "lead") == "senior"
    assert all(saved.rating(*key, "lead") is None for key in keys[1:])
    assert saved.mode == "self"  # the sitting's mode went into the file with its ratings


async def test_the_who_is_rating_question_can_choose_lead_and_cancel() -> None:
    fw = builtin_framework(PRODUCT)
    path = make_assessment(fw, "Ana Lima", assessment_id="ana", ratings={"lead": {all_keys(fw)[0]: "senior"}})
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        home = await settle(pilot, HomeScreen, tries=60)
        for _ in range(40):
            if getattr(home, "rows", None):
                break
            await pilot.pause()
        await pilot.press("enter")
        await settle(pilot, WhoIsRatingScreen, tries=60)
        await pilot.press("escape")
        await settle(pilot, HomeScreen, tries=60)
        assert app.walk is None
        await pilot.press("enter")
        await settle(pilot, WhoIsRatingScreen, tries=60)
        await pilot.press("l")
        # The lead has rated in this area: no intro, on to their next one.
        await settle(pilot, DimensionScreen, tries=60)
        assert app.walk is not None and app.walk.mode == "lead" and app.walk.path == path
        assert app.walk.index == 1


async def test_the_mode_badge_is_on_screen_in_full_with_long_names() -> None:
    fw = builtin_framework(SPECIALIST)
    path = make_assessment(fw, "Maximiliana Wolfeschlegelsteinhausen-Bergerdorff", assessment_id="long")
    app = make_app(assessment_path=path, mode="pair")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, AreaIntroScreen, tries=60)
        await pilot.press("enter")
        screen = await settle(pilot, DimensionScreen, tries=60)
        heading = screen.query_one(WalkHeading)
        line = heading.render().plain
        # Badge, crumb and counter sit side by side on one line, the badge and the counter whole.
        assert line.startswith(" PAIR ") and line.endswith(heading.count) and "1 of " in line
        assert len(line) == heading.content_size.width <= SIZE[0]


# ----------------------------------------------------------------- skip means ask me again


async def test_the_end_of_the_walk_offers_the_skipped_dimensions_before_the_summary() -> None:
    fw = builtin_framework(L1_L5)
    keys = all_keys(fw)
    ratings = {key: "l2" for key in keys[:-1]}
    ratings[keys[1]] = "skip"
    ratings[keys[4]] = "skip"
    path = make_assessment(fw, "Ana", assessment_id="ana", ratings={"self": ratings})
    app = make_app(assessment_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, DimensionScreen, tries=60)
        assert app.walk is not None and app.walk.index == 1  # resume: the first skipped one
        # Skipped again: catching up goes on to the next unanswered one, and a skip of this pass is not offered again
        # in it, so the walk ends after the last one.
        await pilot.press("s")
        assert app.walk.index == 4
        await pilot.press("s")
        assert app.walk.index == len(keys) - 1
        await pilot.press("3")
        finish = await settle(pilot, FinishScreen, tries=60)
        assert "2 dimensions are still unanswered (2 skipped)" in str(finish.query("Label").first().content)
        await pilot.press("enter")  # answer them now
        await settle(pilot, DimensionScreen, tries=60)
        assert app.walk.index == 1
        await pilot.press("4")  # the next unanswered, not the next in order
        await settle(pilot, DimensionScreen, tries=60)
        assert app.walk.index == 4
        await pilot.press("5")
        await settle(pilot, SummaryScreen, tries=60)
    saved = load_assessment(path)
    assert (saved.rating(*keys[1], "self"), saved.rating(*keys[4], "self")) == ("l4", "l5")


# ----------------------------------------------------------------- the New form


async def test_new_form_focus_goes_field_to_field_with_no_invisible_stops() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, HomeScreen, tries=60)
        await pilot.press("n")
        new = await settle(pilot, NewAssessmentScreen, tries=60)
        frameworks = new.query_one("#new-frameworks", OptionList)
        index = [fw.id for fw in new.frameworks].index(SPECIALIST)
        await pilot.press(*["down"] * index)
        order = [type(app.focused)]
        for _ in range(5):
            await pilot.press("tab")
            order.append(type(app.focused))
        # The question is about the person, so it follows their name; then who is rating.
        assert order == [OptionList, Input, GlyphCheckbox, RadioSet, Select, Button], order
        assert frameworks.highlighted == index
        # Every option says its state with a glyph, not colour alone.
        radios = list(new.query(GlyphRadioButton))
        assert [radio.value for radio in radios] == [True, False, False]
        assert "●" in str(radios[0].render()) and "○" in str(radios[1].render())


# ----------------------------------------------------------------- 80x24 details


async def test_cards_name_the_digit_that_picks_them_where_it_differs_from_the_level_number() -> None:
    fw = builtin_framework(SPECIALIST)  # Level 2 .. Level 4: key 1 is Level 2
    path = make_assessment(fw, "Dara", assessment_id="dara")
    app = make_app(assessment_path=path)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot, AreaIntroScreen, tries=60)
        await pilot.press("enter")
        await settle(pilot, DimensionScreen, tries=60)
        titles = card_titles(app)
        assert titles[0].startswith("▶ key 1: ") and "Level 2" in titles[0]
        assert titles[2].startswith("key 3: ") and "Level 4" in titles[2]
        await pilot.press("3")
    assert load_assessment(path).rating(*all_keys(fw)[0], "self") == "level-4"
    # Where digits and level numbers agree, the plain number.
    fw = builtin_framework(L1_L5)
    path = make_assessment(fw, "Eve", assessment_id="eve")
    app = make_app(assessment_path=path)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot, AreaIntroScreen, tries=60)
        await pilot.press("enter")
        await settle(pilot, DimensionScreen, tries=60)
        assert card_titles(app)[0].startswith("▶ 1 ")


async def test_hidden_levels_are_counted_on_each_side() -> None:
    path = make_assessment(PRODUCT, "Ana", assessment_id="ana")
    app = make_app(assessment_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, AreaIntroScreen, tries=60)
        await pilot.press("enter")
        screen = await settle(pilot, DimensionScreen, tries=60)
        assert str(screen.query_one("#hint-right").content) == "2 more ›"
        assert str(screen.query_one("#hint-left").content) == ""
        await pilot.press("right", "right")
        assert str(screen.query_one("#hint-left").content) == "‹ 1 more"
        assert str(screen.query_one("#hint-right").content) == "1 more ›"


async def test_a_long_description_says_there_is_more_and_toasts_stay_clear_of_the_answer_bar() -> None:
    fw = builtin_framework(SPECIALIST)
    path = make_assessment(fw, "Dara", assessment_id="dara")
    app = make_app(assessment_path=path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot, AreaIntroScreen, tries=60)
        await pilot.press("enter")
        screen = await settle(pilot, DimensionScreen, tries=60)
        await pilot.pause()
        cards = screen.query_one("#cards")
        hint = screen.query_one("#more-below")
        assert cards.max_scroll_y > 0 and hint.display  # the statements run on below: said, not cut
        await pilot.press("end")
        for _ in range(10):
            await pilot.pause()
        assert not hint.display  # scrolled to the end: nothing more
        app.notify("A toast that must not hide the answer bar")
        from textual.widgets._toast import Toast

        for _ in range(20):
            await pilot.pause(0.05)
            if app.screen.query(Toast):
                break
        toast = app.screen.query(Toast).first()
        bar = screen.query_one("#answer-bar")
        assert toast.region.bottom <= bar.region.y, (toast.region, bar.region)


async def test_every_key_of_the_dimension_screen_is_in_the_key_hints_at_80x24() -> None:
    path = make_assessment(PRODUCT, "Ana", assessment_id="ana")
    app = make_app(assessment_path=path, mode="lead")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, AreaIntroScreen, tries=60)
        await pilot.press("enter")
        screen = await settle(pilot, DimensionScreen, tries=60)
        from ladder_tui.tui.widgets.key_hints import KeyHints

        hints = screen.query_one(KeyHints)
        text = str(hints.content)
        for command in commands.COMMANDS["dimension"]:
            if command.show and screen.check_action(command.name, command.args) is not False:
                assert f"{command.display} {command.label}" in text, command.id
        assert hints.region.bottom == SIZE[1]  # on screen, at the bottom


# ----------------------------------------------------------------- review, exports, help


async def test_export_goes_where_the_person_chooses_and_the_toast_says_where(tmp_path: Path) -> None:
    fw = builtin_framework(L1_L5)
    path = make_assessment(fw, "Ana", assessment_id="ana", ratings={"self": rate_all(fw, ["l2"])})
    app = make_app(assessment_path=path)
    target = tmp_path / "for-the-1-1.html"
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await settle(pilot, SummaryScreen, tries=60)
            await pilot.press("e")
            export = await settle(pilot, ExportScreen, tries=60)
            field = export.query_one(Input)
            assert field.value == str(tmp_path / "ana-summary.md")  # the current folder by default
            export.query_one("#fmt-html", GlyphRadioButton).value = True  # HTML
            await pilot.pause()
            assert field.value == str(tmp_path / "ana-summary.html")
            field.value = str(target)
            field.focus()
            await pilot.press("enter")
            await settle(pilot, SummaryScreen, tries=60)
            await pilot.pause()
            messages = [str(n.message) for n in app._notifications]
            assert any(str(target) in message for message in messages), messages
    finally:
        os.chdir(cwd)
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    # Never over one of ladder-tui's own files.
    app = make_app(assessment_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, SummaryScreen, tries=60)
        before = path.read_bytes()
        await pilot.press("e")
        export = await settle(pilot, ExportScreen, tries=60)
        export.query_one(Input).value = str(path)
        export.query_one(Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        # Refused: the dialog stays open with the reason, so the path can be corrected in place.
        assert app.screen is export
        assert "Not written" in str(export.query_one("#export-error", Static).content)
        assert export.query_one("#export-error").display
        assert path.read_bytes() == before
        # Standard output and devices are the app's own screen here: refused in the dialog, nothing written.
        for stream in ("-", os.devnull):
            export.query_one(Input).value = stream
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen is export, stream
            assert "give a file name" in str(export.query_one("#export-error", Static).content), stream
        export.query_one(Input).value = str(tmp_path / "elsewhere.md")
        await pilot.press("enter")
        await settle(pilot, SummaryScreen, tries=60)
        assert path.read_bytes() == before
    assert (tmp_path / "elsewhere.md").read_text(encoding="utf-8").startswith("# Summary: Ana")


async def test_in_a_shared_room_exports_go_to_the_data_folder(ladder_home: Path) -> None:
    fw = builtin_framework(L1_L5)
    path = make_assessment(fw, "Ana", assessment_id="ana", ratings={"self": rate_all(fw, ["l2"])})
    app = make_app(assessment_path=path, served=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, SummaryScreen, tries=60)
        await pilot.press("e")
        export = await settle(pilot, ExportScreen, tries=60)
        assert export.query_one(Input).disabled
        await pilot.press("enter")
        await settle(pilot, SummaryScreen, tries=60)
    assert (ladder_home / "exports" / "ana-summary.md").read_text(encoding="utf-8").startswith("# Summary: Ana")


async def test_the_palette_offers_this_screens_commands_and_finds_any_dimension_by_typing() -> None:
    path = make_assessment(PRODUCT, "Ana", assessment_id="ana")
    app = make_app(assessment_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, AreaIntroScreen, tries=60)
        await pilot.press("enter")
        screen = await settle(pilot, DimensionScreen, tries=60)
        offered = list(app.get_system_commands(screen))
        listed = [command.title for command in offered if command.discover]
        assert "Help" in listed and "Review all answers" in listed and "Summary" in listed
        # Nothing that writes into the current folder, and no second help.
        assert "Screenshot" not in listed and "Keys" not in listed
        # Every dimension can be reached by typing its name, without 25 entries on an empty search.
        go_to = [command for command in offered if command.title.startswith("Go to ")]
        assert len(go_to) == builtin_framework(PRODUCT).dimension_count
        assert not any(command.discover for command in go_to)
        go_to[3].callback()
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, DimensionScreen) and app.screen.session.index == 3


async def test_help_lists_the_keys_of_the_screen_it_was_opened_on_first() -> None:
    path = make_assessment(PRODUCT, "Ana", assessment_id="ana")
    app = make_app(assessment_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, AreaIntroScreen, tries=60)
        await pilot.press("enter")
        await settle(pilot, DimensionScreen, tries=60)
        await pilot.press("question_mark")
        help_screen = await settle(pilot, HelpScreen, tries=60)
        assert help_screen.table == "dimension"
    text = help_text("dimension").plain
    first = text.index("On a dimension")
    assert first == 0
    for keys, what in commands.help_rows("dimension"):
        assert keys in text and what in text
    assert text.index("\nEverywhere\n") < text.index("\nHow it works\n") < text.index("\nHome\n")
    # Ctrl+Q is one thing at a time: quit at home, leave in a room served over SSH.
    assert "quit: everything is already saved" in text and "leave the shared room" not in text
    served = help_text("dimension", served=True).plain
    assert "leave the shared room" in served and "quit: everything is already saved" not in served


def _screen_classes() -> list[type]:
    """Every screen of the app, found by importing every module under tui/screens."""
    import importlib
    import inspect
    import pkgutil

    from textual.screen import Screen

    import ladder_tui.tui.screens as package

    found: list[type] = []
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        found += [
            cls
            for _, cls in inspect.getmembers(module, inspect.isclass)
            if issubclass(cls, Screen) and cls.__module__ == module.__name__
        ]
    return found


def test_every_screens_keys_come_from_the_command_table_and_help_lists_them() -> None:
    from textual.binding import Binding

    screens = _screen_classes()
    assert len(screens) >= 15, [cls.__name__ for cls in screens]
    covered = {commands.APP}
    for cls in screens:
        # Every screen, modals included, takes its keys from one table: nothing bound beside it.
        assert issubclass(cls, commands.Keyed), f"{cls.__name__} keeps its keys outside the command table"
        table = cls.COMMAND_TABLE
        covered.add(table)
        own = [b for b in cls.BINDINGS if isinstance(b, Binding)]
        assert [(b.key, b.action) for b in own] == [(b.key, b.action) for b in commands.bindings(table)], cls.__name__
        for command in commands.COMMANDS[table]:
            # Each command names a real method: of the app, or of this screen (a focused list handles unbound ones).
            owner = LadderApp if command.on_app else cls
            if command.bound:
                assert callable(getattr(owner, f"action_{command.name}", None)), (cls.__name__, command.name)
        text = help_text(table).plain
        for keys, what in commands.help_rows(table):
            assert f"  {keys:<8} {what}" in text, (table, keys)
        assert text.startswith(commands.TITLES[table] + "\n")
    # No table is left without a screen, and every table has a title in the help.
    assert covered == set(commands.COMMANDS), set(commands.COMMANDS) - covered
    assert set(commands.TITLES) == set(commands.COMMANDS)


def test_readme_keys_table_matches_the_command_table() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| key |") : readme.index("\n\n", readme.index("| key |"))]
    rows = dict(re.findall(r"^\| ([^|]+?) \| ([^|]+?) \|$", table, flags=re.MULTILINE)[1:])  # after the header
    shown = {command.display: command for command in commands.COMMANDS["dimension"] if command.in_help}
    assert set(rows) == set(shown), set(rows) ^ set(shown)


async def test_in_a_room_the_export_shows_no_host_path_and_offers_your_own_copy(
    ladder_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fw = builtin_framework(L1_L5)
    path = make_assessment(fw, "Ana", assessment_id="ana", ratings={"self": rate_all(fw, ["l2"])})
    monkeypatch.setenv("LADDER_TUI_SERVED", "1")
    monkeypatch.setenv("LADDER_TUI_ROOM_SSH", "ssh -p 2222 ana@team.example")
    app = make_app(assessment_path=path, served=True)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot, SummaryScreen, tries=60)
        await pilot.press("e")
        export = await settle(pilot, ExportScreen, tries=60)
        assert export.query_one(Input).value == "exports/ana-summary.md"
        own = str(export.query_one("#export-own-copy", Label).render())
        assert "ssh -p 2222 ana@team.example summary --format markdown" in own
        await pilot.press("enter")
        await settle(pilot, SummaryScreen, tries=60)
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
    assert any("Wrote exports/ana-summary.md" in message for message in messages), messages
    assert not any(str(ladder_home) in message for message in messages)
    assert (ladder_home / "exports" / "ana-summary.md").is_file()
