"""Finding frameworks: the built-in ones, the user's frameworks folder, or a path given on the command line."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from ladder_tui.core.domain.framework import Framework
from ladder_tui.core.errors import FrameworkError, LadderError, Problem
from ladder_tui.core.storage.files import exists, real_path, regular_files
from ladder_tui.core.storage.loader import load_framework
from ladder_tui.core.storage.paths import framework_dirs


@dataclass(frozen=True)
class CatalogEntry:
    """One framework file found on disk: loaded, or with the problems that stop it loading."""

    path: Path
    origin: str  # "built-in", "user" or "path"
    framework: Framework | None
    error: FrameworkError | None = None


class FrameworkCatalog:
    """The frameworks a user can pick from. A broken (or special) file never hides the others."""

    def __init__(self, home: Path | None = None, extra_dirs: list[Path] | None = None) -> None:
        self.dirs = framework_dirs(home, extra_dirs)
        self._entries: list[CatalogEntry] | None = None
        self._by_id: dict[str, Framework] | None = None

    def entries(self) -> list[CatalogEntry]:
        if self._entries is None:
            entries: list[CatalogEntry] = []
            for folder, origin in self.dirs:
                found, skipped = regular_files(folder, ".toml")
                for path, why in skipped:
                    entries.append(CatalogEntry(path, origin, None, FrameworkError([Problem(str(path), why)])))
                for path in found:
                    try:
                        entries.append(CatalogEntry(path, origin, load_framework(path)))
                    except FrameworkError as exc:
                        entries.append(CatalogEntry(path, origin, None, exc))
            self._entries = entries
        return self._entries

    def reload(self) -> None:
        """Read the folders again next time (a framework was added or imported)."""
        self._entries = None
        self._by_id = None

    def _frameworks_by_id(self) -> dict[str, Framework]:
        if self._by_id is None:
            by_id: dict[str, Framework] = {}
            for entry in self.entries():
                if entry.framework is not None:
                    by_id[entry.framework.id] = entry.framework
            self._by_id = by_id
        return self._by_id

    def frameworks(self) -> list[Framework]:
        """Loaded frameworks; a user file with the same id as a built-in one wins (it is the user's edit)."""
        return list(self._frameworks_by_id().values())

    def broken(self) -> list[CatalogEntry]:
        return [entry for entry in self.entries() if entry.error is not None]

    def path_of(self, framework_id: str) -> Path | None:
        found = None
        for entry in self.entries():
            if entry.framework is not None and entry.framework.id == framework_id:
                found = entry.path
        return found

    def taken_by(self, framework_id: str, destination: Path) -> str | None:
        """Who else already has this framework id ("the built-in framework 'Name'", "the framework in PATH"), for a
        new file about to be saved at `destination`; None when the id is free or only that file has it."""
        target = real_path(destination)
        for entry in self.entries():
            if entry.framework is None or entry.framework.id != framework_id or real_path(entry.path) == target:
                continue
            if entry.origin == "built-in":
                return f"the built-in framework {entry.framework.name!r}"
            return f"the framework in {entry.path}"
        return None

    def get(self, framework_id: str) -> Framework:
        framework = self._frameworks_by_id().get(framework_id)
        if framework is not None:
            return framework
        ids = sorted(fw.id for fw in self.frameworks())
        # Close matches first: a typo names the framework that was meant, not just the whole list.
        close = difflib.get_close_matches(framework_id, ids, n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        known = ", ".join(ids) or "none"
        raise LadderError(f"unknown framework {framework_id!r}{hint} (known: {known})")

    def find(self, framework_id: str) -> Framework | None:
        return self._frameworks_by_id().get(framework_id)

    def resolve(self, id_or_path: str) -> tuple[Framework, Path | None]:
        """A framework by id, or by path when the argument names a file (or looks like one)."""
        candidate = Path(id_or_path).expanduser()
        looks_like_path = "/" in id_or_path or id_or_path.endswith(".toml") or exists(candidate)
        if looks_like_path:
            try:
                return load_framework(candidate), real_path(candidate)
            except FrameworkError as exc:
                raise LadderError(str(exc.problems[0])) from None
        framework = self.get(id_or_path)
        return framework, self.path_of(framework.id)

    def for_assessment(self, framework_id: str, path: str | None) -> Framework | None:
        """The framework an assessment was answered against: its own file when it names one, else by id."""
        if path:
            try:
                return load_framework(Path(path))
            except FrameworkError:
                pass
        return self.find(framework_id)
