"""A document's tables (or a folder's, or a workbook's sheets) as one ladder: each table read by `_table`, then
tables with the same levels merged (one area each), a table per level put together, a wide table split in two
joined, navigation tables and sheet margins left out."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from ladder_tui.core.importer._document import Document, Table
from ladder_tui.core.importer._model import AreaSpec, Cell, DimSpec, Grid, ImportProblem, Ladder, LevelSpec
from ladder_tui.core.importer._table import AREA_WORDS, Names, column_letter, first_word, one_dimension, read_grid
from ladder_tui.core.importer._text import (
    fold,
    is_mark,
    key,
    level_like,
)
from ladder_tui.core.presentation.text import plural


def merge_tables(ladders: Sequence[tuple[str, Ladder]], where: str) -> Ladder:
    """Several tables (or files) with the same levels: one area each, named after its heading or file."""
    first_name, first = ladders[0]
    level_keys = [key(level.name) for level in first.levels]
    merged = Ladder(first.levels, [], first.title, list(first.notes), first.kind)
    for name, ladder in ladders:
        if [key(level.name) for level in ladder.levels] != level_keys:
            raise ImportProblem(
                f"{where}: {name} has other levels than {first_name} "
                f"({', '.join(level.name for level in ladder.levels[:4])} against "
                f"{', '.join(level.name for level in first.levels[:4])})"
            )
        for area in ladder.areas:
            if area.name is None and area.dims:
                area.name = ladder.title or name
            merged.areas.append(area)
    return merged


def _navigation(grid: Grid) -> bool:
    """A table whose cells past the first column are mostly links or marks (Yes, No, a tick, a number).

    Columns of scores beside the text (a header that is empty or a number, cells that are marks: an assessment
    sheet's score column) do not count: they are left out when the table is read."""
    header_at = next((i for i, row in enumerate(grid[:12]) if sum(1 for cell in row if not cell.empty) >= 2), 0)
    header = grid[header_at] if grid else []
    body = grid[header_at + 1 :]
    width = max((len(row) for row in grid), default=0)
    scores: set[int] = set()
    for column in range(1, width):
        head = header[column].text if column < len(header) else ""
        column_cells = [row[column].text for row in body if column < len(row) and not row[column].empty]
        if (not head or is_mark(head)) and column_cells and all(is_mark(text) for text in column_cells):
            scores.add(column)
    cells = [
        cell
        for row in grid[1:]
        for column, cell in enumerate(row)
        if column >= 1 and column not in scores
        if not cell.empty
    ]
    if not cells:
        return bool(scores)
    marks = sum(1 for cell in cells if cell.link or is_mark(cell.text))
    return marks * 2 > len(cells)


def _stem(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[0] if "." in base else base


def _sheet_name(name: str) -> str:
    """A sheet named in one word of capitals ("DomainExpertise", "problem_solving") as words."""
    if " " in name.strip():
        return name
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|[_-]+", " ", name).strip()
    return spaced or name


def _position(doc: Document, table: Table) -> int:
    return next((i for i, block in enumerate(doc.blocks) if block is table), -1)


def _said_before(doc: Document, table: Table) -> list[str]:
    """The paragraphs between a table and the heading above it (what the heading's dimension is about)."""
    from ladder_tui.core.importer._document import Heading, Paragraph

    out: list[str] = []
    for block in reversed(doc.blocks[: max(_position(doc, table), 0)]):
        if isinstance(block, Heading):
            break
        if isinstance(block, Paragraph) and block.text:
            out.insert(0, block.text)
        else:
            return []
    return out[:3]


def _enclosing_heading(doc: Document, table: Table) -> str | None:
    """The heading that holds the heading above a table ("Competencies" over "Delivery"), if any below a title."""
    from ladder_tui.core.importer._document import Heading

    depth: int | None = None
    for block in reversed(doc.blocks[: max(_position(doc, table), 0)]):
        if not isinstance(block, Heading) or block.depth is None:
            continue
        if depth is None:
            depth = block.depth
        elif block.depth < depth:
            return block.text if block.depth > 1 else None
    return None


def _empty_row(row: list[Cell]) -> bool:
    return all(cell.empty and not cell.merged for cell in row)


def _table_per_level(entries: Sequence[tuple[Document, Table]]) -> Ladder | None:
    """A two-column table under each level's heading ("## Senior" over "| Competency | Expectation |"), the
    dimensions recurring from table to table: the headings are the levels, the first column the dimensions."""
    pairs = [
        (doc, table)
        for doc, table in entries
        if table.heading
        and table.grid
        and (
            len(table.grid[0]) == 2
            or (len(table.grid[0]) == 3 and first_word(fold(table.grid[0][0].text)) in AREA_WORDS)
        )
    ]
    headings = list(dict.fromkeys(table.heading or "" for _, table in pairs))
    if len(pairs) < 2 or len(pairs) != len(entries) or len(headings) != len(pairs):
        return None
    if sum(1 for heading in headings if level_like(heading)) * 2 <= len(headings):
        return None
    names = Names()
    # (area, dimension, statements) columns: "Area | Competency | Expectations" or "Competency | Expectation".
    rows_of = [
        [row if len(row) == 3 else [Cell([]), *row] for row in table.grid[1:] if not row[-2].empty]
        for _, table in pairs
    ]
    counts: dict[str, int] = {}
    for rows in rows_of:
        for name in dict.fromkeys(key(names.text(row[1])) for row in rows):
            counts[name] = counts.get(name, 0) + 1
    if not counts or sum(1 for n in counts.values() if n >= 2) * 2 < len(counts):
        return None  # the first columns do not recur: not one ladder's dimensions level by level
    dims: dict[str, DimSpec] = {}
    areas: dict[str | None, AreaSpec] = {}
    doc = pairs[0][0]
    title = doc.title or next((b.text for b in doc.headings if b.depth == 1), None)
    for level, rows in enumerate(rows_of):
        area_name: str | None = title
        for row in rows:
            area_name = names.text(row[0]) or area_name
            name = names.text(row[1])
            if key(name) not in dims:
                dims[key(name)] = DimSpec(name)
                areas.setdefault(area_name, AreaSpec(area_name)).dims.append(dims[key(name)])
            dims[key(name)].cells.setdefault(level, []).extend(names.statements(row[2]))
    head = pairs[0][1].grid[0]
    unit = "sheet named after each level" if doc.kind == "xlsx" else "table under each level's heading"
    note = (
        f"a {unit} ({plural(len(headings), 'level')}): the column {names.text(head[-2])!r} names the dimensions, "
        f"{names.text(head[-1])!r} holds their statements"
    )
    return Ladder([LevelSpec(heading) for heading in headings], list(areas.values()), title, [note])


def _without_sheet_margins(table: Table) -> Table:
    """A spreadsheet saved as a web page keeps its margins: a row of column letters (A, B, C) on top and a column
    of row numbers (1, 2, 3) on the left. Both are the program's, not the ladder's, and are taken off."""
    grid = table.grid
    if len(grid) < 3 or len(grid[0]) < 3:
        return table
    top = [cell.text.strip() for cell in grid[0]]
    start = 1 if not top[0] else 0
    if top[start:] != [column_letter(i) for i in range(len(top) - start)]:
        return table
    numbers = [row[0].text.strip() for row in grid[1:] if row]
    filled = [n for n in numbers if n]
    if (
        start == 1
        and filled
        and all(n.isdigit() for n in filled)
        and [int(n) for n in filled] == sorted(map(int, filled))
    ):
        body = [
            row[1:] for row, n in zip(grid[1:], numbers, strict=True) if n
        ]  # rows without a number: frozen-pane bars
    else:
        body = grid[1:]
    return Table(
        body,
        table.line,
        table.heading,
        [*table.notes, "the sheet's column letters and row numbers left out"],
        header_known=False,
    )


def _blocks(table: Table) -> list[Table]:
    """A sheet's separate blocks of cells: a table beside the ladder past an empty column ("Level | Headcount"),
    or below it past two empty rows (a glossary). The sheet stays whole when its blocks repeat one header (an area
    per block) or when there is only one."""
    grid = table.grid
    parts: list[Grid] = []
    start = 0
    for i in range(len(grid) + 1):
        end_here = i == len(grid) or (i + 1 < len(grid) and _empty_row(grid[i]) and _empty_row(grid[i + 1]))
        if end_here:
            part = [row for row in grid[start:i] if not _empty_row(row)]
            if len(part) == 1 and i < len(grid):
                continue  # a title row above the table stays with it
            if part:
                parts.append(part)
            start = i
    sided: list[Grid] = []
    for part in parts:
        width = max(len(row) for row in part)
        empty_cols = [
            c for c in range(width) if all(c >= len(row) or (row[c].empty and not row[c].merged) for row in part)
        ]
        cuts = [c for c in empty_cols if 0 < c < width - 1]
        edges = [0, *cuts, width]
        pieces = []
        for left, right in itertools.pairwise(edges):
            lo = left + 1 if left in cuts else left
            piece = [row[lo:right] for row in part]
            piece = [row for row in piece if not _empty_row(row)]
            if piece and any(not cell.empty for row in piece for cell in row):
                pieces.append(piece)
        # Each side a table of its own (two columns or more): a column left empty inside one table ("Level | |
        # Technical skill") is a spacer, not a border.
        tables = all(
            sum(1 for c in range(len(piece[0])) if any(not row[c].empty for row in piece)) >= 2 for piece in pieces
        )
        sided.extend(pieces if pieces and tables else [part])
    if len(sided) < 2:
        return [table]
    headers = {tuple(key(cell.text) for cell in block[0]) for block in sided}
    if len(headers) == 1:
        return [table]
    main = max(sided, key=lambda block: sum(len(cell.text) for row in block for cell in row))
    return [
        Table(block, table.line, table.heading, list(table.notes) if block is main else [], header_known=False)
        for block in sided
    ]


def _continued(main: Ladder, later: Sequence[tuple[Document, Table, Ladder]]) -> list[Ladder]:
    """Tables after the main one that carry on its levels for the same dimensions (a wide table split in two,
    "(continued)"): their levels are appended to the main one's, their cells beside its. The tables used."""
    used: list[Ladder] = []
    for _doc, _table, other in later:
        names = {key(level.name) for level in main.levels}
        mine = {key(dim.name): dim for area in main.areas for dim in area.dims}
        theirs = [dim for area in other.areas for dim in area.dims]
        if (
            not theirs
            or names & {key(level.name) for level in other.levels}
            or {key(dim.name) for dim in theirs} != set(mine)
        ):
            continue
        offset = len(main.levels)
        main.levels.extend(other.levels)
        for dim in theirs:
            for index, texts in dim.cells.items():
                mine[key(dim.name)].cells[offset + index] = texts
        main.notes.append(
            f"a table carrying on the same dimensions with more levels ({other.levels[0].name}, ...) joined beside it"
        )
        used.append(other)
    return used


def tables_ladder(docs: Sequence[Document], levels_in: str | None, where: str) -> Ladder:
    """The ladder the documents' tables hold: the table with the most text, and the tables with the same levels
    beside it (each an area, or each a dimension when every one of them is one dimension's statements)."""
    entries: list[tuple[Document, Table]] = [
        (doc, part)
        for doc in docs
        for table in doc.tables
        for part in (_blocks(table) if doc.kind in ("csv", "xlsx") else [_without_sheet_margins(table)])
    ]
    per_level = _table_per_level(entries)
    if per_level is not None:
        return per_level
    readings: list[tuple[Document, Table, Ladder]] = []
    first_problem: ImportProblem | None = None
    navigation = 0
    for doc, table in entries:
        if _navigation(table.grid):
            navigation += 1
            continue
        place = f"{doc.name}:{table.line}" if doc.kind in ("markdown", "html") else doc.name
        if doc.kind == "xlsx" and table.heading:
            place = f"{doc.name}, sheet {table.heading!r}"
        try:
            ladder = read_grid(table.grid, levels_in=levels_in, where=place, header_known=table.header_known)
        except ImportProblem as exc:
            first_problem = first_problem or exc
            continue
        ladder.notes[1:1] = table.notes
        readings.append((doc, table, ladder))
    if readings and all(len(lad.levels) < 2 for _, _, lad in readings):
        lone = readings[0][2].levels
        found = f"only one level ({lone[0].name!r})" if lone else "no levels"
        raise ImportProblem(f"{where}: found {found} in its table; a ladder needs at least two")
    readings = [r for r in readings if len(r[2].levels) >= 2]
    if not readings:
        if first_problem is not None:
            raise first_problem
        sheets = all(doc.kind in ("csv", "xlsx") for doc, _ in entries) and len(entries) == 1
        what = "its table holds" if sheets else "its tables hold"
        raise ImportProblem(f"{where}: {what} links and marks (yes, no, ticks, numbers), not descriptions")
    main_doc, main_table, main = max(readings, key=lambda r: r[2].statement_chars())
    level_keys = [key(level.name) for level in main.levels]
    group = [r for r in readings if [key(level.name) for level in r[2].levels] == level_keys]
    others = [r for r in readings if r not in group]
    # Under the same heading as the main table: a heading of its own makes it another ladder ("## Support").
    continued = _continued(
        main,
        [
            r
            for r in others
            if readings.index(r) > readings.index((main_doc, main_table, main))
            and r[0] is main_doc
            and r[1].heading == main_table.heading
        ],
    )
    others = [r for r in others if r[2] not in continued]
    rival = next(
        (
            r
            for r in others
            if r[2].statement_chars() * 2 >= main.statement_chars() and sum(len(a.dims) for a in r[2].areas) >= 2
        ),
        None,
    )
    if rival is not None:
        # Two ladders of a size with different levels (engineering and support in one handbook): taking either
        # would leave the other out unasked.
        def said(reading: tuple[Document, Table, Ladder]) -> str:
            _doc, table, lad = reading
            shown = ", ".join(level.name for level in lad.levels[:4]) + (", ..." if len(lad.levels) > 4 else "")
            return f"{table.heading or f'line {table.line}'!r} ({shown})"

        sheets = main_doc.kind == "xlsx"
        raise ImportProblem(
            f"{where}: two ladders with different levels, {said((main_doc, main_table, main))} and {said(rival)}; "
            + ("import one with --sheet NAME" if sheets else "put each in a file of its own and import them one by one")
        )
    several_files = len({id(doc) for doc, _ in entries}) > 1

    def name_of(doc: Document, table: Table, number: int) -> str:
        if table.heading:
            return _sheet_name(table.heading) if doc.kind == "xlsx" else table.heading
        if several_files:
            return _stem(doc.name)
        return f"Table at line {table.line}" if doc.kind in ("markdown", "html") else f"Table {number}"

    lone_dims = [
        lad.areas[0].dims[0].name for _, _, lad in group if len(lad.areas) == 1 and len(lad.areas[0].dims) == 1
    ]
    if len(group) >= 2 and len(lone_dims) == len(group) and len(set(lone_dims)) == 1:
        # "| Level | Expectation |" under each dimension's heading: the column's name is the same in every table,
        # the dimension is the heading's.
        for _, _, lad in group:
            lad.areas[0].name = None
            lad.areas[0].dims[0].name = ""
    if len(group) == 1:
        if one_dimension(main):
            main.areas[0].dims[0].name = name_of(main_doc, main_table, 1)
        if main.title is None:
            main.title = main_doc.title or (main_table.heading if not one_dimension(main) else None)
        if several_files and main.title is None:
            main.title = _stem(main_doc.name)
        result = main
    elif all(one_dimension(lad) for _, _, lad in group):
        # Each table is one competency's statements (a sheet per competency, a table under each heading).
        dims = []
        for number, (doc, table, lad) in enumerate(group, start=1):
            dim = lad.areas[0].dims[0]
            dim.name = name_of(doc, table, number)
            dim.description = _said_before(doc, table)
            dims.append(dim)
        first_doc, first_table, _ = group[0]
        if all(lad.group for _, _, lad in group):
            # Each sheet names its area in a title row ("Area: Customer Care"): the dimensions gather under them.
            by_area: dict[str, AreaSpec] = {}
            for dim, (_, _, lad) in zip(dims, group, strict=True):
                by_area.setdefault(lad.group or "", AreaSpec(lad.group)).dims.append(dim)
            areas = list(by_area.values())
        else:
            areas = [AreaSpec(_enclosing_heading(first_doc, first_table), dims)]
        title = main_doc.title or next((b.text for b in main_doc.headings if b.depth == 1), None)
        result = Ladder(main.levels, areas, title, list(main.notes), main.kind)
        what = "sheets" if main_doc.kind == "xlsx" else "tables"
        after = "its name" if main_doc.kind == "xlsx" else "the heading above it"
        result.notes.append(f"{len(group)} {what} with the same levels, each one dimension named after {after}")
        described = sum(1 for dim in dims if dim.description)
        if described:
            result.notes.append(f"the text between a heading and its table describes {plural(described, 'dimension')}")
    else:
        named = [(name_of(doc, table, number), lad) for number, (doc, table, lad) in enumerate(group, start=1)]
        for name, lad in named:
            lad.title = name
        result = merge_tables(named, where)
        headings = {name for name, _ in named}
        first_heading = next((b.text for b in main_doc.headings if b.depth == 1 and b.text not in headings), None)
        result.title = main_doc.title or first_heading
        what = "sheet" if main_doc.kind == "xlsx" else ("file" if several_files and not main_table.heading else "table")
        result.notes.append(
            f"{len(group)} {what}s with the same levels: each is an area, named after "
            + ("its name" if what == "sheet" else "its title" if what == "file" else "the heading above it")
        )
    if navigation:
        unit = "sheet" if all(doc.kind == "xlsx" for doc, _ in entries) else "table"
        result.notes.append(f"{plural(navigation, unit)} of links, marks or numbers (navigation, scores) left out")
    if others:
        names = ", ".join(repr(table.heading) if table.heading else f"line {table.line}" for _, table, _ in others[:4])
        unit = "other sheet" if all(doc.kind == "xlsx" for doc, _, _ in others) else "other table"
        result.notes.append(f"{plural(len(others), unit)} (with other levels) left out: {names}")
    return result
