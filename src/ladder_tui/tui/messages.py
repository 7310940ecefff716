"""What screens tell the app (events flow up; screens never reach into each other)."""

from __future__ import annotations

from pathlib import Path

from textual.message import Message

from ladder_tui.core.domain.assessment import Mode


class OpenAssessment(Message):
    """Open an assessment's walk; `mode` None means: self, or ask who is rating when others have rated."""

    def __init__(self, path: Path, mode: Mode | None = None, *, summary: bool = False) -> None:
        super().__init__()
        self.path = path
        self.mode: Mode | None = mode
        #: Only the summary (from the Team screen): back from it leaves the assessment, rather than entering its walk.
        self.summary = summary


class GoHome(Message):
    """Close the assessment (everything is saved) and show Home, whatever screens lie between."""


class FrameworksChanged(Message):
    """A framework was imported or changed: the catalog must be read again."""
