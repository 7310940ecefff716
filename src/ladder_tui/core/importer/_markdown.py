"""Markdown as the neutral document model, parsed by markdown-it-py (CommonMark, GFM tables, YAML front matter).

What markdown-it leaves to us, because it is not Markdown but how real ladders are written:
* a web copy's headings, ``Title #`` on a line of their own (CommonMark reads them as paragraph text, often as the
  lazy continuation of the list item above): they become headings of unknown depth;
* template lines (``{{% include ... %}}``), whose text is not in the file: left out and counted;
* raw HTML blocks, which CommonMark ends at a blank line: the pieces of one element are joined again by their
  source lines and read by the HTML reader;
* a table whose rows run together (a web copy flattens each row onto several lines): GFM reads each line as a row
  and drops the cells past the header's width, so such a table is re-read from its source lines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ladder_tui.core.importer._document import (
    Block,
    Document,
    Heading,
    Item,
    ItemList,
    MarkupStats,
    Paragraph,
    Table,
)
from ladder_tui.core.importer._model import Cell, Grid, ImportProblem
from ladder_tui.core.importer._text import fold
from ladder_tui.core.presentation.text import plural

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline
    from markdown_it.token import Token

#: Block nesting markdown-it reads (a list and its item are two): far past any document, within Python's stack.
MAX_NESTING = 400
#: Runs of letters and digits (counted by their lengths: a list of runs is far shorter than one of characters).
_ALNUM = re.compile(r"[^\W_]+")
_TEMPLATE = re.compile(r"^\s*(?:\{\{[%<].*[%>]\}\}|\{%.*%\}|\{\{.*\}\})\s*$")
_WEB_HEADING = re.compile(r"^(\S.{0,200}?)[ \t]+#$")
#: Inline tags that end a line: a break, or the edge of a list item or paragraph written in HTML inside a cell.
_BR = re.compile(r"^<(?:br\s*/?|/?(?:li|ul|ol|p|div)(?:\s[^>]*)?)>$", re.IGNORECASE)
_FIRST_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.colon_fence import colon_fence_plugin
    from mdit_py_plugins.deflist import deflist_plugin
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin
    from mdit_py_plugins.tasklists import tasklists_plugin

    # Nesting deeper than markdown-it's default (20) is read; past MAX_NESTING the parser stops, which
    # `read_markdown` notices and refuses rather than import half a document. The extensions ladders are written
    # with: footnotes (their marks and notes are not statements), definition lists (Pandoc, Kramdown: a term
    # over its definitions), task lists (a self-assessment's checkboxes) and ":::" admonitions (asides).
    parser = (
        MarkdownIt("commonmark", {"maxNesting": MAX_NESTING})
        .enable("table")
        .use(front_matter_plugin)
        .use(footnote_plugin)
        .use(deflist_plugin)
        .use(tasklists_plugin)
        .use(colon_fence_plugin)
    )
    parser.inline.ruler.before("link", "wikilink", _wikilink)
    return parser


def _wikilink(state: StateInline, silent: bool) -> bool:
    """A wiki's link (Obsidian, Foam, MediaWiki: ``[[Page]]``, ``[[Page|label]]``) as the text it shows."""
    src, start = state.src, state.pos
    if not src.startswith("[[", start):
        return False
    end = src.find("]]", start + 2)
    inner = src[start + 2 : end] if end >= 0 else ""
    if not inner.strip() or "\n" in inner or "[" in inner:
        return False
    if not silent:
        token = state.push("text", "", 0)
        token.content = inner.split("|", 1)[-1].split("#", 1)[0].strip() if "|" in inner else inner.split("#", 1)[0]
    state.pos = end + 2
    return True


@dataclass
class Inline:
    """Inline Markdown as plain text: its lines, its leading bold label, whether it is a link and nothing else."""

    lines: list[str]
    label: str | None = None
    colon: bool = False
    rest: str = ""
    link_only: bool = False


def inline_text(children: Sequence[Token] | None, markup: MarkupStats) -> Inline:
    """Plain text of an inline token's children: emphasis and link targets gone, images left out (counted), line
    breaks (soft, hard, ``<br>``) kept as lines; the text of a leading bold run is the label."""
    lines: list[str] = [""]
    label_parts: list[str] | None = None
    label_done = False
    strong = 0
    links = 0
    outside_link = False
    in_link = 0
    for child in children or ():
        kind = child.type
        if kind == "strong_open":
            if strong == 0 and not label_done and not lines[-1].strip() and len(lines) == 1:
                label_parts = []
            strong += 1
            continue
        if kind == "strong_close":
            strong = max(0, strong - 1)
            if strong == 0 and label_parts is not None and not label_done:
                label_done = True
            continue
        if kind in ("em_open", "em_close", "s_open", "s_close"):
            continue
        if kind == "link_open":
            links += 1
            in_link += 1
            markup.links += 1
            continue
        if kind == "link_close":
            in_link = max(0, in_link - 1)
            continue
        if kind == "image":
            markup.images += 1
            continue
        if kind in ("softbreak", "hardbreak") or (kind == "html_inline" and _BR.match(child.content.strip())):
            lines.append("")
            if label_parts is not None and not label_done:
                label_parts.append(" ")
            continue
        if kind == "html_inline":
            continue  # a tag (its text, if any, is in the text tokens around it)
        # Code keeps its backticks: the statement says what the source says.
        text = f"{child.markup}{child.content}{child.markup}" if kind == "code_inline" else child.content
        if text.strip() and not in_link:
            outside_link = True
        if label_parts is not None and not label_done and strong:
            label_parts.append(text)
        elif label_parts is not None and not label_done and text.strip():
            label_done = True  # text before the bold run closed: no label
            label_parts = None
        lines[-1] += text
    result = Inline([line for line in lines])
    result.link_only = links == 1 and not outside_link
    if label_parts is not None and label_done:
        label = fold("".join(label_parts))
        whole = fold(" ".join(lines))
        rest = whole[len(label) :].strip() if whole.startswith(label) else ""
        colon = label.endswith(":") or rest.startswith(":")
        result.label = label.rstrip(":").strip() or None
        result.colon = colon
        result.rest = rest.removeprefix(":").strip()
    return result


def read_markdown(name: str, text: str) -> Document:
    """A Markdown file as the document model (its front matter, if any, as `data`)."""
    doc = Document(name, "markdown")
    try:
        tokens = _parser().parse(text)
    except RecursionError:
        raise ImportProblem(f"{name}: Markdown nested too deeply to read (lists or quotes thousands deep)") from None
    _check_whole(name, text, tokens)
    source = text.split("\n")
    _Walker(doc, tokens, source).run()
    return doc


class _Walker:
    """Turns markdown-it's flat token stream into blocks, one pass, no recursion (lists nest by a stack)."""

    def __init__(self, doc: Document, tokens: list[Token], source: list[str]) -> None:
        self.doc = doc
        self.tokens = tokens
        self.source = source
        #: The open list items, innermost last, and the list each new item goes into.
        self.items: list[Item] = []
        self.lists: list[list[Item]] = []
        self.heading: str | None = None

    def run(self) -> None:
        tokens = self.tokens
        i, n = 0, len(tokens)
        while i < n:
            token = tokens[i]
            kind = token.type
            if kind == "front_matter":
                self._front_matter(token.content)
            elif kind == "heading_open":
                inline = inline_text(tokens[i + 1].children, self.doc.markup)
                title = fold(" ".join(inline.lines))
                if title:
                    self._add(Heading(int(token.tag[1]), title, _line(token)))
                    self.heading = title
                i += 3
                continue
            elif kind == "paragraph_open":
                self._paragraph(tokens[i + 1], _line(token))
                i += 3
                continue
            elif kind in ("bullet_list_open", "ordered_list_open"):
                items: list[Item] = []
                if self.items:
                    self.items[-1].children = items
                else:
                    self.doc.blocks.append(ItemList(items, _line(token)))
                self.lists.append(items)
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
            elif kind == "list_item_open":
                item = Item([], _line(token))
                self.lists[-1].append(item)
                self.items.append(item)
            elif kind == "list_item_close":
                self.items.pop()
            elif kind == "footnote_block_open":
                end = next((j for j in range(i, n) if tokens[j].type == "footnote_block_close"), n - 1)
                self.doc.skipped["footnote"] += sum(1 for t in tokens[i:end] if t.type == "footnote_open")
                i = end + 1
                continue
            elif kind == "dl_open":
                i = self._definitions(i)
                continue
            elif kind == "table_open":
                end = next(j for j in range(i, n) if tokens[j].type == "table_close")
                self._add(self._table(tokens[i : end + 1]))
                i = end + 1
                continue
            elif kind == "html_block":
                i = self._html(i)
                continue
            elif kind == "colon_fence":
                # A documentation site's admonition (":::tip ... :::"): an aside about the ladder, not in it.
                start, stop = token.map or (0, 0)
                self.doc.skipped["aside"] += max(1, stop - start)
            elif kind in ("fence", "code_block"):
                start, stop = token.map or (0, 0)
                self.doc.skipped["code"] += max(1, stop - start)
            elif kind == "hr":
                self.doc.skipped["rule"] += 1
            i += 1
        self.doc.blocks = _split_web_headings(self.doc.blocks)

    def _add(self, block: Block) -> None:
        if self.items:
            # A heading or a table inside a list item: its text joins the item's.
            if isinstance(block, Heading):
                self.items[-1].lines.append(block.text)
            return
        self.doc.blocks.append(block)

    def _front_matter(self, content: str) -> None:
        from ladder_tui.core.importer._data import load_yaml

        try:
            data = load_yaml(content, f"{self.doc.name} (front matter)")
        except ImportProblem as exc:
            self.doc.notes.append(f"its front matter was left out: {exc}")
            return
        self.doc.data = data
        if isinstance(data, dict) and isinstance(data.get("title"), str) and fold(data["title"]):
            self.doc.title = fold(data["title"])

    def _paragraph(self, token: Token, line: int) -> None:
        inline = inline_text(token.children, self.doc.markup)
        lines = self._drop_templates(inline.lines)
        if not any(part.strip() for part in lines):
            return
        if self.items:
            item = self.items[-1]
            if not item.lines:
                item.lines = lines
                item.label, item.colon, item.rest, item.link_only = (
                    inline.label,
                    inline.colon,
                    inline.rest,
                    inline.link_only,
                )
            else:
                item.lines.extend(lines)
            return
        self.doc.blocks.append(Paragraph(lines, line, inline.label, inline.colon, inline.rest))

    def _drop_templates(self, lines: list[str]) -> list[str]:
        kept = [line for line in lines if not _TEMPLATE.match(line)]
        if len(kept) < len(lines):
            self.doc.skipped["template"] += len(lines) - len(kept)
        return kept

    # ----- tables -----

    def _table(self, tokens: list[Token]) -> Table:
        start, stop = tokens[0].map or (0, 0)
        rows: list[list[Cell]] = []
        for token in tokens:
            if token.type == "tr_open":
                rows.append([])
            elif token.type == "inline" and rows:
                inline = inline_text(token.children, self.doc.markup)
                text = fold(" ".join(inline.lines))
                bold = bool(inline.label) and not inline.rest and fold(inline.label or "") == text.rstrip(":")
                rows[-1].append(Cell(inline.lines, bold=bold, link=inline.link_only))
        table = Table(rows, start + 1, self.heading)
        raw = self.source[start:stop]
        repaired = _repair_flattened(raw, len(rows[0]) if rows else 0, self.doc.markup, table.notes)
        if repaired is not None:
            table.grid = repaired
        return table

    # ----- HTML -----

    def _definitions(self, i: int) -> int:
        """A definition list: each term an item labelled by it, each definition's paragraph an item under it; the
        index of the token after the list."""
        tokens = self.tokens
        items: list[Item] = []
        depth = 0
        j = i
        while j < len(tokens):
            token = tokens[j]
            if token.type == "dl_open":
                depth += 1
            elif token.type == "dl_close":
                depth -= 1
                if depth == 0:
                    break
            elif token.type == "dt_open" and depth == 1:
                term = fold(" ".join(inline_text(tokens[j + 1].children, self.doc.markup).lines))
                if term:
                    items.append(Item([term], _line(token), label=term.rstrip(":").strip() or None))
            elif token.type == "inline" and items and tokens[j - 1].type != "dt_open":
                lines = inline_text(token.children, self.doc.markup).lines
                if any(line.strip() for line in lines):
                    items[-1].children.append(Item(lines, _line(token)))
            j += 1
        if items:
            self._add(ItemList(items, _line(tokens[i])))
        return j + 1

    def _disclosure(self, i: int) -> int:
        from ladder_tui.core.importer._html import html_blocks, summary_depth

        token = self.tokens[i]
        blocks, _markup = html_blocks(self.doc.name, token.content, _line(token))
        for block in blocks:
            if isinstance(block, Heading) and block.summary:
                block.depth = summary_depth(self.doc.blocks)
                self.heading = block.text
                self.doc.blocks.append(block)
        return i + 1

    def _html(self, i: int) -> int:
        """Read a raw HTML block (joined with the pieces CommonMark split off it at blank lines); the index of the
        next token to read."""
        tokens = self.tokens
        first = tokens[i]
        start, stop = first.map or (0, 0)
        tag = _FIRST_TAG.search(first.content)
        name = tag.group(1).lower() if tag is not None else ""
        if name in ("details", "summary", "tabs", "tabitem") or first.content.lstrip().lower().startswith(
            ("</details", "</tabitem", "</tabs")
        ):
            # A disclosure (a toggle per level) holds Markdown: its summary is a heading, its inside read as usual.
            return self._disclosure(i)
        if tag is not None:
            name = tag.group(1).lower()
            opening = re.compile(rf"<{re.escape(name)}\b")
            opened = len(opening.findall(first.content.lower()))
            closed = first.content.lower().count(f"</{name}")
            j = i + 1
            while opened > closed and j < len(tokens):
                # Not closed yet: the element goes on past the blank line, up to the HTML block that closes it.
                token = tokens[j]
                if token.type == "html_block" and token.map is not None:
                    opened += len(opening.findall(token.content.lower()))
                    closed += token.content.lower().count(f"</{name}")
                    stop = token.map[1]
                j += 1
        j = i + 1
        depth = 0
        while j < len(tokens):
            # Skip what CommonMark made of the element's inside (paragraphs, lists, code between its pieces).
            token = tokens[j]
            inside = token.map is not None and token.map[0] < stop
            if token.nesting == 1 and inside:
                depth += 1
            elif token.nesting == -1 and depth:
                depth -= 1
            elif not (inside or (token.map is None and depth)):
                break
            j += 1
        fragment = "\n".join(self.source[start:stop])
        from ladder_tui.core.importer._html import html_blocks

        blocks, markup = html_blocks(self.doc.name, fragment, start + 1)
        self.doc.markup.links += markup.links
        self.doc.markup.images += markup.images
        if not blocks or self.items:
            self.doc.skipped["html"] += max(1, stop - start)
            return j
        for block in blocks:
            if isinstance(block, Table) and block.heading is None:
                block.heading = self.heading
            if isinstance(block, Heading):
                self.heading = block.text
            self.doc.blocks.append(block)
        return j


def _check_whole(name: str, text: str, tokens: list[Token]) -> None:
    """Refuse a document markdown-it stopped reading (nested past MAX_NESTING, it drops the rest silently): the
    tokens' source text must hold the document's letters and digits, but for list markers, link definitions and
    the like. Only a document that reached the limit somewhere can have lost text: others are not counted."""
    if not _reached_limit(tokens):
        return
    lines = text.split("\n")
    read = 0
    in_table = False
    for token in tokens:
        if token.type == "table_open":
            in_table = True
            # GFM drops a row's cells past the header's width; the table is re-read from its lines, so they count.
            start, stop = token.map or (0, 0)
            read += _letters("\n".join(lines[start:stop]))
        elif token.type == "table_close":
            in_table = False
        elif not in_table and token.type in (
            "inline",
            "fence",
            "colon_fence",
            "code_block",
            "html_block",
            "front_matter",
        ):
            read += _letters(token.content)
    total = _letters(text)
    if total - read > max(40, total // 50):
        raise ImportProblem(
            f"{name}: Markdown nested more than {MAX_NESTING // 2} levels deep; the reader stops there and "
            f"{total - read} letters and digits after it would be lost, so nothing is imported"
        )


def _reached_limit(tokens: list[Token]) -> bool:
    """Whether any token (or inline child) sits near MAX_NESTING, where markdown-it stops reading."""
    near = MAX_NESTING - 2
    for token in tokens:
        if token.level >= near:
            return True
        if token.children and any(child.level >= near for child in token.children):
            return True
    return False


def _letters(text: str) -> int:
    """How many letters and digits a text holds."""
    return sum(map(len, _ALNUM.findall(text)))


def _line(token: Token) -> int:
    return token.map[0] + 1 if token.map else 0


def _split_web_headings(blocks: list[Block]) -> list[Block]:
    """Lines ``Title #`` (a web copy's headings) out of the paragraphs and list items that swallowed them."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.extend(_split_paragraph(block))
        elif isinstance(block, ItemList):
            out.extend(_split_list(block))
        else:
            out.append(block)
    return out


def _web_heading(line: str) -> str | None:
    match = _WEB_HEADING.match(line.strip())
    return fold(match.group(1)) if match else None


def _split_paragraph(paragraph: Paragraph) -> list[Block]:
    if not any(_web_heading(line) for line in paragraph.lines):
        return [paragraph]
    out: list[Block] = []
    pending: list[str] = []
    for line in paragraph.lines:
        title = _web_heading(line)
        if title is None:
            pending.append(line)
            continue
        if any(part.strip() for part in pending):
            out.append(Paragraph(pending, paragraph.line))
        pending = []
        out.append(Heading(None, title, paragraph.line))
    if any(part.strip() for part in pending):
        out.append(Paragraph(pending, paragraph.line))
    return out


def _split_list(items_block: ItemList) -> list[Block]:
    out: list[Block] = []
    current: list[Item] = []
    for item in items_block.items:
        cut = next((k for k, line in enumerate(item.lines) if k and _web_heading(line)), None)
        if cut is None:
            current.append(item)
            continue
        tail = item.lines[cut:]
        item.lines = item.lines[:cut]
        current.append(item)
        out.append(ItemList(current, items_block.line))
        current = []
        out.extend(_split_paragraph(Paragraph(tail, item.line)))
    if current:
        out.append(ItemList(current, items_block.line))
    return out


# ----- a table whose rows run together -----

_PIPE = re.compile(r"(?<!\\)\|")


def _split_row(line: str) -> list[str]:
    stripped = line.strip()
    parts = _PIPE.split(stripped)
    if stripped.startswith("|"):
        parts = parts[1:]
    if stripped.endswith("|") and not stripped.endswith("\\|") and parts:
        parts = parts[:-1]
    return parts


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


def _repair_flattened(raw: list[str], width: int, markup: MarkupStats, notes: list[str]) -> Grid | None:
    """The table re-read from its source lines when its rows run together (a web copy), else None (GFM's reading
    stands). Most lines not one row of the header's width, or one line holding several rows, is that; a stray line
    or two after a normal table is not."""
    if len(raw) < 3 or width < 1:
        return None
    body = raw[2:]
    rows = [_split_row(row) for row in body]
    unpiped = sum(1 for row in body if "|" not in row)
    wide = sum(1 for row in rows if len(row) > width)
    off = sum(1 for row in rows if len(row) != width)
    extra = sum(1 for row in rows for cell in row[width:] if cell.strip())
    if not (body and (off * 2 > len(rows) or any(len(row) > 2 * width for row in rows)) and (unpiped or wide)):
        if off:
            notes.append(f"{plural(off, 'table row')} without the header's {width} cells, read as they are")
        if extra:
            notes.append(f"{plural(extra, 'cell')} beyond the header's last column left out")
        return None
    text = "\n".join(body)
    pieces = _PIPE.split(text)
    if text.lstrip().startswith("|"):
        pieces = pieces[1:]
    if text.rstrip().endswith("|") and pieces:
        pieces = pieces[:-1]
    streamed = _stream_rows(pieces, width)
    if streamed is None or not streamed[0]:
        notes.append(f"{plural(off, 'table row')} without the header's {width} cells, read as they are")
        if extra:
            notes.append(f"{plural(extra, 'cell')} beyond the header's last column left out")
        return None
    new_rows, repaired = streamed
    notes.append(
        f"the table's rows run together (as a web copy flattens them): read its cells {width} to a row, "
        f"the header's width, with line breaks inside cells ({len(new_rows)} rows)"
    )
    for index in repaired:
        shown = fold(new_rows[index][0])[:60]
        notes.append(
            f"row {index + 1} ({shown!r}) had more cells than the header: a '|' at the end of a line "
            "was read as a line break inside its cell"
        )
    parser = _parser()
    header = [_cell(parser, part, markup) for part in _split_row(raw[0])[:width]]
    grid: Grid = [header]
    for row in new_rows:
        grid.append([_cell(parser, part, markup) for part in row[:width]])
    return grid


def _cell(parser: MarkdownIt, raw: str, markup: MarkupStats) -> Cell:
    """One cell's source text, its inline Markdown parsed (its own line breaks kept as lines)."""
    lines: list[str] = []
    bold = link = False
    pieces = raw.split("\n")
    for piece in pieces:
        tokens = parser.parseInline(piece.strip())
        inline = inline_text(tokens[0].children if tokens else None, markup)
        lines.extend(inline.lines)
        text = fold(" ".join(inline.lines))
        bold = len(pieces) == 1 and bool(inline.label) and not inline.rest and fold(inline.label or "") == text
        link = len(pieces) == 1 and inline.link_only
    return Cell(lines, bold=bold, link=link)


def has_structure(text: str) -> bool:
    """Whether Markdown finds headings, tables or front matter in a text (so it is Markdown, not CSV)."""
    kinds = {token.type for token in _parser().parse(text)}
    return bool(kinds & {"heading_open", "table_open", "front_matter"})


def front_title(data: Any) -> str | None:
    """The title a front matter gives, when it gives one."""
    if isinstance(data, dict) and isinstance(data.get("title"), str):
        return fold(data["title"]) or None
    return None


def markdown_statements(text: str) -> list[str]:
    """The statements of a short Markdown text (a value in a data file): each list item and paragraph, without its
    markup (bold, links, code marks kept as the text says)."""
    out: list[str] = []
    for token in _parser().parse(text):
        if token.type == "inline":
            line = fold(" ".join(inline_text(token.children, MarkupStats()).lines))
            if line:
                out.append(line)
    return out


def link_targets(text: str) -> list[str]:
    """Where a Markdown page's links lead, in order."""
    out: list[str] = []
    for token in _parser().parse(text):
        for child in token.children or []:
            if child.type == "link_open":
                out.append(str(child.attrGet("href") or ""))
    return out
