"""What an import reads: the files named, a folder's ladder files, each through the guarded reader (regular files
only, a size limit). The command line and the TUI's import both come through here."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ladder_tui.core.errors import LadderError
from ladder_tui.core.importer import EXTENSIONS
from ladder_tui.core.presentation.text import plural
from ladder_tui.core.storage.files import read_bytes

#: A folder's files that are about the ladder, not the ladder (a repository's furniture).
_FURNITURE = re.compile(
    r"^(?:readme|license|licence|copying|changelog|changes|contributing|code_of_conduct|security|authors|notice|"
    r"source|sources)(?:\.|$)",
    re.IGNORECASE,
)
#: Files a folder may hold at most (a ladder over more files than this is not one a person keeps).
MAX_FILES = 200


@dataclass
class Sources:
    """The files to import, as (name to show, bytes); the folder they came from; what was passed over."""

    files: list[tuple[str, bytes]] = field(default_factory=list)
    folder: str | None = None
    notes: list[str] = field(default_factory=list)


def _natural(name: str) -> list[object]:
    """Sort key: ``ic2`` before ``ic10``."""
    return [int(part) if part.isdigit() else part.casefold() for part in re.split(r"(\d+)", name)]


def _folder_files(folder: Path, notes: list[str]) -> list[Path]:
    files: list[Path] = []
    furniture: list[str] = []
    other: list[str] = []
    # The folder and its sub-folders (a folder per area), two deep at most, each in natural order.
    pending: list[tuple[Path, int]] = [(folder, 0)]
    while pending:
        current, depth = pending.pop(0)
        try:
            entries = sorted(os.listdir(current), key=_natural)
        except OSError as exc:
            raise LadderError(f"{current}: cannot list the folder ({exc.strerror or exc})") from None
        for entry in entries:
            if entry.startswith("."):
                continue
            path = current / entry
            shown = str(path.relative_to(folder))
            suffix = Path(entry).suffix.lower()
            if path.is_symlink() and path.is_dir():
                # A link to a folder may lead back up (a loop) or out of the ladder: not followed.
                other.append(f"{shown}/ (a link)")
            elif path.is_dir():
                if depth < 2:
                    pending.append((path, depth + 1))
                else:
                    other.append(f"{shown}/")
            elif _FURNITURE.match(entry):
                furniture.append(shown)
            elif suffix in EXTENSIONS:
                files.append(path)
            else:
                other.append(shown)
    if not files:
        raise LadderError(
            f"{folder}: a directory with no file the importer reads in it (Markdown, HTML, YAML, JSON, CSV/TSV or XLSX)"
        )
    if len(files) > MAX_FILES:
        raise LadderError(f"{folder}: {len(files)} files; a ladder over more than {MAX_FILES} files is not read")
    # Several formats in one folder: the one most of its files have (a ladder is kept in one format).
    counts: dict[str, int] = {}
    for path in files:
        kind = EXTENSIONS[path.suffix.lower()]
        counts[kind] = counts.get(kind, 0) + 1
    if len(counts) > 1:
        kind = max(counts, key=lambda k: counts[k])
        kept = [path for path in files if EXTENSIONS[path.suffix.lower()] == kind]
        other += [path.name for path in files if path not in kept]
        files = kept
    linked = _in_link_order(files)
    if linked is not None:
        ordered, index = linked
        if index not in ordered:
            notes.append(f"in {folder}: {index.name} (the export's site map) left out")
        notes.append(f"in {folder}: the files in the order {index.name} links them (a page over its sub-pages)")
        files = ordered
    if furniture:
        shown = ", ".join(furniture[:5])
        notes.append(f"in {folder}: {plural(len(furniture), 'file')} about the ladder left out: {shown}")
    if other:
        shown = ", ".join(other[:5]) + (", ..." if len(other) > 5 else "")
        notes.append(f"in {folder}: {plural(len(other), 'entry', 'entries')} of other kinds left out: {shown}")
    return files


def _links(path: Path) -> list[Path]:
    """Where a page's links lead among local files (a Markdown page's, read by markdown-it; an HTML page's, by
    the HTML5 parser), in the order the page gives them."""
    from urllib.parse import unquote, urlsplit

    try:
        text = read_bytes(path).decode("utf-8", errors="replace")
    except LadderError:
        return []
    targets: list[str] = []
    if path.suffix.lower() in (".md", ".markdown"):
        from ladder_tui.core.importer._markdown import link_targets

        targets = link_targets(text)
    elif path.suffix.lower() in (".html", ".htm"):
        from selectolax.lexbor import LexborHTMLParser

        targets = [node.attributes.get("href") or "" for node in LexborHTMLParser(text).css("a[href]")]
    out: list[Path] = []
    for target in targets:
        parts = urlsplit(target)
        if parts.scheme or parts.netloc or not parts.path:
            continue
        out.append((path.parent / unquote(parts.path)).resolve())
    return out


def _in_link_order(files: list[Path]) -> tuple[list[Path], Path] | None:
    """The files in the order one of them links the others (a Notion or Confluence export: a parent page over its
    sub-pages, named by ids), that page first (a site map named index.html left out), and that page; None when no
    page links two or more of them."""
    if len(files) < 3 or len(files) > MAX_FILES:
        return None
    resolved = {path.resolve(): path for path in files}
    best: tuple[int, Path, list[Path]] | None = None
    for path in files:
        linked = [
            resolved[target]
            for target in dict.fromkeys(_links(path))
            if target in resolved and target != path.resolve()
        ]
        if len(linked) >= 2 and (best is None or len(linked) > best[0]):
            best = (len(linked), path, linked)
    if best is None:
        return None
    _count, index, linked = best
    rest = [path for path in files if path is not index and path not in linked]
    if index.name.lower() in ("index.html", "index.htm"):
        return [*linked, *rest], index  # an export's site map: the order is all it gives
    return [index, *linked, *rest], index


def read_sources(names: list[str]) -> Sources:
    """The files named (a folder: its ladder files, in natural order), read through the guarded reader."""
    sources = Sources()
    paths: list[Path] = []
    for name in names:
        path = Path(name).expanduser()
        if path.is_dir():
            if len(names) == 1:
                sources.folder = str(path)
            paths.extend(_folder_files(path, sources.notes))
        else:
            paths.append(path)
    sources.files = [(str(path), read_bytes(path)) for path in paths]
    return sources
