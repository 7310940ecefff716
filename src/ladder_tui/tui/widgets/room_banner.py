"""A one-line banner of who is in the room, shown on every screen when the app is served over SSH."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class RoomBanner(Static):
    """Follows the app's `room_banner`; hidden when the app is not served."""

    DEFAULT_CSS = """
    RoomBanner {
        height: 1;
        padding: 0 1;
        background: $warning 30%;
        text-style: bold;
        display: none;
    }
    RoomBanner.-active {
        display: block;
    }
    """

    def on_mount(self) -> None:
        self.watch(self.app, "room_banner", self._show, init=True)

    def _show(self, _text: str) -> None:
        self.set_class(bool(self._text()), "-active")
        self.refresh()

    def _text(self) -> str:
        from ladder_tui.tui.served import room_banner

        state = getattr(self.app, "room_state", None)
        if state is not None:
            return room_banner(state, max(self.size.width - 2, 20) if self.size.width else None)
        return str(getattr(self.app, "room_banner", ""))

    def render(self) -> Content:
        # Literal: names come from key comments, which may look like markup.
        return Content(self._text())

    def on_resize(self) -> None:
        self.refresh()
