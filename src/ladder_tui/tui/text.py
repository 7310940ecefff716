"""Text from files, made safe and short for drawing on screen (the sanitising itself lives in the core)."""

from __future__ import annotations

from ladder_tui.core.text import clean


def inert(text: str) -> str:
    """Names, notes and descriptors with escape sequences and control characters removed; newlines kept."""
    return clean(text)


def one_line(text: str, limit: int = 80) -> str:
    flat = " ".join(clean(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
