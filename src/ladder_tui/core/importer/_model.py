"""What every reader produces: a ladder of named levels, areas and dimensions, plus what it understood."""

from __future__ import annotations

from dataclasses import dataclass, field

from ladder_tui.core.errors import LadderError


class ImportProblem(LadderError):
    """A document the importer cannot read as a ladder; the message is one line naming the file."""

    def __init__(self, message: str) -> None:
        # One line, whatever the input: a hostile file name or cell text must not break the line.
        super().__init__(" ".join(message.split()))


@dataclass
class Cell:
    """One table cell: its lines of text (markup already removed where the format has markup)."""

    lines: list[str]
    bold: bool = False
    #: Set when the cell is covered by a merged range and carries its top-left text (XLSX only).
    merged: bool = False
    #: The cell is nothing but a link (Markdown only): navigation, not a description.
    link: bool = False

    @property
    def empty(self) -> bool:
        return not any(line.strip() for line in self.lines)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.lines).split())


Grid = list[list[Cell]]


@dataclass
class DimSpec:
    name: str
    #: Statements per level index, in the source's order.
    cells: dict[int, list[str]] = field(default_factory=dict)
    #: Paragraphs of description (joined by line breaks in the framework).
    description: list[str] = field(default_factory=list)


@dataclass
class AreaSpec:
    #: None: the document's own area (its dimensions come before any category).
    name: str | None
    dims: list[DimSpec] = field(default_factory=list)
    description: list[str] = field(default_factory=list)


@dataclass
class LevelSpec:
    name: str
    description: list[str] = field(default_factory=list)


@dataclass
class Ladder:
    """A ladder as read, before ids are made: the readers' common result."""

    levels: list[LevelSpec]
    areas: list[AreaSpec]
    #: The document's own title (first heading, title row), when it has one.
    title: str | None = None
    #: What the reader understood, one line each.
    notes: list[str] = field(default_factory=list)
    #: "table", "outline" or "data": which reader made it.
    kind: str = "table"
    #: "career" (a descriptor per dimension and level) or "mastery" (the levels' own words for every dimension).
    scale: str = "career"
    #: The area a title row names ("Area: Customer Care" above a sheet of one competency).
    group: str | None = None

    def statement_chars(self) -> int:
        return sum(len(s) for area in self.areas for dim in area.dims for cell in dim.cells.values() for s in cell)
