"""Assessment files on disk: atomic private TOML writes, strict loading, listing, and a lock against two writers."""

from __future__ import annotations

import contextlib
import fcntl
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import tomli_w
from pydantic import ValidationError

from ladder_tui.core.assessment import Assessment, slugify
from ladder_tui.core.catalog import FrameworkCatalog
from ladder_tui.core.errors import LadderError
from ladder_tui.core.files import DIR_MODE as DIR_MODE
from ladder_tui.core.files import FILE_MODE as FILE_MODE
from ladder_tui.core.files import atomic_write_text as atomic_write_text
from ladder_tui.core.files import find_assessment as find_assessment
from ladder_tui.core.files import read_assessment_data
from ladder_tui.core.framework import Framework, FrameworkError, load_framework
from ladder_tui.core.listing import ListedAssessment
from ladder_tui.core.listing import list_assessments as _list_assessments
from ladder_tui.core.paths import assessments_dir
from ladder_tui.core.views import framework_warnings


def assessment_to_toml(assessment: Assessment) -> str:
    """The file's text: exactly `tomli_w.dumps` of the model, but each area's answers are formatted once and reused
    while they do not change (a key press changes one area; formatting all 500 answers took half of a save)."""
    data = assessment.model_dump(mode="python", by_alias=True, exclude_none=True)
    header = "# ladder-tui assessment: personal data, keep private. Edited by ladder-tui; safe to read and diff.\n"
    if not data.get("answers"):
        return header + tomli_w.dumps(data)  # no answers yet: an empty [answers] table, as tomli_w writes it
    answers = data.pop("answers")
    chunks = []
    for area_id, dims in answers.items():
        key = tuple((dim_id, tuple(fields.items())) for dim_id, fields in dims.items())
        # Huge notes are formatted afresh each time rather than kept: old versions must not pile up in memory.
        small = sum(len(value) for _dim_id, fields in key for _name, value in fields) <= CACHED_AREA_CHARS
        chunks.append(_cached_area_toml(area_id, key) if small else _area_toml(area_id, key))
    # `answers` is the model's last field, and its tables follow the rest, one blank line apart.
    return header + tomli_w.dumps(data) + "\n" + "\n".join(chunks)


#: Areas whose answers and notes are longer than this are not cached (see assessment_to_toml).
CACHED_AREA_CHARS = 50_000


def _area_toml(area_id: str, dims: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]) -> str:
    return tomli_w.dumps({"answers": {area_id: {dim_id: dict(fields) for dim_id, fields in dims}}})


#: Enough for every area of a large framework (the synthetic 500-dimension one has 20) and a few old versions.
_cached_area_toml = lru_cache(maxsize=128)(_area_toml)


def save_assessment(assessment: Assessment, path: Path) -> None:
    atomic_write_text(path, assessment_to_toml(assessment))


def parse_assessment(data: dict[str, Any], name: str) -> Assessment:
    if data.get("kind") != "ladder-tui assessment" and "answers" not in data:
        raise LadderError(f'{name}: not a ladder-tui assessment (no kind = "ladder-tui assessment")')
    try:
        return Assessment.model_validate(data)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        where = ".".join(str(part) for part in error["loc"])
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise LadderError(f"{name}: not a valid assessment: {where}: {error['msg']}{more}") from None


def load_assessment(path: Path) -> Assessment:
    return parse_assessment(read_assessment_data(path), str(path))


def unique_assessment_path(subject: str, framework_id: str, folder: Path | None = None) -> tuple[str, Path]:
    folder = folder or assessments_dir()
    base = f"{slugify(subject)}-{framework_id}"
    candidate = base
    number = 2
    while (folder / f"{candidate}.toml").exists():
        candidate = f"{base}-{number}"
        number += 1
    return candidate, folder / f"{candidate}.toml"


@dataclass
class OpenedAssessment:
    """An assessment with the framework it is answered against, and what changed since it was saved."""

    assessment: Assessment
    framework: Framework
    path: Path
    warnings: list[str] = field(default_factory=list)


def framework_for(assessment: Assessment, path: Path, catalog: FrameworkCatalog) -> OpenedAssessment:
    ref = assessment.framework
    framework: Framework | None = None
    if ref.path:
        with contextlib.suppress(FrameworkError):
            framework = load_framework(Path(ref.path))
    if framework is None:
        try:
            framework = catalog.get(ref.id)
        except LadderError:
            raise LadderError(f"{path}: uses framework {ref.id!r}, which is not installed") from None
    warnings = framework_warnings(assessment, framework, framework.content_hash())
    return OpenedAssessment(assessment, framework, path, warnings)


def open_assessment(path: Path, catalog: FrameworkCatalog) -> OpenedAssessment:
    return framework_for(load_assessment(path), path, catalog)


class AssessmentLock:
    """An advisory lock beside an assessment file, so a second process opens it read-only instead of racing."""

    def __init__(self, path: Path) -> None:
        self.path = path.with_name(f".{path.name}.lock")
        self._fd: int | None = None

    def acquire(self) -> bool:
        """True when this process may write the assessment."""
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        except OSError:
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(self._fd, fcntl.LOCK_UN)
                os.close(self._fd)
            self._fd = None


def list_assessments(catalog: FrameworkCatalog, folder: Path | None = None) -> list[ListedAssessment]:
    """Every assessment in the data folder, newest first (see `ladder_tui.core.listing`, which needs no pydantic)."""
    return _list_assessments([path for path, _origin in catalog.dirs], folder)
