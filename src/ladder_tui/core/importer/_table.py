"""A grid of cells (a Markdown table, a CSV file, an XLSX sheet) as a ladder."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from ladder_tui.core.importer._model import AreaSpec, Cell, DimSpec, Grid, ImportProblem, Ladder, LevelSpec
from ladder_tui.core.importer._text import (
    MARK_HEADER_WORDS,
    METADATA_WORDS,
    fold,
    is_mark,
    key,
    level_like,
    mark_header,
    metadata_name,
    statements,
    words,
)
from ladder_tui.core.presentation.text import plural

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
    responsibilities competence competences subskill sub-skill subcategory sub-category group groups section
    sections quality qualities
    focus requirement requirements"""
)
AREA_WORDS = words(
    "area areas category categories group groups pillar pillars theme themes domain domains section sections "
    "family cluster"
)
DESCRIPTION_WORDS = words("description descriptions definition definitions summary about meaning overview details")
#: What a row or column says about the levels themselves rather than a skill: left out (a title, years of
#: experience, a promotion's approver), or read as the levels' descriptions (a summary).
LEVEL_META_WORDS = words(
    """title titles name names label job years year experience typical tenure salary compensation pay time
    approver approval approved promotion promotions reports span headcount"""
)
LEVEL_SUMMARY_WORDS = words("summary summaries overview definition in short level scope-summary")
#: Headers of columns beside the levels that are not levels (notes, examples, evidence, a score, an owner).
NOT_LEVEL_COLUMN_WORDS = words(
    """notes note comments comment examples example evidence resources resource links link how tips tip owner
    owners updated last reviewed review weight weights score scores self manager status source sources references
    related tools see more next remarks"""
)
#: Cells that stand for "nothing here" rather than a statement.
PLACEHOLDERS = frozenset({"-", "–", "—", "n/a", "na", "n.a.", "tbd", "tbc", "none", "nil", "…", "...", "?"})
#: The header of a column of statements in a table with one row per dimension and level.
TEXT_WORDS = words(
    """description descriptor descriptors statement statements criteria criterion behaviour behaviours behavior
    behaviors expectation expectations indicator indicators text details evidence example examples"""
)

MAX_LEVELS = 50


def first_word(text: str) -> str:
    # Accents do not matter ("Compétence" is "competence"): the letters without their combining marks.
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", key(text)) if not unicodedata.combining(ch))
    words = re.findall(r"[a-z][a-z-]*", plain)
    return words[0] if words else ""


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


class Names:
    """Names and statements of cells, whitespace folded (mojibake is repaired later, in one place)."""

    def __init__(self) -> None:
        #: Cells that held only a placeholder ("–", "N/A", "TBD"), read as empty.
        self.placeholders = 0

    def text(self, cell: Cell) -> str:
        return fold(cell.text)

    def statements(self, cell: Cell) -> list[str]:
        found = statements(cell.lines)
        kept = [text for text in found if text.casefold() not in PLACEHOLDERS]
        if found and not kept:
            self.placeholders += 1
        return kept


def _area_label(text: str) -> str | None:
    """The area a title row names: "Area: Customer Care", "Category - Teamwork"."""
    head, colon, rest = text.partition(":")
    if not colon:
        head, colon, rest = text.partition(" - ")
    if colon and len(head.split()) == 1 and first_word(head) in AREA_WORDS and rest.strip():
        return rest.strip()
    return None


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
    names = Names()
    notes: list[str] = []
    rows = [row for row in grid if any(not cell.empty for cell in row)]
    if not rows:
        raise ImportProblem(f"{where}: the table is empty")
    width = max(len(row) for row in rows)
    rows = [row + [Cell([]) for _ in range(width - len(row))] for row in rows]
    title: str | None = None
    group: str | None = None
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
        group = next((named for named in map(_area_label, titles) if named), None)
        if titles:
            # Instructions above the table ("Instructions: for each row, mark...") are no title.
            title = next((t for t in titles if not _note_row(t)), None)
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
    if any(cell.merged for cell in header):
        header, heads, body, above_header = _fold_groups(header, heads, body, above_header, names, notes)
    marks = _mark_columns(heads, body)
    if marks and len(marks) < len(heads) - 1:
        shown = ", ".join(repr(heads[i] or column_letter(i)) for i in marks[:5]) + (" ..." if len(marks) > 5 else "")
        notes.append(
            f"{plural(len(marks), 'column')} of scores, answers or formulas beside the text left out ({shown})"
        )
        kept = [i for i in range(len(heads)) if i not in marks]
        header = [header[i] for i in kept]
        heads = [heads[i] for i in kept]
        body = [[row[i] for i in kept] for row in body]
        if above_header is not None:
            above_header = [above_header[i] for i in kept]
    if len(heads) < 2:
        raise ImportProblem(
            f"{where}: the table has only one column (looked for a column per level, or a row per level)"
        )
    long = _long_format(heads, body, names) if levels_in is None else None
    if long is not None:
        long.title = title
        long.notes[:0] = notes
        return long
    if levels_in is None and _levels_only(heads, body, names):
        ladder = _one_dimension(heads, body, names, notes)
        ladder.title = title
        ladder.group = group
        return ladder
    orientation, reason = _orientation(heads, body, names, levels_in)
    if reason.startswith("guessed: the usual layout"):
        # Nothing says where the levels are: the column headers must then look like levels themselves, or this
        # is some other table (a comparison, translations, a roadmap, an org chart), not a ladder.
        candidates = [head for head in heads[_label_end(heads) :] if head]
        meta = sum(1 for head in candidates if metadata_name(head)) * 2 >= len(
            candidates
        )  # said better by the plausibility check
        if not meta and sum(1 for head in candidates if level_like(head)) * 2 <= len(candidates):
            shown = ", ".join(repr(head) for head in candidates[:4]) + (", ..." if len(candidates) > 4 else "")
            raise ImportProblem(
                f"{where}: no levels found: the column headers ({shown}) are not named like levels, and no header "
                "says where the levels are ('Level', 'Skill', 'Competency'); --levels-in columns or rows reads it "
                "as a ladder anyway"
            )
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


def _fold_groups(
    header: list[Cell], heads: list[str], body: Grid, above: list[Cell] | None, names: Names, notes: list[str]
) -> tuple[list[Cell], list[str], Grid, list[Cell] | None]:
    """A header cell spanning several columns (a level over "Behaviours | Examples"): its first column holds the
    level's descriptor; the others are kept as statements marked with their sub-header (a row right under the
    header naming them), or left out and said when they have none. Nothing is merged silently."""
    groups: list[list[int]] = []
    for i, cell in enumerate(header):
        if groups and cell.merged and heads[i] == heads[groups[-1][0]]:
            groups[-1].append(i)
        else:
            groups.append([i])
    if all(len(group) == 1 for group in groups):
        return header, heads, body, above
    if _area_groups(header, heads, groups, body, names):
        # "Level" over two header rows, areas spanning their dimensions, a level per row below: the second row is
        # the header, the first names the areas.
        notes.append("the header's first row names groups of columns: the second row is the header")
        return body[0], [names.text(cell) for cell in body[0]], body[1:], header
    sub: list[str] | None = None
    if body:
        first = [names.text(cell) for cell in body[0]]
        wide = [group for group in groups if len(group) > 1]
        if all(all(first[i] and len(first[i].split()) <= 4 for i in group) for group in wide):
            sub = first
            body = body[1:]
    kept: list[int] = []
    folded = left = 0
    new_body: Grid = [list(row) for row in body]
    for group in groups:
        lead = group[0]
        kept.append(lead)
        for extra in group[1:]:
            for r, row in enumerate(body):
                cell = row[extra]
                if cell.empty or cell.merged or is_mark(cell.text):
                    continue
                if sub is not None and sub[extra]:
                    marked = [f"{sub[extra]}: {text}" for text in names.statements(cell)]
                    target = new_body[r][lead]
                    new_body[r][lead] = Cell(target.lines + marked, bold=target.bold, link=target.link)
                    folded += 1
                else:
                    left += 1
    if sub is not None:
        labels = sorted({sub[i] for group in groups for i in group[1:] if sub[i]})
        notes.append(
            f"each level's header spans several columns ({', '.join(repr(sub[g[0]]) for g in groups[:1])} first): "
            f"the first holds the descriptor; {plural(folded, 'cell')} of the others kept as statements marked "
            f"{', '.join(repr(label) for label in labels[:3])}"
        )
    if left:
        notes.append(
            f"{plural(left, 'cell')} in the further columns under a level's header (no sub-header names them) "
            "left out: the first column under each level holds its descriptor"
        )
    header = [header[i] for i in kept]
    heads = [heads[i] for i in kept]
    body = [[row[i] for i in kept] for row in new_body]
    if above is not None:
        above = [above[i] for i in kept]
    return header, heads, body, above


def _area_groups(header: list[Cell], heads: list[str], groups: list[list[int]], body: Grid, names: Names) -> bool:
    """A header row of areas over a row of dimensions, with the levels down the first column: the first header
    cell spans both rows ("Level"), the spanning cells are not named like levels, the first column's are."""
    if len(body) < 3 or not body[0][0].merged or names.text(body[0][0]) != heads[0]:
        return False
    wide = [heads[group[0]] for group in groups[1:] if len(group) > 1]
    firsts = [names.text(row[0]) for row in body[1:] if not row[0].empty]
    return (
        bool(wide)
        and not any(level_like(name) for name in wide)
        and sum(1 for name in firsts if level_like(name)) * 2 > len(firsts)
        and all(_solid(cell) for cell in body[0][1:])
    )


#: Last words of a header that name a column of keys or order, not of names ("level_order", "statement_id").
_KEY_WORDS = frozenset({"order", "id", "ids", "sort", "index", "number", "no", "key", "slug", "uuid", "position"})


def _head_word(head: str) -> str:
    """The word a header is about, read from its end as English and a database name it ("competency_area" is an
    area, "level_name" a level, "level_order" nothing to read); its first word when that says nothing."""
    found = re.findall(r"[a-z]+", key(head).replace("_", " "))
    while len(found) > 1 and found[-1] in ("name", "title", "label", "text"):
        found.pop()
    if found and found[-1] in _KEY_WORDS:
        return ""
    return found[-1] if len(found) > 1 else first_word(head)


def _long_format(heads: list[str], body: Grid, names: Names) -> Ladder | None:
    """A table with one row per dimension and level ("Area, Skill, Level, Description", an export of a database
    or a form): a column of level names that repeat, a column of dimension names, a column of statements. Pivoted:
    the levels in the order they first appear (numbers in order), the dimensions as they first appear."""
    words_of = [_head_word(head) for head in heads]
    level_col = next((i for i, word in enumerate(words_of) if word in ROW_WORDS), None)
    dim_col = next(
        (i for i, word in enumerate(words_of) if word in COLUMN_WORDS and word not in AREA_WORDS and i != level_col),
        None,
    )
    if dim_col is None and words_of and words_of[0] in ("name", "title") and level_col != 0:
        dim_col = 0  # a database export's first column ("Name") names each row: here, the dimension
    text_col = next(
        (i for i, word in enumerate(words_of) if word in TEXT_WORDS and i not in (level_col, dim_col)), None
    )
    if level_col is None or dim_col is None or text_col is None:
        return None
    area_col = next(
        (i for i, word in enumerate(words_of) if word in AREA_WORDS and i not in (level_col, dim_col, text_col)), None
    )
    rows = [row for row in body if not row[level_col].empty and not row[text_col].empty]
    level_names = [names.text(row[level_col]) for row in rows]
    distinct = list(dict.fromkeys(level_names))
    if len(distinct) < 2 or len(distinct) * 2 > len(rows):
        return None  # the level column's values do not repeat: not one row per dimension and level
    if all(re.fullmatch(r"\d+(?:\.\d+)?", name) for name in distinct):
        distinct.sort(key=float)
    index = {name: i for i, name in enumerate(distinct)}
    areas: dict[str | None, AreaSpec] = {}
    dims: dict[tuple[str | None, str], DimSpec] = {}
    current_area: str | None = None
    current_dim = current_level = ""
    for row in body:
        if area_col is not None and not row[area_col].empty:
            current_area = names.text(row[area_col])
        if not row[dim_col].empty:
            current_dim = names.text(row[dim_col])
            current_level = ""
        if not row[level_col].empty:
            current_level = names.text(row[level_col])
        # A row with no level of its own continues the level above (a second statement under "Senior").
        if not current_level or row[text_col].empty or not current_dim:
            continue
        key = (current_area, current_dim)
        if key not in dims:
            dims[key] = DimSpec(current_dim)
            areas.setdefault(current_area, AreaSpec(current_area)).dims.append(dims[key])
        level = index[current_level]
        dims[key].cells.setdefault(level, []).extend(names.statements(row[text_col]))
    left = [heads[i] for i in range(len(heads)) if i not in (level_col, dim_col, text_col, area_col) and heads[i]]
    notes = [
        f"one row per dimension and level (the columns {heads[dim_col]!r}, {heads[level_col]!r} and "
        f"{heads[text_col]!r}): read as a grid of {plural(len(dims), 'dimension')} by {plural(len(distinct), 'level')}"
    ]
    if area_col is not None:
        notes.append(f"areas from the column {heads[area_col]!r}")
    if left:
        notes.append(f"other columns left out: {', '.join(repr(h) for h in left[:5])}")
    return Ladder([LevelSpec(name) for name in distinct], list(areas.values()), notes=notes)


def _mark_columns(heads: list[str], body: Grid) -> list[int]:
    """Columns whose cells score, answer or compute (0/1/2, Yes/Somewhat/Nope, a formula's result) or are left to
    fill in, rather than describe: under a header that is empty, a number, an answer or a metadata word ("Score",
    "Answer"), a question ("Do you?"), or the level beside it with words added ("Senior – you?", "Senior score")."""
    out: list[int] = []
    for i, head in enumerate(heads):
        if i == 0:
            continue
        cells = [row[i].text for row in body if not row[i].empty and not row[i].merged]
        if cells and sum(1 for text in cells if is_mark(text)) * 4 < len(cells) * 3:
            continue
        previous = fold(heads[i - 1]).casefold()
        folded = fold(head).casefold()
        answers_beside = bool(previous) and folded.startswith(previous) and len(folded) > len(previous)
        if (head and (mark_header(head) or folded.endswith("?") or answers_beside)) or (
            cells and (not head or is_mark(head))
        ):
            out.append(i)
    return out


def _levels_only(heads: list[str], body: Grid, names: Names) -> bool:
    """Every header cell names a level, the first too: the rows are statements, not dimensions (an assessment sheet
    of one competency, an HTML table of one competency with a list per level)."""
    if first_word(heads[0]) in ROW_WORDS or first_word(heads[0]) in COLUMN_WORDS or not level_like(heads[0]):
        return False
    if sum(1 for head in heads if level_like(head)) * 4 < len(heads) * 3:
        return False
    firsts = [names.text(row[0]) for row in body if not row[0].empty]
    # Dimension names are short; statements are sentences.
    long = sum(1 for text in firsts if len(text.split()) > 6 or text.endswith((".", "!")))
    return not firsts or long * 2 >= len(firsts)


def _one_dimension(heads: list[str], body: Grid, names: Names, notes: list[str]) -> Ladder:
    """A table whose columns are the levels and whose cells are statements of one dimension (named by the caller
    after the table's heading or sheet)."""
    levels = [LevelSpec(head) for head in heads]
    cells: dict[int, list[str]] = {}
    label_rows = 0
    for row in body:
        texts = [names.text(cell) for cell in row if not cell.empty and not cell.merged]
        if len(texts) >= 2 and len(set(texts)) == 1 and len(texts[0].split()) <= 6:
            label_rows += 1  # "Level result" under every level: a row of labels (and formulas), not statements
            continue
        if len(texts) == 1 and _label_row(texts[0]):
            label_rows += 1  # "Level result" with its formula beside it (the formula's column left out)
            continue
        for index, cell in enumerate(row):
            if not cell.empty and not cell.merged:
                cells.setdefault(index, []).extend(names.statements(cell))
    if label_rows:
        notes.append(f"{plural(label_rows, 'row')} naming the same thing under every level left out (labels, results)")
    notes.append("every header cell names a level: the rows are the statements of one dimension")
    return Ladder(levels, [AreaSpec(None, [DimSpec("", cells)])], notes=notes)


def _label_row(text: str) -> bool:
    """A row's lone text that labels a result rather than stating a behaviour ("Level result", "Total score")."""
    parts = re.findall(r"[a-z]+", text.casefold())
    return (
        0 < len(parts) <= 4
        and not text.rstrip().endswith((".", "!"))
        and any(part in MARK_HEADER_WORDS or part in METADATA_WORDS for part in parts)
    )


def one_dimension(ladder: Ladder) -> bool:
    """Whether a table was read as the statements of one dimension, to be named after the table."""
    return len(ladder.areas) == 1 and ladder.areas[0].name is None and [d.name for d in ladder.areas[0].dims] == [""]


def _orientation(heads: list[str], body: Grid, names: Names, levels_in: str | None) -> tuple[str, str]:
    if levels_in in ("columns", "rows"):
        return levels_in, "as asked with --levels-in"
    first = first_word(heads[0])
    label_end = _label_end(heads)
    level_heads = heads[label_end:]
    firsts = [names.text(row[0]) for row in body if not row[0].empty and not row[0].merged]
    heads_like = sum(1 for h in level_heads if level_like(h)) / len(level_heads) if level_heads else 0.0
    firsts_like = sum(1 for f in firsts if level_like(f)) / len(firsts) if firsts else 0.0
    if first in ROW_WORDS:
        # "| Level | IC1 | IC2 |": the word names the header row of levels, not a column of them.
        if heads_like >= 0.6 and firsts_like < 0.3:
            return "columns", f"guessed: the header's cells are named like levels (its first, {heads[0]!r}, names them)"
        return "rows", f"guessed from the header {heads[0]!r}"
    if first in COLUMN_WORDS:
        if firsts_like >= 0.6 and heads_like < 0.3:
            return "rows", f"guessed: the first column's cells are named like levels (under {heads[0]!r})"
        return "columns", f"guessed from the header {heads[0]!r}"
    if heads_like > 0.5:
        return "columns", "guessed: the header's cells are named like levels"
    if firsts_like > 0.5:
        return "rows", "guessed: the first column's cells are named like levels"
    return "columns", "guessed: the usual layout, with one column per level"


def _label_header(text: str) -> bool:
    word = first_word(text)
    return word in COLUMN_WORDS or word in AREA_WORDS or word in DESCRIPTION_WORDS


def _label_end(heads: Sequence[str]) -> int:
    """How many leading columns hold names (area, dimension, description) rather than levels."""
    end = 1
    while end < len(heads) - 1 and (not heads[end] or _label_header(heads[end])) and not level_like(heads[end]):
        end += 1
    return end


def _last_word(text: str) -> str:
    found = re.findall(r"[a-z][a-z-]*", key(text))
    return found[-1] if found else ""


def _not_a_level_column(head: str, cells: list[Cell], others: Sequence[str] = ()) -> bool:
    """A column beside the levels that is none: notes, examples, evidence, a score, an owner, a date; or empty."""
    word = first_word(head)
    if (word in NOT_LEVEL_COLUMN_WORDS or word in LEVEL_META_WORDS or mark_header(head)) and not level_like(head):
        return True
    last = _last_word(head)
    if last in NOT_LEVEL_COLUMN_WORDS and sum(1 for other in others if _last_word(other) == last) < 2:
        return True  # "Manager comments", "Peer feedback notes": named by what they hold, unlike the levels
    filled = [cell for cell in cells if not cell.empty]
    return not filled or all(is_mark(cell.text) for cell in filled)


def _edge_columns(heads: list[str], body: Grid, level_cols: list[int], notes: list[str]) -> list[int]:
    """The level columns without the columns at either end that are not levels ("Owner", "Last updated" before
    them; "Notes", "Examples", "How to grow", "Evidence" after them)."""
    kept = list(level_cols)
    dropped: list[str] = []
    others = [heads[i] for i in level_cols]
    while len(kept) > 2 and _not_a_level_column(heads[kept[-1]], [row[kept[-1]] for row in body], others):
        dropped.append(heads[kept.pop()] or column_letter(len(kept)))
    while len(kept) > 2 and _not_a_level_column(heads[kept[0]], [row[kept[0]] for row in body], others):
        dropped.append(heads[kept.pop(0)] or "(no header)")
    # Levels named like levels ("E1".."E5") beside a column that is not ("Old wording (2019)", "Comments"): the
    # odd one out at either end is something else kept beside the ladder.
    while len(kept) > 3 and all(level_like(heads[i]) for i in kept[1:-1]):
        if not level_like(heads[kept[-1]]) and level_like(heads[kept[0]]):
            dropped.append(heads[kept.pop()] or column_letter(len(kept)))
        elif not level_like(heads[kept[0]]) and level_like(heads[kept[-1]]):
            dropped.append(heads[kept.pop(0)] or "(no header)")
        else:
            break
    # Between the levels: a column of scores or answers after each ("DS1 | Rating (1-4) | DS2 | Rating (1-4)").
    repeated = {key(heads[i]) for i in level_cols if sum(1 for j in level_cols if key(heads[j]) == key(heads[i])) >= 2}
    between = [
        i
        for i in kept
        if ((mark_header(heads[i]) and not level_like(heads[i])) or key(heads[i]) in repeated)
        and all(cell.empty or is_mark(cell.text) for cell in (row[i] for row in body))
    ]
    if between and len(kept) - len(between) >= 2:
        dropped.extend(heads[i] for i in between)
        kept = [i for i in kept if i not in between]
    if dropped:
        shown = ", ".join(repr(name) for name in dict.fromkeys(dropped[:5]))
        notes.append(f"{plural(len(dropped), 'column')} beside the levels that are not levels left out: {shown}")
    return kept


def _kinds(values: list[str]) -> list[str] | None:
    """The few labels a column repeats under each dimension ("Behaviours", "Examples"), in order; None otherwise."""
    distinct = list(dict.fromkeys(value for value in values if value))
    if 2 <= len(distinct) <= 3 and len(values) >= 2 * len(distinct) and all(len(v.split()) <= 3 for v in distinct):
        return distinct
    return None


def _levels_in_columns(heads: list[str], body: Grid, names: Names, notes: list[str], where: str) -> Ladder:
    label_end = _label_end(heads)
    desc_col = next((i for i in range(1, label_end) if first_word(heads[i]) in DESCRIPTION_WORDS), None)
    name_cols = [i for i in range(label_end) if i != desc_col]
    # The area column is the one its header names so ("Competency | Area | ..." as well as "Area | Skill | ...").
    area_col: int | None = None
    if len(name_cols) >= 2:
        area_col = next((i for i in name_cols if first_word(heads[i]) in AREA_WORDS), name_cols[0])
    dim_col = next((i for i in reversed(name_cols) if i != area_col), name_cols[-1])
    level_cols = _edge_columns(heads, body, list(range(label_end, len(heads))), notes)
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
            levels.append(LevelSpec(f"Column {column_letter(i)}"))
            notes.append(f"column {column_letter(i)} has no header: its level is named 'Column {column_letter(i)}'")
    # Sub-rows under a dimension spanning them ("Empathy" over "Behaviours" and "Examples"): the first column is
    # the dimension, the second the kind of statement; the kinds after the first are kept marked.
    kinds = None
    kind_col = dim_col
    if area_col is not None and any(row[area_col].merged for row in body):
        kinds = _kinds([names.text(row[kind_col]) for row in body if not row[kind_col].empty])
    if kinds is not None:
        assert area_col is not None
        dim_col = area_col
        area_col = None
        notes.append(
            f"each dimension spans sub-rows ({', '.join(repr(k) for k in kinds)}): the first holds its descriptor, "
            "the others are kept marked"
        )
    elif area_col is not None:
        notes.append(f"areas from the column {heads[area_col] or column_letter(area_col)!r}")
    if desc_col is not None:
        notes.append(f"the column {heads[desc_col]!r} holds the dimensions' descriptions")
    if label_end - len(name_cols) - (desc_col is not None) > 0 or len(name_cols) > 2:
        notes.append("columns between the area and the dimension columns were left out")
    level_keys = [key(level.name) for level in levels]
    repeats = [row for row in body if [key(names.text(row[i])) for i in level_cols] == level_keys]
    first_area: str | None = None
    if repeats and heads[0] and first_word(heads[0]) not in COLUMN_WORDS | AREA_WORDS | ROW_WORDS:
        first_area = heads[0]  # "Customer Care | Associate | Senior": a header repeated over each area's rows
    areas: list[AreaSpec] = [AreaSpec(first_area)]
    area = areas[0]
    current_area_name: str | None = None
    joined = unnamed = bold_rows = regathered = copies = 0
    level_meta: list[str] = []
    for number, row in enumerate(body, start=2):
        level_cells = [row[i] for i in level_cols]
        solid = [cell for cell in row if _solid(cell)]
        if all(cell.empty or cell.merged for cell in level_cells) and len(solid) == 1:
            # A category row: one name and nothing else (``| **Skill** | | |``, a merged or bold row).
            areas.append(AreaSpec(names.text(solid[0])))
            area = areas[-1]
            bold_rows += solid[0].bold
            continue
        if row in repeats:
            if first_area is None and key(names.text(row[0])) == key(heads[0]):
                copies += 1  # the header again, word for word (a printout's page header, a table's footer)
                continue
            areas.append(AreaSpec(names.text(row[0]) or None))
            area = areas[-1]
            continue
        row_name = names.text(row[dim_col])
        if kinds is None and first_word(row_name) in LEVEL_META_WORDS | LEVEL_SUMMARY_WORDS:
            # "Title", "Years of experience", "Summary": about the levels, not a skill to rate.
            if first_word(row_name) in LEVEL_SUMMARY_WORDS:
                for level, cell in zip(levels, level_cells, strict=True):
                    level.description.extend(names.statements(cell))
            level_meta.append(row_name)
            continue
        if area_col is not None and not row[area_col].empty:
            area_name = names.text(row[area_col])
            if area_name != current_area_name:
                current_area_name = area_name
                # An area the column named before gathers its rows again ("Email", "Phone", "Email").
                earlier = next((spec for spec in areas if spec.name == area_name and spec.name), None)
                if earlier is not None:
                    regathered += 1
                    area = earlier
                else:
                    areas.append(AreaSpec(area_name))
                    area = areas[-1]
        description = names.text(row[desc_col]) if desc_col is not None else ""
        cells = {index: names.statements(cell) for index, cell in enumerate(level_cells) if not cell.empty}
        cells = {index: texts for index, texts in cells.items() if texts}
        kind = names.text(row[kind_col]) if kinds is not None else ""
        if kinds is not None and kind in kinds[1:]:
            cells = {index: [f"{kind}: {text}" for text in texts] for index, texts in cells.items()}
        name_cell = row[dim_col]
        if (name_cell.empty or name_cell.merged or (kinds is not None and kind in kinds[1:])) and area.dims:
            dim = area.dims[-1]
            for index, texts in cells.items():
                dim.cells.setdefault(index, []).extend(texts)
            if description:
                dim.description.append(description)
            joined += kinds is None
            continue
        if name_cell.empty:
            name = f"Row {number}"
            unnamed += 1
        else:
            name = names.text(name_cell)
        area.dims.append(DimSpec(name, cells, [description] if description else []))
    if copies:
        notes.append(f"{plural(copies, 'copy', 'copies')} of the header row among the rows left out")
    if len(repeats) > copies:
        blocks = len(repeats) - copies + 1
        notes.append(f"the header is repeated over {plural(blocks, 'block')} of rows: each block is an area")
    if level_meta:
        notes.append(
            f"{plural(len(level_meta), 'row')} about the levels themselves left out of the dimensions: "
            + ", ".join(repr(name) for name in level_meta[:5])
        )
    if regathered:
        notes.append(f"{plural(regathered, 'row')} naming an area met earlier joined that area")
    if joined:
        notes.append(f"{plural(joined, 'row')} without a dimension name joined to the dimension above")
    if unnamed:
        notes.append(
            f"{plural(unnamed, 'row')} without a dimension name and nothing above: named after the row ('Row 3')"
        )
    if bold_rows:
        notes.append(f"{plural(bold_rows, 'bold row')} with no other text read as categories (areas)")
    return Ladder(levels, areas, notes=notes)


def _note_row(text: str) -> bool:
    """A first cell that is a note rather than a level's name: a sentence, or longer than any level's name."""
    return len(text.split()) > 6 or text.rstrip().endswith((".", "?", "!"))


def _levels_in_rows(
    heads: list[str], body: Grid, above: list[Cell] | None, names: Names, notes: list[str], where: str
) -> Ladder:
    seconds = [names.text(row[1]) for row in body if len(row) > 1 and not row[1].empty] if len(heads) > 2 else []
    if (
        seconds
        and first_word(heads[1]) in ROW_WORDS
        and any(row[0].merged for row in body)
        and len(set(map(key, seconds))) == len(seconds)
    ):
        # "Band | Level | ...": a merged first column groups the levels the second names; the levels are those.
        notes.append(f"the column {heads[0]!r} groups the levels (merged over them): left out")
        heads, body = heads[1:], [row[1:] for row in body]
    label_end = 1
    kind_col: int | None = None
    # A level spanning sub-rows ("Associate" over "Behaviours" and "Examples"): the second column is the kind.
    if (
        len(heads) > 2
        and any(row[0].merged for row in body)
        and _kinds([names.text(row[1]) for row in body if not row[1].empty]) is not None
    ):
        kind_col, label_end = 1, 2
    desc_cols = [
        i for i in range(label_end, len(heads)) if first_word(heads[i]) in DESCRIPTION_WORDS | LEVEL_SUMMARY_WORDS
    ]
    meta_cols = [i for i in range(label_end, len(heads)) if first_word(heads[i]) in LEVEL_META_WORDS]
    dim_cols = [i for i in range(label_end, len(heads)) if i not in desc_cols and i not in meta_cols]
    one_dimension = not dim_cols and len(desc_cols) == 1
    if one_dimension:
        # "Level | Description": the rows are one dimension's statements (a sheet per competency).
        dim_cols, desc_cols = desc_cols, []
        notes.append(f"the levels' column {heads[dim_cols[0]]!r} holds the statements of one dimension")
    if desc_cols:
        notes.append(f"the column {heads[desc_cols[0]]!r} holds the levels' descriptions")
    if meta_cols:
        shown = ", ".join(repr(heads[i]) for i in meta_cols[:4])
        notes.append(f"{plural(len(meta_cols), 'column')} about the levels themselves left out: {shown}")
    # Rows: one per level; a row continuing a level that spans it (a merged copy of its name) joins it.
    level_rows: list[list[Cell]] = []
    groups_of_rows: list[list[list[Cell]]] = []
    results = asides = 0
    for row in body:
        if row[0].merged and groups_of_rows:
            groups_of_rows[-1].append(row)
        elif _label_row(names.text(row[0])) and all(cell.empty or is_mark(cell.text) for cell in row[1:]):
            results += 1  # "Level result" with a formula beside it: no level
        elif _note_row(names.text(row[0])) and all(cell.empty for cell in row[1:]):
            asides += 1  # "Last updated by Camille, Oct 2015. Questions? #eng-ladder": a note, not a level
        elif not row[0].empty:
            level_rows.append(row)
            groups_of_rows.append([row])
    if results:
        notes.append(f"{plural(results, 'row')} of results or totals left out")
    if asides:
        notes.append(f"{plural(asides, 'row')} holding only a note (a sentence, nothing beside it) left out")
    without = len(body) - results - asides - sum(len(group) for group in groups_of_rows)
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
        for i in desc_cols:
            if not row[i].empty:
                spec.description.extend(names.statements(row[i]))
        levels.append(spec)
    # A row above the header naming groups of columns (merged, or written once over its first column): areas.
    groups: list[str | None] = [None] * len(heads)
    if (
        above is not None
        and any(_solid(above[i]) for i in dim_cols)
        and (not _solid(above[0]) or names.text(above[0]) == heads[0])
    ):
        current: str | None = None
        for i in dim_cols:
            if not above[i].empty:
                current = names.text(above[i])
            groups[i] = current
        notes.append("the row above the header names groups of columns: read as areas")
    first_kind = names.text(groups_of_rows[0][0][kind_col]) if kind_col is not None and groups_of_rows else ""
    areas: list[AreaSpec] = []
    for i in dim_cols:
        if not areas or groups[i] != areas[-1].name:
            areas.append(AreaSpec(groups[i]))
        name = "" if one_dimension else (heads[i] or f"Column {column_letter(i)}")
        if not heads[i] and not one_dimension:
            notes.append(f"column {column_letter(i)} has no header: its dimension is named {name!r}")
        cells: dict[int, list[str]] = {}
        for index, rows in enumerate(groups_of_rows):
            for row in rows:
                # A merged copy within one level's sub-rows repeats what its first row holds already.
                repeat = row[i].merged and row is not rows[0]
                texts = names.statements(row[i]) if not row[i].empty and not repeat else []
                kind = names.text(row[kind_col]) if kind_col is not None else ""
                if kind and kind != first_kind:
                    texts = [f"{kind}: {text}" for text in texts]
                if texts:
                    cells.setdefault(index, []).extend(texts)
        areas[-1].dims.append(DimSpec(name, cells))
    if kind_col is not None:
        notes.append(f"each level spans sub-rows by {heads[kind_col]!r}: the first kind holds the descriptor")
    return Ladder(levels, areas, notes=notes)
