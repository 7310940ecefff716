"""Is a reading a ladder? The checks that stand between a wrong framework and exit status 0.

Stubs (dimensions with no text at any level) are dropped and reported first. Then a reading is refused, in one line
that says what was seen and which option reads the document another way, when its level names are sentences,
repeat, are answers, stray numbers, ranges, metadata headers, or steps, periods, priorities, versions and statuses
(a process, a schedule, a changelog, a pricing page are not ladders); when its dimensions are sentences, or its
dimensions or areas are named by metadata, numbers or days; when its columns only define a scale (Meaning,
Description) with nothing to rate; when its cells are short values that repeat (statuses, proficiency words) rather
than descriptions; when markup is left in its text; when it has fewer than two levels or no dimension; or when its
dimensions line up across levels only by position (fewer than half of them have text at two levels or more).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from ladder_tui.core.importer._model import Ladder
from ladder_tui.core.importer._text import ANSWER_WORDS, fold, key, level_like, metadata_name, words
from ladder_tui.core.presentation.text import plural

_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_MARKUP = re.compile(r"\*\*\S|\S\*\*|\]\([^)\s]*\)|\{\{|\{%|%\}|&(?:nbsp|amp|lt|gt|quot|#\d+);|^#{1,6}\s|^\[[ xX]\]\s")
#: First words of names that are steps, periods, priorities, log levels, statuses, plans or colours: a process, a
#: schedule, a roadmap, an SLA, a pricing page, a changelog, a RAG scale. Never the rungs of a ladder.
NOT_LEVEL_WORDS = words(
    """step steps phase phases week weeks day days month months quarter quarters sprint sprints q1 q2 q3 q4 h1 h2
    p0 p1 p2 p3 p4 p5 sev0 sev1 sev2 sev3 sev4 severity priority version versions release releases chapter module
    lesson monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun january february
    march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct
    nov dec debug info warning warn error critical fatal trace notice red amber green yellow orange free premium
    starter open closed solved pending resolved todo backlog doing done blocked"""
)
#: Plans of a pricing page; the second set only counts beside one of the first ("Basic, Pro, Enterprise").
PLAN_WORDS = words("free enterprise premium starter business")
MAYBE_PLAN_WORDS = words("basic pro plus standard team growth scale")
#: "Dana Lee – VP Support": a person and a role.
_PERSON = re.compile(r"^[A-Z][a-z]+(?: [A-Z][a-z'-]+)+\s+[–—-]\s+\S+(?:\s+\S+){0,3}$")
_DAYS = words(
    """monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun january february march
    april may june july august september october november december"""
)
#: Column headers that describe the rows' own name (a scale's definition), with nothing to rate under them.
SCALE_WORDS = words(
    """meaning meanings description descriptions definition definitions rating ratings label labels range ranges
    when example examples notes note what who summary explanation typical"""
)
_VERSION_OR_DATE = re.compile(r"^\[?v?\d+\.\d+(?:\.\d+)*\]?|\d{4}-\d{2}-\d{2}|^\d{1,2}/\d{1,2}/\d{2,4}")
_NUMBER_OR_RANGE = re.compile(r"[-+]?\d+(?:[.,]\d+)?%?(?:\s*[-–—]\s*\d+(?:[.,]\d+)?%?)?")


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
    return bool(_NUMBER_OR_RANGE.fullmatch(fold(name)))


def _first_word(name: str) -> str:
    found = re.findall(r"[a-z]+\d*|\d+", fold(name).casefold())
    return found[0] if found else ""


#: What meeting notes and policies head their parts with (a calibration's "Promotions" and "Discussion", an
#: escalation policy's "Escalate when"): never a skill to rate.
NOTES_WORDS = words(
    """promotions promotion discussion discussions decisions attendees agenda minutes escalate outcomes
    followups follow-ups"""
)
#: A time of day ("09:00", "2:30 pm"): a schedule's rows or columns.
_TIME = re.compile(r"^\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[-–]\s*\d{1,2}[:.]\d{2})?\b", re.IGNORECASE)
#: Words that grade an answer (a scoring rubric's columns), not a rung someone reaches.
RATING_WORDS = words(
    """poor fair good excellent weak strong unsatisfactory satisfactory outstanding inadequate adequate
    exemplary acceptable unacceptable bad great average mediocre superior insufficient sufficient"""
)


def _not_a_level(name: str) -> bool:
    """A step, a period, a priority, a log level, a status, a plan or a colour; a version, a date or a time."""
    text = fold(name)
    return _first_word(name) in NOT_LEVEL_WORDS or bool(_VERSION_OR_DATE.search(text) or _TIME.match(text))


def _grade(name: str) -> bool:
    """A grade of an answer ("1 – Poor", "Excellent", "Strong yes"): its words, numbers apart, grade."""
    parts = [part for part in re.findall(r"[a-z]+", fold(name).casefold()) if part not in ("very", "and", "or")]
    return bool(parts) and all(part in RATING_WORDS or part in ANSWER_WORDS for part in parts)


def _consecutive(names: Sequence[str]) -> bool:
    """0, 1, 2... or 1, 2, 3...: numbered levels, which is how some ladders name them."""
    try:
        numbers = [int(fold(name)) for name in names]
    except ValueError:
        return False
    return numbers[0] in (0, 1) and numbers == list(range(numbers[0], numbers[0] + len(numbers)))


#: How a refusal of a reading of headings, or of a table, ends. The detector puts in its place the readings that do
#: import (or says none does), so that a refusal never names an option that is refused in its turn.
HEADINGS_FLAG = "--levels-in outer or inner reads the headings the other way"
TABLE_FLAG = "--levels-in rows or columns reads the table the other way"
SHEET_FLAG = ", --sheet NAME reads one sheet"


def _flag(ladder: Ladder, sheets: bool) -> str:
    if ladder.kind == "table":
        return TABLE_FLAG + SHEET_FLAG if sheets else TABLE_FLAG
    if ladder.kind == "outline":
        return HEADINGS_FLAG
    return "no option reads this data another way: the file needs its levels named"


def problem(ladder: Ladder, where: str, *, sheets: bool = False, asked: bool = False) -> str | None:
    """Why this reading is not a ladder, in one line; None when it is plausible (``asked``: the orientation was
    given with --levels-in, so the table is read that way even where it looks turned round)."""
    levels = [level.name for level in ladder.levels]
    flag = _flag(ladder, sheets)
    if len(levels) < 2:
        lone = f"only one level ({levels[0]!r})" if levels else "no levels"
        return f"{where}: found {lone}; a ladder needs at least two"
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
    checks = (
        (_sentence, "are sentences", "not the names of levels"),
        (_answer, "are answers", "an answer column or a filled-in form, not levels"),
        (metadata_name, "are metadata headers", "not levels"),
        (_not_a_level, "are steps, periods, priorities, versions or statuses", "a process, a schedule or a log, not "
         "the rungs of a ladder"),
        (_grade, "are grades of an answer", "a scoring rubric, not the rungs of a ladder"),
    )  # fmt: skip
    for test, what, meaning in checks:
        found = [name for name in levels if test(name)]
        if len(found) >= half:
            return f"{where}: the level names {what} ({_listing(found)}): {meaning}; {flag}"
    plans = [name for name in levels if _first_word(name) in PLAN_WORDS | MAYBE_PLAN_WORDS]
    if any(_first_word(name) in PLAN_WORDS for name in levels) and len(plans) >= half:
        return f"{where}: the level names are plans ({_listing(plans)}): a pricing page, not the rungs of a ladder"
    numbers = [name for name in levels if _number(name)]
    if len(numbers) >= half and not _consecutive(levels):
        return f"{where}: the level names are numbers or ranges ({_listing(numbers)}): scores or bands, not levels"
    return _dimension_problem(ladder, dims, where, flag, asked)


def _dimension_problem(ladder: Ladder, dims: Sequence[object], where: str, flag: str, asked: bool) -> str | None:
    from ladder_tui.core.importer._model import DimSpec

    assert all(isinstance(dim, DimSpec) for dim in dims)
    specs = [dim for dim in dims if isinstance(dim, DimSpec)]
    names = [dim.name for dim in specs]
    levels = [level.name for level in ladder.levels]
    if ladder.kind == "table" and len(specs) >= 2 and not asked:
        dims_like = sum(1 for name in names if level_like(name))
        levels_like = sum(1 for name in levels if level_like(name))
        if dims_like * 5 >= len(specs) * 3 and levels_like * 5 <= len(levels):
            return (
                f"{where}: the dimensions are named like levels ({_listing(names)}) and the levels like skills "
                f"({_listing(levels)}): the table reads the other way; {flag}"
            )
    area_names = [area.name for area in ladder.areas if area.name]
    meta_areas = [name for name in area_names if metadata_name(name)]
    if area_names and len(meta_areas) * 2 >= len(area_names) and meta_areas:
        return f"{where}: the areas are named by metadata headers ({_listing(meta_areas)}), not skills; {flag}"
    half = (len(names) + 1) // 2
    for test, what in (
        (_sentence, "sentences (statements of one level)"),
        (metadata_name, "metadata headers"),
        (_number, "numbers (ids, counts)"),
        (lambda name: _first_word(name) in _DAYS, "days or months"),
        (lambda name: _first_word(name) in NOTES_WORDS, "the parts of meeting notes or of a policy"),
    ):
        found = [name for name in names if test(name)]
        if len(found) >= half and found:
            return f"{where}: the dimensions are named by {what} ({_listing(found)}), not skills; {flag}"
    if ladder.kind == "table" and all(_first_word(name) in SCALE_WORDS for name in names):
        return (
            f"{where}: its columns ({_listing(names)}) only describe each row's own name: a scale or a glossary "
            "that defines its terms, with no skill to rate"
        )
    statements = [text for dim in specs for texts in dim.cells.values() for text in texts]
    marked = [text for text in statements if _TAG.search(text) or _MARKUP.search(text)]
    if statements and len(marked) * 20 >= len(statements) and len(marked) >= 2:
        return (
            f"{where}: markup left in {plural(len(marked), 'statement')} (e.g. {marked[0][:60]!r}): the document was "
            "not read as its format; --format names the format"
        )
    lengths = sorted(len(text.split()) for text in statements)
    distinct = len({text.casefold() for text in statements})
    sentences = sum(1 for text in statements if text.rstrip().endswith((".", "!")))
    if (
        lengths
        and lengths[len(lengths) // 2] <= 2
        and distinct * 2 <= len(statements)
        and sentences * 2 < len(statements)
    ):
        sample = _listing(list(dict.fromkeys(statements)))
        return (
            f"{where}: its cells are short values that repeat ({sample}): ratings, statuses or expected levels, "
            "not descriptions of what each level does"
        )
    people = [text for text in statements if _PERSON.match(text)]
    if statements and len(people) * 2 >= len(statements):
        return f"{where}: its statements name people and their roles ({_listing(people)}): an org chart, not a ladder"
    if ladder.scale == "career" and len(specs) >= 2:
        recurring = sum(1 for dim in specs if sum(1 for texts in dim.cells.values() if texts) >= 2)
        if recurring * 2 < len(specs):
            return (
                f"{where}: the dimensions do not recur across the levels (only {recurring} of {len(specs)} have text "
                f"at two levels or more): they line up only by position, which is not a ladder grid; {flag}"
            )
    return None
