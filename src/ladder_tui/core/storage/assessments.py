"""Assessment files on disk: opening one with its framework, private atomic saves, new files, and the writer's lock."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import tomli_w

from ladder_tui.core.domain import rules
from ladder_tui.core.domain.assessment import Assessment, slugify
from ladder_tui.core.domain.framework import Framework
from ladder_tui.core.errors import LadderError
from ladder_tui.core.storage.catalog import FrameworkCatalog
from ladder_tui.core.storage.files import FILE_MODE, atomic_write, create_exclusive, exists, real_path
from ladder_tui.core.storage.loader import answer_fields, assessment_to_data, load_assessment
from ladder_tui.core.storage.paths import assessments_dir

HEADER = "# ladder-tui assessment: personal data, keep private. Edited by ladder-tui; safe to read and diff.\n"


def assessment_to_toml(assessment: Assessment) -> str:
    """The file's text: `tomli_w.dumps` of the file's data, with each area's answers formatted once and reused while
    they do not change (a key press changes one area; formatting all 500 answers took half of a save)."""
    data = assessment_to_data(assessment, answers=False)
    if not assessment.answers:
        return HEADER + tomli_w.dumps({**data, "answers": {}})  # an empty [answers] table, as tomli_w writes it
    chunks = []
    for area_id, dims in assessment.answers.items():
        key = tuple((dim_id, _frozen(answer_fields(answer))) for dim_id, answer in dims.items())
        # Huge notes are formatted afresh each time rather than kept: old versions must not pile up in memory.
        small = sum(_chars(fields) for _dim_id, fields in key) <= CACHED_AREA_CHARS
        chunks.append(_cached_area_toml(area_id, key) if small else _area_toml(area_id, key))
    # `answers` is the file's last table, and its tables follow the rest, one blank line apart.
    return HEADER + tomli_w.dumps(data) + "\n" + "\n".join(chunks)


#: Areas whose answers and notes are longer than this are not cached (see assessment_to_toml).
CACHED_AREA_CHARS = 50_000


#: An answer's fields as a cache key: (name, value) pairs, a list of tables as a tuple of pair tuples.
Frozen = tuple[tuple[str, object], ...]


def _frozen(fields: dict[str, object]) -> Frozen:
    return tuple(
        (name, tuple(tuple(item.items()) for item in value) if isinstance(value, list) else value)
        for name, value in fields.items()
    )


def _thawed(fields: Frozen) -> dict[str, object]:
    return {name: [dict(item) for item in value] if isinstance(value, tuple) else value for name, value in fields}


def _chars(fields: Frozen) -> int:
    """About how much text an answer holds (its notes, mostly)."""
    return sum(
        len(value) if isinstance(value, str) else sum(len(str(v)) for item in value for _k, v in item)
        for _name, value in fields
        if isinstance(value, str | tuple)
    )


def _area_toml(area_id: str, dims: tuple[tuple[str, Frozen], ...]) -> str:
    return tomli_w.dumps({"answers": {area_id: {dim_id: _thawed(fields) for dim_id, fields in dims}}})


#: Enough for every area of a large framework (the synthetic 500-dimension one has 20) and a few old versions.
_cached_area_toml = lru_cache(maxsize=128)(_area_toml)


def save_assessment(assessment: Assessment, path: Path) -> None:
    """Replace the file with the assessment, atomically (the file a symlink points to, when `path` is one)."""
    atomic_write(path, assessment_to_toml(assessment))


def create_assessment(assessment: Assessment, folder: Path | None = None) -> Path:
    """Save a new assessment under a free, readable id in `folder`: `assessment.id` when free; for a person's next
    cycle `<id>-<date>` (the local date), then `<id>-<date>-2`...

    Each name is claimed exclusively, so two processes starting the same subject at once make two files."""
    folder = folder or assessments_dir()
    base = assessment.id
    names = [base, f"{base}-{assessment.created.astimezone().date().isoformat()}"]
    number = 1
    while True:
        assessment.id = names[number - 1] if number <= len(names) else f"{names[-1]}-{number - len(names) + 1}"
        path = folder / f"{assessment.id}.toml"
        try:
            create_exclusive(path, assessment_to_toml(assessment), FILE_MODE)
            return path
        except FileExistsError:
            number += 1
            if number > 10_000:
                raise LadderError(f"{folder}: no free name for {base!r}") from None


FRAMEWORK_HEADER = (
    "# A ladder-tui framework. Check it with `ladder-tui frameworks validate FILE`; the format: docs/frameworks.md.\n"
)


def framework_text(data: dict[str, object]) -> str:
    """Framework data as the TOML file ladder-tui writes."""
    return FRAMEWORK_HEADER + tomli_w.dumps(data)


def write_framework(data: dict[str, object], path: Path, *, force: bool = False, make_folder: bool = True) -> None:
    """Save framework data (as a TOML file holds it) to `path`: a new file, or with `force` over an old framework
    (never over an assessment or anything that is not a regular file). Without `make_folder` (a path a person
    typed) a missing folder is an error rather than made."""
    from ladder_tui.core.storage.files import atomic_write
    from ladder_tui.core.storage.loader import looks_like_ladder_file

    if not make_folder and not path.expanduser().parent.is_dir():
        raise LadderError(f"{path}: the folder {path.expanduser().parent} does not exist")
    from ladder_tui.core.storage.paths import own_folder

    place = own_folder(path.expanduser().parent)
    if place is not None and place != "the frameworks folder":
        raise LadderError(f"{path}: is in {place} of ladder-tui's data; a framework goes elsewhere")
    text = framework_text(data)
    if not force:
        try:
            create_exclusive(path, text, 0o644)
        except FileExistsError:
            raise LadderError(f"{path}: already exists; --force replaces it") from None
        return
    if looks_like_ladder_file(path) == "an assessment":
        raise LadderError(f"{path}: is an assessment of ladder-tui; not overwritten")
    atomic_write(path, text, mode=0o644)


def find_assessment(file_or_id: str, folder: Path | None = None) -> Path:
    """An assessment path from a file path, or from an assessment id in the assessments folder."""
    candidate = Path(file_or_id).expanduser()
    if "/" in file_or_id or file_or_id.endswith(".toml") or exists(candidate):
        return candidate
    try:
        folder = readable_folder(folder or assessments_dir())
    except LadderError as exc:
        raise LadderError(f"{file_or_id}: no such assessment file or id ({exc})") from None
    by_id = folder / f"{file_or_id}.toml"
    if not exists(by_id):
        raise LadderError(f"{file_or_id}: no such assessment file or id (looked in {folder})")
    return by_id


def readable_folder(folder: Path) -> Path:
    """`folder`, or a clear error when it (or a folder above it) is a file or cannot be read. Missing is fine."""
    existing = folder
    while existing.parent != existing and not exists(existing):
        existing = existing.parent
    if not existing.is_dir():
        if existing == folder:
            raise LadderError(f"{folder}: is a file, not a folder")
        raise LadderError(f"{existing}: is a file, so the folder {folder} cannot exist")
    if not os.access(existing, os.R_OK | os.X_OK):
        raise LadderError(f"{existing}: permission denied (cannot read the folder)")
    return folder


def assessment_id_for(subject: str, framework_id: str) -> str:
    """A readable id for a new assessment (made unique by `create_assessment`)."""
    return f"{slugify(subject)}-{framework_id}"


@dataclass
class OpenedAssessment:
    """An assessment with the framework it is answered against, and what changed since it was saved."""

    assessment: Assessment
    framework: Framework
    #: The real file (symlinks resolved): every writer of one assessment writes and locks the same file.
    path: Path
    warnings: list[str] = field(default_factory=list)


def open_assessment(path: Path, catalog: FrameworkCatalog) -> OpenedAssessment:
    """Load an assessment and its framework; LadderError naming the file when either cannot be had."""
    real = real_path(path)
    assessment = load_assessment(real)
    framework = catalog.for_assessment(assessment.framework.id, assessment.framework.path)
    if framework is None:
        raise LadderError(f"{path}: uses framework {assessment.framework.id!r}, which is not installed")
    return OpenedAssessment(assessment, framework, real, rules.framework_warnings(framework, assessment))


class AssessmentLock:
    """An advisory lock beside the real assessment file, so a second process opens it read-only instead of racing.

    `acquire` says why it could not lock: another ladder-tui holds it, or the folder cannot be written at all."""

    def __init__(self, path: Path) -> None:
        real = real_path(path)
        self.file = real
        self.path = real.with_name(f".{real.name}.lock")
        self._fd: int | None = None
        #: Why the last `acquire` failed: "busy" (another writer), "read-only" (the folder refuses writes) or
        #: "linked" (the file has more than one name).
        self.refused: str | None = None

    def acquire(self) -> bool:
        """True when this process may write the assessment."""
        try:
            links = os.stat(self.file).st_nlink
        except OSError:
            links = 1
        if links > 1:
            # Another name for the same file would take a lock of its own, and a save (an atomic replace) would
            # split the two names into two files: one writer is only sure with one name.
            self.refused = "linked"
            return False
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        except OSError as exc:
            self.refused = "read-only" if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS) else "busy"
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            self.refused = "busy"
            return False
        if not os.access(self.path.parent, os.W_OK):
            # The lock file exists but nothing new can be written beside it (a folder made read-only later).
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
            self.refused = "read-only"
            return False
        self._fd = fd
        self.refused = None
        return True

    def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(self._fd, fcntl.LOCK_UN)
                os.close(self._fd)
            self._fd = None
