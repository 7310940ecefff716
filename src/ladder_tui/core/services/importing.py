"""Importing a ladder: read the files (or a folder) through the importer, then save the framework it makes into
the frameworks folder or a file, never taking another framework's id unasked. `ladder-tui frameworks import` and
the app's Import dialog both come through here."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

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
) -> ImportResult:
    """What the importer makes of the files (or the folder) named; ImportProblem or LadderError when none."""
    from ladder_tui.core.importer import import_ladder
    from ladder_tui.core.importer.sources import read_sources

    sources = read_sources(names)
    return import_ladder(
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
