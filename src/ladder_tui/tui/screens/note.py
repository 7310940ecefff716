"""The note editor: evidence for a dimension (an example, a date, a link), on several lines, saved as it is typed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, TextArea

from ladder_tui.core.domain.session import Step, WalkSession
from ladder_tui.tui import commands
from ladder_tui.tui.acting import credit
from ladder_tui.tui.commands import Keyed
from ladder_tui.tui.text import not_saved_text, one_line

#: Keys that change a text being typed (beside printable ones): another person's are theirs to type in their own.
EDITING_KEYS = frozenset({"backspace", "delete", "enter", "ctrl+h", "ctrl+w", "ctrl+u", "ctrl+k"})


class PersonalTextArea(TextArea):
    """The note's text: before someone's typing (a printable or editing key, a paste) changes it, the note becomes
    theirs. Decided here, in the text area's own queue, where keys are inserted in the order they came: one
    person's keys never land in another person's note."""

    def __init__(self, text: str, switch: Callable[[events.Event], None], **options: Any) -> None:
        super().__init__(text, **options)
        self._switch = switch

    async def _on_key(self, event: events.Key) -> None:
        if event.is_printable or event.key in EDITING_KEYS:
            self._switch(event)
        await super()._on_key(event)

    async def _on_paste(self, event: events.Paste) -> None:
        self._switch(event)
        await super()._on_paste(event)


class NoteScreen(Keyed, ModalScreen[None]):
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
            yield PersonalTextArea(
                self.session.own_note(self.owner, self.step) or "",
                self._typed_by,
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

    def _typed_by(self, event: events.Event) -> None:
        """Someone is about to type: when it is not the note's owner, what the owner wrote is saved as theirs and
        the editor becomes the typist's own note (in a room; elsewhere everyone is the one OS user)."""
        from ladder_tui.tui.app import LadderApp

        app = self.app
        person = app.person_of(event) if isinstance(app, LadderApp) else None
        if person is None or person == self.owner or not self.is_mounted:
            return
        before = self.owner
        area = self.query_one(TextArea)
        self.session.set_note(area.text, self.step, by=before)
        self.owner = person
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
            status.update(Content(f"✘ {one_line(not_saved_text(self.session.last_error), 100)}"))

    def action_close(self) -> None:
        self.dismiss(None)
