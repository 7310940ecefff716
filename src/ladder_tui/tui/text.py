"""Text from files, made literal and safe for any widget: never parsed as markup, never carrying escape sequences.

Framework names, descriptors, notes and subjects are full of brackets ("See the [L3] guide", "Triage [beta]"),
which Textual would read as markup if given a plain string; and an escape sequence in a name would reach the
terminal raw. Every screen passes such text through `literal` (a `Content`, which Textual shows as it is) or
`one_line`, never as a bare string.
"""

from __future__ import annotations

from textual.content import Content

from ladder_tui.core.text import break_long_words, clean

#: Words longer than this are cut into pieces before layout (see `core.text.break_long_words`).
LONGEST_WORD = 200


def inert(text: str) -> str:
    """Escape sequences and control characters removed; newlines kept."""
    return break_long_words(clean(text), LONGEST_WORD)


def literal(text: str, style: str = "") -> Content:
    """Text from a file as Content that no widget interprets."""
    content = Content(inert(text))
    return content.stylize(style) if style else content


def one_line(text: str, limit: int = 80) -> str:
    """One line of at most `limit` characters, shortened with an ellipsis (pass the result through `literal`)."""
    flat = " ".join(clean(text).split())
    return flat if len(flat) <= limit else flat[: max(limit - 1, 0)] + "…"


def short(text: str, limit: int) -> Content:
    """`one_line` as literal Content."""
    return Content(one_line(text, limit))
