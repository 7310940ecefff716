"""The Home screen: start a new assessment, resume a saved one, browse the frameworks."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from ladder_tui.core.listing import ListedAssessment, list_assessments
from ladder_tui.tui.text import one_line
from ladder_tui.tui.widgets.resume_list import ResumeList
from ladder_tui.tui.widgets.room_banner import RoomBanner

ACTIONS = "[b]n[/b]  start a new assessment    [b]f[/b]  browse frameworks    [b]l[/b]  review the selected one as lead"
INTRO = (
    "Walk a career ladder or skills matrix one dimension at a time. "
    "Every answer is saved as you go; quit and resume any time."
)


HEADERS = ("Subject", "Framework", "Mode", "Progress", "Last saved")
EMPTY = "No saved assessments yet. Press n to start one."


class HomeScreen(Screen[None]):
    """Where every session starts."""

    BINDINGS = [
        Binding("n", "new", "New assessment", id="new"),
        Binding("enter", "resume", "Resume", id="resume", show=False),
        Binding("f", "frameworks", "Frameworks", id="frameworks"),
        Binding("l", "lead_review", "Review as lead", id="lead_review"),
        Binding("question_mark", "app.help", "Help", id="help_key"),
    ]

    TITLE = "ladder-tui"
    SUB_TITLE = "Home"
    AUTO_FOCUS = "#assessments"

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[ListedAssessment] = []

    def compose(self) -> ComposeResult:
        # The rows are read here, not on mount, so the very first frame already shows them (a second layout and
        # paint would add to start-up, SPEC section 8).
        self.rows = self._read_rows()
        yield Header(icon="≡")
        yield RoomBanner()
        yield Static(INTRO, id="home-intro")
        # Plain text rather than buttons: Home is the first screen, and every widget type costs start-up time.
        # The footer's keys are clickable for mouse users.
        yield Static(ACTIONS, id="home-actions")
        yield Static("Resume an assessment", classes="section-title", id="resume-title")
        table = ResumeList(id="assessments", flexible=(0, 1))
        table.set_rows(HEADERS, self._cells(self.rows))
        table.display = bool(self.rows)
        yield table
        empty = Static(EMPTY, id="home-empty")
        empty.display = not self.rows
        yield empty
        yield Footer()

    def on_screen_resume(self) -> None:
        self.reload()

    def _read_rows(self) -> list[ListedAssessment]:
        folders = [path for path, _origin in self.app.catalog.dirs]  # type: ignore[attr-defined]
        return [row for row in list_assessments(folders) if row.error is None]

    @staticmethod
    def _cells(rows: list[ListedAssessment]) -> list[tuple[str, ...]]:
        return [
            (
                one_line(row.subject),
                one_line(row.framework),
                row.mode,
                row.progress,
                # Files keep UTC; people read their own clock.
                row.updated.astimezone().strftime("%Y-%m-%d %H:%M") if row.updated else "?",
            )
            for row in rows
        ]

    def reload(self) -> None:
        """Read the folder again (back from a walk: progress and order change)."""
        self.rows = self._read_rows()
        table = self.query_one(ResumeList)
        table.set_rows(HEADERS, self._cells(self.rows))
        self.query_one("#home-empty", Static).display = not self.rows
        table.display = bool(self.rows)
        if self.rows:
            table.focus()

    def _selected_path(self) -> Path | None:
        if not self.rows:
            return None
        return self.rows[min(self.query_one(ResumeList).cursor, len(self.rows) - 1)].path

    def action_resume(self) -> None:
        path = self._selected_path()
        if path is not None:
            self.app.open_walk(path)  # type: ignore[attr-defined]

    def action_lead_review(self) -> None:
        """Open the selected assessment in lead mode: the agent's own answers are shown beside the lead's."""
        path = self._selected_path()
        if path is not None:
            self.app.open_walk(path, "lead")  # type: ignore[attr-defined]

    @on(ResumeList.Selected)
    def _row_selected(self) -> None:
        self.action_resume()

    def action_new(self) -> None:
        from ladder_tui.tui.screens.new import NewAssessmentScreen

        def created(path: Path | None) -> None:
            if path is not None:
                self.app.open_walk(path)  # type: ignore[attr-defined]

        self.app.push_screen(NewAssessmentScreen(), created)

    def action_frameworks(self) -> None:
        from ladder_tui.tui.screens.frameworks import FrameworksScreen

        self.app.push_screen(FrameworksScreen())
