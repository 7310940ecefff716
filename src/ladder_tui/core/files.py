"""Files on disk without pydantic: atomic private writes, and finding and reading assessment TOML."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Any

import tomli as tomllib  # the standard TOML parser, compiled: about 3x faster than the standard library's copy

from ladder_tui.core.errors import LadderError
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


def read_assessment_data(path: Path) -> dict[str, Any]:
    """The TOML of an assessment file as a dict; LadderError naming the file when it cannot be read."""
    name = str(path)
    if path.is_dir():
        raise LadderError(f"{name}: is a directory, not an assessment file")
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise LadderError(f"{name}: no such file") from None
    except PermissionError:
        raise LadderError(f"{name}: permission denied") from None
    except OSError as exc:
        raise LadderError(f"{name}: cannot read ({exc.strerror or exc})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise LadderError(f"{name}: is not UTF-8 text, so not an assessment file") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LadderError(f"{name}: malformed TOML: {exc}") from None
