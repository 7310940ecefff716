"""Import a ladder from files or a folder: the same importer and report as the command line."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from ladder_tui.core.errors import LadderError
from ladder_tui.core.importer import ImportResult
from ladder_tui.core.storage.catalog import FrameworkCatalog
from ladder_tui.tui import commands
from ladder_tui.tui.commands import Keyed
from ladder_tui.tui.text import inert


class ImportScreen(Keyed, ModalScreen[Path | None]):
    """Name the file(s), read what the import understood, then save it into the user frameworks folder."""

    COMMAND_TABLE = "import"
    BINDINGS: ClassVar[list[BindingType]] = list(commands.bindings(COMMAND_TABLE))

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
                "Markdown, HTML, YAML, JSON, CSV/TSV, XLSX or DOCX; several files separated by commas, or a folder. "
                "Enter reads it and shows what it understood, to correct before anything is written.",
                classes="muted",
            )
            yield Input(placeholder="e.g. ~/ladders/support-ladder.xlsx", id="import-path")
            with VerticalScroll(id="import-report"):
                yield Static(id="import-text")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _read(self, event: Input.Submitted) -> None:
        from ladder_tui.core.services import importing

        names = [name.strip() for name in event.value.split(",") if name.strip()]
        report = self.query_one("#import-text", Static)
        if not names:
            return
        try:
            self.result = importing.read_ladder(names)
        except LadderError as exc:
            self.result = None
            report.update(Content.styled(inert(str(exc)), "bold"))
            return
        from ladder_tui.tui.screens.import_preview import ImportPreviewScreen

        def previewed(saved: Path | None) -> None:
            if saved is not None:
                self.dismiss(saved)

        # What it understood, part by part, to correct with keys before anything is written.
        self.app.push_screen(ImportPreviewScreen(names, self.result, self.folder, self.catalog), previewed)
        lines = [inert(line) for line in self.result.report]
        target = self._target()
        self.replacing = False
        lines.append("")
        if importing.names_options(self.result.report):
            # The report names the command line's options; here there is no option to give.
            lines.append("The options named above are those of `ladder-tui frameworks import` on the command line.")
        taken = importing.taken(self.result, target, self.catalog)
        if taken:
            lines.append(f"{taken}: ctrl+s asks before replacing it; escape cancels.")
        else:
            lines.append(f"ctrl+s saves it as {target}; escape cancels.")
        report.update(Content("\n".join(lines)))

    def _target(self) -> Path:
        assert self.result is not None
        return self.folder / f"{self.result.framework_id}.toml"

    def action_save(self) -> None:
        from ladder_tui.core.services import importing

        if self.result is None:
            self.notify("Name a file and press enter to read it first.", severity="warning")
            return
        target = self._target()
        taken = importing.taken(self.result, target, self.catalog)
        if taken and not self.replacing:
            # Importing a ladder again after editing its source is normal: replace it, but only when asked twice.
            self.replacing = True
            self.notify(
                f"{taken[:1].upper()}{taken[1:]}; ctrl+s again replaces it.", title="Replace?", severity="warning"
            )
            return
        try:
            importing.save(self.result, target, force=self.replacing)
        except LadderError as exc:
            self.notify(str(exc), title="Not saved", severity="error", timeout=10)
            return
        self.dismiss(target)

    def action_cancel(self) -> None:
        self.dismiss(None)
