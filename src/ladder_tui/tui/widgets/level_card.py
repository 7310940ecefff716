"""A card showing what one level looks like for one dimension (or one area overview), with answer marks."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ladder_tui.tui.text import inert


def card_body(
    statements: list[str],
    marks: list[str],
    empty: str = "No descriptor at this level in the source.",
    context: str | None = None,
) -> Text:
    """The card's text: answer marks first (words, not colour alone), then the statements as bullets."""
    body = Text()
    if marks:
        body.append(" ".join(marks), style="bold reverse")
        body.append("\n")
    if not statements:
        body.append(empty, style="italic dim")
    for number, statement in enumerate(statements):
        if number:
            body.append("\n")
        if len(statements) > 1:
            body.append("• ")
        body.append(inert(statement))
    if context:
        body.append("\n\n")
        body.append(inert(context), style="dim italic")
    return body


class LevelCard(Static):
    """One level's descriptor; screens keep these widgets and update them, so moving on is cheap."""

    DEFAULT_CSS = """
    LevelCard {
        width: 1fr;
        height: auto;
        min-height: 5;
        padding: 0 1;
        border: round $panel-lighten-2;
        border-title-align: left;
        margin: 0 0 0 0;
    }
    LevelCard.-cursor {
        border: heavy $accent;
        border-title-style: bold;
    }
    LevelCard.-chosen {
        background: $accent 15%;
    }
    """

    def show_level(
        self,
        *,
        number: int,
        name: str,
        statements: list[str],
        marks: list[str],
        cursor: bool,
        chosen: bool,
        context: str | None = None,
    ) -> None:
        pointer = "▶ " if cursor else ""
        self.border_title = f"{pointer}{number} {inert(name)}"
        self.set_class(cursor, "-cursor")
        self.set_class(chosen, "-chosen")
        self.update(card_body(statements, marks, context=context))
