"""Served mode: the app's side of `ladder-tui serve` (a full redraw on request, and a banner of who is in the room).
The protocol itself (environment, the room-state file, the signals) is `ladder_tui.serve.protocol`."""

from __future__ import annotations

import asyncio
import shutil
from typing import Any

from textual.app import App

from ladder_tui.serve.protocol import REDRAW_SIGNAL, ROOM_CHANGED_SIGNAL, RoomState, read_state


def _clean(text: object, limit: int = 32) -> str:
    """Names come from key comments: keep them printable and short."""
    cleaned = "".join(ch for ch in str(text) if ch.isprintable()).strip()
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"


def room_banner(state: RoomState, width: int | None = None) -> str:
    """E.g. "Room alex · 2 here: alice, bob · size 80x24 set by bob". Within `width`, the names are shortened first
    (then left out), so that who sets the size always shows."""
    for limit in (32, 16, 10, 6, 3, 0):
        names = ", ".join(_clean(member.name, limit) for member in state.members) if limit else ""
        text = f"Room {_clean(state.room)} · {len(state.members)} here"
        if names:
            text += f": {names}"
        text += f" · size {state.cols}x{state.rows}"
        size_by = _clean(state.size_by, max(limit, 16) * 2)
        if size_by and len(state.members) > 1:
            text += f" set by {size_by}"
        if width is None or len(text) <= width:
            return text
    # Narrower still: the room, the size and who sets it, that name cut to what is left.
    head = f"Room {_clean(state.room, 16)} · {len(state.members)} here · {state.cols}x{state.rows}"
    if len(state.members) > 1 and state.size_by:
        return f"{head} by {_clean(state.size_by, max(3, (width or 0) - len(head) - 4))}"
    return head


#: How long a redraw waits for the app to take the terminal's new size before it paints anyway.
SIZE_WAIT = 2.0
SIZE_POLL = 0.05
#: Back to plain text, home, erase the whole screen.
WIPE = "\x1b[0m\x1b[H\x1b[2J"


def redraw(app: App[Any], waited: float = 0.0) -> None:
    """Wipe the terminal and paint every cell again: a late joiner's terminal has nothing of the app on it, and after
    a shrink whatever was drawn outside the smaller area would stay on the bigger terminals.

    The wipe is written by the app, in order with its own output, and only once its screen has taken the terminal's
    size: a wipe from the server could land before a paint still on its way at the old size (a busy machine). A resize
    to the same size does not repaint (App._on_resize returns early), so this marks the whole screen dirty: the next
    update is then a full one rather than the usual difference."""
    try:
        screen = app.screen
    except Exception:  # no screen yet: the first paint is a full one anyway
        return
    width, height = shutil.get_terminal_size()
    if tuple(screen.outer_size) != (width, height) and waited < SIZE_WAIT:
        app.set_timer(SIZE_POLL, lambda: redraw(app, waited + SIZE_POLL))
        return
    driver = getattr(app, "_driver", None)
    if driver is not None:
        driver.write(WIPE)
    screen.refresh(layout=True)
    app.check_idle()


def update_banner(app: App[Any]) -> None:
    from ladder_tui.tui.app import LadderApp

    state = read_state()
    if state is None:
        return
    if isinstance(app, LadderApp):
        app.room_state = state
        app.set_room_banner(room_banner(state))
        app.show_room_notice(_clean(state.notice, 160))
    else:
        app.sub_title = room_banner(state)


def install_served_mode(app: App[Any]) -> None:
    """Called by the app in on_mount when is_served(): hook the server's two signals, show the room at once."""
    loop = asyncio.get_running_loop()
    try:
        loop.add_signal_handler(REDRAW_SIGNAL, redraw, app)
        loop.add_signal_handler(ROOM_CHANGED_SIGNAL, update_banner, app)
    except (NotImplementedError, RuntimeError, ValueError):
        pass  # no signals here (not the main thread, or not POSIX): the room works, late joiners wait for a change
    update_banner(app)
