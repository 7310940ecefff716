"""The Review screen: every dimension and its answers in one table; enter opens a dimension to change it."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from ladder_tui.core.domain import rules
from ladder_tui.core.domain.assessment import SKIPPED, Slot
from ladder_tui.core.domain.session import WalkSession
from ladder_tui.core.domain.walk import (
    BackToWalk,
    GoHome,
    OpenDimension,
    OpenSummary,
    Stay,
    WalkController,
    WalkRequest,
)
from ladder_tui.tui import commands
from ladder_tui.tui.acting import credit
from ladder_tui.tui.commands import Keyed
from ladder_tui.tui.text import notice_text, one_line
from ladder_tui.tui.widgets.key_hints import KeyHints
from ladder_tui.tui.widgets.room_banner import RoomBanner

#: Columns narrower than this are not worth showing.
NOTE_MIN = 16


def short_answer(session: WalkSession, value: str | None) -> str:
    """An answer in a few characters: "3 Adv", "below", "n/a", "skipped" (the one wording, short)."""
    return rules.answer_label(session.framework.levels, value, short=True)


class ReviewScreen(Keyed, Screen[WalkRequest]):
    """All answers at a glance; returns what the walk should do: open a dimension or the summary, go back or home."""

    COMMAND_TABLE = "review"
    BINDINGS: ClassVar[list[BindingType]] = list(commands.bindings(COMMAND_TABLE))

    def __init__(self, walk: WalkController) -> None:
        super().__init__()
        self.walk = walk
        self.session = walk.session

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        yield RoomBanner()
        yield Static(id="review-status")
        yield DataTable(id="review-table", cursor_type="row", zebra_stripes=True)
        yield KeyHints()

    def on_mount(self) -> None:
        session = self.session
        self.title = f"{one_line(session.assessment.subject, 40)} · {one_line(session.framework.name, 60)}"
        self.sub_title = f"Review · {session.mode} mode"
        counts = session.counts()
        # The mode and a read-only mark lead the line: at 80 columns the title is cut before them.
        read_only = "READ-ONLY · " if session.read_only else ""
        self.query_one("#review-status", Static).update(
            f"{session.mode.upper()} · {read_only}{counts.answered} of {counts.total} answered. "
            "Enter opens a dimension (then back here); u shows the summary."
        )
        self._fill(self.size.width)

    def on_resize(self, event: events.Resize) -> None:
        if self.is_mounted:
            self._fill(event.size.width)

    def _slots(self) -> list[Slot]:
        return [self.session.slot, *self.session.other_slots]

    def _fill(self, width: int) -> None:
        session = self.session
        table = self.query_one(DataTable)
        cursor = table.cursor_row if table.row_count else session.step.index
        table.clear(columns=True)
        slots = self._slots()
        with_area = width >= 120
        # Wide enough, who gave a rating stands beside it ("3 Adv · Kim Lead") where that is worth saying.
        named = with_area and any(
            credit(self, session.rated_by(step, slot)) for step in session.steps for slot in slots
        )
        slot_width = 24 if named else 15
        name_width = 26 if with_area else 24
        # Every column but the note has a width; the note takes what is left (cells pad one space each side).
        fixed = (18 if with_area else 0) + name_width + slot_width * len(slots)
        padding = 2 * (len(slots) + (3 if with_area else 2))
        note_width = max(NOTE_MIN, width - fixed - padding - 2)
        if with_area:
            table.add_column("Area", width=18)
        table.add_column("Dimension", width=name_width)
        for slot in slots:
            table.add_column(slot.capitalize(), width=slot_width)
        table.add_column("Note", width=note_width)
        for step in session.steps:
            cells: list[Content] = []
            # Narrow: the area's name heads its first row (a two-line row), so every dimension keeps the column.
            heading = not with_area and step.first_in_area
            if with_area:
                cells.append(Content(one_line(step.area.name, 18)))
                cells.append(Content(one_line(step.dimension.name, name_width)))
            else:
                name = Content("  " + one_line(step.dimension.name, name_width - 2))
                cells.append(
                    Content.styled(one_line(step.area.name, name_width), "bold") + "\n" + name if heading else name
                )
            for slot in slots:
                if not session.shows_slot(slot, step):
                    cells.append(Content.styled("hidden", "dim"))
                    continue
                value = session.rating(step, slot)
                if slot == session.slot and not session.is_answered(step):
                    label = "skipped" if value == SKIPPED else "unanswered"
                    cells.append(Content.styled(f"— {label}", "bold reverse"))
                else:
                    answer = short_answer(session, value)
                    if value is not None and (who := credit(self, session.rated_by(step, slot))):
                        answer = f"{answer} · {who}"
                    cells.append(Content.styled(answer, "bold" if slot == session.slot else ""))
            notes = [
                (self._note_label(slot, note.by), note.text)
                for slot in slots
                if session.shows_slot(slot, step)
                for note in session.notes(step, slot)
            ]
            text = " · ".join(f"{who}: {note}" if who else note for who, note in notes)
            cells.append(Content(one_line(text, note_width)))
            if heading:  # the answers sit on the dimension's line, under the area's name
                cells = [cells[0], *(Content("\n") + cell for cell in cells[1:])]
            table.add_row(*cells, key=str(step.index), height=2 if heading else 1)
        table.move_cursor(row=min(cursor, table.row_count - 1))

    def _note_label(self, slot: Slot, by: str | None) -> str:
        """Whose note: the slot (none for this sitting's own) and the person, where that is worth saying."""
        who = credit(self, by)
        label = slot if slot != self.session.slot else ""
        return f"{label} ({who})" if label and who else label or who or ""

    def action_open(self) -> None:
        self.dismiss(OpenDimension(self.query_one(DataTable).cursor_row))

    def action_summary(self) -> None:
        # While the agent's ratings are hidden from a blind lead the key says why rather than doing nothing.
        move = self.walk.summary()
        if isinstance(move, Stay) and move.notice is not None:
            text, severity = notice_text(move.notice)
            self.notify(text, severity=severity)
            return
        self.dismiss(OpenSummary())

    def action_close(self) -> None:
        self.dismiss(BackToWalk())

    def action_home(self) -> None:
        self.dismiss(GoHome())

    def action_go_to(self, index: int) -> None:
        self.dismiss(OpenDimension(index))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.dismiss(OpenDimension(event.cursor_row))
