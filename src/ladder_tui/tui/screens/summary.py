"""The Summary screen: suggested level and why, focus areas, strengths, calibration, every answer; export."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import Screen
from textual.widgets import Header

from ladder_tui.core.domain import rules
from ladder_tui.core.domain.scoring import score
from ladder_tui.core.domain.session import WalkSession
from ladder_tui.core.domain.walk import BackToWalk, GoHome, OpenDimension, OpenReview, WalkRequest
from ladder_tui.core.presentation.document import Document, summary_document
from ladder_tui.core.storage.catalog import FrameworkCatalog
from ladder_tui.tui import commands
from ladder_tui.tui.commands import Keyed
from ladder_tui.tui.text import not_saved_text, one_line
from ladder_tui.tui.widgets.key_hints import KeyHints
from ladder_tui.tui.widgets.room_banner import RoomBanner
from ladder_tui.tui.widgets.summary_view import SummaryView


class SummaryScreen(Keyed, Screen[WalkRequest]):
    """The result people act on, built from the same summary document as `ladder-tui summary`.

    Returns what the walk should do next: open a dimension or the review, go back to the walk, or home."""

    COMMAND_TABLE = "summary"
    BINDINGS: ClassVar[list[BindingType]] = list(commands.bindings(COMMAND_TABLE))

    def __init__(self, session: WalkSession, catalog: FrameworkCatalog, *, served: bool = False) -> None:
        super().__init__()
        self.session = session
        self.catalog = catalog
        self.served = served
        self._width = 100
        from ladder_tui.core.domain.cycles import since_note

        #: "Since <date>": what moved since the person's earlier cycle (the screen and its exports show it).
        self.earlier = since_note(session.assessment, session.framework, session.path.parent, catalog)

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        yield RoomBanner()
        yield self._view()
        yield KeyHints()

    def _view(self) -> SummaryView:
        return SummaryView(self._document(), self._width, id="summary-body")

    def _document(self) -> Document:
        session = self.session
        return summary_document(score(session.framework, session.assessment), self.earlier)

    def on_mount(self) -> None:
        session = self.session
        self.title = f"{one_line(session.assessment.subject, 40)} · {one_line(session.framework.name, 60)}"
        self.sub_title = "Summary"

    async def on_resize(self, event: events.Resize) -> None:
        width = max(40, event.size.width - 4)
        if width != self._width:
            self._width = width
            await self.query_one(SummaryView).show(self._document(), width)

    async def on_screen_resume(self) -> None:
        await self.query_one(SummaryView).show(self._document(), self._width)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("comment", "sign"):
            return None if self.session.read_only else True
        if action == "export":
            # Nothing answered, nothing worth a file.
            return True if rules.counts(self.session.framework, self.session.assessment).answered else None
        return True

    def action_back(self) -> None:
        self.dismiss(BackToWalk())

    def action_review(self) -> None:
        self.dismiss(OpenReview())

    def _outcome_saved(self) -> None:
        if not self.session.save_change():
            self.notify(not_saved_text(self.session.last_error), severity="error", timeout=10)
        self.call_later(self.on_screen_resume)

    def action_comment(self) -> None:
        from ladder_tui.tui.screens.outcome import CommentScreen

        def kept(text: str | None) -> None:
            if text is not None:
                self.session.assessment.comment = text.strip() or None
                self._outcome_saved()

        self.app.push_screen(CommentScreen(self.session.assessment.comment), kept)

    def action_sign(self) -> None:
        import datetime

        from ladder_tui.core.domain.assessment import Owner, Signature
        from ladder_tui.tui.screens.outcome import SignScreen

        def signed(result: tuple[str, str] | None) -> None:
            if result is None:
                return
            side, name = result
            signature = Signature(name, datetime.date.today())
            signoff = self.session.assessment.signoff
            if side == "lead":
                signoff.lead = signature
            else:
                signoff.self_side = signature
            self._outcome_saved()
            if signoff.complete:
                # Settled: the walk is read-only from here until `ladder-tui reopen`.
                self.session.read_only = True
                self.session.read_only_reason = "signed"
                self.notify("Both sides have signed: the assessment is settled (read-only until reopened).")

        side: Owner = "lead" if self.session.mode == "lead" else "self"
        self.app.push_screen(SignScreen(side), signed)

    def action_history(self) -> None:
        from ladder_tui.tui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen(self.session, self.catalog))

    def action_plan(self) -> None:
        from ladder_tui.tui.screens.plan import PlanScreen

        self.app.push_screen(PlanScreen(self.session))

    def action_home(self) -> None:
        self.dismiss(GoHome())

    def action_go_to(self, index: int) -> None:
        self.dismiss(OpenDimension(index))

    def action_export(self) -> None:
        from ladder_tui.tui.screens.export import open_summary_export

        open_summary_export(self, self.session, self.catalog, served=self.served)
