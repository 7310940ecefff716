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
    """Name the file(s) and read them: the preview opens over this dialog to correct and write the framework; back
    here, its report stays, and ctrl+s opens the preview again."""

    COMMAND_TABLE = "import"
    BINDINGS: ClassVar[list[BindingType]] = list(commands.bindings(COMMAND_TABLE))

    def __init__(self, folder: Path, catalog: FrameworkCatalog) -> None:
        super().__init__()
        self.folder = folder
        self.catalog = catalog
        self.result: ImportResult | None = None
        self.names: list[str] = []

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
        self.names = names
        self.action_preview()
        lines = [inert(line) for line in self.result.report]
        target = self._target()
        lines.append("")
        if importing.names_options(self.result.report):
            # The report names the command line's options; here there is no option to give.
            lines.append("The options named above are those of `ladder-tui frameworks import` on the command line.")
        taken = importing.taken(self.result, target, self.catalog)
        where = f"{taken}: the preview asks before replacing it" if taken else f"the preview writes it as {target}"
        lines.append(f"ctrl+s opens the preview again ({where}); escape cancels.")
        report.update(Content("\n".join(lines)))

    def _target(self) -> Path:
        assert self.result is not None
        return self.folder / f"{self.result.framework_id}.toml"

    def action_preview(self) -> None:
        """What the import understood, part by part, to correct with keys; it writes the framework on ctrl+s."""
        from ladder_tui.tui.screens.import_preview import ImportPreviewScreen

        if self.result is None:
            self.notify("Name a file and press enter to read it first.", severity="warning")
            return

        def previewed(saved: Path | None) -> None:
            if saved is not None:
                self.dismiss(saved)

        self.app.push_screen(ImportPreviewScreen(self.names, self.result, self.folder, self.catalog), previewed)

    def action_cancel(self) -> None:
        self.dismiss(None)
