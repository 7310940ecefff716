"""Radio buttons and checkboxes whose state is a glyph (● / ○, ✔ / blank), not colour alone (NO_COLOR, themes)."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox, RadioButton


class GlyphRadioButton(RadioButton):
    """A radio button showing ● when chosen and ○ when not."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "●" if self.value else "○"
        return super()._button


class GlyphCheckbox(Checkbox):
    """A checkbox showing ✔ when ticked and a blank when not."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "✔" if self.value else " "
        return super()._button
