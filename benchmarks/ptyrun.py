"""Spawn a terminal app on a pseudo-terminal, read what it paints with pyte, and time the stages of its start-up."""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import termios
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyte

QUIT = b"\x11"  # ctrl+q


@dataclass(frozen=True)
class Launch:
    seconds: float  # spawn -> the last byte of the first complete screen (every stage seen, then quiet)
    maxrss_kb: int  # peak resident memory of the child (ru_maxrss via os.wait4)
    screen: str
    cpu_seconds: float = 0.0  # user + system CPU time of the child, start to quit (steadier than wall time)
    #: spawn -> the byte that first put every marker of a stage on the emulated screen, per stage name
    marks: dict[str, float] = field(default_factory=dict)
    #: the emulated screen at that moment, per stage name
    screens: dict[str, str] = field(default_factory=dict)
    #: the child's peak resident memory so far (VmHWM) at that moment, per stage name (0 where /proc has none)
    hwm_kb: dict[str, int] = field(default_factory=dict)


#: A stage of a start-up: a name, and the texts that are all on screen once it is reached.
Stage = tuple[str, Sequence[str]]


def first_screen(
    argv: Sequence[str],
    env: dict[str, str],
    markers: Sequence[str],
    *,
    size: tuple[int, int] = (80, 24),
    quiet: float = 0.25,
    timeout: float = 30.0,
) -> Launch:
    """Run `argv` on a pty of `size` (columns, rows); time from spawn to its first complete screen.

    The first screen is complete when every marker is on the emulated screen and the app has then written nothing
    for `quiet` seconds; `seconds` is the time of the last byte of it (the quiet wait is not counted), and
    `marks["first"]` the time of the byte that put the last marker on screen.
    """
    return launch(argv, env, [("first", markers)], size=size, quiet=quiet, timeout=timeout)


def launch(
    argv: Sequence[str],
    env: dict[str, str],
    stages: Sequence[Stage],
    *,
    size: tuple[int, int] = (80, 24),
    quiet: float = 0.25,
    timeout: float = 30.0,
) -> Launch:
    """Run `argv` on a pty of `size` (columns, rows) and time each stage of its start-up, in order.

    A stage is reached at the byte that first puts all its markers on the emulated screen (read from the pty as
    soon as it is written, timestamped before the emulator parses it). Once the last stage is reached and the app
    has then written nothing for `quiet` seconds, the app is asked to quit with ctrl+q and reaped with os.wait4,
    so ru_maxrss is the child's own peak (it is killed if it does not quit in 5 s).
    """
    columns, rows = size
    screen = pyte.Screen(columns, rows)
    stream = pyte.ByteStream(screen)
    start = time.perf_counter()
    pid, master = spawn(argv, env, size)
    pending = list(stages)
    marks: dict[str, float] = {}
    screens: dict[str, str] = {}
    hwm: dict[str, int] = {}
    last = start
    text = ""
    deadline = start + timeout
    try:
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([master], [], [], quiet if not pending else 0.05)
            if not ready:
                if not pending:
                    break  # every stage seen, and nothing more for `quiet` seconds: the screen is complete
                continue
            try:
                data = os.read(master, 1 << 16)
            except OSError:
                break
            if not data:
                break
            last = time.perf_counter()
            stream.feed(data)
            if pending:
                text = "\n".join(screen.display)
                while pending and all(marker in text for marker in pending[0][1]):
                    name = pending.pop(0)[0]
                    marks[name] = last - start
                    screens[name] = text
                    hwm[name] = _peak_so_far(pid)
        if pending:
            text = "\n".join(screen.display)
            raise RuntimeError(f"{argv}: never showed {list(pending[0][1])} within {timeout}s; screen:\n{text}")
        text = "\n".join(screen.display)
        elapsed = last - start
        os.write(master, QUIT)
        rss, cpu = _reap(pid, master, 5.0)
        pid = 0
        return Launch(elapsed, rss, text, cpu, marks, screens, hwm)
    finally:
        if pid:
            os.kill(pid, signal.SIGKILL)
            os.wait4(pid, 0)
        os.close(master)


def _peak_so_far(pid: int) -> int:
    """VmHWM of a running process, in KB (what ru_maxrss will say if it grows no more), or 0."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def spawn(argv: Sequence[str], env: dict[str, str], size: tuple[int, int] = (80, 24)) -> tuple[int, int]:
    """Fork and exec `argv` with a new pty of `size` (columns, rows) as its controlling terminal: (pid, master fd)."""
    columns, rows = size
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    child_env = {**env, "TERM": "xterm-256color", "COLUMNS": str(columns), "LINES": str(rows)}
    pid = os.fork()
    if pid == 0:  # child: the pty is its controlling terminal
        try:
            os.close(master)
            os.setsid()
            fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
            for fd in (0, 1, 2):
                os.dup2(slave, fd)
            if slave > 2:
                os.close(slave)
            os.execve(argv[0], list(argv), child_env)
        finally:
            os._exit(127)
    os.close(slave)
    return pid, master


class PtyApp:
    """A terminal app on a pty, its screen followed with pyte: for driving it with keys (benchmarks/killwalk.py)."""

    def __init__(self, argv: Sequence[str], env: dict[str, str], size: tuple[int, int] = (80, 24)) -> None:
        self.screen = pyte.Screen(*size)
        self.stream = pyte.ByteStream(self.screen)
        self.pid, self.master = spawn(argv, env, size)
        self.alive = True

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def pump(self, seconds: float) -> None:
        """Read (and emulate) what the app writes for `seconds`."""
        end = time.perf_counter() + seconds
        while (left := end - time.perf_counter()) > 0:
            ready, _, _ = select.select([self.master], [], [], left)
            if not ready:
                return
            try:
                data = os.read(self.master, 1 << 16)
            except OSError:
                return
            if not data:
                return
            self.stream.feed(data)

    def wait_for(self, marker: str, timeout: float = 30.0) -> str:
        end = time.perf_counter() + timeout
        while marker not in (text := self.text()):
            if time.perf_counter() > end:
                raise RuntimeError(f"never showed {marker!r}; screen:\n{text}")
            self.pump(0.02)
        return text

    def send(self, data: bytes) -> None:
        os.write(self.master, data)

    def kill9(self) -> None:
        """SIGKILL, then reap."""
        if self.alive:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.alive = False

    def close(self) -> None:
        self.kill9()
        os.close(self.master)


def _drain(master: int, seconds: float) -> None:
    end = time.perf_counter() + seconds
    while (left := end - time.perf_counter()) > 0:
        ready, _, _ = select.select([master], [], [], left)
        if ready:
            try:
                if not os.read(master, 1 << 16):
                    return
            except OSError:
                return


def _reap(pid: int, master: int, timeout: float) -> tuple[int, float]:
    """(peak resident KB, user + system CPU seconds) of the child once it has exited."""
    end = time.perf_counter() + timeout
    while time.perf_counter() < end:
        done, _status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            return int(usage.ru_maxrss), usage.ru_utime + usage.ru_stime
        _drain(master, 0.02)
    os.kill(pid, signal.SIGKILL)
    _done, _status, usage = os.wait4(pid, 0)
    return int(usage.ru_maxrss), usage.ru_utime + usage.ru_stime
