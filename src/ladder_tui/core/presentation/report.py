"""The summary document written as terminal text (Rich), Markdown or a self-contained HTML page; JSON as data.

Every writer renders the same `core.document.Document`; none computes anything the scoring did not. Text from
files is untrusted: escape sequences and control characters are stripped everywhere (`core.text.clean`), Rich is
given plain `Text` (never markup), Markdown syntax is escaped, HTML is escaped, and JSON escapes C1 characters.
Rich is imported only by the text writer, so `summary --format json` and the other formats stay fast.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from ladder_tui.core.domain.scoring import ScoreResult
from ladder_tui.core.presentation.document import (
    SHORT_LIST,
    Bar,
    Block,
    BulletList,
    Card,
    Cell,
    Column,
    Document,
    Heat,
    Inline,
    PanelPair,
    Paragraph,
    Section,
    Table,
    explanation,
    heat_band,
    heat_colours,
    summary_document,
    transposed,
)
from ladder_tui.core.presentation.text import break_long_words, clean

if TYPE_CHECKING:
    from rich.console import RenderableType

FORMATS: tuple[str, ...] = ("text", "markdown", "json", "html")

_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u2028\u2029]")


def render(
    result: ScoreResult, fmt: str, *, color: bool = False, width: int = 100, since: tuple[str, str] | None = None
) -> str:
    """The summary in `fmt` (text, markdown, json or html). `color` and `width` apply to text only; `since` is the
    earlier cycle's date and what moved since (see `core.cycles`)."""
    if fmt == "json":
        data = result.to_dict()
        data["explanation"] = list(explanation(result))
        if since is not None:
            data["since"] = {"date": since[0], "moved": since[1]}
        return render_json_data(data)
    return render_document(summary_document(result, since), fmt, color=color, width=width)


def render_document(doc: Document, fmt: str, *, color: bool = False, width: int = 100) -> str:
    """A document (a summary, a comparison, a team roll-up) as text, Markdown or HTML."""
    writers: dict[str, Callable[[Document], str]] = {
        "text": lambda doc: render_text(doc, color=color, width=width),
        "markdown": render_markdown,
        "md": render_markdown,
        "html": render_html,
    }
    try:
        writer = writers[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})") from None
    with collector_paused():
        return writer(doc)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Laying out a document makes millions of small, short-lived objects (Rich's lines and segments) and no
    reference cycles worth collecting; the cycle collector's passes over that growing heap made layout superlinear
    (a 4 MB note took 5x a 1 MB one; paused, 2.6x). It runs again, as it was, as soon as the layout is done."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# ----- text (Rich) -----

#: Document styles as terminal styles.
TERMINAL_STYLES = {"": "", "strong": "bold", "em": "italic", "muted": "dim", "accent": "bold cyan", "warn": "yellow"}


def terminal_text(spans: Inline | str, width: int, style: str = "", end: str = "\n") -> Any:
    """Document text as a Rich `Text`: literal (no markup), cleaned, with words longer than `width` pre-broken.

    Rich folds an unbroken word in time quadratic in its length; pieces of at most a line keep layout linear."""
    from rich.text import Text

    text = Text(style=style, end=end)
    if isinstance(spans, str):
        text.append(break_long_words(clean(spans), width))
        return text
    for span in spans:
        text.append(break_long_words(clean(span.text), width), TERMINAL_STYLES[span.style])
    return text


def _bullets(items: Iterable[Inline | str], width: int, style: str = "") -> Any:
    from rich.table import Table as RichTable

    grid = RichTable.grid(padding=(0, 1))
    grid.add_column(width=1, style="dim")
    grid.add_column(ratio=1)
    for item in items:
        grid.add_row("•", terminal_text(item, width, style, end=""))
    return grid


def _cell(cell: Cell, width: int, bar_cells: int) -> Any:
    from rich.text import Text

    if isinstance(cell, Bar):
        filled = round(cell.fraction * bar_cells)
        return Text.assemble(("█" * filled, "cyan"), ("░" * (bar_cells - filled), "dim"))
    if isinstance(cell, Heat):
        return terminal_text(cell.label, width, heat_style(cell.fraction), end="")
    return terminal_text("\n".join(cell), width, end="")


def heat_style(fraction: float | None) -> str:
    """A heatmap cell's terminal style: the level's colour on the sequential scale (dim when unrated)."""
    colours = heat_colours(fraction)
    return "dim" if colours is None else f"bold {colours[1]} on {colours[0]}"


def _words(cell: Cell) -> tuple[str, ...]:
    if isinstance(cell, Bar):
        return ()
    if isinstance(cell, Heat):
        return (cell.label,)
    return cell


def _rich_table(table: Table, width: int, rows: Sequence[tuple[Cell, ...]] | None = None) -> Any:
    from rich import box
    from rich.table import Table as RichTable

    if table.transposable and sum(max(len(column.header), 4) + 3 for column in table.columns) > width:
        table = transposed(table)  # too many columns for the terminal: one row per column instead
    shown = table.rows if rows is None else rows
    bar_cells = max(6, min(20, width // 6))
    grid = RichTable(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold", expand=False)
    for index, column in enumerate(table.columns):
        # The first column names each row: it keeps room for its words, however many columns follow.
        label = min(max((len(word) for row in shown for word in " ".join(_words(row[0])).split()), default=4), 16)
        grid.add_column(
            column.header,
            justify=column.align,
            no_wrap=not column.flexible,
            overflow="fold",
            min_width=label if index == 0 else None,
        )
    for row in shown:
        grid.add_row(*(_cell(cell, width, bar_cells) for cell in row))
    return grid


def _text_block(block: Block | Card, width: int, out: list[RenderableType]) -> None:
    from rich import box
    from rich.console import Group
    from rich.table import Table as RichTable
    from rich.text import Text

    if isinstance(block, Paragraph):
        style = "yellow" if block.kind == "warning" else ""
        out.append(terminal_text(block.spans, width, style))
    elif isinstance(block, BulletList):
        out.append(_bullets(block.items, width))
    elif isinstance(block, Table):
        rows = block.rows
        if block.id in ("strengths", "calibration", "next-step") and len(rows) > SHORT_LIST:
            out.append(_rich_table(block, width, rows[:SHORT_LIST]))
            more = len(rows) - SHORT_LIST
            out.append(Text(f"… and {more} more (all of them: --format markdown, html or json)", style="dim"))
        else:
            out.append(_rich_table(block, width))
    elif isinstance(block, PanelPair):
        # Titles as a first row (not a header) so that both start on the same line when one wraps.
        pair = RichTable(box=box.ROUNDED, expand=True, border_style="dim", show_header=False)
        for _panel in (block.left, block.right):
            pair.add_column(ratio=1, overflow="fold")
        pair.add_row(*(terminal_text(panel.title, width, "bold", end="") for panel in (block.left, block.right)),
                     end_section=True)  # fmt: skip

        def body(statements: tuple[str, ...], empty: str) -> Any:
            if not statements:
                return terminal_text(empty, width, "dim", end="")
            return _bullets(statements, width)

        pair.add_row(body(block.left.statements, block.left.empty), body(block.right.statements, block.right.empty))
        out.append(pair)
    else:
        heading = Text.assemble(terminal_text(block.title, width, "bold", end=""))
        if block.subtitle:
            heading.append(" ")
            words = block.subtitle.rstrip(".")
            heading.append(terminal_text(f"({words[:1].lower()}{words[1:]})", width, "dim", end=""))
        parts: list[RenderableType] = [heading]
        for inner in block.blocks:
            _text_block(inner, width, parts)
        out.append(Group(*parts))


def render_text(doc: Document, *, color: bool = False, width: int = 100) -> str:
    """The summary for a terminal; without `color`, plain text with no escape sequences at all.

    The appendix of every answer is left out (the Markdown and HTML summaries have it)."""
    from io import StringIO

    from rich.console import Console
    from rich.rule import Rule
    from rich.text import Text

    width = max(40, width)
    buffer = StringIO()
    console = Console(
        file=buffer,
        width=width,
        color_system="standard" if color else None,
        force_terminal=color,
        no_color=not color,
        highlight=False,
        markup=False,
        emoji=False,
        legacy_windows=False,
        soft_wrap=False,
    )
    out: list[RenderableType] = [
        terminal_text(doc.title, width, "bold"),
        terminal_text(doc.meta, width, "dim"),
        Text(),
    ]
    headline = doc.headline
    level = Text.assemble((f"{headline.title}: ", "bold"), terminal_text(headline.level, width, "bold cyan", end=""))
    if headline.provisional:
        level.append("  (provisional)", "bold yellow")
    out.append(level)
    for label, value in headline.facts:
        out.append(Text.assemble((f"{label}: ", "bold"), terminal_text(value, width, end="")))
    if headline.warning:
        out.append(terminal_text(f"! {headline.warning}", width, "yellow"))
    out.append(Text())
    out.append(_bullets(headline.explanation, width))
    for section in doc.sections:
        if section.detail:
            continue
        out.append(Text())
        out.append(Rule(terminal_text(section.title, width, "bold", end=""), align="left", style="dim"))
        for number, block in enumerate(section.blocks):
            if number and isinstance(block, Card):
                out.append(Text())
            _text_block(block, width, out)
    out.append(Text())
    for line in doc.footer:
        out.append(terminal_text(line, width, "dim"))
    for renderable in out:
        console.print(renderable)
    text = buffer.getvalue()
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


# ----- Markdown -----

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")
_MD_ENTITY = re.compile(r"&(?=#?\w+;)")


def md(text: str, *, starts_line: bool = False) -> str:
    """Inline Markdown for untrusted text: controls stripped, syntax characters escaped, one line."""
    text = " ".join(clean(text).split())
    text = _MD_ENTITY.sub("&amp;", text)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    if starts_line:
        # A leading list marker would still start a list when the text begins a line.
        text = re.sub(r"^([-+=])", r"\\\1", text)
        text = re.sub(r"^(\d+)([.)])", r"\1\\\2", text)
    return text


def _md_inline(spans: Inline, *, starts_line: bool = False) -> str:
    marks = {"strong": "**", "em": "*"}
    out = []
    for number, span in enumerate(spans):
        # A note written over several lines keeps them: each line apart, joined by hard line breaks.
        pieces = []
        for index, line in enumerate(clean(span.text).split("\n")):
            text = md(line, starts_line=(starts_line and number == 0) or index > 0)
            mark = marks.get(span.style, "")
            if mark and text.strip():
                # Emphasis markers hug the words; a trailing blank stays outside them.
                pieces.append(f"{mark}{text.strip()}{mark}" + (" " if line.endswith(" ") else ""))
            else:
                pieces.append(text)
        out.append("  \n".join(pieces))
    return "".join(out)


def _md_cell(cell: Cell) -> str:
    if isinstance(cell, Bar):
        filled = round(cell.fraction * 10)
        return f"`{'█' * filled}{'░' * (10 - filled)}`"
    if isinstance(cell, Heat):
        return md(cell.label)
    return "<br>".join(md(part) for line in cell for part in clean(line).split("\n"))


def _md_table(table: Table) -> list[str]:
    header = [md(column.header) for column in table.columns]
    align = ["--:" if column.align == "right" else "---" for column in table.columns]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(align) + "|"]
    lines += ["| " + " | ".join(_md_cell(cell) or " " for cell in row) + " |" for row in table.rows]
    return lines


def _md_block(block: Block | Card, level: int) -> list[str]:
    if isinstance(block, Paragraph):
        text = _md_inline(block.spans, starts_line=True)
        return [f"> **{text}**" if block.kind == "warning" else text, ""]
    if isinstance(block, BulletList):
        return [f"- {_md_inline(item)}" for item in block.items] + [""]
    if isinstance(block, Table):
        lines = [f"{'#' * (level + 1)} {md(block.title)}", ""] if block.title else []
        return lines + _md_table(block) + [""]
    if isinstance(block, PanelPair):

        def cell(statements: tuple[str, ...], empty: str) -> str:
            return "<br>".join(f"• {md(line)}" for line in statements) or f"*{md(empty)}*"

        left, right = block.left, block.right
        return [
            f"| {md(left.title)} | {md(right.title)} |",
            "|---|---|",
            f"| {cell(left.statements, left.empty)} | {cell(right.statements, right.empty)} |",
            "",
        ]
    lines = [f"{'#' * (level + 1)} {md(block.title)}", ""]
    if block.subtitle:
        lines += [md(block.subtitle, starts_line=True), ""]
    for inner in block.blocks:
        lines += _md_block(inner, level + 1)
    return lines


def render_markdown(doc: Document) -> str:
    """A document a lead can paste into a review (GitHub-flavoured Markdown tables)."""
    headline = doc.headline
    lines: list[str] = [f"# {md(doc.title)}", "", f"*{md(doc.meta)}*", ""]
    lines += [f"## {md(headline.title)}: {md(headline.level)}" + (" (provisional)" if headline.provisional else ""), ""]
    if headline.warning:
        lines += [f"> **{md(headline.warning)}**", ""]
    lines += ["  \n".join(f"**{md(label)}:** {md(value)}" for label, value in headline.facts), ""]
    lines += [f"- {md(line)}" for line in headline.explanation]
    for section in doc.sections:
        lines += ["", f"## {md(section.title)}", ""]
        for block in section.blocks:
            lines += _md_block(block, 2)
    lines += ["---", ""]
    lines += [f"*{md(line)}*  " for line in doc.footer]
    return "\n".join(line.rstrip() if not line.endswith("  ") else line for line in lines).rstrip() + "\n"


# ----- JSON -----


def render_json_data(data: dict[str, Any]) -> str:
    """Data as indented JSON, safe to print to a terminal (C1 controls escaped)."""
    import json

    text = json.dumps(data, indent=2, ensure_ascii=False)
    # Outside strings JSON has only ASCII, so these characters are inside strings where \\uXXXX is valid.
    return _JSON_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text) + "\n"


# ----- HTML -----


def h(text: str) -> str:
    """Untrusted text for HTML: controls stripped and every special character escaped."""
    from html import escape  # deferred, like json: the text summary needs neither

    return escape(clean(text), quote=True)


def _h_lines(text: str) -> str:
    return "<br>".join(h(line) for line in clean(text).split("\n"))


def _h_inline(spans: Inline) -> str:
    tags = {"strong": "strong", "em": "em"}
    classes = {"muted": "muted", "accent": "level", "warn": "warn"}
    out = []
    for span in spans:
        text = _h_lines(span.text)
        if span.style in tags:
            out.append(f"<{tags[span.style]}>{text}</{tags[span.style]}>")
        elif span.style in classes:
            out.append(f'<span class="{classes[span.style]}">{text}</span>')
        else:
            out.append(text)
    return "".join(out)


def _h_list(items: Iterable[Inline | str], css: str = "") -> str:
    attr = f' class="{css}"' if css else ""
    return (
        f"<ul{attr}>"
        + "".join(f"<li>{_h_lines(item) if isinstance(item, str) else _h_inline(item)}</li>" for item in items)
        + "</ul>"
    )


def _h_cell(cell: Cell) -> str:
    if isinstance(cell, Heat):
        return h(cell.label)
    if isinstance(cell, Bar):
        percent = round(cell.fraction * 100)
        return f'<div class="bar" role="img" aria-label="{h(cell.label)}"><span style="width:{percent}%"></span></div>'
    return "<br>".join(_h_lines(line) for line in cell)


def _h_class(column: Column) -> str:
    classes = [name for name, on in (("num", column.align == "right"), ("notes", column.header == "Notes")) if on]
    return f' class="{" ".join(classes)}"' if classes else ""


def _h_td(column: Column, cell: Cell) -> str:
    if isinstance(cell, Heat):
        colours = heat_colours(cell.fraction)
        style = f' style="background:{colours[0]};color:{colours[1]}"' if colours else ""
        return f'<td class="heat heat-{heat_band(cell.fraction)}"{style}>{_h_cell(cell)}</td>'
    return f"<td{_h_class(column)}>{_h_cell(cell)}</td>"


def _h_table(table: Table) -> str:
    head = "".join(f"<th{_h_class(column)}>{h(column.header)}</th>" for column in table.columns)
    body = "".join(
        "<tr>" + "".join(_h_td(column, cell) for column, cell in zip(table.columns, row, strict=True)) + "</tr>"
        for row in table.rows
    )
    title = f"<h3>{h(table.title)}</h3>" if table.title else ""
    kind = h(table.id.split("-")[0])
    return f'{title}<table class="t-{kind}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _h_block(block: Block | Card) -> str:
    if isinstance(block, Paragraph):
        css = {"warning": ' class="warning" role="note"', "note": ' class="note"', "small": ' class="muted"'}
        return f"<p{css.get(block.kind, '')}>{_h_inline(block.spans)}</p>"
    if isinstance(block, BulletList):
        return _h_list(block.items, block.kind)
    if isinstance(block, Table):
        return _h_table(block)
    if isinstance(block, PanelPair):

        def panel(title: str, statements: tuple[str, ...], empty: str, css: str) -> str:
            inner = _h_list(statements) if statements else f'<p class="muted">{h(empty)}</p>'
            return f'<div class="{css}"><h4>{h(title)}</h4>{inner}</div>'

        left, right = block.left, block.right
        return (
            '<div class="pair">'
            + panel(left.title, left.statements, left.empty, "now")
            + panel(right.title, right.statements, right.empty, "next")
            + "</div>"
        )
    subtitle = f'<p class="muted">{h(block.subtitle)}</p>' if block.subtitle else ""
    return (
        f'<div class="card"><h3>{h(block.title)}</h3>{subtitle}'
        + "".join(_h_block(inner) for inner in block.blocks)
        + "</div>"
    )


_CSS = """
:root { --fg: #1b1f24; --muted: #59636e; --line: #d5dae0; --accent: #1f6feb; --soft: #eef3fb;
  --warn-bg: #fff4d6; --warn-fg: #6b4a00; --bar-bg: #e6e9ed; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6e8eb; --muted: #9aa4ae; --line: #3a4048; --accent: #58a6ff; --soft: #1c2430;
    --warn-bg: #3a2f12; --warn-fg: #f2d27a; --bar-bg: #2b3138; }
  body { background: #0f1216; }
}
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--fg); max-width: 60rem; margin: 2rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 1.75rem 0 .5rem; padding-bottom: .25rem;
  border-bottom: 1px solid var(--line); }
h3 { font-size: 1rem; margin: 1.25rem 0 .35rem; }
.meta, .muted, footer { color: var(--muted); }
.level { font-size: 1.35rem; font-weight: 700; color: var(--accent); }
.tag { display: inline-block; font-size: .8rem; font-weight: 700; padding: 0 .45rem; border-radius: .3rem;
  background: var(--warn-bg); color: var(--warn-fg); border: 1px solid currentColor; vertical-align: middle; }
.warning { background: var(--warn-bg); color: var(--warn-fg); padding: .5rem .75rem; border-radius: .35rem;
  border-left: 4px solid currentColor; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem; border-bottom: 1px solid var(--line); }
/* Words are never broken inside a column; only a note (which may hold a long link) may break anywhere. */
td.notes { overflow-wrap: anywhere; }
th { font-size: .85rem; color: var(--muted); font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; }
.bar { position: relative; height: .9rem; min-width: 8rem; background: var(--bar-bg); border-radius: .2rem;
  overflow: hidden; }
.bar > span { display: block; height: 100%; background: var(--accent); }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: .75rem; margin: .5rem 0; }
.pair > div { border: 1px solid var(--line); border-radius: .35rem; padding: .5rem .75rem; }
.pair > div.next { background: var(--soft); }
.pair h4 { margin: 0 0 .25rem; font-size: .85rem; color: var(--muted); }
.pair ul, .growth { margin: .25rem 0; padding-left: 1.2rem; }
.note { font-style: italic; margin: .25rem 0; }
.explanation li { margin: .1rem 0; }
section { margin-bottom: 1rem; }
/* Dimension names read as words, never one word per line: the name column keeps a readable width. */
table.t-calibration td:first-child, table.t-strengths td:first-child { min-width: 14em; }
/* Print: the paper size comes from the print dialog; margins and widths fit both A4 and US Letter. */
@page { size: auto; margin: 12mm 13mm 13mm; }
@media print {
  :root { --fg: #000; --muted: #444; --line: #bbb; --accent: #1f4fa0; --soft: #f1f4f9; --bar-bg: #e3e3e3; }
  body { font-size: 9pt; line-height: 1.35; max-width: none; margin: 0; padding: 0; background: #fff; }
  /* A table row, a level pair and an explanation line are never split across pages; a card may flow on. */
  tr, .pair, .explanation li { page-break-inside: avoid; break-inside: avoid; }
  thead { display: table-header-group; }
  h2, h3, h4 { page-break-after: avoid; break-after: avoid; }
  /* Paper is for the 1:1: the summary itself fits on two pages; every answer follows as an appendix. */
  #pathways ul { display: none; }
  #pathways h3 { display: inline; font-size: 1em; margin: 0; }
  #pathways h3::after { content: ": "; }
  #pathways .card { margin-bottom: .15em; }
  #pathways p { display: inline; margin: 0; }
  #areas table { font-size: 8.5pt; line-height: 1.25; }
  #areas td:nth-child(3), #areas td:nth-child(4), #areas td:nth-child(6) { white-space: nowrap; }
  p { margin: .3em 0; }
  .card > p.muted { margin: 0 0 .1em; }
  ul.explanation { margin: .3em 0; }
  .card h3 { margin: .5em 0 .15em; }
  #strengths table, #calibration table { font-size: 8.5pt; line-height: 1.25; }
  /* Strengths are short rows: two columns of them on paper; each row says it all, its note on a line below. */
  #strengths thead { display: none; }
  #strengths tbody { display: block; columns: 2; column-gap: 1.5em; }
  #strengths tr { display: flex; flex-wrap: wrap; gap: 0 .6em; border-bottom: 1px solid var(--line); }
  #strengths td { border: 0; padding: 1px 0; }
  #strengths td:first-child { flex: 1; }
  #strengths td.notes { flex-basis: 100%; font-style: italic; }
  #strengths td.notes:empty { display: none; }
  /* The calibration rows keep their columns; a note goes under its row, across the table. */
  #calibration tr { display: flex; flex-wrap: wrap; border-bottom: 1px solid var(--line); }
  #calibration th, #calibration td { border: 0; flex: 0 0 6.5em; white-space: nowrap; }
  #calibration th:first-child, #calibration td:first-child { flex: 1 1 12em; white-space: normal; }
  #calibration th.notes { display: none; }
  #calibration td.notes { flex: 1 1 100%; font-style: italic; white-space: normal; padding-top: 0; }
  #calibration td.notes:empty { display: none; }
  h1 { font-size: 15pt; }
  h2 { font-size: 11.5pt; }
  h3 { font-size: 10pt; }
  ul.growth { columns: 2; column-gap: 1.5em; margin: .1em 0; }
  .pair { margin: .25em 0; gap: .5em; }
  .pair > div { padding: .25em .5em; }
  td, th { padding-top: 1px; padding-bottom: 1px; }
  h2 { margin-top: 0.7em; }
  h3 { margin-top: 0.6em; }
  .bar { height: .7rem; min-width: 5rem; }
  section { margin-bottom: .4em; }
  footer { font-size: 7.5pt; }
  footer p { margin: .15em 0; }
  #answers { break-before: page; page-break-before: always; }
  #answers table { font-size: 8pt; table-layout: fixed; }
  #answers th:first-child { width: 26%; }
  #answers th:nth-child(n+2):nth-child(-n+5) { width: 11%; }
  .bar, .bar > span, .pair > div.next, .warning, .tag {
    -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
@media (max-width: 40rem) { .pair { grid-template-columns: 1fr; } }
/* The team heatmap: the level's short name in every cell, and a colour band behind it (never colour alone). */
td.heat { text-align: center; white-space: nowrap; font-weight: 600; }
td.heat-0 { color: var(--muted); }
td.heat-1 { background: #f8d7d3; color: #5c1a12; }
td.heat-2 { background: #fbe9b7; color: #4d3a00; }
td.heat-3 { background: #cfead4; color: #0f4520; }
table.t-heatmap th:not(:first-child) { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap;
  vertical-align: bottom; font-size: .75rem; padding: .3rem .1rem; }
table.t-heatmap td { padding: .15rem .25rem; }
@media print {
  td.heat { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  /* Ten people by twenty-five dimensions across one landscape sheet: equal narrow columns, names kept whole. */
  table.t-heatmap { font-size: 7pt; table-layout: fixed; width: 100%; }
  table.t-heatmap th:first-child { width: 8em; }
  table.t-heatmap td { padding: 1px 2px; overflow: hidden; }
}
"""


#: A document printed across the page (the team heatmap: ten people by twenty-five dimensions on one sheet).
LANDSCAPE = """
@page { size: landscape; margin: 10mm; }
@media print { body { font-size: 8pt; } h2 { margin-top: .5em; } }
"""


def render_html(doc: Document) -> str:
    """One self-contained page: inline CSS, nothing to fetch (no scripts, fonts, images); prints on paper."""
    headline = doc.headline
    # The tab or file title: whose summary, of which ladder (the team title already names its framework).
    page_title = f"{doc.title} · {doc.framework}" if doc.framework and doc.framework not in doc.title else doc.title
    parts: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{h(page_title)}</title>",
        f"<style>{_CSS}{LANDSCAPE if doc.landscape else ''}</style></head><body>",
        f'<header><h1>{h(doc.title)}</h1><p class="meta">{h(doc.meta)}</p></header>',
        '<section id="level">',
    ]
    tag = ' <span class="tag">provisional</span>' if headline.provisional else ""
    parts.append(f'<p>{h(headline.title)}: <span class="level">{h(headline.level)}</span>{tag}</p>')
    if headline.warning:
        parts.append(f'<p class="warning" role="note">{h(headline.warning)}</p>')
    parts.append("<p>" + "<br>".join(f"<strong>{h(label)}:</strong> {h(value)}" for label, value in headline.facts))
    parts.append("</p>")
    parts.append(_h_list(headline.explanation, "explanation"))
    parts.append("</section>")
    for section in doc.sections:
        parts.append(_h_section(section))
    parts.append("<footer>" + "".join(f"<p>{h(line)}</p>" for line in doc.footer) + "</footer></body></html>")
    return "\n".join(parts) + "\n"


def _h_section(section: Section) -> str:
    return (
        f'<section id="{h(section.id)}"><h2>{h(section.title)}</h2>'
        + "".join(_h_block(block) for block in section.blocks)
        + "</section>"
    )
