"""Making text from files safe to print: terminal escape sequences and control characters are removed."""

from __future__ import annotations

import re

#: Terminal escape sequences: CSI (7- and 8-bit), OSC (ended by BEL or ST), DCS/SOS/PM/APC, two-byte ESC.
_ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|(?:\x1b[PX^_]|[\x90\x98\x9e\x9f])[^\x1b\x9c]*(?:\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]?"
)
#: C0 controls except newline, DEL, C1 controls, and the bidirectional overrides that can disguise text.
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """`text` with escape sequences and control characters removed (newlines kept, tabs become spaces)."""
    text = text.replace("\r\n", "\n").replace("\t", " ")
    if _CONTROL.search(text) is None:
        return text  # every escape sequence starts with a control character: none here, nothing to remove
    return _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text))


_LONG_WORDS: dict[int, re.Pattern[str]] = {}


def break_long_words(text: str, width: int) -> str:
    """`text` with every word longer than `width` characters cut into pieces of `width`, one per line.

    Text layout (Rich, Textual) folds an unbroken word in time that grows with the square of its length; a 4 MB note
    without spaces would take minutes. Pieces of a line's width are laid out in linear time and look the same."""
    if width < 1 or len(text) <= width:
        return text
    pattern = _LONG_WORDS.get(width)
    if pattern is None:
        pattern = _LONG_WORDS[width] = re.compile(rf"\S{{{width + 1},}}")
    return pattern.sub(lambda match: _pieces(match.group(), width), text)


def _pieces(word: str, width: int) -> str:
    return "\n".join(word[start : start + width] for start in range(0, len(word), width))


def cell_len(text: str) -> int:
    """Terminal cells `text` takes: wide East Asian characters take two, combining marks none."""
    if text.isascii():
        return len(text)
    from unicodedata import combining, east_asian_width

    return sum(0 if combining(ch) else 2 if east_asian_width(ch) in "WF" else 1 for ch in text)


def fit_cells(text: str, width: int) -> str:
    """`text` in at most `width` terminal cells, cut with "…" when longer."""
    if cell_len(text) <= width:
        return text
    kept, used = [], 0
    for ch in text:
        size = cell_len(ch)
        if used + size > width - 1:
            break
        kept.append(ch)
        used += size
    return "".join(kept) + "…"


def plural(count: int, word: str, words: str | None = None) -> str:
    """``1 row``, ``2 rows``: every count shown to a user reads as English."""
    return f"{count} {word if count == 1 else (words or word + 's')}"


#: What a spreadsheet reads as the start of a formula (or of a cell it splits) when a CSV cell begins with it.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """A CSV cell that a spreadsheet shows and never runs: control characters out, and a leading = + - @ (or a tab
    or carriage return) behind a quote. Every cell of every CSV ladder-tui writes goes through this."""
    cleaned = clean(text).replace("\n", " ")
    return "'" + cleaned if text[:1] in _FORMULA_STARTS or cleaned.lstrip()[:1] in _FORMULA_STARTS else cleaned
