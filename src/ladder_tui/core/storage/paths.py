"""Where ladder-tui keeps its files: the data folder (LADDER_TUI_HOME or the platform's user data folder)."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "ladder-tui"


def data_home() -> Path:
    """The data folder; `LADDER_TUI_HOME` overrides the platform default (tests always set it)."""
    override = os.environ.get("LADDER_TUI_HOME")
    if override:
        return Path(override).expanduser()
    # Deferred: platformdirs costs a few milliseconds and only this path needs it.
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def cache_home() -> Path:
    """Files ladder-tui can always rebuild: under `LADDER_TUI_HOME` when set, else the platform's user cache folder."""
    override = os.environ.get("LADDER_TUI_HOME")
    if override:
        return Path(override).expanduser() / "cache"
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False)


def assessments_dir(home: Path | None = None) -> Path:
    return (home or data_home()) / "assessments"


def archive_dir(home: Path | None = None) -> Path:
    """Assessments kept but out of sight (Home, `list` and `team` leave them out; `history` counts them)."""
    return assessments_dir(home) / "archive"


def trash_dir(home: Path | None = None) -> Path:
    """Deleted assessments, until restored (or removed by hand)."""
    return (home or data_home()) / "trash"


def people_file(home: Path | None = None) -> Path:
    """Who is who on a served team (see `ladder-tui serve`); optional."""
    return (home or data_home()) / "people.toml"


def user_frameworks_dir(home: Path | None = None) -> Path:
    return (home or data_home()) / "frameworks"


def builtin_frameworks_dir() -> Path:
    """The built-in ladders: inside the installed package, or the repository's `frameworks/` in a checkout."""
    packaged = Path(__file__).resolve().parents[2] / "builtin_frameworks"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[4] / "frameworks"


def framework_dirs(home: Path | None = None, extra_dirs: list[Path] | None = None) -> list[tuple[Path, str]]:
    """Where frameworks are looked for, with their origin; for one id, a later folder's file wins."""
    dirs = [(builtin_frameworks_dir(), "built-in"), (user_frameworks_dir(home), "user")]
    return dirs + [(extra, "path") for extra in extra_dirs or []]


#: The data folder's own sub-folders: nothing but ladder-tui writes there (a report never lands in them).
OWN_FOLDERS = ("assessments", "frameworks", "trash", "cache")


def own_folder(path: Path) -> str | None:
    """Which of ladder-tui's own folders `path` (resolved) lies in ("the assessments folder"), or None."""
    resolved = path.resolve()
    places = [(data_home() / name, name) for name in OWN_FOLDERS] + [(cache_home(), "cache")]
    for folder, name in places:
        try:
            if resolved.is_relative_to(folder.resolve()):
                return f"the {name} folder"
        except OSError:
            continue
    return None
