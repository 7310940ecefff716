"""Who is acting, for screens: the person whose key is being handled (a room's member, or the OS user), asked of the
app, and how a person who rated or wrote something is named beside it."""

from __future__ import annotations

import time

from textual.dom import DOMNode

from ladder_tui.core.domain.walk import Actor


def actor(node: DOMNode) -> Actor:
    """Who pressed the key being handled, and when."""
    from ladder_tui.tui.app import LadderApp

    app = node.app
    return app.actor() if isinstance(app, LadderApp) else Actor(None, time.monotonic())


def person(node: DOMNode) -> str | None:
    return actor(node).person


def credit(node: DOMNode, by: str | None) -> str | None:
    """The name to show beside something `by` did: in a room always (a shared screen has no "you"); elsewhere, only
    someone other than the OS user running the app."""
    from ladder_tui.tui.app import LadderApp

    app = node.app
    if by is None or not isinstance(app, LadderApp):
        return None
    return by if app.served or by != app.local_person else None
