"""Import the ladders teams already have (Markdown tables and outlines, CSV/TSV, XLSX) as framework data.

Pure functions: the caller reads the files and passes their bytes; nothing here touches the file system, and
nothing imports Textual. openpyxl is imported only when a workbook is read, ftfy only when text has non-ASCII
characters, pydantic only to check the result.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ladder_tui.core.importer._model import ImportProblem, Ladder
from ladder_tui.core.importer._text import Decoded, control_character, decode, key
from ladder_tui.core.text import plural

if TYPE_CHECKING:
    from ladder_tui.core.importer._markdown import MdDoc
    from ladder_tui.core.importer._outline import OutlineStats

__all__ = ["FORMATS", "ImportProblem", "ImportResult", "import_ladder"]

FORMATS = ("markdown", "csv", "xlsx")
LEVELS_IN = ("columns", "rows", "outer", "inner")

_MARKDOWN_EXT = (".md", ".markdown", ".mdown", ".mkd", ".mkdn")
_CSV_EXT = (".csv", ".tsv", ".tab")
_XLSX_EXT = (".xlsx", ".xlsm")
#: Formats people may try, and what to say about them.
_REFUSED_EXT = {
    ".xls": "an old binary Excel workbook (.xls); save it as .xlsx or CSV",
    ".ods": "an OpenDocument spreadsheet; save it as .xlsx or CSV",
    ".json": "JSON",
    ".yaml": "YAML",
    ".yml": "YAML",
    ".toml": "TOML (a framework file is validated with `ladder-tui frameworks validate`, not imported)",
    ".docx": "a Word document; save it as Markdown, or copy its table into a spreadsheet",
    ".pdf": "a PDF",
    ".html": "HTML",
    ".htm": "HTML",
}
_READS = "it reads Markdown tables and outlines, CSV/TSV and XLSX"
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


@dataclass(frozen=True)
class ImportResult:
    """Framework data as a framework TOML file holds it, what the import understood, and the framework's id."""

    data: dict[str, Any]
    report: list[str]
    framework_id: str


def _ext(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1].lower()
    return base[base.rfind(".") :] if "." in base else ""


def _guess_format(name: str, raw: bytes) -> tuple[str, str]:
    """The format of one file and why: from its name, else from its content."""
    ext = _ext(name)
    if ext in _MARKDOWN_EXT:
        return "markdown", f"from the name {ext}"
    if ext in _CSV_EXT:
        return "csv", f"from the name {ext}"
    if ext in _XLSX_EXT:
        return "xlsx", f"from the name {ext}"
    if ext in _REFUSED_EXT:
        raise ImportProblem(f"{name}: {_REFUSED_EXT[ext]}, which the importer does not read ({_READS})")
    if raw.startswith(b"PK\x03\x04"):
        return "xlsx", "from the content: a zip archive"
    from ladder_tui.core.importer import _delimited, _markdown

    text = decode(raw[:200_000]).text
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")) and stripped.rstrip().endswith(("}", "]")):
        raise ImportProblem(f"{name}: looks like JSON, which the importer does not read ({_READS})")
    doc = _markdown.parse(text)
    if doc.tables or any(isinstance(b, _markdown.Heading) for b in doc.blocks):
        return "markdown", "from the content: it has Markdown tables or headings"
    if _delimited.looks_delimited(text):
        return "csv", "from the content: its lines split evenly at a delimiter"
    return "markdown", "from the content (neither a table nor delimited lines were seen)"


def import_ladder(
    sources: Sequence[tuple[str, bytes]],
    *,
    fmt: str | None = None,
    sheet: str | None = None,
    levels_in: str | None = None,
    framework_id: str | None = None,
    name: str | None = None,
    today: datetime.date,
) -> ImportResult:
    """Read one or more documents as one framework; raise ImportProblem (one line) when they hold no ladder.

    `sources`: (the name to show, such as the path given; the file's bytes). `fmt`: "markdown", "csv",
    "xlsx", or None to guess from the name and the content. `levels_in`: for tables "columns" or "rows", for
    outlines "outer" (level headings hold the others) or "inner" (level headings sit innermost); None detects.
    """
    if not sources:
        raise ImportProblem("no file to import")
    where = ", ".join(source_name for source_name, _ in sources)
    if fmt is not None and fmt not in FORMATS:
        raise ImportProblem(f"--format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if levels_in is not None and levels_in not in LEVELS_IN:
        raise ImportProblem(f"--levels-in {levels_in!r}: choose columns or rows (tables), outer or inner (outlines)")
    if framework_id is not None and (not _ID.match(framework_id) or len(framework_id) > 64):
        raise ImportProblem(
            f"--id {framework_id!r}: an id is lowercase letters, digits, '-' and '_', starting with a letter or digit"
        )
    if name is not None and not name.strip():
        raise ImportProblem("--name: give a name with some text")
    if fmt is None:
        guesses = [(_guess_format(n, raw), n) for n, raw in sources]
        kinds = {g[0][0] for g in guesses}
        if len(kinds) > 1:
            shown = ", ".join(f"{n} is {g[0]}" for g, n in guesses)
            raise ImportProblem(f"{where}: give files of one format ({shown})")
        fmt = guesses[0][0][0]
        fmt_line = f"format: {_FORMAT_NAMES[fmt]} (guessed {guesses[0][0][1]}; --format to change)"
    else:
        fmt_line = f"format: {_FORMAT_NAMES[fmt]} (as asked with --format)"
    if fmt == "xlsx":
        ladder, read_lines = _read_xlsx(sources, sheet, levels_in, where)
    else:
        if sheet is not None:
            raise ImportProblem(f"--sheet {sheet!r}: only an XLSX workbook has sheets")
        decoded = [(n, decode(raw)) for n, raw in sources]
        for source_name, source in decoded:
            control = control_character(source.text)
            if control is not None:
                raise ImportProblem(
                    f"{source_name}: binary data, not a text document (control characters such as {control}), "
                    f"which the importer does not read ({_READS})"
                )
        read_lines = [_read_line(n, d) for n, d in decoded]
        read = _read_csv if fmt == "csv" else _read_markdown
        ladder = read(decoded, levels_in, where)
    from ladder_tui.core.importer._build import build

    data, report, fid = build(
        ladder,
        files=[n for n, _ in sources],
        where=where,
        head=[*read_lines, fmt_line],
        framework_id=framework_id,
        name=name,
        today=today,
    )
    return ImportResult(data, report, fid)


_FORMAT_NAMES = {"markdown": "Markdown", "csv": "CSV/TSV", "xlsx": "XLSX"}


def _read_line(name: str, decoded: Decoded) -> str:
    crlf = ", CRLF line ends" if decoded.crlf else ""
    return f"read {name} ({decoded.encoding}{crlf})"


def _table_levels(levels_in: str | None, where: str) -> str | None:
    if levels_in in ("outer", "inner"):
        raise ImportProblem(
            f"--levels-in {levels_in}: applies to headings and bullets; for a table use columns or rows"
        )
    return levels_in


def _merge(ladders: list[tuple[str, Ladder]], where: str) -> Ladder:
    if len(ladders) == 1:
        return ladders[0][1]
    from ladder_tui.core.importer._table import merge_tables

    merged = merge_tables(ladders, where)
    merged.notes.append(f"{len(ladders)} tables with the same levels: each is an area, named after its title")
    return merged


def _read_csv(decoded: list[tuple[str, Decoded]], levels_in: str | None, where: str) -> Ladder:
    from ladder_tui.core.importer import _delimited
    from ladder_tui.core.importer._table import read_grid

    levels_in = _table_levels(levels_in, where)
    ladders = []
    for n, d in decoded:
        grid, how = _delimited.read(d.text, n, _ext(n) in (".tsv", ".tab"))
        _refuse_marks_only(grid, n)
        ladder = read_grid(grid, levels_in=levels_in, where=n)
        ladder.notes.insert(0, how)
        if ladder.title is None and len(decoded) > 1:
            ladder.title = _stem(n)
        ladders.append((n, ladder))
    return _merge(ladders, where)


def _read_xlsx(
    sources: Sequence[tuple[str, bytes]], sheet: str | None, levels_in: str | None, where: str
) -> tuple[Ladder, list[str]]:
    from ladder_tui.core.importer import _xlsx
    from ladder_tui.core.importer._table import read_grid

    levels_in = _table_levels(levels_in, where)
    ladders = []
    lines = []
    for n, raw in sources:
        grid, notes = _xlsx.read(raw, n, sheet)
        _refuse_marks_only(grid, n)
        lines.append(f"read {n} (XLSX workbook, {notes[0]})")
        ladder = read_grid(grid, levels_in=levels_in, where=n)
        ladder.notes[1:1] = notes[1:]
        if ladder.title is None and len(sources) > 1:
            ladder.title = _stem(n)
        ladders.append((n, ladder))
    return _merge(ladders, where), lines


def _stem(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[0] if "." in base else base


def _read_markdown(decoded: list[tuple[str, Decoded]], levels_in: str | None, where: str) -> Ladder:
    from ladder_tui.core.importer import _markdown, _outline

    docs = [(n, _markdown.parse(d.text)) for n, d in decoded]
    if levels_in in ("columns", "rows") and not any(doc.tables for _, doc in docs):
        raise ImportProblem(
            f"--levels-in {levels_in}: {where} has no Markdown table; for headings and bullets use --levels-in "
            "outer or inner"
        )
    table: Ladder | None = None
    table_problem: ImportProblem | None = None
    if levels_in in (None, "columns", "rows") and any(doc.tables for _, doc in docs):
        try:
            per_file = []
            for n, doc in docs:
                if not doc.tables:
                    raise ImportProblem(f"{n}: has no table, unlike the other files")
                per_file.append((n, _markdown_tables(n, doc, levels_in)))
            table = _merge(per_file, where) if len(per_file) > 1 else per_file[0][1]
        except ImportProblem as exc:
            table_problem = exc
    outline: Ladder | None = None
    outline_problem: ImportProblem | None = None
    if levels_in in (None, "outer", "inner"):
        stats = _outline.OutlineStats()
        outline = _outline.read(docs, levels_in=levels_in, stats=stats, doc_name=_stem(docs[0][0]))
        if outline is not None:
            outline.notes.extend(_outline_notes(docs, stats))
            filled, cells = _filled(outline)
            if levels_in is None and cells and filled * 3 < cells * 2:
                # A guessed reading whose grid is mostly holes is not a ladder (step names, an FAQ, a README).
                levels = ", ".join(level.name for level in outline.levels[:4])
                outline_problem = ImportProblem(
                    f"{where}: read as levels, the headings ({levels}{', ...' if len(outline.levels) > 4 else ''}) but "
                    f"what sits under them changes from level to level (only {filled} of {cells} level and "
                    "dimension pairs have text), so no ladder grid was found; --levels-in outer or inner imports "
                    "such a reading anyway"
                )
                outline = None
    candidates = [c for c in (table, outline) if c is not None and _usable(c)]
    if not candidates:
        if outline_problem is not None:
            raise outline_problem
        if table_problem is not None:
            raise table_problem
        if levels_in in ("outer", "inner"):
            raise ImportProblem(f"{where}: no headings naming at least two levels found (with --levels-in {levels_in})")
        raise ImportProblem(
            f"{where}: no Markdown table and no headings naming at least two levels found (looked for a pipe table "
            "with a header row, or level headings with bullets under them)"
        )
    best = max(candidates, key=lambda c: c.statement_chars())
    if best is table:
        best.notes.insert(0, "read the Markdown table" + ("s" if len(docs) > 1 else ""))
        if outline is not None and _usable(outline):
            best.notes.append("the headings and bullets hold less text than the table and were left out")
    else:
        best.notes.insert(0, "read the headings and bullets (an outline)")
        if table is not None and _usable(table):
            best.notes.append("a table holds less text than the headings and bullets and was left out")
    markup = sum(doc.markup.links for _, doc in docs)
    if markup:
        best.notes.append(f"{markup} Markdown links were reduced to their text")
    images = sum(doc.markup.images for _, doc in docs)
    if images:
        best.notes.append(f"{plural(images, 'image')} left out")
    return best


def _filled(ladder: Ladder) -> tuple[int, int]:
    """How many (dimension, level) pairs have text, of how many."""
    dims = [dim for area in ladder.areas for dim in area.dims if any(dim.cells.values())]
    filled = sum(1 for dim in dims for texts in dim.cells.values() if texts)
    return filled, len(dims) * len(ladder.levels)


def _usable(ladder: Ladder) -> bool:
    return len(ladder.levels) >= 2 and any(any(dim.cells.values()) for area in ladder.areas for dim in area.dims)


def _markdown_tables(name: str, doc: MdDoc, levels_in: str | None) -> Ladder:
    """The document's main table, with the other tables that have the same levels as further areas."""
    from ladder_tui.core.importer._markdown import Heading, Table
    from ladder_tui.core.importer._table import read_grid

    readings: list[tuple[Table, Ladder]] = []
    first_problem: ImportProblem | None = None
    navigation = 0
    for table in doc.tables:
        if _navigation_table(table.grid):
            navigation += 1
            continue
        try:
            ladder = read_grid(table.grid, levels_in=levels_in, where=f"{name}:{table.line}", header_known=True)
        except ImportProblem as exc:
            first_problem = first_problem or exc
            continue
        ladder.notes[1:1] = table.notes
        readings.append((table, ladder))
    if readings and all(len(lad.levels) < 2 for _, lad in readings):
        lone = readings[0][1].levels
        found = f"only one level ({lone[0].name!r})" if lone else "no levels"
        raise ImportProblem(f"{name}: found {found} in its table; a ladder needs at least two")
    readings = [(t, lad) for t, lad in readings if len(lad.levels) >= 2]
    if not readings:
        if first_problem is None:
            raise ImportProblem(f"{name}: its tables hold links and marks (yes, no, ticks, numbers), not descriptions")
        raise first_problem
    main_table, main = max(readings, key=lambda r: r[1].statement_chars())
    if navigation:
        main.notes.append(f"{plural(navigation, 'table')} of links and marks (navigation) left out")
    level_keys = [key(level.name) for level in main.levels]
    group = [(t, lad) for t, lad in readings if [key(level.name) for level in lad.levels] == level_keys]
    title = doc.front_title
    if len(group) == 1:
        main.title = title or main_table.heading
        others = len(readings) - 1
        if others:
            main.notes.append(f"{plural(others, 'other table')} (with other levels) left out")
        return main
    from ladder_tui.core.importer._table import merge_tables

    headings = [t.heading or f"Table at line {t.line}" for t, _ in group]
    for (_, lad), heading in zip(group, headings, strict=True):
        lad.title = heading
    merged = merge_tables([(h, lad) for h, (_, lad) in zip(headings, group, strict=True)], name)
    first_heading = next((b.text for b in doc.blocks if isinstance(b, Heading) and b.depth == 1), None)
    merged.title = title or (first_heading if first_heading not in headings else None)
    merged.notes.append(f"{len(group)} tables with the same levels: each is an area, named after the heading above it")
    if len(readings) > len(group):
        merged.notes.append(f"{plural(len(readings) - len(group), 'other table')} (with other levels) left out")
    return merged


#: A cell that marks rather than describes: yes/no, a tick or a cross, a number.
_MARK = re.compile(r"^(?:yes|no|y|n|x|true|false|[✓✔✗✘☑☐•*+-]|\d+(?:[.,]\d+)?%?)?$", re.IGNORECASE)


def _refuse_marks_only(grid: Any, name: str) -> None:
    """A sheet of yes/no, ticks or numbers (a checklist, a scores table) is no ladder, whatever its format."""
    if _navigation_table(grid):
        raise ImportProblem(f"{name}: its table holds links and marks (yes, no, ticks, numbers), not descriptions")


def _navigation_table(grid: Any) -> bool:
    """A table whose cells past the first column are mostly links or marks (Yes, No, a tick, a number)."""
    cells = [cell for row in grid[1:] for cell in row[1:] if not cell.empty]
    if not cells:
        return False
    marks = sum(1 for cell in cells if cell.link or _MARK.match(cell.text))
    return marks * 2 > len(cells)


def _outline_notes(docs: Sequence[tuple[str, MdDoc]], stats: OutlineStats) -> list[str]:
    notes = []
    if stats.inferred_depths:
        notes.append(
            "the headings carry no '#' depth (a web copy's 'Title #'): their nesting was worked out from which "
            "headings hold bullets"
        )
    skipped: dict[str, int] = {}
    for _, doc in docs:
        for kind, count in doc.skipped.items():
            skipped[kind] = skipped.get(kind, 0) + count
    if skipped.get("template"):
        notes.append(
            f"{plural(skipped['template'], 'unresolved template line')} ({{{{% include %}}}} and the like) left out "
            "(the text they include is not in the file)"
        )
    if skipped.get("html"):
        notes.append(f"{plural(skipped['html'], 'line')} of HTML left out")
    if skipped.get("code"):
        notes.append(f"{plural(skipped['code'], 'line')} of code blocks left out")
    if stats.navigation:
        notes.append(f"{plural(stats.navigation, 'list item')} with nothing but a link (navigation) left out")
    if stats.flattened:
        notes.append(f"{plural(stats.flattened, 'nested list item')} read as statements of their own")
    if stats.inline_labels:
        notes.append(f"{plural(stats.inline_labels, 'list item')} of the form 'Label: text' read as dimension 'Label'")
    if stats.empty_sections:
        names = [f"{n!r}" + (f" ({c}x)" if c > 1 else "") for n, c in stats.empty_sections.most_common(5)]
        notes.append(f"headings with no text of their own were left out: {', '.join(names)}")
    return notes
