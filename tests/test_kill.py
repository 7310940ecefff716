"""A real `ladder-tui` process in tmux: kill -9 mid-walk loses no answer given before it; two processes share safely."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import pytest

from conftest import PYTHON, all_keys, builtin_framework, make_assessment
from ladder_tui.core.domain.assessment import Slot
from ladder_tui.core.domain.framework import Framework
from ladder_tui.core.storage.assessments import AssessmentLock, load_assessment

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

PRODUCT = "product-support-skills-matrix"
DEADLINE = 30.0
T = TypeVar("T")


def wait_for(
    what: str, probe: Callable[[], T | None], deadline: float = DEADLINE, describe: Callable[[], str] = str
) -> T:
    """Poll until `probe` returns something truthy; fail with `what` after the deadline."""
    end = time.monotonic() + deadline
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {what}{describe()}")
        time.sleep(0.03)


class Tmux:
    """One private tmux server (its own socket), so tests never touch the user's sessions or each other."""

    def __init__(self, home: Path) -> None:
        self.socket = f"ladder-test-{uuid.uuid4().hex[:12]}"
        self.home = home

    def run(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, "-f", os.devnull, *args],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        )
        if result.returncode != 0:
            raise AssertionError(f"tmux {' '.join(args)}: {result.stderr.strip()}")
        return result.stdout

    def start(self, name: str, *ladder_args: str) -> int:
        """Run `python -m ladder_tui ARGS` in a detached 80x24 session; return the app's pid."""
        command = " ".join([f"exec {PYTHON} -m ladder_tui", *(f"'{arg}'" for arg in ladder_args)])
        self.run(
            "new-session", "-d", "-s", name, "-x", "80", "-y", "24",
            "-e", f"LADDER_TUI_HOME={self.home}",
            "-e", "TERM=xterm-256color",
            command,
        )  # fmt: skip
        self.run("set-option", "-t", name, "remain-on-exit", "on")
        pid = int(self.run("display-message", "-p", "-t", name, "#{pane_pid}").strip())
        # `exec` makes the pane's process the app itself, so killing it kills the app, not a shell.
        wait_for(f"pid {pid} to run ladder_tui", lambda: b"-m\0ladder_tui" in Path(f"/proc/{pid}/cmdline").read_bytes())
        return pid

    def screen(self, name: str) -> str:
        return self.run("capture-pane", "-p", "-t", name)

    def wait_screen(self, name: str, text: str) -> str:
        def probe() -> str | None:
            shown = self.screen(name)
            return shown if text in shown else None

        return wait_for(
            f"{text!r} on screen {name}", probe, describe=lambda: "; the screen shows:\n" + self.screen(name)
        )

    def keys(self, name: str, *keys: str) -> None:
        self.run("send-keys", "-t", name, *keys)

    def kill_server(self) -> None:
        found = subprocess.run(
            ["tmux", "-L", self.socket, "display-message", "-p", "#{socket_path}"],
            capture_output=True, text=True, timeout=20, check=False,
        )  # fmt: skip
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, timeout=20, check=False)
        # tmux leaves its socket file behind after kill-server; do not litter /tmp/tmux-UID with one per test.
        socket_path = found.stdout.strip()
        if found.returncode == 0 and socket_path.endswith(self.socket):
            Path(socket_path).unlink(missing_ok=True)


@contextmanager
def tmux_server(home: Path) -> Iterator[Tmux]:
    server = Tmux(home)
    try:
        yield server
    finally:
        server.kill_server()


def saved_rating(path: Path, key: tuple[str, str], value: str, slot: Slot = "self") -> bool:
    assessment = load_assessment(path)  # must parse at every moment: a torn file fails the test here
    return assessment.rating(*key, slot) == value


def answer_dimensions(
    tmux: Tmux, name: str, path: Path, fw: Framework, digits: str, start: int = 0, slot: Slot = "self"
) -> None:
    """Answer dimensions from `start` with one digit each, through area intros, waiting for each save on disk."""
    keys = all_keys(fw)
    areas = [area.id for area in fw.areas]
    for offset, digit in enumerate(digits):
        index = start + offset
        area_id = keys[index][0]
        if index == 0 or keys[index - 1][0] != area_id:
            tmux.wait_screen(name, f"Area {areas.index(area_id) + 1} of {len(areas)}")
            tmux.keys(name, "Enter")
        tmux.wait_screen(name, f"{index + 1} of {len(keys)}")
        tmux.keys(name, digit)
        key, level = keys[index], fw.levels[int(digit) - 1].id
        wait_for(f"answer {index + 1} on disk", lambda k=key, v=level: saved_rating(path, k, v, slot))  # type: ignore[misc]


def gone(pid: int) -> bool:
    """The process has ended (a zombie counts: tmux reaps its children when it gets round to it)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return True
    return state in {"Z", "X"}


def test_kill_9_mid_walk_loses_no_answer(ladder_home: Path) -> None:
    fw = builtin_framework(PRODUCT)
    keys = all_keys(fw)
    path = make_assessment(fw, "Kim", assessment_id="kim")
    digits = "2341532"  # crosses from the first area (4 dimensions) into the second
    with tmux_server(ladder_home) as tmux:
        pid = tmux.start("walk", "open", "kim")
        answer_dimensions(tmux, "walk", path, fw, digits)
        tmux.wait_screen("walk", f"{len(digits) + 1} of {len(keys)}")
        os.kill(pid, signal.SIGKILL)
        wait_for("the app to die", lambda: gone(pid))

        saved = load_assessment(path)
        for index, digit in enumerate(digits):
            assert saved.rating(*keys[index], "self") == fw.levels[int(digit) - 1].id, index
        assert saved.rating(*keys[len(digits)], "self") is None
        # The kernel drops the dead process's lock (once its last thread is gone): the file is writable again.
        lock = AssessmentLock(path)
        wait_for("the dead app's lock to go", lock.acquire)
        lock.release()

        # Reopening resumes at the first unanswered dimension (mid-area: no intro).
        again = tmux.start("again", "open", str(path))
        screen = tmux.wait_screen("again", f"{len(digits) + 1} of {len(keys)}")
        assert f"{len(digits)} answered" in screen
        answer_dimensions(tmux, "again", path, fw, "5", start=len(digits))
        tmux.keys("again", "C-q")
        wait_for("the app to quit", lambda: gone(again), describe=lambda: tmux.screen("again"))
    assert load_assessment(path).rating(*keys[len(digits)], "self") == "lead"


def test_new_creates_the_file_at_once_then_kill(ladder_home: Path) -> None:
    fw = builtin_framework("customer-support-l1-l5")
    path = ladder_home / "assessments" / "mo-customer-support-l1-l5.toml"
    with tmux_server(ladder_home) as tmux:
        pid = tmux.start("new", "new", "--framework", fw.id, "--subject", "Mo", "--mode", "lead")
        tmux.wait_screen("new", "Press enter to start this area")
        created = load_assessment(path)
        assert (created.subject, created.mode, created.framework.id) == ("Mo", "lead", fw.id)
        answer_dimensions(tmux, "new", path, fw, "45", slot="lead")
        os.kill(pid, signal.SIGKILL)
        wait_for("the app to die", lambda: gone(pid))
    saved = load_assessment(path)
    keys = all_keys(fw)
    assert [saved.rating(*key, "lead") for key in keys[:3]] == ["l4", "l5", None]
    assert all(saved.rating(*key, "self") is None for key in keys)


def test_two_processes_on_one_file_the_second_is_read_only(ladder_home: Path) -> None:
    fw = builtin_framework(PRODUCT)
    keys = all_keys(fw)
    path = make_assessment(fw, "Max", assessment_id="max")
    with tmux_server(ladder_home) as tmux:
        first = tmux.start("first", "open", "max")
        tmux.wait_screen("first", "Press enter to start this area")
        second = tmux.start("second", "open", "max", "--mode", "lead")
        tmux.wait_screen("second", "read-only")
        before = path.read_bytes()
        tmux.wait_screen("second", "Press enter to start this area")
        tmux.keys("second", "Enter")
        screen = tmux.wait_screen("second", "read-only: not saving")
        assert "lead mode · read-only" in screen
        tmux.keys("second", "4", "4", "x")
        time.sleep(0.5)
        screen = tmux.screen("second")
        assert f"1 of {len(keys)} · 0 answered" in screen  # the answer keys are off: the walk did not move on
        assert path.read_bytes() == before  # the file still says self mode: nothing was written
        # The first process writes as usual, and the second one's keys never landed.
        answer_dimensions(tmux, "first", path, fw, "12")
        tmux.keys("first", "C-q")
        tmux.keys("second", "C-q")
        wait_for("both to quit", lambda: gone(first) and gone(second))
    saved = load_assessment(path)
    assert [saved.rating(*key, "self") for key in keys[:3]] == ["junior", "intermediate", None]
    assert all(saved.rating(*key, "lead") is None for key in keys)
    assert saved.mode == "self"


def test_quit_says_everything_is_saved_after_leaving_the_full_screen(ladder_home: Path) -> None:
    """On a real pty: ctrl+q restores the terminal, then prints the reassurance where the user can read it."""
    import pty
    import select

    make_assessment(PRODUCT, "Noa", assessment_id="noa")
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env.update(LADDER_TUI_HOME=str(ladder_home), TERM="xterm-256color", COLUMNS="80", LINES="24")
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        os.execve(PYTHON, [PYTHON, "-m", "ladder_tui", "open", "noa"], env)
    output = bytearray()

    def read_until(needle: bytes, deadline: float) -> bool:
        end = time.monotonic() + deadline
        while needle not in output and time.monotonic() < end:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    return needle in output
                if not chunk:
                    break
                output.extend(chunk)
        return needle in output

    try:
        assert read_until(b"Press enter to start this area", DEADLINE), bytes(output[-500:])
        os.write(fd, b"\x11")  # ctrl+q
        assert read_until(b"Everything is saved.", DEADLINE)
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0
    finally:
        with contextlib.suppress(ProcessLookupError, ChildProcessError):
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        os.close(fd)
    leave_alt_screen = output.rfind(b"\x1b[?1049l")
    assert 0 <= leave_alt_screen < output.find(b"Everything is saved.")
