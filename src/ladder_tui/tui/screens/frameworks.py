"""Browse the frameworks: the list on the left, a preview of levels and areas on the right."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from ladder_tui.core.framework import Framework
from ladder_tui.tui.text import inert
from ladder_tui.tui.widgets.room_banner import RoomBanner


def framework_preview(framework: Framework) -> Text:
    """Levels and areas of a framework, compact enough for the side of a screen."""
    text = Text()
    text.append(inert(framework.name), style="bold")
    text.append(
        f"\n{len(framework.levels)} levels · {len(framework.areas)} areas · {framework.dimension_count} dimensions\n"
    )
    if framework.source is not None:
        text.append(f"Source: {inert(framework.source.title)}\n", style="dim")
        text.append(f"{inert(framework.source.credit)}\n", style="dim")
    if framework.description:
        text.append(f"\n{inert(framework.description)}\n")
    text.append("\nLevels\n", style="bold")
    for number, level in enumerate(framework.levels, start=1):
        text.append(f" {number} {inert(level.name)}\n")
    text.append("\nAreas\n", style="bold")
    for area in framework.areas:
        optional = "  (optional)" if area.applies_if else ""
        text.append(f" • {inert(area.name)} ({len(area.dimensions)}){optional}\n")
    for question in framework.questions:
        text.append(f"\nAsks: {inert(question.prompt)}\n", style="italic")
    return text


class FrameworksScreen(Screen[None]):
    """What ladders are available, and where a team's own ones go."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="back"),
        Binding("question_mark", "app.help", "Help", id="help_key"),
    ]

    def compose(self) -> ComposeResult:
        from ladder_tui.core.paths import user_frameworks_dir

        catalog = self.app.catalog  # type: ignore[attr-defined]
        self.frameworks: list[Framework] = catalog.frameworks()
        yield Header(icon="≡")
        yield RoomBanner()
        with Horizontal(id="fw-body"):
            yield OptionList(*[Option(inert(fw.name), id=fw.id) for fw in self.frameworks], id="fw-list")
            with VerticalScroll(id="fw-preview-scroll"):
                yield Static(id="fw-preview")
        problems = [f"Skipped {entry.error.problems[0]}" for entry in catalog.broken() if entry.error]
        hint = f"Add your own: drop a TOML file into {user_frameworks_dir()} (see docs/frameworks.md)."
        yield Static("\n".join([hint, *problems]), id="fw-hint")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "ladder-tui"
        self.sub_title = "Frameworks"
        if self.frameworks:
            self.query_one(OptionList).highlighted = 0

    @on(OptionList.OptionHighlighted)
    def _preview(self, event: OptionList.OptionHighlighted) -> None:
        framework = self.frameworks[event.option_index]
        self.query_one("#fw-preview", Static).update(framework_preview(framework))
