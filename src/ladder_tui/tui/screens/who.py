"""Who is rating? Asked when an assessment that others have rated is opened: each sitting chooses its own slot."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from ladder_tui.core.domain.assessment import MODE_MEANING, MODES, Mode, Slot
from ladder_tui.core.presentation.text import plural
from ladder_tui.tui import commands
from ladder_tui.tui.commands import Keyed
from ladder_tui.tui.text import one_line

MODE_WORDS: dict[Mode, tuple[str, str, Slot]] = {
    "self": ("self", MODE_MEANING["self"], "self"),
    "lead": ("lead", MODE_MEANING["lead"], "lead"),
    "pair": ("pair", MODE_MEANING["pair"], "agreed"),
}


class WhoIsRatingScreen(Keyed, ModalScreen[Mode | None]):
    """Self, lead or pair, with how many ratings each slot holds; enter (the default) is self, or the mode the walk is
    in when asked again because someone joined. In a room the mode its people suggest is marked."""

    COMMAND_TABLE = "who"
    BINDINGS: ClassVar[list[BindingType]] = list(commands.bindings(COMMAND_TABLE))

    def __init__(
        self, subject: str, counts: dict[Slot, int], *, suggested: Mode | None = None, default: Mode = "self"
    ) -> None:
        super().__init__()
        self.subject = subject
        self.counts = counts
        self.suggested = suggested
        self.default = default

    def compose(self) -> ComposeResult:
        options = []
        for mode in MODES:
            word, meaning, slot = MODE_WORDS[mode]
            count = self.counts.get(slot, 0)
            what = f"{count} agreed" if slot == "agreed" else plural(count, "rating")
            mark = " ★" if mode == self.suggested else ""
            options.append(Option(Content(f"{word[0]}  {word}: {meaning} ({what} so far){mark}"), id=mode))
        suggested = f" ★ {self.suggested}: suggested, since the two of you are here." if self.suggested else ""
        with Vertical(id="who-dialog", classes="dialog"):
            yield Label(Content(f"Who is rating {one_line(self.subject, 40)}?"), classes="dialog-title")
            yield Label(
                f"Each sitting writes its own slot: self, lead, or agreed (pair). Enter: {self.default}.{suggested}",
                classes="muted",
            )
            yield OptionList(*options, id="who-list")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = MODES.index(self.default)
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(MODES[event.option_index])

    def action_choose(self, mode: Mode) -> None:
        self.dismiss(mode)

    def action_choose_highlighted(self) -> None:
        highlighted = self.query_one(OptionList).highlighted
        self.dismiss(MODES[highlighted or 0])

    def action_cancel(self) -> None:
        self.dismiss(None)
