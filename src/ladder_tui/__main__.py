"""Entry point for ``python -m ladder_tui``."""

from ladder_tui.cli import main

raise SystemExit(main())
