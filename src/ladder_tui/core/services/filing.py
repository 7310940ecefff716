"""Keeping the assessments folder tidy: archive (out of sight, still counted in a person's history), unarchive,
delete (to the data folder's trash, never gone at once) and restore. Each move takes the assessment's lock first, so
a file open in another ladder-tui is never moved from under it."""

from __future__ import annotations

import os
from pathlib import Path

from ladder_tui.core.errors import LadderError


def _move(source: Path, folder: Path, what: str) -> Path:
    from ladder_tui.core.storage.assessments import AssessmentLock
    from ladder_tui.core.storage.files import DIR_MODE, exists

    if not exists(source) or not source.is_file():
        raise LadderError(f"{source}: no such assessment to {what}")
    target = folder / source.name
    if exists(target):
        raise LadderError(f"{target}: already there; move or rename it first")
    lock = AssessmentLock(source)
    if not lock.acquire():
        raise LadderError(f"{source}: not moved: it is open in another ladder-tui (or its folder is read-only)")
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
        try:
            os.link(source, target)  # never over a file that appeared in the meantime
            os.unlink(source)
        except OSError as exc:
            raise LadderError(f"{source}: cannot {what} it ({exc.strerror or exc})") from None
    finally:
        lock.release()
        lock.path.unlink(missing_ok=True)
    return target


def _by_id(assessment_id: str, folder: Path) -> Path:
    if "/" in assessment_id or assessment_id in ("", ".", ".."):
        raise LadderError(f"{assessment_id!r}: give an assessment id (the first column of `ladder-tui list`)")
    return folder / f"{assessment_id.removesuffix('.toml')}.toml"


def archive(assessment_id: str) -> Path:
    from ladder_tui.core.storage.paths import archive_dir, assessments_dir

    return _move(_by_id(assessment_id, assessments_dir()), archive_dir(), "archive")


def unarchive(assessment_id: str) -> Path:
    from ladder_tui.core.storage.paths import archive_dir, assessments_dir

    return _move(_by_id(assessment_id, archive_dir()), assessments_dir(), "unarchive")


def delete(assessment_id: str) -> Path:
    """Move the assessment (from the folder or the archive) to the trash."""
    from ladder_tui.core.storage.files import exists
    from ladder_tui.core.storage.paths import archive_dir, assessments_dir, trash_dir

    source = _by_id(assessment_id, assessments_dir())
    if not exists(source):
        source = _by_id(assessment_id, archive_dir())
    return _move(source, trash_dir(), "delete")


def restore(assessment_id: str) -> Path:
    from ladder_tui.core.storage.paths import assessments_dir, trash_dir

    return _move(_by_id(assessment_id, trash_dir()), assessments_dir(), "restore")
