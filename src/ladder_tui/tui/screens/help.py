"""The help screen: every key of the walk and what an answer means."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = """\
# ladder-tui help

Every answer and note is **saved the moment you give it**. There is no Save step; quit any time.

## On a dimension

| key | what it does |
|---|---|
| ← → | move the cursor between levels |
| enter | choose the level under the cursor and go to the next dimension |
| 1 … 9 | choose the framework's n-th level and go on |
| 0 | below the first level |
| x | not applicable to this role |
| s | skip for now (asked again when you resume) |
| n | add or edit a note: evidence such as an example, a date, a link |
| escape | back to the previous dimension (from the first one: back to Home) |
| page up / page down | previous / next dimension without answering |
| j | jump to any area or dimension |
| r | review every answer in one table |
| ↑ ↓ | scroll long descriptions |
| ? or F1 | this help |
| ctrl+p | command palette: jump, review, summary, export, Home |
| F2 | light / dark theme |
| ctrl+q | quit (everything is already saved) |

When a new area starts, its intro shows what each level looks like there: enter starts the area, and an answer
key (1-9, 0, x, s) answers its first dimension straight away.

## Modes

* **self**: the agent rates themselves (✔ self).
* **lead**: the lead rates; the agent's own answers are marked ◆ self.
* **pair**: both agree on a rating together (✔ agreed); ◆ marks show self and lead.

The rating that counts is *agreed*, else *lead*, else *self*.

## Review and summary

In the review, enter opens a dimension to change it; `s` shows the summary.
The summary gives a suggested level and why, focus areas, strengths and
(when two people rated) calibration. Export it from the summary or the command palette.

Press escape to close this help.
"""


class HelpScreen(ModalScreen[None]):
    """Keys and concepts, one screen."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="close"),
        Binding("question_mark", "close", "Close", show=False, id="close_q"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-dialog", classes="dialog"):
            yield Markdown(HELP)

    def action_close(self) -> None:
        self.dismiss()
