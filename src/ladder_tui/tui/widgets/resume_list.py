"""The list of saved assessments on Home: a header, one row per assessment, a row cursor; Enter or a click opens one.

A DataTable did this before, but on the first screen it cost about a quarter of a bare Textual app's whole start-up
(SPEC section 8 allows the first screen 1.25x of that). This widget draws its rows as one Text and does only what
Home needs: fixed columns that shrink to fit, a cursor, a window that follows it, keys, clicks and the wheel.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

GAP = 2
#: A flexible column never shrinks below this (it shows "…" when cut).
MIN_FLEX = 8


def shrink_widest(widths: list[int], excess: int, floors: dict[int, int]) -> int:
    """Take up to `excess` cells off the columns named in `floors`, always from the widest, none below its floor.

    Changes `widths` in place; returns the cells it could not take."""
    while excess > 0:
        candidates = [index for index, floor in floors.items() if widths[index] > floor]
        if not candidates:
            break
        widest = max(candidates, key=lambda index: widths[index])
        widths[widest] -= 1
        excess -= 1
    return excess


class ResumeList(Widget, can_focus=True):
    """Rows of text cells under a header; `cursor` is the highlighted row."""

    DEFAULT_CSS = """
    ResumeList {
        height: auto;
        & > .resume-list--header {
            text-style: bold;
            color: $text-muted;
        }
        & > .resume-list--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .resume-list--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
    }
    """
    COMPONENT_CLASSES = {"resume-list--header", "resume-list--cursor"}
    BINDINGS = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "move(-1_000_000)", "First", show=False),
        Binding("end", "move(1_000_000)", "Last", show=False),
        Binding("enter", "select", "Open", show=False),
    ]

    cursor: reactive[int] = reactive(0)
    #: The first row in view (rows scroll under a fixed header when there are more than fit).
    top: reactive[int] = reactive(0)

    class Selected(Message):
        """A row was chosen with Enter or a click."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, *, flexible: Sequence[int] = (), id: str | None = None) -> None:
        super().__init__(id=id)
        self.headers: tuple[str, ...] = ()
        self.rows: list[tuple[str, ...]] = []
        self.flexible = tuple(flexible)

    # ----- data -----

    def set_rows(self, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        new_headers, new_rows = tuple(headers), [tuple(row) for row in rows]
        if (new_headers, new_rows) == (self.headers, self.rows):
            return  # nothing changed: no relayout, no repaint
        self.headers, self.rows = new_headers, new_rows
        self.cursor = min(self.cursor, max(len(self.rows) - 1, 0))
        self.refresh(layout=True)

    @property
    def row_count(self) -> int:
        return len(self.rows)

    def _visible_rows(self) -> int:
        return max(self.size.height - 1, 1)

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.rows) - 1)) if self.rows else 0

    def watch_cursor(self, value: int) -> None:
        visible = self._visible_rows()
        if value < self.top:
            self.top = value
        elif value >= self.top + visible:
            self.top = value - visible + 1

    def on_resize(self) -> None:
        self.watch_cursor(self.cursor)

    # ----- drawing -----

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return len(self.rows) + 1

    def _widths(self, room: int) -> list[int]:
        columns = len(self.headers)
        widths = [cell_len(header) for header in self.headers]
        for row in self.rows:
            for index, cell in enumerate(row[:columns]):
                widths[index] = max(widths[index], cell_len(cell))
        shrink_widest(widths, sum(widths) + GAP * (columns - 1) - room, {i: MIN_FLEX for i in self.flexible})
        return widths

    def _line(self, cells: Sequence[str], widths: list[int]) -> str:
        parts = []
        for cell, width in zip(cells, widths, strict=False):
            if cell_len(cell) > width:
                cell = set_cell_size(cell, max(width - 1, 0)) + "…"
            parts.append(set_cell_size(cell, width))
        return (" " * GAP).join(parts)

    def render(self) -> Text:
        width = self.size.width
        widths = self._widths(width)
        visible = self._visible_rows()
        shown = range(self.top, min(self.top + visible, len(self.rows)))
        header = self._line(self.headers, widths)
        if len(self.rows) > visible:
            # There is no scrollbar, so the header's right end says which rows are in view.
            more = f"  {self.top + 1}-{shown.stop} of {len(self.rows)}"
            header = set_cell_size(header, max(width - cell_len(more), 0)) + more
        cursor_style = self.get_component_rich_style("resume-list--cursor", partial=True)
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        text.append(set_cell_size(header, width), self.get_component_rich_style("resume-list--header", partial=True))
        for index in shown:
            text.append("\n")
            text.append(
                set_cell_size(self._line(self.rows[index], widths), width),
                cursor_style if index == self.cursor else "",
            )
        return text

    def watch_top(self) -> None:
        self.refresh()

    # ----- input -----

    def action_move(self, delta: int) -> None:
        self.cursor = self.cursor + delta

    def action_page(self, direction: int) -> None:
        self.cursor = self.cursor + direction * self._visible_rows()

    def action_select(self) -> None:
        if self.rows:
            self.post_message(self.Selected(self.cursor))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1:
            return
        index = self.top + offset.y - 1
        if 0 <= index < len(self.rows):
            self.cursor = index
            self.post_message(self.Selected(index))

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        self.cursor = self.cursor + 1

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()
        self.cursor = self.cursor - 1
