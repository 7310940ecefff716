"""CSV and TSV as a grid, with the csv module (quoted cells may hold line breaks and delimiters)."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter

from ladder_tui.core.importer._model import Cell, Grid, ImportProblem

DELIMITERS = {",": "comma", "\t": "tab", ";": "semicolon", "|": "pipe"}
#: Rows read at most; a framework's table is far smaller.
MAX_ROWS = 100_000
#: Cells a line may start at most, and in the whole file (checked before the csv module splits anything: one line of
#: millions of commas would otherwise be split into millions of cells at once).
MAX_COLUMNS = 1_000
MAX_CELLS = 1_000_000


def _consistency(sample: str, delimiter: str) -> tuple[int, int]:
    """How well `delimiter` splits the first rows: rows sharing the most common width, and that width."""
    try:
        rows = []
        for number, row in enumerate(csv.reader(io.StringIO(sample), delimiter=delimiter, strict=False)):
            if number >= 50:
                break
            if any(field.strip() for field in row):
                rows.append(len(row))
    except csv.Error:
        return (0, 0)
    if not rows:
        return (0, 0)
    width, count = Counter(rows).most_common(1)[0]
    return (count if width >= 2 else 0, width)


def sniff(text: str, tab_file: bool) -> tuple[str, str]:
    """The delimiter and how it was chosen."""
    if tab_file:
        return "\t", "a tab (the file's name ends in .tsv)"
    sample = text[:50_000]
    best = max(DELIMITERS, key=lambda d: _consistency(sample, d))
    if _consistency(sample, best)[0] == 0:
        return ",", "a comma (no delimiter splits the rows evenly)"
    return best, f"a {DELIMITERS[best]} (sniffed: it splits the rows into equal widths)"


def looks_delimited(text: str) -> bool:
    sample = text[:50_000]
    return any(_consistency(sample, d)[0] >= 2 for d in (",", "\t", ";"))


_SEP_LINE = re.compile(r"^sep=(.)[ \t]*(?:\n|$)")


def read(text: str, where: str, tab_file: bool) -> tuple[Grid, str]:
    hint = _SEP_LINE.match(text)
    if hint:
        # Excel's "sep=;" first line names the delimiter.
        text = text[hint.end() :]
        delimiter, how = hint.group(1), f"{hint.group(1)!r} (named by the file's 'sep=' line)"
    else:
        delimiter, how = sniff(text, tab_file)
    _bounded(text, delimiter, where)
    reached = [0]  # the last line a row ended on: where an unclosed quote starts is the line after it
    try:
        # Strict first: a quoted cell never closed would otherwise swallow every row after it into its text.
        grid = _grid(text, delimiter, where, strict=True, reached=reached)
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            raise ImportProblem(
                f'{where}: the quoted cell that starts on line {reached[0] + 1} is never closed (a missing "), '
                "so every row after it would be read as its text"
            ) from None
        # Any other complaint (a stray quote inside a cell) is what the lenient reading is for.
        try:
            grid = _grid(text, delimiter, where, strict=False, reached=reached)
        except csv.Error as lenient:
            raise ImportProblem(f"{where}: not readable as CSV ({lenient})") from None
    return grid, f"cells separated by {how}"


def _bounded(text: str, delimiter: str, where: str) -> None:
    """Refuse, in one line and before splitting, a file whose delimiters would make more cells than any ladder."""
    total = text.count(delimiter)
    if total >= MAX_CELLS:
        raise ImportProblem(
            f"{where}: {total:,} {DELIMITERS.get(delimiter, repr(delimiter))}s would make over "
            f"{MAX_CELLS:,} cells; a ladder's table is far smaller: refused"
        )
    if total < MAX_COLUMNS:
        return
    for number, line in enumerate(text.split("\n"), start=1):
        if line.count(delimiter) >= MAX_COLUMNS:
            raise ImportProblem(
                f"{where}: line {number} has over {MAX_COLUMNS:,} cells; a ladder's table has far fewer columns: "
                "refused"
            )


def _grid(text: str, delimiter: str, where: str, *, strict: bool, reached: list[int]) -> Grid:
    """The cells of every row; `reached[0]` follows the line the last whole row ended on."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=strict)
    grid: Grid = []
    for row in reader:
        if len(grid) >= MAX_ROWS:
            raise ImportProblem(f"{where}: more than {MAX_ROWS} rows; a ladder's table is far smaller")
        grid.append([Cell(value.split("\n")) for value in row])
        reached[0] = reader.line_num
    return grid
