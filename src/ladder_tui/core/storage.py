"""Assessment files on disk: atomic private TOML writes, strict loading, listing, and a lock against two writers."""

from __future__ import annotations

import contextlib
import fcntl
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w
from pydantic import ValidationError

from ladder_tui.core.assessment import Assessment, slugify
from ladder_tui.core.catalog import FrameworkCatalog
from ladder_tui.core.errors import LadderError
from ladder_tui.core.framework import Framework, FrameworkError, load_framework
from ladder_tui.core.listing import ListedAssessment, read_assessment_data
from ladder_tui.core.listing import list_assessments as _list_assessments
from ladder_tui.core.paths import assessments_dir

FILE_MODE = 0o600  # personal performance data
DIR_MODE = 0o700


def atomic_write_text(path: Path, text: str, mode: int = FILE_MODE) -> None:
    """Write `text` so that `path` always holds either the old or the new content, never half of one."""
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise LadderError(f"{folder}: cannot write here ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            os.fchmod(handle.fileno(), mode)
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException as exc:
        # Ctrl+C or a full disk mid-write: the old file stays as it was; only the temp file goes.
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        if isinstance(exc, OSError):
            raise LadderError(f"{path}: not saved ({exc.strerror or exc}); the previous version is intact") from None
        raise
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def assessment_to_toml(assessment: Assessment) -> str:
    data = assessment.model_dump(mode="python", by_alias=True, exclude_none=True)
    header = "# ladder-tui assessment: personal data, keep private. Edited by ladder-tui; safe to read and diff.\n"
    return header + tomli_w.dumps(data)


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


def find_assessment(file_or_id: str, folder: Path | None = None) -> Path:
    """An assessment path from a file path or an assessment id in the data folder."""
    candidate = Path(file_or_id).expanduser()
    if candidate.exists() or "/" in file_or_id or file_or_id.endswith(".toml"):
        return candidate
    folder = folder or assessments_dir()
    by_id = folder / f"{file_or_id}.toml"
    if by_id.exists():
        return by_id
    raise LadderError(f"{file_or_id}: no such assessment file or id (looked in {folder})")


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
    opened = OpenedAssessment(assessment, framework, path)
    if ref.hash and ref.hash != framework.content_hash():
        opened.warnings.append(
            f"framework {framework.id!r} changed since this assessment was saved "
            f"(version {ref.version} -> {framework.version}); every answer is kept"
        )
    orphans = assessment.orphans(framework)
    if orphans:
        listed = ", ".join(f"{area} > {dim}" for area, dim in orphans)
        opened.warnings.append(
            f"{len(orphans)} answer(s) for dimensions the framework no longer has, kept in the file: {listed}"
        )
    invalid = assessment.invalid_ratings(framework)
    if invalid:
        listed = ", ".join(f"{a} > {d} ({slot}: {value!r})" for a, d, slot, value in invalid)
        opened.warnings.append(
            f"{len(invalid)} rating(s) name levels the framework no longer has, kept but not scored: {listed}"
        )
    return opened


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
