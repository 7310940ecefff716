"""A Word document (DOCX, also what Google Docs downloads) as the neutral document model, read with python-docx:
headings by their paragraph style (Title, Heading 1-9), lists by their numbering (bulleted or numbered, nested by
level), tables with merged cells resolved, and a paragraph's leading bold words as its label. python-docx is
imported only here, only when a DOCX file is read."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from ladder_tui.core.importer._document import Block, Document, Heading, Item, ItemList, Paragraph, Table
from ladder_tui.core.importer._model import Cell, Grid, ImportProblem
from ladder_tui.core.importer._text import fold
from ladder_tui.core.presentation.text import plural

#: Uncompressed size and parts a document may have at most (a zip bomb must not fill the memory).
MAX_UNCOMPRESSED = 64 * 1024 * 1024
MAX_PARTS = 5_000
#: Blocks and table cells read at most; a ladder is far smaller.
MAX_BLOCKS = 100_000
MAX_CELLS = 250_000

_HEADING_STYLE = re.compile(r"^heading\s*([1-9])$", re.IGNORECASE)
_LIST_STYLE = re.compile(r"^list\b", re.IGNORECASE)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read(raw: bytes, where: str) -> Document:
    """Every heading, paragraph, list and table of the document's body, in order."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            parts = archive.infolist()
            if "word/document.xml" not in archive.namelist():
                raise ImportProblem(f"{where}: a zip archive, but not a Word document (it has no word/document.xml)")
            size = sum(info.file_size for info in parts)
    except zipfile.BadZipFile:
        raise ImportProblem(f"{where}: not a DOCX document (a DOCX file is a zip archive; this is not one)") from None
    except (OSError, ValueError, RuntimeError, NotImplementedError, EOFError) as exc:
        raise ImportProblem(f"{where}: not a readable DOCX document ({type(exc).__name__})") from None
    if size > MAX_UNCOMPRESSED or len(parts) > MAX_PARTS:
        raise ImportProblem(
            f"{where}: the document unpacks to {size // (1024 * 1024)} MB in {plural(len(parts), 'part')}; a ladder "
            "is far smaller"
        )
    try:
        import docx  # deferred: only reading a DOCX file needs it

        document = docx.Document(io.BytesIO(raw))
    except Exception as exc:  # python-docx raises many kinds (KeyError, XML errors, package errors) for broken files
        raise ImportProblem(f"{where}: not a readable DOCX document ({type(exc).__name__}: {exc})"[:300]) from None
    doc = Document(where, "docx")
    core = document.core_properties
    if core.title and core.title.strip():
        doc.title = fold(core.title)
    try:
        _Reader(doc, where).read(document)
    except ImportProblem:
        raise
    except Exception as exc:  # python-docx walking a damaged table (a merge with no row above it) and the like
        raise ImportProblem(f"{where}: not a readable DOCX document ({type(exc).__name__}: {exc})"[:300]) from None
    return doc


class _Reader:
    def __init__(self, doc: Document, where: str) -> None:
        self.doc = doc
        self.where = where
        self.line = 0
        self.cells = 0
        #: The list being read (items at each nesting level), until a block that is not an item ends it.
        self.open_list: list[list[Item]] = []

    def read(self, document: Any) -> None:
        from docx.table import Table as DocxTable

        for block in document.iter_inner_content():
            self.line += 1
            if self.line > MAX_BLOCKS:
                raise ImportProblem(f"{self.where}: over {MAX_BLOCKS:,} paragraphs and tables; refused")
            if isinstance(block, DocxTable):
                self._close_list()
                self._add(self._table(block))
            else:
                self._paragraph(block)
        self._close_list()

    def _add(self, block: Block | None) -> None:
        if block is not None:
            self.doc.blocks.append(block)

    # ----- paragraphs, headings, lists -----

    def _paragraph(self, paragraph: Any) -> None:
        lines, label, colon, rest = _inline(paragraph)
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        level = _list_level(paragraph, style)
        if level is not None:
            if lines:
                self._item(level, Item(lines, self.line, label, colon, rest))
            return
        self._close_list()
        if not lines:
            return
        text = fold(" ".join(lines))
        heading = _HEADING_STYLE.match(style.strip())
        if style.strip().lower() == "title":
            if self.doc.title is None:
                self.doc.title = text
            self._add(Heading(1, text, self.line))
        elif heading:
            self._add(Heading(int(heading.group(1)), text, self.line))
        else:
            self._add(Paragraph(lines, self.line, label, colon, rest))

    def _item(self, level: int, item: Item) -> None:
        stack = self.open_list
        if not stack:
            stack.append([])
            self.doc.blocks.append(ItemList(stack[0], self.line))
        # Deeper than one below the last item: it nests under that item all the same.
        level = min(level, len(stack))
        while len(stack) > level + 1:
            stack.pop()
        if level == len(stack):
            parent = stack[-1][-1] if stack[-1] else None
            if parent is None:
                stack[-1].append(item)
                return
            stack.append(parent.children)
        stack[level].append(item)

    def _close_list(self) -> None:
        self.open_list = []

    # ----- tables -----

    def _table(self, table: Any) -> Table | None:
        grid: Grid = []
        #: Where each cell element was first met (the dict holds the elements: lxml then gives the same one back).
        seen: dict[Any, tuple[int, int]] = {}
        for r, row in enumerate(table.rows):
            cells: list[Cell] = []
            for c, cell in enumerate(row.cells):
                self.cells += 1
                if self.cells > MAX_CELLS:
                    raise ImportProblem(f"{self.where}: over {MAX_CELLS:,} table cells; refused")
                # A merged cell is the same cell in every row and column it spans: it carries the text of the one
                # that spans it, marked as a copy.
                origin = seen.setdefault(cell._tc, (r, c))
                if origin != (r, c):
                    source = grid[origin[0]][origin[1]] if origin[0] < r else cells[origin[1]]
                    cells.append(Cell(list(source.lines), bold=source.bold, merged=True))
                    continue
                lines: list[str] = []
                bold = True
                for paragraph in cell.paragraphs:
                    text_lines, _label, _colon, _rest = _inline(paragraph)
                    style = (paragraph.style.name if paragraph.style is not None else "") or ""
                    bullet = "• " if _list_level(paragraph, style) is not None else ""
                    lines += [bullet + line if i == 0 else line for i, line in enumerate(text_lines)]
                    bold = bold and (not text_lines or _all_bold(paragraph))
                cells.append(Cell(lines, bold=bold and bool(lines)))
            grid.append(cells)
        width = max((len(row) for row in grid), default=0)
        for row in grid:
            row.extend(Cell([]) for _ in range(width - len(row)))
        if not any(not cell.empty for row in grid for cell in row):
            return None
        heading = next((b.text for b in reversed(self.doc.blocks) if isinstance(b, Heading)), None)
        return Table(grid, self.line, heading)


def _list_level(paragraph: Any, style: str) -> int | None:
    """The nesting level of a list paragraph (0 the outermost); None for a paragraph that is no list item."""
    ppr = paragraph._p.pPr
    numbering = ppr.numPr if ppr is not None else None
    if numbering is not None and numbering.numId is not None and numbering.numId.val != 0:
        ilvl = numbering.ilvl
        return int(ilvl.val) if ilvl is not None and ilvl.val is not None else 0
    if _LIST_STYLE.match(style.strip()):
        number = re.search(r"(\d+)\s*$", style)
        return int(number.group(1)) - 1 if number else 0
    return None


def _runs(paragraph: Any) -> list[Any]:
    """A paragraph's runs in order, those inside its hyperlinks too."""
    runs: list[Any] = []
    for item in paragraph.iter_inner_content():
        runs.extend(item.runs if hasattr(item, "runs") else [item])
    return runs


def _all_bold(paragraph: Any) -> bool:
    runs = [run for run in _runs(paragraph) if run.text.strip()]
    return bool(runs) and all(_bold(run) for run in runs)


def _bold(run: Any) -> bool:
    if run.bold is not None:
        return bool(run.bold)
    style = run.style
    while style is not None:
        if style.font is not None and style.font.bold is not None:
            return bool(style.font.bold)
        style = style.base_style
    return False


def _inline(paragraph: Any) -> tuple[list[str], str | None, bool, str]:
    """A paragraph's lines (a line break starts a new one), and its leading bold words as a label."""
    label: list[str] = []
    label_done = False
    text = ""
    runs = _runs(paragraph)
    for run in runs:
        piece = run.text
        if not piece:
            continue
        if not label_done:
            if piece.strip() and _bold(run):
                label.append(piece)
            elif piece.strip():
                label_done = True
            elif label:
                label.append(piece)
        text += piece
    if not runs:
        text = paragraph.text
    lines = [fold(line) for line in text.replace("\r", "\n").split("\n")]
    lines = [line for line in lines if line]
    words = fold("".join(label))
    whole = fold(" ".join(lines))
    if not words or not whole.startswith(words) or words == whole:
        return lines, None, False, ""
    rest = whole[len(words) :].strip()
    colon = words.endswith(":") or rest.startswith(":")
    return lines, words.rstrip(":").strip() or None, colon, rest.removeprefix(":").strip()
