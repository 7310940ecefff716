"""The one exception type the CLI turns into a single clear line and exit status 2."""


class LadderError(Exception):
    """Bad input or an unusable file: the message names the file and the problem, in one line."""
