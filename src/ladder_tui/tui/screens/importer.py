"""Import a ladder from files or a folder: the same importer and report as the command line."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from ladder_tui.core.errors import LadderError
from ladder_tui.core.importer import ImportResult
from ladder_tui.core.storage.catalog import FrameworkCatalog
from ladder_tui.tui.text import inert


def read_ladder(names: list[str]) -> ImportResult:
    """The import of the files (or the folder) named, as the command line reads them."""
    from ladder_tui.core.importer import import_ladder
    from ladder_tui.core.importer.sources import read_sources

    sources = read_sources(names)
    return import_ladder(sources.files, folder=sources.folder, notes=sources.notes, today=datetime.date.today())


class ImportScreen(ModalScreen[Path | None]):
    """Name the file(s), read what the import understood, then save it into the user frameworks folder."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel"),
        Binding("ctrl+s", "save", "Save", id="save"),
    ]

    def __init__(self, folder: Path, catalog: FrameworkCatalog) -> None:
        super().__init__()
        self.folder = folder
        self.catalog = catalog
        self.result: ImportResult | None = None
        #: ctrl+s was pressed once over an existing framework of the same id: the next one replaces it.
        self.replacing = False

    def compose(self) -> ComposeResult:
        with Vertical(id="import-dialog", classes="dialog"):
            yield Label("Import a ladder", classes="dialog-title")
            yield Label(
                "Markdown, HTML, YAML, JSON, CSV/TSV or XLSX; several files separated by commas, or a folder. "
                "Enter reads it; ctrl+s saves it into the frameworks folder.",
                classes="muted",
            )
            yield Input(placeholder="e.g. ~/ladders/support-ladder.xlsx", id="import-path")
            with VerticalScroll(id="import-report"):
                yield Static(id="import-text")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _read(self, event: Input.Submitted) -> None:
        names = [name.strip() for name in event.value.split(",") if name.strip()]
        report = self.query_one("#import-text", Static)
        if not names:
            return
        try:
            self.result = read_ladder(names)
        except LadderError as exc:
            self.result = None
            report.update(Content.styled(inert(str(exc)), "bold"))
            return
        lines = [inert(line) for line in self.result.report]
        target = self.folder / f"{self.result.framework_id}.toml"
        self.replacing = False
        lines.append("")
        if any("--" in line for line in self.result.report):
            # The report names the command line's options; here there is no option to give.
            lines.append("The options named above are those of `ladder-tui frameworks import` on the command line.")
        taken = self._taken(target)
        if taken:
            lines.append(f"{taken}: ctrl+s asks before replacing it; escape cancels.")
        else:
            lines.append(f"ctrl+s saves it as {target}; escape cancels.")
        report.update(Content("\n".join(lines)))

    def action_save(self) -> None:
        from ladder_tui.core.storage.assessments import write_framework

        if self.result is None:
            self.notify("Name a file and press enter to read it first.", severity="warning")
            return
        target = self.folder / f"{self.result.framework_id}.toml"
        taken = self._taken(target)
        if taken and not self.replacing:
            # Importing a ladder again after editing its source is normal: replace it, but only when asked twice.
            self.replacing = True
            self.notify(f"{taken}; ctrl+s again replaces it.", title="Replace?", severity="warning")
            return
        try:
            write_framework(self.result.data, target, force=self.replacing)
        except LadderError as exc:
            self.notify(str(exc), title="Not saved", severity="error", timeout=10)
            return
        self.dismiss(target)

    def _taken(self, target: Path) -> str:
        """What saving at `target` would replace: the file there, or another framework with the same id (a built-in
        one included, whose place it would take for every assessment on it); "" when nothing."""
        if self.result is None:
            return ""
        if target.exists():
            return f"{target} already exists"
        other = self.catalog.taken_by(self.result.framework_id, target)
        return f"The id {self.result.framework_id!r} is already {other}" if other else ""

    def action_cancel(self) -> None:
        self.dismiss(None)
