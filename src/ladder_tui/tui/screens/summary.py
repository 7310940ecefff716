"""The Summary screen: suggested level and why, focus areas, strengths, calibration; export actions."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from ladder_tui.core.errors import LadderError
from ladder_tui.core.session import WalkSession
from ladder_tui.tui.text import inert
from ladder_tui.tui.widgets.room_banner import RoomBanner

EXPORT_SUFFIX = {"markdown": ".md", "html": ".html", "json": ".json", "text": ".txt"}


def export_summary(app: App[object], session: WalkSession, fmt: str) -> Path | None:
    """Write the summary beside the assessment file; the same report the CLI prints."""
    from ladder_tui.core.report import render
    from ladder_tui.core.scoring import score
    from ladder_tui.core.storage import atomic_write_text

    target = session.path.with_name(f"{session.path.stem}-summary{EXPORT_SUFFIX[fmt]}")
    try:
        atomic_write_text(target, render(score(session.framework, session.assessment), fmt, color=False, width=100))
    except LadderError as exc:
        app.notify(str(exc), title="Export failed", severity="error", timeout=10)
        return None
    app.notify(f"Wrote {target}", title="Exported")
    return target


class SummaryScreen(Screen[None]):
    """The result people act on; rendered from the same scoring result as `ladder-tui summary`."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="back"),
        Binding("r", "review", "Review", id="review"),
        Binding("m", "export('markdown')", "Export .md", id="export_markdown"),
        Binding("h", "export('html')", "Export .html", id="export_html"),
        Binding("e", "export('json')", "Export .json", id="export_json", show=False),
        Binding("question_mark", "app.help", "Help", id="help_key"),
    ]

    def __init__(self, session: WalkSession) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        yield RoomBanner()
        with VerticalScroll(id="summary-body"):
            yield Static(id="summary-report")
        yield Footer()

    def on_mount(self) -> None:
        self.title = f"{inert(self.session.assessment.subject)} · {self.session.framework.name}"
        self.sub_title = "Summary"
        self.call_after_refresh(self.refresh_report)

    def on_screen_resume(self) -> None:
        self.refresh_report()

    def on_resize(self) -> None:
        self.refresh_report()

    def refresh_report(self) -> None:
        from ladder_tui.core.report import render
        from ladder_tui.core.scoring import score

        width = max(40, self.size.width - 4)
        result = score(self.session.framework, self.session.assessment)
        self.query_one("#summary-report", Static).update(
            Text.from_ansi(render(result, "text", color=True, width=width))
        )

    def action_review(self) -> None:
        from ladder_tui.tui.screens.dimension import DimensionScreen
        from ladder_tui.tui.screens.review import ReviewScreen

        below = self.app.screen_stack[-2] if len(self.app.screen_stack) > 1 else None

        def opened(index: int | None) -> None:
            if index is not None and isinstance(below, DimensionScreen):
                self.app.pop_screen()
                below.go_to(index)

        self.app.push_screen(ReviewScreen(self.session), opened)

    def action_export(self, fmt: str) -> None:
        export_summary(self.app, self.session, fmt)
