"""The reference for the start-up bar: a bare Textual app with a Header, a Static and a Footer (SPEC section 8)."""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Bare Textual app ready")
        yield Footer()


if __name__ == "__main__":
    BareApp().run()
