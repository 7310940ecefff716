"""Where to export a report: the format and a path (default: the current folder); in a shared room, the data folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Label, RadioSet, Static

from ladder_tui.core.errors import LadderError
from ladder_tui.core.services.exporting import FORMATS
from ladder_tui.serve.protocol import room_ssh, shown
from ladder_tui.tui import commands
from ladder_tui.tui.commands import Keyed
from ladder_tui.tui.text import inert
from ladder_tui.tui.widgets.choices import GlyphRadioButton

if TYPE_CHECKING:
    from ladder_tui.core.domain.session import WalkSession
    from ladder_tui.core.storage.catalog import FrameworkCatalog

LABELS = {
    "markdown": "m  Markdown (.md): paste into a doc",
    "html": "h  HTML (.html): prints cleanly on paper",
    "json": "j  JSON (.json): for tools",
    "text": "t  Text (.txt)",
}


#: Writes the report in a format to a path and returns where it went; LadderError when refused.
Writer = Callable[[str, Path], Path]


def exports_dir() -> Path:
    """Where exports go in a room served over SSH: no member may choose a path on the host."""
    from ladder_tui.core.storage.paths import data_home

    return data_home() / "exports"


class ExportScreen(Keyed, ModalScreen[Path | None]):
    """Pick a format and a file; enter writes it (never over one of ladder-tui's own files).

    A refused path keeps the dialog open with the reason under the field, so the path can be corrected in place;
    the dialog closes with the written path."""

    COMMAND_TABLE = "export"
    BINDINGS: ClassVar[list[BindingType]] = list(commands.bindings(COMMAND_TABLE))

    def __init__(self, stem: str, write: Writer, *, served: bool = False, kind: str = "summary") -> None:
        super().__init__()
        self.stem = stem
        self.write = write
        self.served = served
        self.kind = kind
        self.fmt = "markdown"

    def _default(self, fmt: str) -> Path:
        folder = exports_dir() if self.served else Path.cwd()
        return folder / f"{self.stem}-{self.kind}{FORMATS[fmt]}"

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog", classes="dialog"):
            yield Label(f"Export the {self.kind}", classes="dialog-title")
            with RadioSet(id="export-format"):
                for fmt, label in LABELS.items():
                    yield GlyphRadioButton(label, value=fmt == self.fmt, id=f"fmt-{fmt}")
            if self.served:
                yield Label(
                    "In a shared room exports go to the data folder on the host (nobody in the room picks a path):",
                    classes="muted",
                )
                if room_ssh():
                    yield Label(
                        Content(f"Your own copy, on your machine: {room_ssh()} summary --format markdown > summary.md"),
                        id="export-own-copy",
                        classes="muted",
                    )
            else:
                yield Label("File (enter writes it; escape cancels):", classes="muted")
            yield Input(shown(str(self._default(self.fmt))), id="export-path", disabled=self.served)
            yield Static("", id="export-error")

    def on_mount(self) -> None:
        self.query_one("#export-error").display = False
        # The formats first: m, h, j, t choose one (the file name follows); tab goes to the file's path.
        self.query_one(RadioSet).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # While a path is typed the letters are the path's.
        return not (action == "format" and isinstance(self.focused, Input))

    def action_format(self, fmt: str) -> None:
        self.query_one(f"#fmt-{fmt}", GlyphRadioButton).value = True

    @on(RadioSet.Changed)
    def _format_changed(self, event: RadioSet.Changed) -> None:
        previous = self._default(self.fmt)
        pressed = event.pressed.id or ""
        self.fmt = pressed.removeprefix("fmt-") if pressed.removeprefix("fmt-") in FORMATS else self.fmt
        path_input = self.query_one(Input)
        # Follow the format while the path is still the default one; a path someone typed stays theirs.
        if path_input.value == shown(str(previous)):
            path_input.value = shown(str(self._default(self.fmt)))

    def action_confirm(self) -> None:
        value = self.query_one(Input).value.strip()
        path = self._default(self.fmt) if self.served or not value else Path(value).expanduser()
        try:
            written = self.write(self.fmt, path)
        except LadderError as exc:
            error = self.query_one("#export-error", Static)
            error.update(Content(inert(f"Not written: {shown(str(exc))}")))
            error.display = True
            return
        self.dismiss(written)

    def action_cancel(self) -> None:
        self.dismiss(None)


def open_summary_export(screen: Screen[Any], session: WalkSession, catalog: FrameworkCatalog, *, served: bool) -> None:
    """The Export dialog for this assessment's summary (from the Summary screen, or from the walk's palette);
    in a shared room every export goes to the data folder's exports folder, never to standard output."""
    from ladder_tui.core.domain.cycles import since_note
    from ladder_tui.core.services.exporting import export_summary

    earlier = since_note(session.assessment, session.framework, session.path.parent, catalog)

    def write(fmt: str, destination: Path) -> Path:
        export_summary(
            session.framework,
            session.assessment,
            fmt,
            destination,
            since=earlier,
            make_folder=served,
            streams=False,
        )
        return destination

    def written(path: Path | None) -> None:
        if path is not None:
            screen.notify(f"Wrote {shown(str(path))}", title="Exported", timeout=6)

    screen.app.push_screen(ExportScreen(session.assessment.id, write, served=served), written)
