"""Faults: kill -9 at random points of a walk, two writers on one file, Ctrl+C in the middle of a save.

The walks run in plain child processes (`python -c` with WalkSession, no TUI) so that many iterations fit in a few
seconds; the TUI saves through the same WalkSession, and tests/test_kill.py kills the real app in tmux.
"""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from conftest import PYTHON, answer, ladder_env
from ladder_tui.core.domain.assessment import new_assessment
from ladder_tui.core.domain.framework import Framework
from ladder_tui.core.domain.session import WalkSession
from ladder_tui.core.storage.assessments import load_assessment, save_assessment
from ladder_tui.core.storage.catalog import FrameworkCatalog
from ladder_tui.core.storage.loader import load_framework

LEVELS = ["junior", "intermediate", "advanced", "senior", "lead"]
KILL_ITERATIONS = 30
DIMENSIONS = 150


def write_framework(folder: Path, dimensions: int = DIMENSIONS) -> Path:
    """A 5-level ladder with `dimensions` dimensions in 10 areas, with text about as long as the real ones."""
    areas: list[dict[str, Any]] = []
    per_area = dimensions // 10
    for a in range(10):
        dims = [
            {
                "id": f"d{a}-{d}",
                "name": f"Dimension {a}.{d}",
                "levels": {
                    level: f"At {level} the person handles case {a}.{d} well and teaches it." for level in LEVELS
                },
            }
            for d in range(per_area)
        ]
        areas.append({"id": f"area-{a}", "name": f"Area {a}", "dimensions": dims})
    data = {
        "id": "faults",
        "name": "Fault ladder",
        "levels": [{"id": level, "name": level.title()} for level in LEVELS],
        "areas": areas,
    }
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "faults.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path


def fresh_assessment(home: Path, framework_path: Path, assessment_id: str = "walk") -> tuple[Framework, Path]:
    framework = load_framework(framework_path)
    assessment = new_assessment(framework, "Kim Kill", "self", assessment_id=assessment_id)
    path = home / "assessments" / f"{assessment_id}.toml"
    save_assessment(assessment, path)
    return framework, path


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# ----------------------------------------------------------------- kill -9 at random points of a walk

WALKER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from ladder_tui.core.storage.catalog import FrameworkCatalog
    from ladder_tui.core.domain.session import WalkSession
    from ladder_tui.core.domain.walk import Stay, WalkController

    path, seed = Path(sys.argv[1]), int(sys.argv[2])
    levels = ["junior", "intermediate", "advanced", "senior", "lead", "below", "na"]
    walk = WalkSession.open(path, FrameworkCatalog())
    assert not walk.read_only
    print("READY", flush=True)
    for index in range(walk.total):
        walk.go(index)
        step = walk.step
        value = levels[(index * 7 + seed) % len(levels)]
        if isinstance(WalkController(walk).answer(value), Stay):
            print("FAILED", walk.last_error, flush=True)
            raise SystemExit(1)
        line = f"ACK {index} {step.area.id} {step.dimension.id} {value}"
        if index % 5 == 0:
            note = f"evidence {seed}-{index}: " + "x" * (index * 10 + 1)
            if not walk.set_note(note, step):
                raise SystemExit(1)
            line += f" NOTE {note}"
        print(line, flush=True)
    print("DONE", flush=True)
    """
)


def _read_lines(process: subprocess.Popen[bytes], until: float, stop_after: float) -> list[str]:
    """Complete lines from the child; `stop_after` seconds after its READY line it is killed with SIGKILL."""
    assert process.stdout is not None
    fd = process.stdout.fileno()
    buffer = b""
    kill_at: float | None = None
    while True:
        now = time.monotonic()
        if kill_at is not None and now >= kill_at:
            process.send_signal(signal.SIGKILL)
            break
        if now > until:
            process.kill()
            raise AssertionError(f"child did not finish: {buffer[-300:]!r}")
        wait = 0.05 if kill_at is None else max(0.0, min(0.05, kill_at - now))
        ready, _, _ = select.select([fd], [], [], wait)
        if ready:
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            buffer += chunk
            if kill_at is None and b"READY\n" in buffer:
                kill_at = time.monotonic() + stop_after
    process.wait()
    # Lines the child wrote before it died are acknowledged even if we had not read them yet.
    while chunk := os.read(fd, 65536):
        buffer += chunk
    *complete, _partial = buffer.split(b"\n")
    return [line.decode() for line in complete]


def test_kill_9_at_random_points_loses_no_acknowledged_answer(ladder_home: Path, tmp_path: Path) -> None:
    framework_path = write_framework(ladder_home / "frameworks")
    rng = random.Random(2026)
    env = ladder_env(ladder_home)
    survived_partial = 0
    killed_mid_write = 0
    for iteration in range(KILL_ITERATIONS):
        framework, path = fresh_assessment(ladder_home, framework_path, f"walk-{iteration}")
        delay = rng.uniform(0.0, 0.25)
        process = subprocess.Popen(
            [PYTHON, "-c", WALKER, str(path), str(iteration)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
        )
        lines = _read_lines(process, time.monotonic() + 60, delay)
        assert "DONE" in lines or process.returncode == -signal.SIGKILL, lines[-3:]
        acks = [line.split(" ", 5) for line in lines if line.startswith("ACK ")]
        # The file parses (it is always one whole version) ...
        assessment = load_assessment(path)
        # ... and holds every answer and note acknowledged before the kill.
        for ack in acks:
            _tag, _index, area_id, dim_id, value, *note = ack
            assert assessment.rating(area_id, dim_id, "self") == value, (iteration, ack)
            if note:
                expected_note = note[0].removeprefix("NOTE ")
                answer = assessment.answer(area_id, dim_id)
                assert answer is not None and answer.note("self") == expected_note, (iteration, ack[:4])
        # Nothing beyond what the walk could have written: at most one answer more than acknowledged.
        answered = sum(len(dims) for dims in assessment.answers.values())
        assert len(acks) <= answered <= len(acks) + 1, (iteration, len(acks), answered)
        # The killed process's lock died with it: the next session may write.
        walk = WalkSession.open(path, FrameworkCatalog())
        try:
            assert not walk.read_only
        finally:
            walk.close()
        if 0 < len(acks) < framework.dimension_count:
            survived_partial += 1
        if any(name.startswith(f".{path.name}.") for name in leftovers(path.parent)):
            killed_mid_write += 1  # the kill landed between creating the temp file and the rename
    # The random delays really did land in the middle of walks (not all before the first or after the last save).
    assert survived_partial >= KILL_ITERATIONS // 3, survived_partial
    print(f"{KILL_ITERATIONS} kills: {survived_partial} mid-walk, {killed_mid_write} in the middle of a write")


# ----------------------------------------------------------------- two processes on one assessment

HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from ladder_tui.core.storage.catalog import FrameworkCatalog
    from ladder_tui.core.domain.session import WalkSession
    from ladder_tui.core.domain.walk import Stay, WalkController

    walk = WalkSession.open(Path(sys.argv[1]), FrameworkCatalog())
    print("READ-ONLY" if walk.read_only else "WRITER", flush=True)
    if not walk.read_only:
        WalkController(walk).answer("advanced")
        print("SAVED", flush=True)
    sys.stdin.readline()
    """
)


def test_second_process_on_the_same_assessment_is_read_only(ladder_home: Path, tmp_path: Path) -> None:
    _framework, path = fresh_assessment(ladder_home, write_framework(ladder_home / "frameworks"))
    env = ladder_env(ladder_home)

    def start() -> tuple[subprocess.Popen[str], str]:
        child = subprocess.Popen(
            [PYTHON, "-c", HOLDER, str(path)], env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        assert child.stdout is not None
        return child, child.stdout.readline().strip()

    first, role = start()
    try:
        assert role == "WRITER"
        assert first.stdout is not None and first.stdout.readline().strip() == "SAVED"
        second, role = start()
        try:
            assert role == "READ-ONLY"
        finally:
            second.communicate("\n", timeout=30)
        before = path.read_bytes()
        walk = WalkSession.open(path, FrameworkCatalog())  # this process too: read-only, and writes nothing
        try:
            assert walk.read_only
            assert answer(walk, "lead") is False and walk.set_note("x") is False
            walk.go(3)
        finally:
            walk.close()
        assert path.read_bytes() == before
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait()
    walk = WalkSession.open(path, FrameworkCatalog())  # the writer was killed: its lock went with it
    try:
        assert not walk.read_only
    finally:
        walk.close()


RACER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from ladder_tui.core.storage.assessments import load_assessment, save_assessment

    source, target, count = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    assessment = load_assessment(source)
    print("GO", flush=True)
    for _ in range(count):
        save_assessment(assessment, target)
    """
)


def test_two_plain_writers_racing_never_corrupt_the_file(ladder_home: Path, tmp_path: Path) -> None:
    """Without the lock (two save_assessment loops on one path), every read sees one whole version of the file."""
    framework_path = write_framework(ladder_home / "frameworks")
    framework = load_framework(framework_path)
    versions: dict[str, bytes] = {}
    sources = {}
    for name, level in (("a", "junior"), ("b", "lead")):
        assessment = new_assessment(framework, f"Writer {name.upper()}", "self", assessment_id="race")
        for area_id, dim_id in framework.dimension_keys():
            assessment.set_rating(area_id, dim_id, "self", level)
            assessment.set_note(area_id, dim_id, "self", f"note by {name} " + "y" * 200)
        source = tmp_path / name / "race.toml"  # named as its id: an assessment's id is its file's name
        source.parent.mkdir()
        save_assessment(assessment, source)
        versions[name] = source.read_bytes()
        sources[name] = source
    target = ladder_home / "assessments" / "race.toml"
    save_assessment(load_assessment(sources["a"]), target)
    env = ladder_env(ladder_home)
    writers = [
        subprocess.Popen(
            [PYTHON, "-c", RACER, str(sources[name]), str(target), "150"],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        for name in versions
    ]
    reads = 0
    try:
        while any(writer.poll() is None for writer in writers):
            data = target.read_bytes()
            assert data in versions.values(), data[-300:]
            reads += 1
    finally:
        for writer in writers:
            writer.wait(timeout=60)
    assert all(writer.returncode == 0 for writer in writers)
    assert target.read_bytes() in versions.values()
    assert load_assessment(target).subject in {"Writer A", "Writer B"}
    assert leftovers(target.parent) == []
    assert reads > 10


# ----------------------------------------------------------------- Ctrl+C in the middle of a save

SAVER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from ladder_tui.core.storage.catalog import FrameworkCatalog
    from ladder_tui.core.domain.session import WalkSession

    walk = WalkSession.open(Path(sys.argv[1]), FrameworkCatalog())
    notes = ["A" * 3_000_000, "B" * 3_000_000]  # large, so that a save takes long enough to be interrupted
    print("GO", flush=True)
    turn = 0
    try:
        while True:
            turn += 1
            if not walk.set_note(notes[turn % 2]):
                print("FAILED", walk.last_error, flush=True)
                raise SystemExit(3)
    except KeyboardInterrupt:
        print("INTERRUPTED", turn, flush=True)
        raise SystemExit(130)
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_during_a_save_leaves_the_old_or_the_new_file_and_no_temp_file(
    ladder_home: Path, tmp_path: Path
) -> None:
    _framework, path = fresh_assessment(ladder_home, write_framework(ladder_home / "frameworks", 20))
    env = ladder_env(ladder_home)
    rng = random.Random(7)
    interrupted = 0
    first_done = False  # whether any save has completed yet (before that, the file has no note at all)
    for _ in range(8):
        child = subprocess.Popen(
            [PYTHON, "-c", SAVER, str(path)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "GO"
        time.sleep(rng.uniform(0.05, 0.4))
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=60)
        assert child.returncode == 130, (child.returncode, out, err[-2000:])
        interrupted += "INTERRUPTED" in out
        first_save_cut = "INTERRUPTED 1\n" in out and not first_done
        assessment = load_assessment(path)  # parses: one whole version
        note = assessment.answer(*load_framework(ladder_home / "frameworks" / "faults.toml").dimension_keys()[0])
        if note is None:
            # Only possible when Ctrl+C came during the very first save of the first run: the old file stands.
            assert first_save_cut, out
        else:
            assert note.note("self") in ("A" * 3_000_000, "B" * 3_000_000)
            first_done = True
        assert leftovers(path.parent) == []
    assert interrupted == 8
