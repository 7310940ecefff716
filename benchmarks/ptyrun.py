"""Spawn a terminal app on a pseudo-terminal, read what it paints with pyte, and time its first full screen."""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import termios
import time
from collections.abc import Sequence
from dataclasses import dataclass

import pyte

QUIT = b"\x11"  # ctrl+q


@dataclass(frozen=True)
class Launch:
    seconds: float  # spawn -> every marker on the emulated screen
    maxrss_kb: int  # peak resident memory of the child (ru_maxrss via os.wait4)
    screen: str
    cpu_seconds: float = 0.0  # user + system CPU time of the child, start to quit (steadier than wall time)


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
    for `quiet` seconds; the time reported is that of the last byte of it (the quiet wait is not counted). Then the
    app is asked to quit with ctrl+q and reaped with os.wait4, so ru_maxrss is the child's own peak (it is killed if
    it does not quit in 5 s).
    """
    columns, rows = size
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    screen = pyte.Screen(columns, rows)
    stream = pyte.ByteStream(screen)
    child_env = {**env, "TERM": "xterm-256color", "COLUMNS": str(columns), "LINES": str(rows)}
    start = time.perf_counter()
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
    first: float | None = None
    last = start
    text = ""
    deadline = start + timeout
    try:
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([master], [], [], quiet if first is not None else 0.05)
            if not ready:
                if first is not None:
                    break  # painted, and nothing more for `quiet` seconds: the first screen is complete
                continue
            try:
                data = os.read(master, 1 << 16)
            except OSError:
                break
            if not data:
                break
            last = time.perf_counter()
            stream.feed(data)
            if first is None:
                text = "\n".join(screen.display)
                if all(marker in text for marker in markers):
                    first = last
        if first is None:
            raise RuntimeError(f"{argv}: no first screen with {markers} within {timeout}s; screen:\n{text}")
        text = "\n".join(screen.display)
        elapsed = last - start
        os.write(master, QUIT)
        rss, cpu = _reap(pid, master, 5.0)
        pid = 0
        return Launch(elapsed, rss, text, cpu)
    finally:
        if pid:
            os.kill(pid, signal.SIGKILL)
            os.wait4(pid, 0)
        os.close(master)


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
