"""The errors the CLI turns into one clear line per problem and exit status 2."""

from __future__ import annotations

from dataclasses import dataclass


class LadderError(Exception):
    """Bad input or an unusable file: the message names the file and the problem, in one line."""


@dataclass(frozen=True)
class Problem:
    """One problem in a file, located as precisely as we can (line, and a path such as `areas[2].dimensions[1]`)."""

    file: str
    message: str
    path: str = ""
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}" + (f":{self.column}" if self.column else "")
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class FrameworkError(LadderError):
    """A framework file that cannot be used; carries every problem found (the linter prints them all)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(str(problems[0]) if problems else "invalid framework")


class FileError(LadderError):
    """A file that cannot be read or parsed at all, with where (the line and column when known)."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))
