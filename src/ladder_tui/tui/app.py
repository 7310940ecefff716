"""The Textual app and its factory, used by the CLI, the tests and the screenshot script alike."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen

from ladder_tui.core.catalog import FrameworkCatalog
from ladder_tui.core.errors import LadderError
from ladder_tui.tui.idle_gc import IdleCollector
from ladder_tui.tui.served import is_served

if TYPE_CHECKING:
    # Deferred: the models bring pydantic (~90 ms, ~10 MB); Home shows before anyone opens an assessment.
    from ladder_tui.core.assessment import Mode
    from ladder_tui.core.session import WalkSession

LIGHT_THEME = "textual-light"
DARK_THEME = "textual-dark"


class LadderApp(App[None]):
    """ladder-tui: Home, the walk through an assessment, review and summary."""

    CSS_PATH = "app.tcss"
    TITLE = "ladder-tui"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
        Binding("f1", "help", "Help", id="help", show=False),
        Binding("f2", "toggle_dark", "Light/dark", id="theme", show=False),
    ]

    room_banner: reactive[str] = reactive("")
    """Who is in the room, when served over SSH (empty otherwise)."""

    def __init__(
        self,
        *,
        catalog: FrameworkCatalog | None = None,
        assessment_path: Path | None = None,
        mode: Mode | None = None,
        theme: str | None = None,
        served: bool | None = None,
    ) -> None:
        super().__init__()
        self.catalog = catalog or FrameworkCatalog()
        self.initial_path = assessment_path
        self.initial_mode: Mode | None = mode
        self.served = is_served() if served is None else served
        if self.served:
            # In a shared room the server turns Ctrl+Q into "leave"; the footer should say so.
            self._bindings.key_to_bindings["ctrl+q"] = [Binding("ctrl+q", "quit", "Leave", id="quit", priority=True)]
        self.walk: WalkSession | None = None
        self.idle_gc = IdleCollector()
        if theme:
            self.theme = theme

    def get_default_screen(self) -> Screen[None]:
        # Home is the bottom of the stack itself, rather than pushed over an empty default screen: one screen less
        # to build and lay out before the first paint.
        from ladder_tui.tui.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        self.idle_gc.start(self)
        if self.served:
            from ladder_tui.tui.served import install_served_mode

            install_served_mode(self)
        if self.initial_path is not None:
            self.open_walk(self.initial_path, self.initial_mode)

    # ----- the walk -----

    def open_walk(self, path: Path, mode: Mode | None = None) -> None:
        """Open an assessment and show it at its first unanswered dimension (or its summary when complete)."""
        from ladder_tui.core.session import WalkSession
        from ladder_tui.tui.screens.dimension import DimensionScreen

        self.close_walk()
        try:
            walk = WalkSession.open(path, self.catalog, mode=mode)
        except LadderError as exc:
            self.notify(str(exc), title="Cannot open", severity="error", timeout=10)
            return
        self.walk = walk
        for warning in walk.opened.warnings:
            self.notify(warning, title="Framework changed", severity="warning", timeout=12)
        if walk.read_only:
            self.notify(
                "This assessment is open in another ladder-tui; showing it read-only.",
                title="Read-only",
                severity="warning",
                timeout=12,
            )
        self.push_screen(DimensionScreen(walk))
        if walk.complete:
            # Nothing left to answer: land on the result; escape leads back into the walk to change answers.
            from ladder_tui.tui.screens.summary import SummaryScreen

            self.push_screen(SummaryScreen(walk))

    def on_unmount(self) -> None:
        # However the app ends (quit, exit, a crash), let go of the assessment's lock.
        self.close_walk()
        self.idle_gc.stop()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.MouseDown | events.MouseScrollDown | events.MouseScrollUp):
            self.idle_gc.note_input()
        await super().on_event(event)

    def close_walk(self) -> None:
        if self.walk is not None:
            self.walk.close()
            self.walk = None

    def set_room_banner(self, text: str) -> None:
        """Called by served mode whenever someone joins, leaves or resizes."""
        self.room_banner = text

    # ----- app-wide actions -----

    def action_help(self) -> None:
        from ladder_tui.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_go_home(self) -> None:
        """Close the assessment (everything is already saved) and show Home."""
        from ladder_tui.tui.screens.home import HomeScreen

        self.close_walk()
        while len(self.screen_stack) > 1 and not isinstance(self.screen_stack[-1], HomeScreen):
            self.pop_screen()

    def action_toggle_dark(self) -> None:
        self.theme = LIGHT_THEME if self.theme != LIGHT_THEME else DARK_THEME

    async def action_quit(self) -> None:
        if self.served:
            self.notify("In a shared room Ctrl+Q leaves (your ssh closes); the room stays open for the others.")
            return
        saved = self.walk is not None and not self.walk.read_only
        self.close_walk()
        self.exit(message="Everything is saved." if saved else None)

    def action_suspend_process(self) -> None:
        # Over SSH a Ctrl+Z would stop the app for everybody in the room.
        if not self.served:
            super().action_suspend_process()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help", "Keys and how the walk works", self.action_help)
        yield SystemCommand(
            "Light / dark theme", "Switch between the light and the dark theme", self.action_toggle_dark
        )
        if self.walk is not None:
            yield SystemCommand(
                "Home", "Close this assessment (every answer is saved) and go to Home", self.action_go_home
            )
            yield from self._walk_commands(self.walk)

    def _walk_commands(self, walk: WalkSession) -> Iterable[SystemCommand]:
        from ladder_tui.tui.screens.dimension import DimensionScreen

        dimension_screen = next((s for s in self.screen_stack if isinstance(s, DimensionScreen)), None)
        if dimension_screen is None:
            return
        yield SystemCommand("Review all answers", "Every dimension and its answer", dimension_screen.action_review)
        yield SystemCommand("Summary", "Suggested level, focus areas, strengths", dimension_screen.action_summary)
        for fmt in ("markdown", "html", "json", "text"):
            yield SystemCommand(
                f"Export summary as {fmt}",
                f"Write the summary beside the assessment file as {fmt}",
                lambda fmt=fmt: dimension_screen.export(fmt),
            )
        for step in walk.steps:

            def jump(index: int = step.index) -> None:
                if self.screen is not dimension_screen:
                    self.pop_screen()
                dimension_screen.go_to(index)

            yield SystemCommand(
                f"Go to {step.area.name} > {step.dimension.name}",
                f"Dimension {step.index + 1} of {walk.total}",
                jump,
            )


def make_app(
    *,
    assessment_path: Path | None = None,
    mode: str | None = None,
    catalog: FrameworkCatalog | None = None,
    theme: str | None = None,
    served: bool | None = None,
) -> LadderApp:
    """The one way to build the app: the CLI, the tests and the screenshot script all come through here."""
    return LadderApp(
        catalog=catalog,
        assessment_path=assessment_path,
        mode=mode,  # type: ignore[arg-type]
        theme=theme,
        served=served,
    )
