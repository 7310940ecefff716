"""One neutral model of a document, whatever its format: what every reader produces and the ladder detector reads.

A document is a sequence of blocks: headings (with their depth), paragraphs, nested lists, and tables whose merged
cells are already resolved. Markdown (markdown-it-py), HTML (selectolax), CSV, XLSX (openpyxl, one table a sheet)
all become this; YAML and JSON keep their data (`Document.data`) for the structured detector. Text in the model is
plain: markup is gone, each block keeps the lines it had (a line break inside a cell or an item is a new line).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ladder_tui.core.importer._model import Grid


@dataclass
class MarkupStats:
    """What the readers dropped from inline text: links reduced to their text, images left out."""

    links: int = 0
    images: int = 0


@dataclass
class Heading:
    #: 1-6; None for a web copy's ``Title #`` whose depth the text does not say.
    depth: int | None
    text: str
    line: int
    #: Made from a disclosure's <summary> (its depth taken from the heading above it).
    summary: bool = False


@dataclass
class Paragraph:
    lines: list[str]
    line: int
    #: The paragraph's leading bold words (``**Scope**`` or ``<strong>Scope</strong>``), without a trailing colon.
    label: str | None = None
    #: Whether the label ended with a colon (inside or right after the bold run).
    colon: bool = False
    #: The text after the label.
    rest: str = ""

    @property
    def text(self) -> str:
        return " ".join(line.strip() for line in self.lines if line.strip())


@dataclass
class Item:
    """One list item: its own text (nested lists apart), its leading bold label, and its sub-items."""

    lines: list[str]
    line: int
    label: str | None = None
    colon: bool = False
    rest: str = ""
    #: Nothing but a link: navigation, not a statement.
    link_only: bool = False
    children: list[Item] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(line.strip() for line in self.lines if line.strip())


@dataclass
class ItemList:
    items: list[Item]
    line: int


@dataclass
class Table:
    grid: Grid
    line: int
    #: The nearest heading above the table (or the sheet's name), if any.
    heading: str | None
    notes: list[str] = field(default_factory=list)
    #: The header row is known to be the first (Markdown, HTML with <th>); else title rows may come first.
    header_known: bool = True


Block = Heading | Paragraph | ItemList | Table


@dataclass
class Document:
    """One file as read: its blocks, its title, what was left out, and (YAML, JSON, front matter) its data."""

    name: str
    #: "markdown", "html", "csv", "xlsx", "yaml" or "json": which reader made it.
    kind: str
    blocks: list[Block] = field(default_factory=list)
    #: The document's own title (front matter, <title>), when it says one.
    title: str | None = None
    #: Structured content (YAML, JSON, or a Markdown file's front matter), as the safe loader returned it.
    data: Any = None
    #: Lines or elements left out, by kind ("template", "html", "code", "chrome", "script").
    skipped: Counter[str] = field(default_factory=Counter)
    markup: MarkupStats = field(default_factory=MarkupStats)
    #: What the reader itself noticed (a repaired table, a sheet left out), one line each.
    notes: list[str] = field(default_factory=list)
    #: The sub-folder it was found in, when a folder was imported (a folder per area).
    folder: str | None = None
    #: A workbook's worksheets by name, all of them (those read or not): what `--sheet` may name.
    sheets: list[str] = field(default_factory=list)

    @property
    def tables(self) -> list[Table]:
        return [block for block in self.blocks if isinstance(block, Table)]

    @property
    def headings(self) -> list[Heading]:
        return [block for block in self.blocks if isinstance(block, Heading)]
