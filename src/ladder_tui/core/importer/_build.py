"""A ladder as read -> framework data (ids, short names, source) and the report of what was understood."""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from ladder_tui.core.importer._model import ImportProblem, Ladder
from ladder_tui.core.importer._text import RESERVED_LEVEL_IDS, Fixer, IdMaker, fold, short_names, slug
from ladder_tui.core.presentation.text import clean, plural

MAX_LEVELS = 50
#: Empty cells named in the report at most (then a count).
SHOWN_EMPTY = 6


def _listing(names: Sequence[str], limit: int = 8) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f", ... ({len(names) - limit} more)" if len(names) > limit else "")


def build(
    ladder: Ladder,
    *,
    files: Sequence[str],
    where: str,
    head: Sequence[str],
    framework_id: str | None,
    name: str | None,
    today: datetime.date,
    forced: bool = False,
    folder: str | None = None,
) -> tuple[dict[str, Any], list[str], str]:
    """Framework data exactly as a TOML file holds it, the report, and the framework's id."""
    fixer = Fixer()

    controls = 0

    def fix(text: str) -> str:
        # Escape sequences and control characters never reach the framework file: it is shown and printed.
        nonlocal controls
        cleaned = clean(text)
        controls += cleaned != text.replace("\r\n", "\n").replace("\t", " ")
        return fold(fixer.fix(cleaned))

    def paragraphs(texts: Sequence[str]) -> str:
        return "\n".join(text for text in (fix(t) for t in texts) if text)

    report = list(head)
    report.extend(ladder.notes)
    base_names = [f.replace("\\", "/").rsplit("/", 1)[-1] for f in files]
    stem = _source_stem(files, folder)
    emoji: Counter[str] = Counter()

    def named(text: str) -> str:
        """A name as the source writes it, less the emoji some sites put before their headings."""
        plain, stripped = strip_emoji(fix(text))
        emoji["names"] += stripped
        return plain

    title = named(ladder.title) if ladder.title else None
    level_names = [named(level.name) or f"Level {i + 1}" for i, level in enumerate(ladder.levels)]
    if len(level_names) < 2:
        found = f"only one level ({level_names[0]!r})" if level_names else "no levels"
        raise ImportProblem(f"{where}: found {found}; a ladder needs at least two")
    if len(level_names) > MAX_LEVELS:
        raise ImportProblem(
            f"{where}: found {len(level_names)} levels ({_listing(level_names, 3)}), more than a framework holds "
            f"({MAX_LEVELS})"
        )
    if not ladder.areas:
        raise ImportProblem(f"{where}: found the levels ({_listing(level_names, 5)}) but no text under them")
    del forced  # the detector checked the reading; the report says how it was chosen

    shorts = short_names(level_names)
    level_ids = IdMaker(RESERVED_LEVEL_IDS)
    levels: list[dict[str, Any]] = []
    for level, level_name, short in zip(ladder.levels, level_names, shorts, strict=True):
        entry: dict[str, Any] = {"id": level_ids.make(short or level_name, "level"), "name": level_name}
        if short:
            entry["short"] = fix(short)
        if paragraphs(level.description):
            entry["description"] = paragraphs(level.description)
        levels.append(entry)
    ids = [entry["id"] for entry in levels]
    # Two columns (or headings) with one name are most often a slip: said, with the ids that tell them apart.
    repeated = [
        f"{level_name!r} ({', '.join(e['id'] for e in levels if e['name'] == level_name)})"
        for level_name in dict.fromkeys(level_names)
        if level_names.count(level_name) > 1
    ]

    doc_name = name if name is not None else (title or stem)
    area_ids = IdMaker()
    areas: list[dict[str, Any]] = []
    empty_cells: list[str] = []
    empty_count = 0
    duplicates: list[str] = []
    repeats = 0
    for area in ladder.areas:
        area_name = named(area.name) if area.name else doc_name
        area_entry: dict[str, Any] = {"id": area_ids.make(area_name, "area"), "name": area_name}
        if paragraphs(area.description):
            area_entry["description"] = paragraphs(area.description)
        dim_ids = IdMaker()
        dims: list[dict[str, Any]] = []
        for dim in area.dims:
            dim_name = named(dim.name) or "Dimension"
            dim_id = dim_ids.make(dim_name, "dimension")
            if dim_id != slug(dim_name, "dimension"):
                duplicates.append(f"{dim_name} -> {dim_id}")
            dim_entry: dict[str, Any] = {"id": dim_id, "name": dim_name}
            if paragraphs(dim.description):
                dim_entry["description"] = paragraphs(dim.description)
            descriptors: dict[str, Any] = {}
            for index, level_id in enumerate(ids):
                fixed = [t for t in (fix(s) for s in dim.cells.get(index, [])) if t]
                # A summary repeated right away as its first signal (Snowflake's tracks) is one statement, not
                # two; the same words further on (an example under two sub-levels) stay where they are.
                texts = [t for i, t in enumerate(fixed) if i == 0 or t != fixed[i - 1]]
                repeats += len(fixed) - len(texts)
                if not texts:
                    empty_count += 1
                    if len(empty_cells) < SHOWN_EMPTY:
                        empty_cells.append(f"{dim_name} at {levels[index].get('short', levels[index]['name'])}")
                    continue
                descriptors[level_id] = texts[0] if len(texts) == 1 else texts
            dim_entry["levels"] = descriptors
            dims.append(dim_entry)
        area_entry["dimensions"] = dims
        areas.append(area_entry)

    framework_name = named(doc_name) or stem or "Imported ladder"
    fid = framework_id if framework_id is not None else slug(framework_name, "imported-ladder")
    data: dict[str, Any] = {
        "format_version": 1,
        "id": fid,
        "name": framework_name,
        "version": "1",
        "scale": ladder.scale,
        "source": {
            "title": title or ", ".join(base_names),
            "credit": f"Imported from {', '.join(base_names)}",
            "file": ", ".join(files),
            "imported": today.isoformat(),
        },
        "levels": levels,
        "areas": areas,
    }

    def with_short(entry: dict[str, Any]) -> str:
        return f"{entry['name']} [{entry['short']}]" if "short" in entry else str(entry["name"])

    report.append(f"levels ({len(levels)}): {_listing([with_short(e) for e in levels], 10)}")
    dim_total = sum(len(a["dimensions"]) for a in areas)
    area_text = _listing([f"{a['name']} ({len(a['dimensions'])})" for a in areas], 10)
    report.append(f"areas ({len(areas)}, {plural(dim_total, 'dimension')}): {area_text}")
    if empty_count:
        more = f", ... ({empty_count - len(empty_cells)} more)" if empty_count > len(empty_cells) else ""
        report.append(
            f"empty cells: {empty_count} (no descriptor at that level, left empty: {', '.join(empty_cells)}{more})"
        )
    else:
        report.append("empty cells: none")
    if repeated:
        report.append(
            f"repeated level names got distinct ids: {_listing(repeated, 5)}; rename them in the file if they are "
            "different levels"
        )
    if duplicates:
        report.append(f"repeated dimension names got distinct ids: {_listing(duplicates, 5)}")
    if repeats:
        report.append(f"{plural(repeats, 'statement')} repeated word for word right after itself kept once")
    if controls:
        report.append(f"terminal escape sequences or control characters removed from {plural(controls, 'text')}")
    if emoji["names"]:
        report.append(f"emoji before {plural(emoji['names'], 'name')} left out")
    if fixer.count:
        example = f" (e.g. {fixer.example[0]!r} -> {fixer.example[1]!r})" if fixer.example else ""
        report.append(f"repaired mojibake in {fixer.count} text{'s' if fixer.count != 1 else ''}{example}")
    else:
        report.append("mojibake repaired: none")
    if name is None:
        origin = "the document's title" if title else ("the folder's name" if folder else "the file's name")
        report.append(f"name: {framework_name!r} ({origin}; --name to change)")
    if framework_id is None:
        report.append(f"id: {fid} (from the name; --id to change)")
    data["source"]["notes"] = "How the import read the file(s):\n" + "\n".join(f"- {line}" for line in report)
    _validate(data, where)
    return data, report, fid


_EMOJI = re.compile(
    "^[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2300-\u23ff\ufe0f\u200d\U000e0020-\U000e007f]+\\s*"
)


def strip_emoji(text: str) -> tuple[str, bool]:
    """A name without the emoji before it ("🏆 Results" -> "Results"); a name that is only emoji stays."""
    rest = _EMOJI.sub("", text)
    return (rest, True) if rest and rest != text else (text, False)


def _source_stem(files: Sequence[str], folder: str | None) -> str:
    """The name of what was imported: the folder's (when a folder was imported), else the first file's stem."""
    if folder:
        name = folder.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
        if name not in ("", ".", ".."):
            return name
    base = files[0].replace("\\", "/").rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[0] if "." in base else base


def _validate(data: dict[str, Any], where: str) -> None:
    # Deferred: pydantic is needed only here, and only by this command.
    from ladder_tui.core.errors import FrameworkError
    from ladder_tui.core.storage.loader import framework_from_data

    try:
        framework_from_data(data, where)
    except FrameworkError as exc:
        raise ImportProblem(f"{where}: the imported framework would not be valid: {exc}") from None
