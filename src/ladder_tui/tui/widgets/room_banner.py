"""A one-line banner of who is in the room, shown on every screen when the app is served over SSH."""

from __future__ import annotations

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

    def _show(self, text: str) -> None:
        self.update(text)
        self.set_class(bool(text), "-active")
