"""Finding frameworks: the built-in ones, the user's frameworks folder, or a path given on the command line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ladder_tui.core.errors import LadderError
from ladder_tui.core.paths import framework_dirs

if TYPE_CHECKING:
    # Deferred: the models import pydantic (~60 ms, ~10 MB), which a screen that only lists files need not pay.
    from ladder_tui.core.framework import Framework, FrameworkError


@dataclass(frozen=True)
class CatalogEntry:
    """One framework file found on disk: loaded, or with the problems that stop it loading."""

    path: Path
    origin: str  # "built-in", "user" or "path"
    framework: Framework | None
    error: FrameworkError | None = None


class FrameworkCatalog:
    """The frameworks a user can pick from. A broken file never hides the others."""

    def __init__(self, home: Path | None = None, extra_dirs: list[Path] | None = None) -> None:
        self.dirs = framework_dirs(home, extra_dirs)
        self._entries: list[CatalogEntry] | None = None

    def entries(self) -> list[CatalogEntry]:
        if self._entries is None:
            entries: list[CatalogEntry] = []
            for folder, origin in self.dirs:
                try:
                    files = sorted(folder.glob("*.toml"))
                except OSError:
                    files = []
                from ladder_tui.core.framework import FrameworkError, load_framework

                for path in files:
                    try:
                        entries.append(CatalogEntry(path, origin, load_framework(path)))
                    except FrameworkError as exc:
                        entries.append(CatalogEntry(path, origin, None, exc))
            self._entries = entries
        return self._entries

    def frameworks(self) -> list[Framework]:
        """Loaded frameworks; a user file with the same id as a built-in one wins (it is the user's edit)."""
        by_id: dict[str, Framework] = {}
        for entry in self.entries():
            if entry.framework is not None:
                by_id[entry.framework.id] = entry.framework
        return list(by_id.values())

    def broken(self) -> list[CatalogEntry]:
        return [entry for entry in self.entries() if entry.error is not None]

    def path_of(self, framework_id: str) -> Path | None:
        found = None
        for entry in self.entries():
            if entry.framework is not None and entry.framework.id == framework_id:
                found = entry.path
        return found

    def get(self, framework_id: str) -> Framework:
        for framework in self.frameworks():
            if framework.id == framework_id:
                return framework
        known = ", ".join(sorted(fw.id for fw in self.frameworks())) or "none"
        raise LadderError(f"unknown framework {framework_id!r} (known: {known})")

    def resolve(self, id_or_path: str) -> tuple[Framework, Path | None]:
        """A framework by id, or by path when the argument names a file (or looks like one)."""
        candidate = Path(id_or_path).expanduser()
        looks_like_path = "/" in id_or_path or id_or_path.endswith(".toml") or candidate.exists()
        if looks_like_path:
            from ladder_tui.core.framework import FrameworkError, load_framework

            try:
                return load_framework(candidate), candidate.resolve()
            except FrameworkError as exc:
                raise LadderError(str(exc.problems[0])) from None
        framework = self.get(id_or_path)
        return framework, self.path_of(framework.id)
