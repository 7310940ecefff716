"""What screens tell the app (events flow up; screens never reach into each other): typed messages, no strings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.message import Message

from ladder_tui.core.domain.assessment import Mode


@dataclass
class OpenAssessment(Message):
    """Open an assessment's walk; `mode` None means: self, or ask who is rating when others have rated."""

    path: Path
    mode: Mode | None = None
    #: Only the summary (from the Team screen): back from it leaves the assessment, rather than entering its walk.
    summary: bool = False


@dataclass
class GoHome(Message):
    """Close the assessment (everything is saved) and show Home, whatever screens lie between."""


@dataclass
class FrameworksChanged(Message):
    """A framework was imported or changed: the catalog must be read again."""
