"""The ladder detector: every reading the documents allow (data, tables, headings and lists), checked for
plausibility; the plausible reading with the most text wins, and with none the clearest refusal is raised."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ladder_tui.core.importer._document import Document
from ladder_tui.core.importer._model import ImportProblem, Ladder
from ladder_tui.core.importer._ordering import ascending
from ladder_tui.core.importer._plausible import HEADINGS_FLAG, SHEET_FLAG, TABLE_FLAG, drop_stubs, problem
from ladder_tui.core.presentation.text import plural


def _stem(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[0] if "." in base else base


def _has_text(doc: Document) -> bool:
    return bool(doc.blocks)


def _filled(ladder: Ladder) -> tuple[int, int]:
    """How many (dimension, level) pairs have text, of how many."""
    dims = [dim for area in ladder.areas for dim in area.dims if any(dim.cells.values())]
    filled = sum(1 for dim in dims for texts in dim.cells.values() if texts)
    return filled, len(dims) * len(ladder.levels)


def _dimensions(ladder: Ladder) -> int:
    return sum(len(area.dims) for area in ladder.areas)


def _usable(ladder: Ladder) -> bool:
    return len(ladder.levels) >= 2 and any(any(dim.cells.values()) for area in ladder.areas for dim in area.dims)


def detect(docs: Sequence[Document], *, levels_in: str | None, where: str, probing: bool = False) -> Ladder:
    """The one ladder the documents hold; ImportProblem (one line) when they hold none, or none plausible.

    A refusal of a reading of headings or of a table ends with the other readings that do import (tried here:
    `probing` is such a try, which leaves its own refusal's ending as it is)."""
    try:
        return _detect(docs, levels_in=levels_in, where=where)
    except ImportProblem as refused:
        message = str(refused)
        if probing:
            raise
        for flag, tail, axes, what in (
            (HEADINGS_FLAG, "", ("outer", "inner"), "the headings"),
            (TABLE_FLAG, "", ("columns", "rows"), "the table"),
            (TABLE_FLAG, SHEET_FLAG, ("columns", "rows"), "the table"),
        ):
            if message.endswith(flag + tail):
                hint = _other_readings(docs, where, levels_in, axes, what)
                raise ImportProblem(message[: -len(flag + tail)] + hint + tail.replace(",", ";", 1)) from None
        raise


def _other_readings(docs: Sequence[Document], where: str, asked: str | None, axes: tuple[str, str], what: str) -> str:
    """What reading `what` another way gives: each `--levels-in` of `axes` that imports, and (when one was asked for)
    the detected reading, with its levels; or that none does. What was asked already is not tried again."""
    works: list[str] = []
    tried: list[str | None] = [axis for axis in axes if axis != asked]
    if asked is not None:
        tried.append(None)
    for axis in tried:
        try:
            ladder = detect(docs, levels_in=axis, where=where, probing=True)
        except ImportProblem:
            continue
        names = [level.name for level in ladder.levels]
        shown = ", ".join(names[:4]) + (", ..." if len(names) > 4 else "")
        how = f"--levels-in {axis}" if axis is not None else "without --levels-in it"
        works.append(f"{how} reads {plural(len(names), 'level')} ({shown})")
    if works:
        return "; ".join(works)
    others = [axis for axis in tried if axis is not None]
    if asked is None:
        return f"no reading of {what} makes a ladder either (--levels-in {' and '.join(others)} were tried)"
    return f"--levels-in {others[0]} does not make one either, nor does leaving --levels-in out"


def _detect(docs: Sequence[Document], *, levels_in: str | None, where: str) -> Ladder:
    candidates: list[Ladder] = []
    problems: list[str] = []
    data_docs = [doc for doc in docs if doc.kind in ("yaml", "json")]
    text_docs = [doc for doc in docs if doc.kind not in ("yaml", "json")]
    # Data: YAML, JSON, and Markdown front matter (a progression site keeps its whole ladder there).
    front = [doc for doc in text_docs if isinstance(doc.data, dict | list)]
    if data_docs or front:
        from ladder_tui.core.importer._structured import data_kind_problem, read_structured

        if levels_in is not None and not text_docs:
            raise ImportProblem(f"--levels-in {levels_in}: applies to tables and headings; {where} holds data")
        from ladder_tui.core.importer._records import data_tables

        structured = read_structured([*data_docs, *front], where)
        if structured is not None:
            candidates.append(structured)
        # Records and grids of mappings are tables: the table reader reads them beside the other documents.
        tabled = [] if structured is not None else [found for found in map(data_tables, data_docs) if found]
        if structured is None and not tabled and not [doc for doc in text_docs if _has_text(doc)]:
            raise ImportProblem(data_kind_problem([*data_docs, *front], where))
        text_docs = [*text_docs, *tabled]
    readable = [doc for doc in text_docs if _has_text(doc)]
    table_problem: ImportProblem | None = None
    outline_problem: ImportProblem | None = None
    if readable and any(doc.tables for doc in readable) and levels_in in (None, "columns", "rows"):
        from ladder_tui.core.importer._tables import tables_ladder

        only_data = all(doc.kind in ("yaml", "json") for doc in readable)
        try:
            from_tables = tables_ladder(readable, levels_in, where)
            if only_data and _dimensions(from_tables) < 2:
                raise ImportProblem("records of one thing (a scale's levels) are no ladder on their own")
            candidates.append(from_tables)
        except ImportProblem as exc:
            # Data that reads as no table says what was looked for in data, not in a sheet.
            table_problem = ImportProblem(data_kind_problem(data_docs, where)) if only_data else exc
    elif levels_in in ("columns", "rows") and readable:
        markdown = all(doc.kind == "markdown" for doc in readable)
        raise ImportProblem(
            f"--levels-in {levels_in}: {where} has no {'Markdown ' if markdown else ''}table; for headings and "
            "bullets use --levels-in outer or inner"
        )
    outline_docs = [doc for doc in readable if doc.kind in ("markdown", "html", "docx")]
    if outline_docs and levels_in in (None, "outer", "inner"):
        outline, outline_problem = _outline(outline_docs, levels_in, where)
        if outline is not None:
            candidates.append(outline)
    elif levels_in in ("outer", "inner") and readable and not outline_docs:
        raise ImportProblem(
            f"--levels-in {levels_in}: applies to headings and bullets; for a table use columns or rows"
        )
    plausible: list[Ladder] = []
    refusals: list[str] = []
    for candidate in candidates:
        stub_lines = drop_stubs(candidate)
        why = problem(candidate, where, sheets=any(doc.kind == "xlsx" for doc in docs), asked=levels_in is not None)
        if why is None:
            candidate.notes.extend(stub_lines)
            plausible.append(candidate)
        else:
            refusals.append(why)
    problems.extend(refusals)
    if plausible:
        best = max(plausible, key=lambda c: c.statement_chars() + (1 if c.kind == "data" else 0))
        _say_what_else(best, plausible, refusals)
        turned = ascending(best, from_file_names=len(docs) > 1 and best.kind == "outline")
        if turned:
            best.notes.append(turned)
        _without_shared_prefix(best)
        return best
    if problems:
        raise ImportProblem(problems[0])
    if outline_problem is not None:
        raise outline_problem
    if table_problem is not None:
        raise table_problem
    if levels_in in ("outer", "inner"):
        raise ImportProblem(f"{where}: no headings naming at least two levels found (with --levels-in {levels_in})")
    kinds = {doc.kind for doc in readable}
    if kinds <= {"markdown"}:
        raise ImportProblem(
            f"{where}: no Markdown table and no headings naming at least two levels found (looked for a pipe table "
            "with a header row, or level headings with bullets under them)"
        )
    raise ImportProblem(
        f"{where}: no table and no headings naming at least two levels found (looked for a table with a header "
        "row, or level headings with lists under them)"
    )


def _say_what_else(best: Ladder, plausible: Sequence[Ladder], refusals: Sequence[str]) -> None:
    """The report says which reading was taken over which."""
    if best.kind == "table":
        best.notes.insert(0, "read the table" + ("s" if "tables with the same levels" in " ".join(best.notes) else ""))
        if any(c.kind == "outline" for c in plausible if c is not best):
            best.notes.append("the headings and bullets hold less text than the table and were left out")
    elif best.kind == "outline":
        best.notes.insert(0, "read the headings and bullets (an outline)")
        if any(c.kind == "table" for c in plausible if c is not best):
            best.notes.append("a table holds less text than the headings and bullets and was left out")
    if refusals and best.kind != "data":
        best.notes.append(f"{plural(len(refusals), 'other reading')} found implausible and left out")


#: A prefix every page title of a wiki export carries ("Engineering Ladder : Software Engineer I").
_TITLE_PREFIX = re.compile(r"^(.{2,80}?)\s+[:|–—-]\s+(?=\S)")


def _without_shared_prefix(ladder: Ladder) -> None:
    """Level names that all begin with one space's or site's name and a separator lose it (a report line says so)."""
    names = [level.name for level in ladder.levels]
    found = _TITLE_PREFIX.match(names[0]) if len(names) >= 2 else None
    if found is None:
        return
    prefix = found.group(0)
    if all(name.startswith(prefix) and len(name) > len(prefix) for name in names):
        for level in ladder.levels:
            level.name = level.name[len(prefix) :]
        ladder.notes.append(f"every level's name began with {prefix.strip()!r}: left out")


def _outline(docs: Sequence[Document], levels_in: str | None, where: str) -> tuple[Ladder | None, ImportProblem | None]:
    from ladder_tui.core.importer import _outline

    stats = _outline.OutlineStats()
    outline = _outline.read(
        [(doc.name, doc) for doc in docs], levels_in=levels_in, stats=stats, doc_name=_stem(docs[0].name)
    )
    if outline is None:
        # One nested list and no headings (an area over its competencies over "Level: text" items): read again
        # with the items that hold lists as headings.
        unfolded = [_outline.lists_as_headings(doc) for doc in docs]
        if any(new is not old for new, old in zip(unfolded, docs, strict=True)):
            stats = _outline.OutlineStats()
            outline = _outline.read(
                [(doc.name, doc) for doc in unfolded], levels_in=levels_in, stats=stats, doc_name=_stem(docs[0].name)
            )
    if outline is None:
        return None, None
    levels = ", ".join(level.name for level in outline.levels[:4]) + (", ..." if len(outline.levels) > 4 else "")
    if stats.prose_only and levels_in is None:
        return None, ImportProblem(
            f"{where}: the headings name levels ({levels}) but under each is prose, with no bullets and no "
            f"sub-headings naming skills: an essay about the levels, not a ladder; {HEADINGS_FLAG}"
        )
    outline.notes.extend(_outline_notes(docs, stats))
    filled, cells = _filled(outline)
    # A guessed reading whose grid is a third holes is not a ladder (step names, an FAQ, a README); one asked for
    # is taken unless it is mostly holes (a ragged ladder read the way its team knows it is).
    if cells and (filled * 3 < cells * 2 if levels_in is None else filled * 2 < cells):
        how = "read as levels" if levels_in is None else f"read as levels (--levels-in {levels_in})"
        return None, ImportProblem(
            f"{where}: {how}, the headings ({levels}) but "
            f"what sits under them changes from level to level (only {filled} of {cells} level and "
            f"dimension pairs have text), so no ladder grid was found; {HEADINGS_FLAG}"
        )
    if not _usable(outline):
        return None, None
    return outline, None


def _outline_notes(docs: Sequence[Document], stats: object) -> list[str]:
    from ladder_tui.core.importer._outline import OutlineStats

    assert isinstance(stats, OutlineStats)
    notes = []
    if stats.inferred_depths:
        notes.append(
            "the headings carry no '#' depth (a web copy's 'Title #'): their nesting was worked out from which "
            "headings hold bullets"
        )
    skipped: dict[str, int] = {}
    links = images = 0
    for doc in docs:
        for kind, count in doc.skipped.items():
            skipped[kind] = skipped.get(kind, 0) + count
        links += doc.markup.links
        images += doc.markup.images
    if skipped.get("template"):
        notes.append(
            f"{plural(skipped['template'], 'unresolved template line')} ({{{{% include %}}}} and the like) left out "
            "(the text they include is not in the file)"
        )
    if skipped.get("html"):
        notes.append(f"{plural(skipped['html'], 'line')} of HTML left out")
    if skipped.get("aside"):
        notes.append(f"{plural(skipped['aside'], 'line')} of asides (':::tip' and the like) left out")
    if skipped.get("footnote"):
        notes.append(f"{plural(skipped['footnote'], 'footnote')} left out")
    if skipped.get("code"):
        notes.append(f"{plural(skipped['code'], 'line')} of code blocks left out")
    if skipped.get("chrome") or skipped.get("script"):
        chrome = skipped.get("chrome", 0) + skipped.get("script", 0)
        notes.append(f"{plural(chrome, 'part')} of the page's chrome (navigation, scripts, headers, footers) left out")
    if stats.folders:
        notes.append(f"{plural(stats.folders, 'sub-folder')} read as headings over their files (a folder per area)")
    if stats.navigation:
        notes.append(f"{plural(stats.navigation, 'list item')} with nothing but a link (navigation) left out")
    if stats.flattened:
        notes.append(f"{plural(stats.flattened, 'nested list item')} read as statements of their own")
    if stats.inline_labels:
        notes.append(f"{plural(stats.inline_labels, 'list item')} of the form 'Label: text' read as dimension 'Label'")
    if stats.empty_sections:
        names = [f"{n!r}" + (f" ({c}x)" if c > 1 else "") for n, c in stats.empty_sections.most_common(5)]
        notes.append(f"headings with no text of their own were left out: {', '.join(names)}")
    if links:
        notes.append(f"{plural(links, 'link')} reduced to their text")
    if images:
        notes.append(f"{plural(images, 'image')} left out")
    return notes
