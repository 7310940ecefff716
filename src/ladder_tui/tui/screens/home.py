"""The Home screen: start a new assessment, resume a saved one, browse the frameworks."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from ladder_tui.core.listing import ListedAssessment, list_assessments
from ladder_tui.tui.text import one_line
from ladder_tui.tui.widgets.room_banner import RoomBanner

ACTIONS = "[b]n[/b]  start a new assessment    [b]f[/b]  browse frameworks    [b]l[/b]  review the selected one as lead"
INTRO = (
    "Walk a career ladder or skills matrix one dimension at a time. "
    "Every answer is saved as you go; quit and resume any time."
)


class HomeScreen(Screen[None]):
    """Where every session starts."""

    BINDINGS = [
        Binding("n", "new", "New assessment", id="new"),
        Binding("enter", "resume", "Resume", id="resume", show=False),
        Binding("f", "frameworks", "Frameworks", id="frameworks"),
        Binding("l", "lead_review", "Review as lead", id="lead_review"),
        Binding("question_mark", "app.help", "Help", id="help_key"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[ListedAssessment] = []

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        yield RoomBanner()
        yield Static(INTRO, id="home-intro")
        # Plain text rather than buttons: Home is the first screen, and every widget type costs start-up time.
        # The footer's keys are clickable for mouse users.
        yield Static(ACTIONS, id="home-actions")
        yield Static("Resume an assessment", classes="section-title", id="resume-title")
        yield DataTable(id="assessments", cursor_type="row", zebra_stripes=True)
        yield Static(id="home-empty")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "ladder-tui"
        self.sub_title = "Home"
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        app = self.app
        folders = [path for path, _origin in app.catalog.dirs]  # type: ignore[attr-defined]
        self.rows = [row for row in list_assessments(folders) if row.error is None]
        table = self.query_one(DataTable)
        table.clear(columns=True)
        cells = [
            (
                one_line(row.subject, 24),
                one_line(row.framework, 22),
                row.mode,
                row.progress,
                # Files keep UTC; people read their own clock.
                row.updated.astimezone().strftime("%Y-%m-%d %H:%M") if row.updated else "?",
            )
            for row in self.rows
        ]
        headers = ("Subject", "Framework", "Mode", "Progress", "Last saved")
        # Widths given up front: auto widths would only settle on a second paint, and the first one shows "Alex Do".
        for index, header in enumerate(headers):
            table.add_column(header, width=max([len(header), *(len(cell[index]) for cell in cells)]))
        for row, cell in zip(self.rows, cells, strict=True):
            table.add_row(*cell, key=str(row.path))
        empty = self.query_one("#home-empty", Static)
        empty.update("" if self.rows else "No saved assessments yet. Press n to start one.")
        empty.display = not self.rows
        table.display = bool(self.rows)
        if self.rows:
            table.focus()

    def _selected_path(self) -> Path | None:
        table = self.query_one(DataTable)
        if not self.rows or table.cursor_row < 0:
            return None
        return self.rows[min(table.cursor_row, len(self.rows) - 1)].path

    def action_resume(self) -> None:
        path = self._selected_path()
        if path is not None:
            self.app.open_walk(path)  # type: ignore[attr-defined]

    def action_lead_review(self) -> None:
        """Open the selected assessment in lead mode: the agent's own answers are shown beside the lead's."""
        path = self._selected_path()
        if path is not None:
            self.app.open_walk(path, "lead")  # type: ignore[attr-defined]

    @on(DataTable.RowSelected)
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
