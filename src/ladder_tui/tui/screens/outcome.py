"""The outcome of a 1:1 on the Summary screen: the lead's comment, and each side's sign-off (a name and today's
date). Both dialogs return what was typed; the Summary screen saves it like an answer."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, RadioSet, Static

from ladder_tui.core.domain.assessment import Owner
from ladder_tui.tui import commands
from ladder_tui.tui.commands import Keyed
from ladder_tui.tui.widgets.choices import GlyphRadioButton


class CommentScreen(Keyed, ModalScreen[str | None]):
    """The lead's overall comment (enter keeps it; an empty one removes it)."""

    COMMAND_TABLE = "comment"
    BINDINGS: ClassVar[list[BindingType]] = list(commands.bindings(COMMAND_TABLE))

    def __init__(self, current: str | None) -> None:
        super().__init__()
        self.current = current or ""

    def compose(self) -> ComposeResult:
        with Vertical(id="comment-dialog", classes="dialog"):
            yield Label("The lead's comment on the outcome", classes="dialog-title")
            yield Input(self.current, placeholder="One or two sentences")
            yield Label("Enter keeps it (empty removes it); escape cancels.", classes="muted")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def action_confirm(self) -> None:
        self.dismiss(self.query_one(Input).value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class SignScreen(Keyed, ModalScreen[tuple[Owner, str] | None]):
    """One side signs the outcome off: which side, and the name of the person signing."""

    COMMAND_TABLE = "sign"
    BINDINGS: ClassVar[list[BindingType]] = list(commands.bindings(COMMAND_TABLE))

    def __init__(self, side: Owner = "self") -> None:
        super().__init__()
        self.side = side

    def compose(self) -> ComposeResult:
        with Vertical(id="sign-dialog", classes="dialog"):
            yield Label("Sign the outcome off", classes="dialog-title")
            with RadioSet(id="sign-side"):
                yield GlyphRadioButton("As the person assessed (self)", value=self.side == "self", id="side-self")
                yield GlyphRadioButton("As the lead", value=self.side == "lead", id="side-lead")
            yield Input(placeholder="Your name", id="sign-name")
            yield Static("", id="sign-error")
            yield Label("Enter signs with today's date; escape cancels.", classes="muted")

    def on_mount(self) -> None:
        self.query_one("#sign-error").display = False
        self.query_one("#sign-name", Input).focus()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_confirm()

    def action_confirm(self) -> None:
        name = " ".join(self.query_one("#sign-name", Input).value.split())
        if not name:
            error = self.query_one("#sign-error", Static)
            error.update(Content("Type the name of the person signing."))
            error.display = True
            return
        pressed = self.query_one("#sign-side", RadioSet).pressed_button
        side: Owner = "lead" if pressed is not None and pressed.id == "side-lead" else "self"
        self.dismiss((side, name))

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmScreen(Keyed, ModalScreen[bool]):
    """A yes-or-no question (y or enter: yes; n or escape: no)."""

    COMMAND_TABLE = "confirm"
    BINDINGS: ClassVar[list[BindingType]] = list(commands.bindings(COMMAND_TABLE))

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog", classes="dialog"):
            yield Label("Are you sure?", classes="dialog-title")
            yield Static(Content(self.question))
            yield Static(Content("y: yes    n or escape: no"), classes="muted")

    def action_yes(self) -> None:
        self.dismiss(True)

    def action_no(self) -> None:
        self.dismiss(False)
