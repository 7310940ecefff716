"""ladder-tui: career ladders and skills matrices, walked one dimension at a time in the terminal."""

__version__ = "0.1.0"
