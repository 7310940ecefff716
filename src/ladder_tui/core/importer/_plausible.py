"""Is a reading a ladder? The checks that stand between a wrong framework and exit status 0.

Stubs (dimensions with no text at any level) are dropped and reported first. Then a reading is refused, in one line
that says what was seen and which flag reads the document another way, when its level names are sentences,
repeat, are answer words, stray numbers or metadata headers; when its areas or dimensions are named by metadata
headers; when markup is left in its text; when it has fewer than two levels or no dimension; or when its
dimensions line up across levels only by position (fewer than half of them have text at two levels or more).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from ladder_tui.core.importer._model import Ladder
from ladder_tui.core.importer._text import ANSWER_WORDS, fold, key, level_like, metadata_name
from ladder_tui.core.text import plural

_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_MARKUP = re.compile(r"\*\*\S|\S\*\*|\]\([^)\s]*\)|\{\{|\{%|%\}|&(?:nbsp|amp|lt|gt|quot|#\d+);|^#{1,6}\s")


def _listing(names: Sequence[str], limit: int = 4) -> str:
    shown = ", ".join(repr(name[:40]) for name in names[:limit])
    return shown + (f", ... ({len(names) - limit} more)" if len(names) > limit else "")


def drop_stubs(ladder: Ladder) -> list[str]:
    """Remove the dimensions with no text at any level (and the areas left empty); the report's lines about them."""
    if ladder.scale == "mastery":
        return []
    lines: list[str] = []
    dropped = [dim.name for area in ladder.areas for dim in area.dims if not any(dim.cells.values())]
    for area in ladder.areas:
        area.dims = [dim for dim in area.dims if any(dim.cells.values())]
    empty_areas = [area.name for area in ladder.areas if not area.dims and area.name]
    ladder.areas = [area for area in ladder.areas if area.dims]
    if dropped:
        shown = ", ".join(dropped[:5]) + (f", ... ({len(dropped) - 5} more)" if len(dropped) > 5 else "")
        lines.append(f"{plural(len(dropped), 'dimension')} with no text at any level left out: {shown}")
    if empty_areas:
        shown = ", ".join(name for name in empty_areas[:5] if name)
        lines.append(f"{plural(len(empty_areas), 'category', 'categories')} without dimensions left out: {shown}")
    return lines


def _sentence(name: str) -> bool:
    text = fold(name)
    return len(text.split()) > 10 or text.endswith((".", "!", "?", ";"))


def _answer(name: str) -> bool:
    return fold(name).casefold().rstrip(".!") in ANSWER_WORDS


def _number(name: str) -> bool:
    return bool(re.fullmatch(r"[-+]?\d+(?:[.,]\d+)?%?", fold(name)))


def _consecutive(names: Sequence[str]) -> bool:
    """0, 1, 2... or 1, 2, 3...: numbered levels, which is how some ladders name them."""
    try:
        numbers = [int(fold(name)) for name in names]
    except ValueError:
        return False
    return numbers[0] in (0, 1) and numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def _flag(ladder: Ladder) -> str:
    if ladder.kind == "table":
        return "--levels-in rows or columns reads the table the other way, --sheet NAME reads another sheet"
    if ladder.kind == "outline":
        return "--levels-in outer or inner reads the headings the other way"
    return "no option reads this data another way: the file needs its levels named"


def problem(ladder: Ladder, where: str) -> str | None:
    """Why this reading is not a ladder, in one line; None when it is plausible."""
    levels = [level.name for level in ladder.levels]
    flag = _flag(ladder)
    if len(levels) < 2:
        found = f"only one level ({levels[0]!r})" if levels else "no levels"
        return f"{where}: found {found}; a ladder needs at least two"
    dims = [dim for area in ladder.areas for dim in area.dims]
    if not dims:
        return f"{where}: found the levels ({_listing(levels)}) but no dimension with text under them"
    repeated = [name for name, count in Counter(key(name) for name in levels).items() if count > 1]
    if repeated:
        shown = _listing([next(n for n in levels if key(n) == r) for r in repeated])
        return (
            f"{where}: the level names repeat ({shown}), which a ladder's levels never do: these are not its "
            f"levels, or two of them need telling apart in the file; {flag}"
        )
    half = (len(levels) + 1) // 2
    sentences = [name for name in levels if _sentence(name)]
    if len(sentences) >= half:
        return f"{where}: the level names are sentences ({_listing(sentences, 2)}), not the names of levels; {flag}"
    answers = [name for name in levels if _answer(name)]
    if len(answers) >= half:
        return (
            f"{where}: the level names are answers ({_listing(answers)}): an answer column or a filled-in form, "
            f"not levels; {flag}"
        )
    numbers = [name for name in levels if _number(name)]
    if len(numbers) >= half and not _consecutive(levels):
        return f"{where}: the level names are numbers ({_listing(numbers)}): scores or bands, not levels; {flag}"
    metadata = [name for name in levels if metadata_name(name)]
    if len(metadata) >= half:
        return f"{where}: the level names are metadata headers ({_listing(metadata)}), not levels; {flag}"
    if ladder.kind == "table" and len(dims) >= 2:
        dims_like = sum(1 for dim in dims if level_like(dim.name))
        levels_like = sum(1 for name in levels if level_like(name))
        if dims_like * 5 >= len(dims) * 3 and levels_like * 5 <= len(levels):
            return (
                f"{where}: the dimensions are named like levels ({_listing([d.name for d in dims][:4])}) and the "
                f"levels like skills ({_listing(levels)}): the table reads the other way; {flag}"
            )
    area_names = [area.name for area in ladder.areas if area.name]
    meta_areas = [name for name in area_names if metadata_name(name)]
    if area_names and len(meta_areas) * 2 >= len(area_names) and meta_areas:
        return f"{where}: the areas are named by metadata headers ({_listing(meta_areas)}), not skills; {flag}"
    meta_dims = [dim.name for dim in dims if metadata_name(dim.name)]
    if len(meta_dims) * 2 >= len(dims) and meta_dims:
        return f"{where}: the dimensions are named by metadata headers ({_listing(meta_dims)}), not skills; {flag}"
    statements = [text for dim in dims for texts in dim.cells.values() for text in texts]
    marked = [text for text in statements if _TAG.search(text) or _MARKUP.search(text)]
    if statements and len(marked) * 20 >= len(statements) and len(marked) >= 2:
        return (
            f"{where}: markup left in {plural(len(marked), 'statement')} (e.g. {marked[0][:60]!r}): the document was "
            "not read as its format; --format names the format"
        )
    if ladder.scale == "career" and len(dims) >= 2:
        recurring = sum(1 for dim in dims if sum(1 for texts in dim.cells.values() if texts) >= 2)
        if recurring * 2 < len(dims):
            return (
                f"{where}: the dimensions do not recur across the levels (only {recurring} of {len(dims)} have text "
                f"at two levels or more): they line up only by position, which is not a ladder grid; {flag}"
            )
    return None
