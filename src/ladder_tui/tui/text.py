"""Making text from files safe to draw: control characters and escape sequences are shown inert, never sent raw."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def inert(text: str) -> str:
    """Replace control characters (ESC included) by a visible placeholder; keep newlines and tabs' meaning."""
    return _CONTROL.sub("\ufffd", text.replace("\t", "    "))


def one_line(text: str, limit: int = 80) -> str:
    flat = " ".join(inert(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
