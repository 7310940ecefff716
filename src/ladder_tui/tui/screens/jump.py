"""Jump to any area or dimension of the walk."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from ladder_tui.core.domain.assessment import SKIPPED
from ladder_tui.core.domain.session import WalkSession
from ladder_tui.tui import commands
from ladder_tui.tui.commands import Keyed
from ladder_tui.tui.text import inert


class JumpScreen(Keyed, ModalScreen[int | None]):
    """Pick a dimension (grouped by area); returns its index in the walk."""

    COMMAND_TABLE = "jump"
    BINDINGS: ClassVar[list[BindingType]] = list(commands.bindings(COMMAND_TABLE))

    def __init__(self, session: WalkSession) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        options: list[Option | None] = []
        current_area = None
        for step in self.session.steps:
            if step.area.id != current_area:
                current_area = step.area.id
                options.append(Option(Content.styled(inert(step.area.name), "bold"), id=f"area-{step.index}"))
            mark = "✔" if self.session.is_answered(step) else "↷" if self.session.rating(step) == SKIPPED else "·"
            options.append(Option(Content(f"   {mark} {inert(step.dimension.name)}"), id=f"dim-{step.index}"))
        with Vertical(id="jump-dialog", classes="dialog"):
            yield Label("Jump to an area or dimension (✔ answered, ↷ skipped)", classes="dialog-title")
            yield OptionList(*options, id="jump-list")

    def on_mount(self) -> None:
        option_list = self.query_one(OptionList)
        option_list.highlighted = option_list.get_option_index(f"dim-{self.session.step.index}")

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        self.dismiss(int(option_id.split("-", 1)[1]))

    def action_cancel(self) -> None:
        self.dismiss(None)
