"""Helpers for the `ladder-tui serve` end-to-end tests: keys, an SSH member whose screen is read through pyte, waits."""

from __future__ import annotations

import asyncio
import os
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import asyncssh
import pyte

from ladder_tui.core.domain.assessment import new_assessment
from ladder_tui.core.storage.assessments import load_assessment, save_assessment
from ladder_tui.core.storage.catalog import FrameworkCatalog

FRAMEWORK = "customer-support-l1-l5"
DEADLINE = 20.0


def make_key(comment: str) -> asyncssh.SSHKey:
    return asyncssh.generate_private_key("ssh-ed25519", comment=comment)


def authorize(home: Path, *keys: asyncssh.SSHKey) -> Path:
    path = home / "authorized_keys"
    path.write_bytes(b"".join(key.export_public_key() for key in keys))
    path.chmod(0o600)
    return path


def write_private_key(folder: Path, key: asyncssh.SSHKey, name: str) -> Path:
    """An OpenSSH-format private key file the real `ssh -i` accepts (mode 0600)."""
    path = folder / name
    path.write_bytes(key.export_private_key())
    path.chmod(0o600)
    return path


def make_assessment(assessment_id: str, subject: str = "Alex") -> Path:
    """An assessment file in LADDER_TUI_HOME/assessments/<id>.toml, made through the core (as `ladder-tui new` does)."""
    from ladder_tui.core.storage.paths import assessments_dir

    framework = FrameworkCatalog().get(FRAMEWORK)
    assessment = new_assessment(framework, subject, "self", assessment_id=assessment_id)
    path = assessments_dir() / f"{assessment_id}.toml"
    save_assessment(assessment, path)
    return path


def self_ratings(path: Path) -> list[str]:
    """The `self` ratings in the file, in the framework's order."""
    framework = FrameworkCatalog().get(FRAMEWORK)
    assessment = load_assessment(path)
    found = []
    for area in framework.areas:
        for dim in area.dimensions:
            value = assessment.rating(area.id, dim.id, "self")
            if value is not None:
                found.append(value)
    return found


async def wait_until(check: Callable[[], bool], what: str, timeout: float = DEADLINE) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:g}s waiting for {what}")
        await asyncio.sleep(0.05)


class Member:
    """One SSH client in a room, its screen kept by pyte."""

    def __init__(
        self, conn: asyncssh.SSHClientConnection, process: asyncssh.SSHClientProcess[bytes], size: tuple[int, int]
    ):
        self.conn = conn
        self.process = process
        self.screen = pyte.Screen(*size)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = bytearray()
        self.closed = asyncio.Event()
        self._reader = asyncio.ensure_future(self._read())

    @classmethod
    async def join(cls, port: int, room: str, key: asyncssh.SSHKey, size: tuple[int, int] = (100, 30)) -> Member:
        conn = await connect(port, room, key)
        process = await conn.create_process(term_type="xterm-256color", term_size=size, encoding=None)
        return cls(conn, process, size)

    async def _read(self) -> None:
        try:
            while True:
                data = await self.process.stdout.read(65536)
                if not data:
                    break
                self.raw += data
                self.stream.feed(data)
        except (OSError, asyncssh.Error):
            pass
        finally:
            self.closed.set()

    @property
    def text(self) -> str:
        return "\n".join(self.screen.display)

    def row(self, index: int) -> str:
        return self.screen.display[index]

    async def see(self, text: str, timeout: float = DEADLINE) -> None:
        try:
            await wait_until(lambda: text in self.text, repr(text), timeout)
        except AssertionError:
            raise AssertionError(f"{text!r} never showed; the screen:\n{self.text}") from None

    def type(self, data: bytes) -> None:
        self.process.stdin.write(data)

    def resize(self, cols: int, rows: int) -> None:
        self.screen.resize(rows, cols)
        self.process.change_terminal_size(cols, rows)

    async def wait_closed(self, timeout: float = DEADLINE) -> None:
        await asyncio.wait_for(self.closed.wait(), timeout)
        await asyncio.wait_for(self.process.wait_closed(), timeout)

    async def close(self) -> None:
        self.process.close()
        self.conn.close()
        self._reader.cancel()
        await asyncio.gather(self._reader, return_exceptions=True)
        await asyncio.wait_for(self.conn.wait_closed(), 5)


async def connect(port: int, room: str, key: asyncssh.SSHKey | None, **options: object) -> asyncssh.SSHClientConnection:
    return await asyncio.wait_for(
        asyncssh.connect(
            "127.0.0.1",
            port,
            username=room,
            known_hosts=None,
            client_keys=[key] if key is not None else None,
            agent_path=None,
            config=None,
            **options,
        ),
        DEADLINE,
    )


class Tmux:
    """A private tmux server (its own socket) holding sized sessions, for driving the real OpenSSH client."""

    def __init__(self, folder: Path) -> None:
        self.socket = str(folder / "tmux.sock")

    def run(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-S", self.socket, *args], capture_output=True, text=True, timeout=10, check=False
        )
        if done.returncode != 0:
            raise AssertionError(f"tmux {' '.join(args)} failed: {done.stderr.strip()}")
        return done.stdout

    def start(self, name: str, command: str, size: tuple[int, int], env: dict[str, str]) -> None:
        exports = " ".join(f"{key}={value}" for key, value in env.items())
        self.run(
            "new-session", "-d", "-s", name, "-x", str(size[0]), "-y", str(size[1]),
            f"env {exports} {command}; echo SSH-EXIT=$?; sleep 60",
        )  # fmt: skip

    def screen(self, name: str) -> str:
        return self.run("capture-pane", "-p", "-t", name)

    def keys(self, name: str, *keys: str) -> None:
        self.run("send-keys", "-t", name, *keys)

    async def see(self, name: str, text: str, timeout: float = DEADLINE) -> None:
        try:
            await wait_until(lambda: text in self.screen(name), repr(text), timeout)
        except AssertionError:
            raise AssertionError(f"{text!r} never showed in {name}; the screen:\n{self.screen(name)}") from None

    def kill(self) -> None:
        subprocess.run(["tmux", "-S", self.socket, "kill-server"], capture_output=True, timeout=10, check=False)
        if os.path.exists(self.socket):
            os.unlink(self.socket)
