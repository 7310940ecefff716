"""The note editor: evidence for a dimension (an example, a date, a link), on several lines, saved as it is typed."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, TextArea

from ladder_tui.core.domain.session import Step, WalkSession
from ladder_tui.serve.protocol import shown
from ladder_tui.tui import commands
from ladder_tui.tui.acting import credit
from ladder_tui.tui.commands import Keyed, OwnInput
from ladder_tui.tui.text import one_line


class NoteScreen(Keyed, OwnInput, ModalScreen[None]):
    """Edit one person's note on one dimension (in this sitting's slot): every change is saved at once (like every
    answer); escape closes. In a room, another person's key opens their own note here instead (saying so): nobody
    types into someone else's.

    Nothing typed can be lost: there is no Save step, so Ctrl+Q or a closed terminal keeps what was typed."""

    COMMAND_TABLE = "note"
    BINDINGS: ClassVar[list[BindingType]] = list(commands.bindings(COMMAND_TABLE))

    def __init__(self, session: WalkSession, step: Step, owner: str | None = None) -> None:
        super().__init__()
        self.session = session
        self.step = step
        #: Whose note this is (None: not known, as before names were kept).
        self.owner = owner

    def _title(self) -> Content:
        where = f"{one_line(self.step.area.name, 30)} › {one_line(self.step.dimension.name, 40)}"
        who = credit(self, self.owner)
        return Content(f"{who}'s note for {where}" if who else f"Note for {where}")

    def compose(self) -> ComposeResult:
        with Vertical(id="note-dialog", classes="dialog"):
            yield Label(self._title(), id="note-title", classes="dialog-title")
            yield Label("Evidence: an example, a date, a link. Saved as you type; escape closes.", classes="muted")
            yield TextArea(
                self.session.own_note(self.owner, self.step) or "",
                id="note-input",
                soft_wrap=True,
                show_line_numbers=False,
                tab_behavior="focus",
                read_only=self.session.read_only,
            )
            yield Label("", id="note-status", classes="muted")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def input_from(self, person: str | None) -> None:
        """Another person's key: what the owner wrote is already saved; the editor becomes that person's own note."""
        if person is None or person == self.owner or not self.is_mounted:
            return
        before = self.owner
        self.owner = person
        area = self.query_one(TextArea)
        area.load_text(self.session.own_note(person, self.step) or "")
        area.move_cursor(area.document.end)
        self.query_one("#note-title", Label).update(self._title())
        self.notify(f"{person} typed: this is now {person}'s own note ({before or 'the other'}'s is saved).")

    @on(TextArea.Changed)
    def _save(self, event: TextArea.Changed) -> None:
        status = self.query_one("#note-status", Label)
        if self.session.set_note(event.text_area.text, self.step, by=self.owner):
            status.update("✓ saved")
        else:
            status.update(Content(f"✘ NOT SAVED: {one_line(shown(self.session.last_error or 'read-only'), 100)}"))

    def action_close(self) -> None:
        self.dismiss(None)
