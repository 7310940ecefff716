"""The Area intro screen: the area's description and its overview row per level, before its dimensions."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from ladder_tui.core.framework import descriptor_statements
from ladder_tui.core.session import Step, WalkSession
from ladder_tui.tui.text import inert
from ladder_tui.tui.widgets.level_card import LevelCard, card_body
from ladder_tui.tui.widgets.room_banner import RoomBanner


class AreaIntroScreen(Screen[str | None]):
    """Introduces a skill area; enter goes on to its first dimension.

    An answer key typed here (a digit, 0, x, s) is not lost: it closes the intro and answers the first dimension, so
    someone answering quickly is never stuck on an intro they did not notice.
    """

    #: Narrow terminals stack the columns (app.tcss: `.-narrow`); only the screens that use it pay for it.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-normal"), (160, "-wide")]
    BINDINGS = [
        Binding("enter", "go_on", "Start area", id="start_area"),
        *[Binding(str(n), f"answer('pick({n})')", show=False, id=f"intro_pick_{n}") for n in range(1, 10)],
        Binding("0", "answer('below')", show=False, id="intro_below"),
        Binding("x", "answer('not_applicable')", show=False, id="intro_not_applicable"),
        Binding("s", "answer('skip')", show=False, id="intro_skip"),
        Binding("escape", "go_on", "Back", show=False, id="back"),
        Binding("question_mark", "app.help", "Help", id="help_key"),
    ]

    def __init__(self, session: WalkSession, step: Step) -> None:
        super().__init__()
        self.session = session
        self.step = step

    def compose(self) -> ComposeResult:
        area = self.step.area
        framework = self.session.framework
        areas = framework.applicable_areas(self.session.assessment.questions)
        yield Header(icon="≡")
        yield RoomBanner()
        with VerticalScroll(id="area-body"):
            heading = Text.assemble(
                (f"Area {self.step.area_index + 1} of {len(areas)}: ", "dim"), (inert(area.name), "bold")
            )
            yield Static(heading, id="area-title")
            if area.description:
                yield Static(inert(area.description), id="area-description")
            count = self.step.dimensions_in_area
            yield Static(
                f"{count} dimension{'s' if count != 1 else ''} follow: "
                + ", ".join(inert(dim.name) for dim in area.dimensions),
                id="area-count",
            )
            if area.overview:
                yield Static("What each level looks like in this area:", classes="section-title")
                with Horizontal(id="overview-row"):
                    for number, level in enumerate(framework.levels, start=1):
                        card = LevelCard()
                        card.border_title = f"{number} {inert(level.name)}"
                        statements = descriptor_statements(area.overview.get(level.id))
                        card.update(card_body(statements, []))
                        yield card
        yield Static("Press enter to start this area.", id="area-hint")
        yield Footer()

    def on_mount(self) -> None:
        self.title = f"{inert(self.session.assessment.subject)} · {self.session.framework.name}"

    def action_go_on(self) -> None:
        self.dismiss(None)

    def action_answer(self, action: str) -> None:
        self.dismiss(action)
