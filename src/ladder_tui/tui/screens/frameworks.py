"""Browse the frameworks: the list on the left, a preview of levels and areas on the right."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from ladder_tui.core.domain.framework import Framework
from ladder_tui.core.presentation.text import plural
from ladder_tui.core.storage.catalog import FrameworkCatalog
from ladder_tui.tui import commands
from ladder_tui.tui.commands import Keyed
from ladder_tui.tui.messages import FrameworksChanged
from ladder_tui.tui.text import inert
from ladder_tui.tui.widgets.key_hints import KeyHints
from ladder_tui.tui.widgets.quiet_scroll import QuietScroll
from ladder_tui.tui.widgets.room_banner import RoomBanner


def framework_preview(framework: Framework) -> Content:
    """Levels and areas of a framework, compact enough for the side of a screen (all of it literal text)."""
    parts: list[Content | tuple[str, str] | str] = [(inert(framework.name), "bold")]
    parts.append(
        f"\n{plural(len(framework.levels), 'level')} · {plural(len(framework.areas), 'area')} · "
        f"{plural(framework.dimension_count, 'dimension')}\n"
    )
    if framework.source is not None:
        parts.append((f"Source: {inert(framework.source.title)}\n", "dim"))
        parts.append((f"{inert(framework.source.credit)}\n", "dim"))
    if framework.description:
        parts.append(f"\n{inert(framework.description)}\n")
    parts.append(("\nLevels\n", "bold"))
    for number, level in enumerate(framework.levels, start=1):
        parts.append(f" {number} {inert(level.name)}\n")
    if framework.editorial_levels:
        parts.append((" (their descriptions are ladder-tui's words, not the source's)\n", "dim italic"))
    parts.append(("\nAreas\n", "bold"))
    for area in framework.areas:
        optional = "  (optional)" if area.applies_if else ""
        parts.append(f" • {inert(area.name)} ({len(area.dimensions)}){optional}\n")
    for question in framework.questions:
        parts.append((f"\nAsks: {inert(question.prompt)}\n", "italic"))
    return Content.assemble(*parts)


class FrameworksScreen(Keyed, Screen[None]):
    """What ladders are available, and where a team's own ones go."""

    COMMAND_TABLE = "frameworks"
    BINDINGS: ClassVar[list[BindingType]] = list(commands.bindings(COMMAND_TABLE))

    def __init__(self, catalog: FrameworkCatalog, *, served: bool = False) -> None:
        super().__init__()
        self.catalog = catalog
        self.served = served
        self.frameworks: list[Framework] = []

    def compose(self) -> ComposeResult:
        from ladder_tui.core.storage.paths import user_frameworks_dir

        self.frameworks = self.catalog.frameworks()
        yield Header(icon="≡")
        yield RoomBanner()
        with Horizontal(id="fw-body"):
            yield OptionList(*[Option(Content(inert(fw.name)), id=fw.id) for fw in self.frameworks], id="fw-list")
            with QuietScroll(id="fw-preview-scroll"):
                yield Static(id="fw-preview")
        problems = [f"Skipped {entry.error.problems[0]}" for entry in self.catalog.broken() if entry.error]
        hint = f"Add your own: drop a TOML file into {user_frameworks_dir()} (see docs/frameworks.md)."
        yield Static(Content(inert("\n".join([hint, *problems]))), id="fw-hint")
        yield KeyHints()

    def on_mount(self) -> None:
        self.title = "ladder-tui"
        self.sub_title = "Frameworks"
        if self.frameworks:
            self.query_one(OptionList).highlighted = 0

    def _fill_list(self) -> None:
        """Read the catalog again (a framework was imported) and show it, the new one highlighted."""
        before = {fw.id for fw in self.frameworks}
        self.frameworks = self.catalog.frameworks()
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options([Option(Content(inert(fw.name)), id=fw.id) for fw in self.frameworks])
        added = [index for index, fw in enumerate(self.frameworks) if fw.id not in before]
        if self.frameworks:
            options.highlighted = added[0] if added else 0
        options.focus()

    @on(OptionList.OptionHighlighted)
    def _preview(self, event: OptionList.OptionHighlighted) -> None:
        framework = self.frameworks[event.option_index]
        self.query_one("#fw-preview", Static).update(framework_preview(framework))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "import_ladder":
            return not self.served  # in a room served over SSH no member may name a path on the host
        return True

    def action_import_ladder(self) -> None:
        from ladder_tui.core.storage.paths import user_frameworks_dir
        from ladder_tui.tui.screens.importer import ImportScreen

        def imported(path: Path | None) -> None:
            if path is None:
                return
            self.post_message(FrameworksChanged())
            self.catalog.reload()
            self.notify(f"Imported {path}", title="Framework imported")
            self._fill_list()

        self.app.push_screen(ImportScreen(user_frameworks_dir(), self.catalog), imported)

    def action_back(self) -> None:
        self.dismiss()
