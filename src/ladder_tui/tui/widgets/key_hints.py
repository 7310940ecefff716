"""Every key of the screen on one or two lines (the footer would cut them at 80 columns); keys are clickable.

The keys come from the screen's active bindings, which come from the one command table (`tui.commands`), so the
hints, the help screen and the palette always agree. What cannot be done now (`check_action`) is shown dimmed.
"""

from __future__ import annotations

from textual.content import Content
from textual.screen import Screen
from textual.style import Style
from textual.widgets import Static


class KeyHints(Static):
    """The keys of the screen it sits on, wrapped to the width, each `key label` kept together."""

    DEFAULT_CSS = """
    KeyHints {
        dock: bottom;
        height: auto;
        max-height: 3;
        padding: 0 1;
        background: $footer-background;
        color: $footer-description-foreground;
        link-style: none;
        link-color: $footer-description-foreground;
        link-background: transparent;
        link-style-hover: reverse;
    }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._show()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen:
            self._show()

    def _show(self) -> None:
        parts: list[tuple[str, Style] | str] = []
        seen: set[str] = set()
        for _key, active in self.screen.active_bindings.items():
            binding = active.binding
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            key = binding.key_display or self.app.get_key_display(binding)
            # A non-breaking space keeps each key with its label when the line wraps.
            label = "\u00a0" + binding.description.replace(" ", "\u00a0")
            if parts:
                parts.append("  ")
            if active.enabled:
                namespace = "app" if active.node is self.app else "screen"
                action = binding.action if "." in binding.action else f"{namespace}.{binding.action}"
                click = Style.from_meta({"@click": action})
                parts += [(key, Style(bold=True) + click), (label, click)]
            else:
                parts.append((key + label, Style(dim=True)))
        if self.app.ENABLE_COMMAND_PALETTE:
            click = Style.from_meta({"@click": "app.command_palette"})
            parts += ["  ", ("^p", Style(bold=True) + click), ("\u00a0palette", click)]
        self.update(Content.assemble(*parts))
