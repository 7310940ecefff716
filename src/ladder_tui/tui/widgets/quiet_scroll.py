"""A scrolling pane that never takes keyboard focus, so Tab goes from field to field with no invisible stops."""

from __future__ import annotations

from textual.containers import VerticalScroll


class QuietScroll(VerticalScroll, can_focus=False):
    """Scrolls with the mouse wheel and with the focused widget inside it; Tab passes it by."""
