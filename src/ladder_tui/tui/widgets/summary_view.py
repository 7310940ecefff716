"""The summary document as Textual widgets: the level headline, a table per area and section, focus cards."""

from __future__ import annotations

from rich.table import Table as RichTable
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import DataTable, Static

from ladder_tui.core.presentation.document import (
    Bar,
    Block,
    BulletList,
    Card,
    Cell,
    Document,
    Heat,
    Inline,
    PanelPair,
    Paragraph,
    Section,
    Table,
)
from ladder_tui.core.presentation.report import TERMINAL_STYLES, heat_style
from ladder_tui.tui.text import inert

#: Document styles as Textual styles.
STYLES = {"": "", "strong": "bold", "em": "italic", "muted": "dim", "accent": "bold $accent", "warn": "$warning"}


def inline(spans: Inline | str, style: str = "") -> Content:
    if isinstance(spans, str):
        return Content(inert(spans)).stylize(style) if style else Content(inert(spans))
    content = Content.assemble(*[(inert(span.text), STYLES[span.style]) for span in spans])
    return content.stylize(style) if style else content


def rich_inline(spans: Inline | str) -> Text:
    """Literal Rich text (never markup) from document text."""
    if isinstance(spans, str):
        return Text(inert(spans))
    return Text.assemble(*[(inert(span.text), TERMINAL_STYLES[span.style]) for span in spans])


def bullets(items: tuple[Inline, ...] | tuple[str, ...]) -> RichTable:
    """A bulleted list whose wrapped lines hang under their text, not under the bullet."""
    grid = RichTable.grid(padding=(0, 1))
    grid.add_column(width=1)
    grid.add_column(ratio=1)
    for item in items:
        grid.add_row("•", rich_inline(item))
    return grid


#: Cells of a chart bar.
BAR_WIDTH = 10


def _cell(cell: Cell) -> Text:
    if isinstance(cell, Bar):
        filled = round(cell.fraction * BAR_WIDTH)
        return Text.assemble(("█" * filled, "bold"), ("░" * (BAR_WIDTH - filled), "dim"))
    if isinstance(cell, Heat):
        return Text(inert(cell.label), style=heat_style(cell.fraction))
    return Text(inert("\n".join(cell)))


def column_widths(table: Table, width: int) -> list[int | None]:
    """Widths that fit `width` (None: a column left out). Flexible columns give way first, the widest first, and not
    below their longest word (words are not cut); then optional columns go, the last first; only then words break."""
    natural: list[int] = []
    words: list[int] = []
    for index, column in enumerate(table.columns):
        lines = [column.header]
        for row in table.rows:
            cell = row[index]
            if isinstance(cell, Bar):
                lines.append("█" * BAR_WIDTH)
            elif isinstance(cell, Heat):
                lines.append(cell.label)
            else:
                lines += list(cell)
        natural.append(min(max(len(line) for line in lines), 120))
        words.append(min(max((len(word) for line in lines for word in line.split()), default=1), 20))
    shown = list(range(len(table.columns)))
    flexible = [i for i, column in enumerate(table.columns) if column.flexible]

    def fit(floors: list[int]) -> list[int]:
        widths = list(natural)
        room = width - 2 * len(shown) - 2
        while sum(widths[i] for i in shown) > room:
            candidates = [i for i in flexible if i in shown and widths[i] > floors[i]]
            if not candidates:
                break
            widths[max(candidates, key=lambda i: widths[i] - floors[i])] -= 1
        return widths

    widths = fit(words)
    optional = [i for i, column in enumerate(table.columns) if column.optional]
    while sum(widths[i] for i in shown) > width - 2 * len(shown) - 2 and optional:
        shown.remove(optional.pop())
        widths = fit(words)
    if sum(widths[i] for i in shown) > width - 2 * len(shown) - 2:
        widths = fit([6] * len(widths))
    return [widths[i] if i in shown else None for i in range(len(widths))]


class DocumentTable(DataTable[Text]):
    """One table of the summary: no cursor, rows as tall as their wrapped text."""

    DEFAULT_CSS = """
    DocumentTable {
        height: auto;
        max-height: 200;
        margin: 0 0 1 0;
    }
    """

    def __init__(self, table: Table, width: int) -> None:
        super().__init__(show_cursor=False, zebra_stripes=False, cursor_type="none", id=f"table-{table.id}")
        self.table = table
        self.width_hint = width
        self.can_focus = False

    def on_mount(self) -> None:
        widths = column_widths(self.table, self.width_hint)
        for column, width in zip(self.table.columns, widths, strict=True):
            if width is not None:
                self.add_column(Text(column.header, style="bold"), width=width)
        for row in self.table.rows:
            cells = [_cell(cell) for cell, width in zip(row, widths, strict=True) if width is not None]
            self.add_row(*cells, height=None)


class PairView(Horizontal):
    """Where someone is now and the next step, side by side."""

    DEFAULT_CSS = """
    PairView { height: auto; margin: 0 0 1 0; }
    PairView > Static { width: 1fr; height: auto; border: round $panel-lighten-2; padding: 0 1; }
    PairView > Static.-next { border: round $accent; }
    """

    def __init__(self, pair: PanelPair) -> None:
        super().__init__()
        self.pair = pair

    def compose(self) -> ComposeResult:
        for panel, css in ((self.pair.left, ""), (self.pair.right, "-next")):
            body = bullets(panel.statements) if panel.statements else Content.styled(panel.empty, "dim italic")
            card = Static(body, classes=css)
            card.border_title = Content(inert(panel.title))
            yield card


def block_widgets(block: Block | Card, width: int) -> list[Widget]:
    """The widgets for one block of the document."""
    if isinstance(block, Paragraph):
        css = {"warning": "summary-warning", "note": "summary-note"}.get(block.kind, "summary-paragraph")
        return [Static(inline(block.spans), classes=css)]
    if isinstance(block, BulletList):
        return [Static(bullets(block.items), classes="summary-list")]
    if isinstance(block, Table):
        widgets: list[Widget] = []
        if block.title:
            widgets.append(Static(Content.styled(inert(block.title), "bold"), classes="summary-subtitle"))
        widgets.append(DocumentTable(block, width))
        return widgets
    if isinstance(block, PanelPair):
        return [PairView(block)]
    children: list[Widget] = []
    if block.subtitle:
        children.append(Static(Content.styled(inert(block.subtitle), "dim")))
    for inner in block.blocks:
        children += block_widgets(inner, width - 4)
    card = Vertical(*children, classes="summary-card")
    card.border_title = Content(inert(block.title))
    return [card]


def section_widgets(section: Section, width: int) -> list[Widget]:
    widgets: list[Widget] = [Static(Content(inert(section.title)), classes="section-title summary-section")]
    for block in section.blocks:
        widgets += block_widgets(block, width)
    return widgets


class SummaryView(VerticalScroll):
    """The whole document, scrolling; rebuilt when the answers or the width change."""

    def __init__(self, document: Document, width: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.document = document
        self.width_hint = width

    async def show(self, document: Document, width: int) -> None:
        """Show another document (the answers changed) or the same one at another width."""
        self.document = document
        self.width_hint = width
        await self.recompose()

    def compose(self) -> ComposeResult:
        doc = self.document
        headline = doc.headline
        yield Static(Content(inert(doc.meta)).stylize("dim"), id="summary-meta")
        level = Content.assemble((f"{headline.title}: ", "bold"), (inert(headline.level), "bold $accent"))
        if headline.provisional:
            level = Content.assemble(level, ("  PROVISIONAL", "bold reverse $warning"))
        yield Static(level, id="summary-level")
        yield Static(
            Content("\n").join(
                [Content.assemble((f"{label}: ", "bold"), inert(value)) for label, value in headline.facts]
            ),
            id="summary-facts",
        )
        if headline.warning:
            yield Static(Content(f"! {inert(headline.warning)}"), classes="summary-warning")
        yield Static(bullets(headline.explanation), id="summary-explanation", classes="summary-list")
        for section in doc.sections:
            yield from section_widgets(section, self.width_hint)
        yield Static(
            Content("\n").join([Content(inert(line)) for line in doc.footer]).stylize("dim"), id="summary-footer"
        )
