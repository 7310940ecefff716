"""The end of the walk with dimensions still unanswered: answer them now (skips are asked again), or see the result."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label

from ladder_tui.core.domain.walk import EndChoice, EndOfWalk
from ladder_tui.tui import commands
from ladder_tui.tui.commands import Keyed


class FinishScreen(Keyed, ModalScreen[EndChoice]):
    """The walk controller's `EndOfWalk`, offered: answer the rest now, the summary anyway, or stay."""

    COMMAND_TABLE = "finish"
    BINDINGS: ClassVar[list[BindingType]] = list(commands.bindings(COMMAND_TABLE))

    def __init__(self, end: EndOfWalk) -> None:
        super().__init__()
        self.end = end

    def compose(self) -> ComposeResult:
        end = self.end
        what = f"{end.unanswered} dimension{'s are' if end.unanswered != 1 else ' is'} still unanswered"
        if end.skipped:
            what += f" ({end.skipped} skipped)"
        with Vertical(id="finish-dialog", classes="dialog"):
            yield Label(Content(f"End of the walk: {what}."), classes="dialog-title")
            yield Label(Content.from_markup("[b]enter[/b]  answer them now, one after the other"))
            if end.summary_allowed:
                yield Label(Content.from_markup("[b]u[/b]      see the summary anyway (they are left out of it)"))
            else:
                yield Label("The summary waits until you have rated them: it shows the agent's own ratings.")
            yield Label(Content.from_markup("[b]esc[/b]    stay on this dimension"))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.end.summary_allowed if action == "summary" else True

    def action_answer_now(self) -> None:
        self.dismiss(EndChoice.ANSWER_NOW)

    def action_summary(self) -> None:
        self.dismiss(EndChoice.SUMMARY)

    def action_stay(self) -> None:
        self.dismiss(EndChoice.STAY)
