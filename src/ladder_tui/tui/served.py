"""Served mode: the app's side of `ladder-tui serve` (a full redraw on request, and a banner of who is in the room).

The server starts the app for a room with LADDER_TUI_SERVED=1 and LADDER_TUI_ROOM_STATE=/path/room.json, then:
- SIGUSR1: draw the whole screen again (a member joined: their terminal has nothing on it yet);
- SIGUSR2: the room-state file was rewritten (someone joined, left or resized): show it in the banner.
The room-state file is JSON: {"room": str, "members": [{"name": str, "cols": int, "rows": int}], "size_by": str,
"cols": int, "rows": int}, replaced atomically by the server.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
from pathlib import Path
from typing import Any

from textual.app import App

SERVED_ENV = "LADDER_TUI_SERVED"
ROOM_STATE_ENV = "LADDER_TUI_ROOM_STATE"


def is_served() -> bool:
    """True when `ladder-tui serve` runs this app for a shared room over SSH."""
    return os.environ.get(SERVED_ENV, "") not in ("", "0")


def read_room_state(path: Path | None = None) -> dict[str, Any] | None:
    """The room as the server last described it, or None when there is no usable state file."""
    if path is None:
        name = os.environ.get(ROOM_STATE_ENV)
        if not name:
            return None
        path = Path(name)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _clean(text: object, limit: int = 32) -> str:
    """Names come from key comments: keep them printable and short."""
    cleaned = "".join(ch for ch in str(text) if ch.isprintable()).strip()
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"


def room_banner(state: dict[str, Any]) -> str:
    """E.g. "Room alex · 2 here: alice, bob · size 80x24 set by bob"."""
    room = _clean(state.get("room", "?"))
    members = [m for m in state.get("members", []) if isinstance(m, dict)]
    names = ", ".join(_clean(m.get("name", "?")) for m in members)
    text = f"Room {room} · {len(members)} here"
    if names:
        text += f": {names}"
    cols, rows = state.get("cols"), state.get("rows")
    if isinstance(cols, int) and isinstance(rows, int):
        text += f" · size {cols}x{rows}"
        size_by = _clean(state.get("size_by", ""), 64)
        if size_by and len(members) > 1:
            text += f" set by {size_by}"
    return text


def redraw(app: App[Any]) -> None:
    """Paint every cell again. A resize to the same size does not (App._on_resize returns early), so this marks the
    whole screen dirty: the next update is then a full one rather than the usual difference."""
    try:
        screen = app.screen
    except Exception:  # no screen yet: the first paint is a full one anyway
        return
    screen.refresh(layout=True)
    app.check_idle()


def update_banner(app: App[Any]) -> None:
    state = read_room_state()
    if state is None:
        return
    text = room_banner(state)
    setter = getattr(app, "set_room_banner", None)
    if callable(setter):
        setter(text)
    else:
        app.sub_title = text


def install_served_mode(app: App[Any]) -> None:
    """Called by the app in on_mount when is_served(): hook the server's two signals, show the room at once."""
    loop = asyncio.get_running_loop()
    try:
        loop.add_signal_handler(signal.SIGUSR1, redraw, app)
        loop.add_signal_handler(signal.SIGUSR2, update_banner, app)
    except (NotImplementedError, RuntimeError, ValueError):
        pass  # no signals here (not the main thread, or not POSIX): the room works, late joiners wait for a change
    update_banner(app)
