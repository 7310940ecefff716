"""The help screen, made from the command table: the keys of the screen it was opened on first, then the rest."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ladder_tui.tui import commands
from ladder_tui.tui.commands import Keyed

CONCEPTS = """\
Every answer and note is saved the moment you give it: there is no Save step; quit any time.

Digits pick cards in the order the levels come, so in a ladder that starts at "Level 2", key 1 is Level 2
(cards say "key 1" wherever the digit and the level's own number differ).

Who is rating: each sitting writes its own slot. self: the agent rates themselves. lead: the lead rates, and
the agent's own rating stays hidden on each dimension until the lead has rated it (v shows it early). pair:
the two agree a rating (✔ agreed), seeing both (◆), and d walks only where self and lead differ. The rating
that counts is agreed, else lead, else self.

Skip means "ask me again": skipped dimensions come back when you resume and at the end of the walk."""


def help_text(first: str, *, served: bool = False) -> Content:
    """The help as plain content: `first` screen's keys, the keys that work everywhere, how it works, the rest."""
    lines: list[str] = []
    for title, rows in help_sections(first, served=served):
        lines.append(title)
        lines += [f"  {keys:<8} {what}" for keys, what in rows]
        lines.append("")
    return Content("\n".join(lines))


def help_sections(first: str, *, served: bool = False) -> list[tuple[str, list[tuple[str, str]]]]:
    """(title, rows) in the order the help shows them; "How it works" is one row of prose. Ctrl+Q quits, or in a
    room served over SSH leaves it: only the one that applies is listed."""
    hidden = frozenset({"quit"} if served else {"leave"})
    order = [first] if first in commands.COMMANDS and first != commands.APP else []
    order.append(commands.APP)
    sections = [(commands.TITLES.get(table, table), commands.help_rows(table, hidden)) for table in order]
    sections.append(("How it works", [("", paragraph) for paragraph in CONCEPTS.split("\n\n")]))
    sections += [(commands.TITLES.get(table, table), commands.help_rows(table, hidden)) for table in commands.COMMANDS
                 if table not in order]  # fmt: skip
    return sections


def help_renderable(first: str, *, served: bool = False) -> Group:
    """The help laid out for the screen: keys in a column, what they do beside them, wrapped lines hanging."""
    parts: list[RenderableType] = []
    for title, rows in help_sections(first, served=served):
        parts.append(Text(title, style="bold underline"))
        grid = Table.grid(padding=(0, 2))
        grid.add_column(width=8, style="bold", no_wrap=True)
        grid.add_column(ratio=1)
        for keys, what in rows:
            grid.add_row(Text(keys), Text(" ".join(what.split())))
        parts += [grid, Text("")]
    parts.append(Text("Press escape to close this help; ↑↓ scroll.", style="dim"))
    return Group(*parts)


class HelpScreen(Keyed, ModalScreen[None]):
    """Keys and concepts; what the screen underneath can do comes first, so it fits at 80x24."""

    COMMAND_TABLE = "help"
    BINDINGS: ClassVar[list[BindingType]] = list(commands.bindings(COMMAND_TABLE))

    def __init__(self, table: str = commands.APP, *, served: bool = False) -> None:
        super().__init__()
        self.table = table
        self.served = served

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-dialog", classes="dialog"):
            yield Static(help_renderable(self.table, served=self.served), id="help-text")

    def on_mount(self) -> None:
        self.query_one("#help-dialog").focus()

    def action_close(self) -> None:
        self.dismiss()
