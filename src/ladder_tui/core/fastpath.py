"""Opening an assessment for `summary` without pydantic, and falling back to the full path whenever in doubt.

Pydantic and building the models cost about 100 ms, and parsing a 500-dimension framework's TOML another 45 ms,
several times what scoring and printing take. So frameworks are validated once and their validated data is cached
(marshal, keyed by the file's bytes and the model code, like a .pyc), and the assessment is read through a strict
check (`views.strict_assessment_view`). Whenever either cannot vouch for a file, `open_fast` returns None and the
caller takes the full path, which gives the same result or the full error message.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

try:  # blake2 is built into CPython; importing it via hashlib also loads OpenSSL (a few ms `summary` need not pay)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other Pythons
    from hashlib import blake2b

from ladder_tui.core.files import read_assessment_data
from ladder_tui.core.paths import cache_home
from ladder_tui.core.views import (
    AssessmentView,
    FrameworkView,
    framework_view,
    framework_warnings,
    strict_assessment_view,
)

#: Bump when the shape of a cache entry changes.
CACHE_FORMAT = 1
#: Entries not used for this long are removed when a new one is written.
CACHE_MAX_AGE = 60 * 60 * 24 * 30


class CompiledFramework(NamedTuple):
    """A framework file's validated data (`Framework.model_dump()`), with its id and content hash."""

    path: Path
    id: str
    data: dict[str, Any]
    content_hash: str


class FastOpened(NamedTuple):
    assessment: AssessmentView
    framework: FrameworkView
    warnings: list[str]


def _code_tag() -> bytes:
    """What the cached data depends on besides the file: the model code that validated it, and marshal's format."""
    here = Path(__file__).resolve().parent
    parts = [f"{CACHE_FORMAT}:{marshal.version}:{sys.version_info[:2]}".encode()]
    for name in ("framework.py", "views.py"):
        try:
            parts.append((here / name).read_bytes())
        except OSError:
            from ladder_tui import __version__

            parts.append(__version__.encode())
    return blake2b(b"\0".join(parts), digest_size=16).digest()


_TAG: bytes | None = None


def cache_dir() -> Path:
    return cache_home() / "frameworks"


def compiled_framework(path: Path) -> CompiledFramework | None:
    """The validated data of a framework file, from the cache when these bytes were validated before.

    On a miss the file is validated with the models (importing pydantic) and the result cached; None when the file
    cannot be read or is not a valid framework (that is cached too, so a broken file costs nothing next time).
    """
    global _TAG
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    if _TAG is None:
        _TAG = _code_tag()
    key = blake2b(raw, digest_size=20, key=_TAG).hexdigest()
    entry_path = cache_dir() / f"{key}.marshal"
    entry = _read_entry(entry_path)
    if entry is None:
        entry = _validate(raw, path)
        _write_entry(entry_path, entry)
    if not entry.get("ok"):
        return None
    return CompiledFramework(path, entry["id"], entry["data"], entry["hash"])


def _read_entry(entry_path: Path) -> dict[str, Any] | None:
    try:
        entry = marshal.loads(entry_path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if type(entry) is not dict or entry.get("format") != CACHE_FORMAT:
        return None
    return entry


def _validate(raw: bytes, path: Path) -> dict[str, Any]:
    import tomli as tomllib

    from ladder_tui.core.framework import FrameworkError, parse_framework

    try:
        text = raw.decode("utf-8")
        framework = parse_framework(tomllib.loads(text), str(path), text)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, FrameworkError):
        return {"format": CACHE_FORMAT, "ok": False}
    return {
        "format": CACHE_FORMAT,
        "ok": True,
        "id": framework.id,
        "hash": framework.content_hash(),
        "data": framework.model_dump(mode="python"),
    }


def _write_entry(entry_path: Path, entry: dict[str, Any]) -> None:
    """Best effort: a cache that cannot be written (read-only, full disk) only means validating again next time."""
    import tempfile

    folder = entry_path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, temp_name = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=folder)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(marshal.dumps(entry))
        os.replace(temp_name, entry_path)
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        return
    _prune(folder, keep=entry_path)


def _prune(folder: Path, keep: Path) -> None:
    cutoff = time.time() - CACHE_MAX_AGE
    with contextlib.suppress(OSError):
        for old in folder.glob("*.marshal"):
            with contextlib.suppress(OSError):
                if old != keep and old.stat().st_atime < cutoff and old.stat().st_mtime < cutoff:
                    old.unlink()


def find_framework(framework_id: str, folders: Sequence[Path]) -> CompiledFramework | None:
    """The framework the catalog would give for `framework_id`: the last valid file with that id (later folders and,
    within a folder, later names win, as in `FrameworkCatalog.frameworks`)."""
    for folder in reversed(folders):
        try:
            files = sorted(folder.glob("*.toml"), reverse=True)
        except OSError:
            continue
        for path in files:
            compiled = compiled_framework(path)
            if compiled is not None and compiled.id == framework_id:
                return compiled
    return None


def open_fast(path: Path, folders: Sequence[Path]) -> FastOpened | None:
    """The assessment at `path` and its framework as light views, or None when the full path must decide.

    Unreadable or malformed files raise LadderError exactly as the full path would (same reader)."""
    assessment = strict_assessment_view(read_assessment_data(path))
    if assessment is None:
        return None
    ref = assessment.framework
    compiled = compiled_framework(Path(ref.path)) if ref.path else None
    if compiled is None:
        compiled = find_framework(ref.id, folders)
    if compiled is None:
        return None
    try:
        framework = framework_view(compiled.data)
    except (KeyError, TypeError, IndexError):
        return None  # a cache entry of an unexpected shape: let the models read the file
    return FastOpened(assessment, framework, framework_warnings(assessment, framework, compiled.content_hash))
