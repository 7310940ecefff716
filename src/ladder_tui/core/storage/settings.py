"""What the app remembers between runs that is not anybody's data (the theme): a small JSON file in the user's
config folder (platformdirs), or `config/` inside LADDER_TUI_HOME when that is set. Best effort both ways: a file
that cannot be read or written only means the default next time."""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

from ladder_tui.core.errors import LadderError

APP_NAME = "ladder-tui"


def settings_file() -> Path:
    override = os.environ.get("LADDER_TUI_HOME")
    if override:
        return Path(override).expanduser() / "config" / "settings.json"
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False) / "settings.json"


def _read() -> dict[str, Any]:
    from ladder_tui.core.storage.files import read_bytes

    try:
        data = json.loads(read_bytes(settings_file(), limit=64 * 1024))
    except (LadderError, ValueError, OSError):
        return {}
    return data if isinstance(data, dict) else {}


def remembered_theme() -> str | None:
    theme = _read().get("theme")
    return theme if isinstance(theme, str) and theme else None


def remember_theme(theme: str) -> None:
    from ladder_tui.core.storage.files import atomic_write

    data = {**_read(), "theme": theme}
    with contextlib.suppress(LadderError):
        atomic_write(settings_file(), json.dumps(data) + "\n")
