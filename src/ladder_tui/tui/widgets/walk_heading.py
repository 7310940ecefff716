"""The walk's two top lines, each one widget drawn from its own text: where we are (mode badge, area › dimension,
"n of N · k answered") and how far (a progress bar).

One widget a line, laid out in `render` rather than by three widgets in a row: a key press changes the crumb and the
counter, and with a row of widgets (one of them as wide as its text) each change was a layout of the row and a
repaint of all three; here it is one line redrawn, which a key press shows sooner (benchmarks/README.md).
"""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

#: The bar's glyphs, as Textual's ProgressBar draws them (a half cell at each end of the filled part).
BAR, HALF_RIGHT, HALF_LEFT = "━", "╸", "╺"


class WalkHeading(Widget):
    """` SELF  Area › Dimension ………………… 3 of 25 · 2 answered`: the badge and the counter whole, the crumb cut with …"""

    COMPONENT_CLASSES = {"walk-heading--count"}
    DEFAULT_CSS = """
    WalkHeading {
        height: 1;
        padding: 0 1;
    }
    WalkHeading > .walk-heading--count {
        color: $text-muted;
    }
    """

    badge: reactive[Content] = reactive(Content, layout=False)
    """The mode (and read-only) badge, styled."""
    crumb: reactive[Content] = reactive(Content, layout=False)
    """Area › dimension."""
    count: reactive[str] = reactive("", layout=False)
    """Where in the walk, and how many answered."""

    def render(self) -> Content:
        width = self.content_size.width
        badge = self.badge
        count = Content.styled(self.count, self.get_visual_style("walk-heading--count"))
        # The badge and the counter keep their whole text; the crumb takes what is left, one space from each.
        room = max(0, width - badge.cell_length - count.cell_length - 2)
        crumb = self.crumb.truncate(room, ellipsis=True) if self.crumb.cell_length > room else self.crumb
        gap = max(1, width - badge.cell_length - crumb.cell_length - count.cell_length - 1)
        return Content.assemble(badge, " ", crumb, " " * gap, count)


class ProgressLine(Widget):
    """A one-line progress bar, drawn like Textual's ProgressBar (primary, success when complete), without its
    parts (a Rich renderable, a percentage and an ETA widget) that a key press would lay out and draw."""

    DEFAULT_CSS = """
    ProgressLine {
        height: 1;
        padding: 0 1;
    }
    """

    total: reactive[int] = reactive(1, layout=False)
    """What complete is."""
    progress: reactive[int] = reactive(0, layout=False)
    """How much of it is done."""

    def render(self) -> Content:
        width = self.content_size.width
        done = min(1.0, self.progress / self.total) if self.total > 0 else 0.0
        # To a half cell, in the same arithmetic as Textual's Bar (so the two draw alike).
        done = int(done * width * 2) / (width * 2) if width else done
        end = round(width * done * 2) / 2
        full, half = int(end), end - int(end) > 0
        style = "$success" if done >= 1 else "$primary"
        filled = Content.styled(BAR * full + (HALF_RIGHT if half else ""), style)
        rest = width - full - (1 if half else 0)
        if rest <= 0:
            return filled
        tail = BAR * rest if half or not full else HALF_LEFT + BAR * (rest - 1)
        return Content.assemble(filled, Content.styled(tail, "$surface"))
