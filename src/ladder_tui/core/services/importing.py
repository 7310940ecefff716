"""Importing a ladder: read the files (or a folder) through the importer, then save the framework it makes into
the frameworks folder or a file, never taking another framework's id unasked. `ladder-tui frameworks import` and
the app's Import dialog both come through here."""

from __future__ import annotations

import datetime
import hashlib
import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ladder_tui.core.domain.framework import Dimension, Framework
from ladder_tui.core.importer import ImportResult
from ladder_tui.core.storage.catalog import FrameworkCatalog

#: The options of `ladder-tui frameworks import` that its report may name as the way to change a guess.
OPTIONS = ("--format", "--sheet", "--levels-in", "--id", "--name", "--force", "--output")
_OPTION = re.compile("|".join(re.escape(option) + r"\b" for option in OPTIONS))


@dataclass(frozen=True)
class Saved:
    """Where the framework went, as the walk reads it."""

    path: Path
    framework: Framework
    #: In the frameworks folder (the catalog knows it by its id), rather than a file elsewhere.
    installed: bool


def read_ladder(
    names: list[str],
    *,
    fmt: str | None = None,
    sheet: str | None = None,
    levels_in: str | None = None,
    framework_id: str | None = None,
    name: str | None = None,
    exclude: Collection[str] = (),
    ignore: Collection[str] = (),
    join: Collection[tuple[str, str]] = (),
) -> ImportResult:
    """What the importer makes of the files (or the folder) named, less the files in `exclude`, with the dimensions
    in `join` joined (see `join_dimensions`) and the parts in `ignore` left out (see `leave_out`); ImportProblem or
    LadderError when none."""
    from ladder_tui.core.errors import LadderError
    from ladder_tui.core.importer import import_ladder
    from ladder_tui.core.importer.sources import read_sources

    sources = read_sources(names)
    # Files are left out by their absolute paths: the recipe keeps them so, to match wherever --update runs from.
    exclude = sorted({_absolute(name) for name in exclude})
    if exclude:
        sources.files = [(name, raw) for name, raw in sources.files if _absolute(name) not in exclude]
        if not sources.files:
            raise LadderError("every file is left out: keep at least one")
    result = import_ladder(
        sources.files,
        folder=sources.folder,
        notes=sources.notes,
        fmt=fmt,
        sheet=sheet,
        levels_in=levels_in,
        framework_id=framework_id,
        name=name,
        today=datetime.date.today(),
    )
    # The recipe: what `--update` reads again, and how (after the framework's own tables in the file).
    recipe = {
        "paths": [_absolute(name) for name in names],
        "format": result.format,
        "sheet": sheet,
        "levels_in": levels_in,
        "name": name,
        "exclude": exclude or None,
        "ignore": sorted(ignore) or None,
        "join": [list(pair) for pair in join] or None,
        "hash": sources_hash(sources.files),
    }
    result.data["import"] = {key: value for key, value in recipe.items() if value is not None}
    result.report.extend(join_dimensions(result.data, join))
    result.report.extend(leave_out(result.data, ignore))
    result.report.extend(say_join_candidates(result.data))
    if exclude:
        result.report.append(f"files left out as chosen: {', '.join(Path(name).name for name in exclude)}")
    return result


def part_key(kind: str, name: str, area: str | None = None) -> str:
    """How a part of a framework is named in a recipe's `ignore`: "level:Senior", "area:Care", "dimension:Care/Tone"."""
    return f"{kind}:{area}/{name}" if area is not None else f"{kind}:{name}"


def leave_out(data: dict[str, Any], ignore: Collection[str]) -> list[str]:
    """Take the parts named in `ignore` out of framework data (a level takes its words with it, an area its
    dimensions); the report's lines saying so. A name not found is passed over (a newer document may not have it)."""
    from ladder_tui.core.presentation.text import plural

    if not ignore:
        return []
    wanted = set(ignore)
    gone: list[str] = []
    levels = [level for level in data["levels"] if part_key("level", level["name"]) not in wanted]
    dropped = {level["id"] for level in data["levels"]} - {level["id"] for level in levels}
    gone += [f"level {level['name']!r}" for level in data["levels"] if level["id"] in dropped]
    data["levels"] = levels
    areas = []
    for area in data["areas"]:
        if part_key("area", area["name"]) in wanted:
            gone.append(f"area {area['name']!r} and its {plural(len(area['dimensions']), 'dimension')}")
            continue
        kept = []
        for dim in area["dimensions"]:
            if part_key("dimension", dim["name"], area["name"]) in wanted:
                gone.append(f"dimension {area['name']} › {dim['name']}")
                continue
            dim["levels"] = {key: value for key, value in dim["levels"].items() if key not in dropped}
            kept.append(dim)
        area["dimensions"] = kept
        if "overview" in area:
            area["overview"] = {key: value for key, value in area["overview"].items() if key not in dropped}
        if kept:
            areas.append(area)
    data["areas"] = areas
    return [f"left out as chosen: {', '.join(gone)}"] if gone else []


def _words(name: str) -> list[str]:
    return re.findall(r"\w+", name.casefold())


#: A dimension whose name begins, or is begun by, more names of its area than this is not offered to join.
MAX_ALIKE = 8


def join_candidates(data: dict[str, Any]) -> list[tuple[str, str, str]]:
    """Dimensions that may be one, named differently at different levels (a page per level, each naming it its own
    way): in one area, with text at none of the same levels, the shorter name's words beginning the longer's
    ("Strategy" and "Strategy and Change Management"). As (area, the one described at fewer levels, the other)."""
    found: list[tuple[str, str, str]] = []
    for area in data["areas"]:
        # Each name looked up by its beginnings (not compared with every other name: a large area stays linear).
        named: list[tuple[tuple[str, ...], set[str], dict[str, Any]]] = []
        by_words: dict[tuple[str, ...], list[int]] = {}
        for dim in area["dimensions"]:
            words = tuple(_words(dim["name"]))
            described = {key for key, value in dim["levels"].items() if value}
            if words and described:
                by_words.setdefault(words, []).append(len(named))
                named.append((words, described, dim))
        pairs: set[tuple[int, int]] = set()
        for n, (words, _, _) in enumerate(named):
            # Shorter names only: two dimensions named alike cannot be told apart by name (nor joined by it).
            for length in range(1, len(words)):
                alike = by_words.get(words[:length], ())
                if len(alike) <= MAX_ALIKE:
                    pairs.update((min(n, m), max(n, m)) for m in alike if m != n)
        # A name many others begin with (a generated or hostile file) says nothing of which two are one.
        counts = Counter(index for pair in pairs for index in pair)
        for n, m in sorted(pairs):
            if counts[n] > MAX_ALIKE or counts[m] > MAX_ALIKE:
                continue
            (_, levels_one, one), (_, levels_other, other) = named[n], named[m]
            if levels_one & levels_other:
                continue
            fewer, more = (one, other) if len(levels_one) <= len(levels_other) else (other, one)
            found.append((area["name"], fewer["name"], more["name"]))
    return found


#: How many pairs the report names (the preview marks every one).
SAID_PAIRS = 5


def say_join_candidates(data: dict[str, Any]) -> list[str]:
    """The report's line naming `join_candidates`, with where each is described."""
    found = join_candidates(data)
    if not found:
        return []
    names = {level["id"]: level.get("short") or level["name"] for level in data["levels"]}

    def where(area: str, name: str) -> str:
        dim = next(d for a in data["areas"] if a["name"] == area for d in a["dimensions"] if d["name"] == name)
        return ", ".join(names.get(key, key) for key, value in dim["levels"].items() if value)

    pairs = "; ".join(
        f"{area} › {fewer!r} ({where(area, fewer)}) and {more!r} ({where(area, more)})"
        for area, fewer, more in found[:SAID_PAIRS]
    )
    if len(found) > SAID_PAIRS:
        pairs += f"; {len(found) - SAID_PAIRS} more"
    return [f"may be one dimension named differently at different levels: {pairs} (j in the import preview joins them)"]


def join_dimensions(data: dict[str, Any], join: Collection[tuple[str, str]]) -> list[str]:
    """Join each pair's first dimension into its second (`part_key`s of one area): the second takes the first's
    statements at every level, after its own, and its description when it has none; the first goes. The report's
    lines saying so. A pair not found is passed over (a newer document may name them otherwise)."""
    joined: list[str] = []
    missed: list[str] = []
    for source_key, target_key in join:
        for area in data["areas"]:
            keys = {part_key("dimension", dim["name"], area["name"]): dim for dim in area["dimensions"]}
            source, target = keys.get(source_key), keys.get(target_key)
            if source is None or target is None or source is target:
                continue
            for level, value in source["levels"].items():
                before = target["levels"].get(level)
                mine = [before] if isinstance(before, str) else list(before or [])
                theirs = [value] if isinstance(value, str) else list(value)
                texts = mine + theirs
                target["levels"][level] = texts[0] if len(texts) == 1 else texts
            if source.get("description") and not target.get("description"):
                target["description"] = source["description"]
            area["dimensions"] = [dim for dim in area["dimensions"] if dim is not source]
            joined.append(f"{area['name']} › {source['name']} into {target['name']}")
            break
        else:
            missed.append(f"{_named(source_key)} into {_named(target_key)}")
    lines = [f"joined as chosen: {', '.join(joined)}"] if joined else []
    if missed:
        lines.append(f"not joined, as they are not both in the document now: {', '.join(missed)}")
    return lines


def _named(key: str) -> str:
    """A part key as a reader names it: "dimension:Care/Tone" -> "Care › Tone"."""
    return key.partition(":")[2].replace("/", " › ", 1)


def _absolute(name: str) -> str:
    return str(Path(name).expanduser().resolve())


def sources_hash(files: list[tuple[str, bytes]]) -> str:
    """A hash of the files' bytes, in the order read (the same bytes: nothing to update)."""
    digest = hashlib.sha256()
    for _name, raw in files:
        digest.update(len(raw).to_bytes(8, "big"))
        digest.update(raw)
    return digest.hexdigest()[:16]


def names_options(report: list[str]) -> bool:
    """Whether the report names an option of the command line (to say so where there are none to give)."""
    return any(_OPTION.search(line) for line in report)


def destination(result: ImportResult, output: str | None = None) -> Path:
    """Where the framework goes: `output`, else the frameworks folder under its id."""
    from ladder_tui.core.storage.paths import user_frameworks_dir

    return Path(output).expanduser() if output else user_frameworks_dir() / f"{result.framework_id}.toml"


def in_frameworks_folder(path: Path) -> bool:
    from ladder_tui.core.storage.paths import user_frameworks_dir

    return path.parent.resolve() == user_frameworks_dir().resolve()


def taken(result: ImportResult, path: Path, catalog: FrameworkCatalog) -> str | None:
    """What saving at `path` would replace or shadow: the file there, or another framework with the same id (a
    built-in one would be replaced for every assessment on it); None when nothing."""
    from ladder_tui.core.storage.files import exists

    if exists(path):
        return f"{path} already exists"
    other = catalog.taken_by(result.framework_id, path)
    return f"The id {result.framework_id!r} is already {other}" if other else None


def save(result: ImportResult, path: Path, *, force: bool = False, make_folder: bool = True) -> Saved:
    """Write the framework (never over a file, nor an assessment, without `force`) and read it back as the walk
    will: it validates and opens at once. Every check the file would get is made before it is written: a refused
    import writes nothing."""
    from ladder_tui.core.errors import LadderError
    from ladder_tui.core.storage.assessments import framework_text, write_framework
    from ladder_tui.core.storage.files import MAX_FILE_BYTES, MAX_FILE_TEXT
    from ladder_tui.core.storage.loader import framework_from_data, load_framework

    text = framework_text(result.data)
    size = len(text.encode("utf-8"))
    if size > MAX_FILE_BYTES:
        raise LadderError(
            f"{path}: the framework would be {size / (1 << 20):.1f} MiB, and framework files over {MAX_FILE_TEXT} "
            "are refused; nothing was written"
        )
    framework_from_data(result.data, str(path), text)
    write_framework(result.data, path, force=force, make_folder=make_folder)
    return Saved(path, load_framework(path), in_frameworks_folder(path))


def sample_dimension(framework: Framework) -> tuple[str, str, Dimension] | None:
    """The dimension a preview shows (its area's name, its name, itself): the first that describes the most levels."""
    best: tuple[str, str, Dimension] | None = None
    described = -1
    for area in framework.areas:
        for dimension in area.dimensions:
            count = sum(1 for level in framework.levels if framework.descriptor(dimension, level.id))
            if count > described:
                best, described = (area.name, dimension.name, dimension), count
    return best


def preview(framework: Framework, *, width: int = 100) -> list[str]:
    """What an import would make, in a few lines: its size, its levels and areas, and one dimension's words at each
    level (`--dry-run`, and the app's import preview)."""
    from ladder_tui.core.presentation.text import plural

    def cut(text: str, room: int) -> str:
        flat = " ".join(text.split())
        return flat if len(flat) <= room else flat[: max(room - 1, 1)] + "…"

    lines = [
        f"{framework.name} ({framework.id}): {plural(len(framework.levels), 'level')} × "
        f"{plural(len(framework.areas), 'area')} × {plural(framework.dimension_count, 'dimension')}",
        cut("levels: " + " · ".join(level.name for level in framework.levels), width),
        cut(
            "areas: " + ", ".join(f"{area.name} ({len(area.dimensions)})" for area in framework.areas),
            width,
        ),
    ]
    sample = sample_dimension(framework)
    if sample is not None:
        area_name, dimension_name, dimension = sample
        lines.append(cut(f"{area_name} › {dimension_name}:", width))
        for level in framework.levels:
            words = " ".join(framework.descriptor(dimension, level.id)) or "(not described at this level)"
            lines.append("  " + cut(f"{level.name}: {words}", width - 2))
    return lines


# ----- update: the next version of the document, read the same way -----


@dataclass(frozen=True)
class Update:
    """A re-import of an imported framework: the new framework (ids kept where names match), where it goes, what
    changed, and whether the files are the very bytes imported last time (then nothing is written)."""

    result: ImportResult
    path: Path
    changes: list[str]
    unchanged: bool


def update(framework_id: str, names: list[str], catalog: FrameworkCatalog) -> Update:
    """Read the framework's document again (the files named, else those it was imported from) with the options it
    was imported with; LadderError when it was not imported or is not the user's own."""
    from ladder_tui.core.errors import LadderError
    from ladder_tui.core.storage.loader import load_framework

    path = catalog.path_of(framework_id)
    if path is None:
        raise LadderError(f"--update {framework_id}: no such framework (`ladder-tui frameworks list` shows them)")
    if not in_frameworks_folder(path):
        raise LadderError(f"--update {framework_id}: a built-in framework; import your document under its own --id")
    old = load_framework(path)
    recipe = old.recipe
    if recipe is None:
        raise LadderError(
            f"--update {framework_id}: {path} has no [import] table (it was written by hand, or imported before "
            f"recipes were kept); import the document again with --id {framework_id} --force"
        )
    result = read_ladder(
        names or list(recipe.paths),
        fmt=recipe.format,
        sheet=recipe.sheet,
        levels_in=recipe.levels_in,
        framework_id=old.id,
        name=recipe.name or old.name,
        exclude=recipe.exclude,
        ignore=recipe.ignore,
        join=recipe.join,
    )
    if recipe.name is None:
        result.data["import"].pop("name", None)  # the name was the document's own; it stays as it was
    unchanged = result.data["import"]["hash"] == recipe.hash
    changes = keep_ids(result.data, old)
    if changes and not unchanged:
        result.data["version"] = _next_version(old.version)
    else:
        result.data["version"] = old.version
    return Update(result, path, changes, unchanged)


def _next_version(version: str) -> str:
    """1 -> 2, 1.1.0 -> 1.1.1, draft -> draft.1."""
    match = re.match(r"^(.*?)(\d+)$", version)
    return f"{match.group(1)}{int(match.group(2)) + 1}" if match else f"{version}.1"


def _key(name: str) -> str:
    return " ".join(name.casefold().split())


def _unique(wanted: str, taken: set[str]) -> str:
    """`wanted`, or `wanted-2`, `wanted-3`... when another entry has it already."""
    candidate, number = wanted, 1
    while candidate in taken:
        number += 1
        candidate = f"{wanted}-{number}"
    taken.add(candidate)
    return candidate


def keep_ids(data: dict[str, Any], old: Framework) -> list[str]:
    """Give the new framework data the old framework's ids wherever a level, an area or a dimension has the same
    name (so every answer given on the old version stays on its dimension and level), and say what changed."""
    changes: list[str] = []
    # Levels: matched by name; a descriptor table is keyed by level ids, so those keys follow.
    old_levels = {_key(level.name): level.id for level in old.levels}
    level_ids: dict[str, str] = {}
    taken: set[str] = set()
    matched = [(level, old_levels.get(_key(level["name"]))) for level in data["levels"]]
    taken.update(old_id for _level, old_id in matched if old_id is not None)
    for level, old_id in matched:
        new_id = old_id or _unique(level["id"], taken)
        level_ids[level["id"]] = new_id
        level["id"] = new_id
    _say(changes, "level", [lv.name for lv in old.levels], [lv["name"] for lv in data["levels"]])

    def relevel(table: dict[str, Any]) -> dict[str, Any]:
        return {level_ids.get(level_id, level_id): value for level_id, value in table.items()}

    # Areas, then dimensions: by name in the same area, else by a name only one old dimension has (moved areas).
    old_areas = {_key(area.name): area for area in old.areas}
    old_dims: dict[str, list[tuple[str, str]]] = {}
    for area in old.areas:
        for dim in area.dimensions:
            old_dims.setdefault(_key(dim.name), []).append((area.id, dim.id))
    area_taken = {area.id for area in old.areas if _key(area.name) in {_key(a["name"]) for a in data["areas"]}}
    old_words = {(a.id, d.id): {lv: tuple(t) for lv, t in d.levels.items()} for a in old.areas for d in a.dimensions}
    # First what each dimension had before, then the others' new ids. Dimension ids are unique within their area
    # (answers are kept as area/dimension): two areas may both have an "Impact".
    old_area_names = {area.id: area.name for area in old.areas}
    claimed: dict[int, str] = {}
    used_in: dict[int, set[str]] = {}
    moved: list[str] = []
    for area in data["areas"]:
        before = old_areas.get(_key(area["name"]))
        used = used_in.setdefault(id(area), set())
        for dim in area["dimensions"]:
            key = _key(dim["name"])
            old_id = next(
                (d.id for d in (before.dimensions if before else ()) if _key(d.name) == key and d.id not in used),
                None,
            )
            elsewhere = old_dims.get(key, [])
            if old_id is None and len(elsewhere) == 1 and (before is None or elsewhere[0][0] != before.id):
                old_id = elsewhere[0][1]
                moved.append(f"{dim['name']} ({old_area_names[elsewhere[0][0]]} → {area['name']})")
            if old_id is not None and old_id not in used:
                claimed[id(dim)] = old_id
                used.add(old_id)
    described = 0
    new_names: list[str] = []
    for area in data["areas"]:
        before = old_areas.get(_key(area["name"]))
        area["id"] = before.id if before is not None else _unique(area["id"], area_taken)
        if "overview" in area:
            area["overview"] = relevel(area["overview"])
        taken_here = set(used_in[id(area)])
        for dim in area["dimensions"]:
            dim["id"] = claimed.get(id(dim)) or _unique(dim["id"], taken_here)
            dim["levels"] = relevel(dim["levels"])
            new_names.append(dim["name"])
            words = {lv: (t,) if isinstance(t, str) else tuple(t) for lv, t in dim["levels"].items()}
            previous = old_words.get((area["id"], dim["id"]))
            if previous is not None and previous != words:
                described += 1
    kept_order = [level.id for level in old.levels if level.id in {lv["id"] for lv in data["levels"]}]
    if [lv["id"] for lv in data["levels"] if lv["id"] in kept_order] != kept_order:
        changes.append("levels in another order (a rating keeps its level; what counts as higher changes)")
    if moved:
        changes.append(
            f"dimensions moved to another area ({len(moved)}): {', '.join(moved[:8])}"
            f"{', ...' if len(moved) > 8 else ''} (answers given on them stay under the old area, shown as no "
            "longer in the framework)"
        )
    _say(changes, "area", [a.name for a in old.areas], [a["name"] for a in data["areas"]])
    _say(changes, "dimension", [d.name for a in old.areas for d in a.dimensions], new_names)
    if described:
        changes.append(f"{described} dimension{'s' if described != 1 else ''} described in other words")
    return changes


def _say(changes: list[str], kind: str, before: list[str], after: list[str]) -> None:
    """One line each for what was added and what was removed (by name)."""
    old_keys, new_keys = {_key(n) for n in before}, {_key(n) for n in after}
    added = [n for n in after if _key(n) not in old_keys]
    removed = [n for n in before if _key(n) not in new_keys]
    if added:
        changes.append(f"{kind}s added ({len(added)}): {', '.join(added[:8])}{', ...' if len(added) > 8 else ''}")
    if removed:
        shown = f"{', '.join(removed[:8])}{', ...' if len(removed) > 8 else ''}"
        answers = " (answers given on them are kept in the assessments, shown as no longer in the framework)"
        changes.append(f"{kind}s removed ({len(removed)}): {shown}{answers if kind != 'area' else ''}")
