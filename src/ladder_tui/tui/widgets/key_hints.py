"""Every key of the screen on one or two lines (the footer would cut them at 80 columns); keys are clickable.

The hints are made from the one command table (`tui.commands`), like the bindings, the help and the palette, so
they always agree; what cannot be done now (`check_action` says None) is dimmed, and what does not apply (False) is
left out. A focused widget's own keys (a table's enter) never hide the screen's command for that key.
"""

from __future__ import annotations

from textual.content import Content
from textual.dom import DOMNode
from textual.screen import Screen
from textual.style import Style
from textual.widgets import Static

from ladder_tui.tui import commands
from ladder_tui.tui.commands import Keyed


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

    def on_resize(self) -> None:
        self._show()

    def _items(self) -> list[list[tuple[str, Style]]]:
        """Each available command as styled runs: the key (bold, clickable), then its label."""
        screen = self.screen
        table = screen.COMMAND_TABLE if isinstance(screen, Keyed) else None
        entries: list[tuple[commands.Command, DOMNode]] = [
            (command, self.app if command.on_app else screen) for command in commands.COMMANDS.get(table or "", ())
        ]
        entries += [(command, self.app) for command in commands.COMMANDS[commands.APP]]
        items: list[list[tuple[str, Style]]] = []
        for command, target in entries:
            if not command.show:
                continue
            state = target.check_action(command.name, command.args)
            if state is False:
                continue
            if state is None:
                items.append([(f"{command.display} {command.label}", Style(dim=True))])
                continue
            # A click runs the key's action; a digit's hint runs it for 1.
            action = command.action(1) if command.digits else command.action()
            if not command.on_app:
                action = f"{'app' if target is self.app else 'screen'}.{action}"
            click = Style.from_meta({"@click": action})
            items.append([(command.display, Style(bold=True) + click), (f" {command.label}", click)])
        if self.app.ENABLE_COMMAND_PALETTE:
            click = Style.from_meta({"@click": "app.command_palette"})
            items.append([("^p", Style(bold=True) + click), (" palette", click)])
        return items

    def _show(self) -> None:
        # Laid out here, item by item, so that a key is never on one line and its label on the next.
        width = max(self.size.width - 2, 20) if self.size.width else 78
        parts: list[tuple[str, Style] | str] = []
        used = 0
        for item in self._items():
            length = sum(len(text) for text, _style in item)
            if used and used + 2 + length > width:
                parts.append("\n")
                used = 0
            elif used:
                parts.append("  ")
                used += 2
            parts += item
            used += length
        self.update(Content.assemble(*parts))
