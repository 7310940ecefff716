"""`ladder-tui serve`: pairing over SSH. asyncssh is imported in this package only, and only by that command."""
