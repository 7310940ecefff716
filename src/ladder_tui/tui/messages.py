"""What screens tell the app (events flow up; screens never reach into each other)."""

from __future__ import annotations

from pathlib import Path

from textual.message import Message

from ladder_tui.core.assessment import Mode


class OpenAssessment(Message):
    """Open an assessment's walk; `mode` None means: self, or ask who is rating when others have rated."""

    def __init__(self, path: Path, mode: Mode | None = None, *, summary: bool = False) -> None:
        super().__init__()
        self.path = path
        self.mode: Mode | None = mode
        #: Show the summary first (from the Team screen), rather than the walk's first unanswered dimension.
        self.summary = summary


class FrameworksChanged(Message):
    """A framework was imported or changed: the catalog must be read again."""
