"""The Review screen: every dimension and its answers in one table; enter opens a dimension to change it."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from ladder_tui.core.session import WalkSession
from ladder_tui.tui.screens.dimension import answer_label
from ladder_tui.tui.text import inert, one_line
from ladder_tui.tui.widgets.room_banner import RoomBanner


class ReviewScreen(Screen[int | None]):
    """All answers at a glance; returns the index of the dimension to open, or None."""

    BINDINGS = [
        Binding("enter", "open", "Open", id="open"),
        Binding("s", "summary", "Summary", id="summary"),
        Binding("escape", "close", "Back", id="back"),
        Binding("question_mark", "app.help", "Help", id="help_key"),
    ]

    def __init__(self, session: WalkSession) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        yield RoomBanner()
        yield Static(id="review-status")
        yield DataTable(id="review-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        session = self.session
        self.title = f"{inert(session.assessment.subject)} · {session.framework.name}"
        self.sub_title = "Review"
        answered, total = session.progress()
        self.query_one("#review-status", Static).update(
            f"{answered} of {total} answered in {session.mode} mode. Enter opens a dimension; s shows the summary."
        )
        table = self.query_one(DataTable)
        slots = [session.slot, *session.other_slots]
        table.add_column("Area")
        table.add_column("Dimension")
        for slot in slots:
            table.add_column(slot.capitalize())
        table.add_column("Note")
        for step in session.steps:
            own = session.rating(step)
            cells: list[str | Text] = [
                one_line(step.area.name, 24),
                one_line(step.dimension.name, 30),
            ]
            for slot in slots:
                label = answer_label(session, session.rating(step, slot))
                style = "bold" if slot == session.slot else ""
                if slot == session.slot and own is None:
                    label, style = "— unanswered", "bold reverse"
                cells.append(Text(label, style=style))
            notes = [(slot if slot != session.slot else "", session.note(step, slot)) for slot in slots]
            cells.append(one_line(" · ".join(f"{who}: {text}" if who else text for who, text in notes if text), 40))
            table.add_row(*cells, key=str(step.index))
        table.move_cursor(row=session.step.index)

    def action_open(self) -> None:
        table = self.query_one(DataTable)
        self.dismiss(table.cursor_row)

    def action_summary(self) -> None:
        from ladder_tui.tui.screens.summary import SummaryScreen

        self.app.push_screen(SummaryScreen(self.session))

    def action_close(self) -> None:
        self.dismiss(None)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.dismiss(event.cursor_row)
