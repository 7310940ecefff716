"""Hostile files and paths: nothing hangs, crashes, leaks to the terminal, or is destroyed.

The catalogue of issue 11, each case through the real CLI in a subprocess with a deadline (a FIFO must not hang,
/dev/zero must not fill memory): one clear line naming the file and the problem, exit status 2 (or the right result),
no traceback, no file changed. Then the cases only the app shows (markup-looking and escape-laden text, Ctrl+Q with
a note being typed), the lock and concurrent creation, linear text layout, and a Hypothesis run of random bytes and
random TOML through `frameworks validate`, `summary` and `list`.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import stat
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import PYTHON, ROOT, answer, builtin_framework, ladder_env, make_assessment, settle
from ladder_tui import cli
from ladder_tui.core.domain.session import WalkSession
from ladder_tui.core.storage.assessments import AssessmentLock
from ladder_tui.core.storage.catalog import FrameworkCatalog
from ladder_tui.core.storage.files import MAX_FILE_BYTES
from ladder_tui.core.storage.loader import load_assessment
from test_bad_input import assert_clean_error, assert_inert, run, snapshot

PRODUCT = "product-support-skills-matrix"
L1_L5 = "customer-support-l1-l5"
DEADLINE = 20  # seconds: a hang fails the test instead of the suite


@pytest.fixture
def good(ladder_home: Path) -> Path:
    fw = builtin_framework(PRODUCT)
    keys = fw.dimension_keys()
    return make_assessment(fw, "Ana Lima", assessment_id="ana", ratings={"self": {key: "senior" for key in keys[:5]}})


def user_frameworks(home: Path) -> Path:
    folder = home / "frameworks"
    folder.mkdir(exist_ok=True)
    return folder


def deep_toml(depth: int = 1000) -> str:
    return 'id = "deep"\nname = "Deep"\nx = ' + "[" * depth + "]" * depth + "\n"


# ----------------------------------------------------------------- summary --output never destroys a file


@pytest.mark.parametrize("target", ["the-assessment", "through-a-symlink", "a-framework"])
def test_summary_output_never_overwrites_a_ladder_file(ladder_home: Path, good: Path, target: str) -> None:
    framework = user_frameworks(ladder_home) / "tiny.toml"
    shutil.copy(ROOT / "tests" / "fixtures" / "tiny-ladder.toml", framework)
    link = ladder_home / "innocent-name.txt"
    link.symlink_to(good)
    destination = {"the-assessment": good, "through-a-symlink": link, "a-framework": framework}[target]
    before = snapshot(ladder_home)
    line = assert_clean_error(run(ladder_home, "summary", "ana", "--output", str(destination)), "not overwritten")
    assert "ladder-tui" in line
    assert snapshot(ladder_home) == before
    assert link.is_symlink()


def test_summary_output_to_a_device_a_fifo_a_folder_and_standard_output(ladder_home: Path, good: Path) -> None:
    # A character device is written in place, never replaced by a regular file (this matters most as root).
    result = run(ladder_home, "summary", "ana", "--output", os.devnull)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
    # "-" is standard output.
    result = run(ladder_home, "summary", "ana", "--format", "json", "--output", "-")
    assert result.returncode == 0 and result.stdout.lstrip().startswith(b"{")
    fifo = ladder_home / "pipe"
    os.mkfifo(fifo)
    assert_clean_error(run(ladder_home, "summary", "ana", "--output", str(fifo), timeout=DEADLINE), str(fifo), "FIFO")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    folder = ladder_home / "a-folder"
    folder.mkdir()
    assert_clean_error(run(ladder_home, "summary", "ana", "--output", str(folder)), str(folder), "directory")
    # An ordinary file is written, atomically and privately.
    report = ladder_home / "report.md"
    report.write_text("an old report\n", encoding="utf-8")
    assert run(ladder_home, "summary", "ana", "--format", "markdown", "--output", str(report)).returncode == 0
    assert report.read_text(encoding="utf-8").startswith("# Summary: Ana Lima")
    assert stat.S_IMODE(report.stat().st_mode) == 0o600


# ----------------------------------------------------------------- special files are refused by name


SPECIAL = ["fifo", "/dev/zero", "/dev/urandom", "folder"]


@pytest.fixture
def special_path(request: pytest.FixtureRequest, ladder_home: Path) -> Iterator[tuple[str, str]]:
    kind = request.param
    if kind == "fifo":
        path = ladder_home / "framework.toml"
        os.mkfifo(path)
        yield str(path), "FIFO"
    elif kind == "folder":
        path = ladder_home / "folder.toml"
        path.mkdir()
        yield str(path), "directory"
    else:
        if not os.path.exists(kind):
            pytest.skip(f"{kind} is not on this machine")
        yield kind, "character device"


@pytest.mark.parametrize("special_path", SPECIAL, indirect=True)
@pytest.mark.parametrize(
    "command",
    [
        ["frameworks", "validate", "{path}"],
        ["frameworks", "show", "{path}"],
        ["new", "--framework", "{path}", "--subject", "Bo"],
        ["summary", "{path}"],
        ["open", "{path}"],
        ["frameworks", "import", "{path}"],
    ],
)
def test_special_files_are_refused_by_name_within_seconds(
    ladder_home: Path, special_path: tuple[str, str], command: list[str]
) -> None:
    path, kind = special_path
    before = snapshot(ladder_home)
    started = time.monotonic()
    args = [part.format(path=path) for part in command]
    assert_clean_error(run(ladder_home, *args, timeout=DEADLINE), path, kind)
    assert time.monotonic() - started < DEADLINE
    assert snapshot(ladder_home) == before


def test_a_fifo_among_the_user_frameworks_is_skipped_and_the_rest_work(ladder_home: Path, good: Path) -> None:
    os.mkfifo(user_frameworks(ladder_home) / "stuck.toml")
    (user_frameworks(ladder_home) / "deep.toml").write_text(deep_toml(), encoding="utf-8")
    result = run(ladder_home, "frameworks", "list", timeout=DEADLINE)
    assert result.returncode == 0, result.stderr
    stderr = result.stderr.decode()
    assert "stuck.toml" in stderr and "FIFO" in stderr and "deep.toml" in stderr and "nested" in stderr
    assert len([line for line in stderr.splitlines() if line.strip()]) == 2
    assert "Traceback" not in stderr
    assert PRODUCT in result.stdout.decode()
    assert run(ladder_home, "summary", "ana", timeout=DEADLINE).returncode == 0
    assert run(ladder_home, "list", timeout=DEADLINE).returncode == 0


def test_the_size_limit_is_said_in_one_line(ladder_home: Path, tmp_path: Path) -> None:
    big = tmp_path / "huge.toml"
    with big.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk
    assert_clean_error(run(ladder_home, "frameworks", "validate", str(big), timeout=DEADLINE), str(big), "MiB")
    assert_clean_error(run(ladder_home, "summary", str(big), timeout=DEADLINE), str(big), "refused")


# ----------------------------------------------------------------- nesting, BOM, unknown target


def test_deep_nesting_is_one_line_with_its_position(ladder_home: Path, tmp_path: Path, good: Path) -> None:
    deep = tmp_path / "deep.toml"
    deep.write_text(deep_toml(), encoding="utf-8")
    line = assert_clean_error(run(ladder_home, "frameworks", "validate", str(deep)), str(deep), "nested")
    assert f"{deep}:3:" in line  # the line (and column) where the nesting passes the limit
    # One such file among the assessments: list skips it with one line and lists the rest.
    (ladder_home / "assessments" / "deep.toml").write_text(deep_toml(), encoding="utf-8")
    result = run(ladder_home, "list")
    assert result.returncode == 0
    assert "deep.toml" in result.stderr.decode() and "nested" in result.stderr.decode()
    assert "Ana Lima" in result.stdout.decode()
    assert_clean_error(run(ladder_home, "summary", "deep"), "deep.toml", "nested")


def test_a_byte_order_mark_is_fine(ladder_home: Path, tmp_path: Path, good: Path) -> None:
    framework = tmp_path / "bom.toml"
    framework.write_bytes(b"\xef\xbb\xbf" + (ROOT / "tests" / "fixtures" / "tiny-ladder.toml").read_bytes())
    result = run(ladder_home, "frameworks", "validate", str(framework))
    assert result.returncode == 0, result.stderr
    good.write_bytes(b"\xef\xbb\xbf" + good.read_bytes())
    assert run(ladder_home, "summary", "ana").returncode == 0


def test_an_unknown_target_level_is_a_warning_naming_it(ladder_home: Path, good: Path) -> None:
    text = good.read_text(encoding="utf-8").replace('mode = "self"', 'mode = "self"\ntarget_level = "wizard"')
    good.write_text(text, encoding="utf-8")
    before = good.read_bytes()
    result = run(ladder_home, "summary", "ana")
    assert result.returncode == 0
    stderr = result.stderr.decode()
    assert "warning" in stderr and "'wizard'" in stderr and "no target" in stderr and "Traceback" not in stderr
    assert good.read_bytes() == before  # kept as it is, never rewritten


# ----------------------------------------------------------------- permissions (as an ordinary user)

#: Root reads and writes anything; without these capabilities it obeys the permission bits like anyone else.
DROP = ["setpriv", "--inh-caps=-dac_override,-dac_read_search", "--bounding-set=-dac_override,-dac_read_search"]


def unprivileged(argv: list[str]) -> list[str]:
    """`argv` run as an ordinary user would: as root, with the capabilities that bypass permissions dropped."""
    if os.geteuid() != 0:
        return argv
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: cannot test permissions")
    return [*DROP, *argv]


def run_unprivileged(home: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        unprivileged([PYTHON, "-m", "ladder_tui", *args]),
        env=ladder_env(home),
        capture_output=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


def test_an_unreadable_assessments_folder_is_one_line_for_every_command(ladder_home: Path, good: Path) -> None:
    folder = good.parent
    os.chmod(folder, 0o000)
    try:
        for args in (["summary", "ana"], ["open", "ana"], ["list"]):
            assert_clean_error(run_unprivileged(ladder_home, *args), str(folder), "permission denied")
        result = run_unprivileged(ladder_home, "new", "--framework", PRODUCT, "--subject", "Bo")
        assert_clean_error(result, str(folder))
    finally:
        os.chmod(folder, 0o700)
    assert [path.name for path in folder.iterdir()] == ["ana.toml"]


def test_a_read_only_data_folder_opens_read_only_and_says_why(ladder_home: Path, good: Path) -> None:
    before = good.read_bytes()
    os.chmod(good.parent, 0o500)  # readable, not writable: no lock file and no save can be made there
    code = (
        "import sys; from pathlib import Path; from ladder_tui.core.storage.catalog import FrameworkCatalog;"
        "from ladder_tui.core.domain.session import WalkSession;"
        "from ladder_tui.core.domain.walk import Stay, WalkController;"
        "walk = WalkSession.open(Path(sys.argv[1]), FrameworkCatalog(), 'self');"
        "print(walk.read_only, walk.read_only_reason, not isinstance(WalkController(walk).answer('junior'), Stay))"
    )
    try:
        result = subprocess.run(
            unprivileged([PYTHON, "-c", code, str(good)]), env=ladder_env(ladder_home), capture_output=True,
            text=True, timeout=60,
        )  # fmt: skip
    finally:
        os.chmod(good.parent, 0o700)
    assert result.stdout.split() == ["True", "read-only", "False"], result.stderr
    assert good.read_bytes() == before


# ----------------------------------------------------------------- one writer per file, one file per new


def test_a_symlink_to_an_assessment_is_the_same_file_for_the_lock(ladder_home: Path, good: Path) -> None:
    link = ladder_home / "elsewhere.toml"
    link.symlink_to(good)
    catalog = FrameworkCatalog()
    first = WalkSession.open(good, catalog)
    try:
        second = WalkSession.open(link, catalog)
        assert second.read_only and second.read_only_reason == "busy"
        second.close()
    finally:
        first.close()
    # Saving through the link writes the file it points to; the link stays a link.
    walk = WalkSession.open(link, catalog)
    try:
        assert not walk.read_only
        step = walk.step  # the first unanswered: the sixth
        assert answer(walk, "lead")
    finally:
        walk.close()
    assert link.is_symlink()
    assert load_assessment(good).rating(step.area.id, step.dimension.id, "self") == "lead"
    assert AssessmentLock(link).path == AssessmentLock(good).path


def test_two_new_assessments_for_one_subject_at_once_make_two_files(ladder_home: Path) -> None:
    code = (
        "import sys, time\n"
        "from ladder_tui.core.domain.assessment import new_assessment\n"
        "from ladder_tui.core.storage.catalog import FrameworkCatalog\n"
        "from ladder_tui.core.storage.assessments import assessment_id_for, create_assessment\n"
        f"fw = FrameworkCatalog().get({PRODUCT!r})\n"
        "a = new_assessment(fw, sys.argv[2], assessment_id=assessment_id_for('Same', fw.id))\n"
        "while time.time() < float(sys.argv[1]): pass\n"
        "print(create_assessment(a))\n"
    )
    start = time.time() + 1.5
    children = [
        subprocess.Popen(
            [PYTHON, "-c", code, str(start), f"Same {n}"],
            env=ladder_env(ladder_home),
            stdout=subprocess.PIPE,
            text=True,
        )
        for n in range(4)
    ]
    paths = [child.communicate(timeout=60)[0].strip() for child in children]
    assert len(set(paths)) == 4, paths
    subjects = sorted(load_assessment(Path(path)).subject for path in paths)
    assert subjects == ["Same 0", "Same 1", "Same 2", "Same 3"]  # nobody's file was overwritten


# ----------------------------------------------------------------- text is linear in its size


def test_a_long_unbroken_note_is_laid_out_whole_in_line_length_pieces(ladder_home: Path) -> None:
    """What keeps the layout linear: a word longer than the line is broken into line-length pieces before Rich sees
    it (Rich alone folds one long word in quadratic time). The timing itself is a benchmark row (`longnote`): tests
    never assert wall-clock times."""
    from ladder_tui.core.domain.scoring import score
    from ladder_tui.core.presentation.report import render
    from ladder_tui.core.presentation.text import cell_len

    fw = builtin_framework(L1_L5)
    keys = fw.dimension_keys()
    size = 1_000_000
    assessment_path = make_assessment(
        fw, "Long Note", assessment_id="long", ratings={"self": {keys[0]: "l1"}}, notes={"self": {keys[0]: "x" * size}}
    )
    text = render(score(fw, load_assessment(assessment_path)), "text", width=100)
    assert text.count("x") >= size  # the whole note, folded into lines, never cut off
    lines = text.splitlines()
    assert max(cell_len(line) for line in lines) <= 100
    assert sum(1 for line in lines if "xxxxxxxxxx" in line) >= size // 100


# ----------------------------------------------------------------- Hypothesis: random bytes and random TOML


TOML_VALUES = st.recursive(
    st.none().map(lambda _: "x") | st.integers() | st.booleans() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)
DOCUMENTS = st.dictionaries(st.text(max_size=10), TOML_VALUES, max_size=6).map(tomli_w.dumps)
CONTENT = (
    st.binary(max_size=2000)
    | DOCUMENTS.map(str.encode)
    | st.sampled_from(
        [b'kind = "ladder-tui assessment"\n', b'id = "x"\nname = "X"\nlevels = []\nareas = []\n', b"[[[a]]]\n"]
    )
)


def _main(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(args))
    return code, out.getvalue(), err.getvalue()


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=CONTENT, where=st.sampled_from(["assessments", "frameworks", "loose"]))
def test_random_bytes_and_toml_give_exit_0_or_2_one_line_each_and_change_nothing(
    content: bytes, where: str, ladder_home: Path
) -> None:
    folder = ladder_home / where
    folder.mkdir(exist_ok=True)
    path = folder / "random.toml"
    path.write_bytes(content)
    before = snapshot(ladder_home)
    for args in (("frameworks", "validate", str(path)), ("summary", str(path)), ("list",), ("frameworks", "list")):
        code, _out, err = _main(*args)
        assert code in (0, 2), (args, code, err)
        assert "Traceback" not in err
        lines = [line for line in err.splitlines() if line.strip()]
        if args[0] == "summary" and code == 2:
            assert len(lines) == 1, err
        for line in lines:
            assert "\x1b" not in line
        if code == 2 and args != ("frameworks", "validate", str(path)):
            assert lines and str(path) in lines[0]
    assert snapshot(ladder_home) == before
    path.unlink()


def test_random_catalogue_is_inert(ladder_home: Path, good: Path) -> None:
    """Escape sequences and C1 controls in a framework file never reach the terminal from `frameworks list`."""
    source = (ROOT / "tests" / "fixtures" / "tiny-ladder.toml").read_text(encoding="utf-8")
    hostile = source.replace('name = "Tiny Ladder"', 'name = "Tiny \\u001b]0;pwned\\u0007\\u001b[2J Ladder"')
    (user_frameworks(ladder_home) / "tiny.toml").write_text(hostile, encoding="utf-8")
    result = run(ladder_home, "frameworks", "list")
    assert result.returncode == 0
    assert_inert(result)
    assert b"Tiny" in result.stdout


# ----------------------------------------------------------------- the app shows file text literally

HOSTILE_FRAMEWORK = """\
id = "brackets"
name = "Triage [beta] \\u001b]0;pwned\\u0007\\u001b[2J ladder"

[source]
title = "See the [L3] guide"
credit = "[b]not bold[/b]"

[[levels]]
id = "one"
name = "Level [1]"

[[levels]]
id = "two"
name = "Level [/] two"

[[areas]]
id = "area"
name = "Area [red]not red[/red]"
description = "Read [link=https://x]this[/link] first \\u009b2J"

[[areas.dimensions]]
id = "dim"
name = "Triage [beta]"

[areas.dimensions.levels]
one = "See the [L3] guide"
two = ["Closes [/] tags", "Uses [@click=app.quit]links[/] \\u001b[31mred\\u001b[0m"]
"""


def _texts(app: object) -> str:
    """Every piece of text the current screen's widgets hold: contents, border titles, option prompts, title."""
    from textual.content import Content
    from textual.widgets import OptionList, Static

    screen = app.screen  # type: ignore[attr-defined]
    texts = [str(screen.title or ""), str(screen.sub_title or "")]
    for widget in screen.query("*"):
        if isinstance(widget, Static):
            texts.append(str(widget.content))
        if widget.border_title:
            # The property gives the title back as markup (brackets escaped); what is drawn is its plain text.
            texts.append(Content.from_markup(widget.border_title).plain)
        if isinstance(widget, OptionList):
            texts += [str(widget.get_option_at_index(n).prompt) for n in range(widget.option_count)]
    return "\n".join(texts)


async def test_markup_and_escape_sequences_from_files_are_shown_literally(ladder_home: Path) -> None:
    from ladder_tui.tui.app import make_app
    from ladder_tui.tui.screens.area import AreaIntroScreen
    from ladder_tui.tui.screens.dimension import DimensionScreen
    from ladder_tui.tui.screens.frameworks import FrameworksScreen
    from ladder_tui.tui.screens.review import ReviewScreen
    from ladder_tui.tui.screens.summary import SummaryScreen

    (user_frameworks(ladder_home) / "brackets.toml").write_text(HOSTILE_FRAMEWORK, encoding="utf-8")
    fw = FrameworkCatalog().get("brackets")
    path = make_assessment(fw, "Ana [i]x[/i] \x1b[2J", assessment_id="ana")
    app = make_app(assessment_path=path)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot, AreaIntroScreen, tries=20)
        assert "Area [red]not red[/red]" in _texts(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DimensionScreen)
        shown = _texts(app)
        for literal in ("See the [L3] guide", "Closes [/] tags", "Uses [@click=app.quit]links[/]", "Triage [beta]",
                        "Level [/] two", "Level [1]"):  # fmt: skip
            assert literal in shown, literal
        assert "\x1b" not in shown and "\x9b" not in shown and "\x07" not in shown
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("u")
        await settle(pilot, SummaryScreen, tries=20)
        assert isinstance(app.screen, SummaryScreen)
        summary = _texts(app)
        assert "Ana [i]x[/i]" in summary and "\x1b" not in summary
        await pilot.press("h")
        for _ in range(20):
            await pilot.pause()
            if not isinstance(app.screen, (SummaryScreen, DimensionScreen)):
                break
        await pilot.press("f")
        await settle(pilot, FrameworksScreen, tries=20)
        assert isinstance(app.screen, FrameworksScreen)
        await pilot.press("end")  # the hostile framework sorts last: preview it
        await pilot.pause()
        listed = _texts(app)
        assert "Triage [beta]" in listed and "See the [L3] guide" in listed and "\x1b" not in listed
        # The app is still running: no MarkupError, and [@click=app.quit] in a descriptor did not quit it.
        assert app.is_running


async def test_ctrl_q_right_after_typing_a_note_keeps_it(ladder_home: Path) -> None:
    from ladder_tui.tui.app import make_app
    from ladder_tui.tui.screens.note import NoteScreen

    fw = builtin_framework(L1_L5)
    path = make_assessment(fw, "Ana Lima", assessment_id="ana")
    app = make_app(assessment_path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "n")
        await settle(pilot, NoteScreen, tries=20)
        await pilot.press(*"Escalated the outage", "ctrl+q")
        await pilot.pause()
    assert load_assessment(path).note(*fw.dimension_keys()[0], "self") == "Escalated the outage"


def test_escape_sequences_in_a_framework_name_never_reach_a_real_terminal(ladder_home: Path) -> None:
    """In tmux: an OSC title sequence that got through would set the pane's title; a clear would blank it."""
    if shutil.which("tmux") is None:
        pytest.skip("needs tmux")
    (user_frameworks(ladder_home) / "brackets.toml").write_text(HOSTILE_FRAMEWORK, encoding="utf-8")
    fw = FrameworkCatalog().get("brackets")
    make_assessment(fw, "Ana Lima", assessment_id="ana")
    socket = f"ladder-hostile-{os.getpid()}"
    tmux = ["tmux", "-L", socket, "-f", os.devnull]
    command = f"exec {PYTHON} -m ladder_tui open ana"
    subprocess.run([*tmux, "new-session", "-d", "-s", "h", "-x", "120", "-y", "30", "-e",
                    f"LADDER_TUI_HOME={ladder_home}", command], check=True, timeout=20)  # fmt: skip
    try:
        subprocess.run([*tmux, "set-option", "-t", "h", "allow-rename", "on"], check=False, timeout=20)
        deadline = time.monotonic() + DEADLINE
        screen = ""
        while time.monotonic() < deadline:
            screen = subprocess.run([*tmux, "capture-pane", "-p", "-t", "h"], capture_output=True, text=True).stdout
            if "Area [red]not red[/red]" in screen:
                break
            time.sleep(0.1)
        assert "Area [red]not red[/red]" in screen, screen
        subprocess.run([*tmux, "send-keys", "-t", "h", "Enter"], check=True, timeout=20)
        time.sleep(1)
        screen = subprocess.run([*tmux, "capture-pane", "-p", "-t", "h"], capture_output=True, text=True).stdout
        assert "See the [L3] guide" in screen and "Triage [beta]" in screen, screen
        title = subprocess.run([*tmux, "display-message", "-p", "-t", "h", "#{pane_title}"],
                               capture_output=True, text=True).stdout  # fmt: skip
        assert "pwned" not in title
    finally:
        subprocess.run([*tmux, "kill-server"], check=False, timeout=20)
