"""Data kept as a table: records (a list of flat objects, an export of a sheet or a database) and grids of mappings
(``{Empathy: {"1. Associate": ...}}``, ``levels: {Associate: {Empathy: ...}}``), turned into the tables the table
reader knows, so that one reader decides what the rows and columns are."""

from __future__ import annotations

from typing import Any

from ladder_tui.core.importer._document import Document, Table
from ladder_tui.core.importer._model import Cell, Grid
from ladder_tui.core.importer._structured import walk_data

#: Rows read from one list or mapping at most (a framework holds far fewer; a hostile file must stay cheap).
MAX_ROWS = 5_000


def _scalar(value: Any) -> bool:
    return value is None or (isinstance(value, str | int | float) and not isinstance(value, bool))


def _cell(value: Any) -> Cell:
    if value is None:
        return Cell([])
    if isinstance(value, list):
        return Cell([str(item) for item in value if _scalar(item) and item is not None])
    return Cell(str(value).splitlines() or [""])


def _text_value(value: Any) -> bool:
    """A cell's value: text, a number, or a list of texts (a level's statements)."""
    return _scalar(value) or (isinstance(value, list) and all(isinstance(item, str) for item in value))


def _records(item: list[Any]) -> Grid | None:
    """A list of flat objects sharing their fields: a header of the fields, a row per object."""
    if not 2 <= len(item) <= MAX_ROWS or not all(isinstance(entry, dict) and entry for entry in item):
        return None
    if not all(all(_scalar(value) for value in entry.values()) for entry in item):
        return None
    fields = list(dict.fromkeys(str(name) for entry in item for name in entry))
    if len(fields) < 2 or len(fields) > 60:
        return None
    shared = sum(1 for name in fields if all(name in map(str, entry) for entry in item))
    if shared * 2 < len(fields):
        return None
    rows: Grid = [[Cell([name]) for name in fields]]
    for entry in item:
        by_name = {str(name): value for name, value in entry.items()}
        rows.append([_cell(by_name.get(name)) for name in fields])
    return rows


def _mapping_grid(item: dict[Any, Any], corner: str) -> Grid | None:
    """A mapping of mappings of text: a row per outer key, a column per inner key (in the order they first come)."""
    if not 2 <= len(item) <= MAX_ROWS or not all(isinstance(value, dict) and value for value in item.values()):
        return None
    if not all(all(_text_value(v) for v in value.values()) for value in item.values()):
        return None
    columns = list(dict.fromkeys(str(name) for value in item.values() for name in value))
    if len(columns) < 2 or len(columns) > 60:
        return None
    rows: Grid = [[Cell([corner] if corner else []), *(Cell([name]) for name in columns)]]
    for outer, value in item.items():
        by_name = {str(name): v for name, v in value.items()}
        rows.append([Cell([str(outer)]), *(_cell(by_name.get(name)) for name in columns)])
    return rows


def data_tables(doc: Document) -> Document | None:
    """The tables a document's data holds, as a document of its own; None when it holds none."""
    tables: list[Table] = []
    for path, item, _parent in walk_data(doc.data):
        name = path[-1] if path and not path[-1].isdigit() else None
        grid = _records(item) if isinstance(item, list) else _mapping_grid(item, name or "")
        if grid is not None:
            tables.append(Table(grid, line=0, heading=None if name in (None, "levels") else name))
    if not tables:
        return None
    return Document(doc.name, doc.kind, list(tables), doc.title, folder=doc.folder)
