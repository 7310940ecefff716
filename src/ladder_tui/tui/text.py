"""Text from files, made literal and safe for any widget: never parsed as markup, never carrying escape sequences.

Framework names, descriptors, notes and subjects are full of brackets ("See the [L3] guide", "Triage [beta]"),
which Textual would read as markup if given a plain string; and an escape sequence in a name would reach the
terminal raw. Every screen passes such text through `literal` (a `Content`, which Textual shows as it is) or
`one_line`, never as a bare string.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from ladder_tui.core.presentation.text import break_long_words, clean, plural

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from ladder_tui.core.domain.walk import Notice

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


def summary_waits(hidden: int) -> str:
    """Why the summary does not open yet: it lists the self ratings still hidden from a blind lead."""
    return (
        f"The summary shows the agent's own ratings, so it opens once you have rated the "
        f"{plural(hidden, 'dimension')} where theirs is still hidden (or shown them with v)."
    )


def not_saved_text(error: str | None) -> str:
    """The one line a screen shows when the disk refused a save (in a room, without host paths)."""
    from ladder_tui.serve.protocol import shown

    return f"NOT SAVED: {shown(error or 'read-only')}"


def notice_text(notice: Notice) -> tuple[str, SeverityLevel]:
    """The words (and weight) of what the walk controller tells the person: they name the keys."""
    kind = notice.kind
    if kind == "not_saved":
        return notice.text, "error"
    if kind == "no_such_level":
        return f"This framework has {notice.count} levels: 1 to {notice.count}.", "warning"
    if kind == "summary_waits":
        return summary_waits(notice.count), "warning"
    if kind == "key_clash":
        return (
            f"{notice.text}'s key had just moved to this dimension, so {notice.by}'s answer was not taken "
            f"(it was meant for the one before). Press it again to answer this one.",
            "warning",
        )
    words: dict[str, str] = {
        "differences_on": "Only where self and lead differ.",
        "differences_off": "Every dimension again.",
        "differences_done": "That was the last dimension where self and lead differ; every dimension again.",
        "no_differences": "Self and lead rated every dimension alike (or one side has not rated yet).",
        "self_hidden": "Every dimension you see is rated; v shows the agent's own rating where it is still hidden.",
    }
    return words[kind], "information"
