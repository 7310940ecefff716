"""The reference for the key-press bar: a bare Textual app that replaces the text of N cards per key press.

SPEC section 8: key press to the next dimension within 1.5x of "a bare Textual app that replaces the text of the same
number of cards per key press". `keypress.py reference` runs it the way it runs the real app (`run_test`, the key
sent the way the driver sends it, the clock stopped at the first frame painted after the press was handled). Each
press puts in every card a text of the length the real app's card had after the same press (recorded by the real
walk), so the two lay out and paint the same amount of text. Nothing here has an area intro.

Two references: without a save (the floor of any app that shows the next dimension's cards), and with one (`save_to`:
each press also writes a file of the size the real assessment file had after the same press, atomically as
`core.files.atomic_write` does it: a temporary file in the same folder, fsync, rename, fsync of the folder). The
second is the floor of "painted and saved", which SPEC section 8's bar is measured against.
"""

from __future__ import annotations

import os
import random
import tempfile
from pathlib import Path
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Static

_TEXT = (
    "customer ticket escalation empathy tone macro product knowledge troubleshooting bug report follow-up "
    "queue ownership mentoring documentation feedback pattern root cause workaround priority SLA handoff"
)
_WORDS = _TEXT.split()


def text_of_length(rng: random.Random, length: int) -> str:
    """Words (so the card wraps like prose) cut to exactly `length` characters."""
    words: list[str] = []
    size = 0
    while size < length:
        word = rng.choice(_WORDS)
        words.append(word)
        size += len(word) + 1
    return " ".join(words)[:length]


def save(path: Path, data: bytes) -> None:
    """Replace `path` with `data` atomically and durably, the way the app saves an assessment."""
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    with os.fdopen(fd, "wb") as handle:
        os.fchmod(handle.fileno(), 0o600)
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temp_name, path)
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


class Card(Static):
    """Styled like ladder-tui's LevelCard (width 1fr, height auto, a rounded border and a title)."""

    DEFAULT_CSS = """
    Card {
        width: 1fr;
        height: auto;
        min-height: 5;
        padding: 0 1;
        border: round $panel-lighten-2;
        border-title-align: left;
    }
    """


class BareCards(App[None]):
    """Press 1: every card gets the next press's text."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("1", "next", "Next")]

    def __init__(
        self, lengths: list[list[int]], seed: int = 1, *, sizes: list[int] | None = None, save_to: Path | None = None
    ) -> None:
        """`lengths[0]`: each card's text length at the start; `lengths[k]`: after the k-th press. With `save_to`,
        the k-th press writes `sizes[k]` bytes there."""
        super().__init__()
        self.lengths = lengths
        self.save_to = save_to
        #: The file's bytes after each press, made up front like the texts.
        self.files = [b"x" * size for size in sizes or []]
        rng = random.Random(seed)
        #: Texts made up front, so a press does nothing but replace them.
        self.texts = [[text_of_length(rng, length) for length in press] for press in lengths]
        self.press_count = 0

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="cards"), Horizontal(id="card-row"):
            for number, text in enumerate(self.texts[0], start=1):
                card = Card(Content(text))
                card.border_title = f"{number} Level {number}"
                yield card
        yield Footer()

    def action_next(self) -> None:
        self.press_count += 1
        if self.save_to is not None:
            save(self.save_to, self.files[self.press_count % len(self.files)])
        texts = self.texts[self.press_count % len(self.texts)]
        for card, text in zip(self.query(Card), texts, strict=True):
            card.update(Content(text))
