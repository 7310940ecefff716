"""The History screen (y on the Summary): the person's every cycle on this framework, each dimension's rating cycle
by cycle as heat cells (a trend you can read across), built from the same document as `ladder-tui history`."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import Screen
from textual.widgets import Header

from ladder_tui.core.domain.session import WalkSession
from ladder_tui.core.presentation.document import Document
from ladder_tui.core.storage.catalog import FrameworkCatalog
from ladder_tui.tui import commands
from ladder_tui.tui.commands import Keyed
from ladder_tui.tui.text import one_line
from ladder_tui.tui.widgets.key_hints import KeyHints
from ladder_tui.tui.widgets.room_banner import RoomBanner
from ladder_tui.tui.widgets.summary_view import SummaryView


class HistoryScreen(Keyed, Screen[None]):
    COMMAND_TABLE = "history"
    BINDINGS: ClassVar[list[BindingType]] = list(commands.bindings(COMMAND_TABLE))

    def __init__(self, session: WalkSession, catalog: FrameworkCatalog) -> None:
        super().__init__()
        self.session = session
        self.catalog = catalog
        self._width = 100

    def _document(self) -> Document:
        from ladder_tui.core.domain.history import history, history_document
        from ladder_tui.core.storage.listing import list_assessments, list_with_archive
        from ladder_tui.serve.protocol import room_people

        session = self.session
        folder = session.path.parent
        rows = list_with_archive(self.catalog, folder, subjects=room_people())[0].rows
        if all(row.path != session.path for row in rows):
            rows += list_assessments(self.catalog, folder, names=session.path.name).rows
        return history_document(history(session.framework, session.assessment.subject, rows))

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        yield RoomBanner()
        yield SummaryView(self._document(), self._width, id="history-body")
        yield KeyHints()

    def on_mount(self) -> None:
        session = self.session
        self.title = f"{one_line(session.assessment.subject, 40)} · {one_line(session.framework.name, 60)}"
        self.sub_title = "History"

    async def on_resize(self, event: events.Resize) -> None:
        width = max(40, event.size.width - 4)
        if width != self._width:
            self._width = width
            await self.query_one(SummaryView).show(self._document(), width)

    def action_back(self) -> None:
        self.dismiss(None)
