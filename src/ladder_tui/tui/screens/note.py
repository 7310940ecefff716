"""The note editor: evidence for a dimension (an example, a date, a link), saved as soon as it is confirmed."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from ladder_tui.tui.text import inert

NOTE_LIMIT = 2000


class NoteScreen(ModalScreen[str | None]):
    """Edit one note; enter saves, escape cancels, an empty note removes it."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(self, where: str, note: str) -> None:
        super().__init__()
        self.where = where
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(id="note-dialog", classes="dialog"):
            yield Label(f"Note for {inert(self.where)}", classes="dialog-title")
            yield Label("Evidence: an example, a date, a link. Enter saves, escape cancels.", classes="muted")
            yield Input(
                value=self.note,
                placeholder="e.g. 2026-10-02 handled the outage escalation",
                max_length=NOTE_LIMIT,
                id="note-input",
            )

    @on(Input.Submitted)
    def save(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
