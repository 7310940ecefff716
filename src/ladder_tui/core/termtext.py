"""Terminal text for the `text` summary: cell widths, word wrap, rules, tables and boxes, optional SGR styles.

Rich does all this too, but importing and running it costs more than the rest of `summary` put together (SPEC
section 8 wants `summary` within 1.5x of Python importing Rich alone). A line is a list of runs, (text, style) with
a style of space-separated names from `SGR`; text here must already be clean (see `core.text.clean`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

Run = tuple[str, str]
Line = list[Run]

SGR = {"bold": "1", "dim": "2", "italic": "3", "yellow": "33", "cyan": "36"}
_TOKEN = re.compile(r"(\n| +)")


def cell_len(text: str) -> int:
    """Terminal cells `text` takes: wide East Asian characters take two, combining marks none."""
    if text.isascii():
        return len(text)
    from unicodedata import combining, east_asian_width

    return sum(0 if combining(ch) else 2 if east_asian_width(ch) in "WF" else 1 for ch in text)


def _split_at(text: str, cells: int) -> tuple[str, str]:
    """`text` cut after at most `cells` cells (at least one character, so folding always advances)."""
    if text.isascii():
        return text[: max(cells, 1)], text[max(cells, 1) :]
    used = 0
    for index, ch in enumerate(text):
        used += cell_len(ch)
        if used > cells and index:
            return text[:index], text[index:]
    return text, ""


def line_len(line: Line) -> int:
    return sum(cell_len(text) for text, _ in line)


def wrap(runs: Iterable[Run], width: int) -> list[Line]:
    """Styled text filled greedily into lines of `width` cells; newlines break, over-long words are folded."""
    width = max(width, 1)
    lines: list[Line] = [[]]
    used = 0
    space: Run | None = None
    for text, style in runs:
        for token in _TOKEN.split(text):
            if not token:
                continue
            if token == "\n":
                lines.append([])
                used, space = 0, None
                continue
            if token[0] == " ":
                space = (token, style) if used else None
                continue
            cells = cell_len(token)
            gap = len(space[0]) if space else 0
            if used and used + gap + cells > width:
                lines.append([])
                used, space, gap = 0, None, 0
            if space:
                lines[-1].append(space)
                used += gap
                space = None
            while cells > width:  # only ever at the start of a line (the check above moved it there)
                head, token = _split_at(token, width)
                lines[-1].append((head, style))
                lines.append([])
                cells = cell_len(token)
            if token:
                lines[-1].append((token, style))
                used += cells
    return lines


def render_line(line: Line, color: bool) -> str:
    """One line as a string (trailing blanks dropped); with `color`, styled runs get SGR escape sequences."""
    runs = list(line)
    while runs and not runs[-1][0].strip():
        runs.pop()
    if runs:
        runs[-1] = (runs[-1][0].rstrip(), runs[-1][1])
    if not color:
        return "".join(text for text, _ in runs)
    out = []
    for text, style in runs:
        codes = ";".join(SGR[name] for name in style.split())
        out.append(f"\x1b[{codes}m{text}\x1b[0m" if codes and text else text)
    return "".join(out)


def pad(line: Line, width: int, right: bool = False) -> Line:
    """`line` filled with spaces to `width` cells (on the left when `right`-justified)."""
    fill = (" " * max(width - line_len(line), 0), "")
    return [fill, *line] if right else [*line, fill]


def bullets(items: Iterable[str], width: int, style: str = "", indent: int = 0) -> list[Line]:
    """A bulleted list; wrapped lines hang under the text, not under the bullet."""
    out: list[Line] = []
    lead = " " * indent
    for item in items:
        for number, line in enumerate(wrap([(item, style)], width - indent - 2)):
            prefix: Line = [(lead, ""), ("•", "dim"), (" ", "")] if number == 0 else [(lead + "  ", "")]
            out.append(prefix + line)
    return out


def rule(title: str, width: int) -> Line:
    """A section heading: the title, then a line to the right edge."""
    head = title[: max(width - 2, 1)]
    return [(head, "bold"), (" ", ""), ("─" * max(width - cell_len(head) - 1, 0), "dim")]


class Column(NamedTuple):
    header: str
    right: bool = False
    #: Shrinks (wrapping its text) when the table would be wider than the space; fixed columns shrink last.
    flexible: bool = False


Cell = Sequence[Run]


def _column_widths(columns: Sequence[Column], rows: Sequence[Sequence[Cell]]) -> tuple[list[int], list[int]]:
    """Each column's natural width (its widest line unwrapped) and its longest word (below that, words fold)."""
    natural = [cell_len(column.header) for column in columns]
    words = [max((cell_len(word) for word in column.header.split()), default=0) for column in columns]
    for row in rows:
        for index, cell in enumerate(row):
            text = "".join(text for text, _ in cell)
            natural[index] = max(natural[index], *(cell_len(line) for line in text.split("\n")))
            words[index] = max(words[index], *(cell_len(word) for word in text.split() or [""]))
    return natural, words


def _fit(columns: Sequence[Column], natural: list[int], words: list[int], room: int) -> list[int]:
    """Narrow the columns until they fit `room`: flexible ones first, and down to their longest word before any
    column has to fold a word."""
    widths = list(natural)
    excess = sum(widths) - room
    for flexible, floors in ((True, words), (False, words), (True, None), (False, None)):
        chosen = {i: floors[i] if floors else 1 for i, column in enumerate(columns) if column.flexible == flexible}
        excess = shrink_widest(widths, excess, chosen)
    return widths


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


def table(columns: Sequence[Column], rows: Sequence[Sequence[Cell]], width: int) -> list[Line]:
    """A table with a bold header underlined by a rule, no outer edge, columns three spaces apart (fewer when
    narrow)."""
    natural, words = _column_widths(columns, rows)
    gaps = len(columns) - 1
    gap = next((gap for gap in (3, 2) if sum(words) + gap * gaps <= width), 1)
    widths = _fit(columns, natural, words, width - gap * gaps)
    header: list[Cell] = [[(column.header, "bold")] for column in columns]
    out = _table_rows(columns, [header], widths, gap)
    out.append([("─" * (sum(widths) + gap * gaps), "dim")])
    out += _table_rows(columns, rows, widths, gap)
    return out


def _table_rows(columns: Sequence[Column], rows: Sequence[Sequence[Cell]], widths: list[int], gap: int) -> list[Line]:
    out: list[Line] = []
    for row in rows:
        cells = [wrap(cell, widths[index]) for index, cell in enumerate(row)]
        for number in range(max(len(cell) for cell in cells)):
            line: Line = []
            for index, cell in enumerate(cells):
                if index:
                    line.append((" " * gap, ""))
                part = cell[number] if number < len(cell) else []
                line += pad(part, widths[index], right=columns[index].right)
            out.append(line)
    return out


def box(headers: Sequence[Cell], bodies: Sequence[Callable[[int], list[Line]]], width: int) -> list[Line]:
    """Equal columns side by side in a rounded box, a header row over a body; each body is laid out for its width."""
    count = len(headers)
    inner = width - (count + 1) - 2 * count  # borders, and one blank on each side of every cell
    widths = [inner // count + (1 if index < inner % count else 0) for index in range(count)]
    border = "dim"

    def edge(left: str, middle: str, right: str) -> Line:
        return [(left + middle.join("─" * (w + 2) for w in widths) + right, border)]

    def rows(columns: list[list[Line]]) -> list[Line]:
        out: list[Line] = []
        for number in range(max(len(column) for column in columns)):
            line: Line = [("│", border)]
            for index, column in enumerate(columns):
                part = column[number] if number < len(column) else []
                line += [(" ", ""), *pad(part, widths[index]), (" ", ""), ("│", border)]
            out.append(line)
        return out

    head = [wrap(cell, widths[index]) for index, cell in enumerate(headers)]
    body = [make(widths[index]) or [[]] for index, make in enumerate(bodies)]
    return [edge("╭", "┬", "╮"), *rows(head), edge("├", "┼", "┤"), *rows(body), edge("╰", "┴", "╯")]
