"""Markdown as blocks: front matter, headings, bullets, paragraphs and pipe tables (line by line, no recursion)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ladder_tui.core.importer._model import Cell, Grid
from ladder_tui.core.importer._text import MarkupStats, fold, is_bold, md_inline, split_br
from ladder_tui.core.text import plural


@dataclass
class Heading:
    #: 1-6 for ``#`` headings, None for a web copy's ``Title #`` whose depth the text does not say.
    depth: int | None
    text: str
    line: int


@dataclass
class Bullet:
    indent: int
    first: str
    line: int
    #: Continuation lines (kept apart: joining them one by one would be quadratic).
    more: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join([self.first, *self.more]) if self.more else self.first


@dataclass
class Para:
    text: str
    line: int


Block = Heading | Bullet | Para


@dataclass
class Table:
    grid: Grid
    line: int
    #: The nearest heading above the table, if any.
    heading: str | None
    notes: list[str] = field(default_factory=list)


@dataclass
class MdDoc:
    front_title: str | None = None
    blocks: list[Block] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    #: Lines left out, by kind ("template", "html", "code", "rule").
    skipped: Counter[str] = field(default_factory=Counter)
    markup: MarkupStats = field(default_factory=MarkupStats)


_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_WEB_HEADING = re.compile(r"^(?![ \t]*(?:[-*+•]|\d{1,9}[.)])[ \t])(\S.{0,200}?)[ \t]+#[ \t]*$")
_BULLET = re.compile(r"^([ \t]*)(?:[-*+•]|\d{1,9}[.)])(?:[ \t]+(.*))?$")
_RULE = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_TEMPLATE = re.compile(r"^\s*(?:\{\{[%<].*[%>]\}\}|\{%.*%\}|\{\{.*\}\})\s*$")
_HTML = re.compile(r"^\s*<(?:/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?|!--.*)>?\s*$")
_HTML_COMMENT_OPEN = re.compile(r"^\s*<!--")
_DELIMITER = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_PIPE = re.compile(r"(?<!\\)\|")
_LINK_ONLY = re.compile(r"^\s*(?:\*\*|__)?\[[^\[\]]*\]\([^()]*\)(?:\*\*|__)?\s*$")


def _indent(text: str) -> int:
    return len(text.expandtabs(4)) - len(text.expandtabs(4).lstrip())


def split_row(line: str) -> list[str]:
    """A pipe-table row's cells (raw text), without the optional outer pipes."""
    stripped = line.strip()
    parts = _PIPE.split(stripped)
    if stripped.startswith("|"):
        parts = parts[1:]
    if stripped.endswith("|") and not stripped.endswith("\\|") and parts:
        parts = parts[:-1]
    return parts


def parse(text: str) -> MdDoc:
    """The blocks of a Markdown document, in order; tables are collected apart with their nearest heading."""
    doc = MdDoc()
    lines = text.split("\n")
    n = len(lines)
    i = 0
    if lines and lines[0].strip() == "---":
        # YAML front matter: keep its title, skip the rest.
        for j in range(1, min(n, 200)):
            if lines[j].strip() in ("---", "..."):
                for entry in lines[1:j]:
                    match = re.match(r"^title:\s*(.*?)\s*$", entry)
                    if match:
                        doc.front_title = fold(match.group(1).strip("\"'")) or None
                i = j + 1
                break
    last_heading: str | None = None
    para: list[str] = []
    para_line = 0
    bullet: Bullet | None = None  # the open list item, which may continue on the next lines
    blank_before = False

    def flush_para() -> None:
        nonlocal para
        if para:
            doc.blocks.append(Para(" ".join(part.strip() for part in para), para_line))
            para = []

    while i < n:
        line = lines[i]
        stripped = line.strip()
        if not stripped:
            flush_para()
            blank_before = True
            i += 1
            continue
        fence = _FENCE.match(line)
        if fence:
            flush_para()
            bullet = None
            marker = fence.group(1)
            j = i + 1
            while j < n and not lines[j].strip().startswith(marker):
                j += 1
            doc.skipped["code"] += j - i + 1
            i = j + 1
            continue
        if _TEMPLATE.match(line):
            flush_para()
            doc.skipped["template"] += 1
            i += 1
            continue
        if _HTML_COMMENT_OPEN.match(line):
            flush_para()
            j = i
            while j < n and "-->" not in lines[j]:
                j += 1
            doc.skipped["html"] += j - i + 1
            i = j + 1
            continue
        if _HTML.match(line) and not _BR_ONLY.match(line):
            flush_para()
            doc.skipped["html"] += 1
            i += 1
            continue
        # A pipe table: a row, then a delimiter row.
        if "|" in line and i + 1 < n and "|" in lines[i + 1] and _DELIMITER.match(lines[i + 1]):
            header = split_row(line)
            if len(header) == len(split_row(lines[i + 1])) or len(header) >= 2:
                flush_para()
                bullet = None
                j = i + 2
                while j < n and lines[j].strip() and not _ATX.match(lines[j]):
                    j += 1
                doc.tables.append(_table(header, lines[i + 2 : j], i + 1, last_heading, doc.markup))
                i = j
                continue
        atx = _ATX.match(line)
        if atx:
            flush_para()
            bullet = None
            title = fold(md_inline(atx.group(2) or "", doc.markup))
            if title:
                doc.blocks.append(Heading(len(atx.group(1)), title, i + 1))
                last_heading = title
            i += 1
            continue
        if para and not bullet and _SETEXT.match(line) and not blank_before:
            depth = 1 if stripped.startswith("=") else 2
            title = fold(md_inline(" ".join(p.strip() for p in para), doc.markup))
            para = []
            if title:
                doc.blocks.append(Heading(depth, title, para_line))
                last_heading = title
            i += 1
            continue
        if _RULE.match(line):
            flush_para()
            bullet = None
            doc.skipped["rule"] += 1
            i += 1
            continue
        web = _WEB_HEADING.match(line)
        if web and not line.startswith((" ", "\t")):
            flush_para()
            bullet = None
            title = fold(md_inline(web.group(1), doc.markup))
            if title:
                doc.blocks.append(Heading(None, title, i + 1))
                last_heading = title
            i += 1
            continue
        item = _BULLET.match(line)
        if item and item.group(2) is not None and item.group(2).strip():
            flush_para()
            bullet = Bullet(_indent(item.group(1)), item.group(2).strip(), i + 1)
            doc.blocks.append(bullet)
            blank_before = False
            i += 1
            continue
        if item:
            # An empty list item ("-" alone).
            flush_para()
            i += 1
            continue
        if bullet is not None and (not blank_before or _indent(line) > bullet.indent):
            # A continuation of the open list item (wrapped, or a further paragraph indented under it).
            bullet.more.append(stripped)
            blank_before = False
            i += 1
            continue
        bullet = None
        if not para:
            para_line = i + 1
        para.append(stripped.removeprefix(">").strip() if stripped.startswith(">") else stripped)
        blank_before = False
        i += 1
    flush_para()
    return doc


_BR_ONLY = re.compile(r"^\s*<br\s*/?>\s*$", re.IGNORECASE)


# ----- tables -----


def _cell(raw: str, markup: MarkupStats) -> Cell:
    parts: list[str] = []
    for piece in split_br(raw):
        parts.extend(piece.split("\n"))
    return Cell([md_inline(part, markup) for part in parts], bold=is_bold(raw), link=is_link_only(raw))


def _blank(token: str) -> bool:
    return not token.strip()


def _stream_rows(tokens: list[str], width: int) -> tuple[list[list[str]], list[int]] | None:
    """Rows of a table whose rows run together: every `width` cells a row, each row closed by an empty cell.

    A row with more cells than that is repaired where a ``|`` ends a line (read as a line break inside a cell);
    None when the cells cannot be told apart that way.
    """
    rows: list[list[str]] = []
    repaired: list[int] = []
    i, n = 0, len(tokens)
    while i < n:
        if all(_blank(token) for token in tokens[i : i + width + 1]) and i + width + 1 >= n:
            break
        row = tokens[i : i + width]
        i += width
        row += [""] * (width - len(row))
        if i < n and not _blank(tokens[i]):
            j = i
            while j < n and not _blank(tokens[j]) and j - i < width:
                j += 1
            if j < n and not _blank(tokens[j]):
                return None
            cells = row + tokens[i:j]
            extra = j - i
            candidates = [m for m in range(1, len(cells)) if cells[m].lstrip(" \t").startswith("\n")]
            if len(candidates) < extra:
                return None
            for m in sorted(candidates[:extra], reverse=True):
                cells[m - 1] = cells[m - 1] + cells[m]
                del cells[m]
            row = cells
            repaired.append(len(rows))
            i = j
        i += 1  # the empty cell between two rows
        rows.append(row)
    return rows, repaired


def _table(header: list[str], body: list[str], line: int, heading: str | None, markup: MarkupStats) -> Table:
    width = len(header)
    notes: list[str] = []
    rows = [split_row(row) for row in body]
    unpiped = sum(1 for row in body if "|" not in row)
    wide = sum(1 for row in rows if len(row) > width)
    off = sum(1 for row in rows if len(row) != width)
    # Rows that run together (a web copy): most lines are not one row of the header's width, or one line holds
    # several rows. A stray line or two after a normal table (a note) is not that: it is read as GFM reads it.
    if body and (off * 2 > len(rows) or any(len(row) > 2 * width for row in rows)) and (unpiped or wide):
        text = "\n".join(body)
        tokens = _PIPE.split(text)
        if text.lstrip().startswith("|"):
            tokens = tokens[1:]
        if text.rstrip().endswith("|") and tokens:
            tokens = tokens[:-1]
        streamed = _stream_rows(tokens, width)
        if streamed is not None and streamed[0]:
            rows, repaired = streamed
            notes.append(
                f"the table's rows run together (as a web copy flattens them): read its cells {width} to a row, "
                f"the header's width, with line breaks inside cells ({len(rows)} rows)"
            )
            for index in repaired:
                name = fold(rows[index][0])[:60]
                notes.append(
                    f"row {index + 1} ({name!r}) had more cells than the header: a '|' at the end of a line "
                    "was read as a line break inside its cell"
                )
        else:
            notes.append(f"{plural(off, 'table row')} without the header's {width} cells, read as they are")
    elif off:
        notes.append(f"{plural(off, 'table row')} without the header's {width} cells, read as they are")
    extra = sum(1 for row in rows for cell in row[width:] if cell.strip())
    if extra:
        notes.append(f"{plural(extra, 'cell')} beyond the header's last column left out")
    grid: Grid = [[_cell(cell, markup) for cell in header]]
    for row in rows:
        grid.append([_cell(cell, markup) for cell in row[:width]])
    return Table(grid, line, heading, notes)


def is_link_only(text: str) -> bool:
    """A list item that is nothing but a link (a table of contents or navigation)."""
    return bool(_LINK_ONLY.match(text))
