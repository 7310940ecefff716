"""The Team screen: every person's latest assessment on one framework as a heatmap; enter opens their summary.

It reads the data folder only (in a shared room no member names a folder on the host) and renders the same team
document as `ladder-tui team`.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from ladder_tui.core.domain.team import Team, frameworks_in, team_document, team_rollup
from ladder_tui.core.errors import LadderError
from ladder_tui.core.presentation.document import Heat, Section, Table
from ladder_tui.core.presentation.report import heat_style
from ladder_tui.core.presentation.text import plural
from ladder_tui.core.storage.catalog import FrameworkCatalog
from ladder_tui.core.storage.listing import ListedAssessment
from ladder_tui.tui import commands
from ladder_tui.tui.commands import Keyed
from ladder_tui.tui.messages import OpenAssessment
from ladder_tui.tui.text import inert, one_line
from ladder_tui.tui.widgets.key_hints import KeyHints
from ladder_tui.tui.widgets.quiet_scroll import QuietScroll
from ladder_tui.tui.widgets.room_banner import RoomBanner
from ladder_tui.tui.widgets.summary_view import block_widgets

#: Heatmap columns are narrow: a level's short name fits, and the start of the dimension's name (the full names
#: are listed under the heatmap, numbered like the columns).
CELL_WIDTH = 14
#: The people's column: as wide as the longest name, up to this.
PERSON_WIDTH_MAX = 28


def column_name(area_name: str, dimension_name: str) -> str:
    """A dimension's name for a narrow header: without the area's name when it starts with it."""
    if dimension_name.casefold().startswith(area_name.casefold() + " ") and len(dimension_name) > len(area_name) + 1:
        return dimension_name[len(area_name) + 1 :]
    return dimension_name


class TeamScreen(Keyed, Screen[None]):
    """The heatmap scrolls both ways at 80x24; f switches framework when several are in the folder."""

    COMMAND_TABLE = "team"
    BINDINGS: ClassVar[list[BindingType]] = list(commands.bindings(COMMAND_TABLE))

    def __init__(self, catalog: FrameworkCatalog, *, served: bool = False) -> None:
        super().__init__()
        self.catalog = catalog
        self.served = served
        self.rows: list[ListedAssessment] = []
        self.frameworks: list[str] = []
        self.framework_id: str | None = None
        self.team: Team | None = None

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        yield RoomBanner()
        yield Static("Reading the saved assessments…", id="team-status")
        # The person and their level stay in view while the dimensions scroll by.
        yield DataTable(id="team-heatmap", cursor_type="row", zebra_stripes=False, fixed_columns=2)
        with QuietScroll(id="team-more"):
            yield Static(id="team-focus")
        yield KeyHints()

    def on_mount(self) -> None:
        self.title = "ladder-tui"
        self.sub_title = "Team"
        self.load()

    @work(thread=True, exclusive=True, group="team")
    def load(self) -> None:
        from ladder_tui.core.storage.listing import list_assessments
        from ladder_tui.serve.protocol import room_people

        rows = list_assessments(self.catalog, subjects=room_people()).rows  # a served room: only its people
        self.app.call_from_thread(self._loaded, rows)

    def _loaded(self, rows: list[ListedAssessment]) -> None:
        self.rows = rows
        self.frameworks = frameworks_in(rows)
        if not self.frameworks:
            self.query_one("#team-status", Static).update("No saved assessments yet: the team shows once there are.")
            self.query_one(DataTable).display = False
            return
        # The framework most people are on comes first; one that is not installed (nothing to roll up) last.
        counts = {fw: len({row.subject.casefold() for row in rows if row.framework == fw}) for fw in self.frameworks}
        self.frameworks.sort(key=lambda fw: (self.catalog.find(fw) is None, -counts[fw], fw))
        self.show(self.frameworks[0])

    def show(self, framework_id: str) -> None:
        self.framework_id = framework_id
        framework = self.catalog.find(framework_id)
        status = self.query_one("#team-status", Static)
        others = " (f: the next framework)" if len(self.frameworks) > 1 else ""
        try:
            if framework is None:
                raise LadderError(f"Framework {one_line(framework_id, 60)} is not installed: nothing to roll up")
            self.team = team_rollup(framework, self.rows)
        except LadderError as exc:
            # Nothing of the framework shown before may stay under this line, as if it were this one's.
            self.team = None
            self.query_one(DataTable).display = False
            self.query_one("#team-more", QuietScroll).remove_children()
            status.update(Content(inert(str(exc)) + others))
            self.refresh_bindings()
            return
        self.query_one(DataTable).display = True
        document = team_document(self.team)
        others = f" · {len(self.frameworks)} frameworks here (f: the next)" if len(self.frameworks) > 1 else ""
        status.update(
            Content.assemble(
                (inert(framework.name), "bold"),
                f" · {plural(len(self.team.people), 'person', 'people')} at their latest cycle{others}"
                " · enter: that person's summary",
            )
        )
        heatmap = next(block for section in document.sections for block in section.blocks if isinstance(block, Table))
        self._fill(heatmap)
        self.refresh_bindings()
        focus = document.section("focus")
        assert isinstance(focus, Section)
        container = self.query_one("#team-more", QuietScroll)
        container.remove_children()
        container.mount(Static(Content(inert(focus.title)), classes="section-title"))
        for block in focus.blocks:
            for widget in block_widgets(block, self.size.width):
                container.mount(widget)
        legend = [f"{number}. {item.area.name} › {item.dimension.name}" for number, item in
                  enumerate(self.team.dimensions, 1)]  # fmt: skip
        container.mount(Static("Columns", classes="section-title"))
        container.mount(Static(Content(inert("\n".join(legend)))))
        if document.headline.facts:
            container.mount(Static(Content(inert(" · ".join(value for _label, value in document.headline.facts)))))

    def _fill(self, heatmap: Table) -> None:
        table = self.query_one(DataTable)
        table.clear(columns=True)
        assert self.team is not None
        names = ["Person", "Level"] + [
            f"{number} {column_name(item.area.name, item.dimension.name)}"
            for number, item in enumerate(self.team.dimensions, 1)
        ]
        # The people's column is as wide as their names (within reason); a longer name is cut with "…", as the
        # headers are, rather than silently.
        first_column = [" ".join(row[0]) for row in heatmap.rows if isinstance(row[0], tuple)]
        person_width = max(8, min(PERSON_WIDTH_MAX, max(map(len, first_column), default=8)))
        widths = [person_width, 7, *([CELL_WIDTH] * (len(names) - 2))]
        for name, width in zip(names, widths, strict=True):
            table.add_column(Text(one_line(name, width), style="bold"), width=width)
        for number, row in enumerate(heatmap.rows):
            cells = []
            for cell, width in zip(row, widths, strict=True):
                if isinstance(cell, Heat):
                    cells.append(Text(inert(cell.label), style=heat_style(cell.fraction)))
                elif isinstance(cell, tuple):
                    cells.append(Text(one_line(" ".join(cell), width)))
                else:
                    cells.append(Text(""))
            table.add_row(*cells, key=str(number))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_framework":
            return len(self.frameworks) > 1 or None
        if action == "open":
            return self.team is not None or None
        return True

    def action_next_framework(self) -> None:
        if self.framework_id in self.frameworks:
            position = self.frameworks.index(self.framework_id)
            self.show(self.frameworks[(position + 1) % len(self.frameworks)])

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        if self.team is None:
            return
        row = self.query_one(DataTable).cursor_row
        if 0 <= row < len(self.team.people):  # the median and spread rows below the people open nothing
            self.post_message(OpenAssessment(self.team.people[row].row.path, summary=True))

    def action_back(self) -> None:
        self.dismiss()
