"""The Area intro screen: the area's description and its overview row per level, before its dimensions."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from ladder_tui.core.domain.session import Step, WalkSession
from ladder_tui.core.domain.walk import BELOW_FIRST, NOT_APPLICABLE_HERE, SKIP, Choice, PickLevel
from ladder_tui.core.presentation.text import plural
from ladder_tui.tui import commands
from ladder_tui.tui.commands import Keyed
from ladder_tui.tui.text import inert, one_line
from ladder_tui.tui.widgets.key_hints import KeyHints
from ladder_tui.tui.widgets.level_card import LevelCard, card_body, card_title
from ladder_tui.tui.widgets.room_banner import RoomBanner


class AreaIntroScreen(Keyed, Screen[None]):
    """Introduces a skill area; enter goes on to its first dimension.

    An answer key typed here (a digit, 0, x, s) is not lost: it closes the intro and answers the first dimension, so
    someone answering quickly is never stuck on an intro they did not notice.

    `answer` is the walk's handler for that key (a typed `Choice`), handed in by whoever pushed the intro: a result
    callback, as `push_screen` takes one, but run within the key's own handling rather than later (see `_answer`).
    The intro knows nothing of the screen below it.
    """

    COMMAND_TABLE = "area"
    BINDINGS: ClassVar[list[BindingType]] = list(commands.bindings(COMMAND_TABLE))
    #: Narrow terminals stack the columns (app.tcss: `.-narrow`); only the screens that use it pay for it.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-normal"), (160, "-wide")]

    def __init__(self, session: WalkSession, step: Step, answer: Callable[[Choice], None]) -> None:
        super().__init__()
        self.session = session
        self.step = step
        self.answer = answer

    def compose(self) -> ComposeResult:
        area = self.step.area
        framework = self.session.framework
        areas = framework.applicable_areas(self.session.assessment.questions)
        yield Header(icon="≡")
        yield RoomBanner()
        with VerticalScroll(id="area-body"):
            heading = Content.assemble(
                (f"Area {self.step.area_index + 1} of {len(areas)}: ", "dim"), (inert(area.name), "bold")
            )
            yield Static(heading, id="area-title")
            if area.description:
                yield Static(Content(inert(area.description)), id="area-description")
            count = self.step.dimensions_in_area
            yield Static(
                Content(
                    f"{plural(count, 'dimension')} {'follows' if count == 1 else 'follow'}: "
                    + ", ".join(inert(dim.name) for dim in area.dimensions)
                ),
                id="area-count",
            )
            if area.overview:
                yield Static("What each level looks like in this area:", classes="section-title")
                with Horizontal(id="overview-row"):
                    for number, level in enumerate(framework.levels, start=1):
                        card = LevelCard()
                        card.border_title = card_title(level, number, level.name, key=False)
                        card.update(card_body(area.overview.get(level.id, ()), []))
                        yield card
        hint = "Press enter to start this area."
        if self.session.read_only:
            # Said before the walk, not only on its screens: nothing typed in this window is saved.
            hint = f"{hint} Read-only: nothing chosen here is saved."
        yield Static(Content(hint), id="area-hint")
        yield KeyHints()

    def on_mount(self) -> None:
        session = self.session
        self.title = f"{one_line(session.assessment.subject, 40)} · {one_line(session.framework.name, 60)}"
        self.sub_title = f"{session.mode} mode" + (" · read-only" if session.read_only else "")

    def action_go_on(self) -> None:
        self.dismiss(None)

    def action_pick(self, number: int) -> None:
        self._answer(PickLevel(number))

    def action_below(self) -> None:
        self._answer(BELOW_FIRST)

    def action_not_applicable(self) -> None:
        self._answer(NOT_APPLICABLE_HERE)

    def action_skip(self) -> None:
        self._answer(SKIP)

    def _answer(self, choice: Choice) -> None:
        # Closed first (popping is immediate), then answered in this same key's handling: a key typed straight
        # after reaches the walk already on the next dimension. Handing the answer back through dismiss() would
        # run it later, after keys typed quickly behind it had answered the first dimension instead.
        self.dismiss(None)
        self.answer(choice)
