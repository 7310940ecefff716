"""Listing saved assessments quickly (Home and `ladder-tui list`): plain TOML reads, no pydantic, no Textual."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import tomli as tomllib  # compiled, about 3x faster than the standard library copy (same API)

from ladder_tui.core.errors import LadderError
from ladder_tui.core.files import read_assessment_data
from ladder_tui.core.paths import assessments_dir
from ladder_tui.core.views import ASSESSMENT_KIND, BELOW, MODES, NOT_APPLICABLE


@dataclass(frozen=True)
class FrameworkShape:
    """What listing needs of a framework: its level ids, questions and which dimensions each area holds."""

    level_ids: frozenset[str]
    question_defaults: dict[str, bool]
    #: (applies_if question or None, number of dimensions) per area.
    areas: list[tuple[str | None, list[tuple[str, str]]]] = field(default_factory=list)

    @classmethod
    def from_toml(cls, data: dict[str, Any]) -> FrameworkShape:
        levels = frozenset(str(level["id"]) for level in data.get("levels", []) if isinstance(level, dict))
        questions = {
            str(q["id"]): bool(q.get("default", False)) for q in data.get("questions", []) if isinstance(q, dict)
        }
        areas = []
        for area in data.get("areas", []):
            if not isinstance(area, dict):
                continue
            dims = [
                (str(area.get("id")), str(dim.get("id"))) for dim in area.get("dimensions", []) if isinstance(dim, dict)
            ]
            applies_if = area.get("applies_if")
            areas.append((str(applies_if) if applies_if is not None else None, dims))
        return cls(levels, questions, areas)

    def applicable(self, answers: dict[str, Any]) -> Iterable[tuple[str, str]]:
        for applies_if, dims in self.areas:
            if applies_if is None or answers.get(applies_if, self.question_defaults.get(applies_if, False)):
                yield from dims


def framework_shapes(folders: Iterable[Path]) -> dict[str, FrameworkShape]:
    """Shapes of the frameworks in `folders` by id; later folders win, as in the catalog. Broken files are skipped."""
    shapes: dict[str, FrameworkShape] = {}
    for folder in folders:
        try:
            files = sorted(folder.glob("*.toml"))
        except OSError:
            continue
        for path in files:
            try:
                data = tomllib.loads(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                continue
            if isinstance(data.get("id"), str):
                shapes[data["id"]] = FrameworkShape.from_toml(data)
    return shapes


@dataclass(frozen=True)
class ListedAssessment:
    """One row of `ladder-tui list` and of the Home screen's resume list."""

    id: str
    path: Path
    subject: str
    framework: str
    mode: str
    answered: int | None
    total: int | None
    updated: datetime | None
    error: str | None = None

    @property
    def progress(self) -> str:
        return f"{self.answered}/{self.total}" if self.total is not None else "?"


def _effective(answer: dict[str, Any], valid: frozenset[str]) -> str | None:
    """The scoring rating (agreed, else lead, else self); skips and unknown levels are not answers."""
    for slot in ("agreed", "lead", "self"):
        value = answer.get(slot)
        if isinstance(value, str) and value in valid:
            return value
    return None


def list_assessments(folders: Iterable[Path], folder: Path | None = None) -> list[ListedAssessment]:
    """Every assessment in the data folder, most recently saved first; unreadable files are listed with why.

    `folders` are the framework folders (the catalog's `dirs`), read as plain TOML to count dimensions.
    """
    folder = folder or assessments_dir()
    try:
        files = sorted(folder.glob("*.toml"))
    except OSError:
        return []
    folders = list(folders)
    shapes: dict[str, FrameworkShape | None] = {}
    rows: list[ListedAssessment] = []
    for path in files:
        try:
            data = read_assessment_data(path)
            row = _row(path, data)
        except LadderError as exc:
            rows.append(ListedAssessment(path.stem, path, "?", "?", "?", None, None, None, str(exc)))
            continue
        shape = _shape_for(data, shapes, folders)
        if shape is not None:
            valid = shape.level_ids | {BELOW, NOT_APPLICABLE}
            answers = data.get("answers", {})
            questions = data.get("questions", {}) if isinstance(data.get("questions"), dict) else {}
            total = answered = 0
            for area_id, dim_id in shape.applicable(questions):
                total += 1
                area = answers.get(area_id, {}) if isinstance(answers, dict) else {}
                answer = area.get(dim_id) if isinstance(area, dict) else None
                if isinstance(answer, dict) and _effective(answer, valid) is not None:
                    answered += 1
            row = ListedAssessment(row.id, path, row.subject, row.framework, row.mode, answered, total, row.updated)
        rows.append(row)
    rows.sort(key=lambda row: row.updated.timestamp() if row.updated else 0, reverse=True)
    return rows


def _row(path: Path, data: dict[str, Any]) -> ListedAssessment:
    framework = data.get("framework")
    if data.get("kind") != ASSESSMENT_KIND and "answers" not in data:
        raise LadderError(f'{path}: not a ladder-tui assessment (no kind = "{ASSESSMENT_KIND}")')
    subject, mode, updated = data.get("subject"), data.get("mode", "self"), data.get("updated")
    if (
        not isinstance(subject, str)
        or not isinstance(framework, dict)
        or not isinstance(framework.get("id"), str)
        or mode not in MODES
        or not isinstance(updated, datetime)
        or not isinstance(data.get("answers", {}), dict)
    ):
        raise LadderError(f"{path}: not a valid assessment (subject, framework, mode or updated is missing or wrong)")
    return ListedAssessment(str(data.get("id", path.stem)), path, subject, framework["id"], mode, None, None, updated)


def _shape_for(
    data: dict[str, Any], shapes: dict[str, FrameworkShape | None], folders: list[Path]
) -> FrameworkShape | None:
    ref = data["framework"]
    if isinstance(ref.get("path"), str):
        try:
            return FrameworkShape.from_toml(tomllib.loads(Path(ref["path"]).read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            pass
    framework_id = ref["id"]
    if framework_id not in shapes:
        shapes[framework_id] = _find_shape(framework_id, folders)
    return shapes[framework_id]


def _find_shape(framework_id: str, folders: list[Path]) -> FrameworkShape | None:
    """Files are usually named after their id: read that one file first (later folders win), else scan them all."""
    for folder in reversed(folders):
        path = folder / f"{framework_id}.toml"
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue
        if data.get("id") == framework_id:
            return FrameworkShape.from_toml(data)
    return framework_shapes(folders).get(framework_id)
