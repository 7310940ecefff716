"""A grid of cells (a Markdown table, a CSV file, an XLSX sheet) as a ladder."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ladder_tui.core.importer._model import AreaSpec, Cell, DimSpec, Grid, ImportProblem, Ladder, LevelSpec
from ladder_tui.core.importer._text import fold, key, level_like, statements, words
from ladder_tui.core.text import plural

#: A first header cell with one of these words means the levels are the rows.
ROW_WORDS = words(
    """level levels rung rungs grade grades band bands tier tiers title titles role roles position positions
    stage stages step steps seniority rank ranks"""
)
#: ... and one of these, that the levels are the columns (the rows are skills).
COLUMN_WORDS = words(
    """skill skills competency competencies dimension dimensions area areas category categories capability
    capabilities criteria criterion attribute attributes behaviour behaviours behavior behaviors expectation
    expectations topic topics theme themes pillar pillars axis axes trait traits domain domains responsibility
    responsibilities subskill sub-skill subcategory sub-category group groups section sections quality qualities
    focus requirement requirements"""
)
AREA_WORDS = words(
    "area areas category categories group groups pillar pillars theme themes domain domains section sections "
    "family cluster"
)
DESCRIPTION_WORDS = words("description descriptions definition definitions summary about meaning overview details")

MAX_LEVELS = 50


def _first_word(text: str) -> str:
    words = re.findall(r"[a-z][a-z-]*", key(text))
    return words[0] if words else ""


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


class _Names:
    """Names and statements of cells, whitespace folded (mojibake is repaired later, in one place)."""

    def text(self, cell: Cell) -> str:
        return fold(cell.text)

    def statements(self, cell: Cell) -> list[str]:
        return statements(cell.lines)


def _solid(cell: Cell) -> bool:
    """A cell with text of its own (not the copy of a merged range's text)."""
    return not cell.empty and not cell.merged


def read_grid(
    grid: Grid,
    *,
    levels_in: str | None,
    where: str,
    header_known: bool = False,
) -> Ladder:
    """Read one table. `header_known`: the first row is the header (Markdown); else title rows are skipped."""
    names = _Names()
    notes: list[str] = []
    rows = [row for row in grid if any(not cell.empty for cell in row)]
    if not rows:
        raise ImportProblem(f"{where}: the table is empty")
    width = max(len(row) for row in rows)
    rows = [row + [Cell([]) for _ in range(width - len(row))] for row in rows]
    title: str | None = None
    header_at = 0
    if not header_known:
        counts = [sum(1 for cell in row if _solid(cell)) for row in rows[:12]]
        most = max(counts)
        if most < 2:
            raise ImportProblem(
                f"{where}: no header row with two cells or more in its first rows (looked for a row naming the "
                "levels, or a row naming the dimensions with a column of levels)"
            )
        header_at = next(i for i, count in enumerate(counts) if count >= max(2, (most * 3 + 4) // 5))
        # Title rows: text in the first column and nothing else of their own (a row naming groups of columns,
        # with its first cell empty, is not one: it may name the areas).
        above = [row for row in rows[:header_at] if _solid(row[0])]
        titles = [names.text(row[0]) for row in above]
        if titles:
            title = titles[0]
            shown = "; ".join(repr(t[:50]) for t in titles[:3])
            notes.append(f"skipped {plural(len(titles), 'title row')} above the header: {shown}")
    header = rows[header_at]
    above_header = rows[header_at - 1] if header_at > 0 else None
    body = rows[header_at + 1 :]
    # Cells right of the header's last named column belong to no level or dimension (notes, stray text).
    extent = max((i + 1 for i, cell in enumerate(header) if not cell.empty), default=width)
    if extent < width:
        stray = sum(1 for row in body for cell in row[extent:] if not cell.empty)
        if stray:
            notes.append(f"{plural(stray, 'cell')} right of the header's last column left out")
        header = header[:extent]
        body = [row[:extent] for row in body]
        if above_header is not None:
            above_header = above_header[:extent]
        width = extent
    heads = [names.text(cell) for cell in header]
    # Columns with neither a header nor any text are dropped.
    used = [i for i in range(width) if heads[i] or any(not row[i].empty for row in body)]
    if len(used) < width:
        header = [header[i] for i in used]
        heads = [heads[i] for i in used]
        body = [[row[i] for i in used] for row in body]
        if above_header is not None:
            above_header = [above_header[i] for i in used]
    if len(heads) < 2:
        raise ImportProblem(
            f"{where}: the table has only one column (looked for a column per level, or a row per level)"
        )
    orientation, reason = _orientation(heads, body, names, levels_in)
    if orientation == "columns":
        ladder = _levels_in_columns(heads, body, names, notes, where)
        flag = "rows"
    else:
        ladder = _levels_in_rows(heads, body, above_header, names, notes, where)
        flag = "columns"
    ladder.title = title
    ladder.notes.insert(
        0,
        f"levels are the {orientation} ({reason}" + ("" if levels_in else f"; --levels-in {flag} to change") + ")",
    )
    return ladder


def _orientation(heads: list[str], body: Grid, names: _Names, levels_in: str | None) -> tuple[str, str]:
    if levels_in in ("columns", "rows"):
        return levels_in, "as asked with --levels-in"
    first = _first_word(heads[0])
    if first in ROW_WORDS:
        return "rows", f"guessed from the header {heads[0]!r}"
    if first in COLUMN_WORDS:
        return "columns", f"guessed from the header {heads[0]!r}"
    label_end = _label_end(heads)
    level_heads = heads[label_end:]
    if level_heads and sum(1 for h in level_heads if level_like(h)) * 2 > len(level_heads):
        return "columns", "guessed: the header's cells are named like levels"
    firsts = [names.text(row[0]) for row in body if not row[0].empty]
    if firsts and sum(1 for f in firsts if level_like(f)) * 2 > len(firsts):
        return "rows", "guessed: the first column's cells are named like levels"
    return "columns", "guessed: the usual layout, with one column per level"


def _label_header(text: str) -> bool:
    word = _first_word(text)
    return word in COLUMN_WORDS or word in AREA_WORDS or word in DESCRIPTION_WORDS


def _label_end(heads: Sequence[str]) -> int:
    """How many leading columns hold names (area, dimension, description) rather than levels."""
    end = 1
    while end < len(heads) - 1 and (not heads[end] or _label_header(heads[end])) and not level_like(heads[end]):
        end += 1
    return end


def _levels_in_columns(heads: list[str], body: Grid, names: _Names, notes: list[str], where: str) -> Ladder:
    label_end = _label_end(heads)
    desc_col = next((i for i in range(1, label_end) if _first_word(heads[i]) in DESCRIPTION_WORDS), None)
    name_cols = [i for i in range(label_end) if i != desc_col]
    area_col = name_cols[0] if len(name_cols) >= 2 else None
    dim_col = name_cols[-1]
    level_cols = list(range(label_end, len(heads)))
    if len(level_cols) > MAX_LEVELS:
        raise ImportProblem(
            f"{where}: {len(level_cols)} level columns, more than a framework holds ({MAX_LEVELS}); "
            "if the levels are the rows, use --levels-in rows"
        )
    levels = []
    for i in level_cols:
        if heads[i]:
            levels.append(LevelSpec(heads[i]))
        else:
            levels.append(LevelSpec(f"Column {_column_letter(i)}"))
            notes.append(f"column {_column_letter(i)} has no header: its level is named 'Column {_column_letter(i)}'")
    if area_col is not None:
        notes.append(f"areas from the column {heads[area_col] or _column_letter(area_col)!r}")
    if desc_col is not None:
        notes.append(f"the column {heads[desc_col]!r} holds the dimensions' descriptions")
    if label_end - len(name_cols) - (desc_col is not None) > 0 or len(name_cols) > 2:
        notes.append("columns between the area and the dimension columns were left out")
    areas: list[AreaSpec] = [AreaSpec(None)]
    current_area_name: str | None = None
    joined = 0
    unnamed = 0
    bold_rows = 0
    for number, row in enumerate(body, start=2):
        level_cells = [row[i] for i in level_cols]
        solid = [cell for cell in row if _solid(cell)]
        if all(cell.empty or cell.merged for cell in level_cells) and len(solid) == 1:
            # A category row: one name and nothing else (``| **Skill** | | |``, a merged or bold row).
            name = names.text(solid[0])
            areas.append(AreaSpec(name))
            bold_rows += solid[0].bold
            continue
        if area_col is not None and not row[area_col].empty:
            area_name = names.text(row[area_col])
            if area_name != current_area_name:
                current_area_name = area_name
                areas.append(AreaSpec(area_name))
        area = areas[-1]
        description = names.text(row[desc_col]) if desc_col is not None else ""
        cells = {index: names.statements(cell) for index, cell in enumerate(level_cells) if not cell.empty}
        cells = {index: texts for index, texts in cells.items() if texts}
        name_cell = row[dim_col]
        if (name_cell.empty or name_cell.merged) and area.dims:
            dim = area.dims[-1]
            for index, texts in cells.items():
                dim.cells.setdefault(index, []).extend(texts)
            if description:
                dim.description.append(description)
            joined += 1
            continue
        if name_cell.empty:
            name = f"Row {number}"
            unnamed += 1
        else:
            name = names.text(name_cell)
        area.dims.append(DimSpec(name, cells, [description] if description else []))
    if joined:
        notes.append(f"{plural(joined, 'row')} without a dimension name joined to the dimension above")
    if unnamed:
        notes.append(
            f"{plural(unnamed, 'row')} without a dimension name and nothing above: named after the row ('Row 3')"
        )
    if bold_rows:
        notes.append(f"{plural(bold_rows, 'bold row')} with no other text read as categories (areas)")
    return Ladder(levels, areas, notes=notes)


def _levels_in_rows(
    heads: list[str], body: Grid, above: list[Cell] | None, names: _Names, notes: list[str], where: str
) -> Ladder:
    label_end = 1
    desc_col = None
    while label_end < len(heads) - 1 and _first_word(heads[label_end]) in DESCRIPTION_WORDS:
        desc_col = label_end if desc_col is None else desc_col
        label_end += 1
    if desc_col is not None:
        notes.append(f"the column {heads[desc_col]!r} holds the levels' descriptions")
    dim_cols = list(range(label_end, len(heads)))
    level_rows = [row for row in body if not row[0].empty]
    without = len(body) - len(level_rows)
    if without:
        notes.append(f"{plural(without, 'row')} without a level name left out")
    if len(level_rows) > MAX_LEVELS:
        raise ImportProblem(
            f"{where}: {len(level_rows)} level rows, more than a framework holds ({MAX_LEVELS}); "
            "if the levels are the columns, use --levels-in columns"
        )
    levels = []
    for row in level_rows:
        spec = LevelSpec(names.text(row[0]))
        if desc_col is not None and not row[desc_col].empty:
            spec.description = names.statements(row[desc_col])
        levels.append(spec)
    # A row above the header naming groups of columns (merged, or written once over its first column): areas.
    groups: list[str | None] = [None] * len(heads)
    if above is not None and any(_solid(above[i]) for i in dim_cols) and not _solid(above[0]):
        current: str | None = None
        for i in dim_cols:
            if not above[i].empty:
                current = names.text(above[i])
            groups[i] = current
        notes.append("the row above the header names groups of columns: read as areas")
    areas: list[AreaSpec] = []
    for i in dim_cols:
        if not areas or groups[i] != areas[-1].name:
            areas.append(AreaSpec(groups[i]))
        name = heads[i] or f"Column {_column_letter(i)}"
        if not heads[i]:
            notes.append(f"column {_column_letter(i)} has no header: its dimension is named {name!r}")
        cells = {}
        for index, row in enumerate(level_rows):
            texts = names.statements(row[i]) if not row[i].empty else []
            if texts:
                cells[index] = texts
        areas[-1].dims.append(DimSpec(name, cells))
    return Ladder(levels, areas, notes=notes)


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
