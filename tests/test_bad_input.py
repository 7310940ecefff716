"""A catalogue of bad input, each case through the real CLI (`python -m ladder_tui ...` in a subprocess).

Every case checks the same promise (SPEC section 6): the right exit status (2 for bad input), ONE clear line on
stderr naming the file and the problem, no traceback, nothing raw from a file sent to the terminal (no ESC or C1
control byte on stdout or stderr), and no file changed (bytes, mode and mtime of everything in the data folder and
beside the bad file are compared before and after).
"""

from __future__ import annotations

import errno
import os
import random
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pytest

from conftest import PYTHON, all_keys, answer, builtin_framework, ladder_env, make_assessment
from ladder_tui.core.domain.session import WalkSession
from ladder_tui.core.storage.assessments import load_assessment
from ladder_tui.core.storage.catalog import FrameworkCatalog

PRODUCT = "product-support-skills-matrix"
#: Raw terminal control bytes that must never reach stdout/stderr: ESC, and C1 controls (CSI, OSC, DCS, ST) as UTF-8.
RAW_CONTROLS = (b"\x1b", b"\xc2\x9b", b"\xc2\x9d", b"\xc2\x90", b"\xc2\x9c", b"\x07", b"\x08")

Snapshot = dict[str, tuple[bytes, int, int]]


# ----------------------------------------------------------------- helpers


def run(
    home: Path, *args: str, timeout: float = 60, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [PYTHON, "-m", "ladder_tui", *args],
        env=env if env is not None else ladder_env(home),
        capture_output=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def snapshot(*folders: Path) -> Snapshot:
    """Bytes, mode and mtime of every file under `folders` (a missing folder is an empty snapshot)."""
    found: Snapshot = {}
    for folder in folders:
        if folder.is_file():
            stat = folder.stat()
            found[str(folder)] = (folder.read_bytes(), stat.st_mode, stat.st_mtime_ns)
            continue
        for root, dirs, files in os.walk(folder):
            # The cache (validated frameworks, rebuilt at will) may grow on any run; the user's files may not change.
            dirs[:] = [name for name in dirs if name != "cache"]
            for name in files:
                path = Path(root) / name
                stat = path.lstat()
                data = path.read_bytes() if path.is_file() else b""
                found[str(path)] = (data, stat.st_mode, stat.st_mtime_ns)
    return found


def assert_inert(result: subprocess.CompletedProcess[bytes]) -> None:
    for stream_name, data in (("stdout", result.stdout), ("stderr", result.stderr)):
        for control in RAW_CONTROLS:
            assert control not in data, (stream_name, control, data[:2000])


def assert_clean_error(result: subprocess.CompletedProcess[bytes], *needles: str, status: int = 2) -> str:
    """The promised failure: `status`, one stderr line holding every needle, no traceback, nothing raw."""
    stderr = result.stderr.decode("utf-8", errors="replace")
    stdout = result.stdout.decode("utf-8", errors="replace")
    assert result.returncode == status, (result.returncode, stdout[-2000:], stderr[-2000:])
    assert "Traceback" not in stderr + stdout
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    assert_inert(result)
    return lines[0]


@pytest.fixture
def good(ladder_home: Path) -> Path:
    """A valid, partly answered assessment of the product-support matrix, with a note."""
    framework = builtin_framework(PRODUCT)
    keys = all_keys(framework)
    level = framework.levels[1].id
    return make_assessment(
        PRODUCT,
        "Ana Lima",
        "self",
        assessment_id="ana",
        ratings={"self": {key: level for key in keys[:5]}},
        notes={"self": {keys[0]: "Handled the outage queue on 2026-02-01"}},
    )


@pytest.fixture
def unchanged(ladder_home: Path, tmp_path: Path) -> Iterator[None]:
    """Whatever the case does, no file in the data folder or the test's temp folder changes."""
    before = snapshot(tmp_path)
    yield
    assert snapshot(tmp_path) == before


# ----------------------------------------------------------------- damaged assessment files


def _truncated(text: str) -> str:
    cut = text.index("[answers")  # cut inside the answers table header: the file ends mid-line
    return text[: cut + 5]


ASSESSMENT_CASES: dict[str, tuple[object, str]] = {
    # name: (how to damage the text, or bytes to write; a word the one stderr line must contain)
    "truncated": (_truncated, "malformed TOML"),
    "truncated-mid-string": (lambda text: text[: text.index('subject = "') + 14], "malformed TOML"),
    "malformed-unclosed-table": (lambda text: text.replace("[framework]", "[framework"), "malformed TOML"),
    "malformed-duplicate-key": (
        lambda text: text.replace("\nmode =", '\nsubject = "Twice"\nmode =', 1),
        "malformed TOML",
    ),
    "wrong-type-subject": (lambda text: text.replace('subject = "Ana Lima"', "subject = 42"), "subject"),
    "wrong-type-updated": (
        lambda text: "\n".join(
            'updated = "yesterday"' if line.startswith("updated =") else line for line in text.splitlines()
        ),
        "updated",
    ),
    "wrong-type-mode": (lambda text: text.replace('\nmode = "self"', '\nmode = "boss"'), "mode"),
    "wrong-type-rating": (
        lambda text: text.replace('self = "intermediate"', "self = 3", 1),
        "not a valid assessment",
    ),
    "wrong-type-answers": (
        lambda text: text[: text.index("[answers")] + 'answers = "all good"\n',
        "not a valid assessment",
    ),
    "unknown-key": (lambda text: text.replace("[framework]", 'colour = "blue"\n\n[framework]'), "colour"),
    "not-an-assessment": (lambda text: '[project]\nname = "something else"\n', "not a ladder-tui assessment"),
    "empty-file": (lambda text: "", "not a ladder-tui assessment"),
    "unknown-framework": (
        lambda text: text.replace(f'id = "{PRODUCT}"', 'id = "no-such-framework"'),
        "not installed",
    ),
    "binary-garbage": (random.Random(6).randbytes(4096), "UTF-8"),
    "non-utf8-text": (None, "UTF-8"),  # filled below: the real file, re-encoded as Latin-1 with an accent
    "nul-bytes": (lambda text: text.replace("Ana Lima", "Ana\x00Lima"), "malformed TOML"),
}


def _damage(path: Path, case: str) -> None:
    how, _needle = ASSESSMENT_CASES[case]
    text = path.read_text(encoding="utf-8")
    if case == "non-utf8-text":
        path.write_bytes(text.replace("Ana Lima", "José Lima").encode("latin-1"))
    elif isinstance(how, bytes):
        path.write_bytes(how)
    else:
        assert callable(how)
        damaged = how(text)
        assert damaged != text or case == "empty-file"
        path.write_text(damaged, encoding="utf-8")


@pytest.mark.parametrize("case", sorted(ASSESSMENT_CASES))
@pytest.mark.parametrize("command", ["summary", "open"])
def test_damaged_assessment_is_one_clear_line(ladder_home: Path, good: Path, case: str, command: str) -> None:
    _damage(good, case)
    before = snapshot(ladder_home)
    needle = ASSESSMENT_CASES[case][1]
    assert_clean_error(run(ladder_home, command, str(good), timeout=30), str(good), needle)
    assert_clean_error(run(ladder_home, command, "ana", timeout=30), str(good), needle)  # by id: the same line
    assert snapshot(ladder_home) == before


@pytest.mark.parametrize("case", ["truncated", "binary-garbage", "non-utf8-text", "wrong-type-subject"])
def test_list_skips_a_damaged_file_with_one_line_and_lists_the_rest(ladder_home: Path, good: Path, case: str) -> None:
    make_assessment(PRODUCT, "Bo Chen", assessment_id="bo")
    _damage(good, case)
    before = snapshot(ladder_home)
    result = run(ladder_home, "list")
    assert result.returncode == 0, result.stderr
    stderr = result.stderr.decode()
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and str(good) in lines[0] and "skipped" in lines[0], stderr
    assert "Traceback" not in stderr
    stdout = result.stdout.decode()
    assert "Bo Chen" in stdout and "Ana Lima" not in stdout
    assert_inert(result)
    assert snapshot(ladder_home) == before


def test_a_directory_named_like_an_assessment(ladder_home: Path, tmp_path: Path, unchanged: None) -> None:
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    assert_clean_error(run(ladder_home, "summary", str(folder)), str(folder), "directory")


def test_a_missing_file_and_an_unknown_id(ladder_home: Path, tmp_path: Path, unchanged: None) -> None:
    assert_clean_error(run(ladder_home, "summary", str(tmp_path / "gone.toml")), "gone.toml", "no such file")
    assert_clean_error(run(ladder_home, "summary", "nobody-at-all"), "nobody-at-all", "no such assessment")


def test_unknown_level_is_kept_reported_and_not_scored(ladder_home: Path, good: Path) -> None:
    """A rating naming a level the framework does not have: a warning naming the file, the answer kept, exit 0."""
    text = good.read_text(encoding="utf-8")
    good.write_text(text.replace('self = "intermediate"', 'self = "grandmaster"', 1), encoding="utf-8")
    before = snapshot(ladder_home)
    result = run(ladder_home, "summary", "ana", "--format", "json")
    assert result.returncode == 0, result.stderr
    stderr = result.stderr.decode()
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and str(good) in lines[0] and "'grandmaster'" in lines[0], stderr
    assert "Traceback" not in stderr
    assert snapshot(ladder_home) == before
    assert "grandmaster" in good.read_text(encoding="utf-8")  # never silently dropped


# ----------------------------------------------------------------- damaged and hostile framework files


def _framework_with_levels(count: int) -> str:
    lines = ["format_version = 1", 'id = "huge"', 'name = "Huge"', ""]
    for number in range(count):
        lines += ["[[levels]]", f'id = "l{number}"', f'name = "Level {number}"', ""]
    lines += ["[[areas]]", 'id = "a"', 'name = "A"', "", "[[areas.dimensions]]", 'id = "d"', 'name = "D"']
    lines += ["[areas.dimensions.levels]", 'l0 = "Does the thing"', ""]
    return "\n".join(lines)


def _framework_with_unknown_descriptors(count: int) -> str:
    lines = ["format_version = 1", 'id = "huge-keys"', 'name = "Huge"', "", "[[levels]]", 'id = "one"', 'name = "One"']
    lines += ["", "[[areas]]", 'id = "a"', 'name = "A"', "", "[[areas.dimensions]]", 'id = "d"', 'name = "D"']
    lines += ["[areas.dimensions.levels]", *(f'x{number} = "text"' for number in range(count)), ""]
    return "\n".join(lines)


HOSTILE_FRAMEWORKS: dict[str, tuple[bytes, str]] = {
    "100000-levels": (_framework_with_levels(100_000).encode(), "at most 50"),
    "100000-unknown-descriptor-levels": (_framework_with_unknown_descriptors(100_000).encode(), "no level with id"),
    "binary-garbage": (random.Random(7).randbytes(4096), "UTF-8"),
    "non-utf8": ('id = "caf\u00e9"\nname = "Caf\u00e9"\n'.encode("latin-1"), "UTF-8"),
    "malformed": (b'id = "x"\nname = "X\n', "malformed TOML"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_FRAMEWORKS))
def test_hostile_framework_is_rejected_quickly(ladder_home: Path, tmp_path: Path, case: str) -> None:
    data, needle = HOSTILE_FRAMEWORKS[case]
    path = tmp_path / f"{case}.toml"
    path.write_bytes(data)
    before = snapshot(tmp_path)

    start = time.monotonic()
    result = run(ladder_home, "frameworks", "validate", str(path), timeout=60)
    took = time.monotonic() - start
    stderr = result.stderr.decode("utf-8", errors="replace")
    assert result.returncode == 2 and "Traceback" not in stderr, stderr[-2000:]
    lines = stderr.splitlines()
    assert lines and all(str(path) in line for line in lines) and needle in stderr, lines[:3]
    assert len(lines) <= 201, len(lines)  # many problems: the first 200, then "... and N more"
    assert took < 20, took  # rejected, not hung (about 1 s on a laptop)

    # `new` with it and `frameworks show` of it: one line, exit 2, nothing created.
    assert_clean_error(run(ladder_home, "new", "--framework", str(path), "--subject", "Ana"), str(path), needle)
    assert_clean_error(run(ladder_home, "frameworks", "show", str(path)), str(path), needle)
    assert not (ladder_home / "assessments").exists()
    assert snapshot(tmp_path) == before


def test_hostile_framework_in_the_user_folder_is_skipped_not_fatal(ladder_home: Path) -> None:
    folder = ladder_home / "frameworks"
    folder.mkdir()
    (folder / "huge.toml").write_bytes(HOSTILE_FRAMEWORKS["100000-levels"][0])
    (folder / "garbage.toml").write_bytes(HOSTILE_FRAMEWORKS["binary-garbage"][0])
    before = snapshot(ladder_home)
    result = run(ladder_home, "frameworks", "list")
    assert result.returncode == 0, result.stderr
    stderr = result.stderr.decode()
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    assert len(lines) == 2 and all("skipped" in line for line in lines), lines
    assert PRODUCT in result.stdout.decode()
    assert_inert(result)
    assert snapshot(ladder_home) == before


# ----------------------------------------------------------------- terminal escapes in names and notes

ESCAPES = {
    "csi-colour": "\x1b[31mred\x1b[0m",
    "csi-clear-screen": "\x1b[2J\x1b[H",
    "osc-title": "\x1b]0;owned\x07",
    "osc8-link": "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\",
    "c1-csi": "\x9b31m",
    "dcs": "\x1bP+q\x1b\\",
    "backspace-bell-cr": "Ana\x08\x08\x08Bob\x07\r",
    "bidi-override": "\u202egnp.exe",
}


@pytest.mark.parametrize("case", sorted(ESCAPES))
def test_escapes_in_subject_and_notes_are_inert(ladder_home: Path, case: str) -> None:
    hostile = ESCAPES[case]
    framework = builtin_framework(PRODUCT)
    keys = all_keys(framework)
    make_assessment(
        PRODUCT,
        f"Eve {hostile} Mallory",
        "lead",
        assessment_id="eve",
        ratings={"self": {keys[0]: framework.levels[2].id}, "lead": {keys[0]: framework.levels[0].id}},
        notes={"self": {keys[0]: f"note {hostile} end"}, "lead": {keys[0]: f"lead {hostile} note"}},
    )
    before = snapshot(ladder_home)
    for args in (["list"], *(["summary", "eve", "--format", fmt] for fmt in ("text", "markdown", "json", "html"))):
        result = run(ladder_home, *args)
        assert result.returncode == 0, (args, result.stderr)
        assert "Traceback" not in result.stderr.decode()
        assert_inert(result)
        assert b"Eve" in result.stdout and b"Mallory" in result.stdout, (args, result.stdout[:500])
    assert snapshot(ladder_home) == before
    # The file keeps exactly what was typed: rendering inert is the terminal's business, not the file's.
    assert load_assessment(ladder_home / "assessments" / "eve.toml").subject == f"Eve {hostile} Mallory"


def test_escapes_in_framework_text_and_in_area_ids_are_inert(ladder_home: Path, good: Path) -> None:
    folder = ladder_home / "frameworks"
    folder.mkdir()
    hostile = "\x1b]0;owned\x07\x1b[2J"
    text = (Path(__file__).parent / "fixtures" / "tiny-ladder.toml").read_text(encoding="utf-8")
    name_line = next(line for line in text.splitlines() if line.startswith("name = "))
    (folder / "evil.toml").write_text(text.replace(name_line, f'name = "Evil {_toml_escape(hostile)} ladder"', 1))
    # An answer for a dimension the framework does not have, with escapes in its keys (reported in a warning).
    with good.open("a", encoding="utf-8") as handle:
        handle.write(f'\n[answers."{_toml_escape(hostile)}area"."dim{_toml_escape(hostile)}"]\nself = "junior"\n')
    before = snapshot(ladder_home)
    for args in (["frameworks", "list"], ["frameworks", "show", str(folder / "evil.toml")], ["summary", "ana"]):
        result = run(ladder_home, *args)
        assert result.returncode == 0, (args, result.stderr)
        assert "Traceback" not in result.stderr.decode()
        assert_inert(result)
    assert snapshot(ladder_home) == before


def _toml_escape(text: str) -> str:
    return "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in text)


def test_very_long_notes_and_subject(ladder_home: Path) -> None:
    framework = builtin_framework(PRODUCT)
    keys = all_keys(framework)
    long_note = ("Evidence: handled the escalation. " * 30_000).strip()  # about 1 MB
    make_assessment(
        PRODUCT,
        "Ana " + "Lima" * 2_000,
        assessment_id="long",
        ratings={"self": {key: framework.levels[1].id for key in keys}},
        notes={"self": {key: long_note for key in keys[:3]}},
    )
    before = snapshot(ladder_home)
    for args in (["list"], ["summary", "long"], ["summary", "long", "--format", "json"]):
        start = time.monotonic()
        result = run(ladder_home, *args)
        assert result.returncode == 0 and "Traceback" not in result.stderr.decode(), result.stderr[-2000:]
        assert time.monotonic() - start < 20
    assert snapshot(ladder_home) == before


# ----------------------------------------------------------------- the data folder itself


def _permissions_enforced(folder: Path) -> bool:
    probe = folder / "probe"
    try:
        probe.write_text("x")
    except PermissionError:
        return True
    probe.unlink()
    return False


@pytest.mark.parametrize("where", ["assessments-is-a-file", "home-is-a-file"])
def test_unwritable_data_folder_a_file_where_the_folder_should_be(
    ladder_home: Path, tmp_path: Path, where: str
) -> None:
    """What a read-only or broken data folder looks like even to root: a file stands where the folder should be."""
    if where == "assessments-is-a-file":
        blocker = ladder_home / "assessments"
        home = ladder_home
    else:
        blocker = tmp_path / "home-file"
        home = blocker
    blocker.write_text("not a folder\n", encoding="utf-8")
    before = snapshot(tmp_path)
    env = ladder_env(home)
    line = assert_clean_error(run(home, "new", "--framework", PRODUCT, "--subject", "Bo", env=env), str(blocker))
    assert "cannot write" in line
    assert_clean_error(run(home, "list", env=env), str(blocker), "is a file")
    assert_clean_error(run(home, "summary", "bo", env=env), "bo", "no such assessment")
    assert snapshot(tmp_path) == before


def test_summary_output_into_an_unwritable_place(ladder_home: Path, good: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    before = snapshot(tmp_path)
    target = blocker / "summary.html"
    assert_clean_error(run(ladder_home, "summary", "ana", "--format", "html", "--output", str(target)), str(blocker))
    assert snapshot(tmp_path) == before
    # A mistyped folder is named, not made (a typo must not grow a tree of folders).
    typo = tmp_path / "no-such" / "folder" / "summary.html"
    line = assert_clean_error(run(ladder_home, "summary", "ana", "--output", str(typo)), str(typo), "does not exist")
    assert str(typo.parent) in line
    assert not (tmp_path / "no-such").exists()
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("failing", ["write", "fsync", "replace"])
def test_full_disk_keeps_the_previous_file_and_says_so(ladder_home: Path, good: Path, failing: str) -> None:
    """ENOSPC at any step of a save: the old file is intact, no temp file is left, the error names the file."""
    walk = WalkSession.open(good, FrameworkCatalog())
    try:
        before = good.read_bytes()
        level = walk.framework.levels[2].id

        def no_space(*_args: object, **_kwargs: object) -> None:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        real_fdopen = os.fdopen

        class Full:
            """A file whose writes fail as on a full disk."""

            def __init__(self, handle: IO[str]) -> None:
                self.handle = handle

            def __enter__(self) -> Full:
                return self

            def __exit__(self, *exc: object) -> None:
                self.handle.close()

            def __getattr__(self, name: str) -> Any:
                return getattr(self.handle, name)

            def write(self, _text: str) -> int:
                no_space()
                return 0

        with pytest.MonkeyPatch.context() as patch:
            if failing == "write":
                patch.setattr(os, "fdopen", lambda *a, **k: Full(real_fdopen(*a, **k)))
            else:
                patch.setattr(os, failing, no_space)
            assert answer(walk, level) is False
        assert walk.last_error is not None
        assert str(good) in walk.last_error and "No space left on device" in walk.last_error
        assert "intact" in walk.last_error
        assert good.read_bytes() == before
        assert [p.name for p in good.parent.iterdir() if p.name.endswith(".tmp")] == []

        # Space again: the answer kept in memory is written by the next save.
        assert walk.save() is True and walk.last_error is None
        assert load_assessment(good).rating(walk.step.area.id, walk.step.dimension.id, "self") == level
    finally:
        walk.close()


async def test_a_note_that_could_not_be_saved_is_never_called_saved(ladder_home: Path, good: Path) -> None:
    """The note editor saves on every change; while the disk refuses, it says so, even when a change event repeats
    text already tried (it said "saved" then), and the next change after the disk is back writes the note."""
    from textual.widgets import Label, TextArea

    from ladder_tui.tui.app import make_app
    from ladder_tui.tui.screens.note import NoteScreen

    def no_space(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    app = make_app(assessment_path=good)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(30):
            await pilot.pause()
            if app.walk is not None and app.screen.query("#cards"):
                break
        walk = app.walk
        assert walk is not None
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NoteScreen)
        editor = app.screen.query_one(TextArea)
        status = app.screen.query_one("#note-status", Label)
        before = good.read_bytes()
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(os, "fsync", no_space)
            await pilot.press("o", "k")
            await pilot.pause()
            assert "NOT SAVED" in str(status.render())
            editor.text = editor.text  # the same text again, as a repeated change event brings it
            await pilot.pause()
            assert "NOT SAVED" in str(status.render())
            assert walk.set_note(editor.text, by=app.screen.owner) is False
        assert good.read_bytes() == before
        await pilot.press("!")
        await pilot.pause()
        assert "✓ saved" in str(status.render())
        saved = load_assessment(good)
        assert saved.answer(walk.step.area.id, walk.step.dimension.id).note("self") in ("ok!", "!ok")


def test_missing_deep_data_folder(tmp_path: Path) -> None:
    """LADDER_TUI_HOME names a folder that does not exist yet (and HOME is unset): reading works, nothing is made."""
    home = tmp_path / "not" / "there" / "yet"
    env = ladder_env(home)
    env.pop("HOME", None)
    for args in (["list"], ["frameworks", "list"], ["frameworks", "show", PRODUCT]):
        result = run(home, *args, env=env)
        assert result.returncode == 0, (args, result.stderr)
        assert "Traceback" not in result.stderr.decode()
    assert_clean_error(run(home, "summary", "ana", env=env), "ana", "no such assessment")
    assert not (tmp_path / "not").exists()


def test_missing_deep_data_folder_is_created_private_on_first_save(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`new` in a data folder that does not exist creates it (0700) and the file (0600): run in-process, no TUI."""
    from ladder_tui import cli

    home = tmp_path / "deep" / "er" / "home"
    monkeypatch.setenv("LADDER_TUI_HOME", str(home))
    monkeypatch.delenv("HOME", raising=False)
    opened: list[Path | None] = []
    monkeypatch.setattr(cli, "_run_app", lambda path, mode=None, created=False: opened.append(path) or 0)
    assert cli.main(["new", "--framework", PRODUCT, "--subject", "Ana"]) == 0
    (path,) = opened
    assert path is not None and path.parent == home / "assessments"
    assert path.stat().st_mode & 0o777 == 0o600
    assert (home / "assessments").stat().st_mode & 0o777 == 0o700
    assert load_assessment(path).subject == "Ana"
