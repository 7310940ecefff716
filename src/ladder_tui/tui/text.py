"""Text from files, made literal and safe for any widget: never parsed as markup, never carrying escape sequences.

Framework names, descriptors, notes and subjects are full of brackets ("See the [L3] guide", "Triage [beta]"),
which Textual would read as markup if given a plain string; and an escape sequence in a name would reach the
terminal raw. Every screen passes such text through `literal` (a `Content`, which Textual shows as it is) or
`one_line`, never as a bare string.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from ladder_tui.core.text import break_long_words, clean, plural

if TYPE_CHECKING:
    from ladder_tui.core.session import WalkSession

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


def summary_waits(session: WalkSession) -> str | None:
    """Why the summary does not open yet (it lists the self ratings still hidden from a blind lead), or None."""
    hidden = len(session.hidden_steps())
    if not hidden:
        return None
    return (
        f"The summary shows the agent's own ratings, so it opens once you have rated the "
        f"{plural(hidden, 'dimension')} where theirs is still hidden (or shown them with v)."
    )
