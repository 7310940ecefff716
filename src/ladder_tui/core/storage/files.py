"""Every byte ladder-tui reads from or writes to a user's path: one guarded reader, one atomic writer.

Reading refuses anything but a regular file (a FIFO would block forever, /dev/zero never ends), caps the size, and
follows symlinks to the real file. Writing goes to a temporary file in the target's real folder, is fsynced and
renamed over the target, so a file holds the old or the new content and never half of one; it never replaces a
FIFO, device, socket or directory, and a symlink stays a link (the file it points to is what changes).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from ladder_tui.core.errors import LadderError

FILE_MODE = 0o600  # personal performance data
DIR_MODE = 0o700

#: The largest file ladder-tui reads (assessments with long notes, frameworks, imported ladders).
MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_FILE_TEXT = "16 MiB"


def _kind(mode: int) -> str | None:
    """What a non-regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOENT:
        return "no such file"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.ELOOP:
        return "too many levels of symbolic links"
    if exc.errno == errno.ENOTDIR:
        return "a folder on the way is a file"
    if exc.errno == errno.ENAMETOOLONG:
        return "the name is too long"
    return exc.strerror or str(exc)


def read_bytes(path: Path, *, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of the regular file at `path` (symlinks followed); LadderError naming the file otherwise."""
    name = str(path)
    try:
        before = os.stat(path)
    except OSError as exc:
        raise LadderError(f"{name}: {_reason(exc)}") from None
    kind = _kind(before.st_mode)
    if kind is not None:
        raise LadderError(f"{name}: is {kind}, not a file; refused")
    try:
        # O_NONBLOCK: if a FIFO replaced the file since the stat above, opening it must not wait for a writer.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise LadderError(f"{name}: {_reason(exc)}") from None
    try:
        opened = os.fstat(fd)
        kind = _kind(opened.st_mode)
        if kind is not None:
            raise LadderError(f"{name}: is {kind}, not a file; refused")
        if opened.st_size > limit:
            raise LadderError(f"{name}: is {_size_text(opened.st_size)}; files over {_size_text(limit)} are refused")
        chunks: list[bytes] = []
        total = 0
        while True:
            # Read at most one byte past the limit: a file that grows while we read is still refused, not slurped.
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise LadderError(f"{name}: is over {_size_text(limit)}; refused")
        return b"".join(chunks)
    except OSError as exc:
        raise LadderError(f"{name}: cannot read ({_reason(exc)})") from None
    finally:
        os.close(fd)


def _size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.0f} MiB" if size % (1024 * 1024) == 0 else f"{size / (1024 * 1024):.1f} MiB"
    if size >= 1024:
        return f"{size / 1024:.0f} KiB"
    return f"{size} bytes"


def real_path(path: Path) -> Path:
    """`path` with every symlink resolved (the file itself when it exists, else its would-be place)."""
    return Path(os.path.realpath(path))


def regular_files(folder: Path, suffix: str) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The files ending in `suffix` in `folder`, sorted, and (path, why) for each entry that had to be passed over.

    A missing folder has no files. FIFOs, devices, sockets and folders named like files are reported, not opened."""
    try:
        names = sorted(entry for entry in os.listdir(folder) if entry.endswith(suffix) and not entry.startswith("."))
    except FileNotFoundError:
        return [], []
    except NotADirectoryError:
        return [], [(folder, "is a file, not a folder")]
    except OSError as exc:
        return [], [(folder, f"cannot list the folder ({_reason(exc)})")]
    files: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    for entry in names:
        path = folder / entry
        try:
            kind = _kind(os.stat(path).st_mode)
        except OSError as exc:
            skipped.append((path, _reason(exc)))
            continue
        if kind is None:
            files.append(path)
        else:
            skipped.append((path, f"is {kind}, not a file"))
    return files, skipped


# ----- writing -----


def check_regular_or_missing(target: Path) -> None:
    """LadderError unless `target` is a regular file or does not exist (nothing special is ever opened to write)."""
    _check_replaceable(target)


def _check_replaceable(target: Path) -> None:
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise LadderError(f"{target}: {_reason(exc)}") from None
    kind = _kind(mode)
    if kind is not None:
        raise LadderError(f"{target}: is {kind}; not replaced")


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    except FileExistsError:
        raise LadderError(f"{folder}: cannot write here (a file stands where this folder should be)") from None
    except OSError as exc:
        raise LadderError(f"{folder}: cannot write here ({_reason(exc)})") from None


def _write_temp(folder: Path, stem: str, data: bytes, mode: int) -> str:
    """A temporary file in `folder` holding `data`, fsynced; its name."""
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{stem}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise LadderError(f"{folder}: cannot write here ({_reason(exc)})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), mode)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException as exc:
        # Ctrl+C or a full disk mid-write: only the temp file goes; the target was never touched.
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        if isinstance(exc, OSError):
            raise LadderError(f"{folder / stem}: not saved ({_reason(exc)}){_untouched(folder / stem)}") from None
        raise
    return temp_name


def _untouched(path: Path) -> str:
    """What a failed save left: the earlier version when there is one (a new file simply was not made)."""
    return "; the previous version is intact" if os.path.lexists(path) else "; nothing was written"


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def atomic_write(path: Path, data: str | bytes, mode: int = FILE_MODE, *, make_folder: bool = True) -> None:
    """Replace the file at `path` (a symlink's target, when it is one) with `data`, atomically; the folder is made
    when missing unless `make_folder` is false (a path a person typed: a typo must not grow a tree of folders)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    target = real_path(path)
    _check_replaceable(target)
    if make_folder:
        _make_folder(target.parent)
    elif not target.parent.is_dir():
        raise LadderError(f"{path}: the folder {target.parent} does not exist")
    temp_name = _write_temp(target.parent, target.name, raw, mode)
    try:
        os.replace(temp_name, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        if isinstance(exc, OSError):
            raise LadderError(f"{target}: not saved ({_reason(exc)}){_untouched(target)}") from None
        raise
    _sync_folder(target.parent)


def create_exclusive(path: Path, data: str | bytes, mode: int = FILE_MODE) -> None:
    """Create `path` with `data`, whole or not at all; FileExistsError when something is already there.

    The content is written to a temporary file first and then linked into place: `link` fails when the name is
    taken, so two processes creating the same name at once make one file each, never one over the other."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    folder = real_path(path.parent)
    _make_folder(folder)
    temp_name = _write_temp(folder, path.name, raw, mode)
    try:
        try:
            os.link(temp_name, folder / path.name)
        except FileExistsError:
            raise
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
                raise LadderError(f"{folder / path.name}: cannot create ({_reason(exc)})") from None
            # A file system without hard links: claim the name exclusively, then fill it atomically.
            fd = os.open(folder / path.name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
            os.close(fd)
            os.replace(temp_name, folder / path.name)
            temp_name = ""
    finally:
        if temp_name:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)
    _sync_folder(folder)


#: Names of standard output: written to the stream itself, never replaced by a file.
STANDARD_OUTPUT = frozenset({"-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"})


def write_output(
    destination: str,
    text: str,
    *,
    guard: Callable[[Path], None] | None = None,
    make_folder: bool = False,
    streams: bool = True,
) -> str:
    """Write a report to `destination`: `-` is standard output; an existing character device (/dev/null, a terminal)
    is written in place; FIFOs, sockets and directories are refused; a regular file is replaced atomically once
    `guard` (which raises LadderError for a file that must not be overwritten) let it. A missing folder is an error
    unless `make_folder` (ladder-tui's own exports folder). Without `streams` (inside the app, whose screen the
    terminal is) standard output and character devices are refused too. Returns where it went."""
    if not streams and destination.strip() in STANDARD_OUTPUT:
        raise LadderError(f"{destination}: standard output is the app's screen here; give a file name")
    if destination in STANDARD_OUTPUT:
        # Written to the stream as it is: `>> report.txt` appends, a pipe reads it; never a new file in its place.
        stream: BinaryIO = sys.stdout.buffer
        stream.write(text.encode("utf-8"))
        stream.flush()
        return "standard output"
    path = Path(destination).expanduser()
    target = real_path(path)
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise LadderError(f"{destination}: {_reason(exc)}") from None
    if mode is not None and stat.S_ISCHR(mode) and not streams:
        raise LadderError(f"{destination}: is a device (a terminal or the like); give a file name")
    if mode is not None and stat.S_ISCHR(mode):
        try:
            fd = os.open(target, os.O_WRONLY | os.O_NOCTTY | os.O_APPEND)
        except OSError as exc:
            raise LadderError(f"{destination}: cannot write ({_reason(exc)})") from None
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(text.encode("utf-8"))
        except OSError as exc:
            raise LadderError(f"{destination}: cannot write ({_reason(exc)})") from None
        return destination
    if mode is not None and not stat.S_ISREG(mode):
        raise LadderError(f"{destination}: is {_kind(mode)}; refused (give a file name, or - for standard output)")
    if guard is not None:
        guard(target)
    atomic_write(path, text, mode=FILE_MODE, make_folder=make_folder)
    return destination


def exists(path: Path) -> bool:
    """Whether anything is at `path`; LadderError naming the folder when a folder on the way cannot be searched
    (Python 3.11's `Path.exists` raises PermissionError there)."""
    try:
        os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except PermissionError:
        raise LadderError(f"{path.parent}: permission denied (cannot read the folder)") from None
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENAMETOOLONG):
            return False
        raise LadderError(f"{path}: {_reason(exc)}") from None
    return True
