"""A card showing what one level looks like for one dimension (or one area overview), with answer marks."""

from __future__ import annotations

import re

from textual.content import Content
from textual.widgets import Static

from ladder_tui.core.domain.framework import Level
from ladder_tui.tui.text import inert

_NUMBER = re.compile(r"(\d+)")


def digit_differs(level: Level, position: int) -> bool:
    """Whether the key that picks a level (its position) differs from the number in its name ("Level 3" at 2)."""
    numbers = _NUMBER.findall(level.short or level.name) or _NUMBER.findall(level.name)
    return bool(numbers) and int(numbers[-1]) != position


def card_title(level: Level, position: int, name: str, *, cursor: bool = False, key: bool = True) -> Content:
    """`▶ 2 Senior`, or `▶ key 2: Level 3` where the digit that picks the card is not the level's own number."""
    pointer = "▶ " if cursor else ""
    if key and digit_differs(level, position):
        return Content.assemble(pointer, (f"key {position}", "bold"), ": ", inert(name))
    return Content(f"{pointer}{position} {inert(name)}")


def card_body(
    statements: tuple[str, ...] | list[str],
    marks: list[str],
    empty: str = "No descriptor at this level in the source.",
    context: str | None = None,
) -> Content:
    """The card's text: answer marks first (words, not colour alone), then the statements as bullets."""
    parts: list[Content | tuple[str, str] | str] = []
    if marks:
        parts += [(" ".join(marks), "bold reverse"), "\n"]
    if not statements:
        parts.append((empty, "italic dim"))
    for number, statement in enumerate(statements):
        if number:
            parts.append("\n")
        if len(statements) > 1:
            parts.append("• ")
        parts.append(inert(statement))
    if context:
        parts += ["\n\n", (inert(context), "dim italic")]
    return Content.assemble(*parts)


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
        title: Content,
        statements: tuple[str, ...],
        marks: list[str],
        cursor: bool,
        chosen: bool,
        context: str | None = None,
    ) -> None:
        self.border_title = title
        self.set_class(cursor, "-cursor")
        self.set_class(chosen, "-chosen")
        self.update(card_body(statements, marks, context=context))
