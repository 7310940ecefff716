"""The Home screen: start a new assessment, resume a saved one, browse the frameworks."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Input, Static

from ladder_tui.core.domain.assessment import Mode
from ladder_tui.core.errors import LadderError
from ladder_tui.core.storage.catalog import FrameworkCatalog
from ladder_tui.core.storage.files import regular_files
from ladder_tui.core.storage.listing import ListedAssessment, by_person, earlier_cycles
from ladder_tui.core.storage.paths import assessments_dir
from ladder_tui.serve.protocol import shown
from ladder_tui.tui import commands
from ladder_tui.tui.commands import Keyed
from ladder_tui.tui.messages import OpenAssessment
from ladder_tui.tui.text import one_line
from ladder_tui.tui.widgets.key_hints import KeyHints
from ladder_tui.tui.widgets.resume_list import ResumeList
from ladder_tui.tui.widgets.room_banner import RoomBanner

INTRO = (
    "Walk a career ladder or skills matrix one dimension at a time. "
    "Every answer is saved as you go; quit and resume any time."
)
HEADERS = ("Subject", "Framework", "Mode", "Progress", "Last saved")
EMPTY = "No saved assessments yet. Press n to start one."
READING = "Reading the saved assessments…"


class HomeScreen(Keyed, Screen[None]):
    """Where every session starts."""

    COMMAND_TABLE = "home"
    BINDINGS: ClassVar[list[BindingType]] = list(commands.bindings(COMMAND_TABLE))
    TITLE = "ladder-tui"
    SUB_TITLE = "Home"
    AUTO_FOCUS = "#assessments"

    def __init__(self, catalog: FrameworkCatalog, *, served: bool = False) -> None:
        super().__init__()
        self.catalog = catalog
        self.served = served
        #: Every assessment, grouped by person; and those the filter keeps (what the list shows).
        self.all_rows: list[ListedAssessment] = []
        self.rows: list[ListedAssessment] = []
        self.loaded = False

    def compose(self) -> ComposeResult:
        # Whether there is anything to list is known at once; reading the files (2,000 of them, maybe) happens
        # after the first frame, in a worker, so Home shows at the speed of an empty app (SPEC section 8).
        files, _skipped = regular_files(assessments_dir(), ".toml")
        yield Header(icon="≡")
        yield RoomBanner()
        yield Static(INTRO, id="home-intro")
        yield Static("Resume an assessment", classes="section-title", id="resume-title")
        search = Input(placeholder="Filter by name or framework (escape clears)", id="home-filter")
        search.display = False
        yield search
        table = ResumeList(id="assessments", flexible=(0, 1))
        table.set_rows(HEADERS, [])
        table.display = False
        yield table
        yield Static(READING if files else EMPTY, id="home-empty")
        skipped = Static(id="home-skipped")
        skipped.display = False
        yield skipped
        yield KeyHints()
        self.loaded = not files

    def on_mount(self) -> None:
        if not self.loaded:
            self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    @work(thread=True, exclusive=True, group="home-rows")
    def reload(self) -> None:
        """Read the folder again (in a thread: the screen stays responsive), then show the rows."""
        from ladder_tui.core.storage.listing import list_assessments
        from ladder_tui.serve.protocol import room_people

        self.catalog.reload()
        listing = list_assessments(self.catalog, subjects=room_people())  # a served room: only whom it may show
        self.app.call_from_thread(self._show_rows, listing.rows, listing.problems)

    def _show_rows(self, rows: list[ListedAssessment], problems: list[str]) -> None:
        self.all_rows = by_person(rows)
        self.loaded = True
        self._filter_rows()
        skipped = self.query_one("#home-skipped", Static)
        if problems:
            first = one_line(problems[0], 200)
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            skipped.update(Content(f"Not listed: {first}{more}. `ladder-tui list` names each one."))
        skipped.display = bool(problems)
        if self.rows and not self.query_one("#home-filter", Input).has_focus:
            self.query_one(ResumeList).focus()
        self.refresh_bindings()

    def _filter_rows(self) -> None:
        """The rows whose subject or framework holds every word typed in the filter (case aside)."""
        words = self.query_one("#home-filter", Input).value.casefold().split()
        rows = [
            row
            for row in self.all_rows
            if all(word in f"{row.subject} {row.framework_name} {row.framework}".casefold() for word in words)
        ]
        self.rows = rows
        older = earlier_cycles(self.all_rows)
        table = self.query_one(ResumeList)
        table.set_rows(HEADERS, [self._cells(row, row.id in older) for row in rows])
        table.display = bool(rows)
        empty = self.query_one("#home-empty", Static)
        empty.update(EMPTY if not self.all_rows else "Nothing matches the filter (escape clears it).")
        empty.display = not rows

    @on(Input.Changed, "#home-filter")
    def _filter_changed(self) -> None:
        self._filter_rows()

    def action_filter(self) -> None:
        field = self.query_one("#home-filter", Input)
        field.display = True
        field.focus()

    def action_clear_filter(self) -> None:
        field = self.query_one("#home-filter", Input)
        field.value = ""
        field.display = False
        self._filter_rows()
        self.query_one(ResumeList).focus()

    def _file_away(self, row: ListedAssessment, how: str) -> None:
        """Archive or delete (to the trash) the row's assessment, say so, and list the folder again."""
        from ladder_tui.core.services import filing

        move = filing.archive if how == "archive" else filing.delete
        try:
            move(row.id)
        except LadderError as exc:
            self.notify(shown(str(exc)), title=f"Not {how}d", severity="error", timeout=8)
            return
        if how == "archive":
            said = f"Archived {row.id}: out of Home, list and team (`ladder-tui unarchive {row.id}`)."
        else:
            said = f"Moved {row.id} to the trash (`ladder-tui restore {row.id}` brings it back)."
        self.notify(said, timeout=6)
        self.reload()

    def action_archive(self) -> None:
        row = self._selected_row()
        if row is not None:
            self._file_away(row, "archive")

    def action_delete(self) -> None:
        row = self._selected_row()
        if row is None:
            return
        from ladder_tui.tui.screens.outcome import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self._file_away(row, "delete")

        question = f"Move {one_line(row.subject, 40)}'s {row.id} to the trash? (restore brings it back)"
        self.app.push_screen(ConfirmScreen(question), answered)

    @staticmethod
    def _cells(row: ListedAssessment, earlier: bool = False) -> tuple[str, ...]:
        others = [f"{slot} {count}" for slot, count in (row.slots or {}).items() if slot != "self" and count]
        return (
            # A person's earlier cycles sit under their latest, marked.
            f"  ↳ earlier cycle ({row.created.astimezone().date().isoformat()})" if earlier else one_line(row.subject),
            one_line(row.framework_name or row.framework),
            row.mode,
            # Answered (the rating that scores), and what a lead or a pair has rated of it so far.
            row.progress + (f" · {', '.join(others)}" if others else ""),
            # Files keep UTC; people read their own clock.
            row.updated.astimezone().strftime("%Y-%m-%d %H:%M"),
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("resume", "open_as"):
            return bool(self.rows) or None
        if action in ("archive", "delete"):
            return (bool(self.rows) and not self.served) or None  # a room manages no files
        if action == "clear_filter":
            return self.query_one("#home-filter", Input).display or None
        return True

    def _selected_row(self) -> ListedAssessment | None:
        if not self.rows:
            return None
        return self.rows[min(self.query_one(ResumeList).cursor, len(self.rows) - 1)]

    def _selected_path(self) -> Path | None:
        row = self._selected_row()
        return row.path if row is not None else None

    def action_resume(self) -> None:
        path = self._selected_path()
        if path is not None:
            self.post_message(OpenAssessment(path))

    def action_open_as(self, mode: Mode) -> None:
        """Open the selected assessment in the mode the key names (the file's last mode does not decide)."""
        path = self._selected_path()
        if path is not None:
            self.post_message(OpenAssessment(path, mode))

    @on(ResumeList.Selected)
    def _row_selected(self) -> None:
        self.action_resume()

    def action_new(self) -> None:
        from ladder_tui.tui.screens.new import Created, NewAssessmentScreen

        def created(result: Created | None) -> None:
            if result is not None:
                self.post_message(OpenAssessment(result.path, result.mode))

        self.app.push_screen(NewAssessmentScreen(self.catalog), created)

    def action_team(self) -> None:
        from ladder_tui.tui.screens.team import TeamScreen

        self.app.push_screen(TeamScreen(self.catalog, served=self.served))

    def action_frameworks(self) -> None:
        from ladder_tui.tui.screens.frameworks import FrameworksScreen

        self.app.push_screen(FrameworksScreen(self.catalog, served=self.served))
