"""The end of the walk with dimensions still unanswered: answer them now (skips are asked again), or see the result."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label


class FinishScreen(ModalScreen[bool | None]):
    """Returns True to answer the rest now, False for the summary, None to stay where the walk is."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "answer_now", "Answer them now", id="answer_now"),
        Binding("u", "summary", "Summary anyway", id="summary_anyway"),
        Binding("escape", "stay", "Stay here", id="stay"),
    ]

    def __init__(self, unanswered: int, skipped: int, *, summary_allowed: bool = True) -> None:
        super().__init__()
        self.unanswered = unanswered
        self.skipped = skipped
        #: Off while a lead rates blind: the summary would show the agent's ratings of what is left.
        self.summary_allowed = summary_allowed

    def compose(self) -> ComposeResult:
        what = f"{self.unanswered} dimension{'s are' if self.unanswered != 1 else ' is'} still unanswered"
        if self.skipped:
            what += f" ({self.skipped} skipped)"
        with Vertical(id="finish-dialog", classes="dialog"):
            yield Label(Content(f"End of the walk: {what}."), classes="dialog-title")
            yield Label(Content.from_markup("[b]enter[/b]  answer them now, one after the other"))
            if self.summary_allowed:
                yield Label(Content.from_markup("[b]u[/b]      see the summary anyway (they are left out of it)"))
            else:
                yield Label("The summary waits until you have rated them: it shows the agent's own ratings.")
            yield Label(Content.from_markup("[b]esc[/b]    stay on this dimension"))

    def action_answer_now(self) -> None:
        self.dismiss(True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.summary_allowed if action == "summary" else True

    def action_summary(self) -> None:
        self.dismiss(False)

    def action_stay(self) -> None:
        self.dismiss(None)
