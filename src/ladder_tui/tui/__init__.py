"""The Textual user interface: the app, its screens and widgets (built on the pure core)."""
