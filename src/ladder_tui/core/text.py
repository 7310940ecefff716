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
    return _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text))
