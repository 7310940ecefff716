"""Serving a real team: who may open what (the people file), rooms that never show a traceback, rooms that end with
their server, and an idle limit that counts for the whole room. End to end on loopback, with the real OpenSSH client
where a person's view of a refusal is what is checked."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import asyncssh
import pytest

from ladder_tui.serve.server import ServeConfig, Server, start_server
from serve_helpers import (
    DEADLINE,
    Member,
    Tmux,
    authorize,
    connect,
    make_assessment,
    make_key,
    wait_until,
    write_private_key,
)

pytestmark = pytest.mark.timeout(90)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("LADDER_TUI_HOME", str(folder))
    for name in ("COLUMNS", "LINES", "NO_COLOR", "TEXTUAL"):
        monkeypatch.delenv(name, raising=False)
    return folder


KIM, ALEX, PAT = make_key("kim@laptop"), make_key("alex@laptop"), make_key("pat@laptop")
TERM_ENV = {"TERM": "xterm-256color", "LANG": "C.UTF-8"}


def write_people(home: Path) -> None:
    def key_line(key: asyncssh.SSHKey) -> str:
        return key.export_public_key().decode().strip()

    (home / "people.toml").write_text(
        f'[[people]]\nname = "Kim Lead"\nkeys = ["{key_line(KIM)}"]\nleads = ["Alex Doe"]\n\n'
        f'[[people]]\nname = "Alex Doe"\nkeys = ["{key_line(ALEX)}"]\n\n'
        f'[[people]]\nname = "Pat Roe"\nkeys = ["{key_line(PAT)}"]\n',
        encoding="utf-8",
    )


@pytest.fixture
async def team_server(home: Path) -> AsyncIterator[Server]:
    authorize(home, KIM, ALEX, PAT)
    write_people(home)
    make_assessment("alex-cs", subject="Alex Doe")
    make_assessment("kim-cs", subject="Kim Lead")
    make_assessment("pat-cs", subject="Pat Roe")
    running = await start_server(ServeConfig(port=0))
    try:
        yield running
    finally:
        await asyncio.wait_for(running.close(), 30)


def real_ssh(port: int, key_file: Path, room: str, *command: str) -> list[str]:
    return [
        "/usr/bin/ssh", *([] if command else ["-tt"]), "-F", "/dev/null", "-p", str(port), "-i", str(key_file),
        "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-o", "StrictHostKeyChecking=no",
        "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", f"{room}@127.0.0.1", *command,
    ]  # fmt: skip


async def test_a_lead_and_their_report_share_a_room_and_anyone_else_is_refused(
    team_server: Server, tmp_path: Path
) -> None:
    kim = await Member.join(team_server.port, "alex-cs", KIM)
    alex = await Member.join(team_server.port, "alex-cs", ALEX)
    try:
        # The subject and their lead are both here: asked who is rating (at the start, or when Alex joined).
        await alex.see("Who is rating Alex Doe?")
        kim.type(b"p")
        await kim.see("Press enter to start this area.")
        await alex.see("Press enter to start this area.")
        # Pat, with the real client: one line, saying "may not", naming nobody; the connection ends.
        pat_key = write_private_key(tmp_path, PAT, "pat")
        done = await asyncio.to_thread(
            subprocess.run,
            real_ssh(team_server.port, pat_key, "alex-cs"),
            capture_output=True,
            stdin=subprocess.DEVNULL,
            timeout=DEADLINE,
        )
        shown = (done.stdout + done.stderr).decode("utf-8", "replace")
        lines = [line for line in shown.splitlines() if line.strip()]
        assert done.returncode != 0 and len(lines) == 1, shown
        assert "may not" in lines[0] and "Alex" not in shown and "Kim" not in shown and "Doe" not in shown
    finally:
        await kim.close()
        await alex.close()


async def test_home_in_a_leads_room_lists_only_their_own_and_their_reports(team_server: Server, tmp_path: Path) -> None:
    tmux = Tmux(tmp_path)
    kim_key = write_private_key(tmp_path, KIM, "kim")
    try:
        tmux.start("kim", " ".join(real_ssh(team_server.port, kim_key, "kim")), (120, 30), TERM_ENV)
        await tmux.see("kim", "Alex Doe")
        await tmux.see("kim", "Kim Lead")
        assert "Pat Roe" not in tmux.screen("kim")
        # Pat may not join a room that shows what Kim may see.
        said = await refusal(team_server, "kim", PAT)
        assert "may not" in said and "Alex" not in said and "Kim" not in said
    finally:
        tmux.kill()


def test_serve_says_at_start_when_there_is_no_people_file(home: Path) -> None:
    authorize(home, KIM)
    proc = subprocess.Popen(
        [sys.executable, "-m", "ladder_tui", "serve", "--port", "0"],
        env={**os.environ, "LADDER_TUI_HOME": str(home)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        lines = [proc.stdout.readline() for _ in range(5)]
    finally:
        proc.send_signal(signal.SIGINT)
        _out, err = proc.communicate(timeout=30)
    said = "".join(lines)
    assert "every authorised key can open every assessment" in said, said
    assert "Warning" not in err and "Traceback" not in err, err


async def refusal(server: Server, room: str, key: asyncssh.SSHKey) -> str:
    """What a member who is turned away receives (screen and error stream together)."""
    conn = await connect(server.port, room, key)
    try:
        process = await conn.create_process(term_type="xterm-256color", term_size=(80, 24), encoding=None)
        out, err = await asyncio.wait_for(asyncio.gather(process.stdout.read(), process.stderr.read()), DEADLINE)
        await asyncio.wait_for(process.wait_closed(), DEADLINE)
        return (out + err).decode("utf-8", "replace")
    finally:
        conn.close()


async def test_a_room_whose_app_fails_shows_one_line_and_no_traceback(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The room's app fails on purpose: a sitecustomize on its path breaks the app as it mounts, with private words.
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(
        "import ladder_tui.tui.app as app\n"
        "def boom(self):\n"
        "    raise RuntimeError('Alex Doe private note: struggling with escalations')\n"
        "app.LadderApp.on_mount = boom\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("PYTHONPATH", str(hooks))
    authorize(home, KIM)
    running = await start_server(ServeConfig(port=0))
    try:
        member = await Member.join(running.port, "anything", KIM)
        await member.wait_closed()
        received = bytes(member.raw).decode("utf-8", "replace")
        assert "hit an error and closed; every answer is saved" in received
        assert "Traceback" not in received and "private note" not in received and str(home) not in received
        log = (home / "serve.log").read_text(encoding="utf-8")
        assert "private note" in log  # the details are in the server's private log
        assert (home / "serve.log").stat().st_mode & 0o077 == 0
    finally:
        await asyncio.wait_for(running.close(), 30)


def _children_of(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="utf-8") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry))
    return found


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


async def test_kill_9_of_the_server_ends_its_rooms_and_the_assessment_opens_writable(
    home: Path, tmp_path: Path
) -> None:
    from ladder_tui.core.storage.assessments import AssessmentLock

    authorize(home, KIM)
    path = make_assessment("alex-cs", subject="Alex Doe")
    tmux = Tmux(tmp_path)
    proc = subprocess.Popen(
        [sys.executable, "-m", "ladder_tui", "serve", "--port", "0"],
        env={**os.environ, "LADDER_TUI_HOME": str(home)},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert proc.stdout is not None
        first = await asyncio.to_thread(proc.stdout.readline)
        port = int(first.rsplit(":", 1)[1])
        kim_key = write_private_key(tmp_path, KIM, "kim")
        command = real_ssh(port, kim_key, "alex-cs")
        tmux.start("kim", " ".join(command), (100, 30), TERM_ENV)
        await tmux.see("kim", "Press enter to start this area.")
        rooms = _children_of(proc.pid)
        assert rooms, "the room's app runs under the server"
        assert not AssessmentLock(path).acquire(), "the room holds the assessment"
        proc.kill()
        proc.wait(timeout=10)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 2.0
        while any(_alive(pid) for pid in rooms) and loop.time() < deadline:
            await asyncio.sleep(0.05)
        assert not any(_alive(pid) for pid in rooms), "a room outlived its server"
        # The kernel lets go of a dead process's lock a moment after it is gone (its files are closed late).
        lock = AssessmentLock(path)
        while not lock.acquire() and loop.time() < deadline + 1.0:
            await asyncio.sleep(0.05)
        assert lock.refused is None, "after the server is gone, the assessment opens writable"
        lock.release()
    finally:
        tmux.kill()
        if proc.poll() is None:
            proc.kill()


async def test_your_own_copy_of_the_summary_over_ssh(team_server: Server, tmp_path: Path) -> None:
    alex_key = write_private_key(tmp_path, ALEX, "alex")
    pat_key = write_private_key(tmp_path, PAT, "pat")

    def run(key_file: Path, *command: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            real_ssh(team_server.port, key_file, "alex-cs", *command),
            capture_output=True,
            stdin=subprocess.DEVNULL,
            timeout=DEADLINE,
        )

    done = await asyncio.to_thread(run, alex_key, "summary", "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["subject"] == "Alex Doe" and data["assessment_id"] == "alex-cs"
    text = await asyncio.to_thread(run, alex_key, "summary")
    assert text.returncode == 0 and b"Suggested level" in text.stdout
    refused = await asyncio.to_thread(run, pat_key, "summary", "--format", "json")
    assert refused.returncode != 0 and b"may not" in refused.stderr and not refused.stdout
    other = await asyncio.to_thread(run, alex_key, "cat", "/etc/passwd")
    assert other.returncode != 0 and b"no commands but" in other.stderr and b"root" not in other.stdout


async def test_an_invite_names_the_running_server_and_its_host_key_as_ssh_keygen_shows_it(home: Path) -> None:
    authorize(home, KIM)
    running = await start_server(ServeConfig(port=0))
    try:
        done = await asyncio.to_thread(
            subprocess.run,
            [sys.executable, "-m", "ladder_tui", "serve", "invite", "alex-cs"],
            env={**os.environ, "LADDER_TUI_HOME": str(home)},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        lines = done.stdout.splitlines()
        assert lines[0] == f"ssh -t -p {running.port} alex-cs@127.0.0.1"
        keygen = subprocess.run(
            ["ssh-keygen", "-l", "-f", str(home / "ssh_host_ed25519_key")], capture_output=True, text=True, check=True
        )
        assert keygen.stdout.split()[1] in lines[1] and lines[1].startswith("host key fingerprint: SHA256:")
    finally:
        await asyncio.wait_for(running.close(), 30)
    assert not (home / "serve.json").exists(), "the record goes with the server"
    later = subprocess.run(
        [sys.executable, "-m", "ladder_tui", "serve", "invite", "alex-cs", "--host", "team.example", "--port", "2200"],
        env={**os.environ, "LADDER_TUI_HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert later.stdout.splitlines()[0] == "ssh -t -p 2200 alex-cs@team.example"


def test_the_banner_keeps_who_sets_the_size_at_80_columns_and_shows_names_literally() -> None:
    from ladder_tui.serve.protocol import MemberState, RoomState
    from ladder_tui.tui.served import room_banner

    state = RoomState(
        "alex-cs",
        (MemberState("Kim Lead [b]boss[/b]", 120, 40), MemberState("Alexander Doe-Smithson", 80, 24)),
        "Alexander Doe-Smithson",
        80,
        24,
    )
    for width in (78, 60, 40):
        text = room_banner(state, width)
        assert len(text) <= width and "Room alex-cs · 2 here" in text and " by Alexan" in text, text
    assert "[b]boss[/b]" in room_banner(state)


async def test_the_banner_widget_renders_markup_in_names_as_text(monkeypatch: pytest.MonkeyPatch) -> None:
    from ladder_tui.serve.protocol import MemberState, RoomState
    from ladder_tui.tui.app import make_app
    from ladder_tui.tui.widgets.room_banner import RoomBanner

    app = make_app(served=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.room_state = RoomState("r", (MemberState("[b]x[/b] [link=http://e]y[/]", 80, 24),), "", 80, 24)
        app.set_room_banner("changed")
        await pilot.pause()
        banner = app.screen.query_one(RoomBanner)
        assert "[b]x[/b]" in str(banner.render())


def test_a_full_disk_at_the_first_start_leaves_no_host_key(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ladder_tui.core.errors import LadderError
    from ladder_tui.serve import server as server_module

    def full(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(server_module.os, "fsync", full)
    key = home / "ssh_host_ed25519_key"
    with pytest.raises(LadderError) as caught:
        server_module.load_host_key(key)
    assert "No space left" in str(caught.value)
    assert sorted(home.iterdir()) == [], "no key file, and no temporary one, is left behind"


async def test_idle_counts_for_the_room_with_real_clients(home: Path, tmp_path: Path) -> None:
    authorize(home, KIM, ALEX)
    make_assessment("alex-cs", subject="Alex Doe")
    running = await start_server(ServeConfig(port=0, idle_timeout=4.0))
    tmux = Tmux(tmp_path)
    keys = {"kim": write_private_key(tmp_path, KIM, "kim"), "alex": write_private_key(tmp_path, ALEX, "alex")}
    try:
        for who in keys:
            tmux.start(who, " ".join(real_ssh(running.port, keys[who], "alex-cs")), (100, 30), TERM_ENV)
            await tmux.see(who, "Press enter to start this area.")
        for _ in range(14):  # Alex presses keys (a harmless one), Kim only watches: both stay in
            tmux.keys("alex", "Down")
            await asyncio.sleep(0.4)
        assert "SSH-EXIT" not in tmux.screen("kim") and "SSH-EXIT" not in tmux.screen("alex")
        await tmux.see("kim", "disconnected in", timeout=6)  # nobody types: a warning first, on every screen
        await tmux.see("kim", "SSH-EXIT", timeout=8)
        await tmux.see("alex", "SSH-EXIT", timeout=8)
        assert "No keys in room alex-cs" in tmux.screen("kim")
    finally:
        tmux.kill()
        await asyncio.wait_for(running.close(), 30)


async def test_one_members_flood_of_keys_is_cut_and_the_others_keys_still_answer(home: Path, tmp_path: Path) -> None:
    authorize(home, KIM, ALEX)
    make_assessment("alex-cs", subject="Alex Doe")
    running = await start_server(ServeConfig(port=0))
    tmux = Tmux(tmp_path)
    keys = {"kim": write_private_key(tmp_path, KIM, "kim"), "alex": write_private_key(tmp_path, ALEX, "alex")}
    flooded = tmp_path / "flooder-screen"
    try:
        tmux.start("alex", " ".join(real_ssh(running.port, keys["alex"], "alex-cs")), (100, 30), TERM_ENV)
        await tmux.see("alex", "Press enter to start this area.")
        # Kim's real ssh is fed 1 MB of digits as fast as the connection takes them (and stays connected).
        flood = """sh -c 'yes 3 | tr -d "\\n" | head -c 1048576; sleep 60'"""
        tmux.start(
            "kim",
            f"{flood} | {' '.join(real_ssh(running.port, keys['kim'], 'alex-cs'))} > {flooded}",
            (100, 30),
            TERM_ENV,
        )
        await wait_until(
            lambda: flooded.exists() and b"Too many keys at once" in flooded.read_bytes(), "the notice", 20
        )
        tmux.keys("alex", "F1")  # the help, for the other member, while the flood goes on
        await tmux.see("alex", "this help (on any screen or dialog)")
        assert "Too many keys" not in tmux.screen("alex")  # the notice is the flooder's only
    finally:
        tmux.kill()
        await asyncio.wait_for(running.close(), 30)


def _agreed(path: Path) -> dict[str, dict[str, object]]:
    """Each answered dimension's agreed rating and who gave it, as the file holds them."""
    from ladder_tui.core.storage.assessments import load_assessment

    return {
        dim: {"agreed": answer.agreed, "by": answer.rated_by.get("agreed")}
        for dims in load_assessment(path).answers.values()
        for dim, answer in dims.items()
        if answer.agreed is not None
    }


async def test_a_lead_and_an_agent_on_real_ssh_each_key_is_theirs_and_one_key_wins(home: Path, tmp_path: Path) -> None:
    authorize(home, KIM, ALEX)
    write_people(home)
    path = make_assessment("alex-cs", subject="Alex Doe")
    running = await start_server(ServeConfig(port=0))
    tmux = Tmux(tmp_path)
    keys = {"kim": write_private_key(tmp_path, KIM, "kim"), "alex": write_private_key(tmp_path, ALEX, "alex")}
    try:
        # Kim alone in Alex's room: their lead rates (lead mode, no question asked).
        tmux.start("kim", " ".join(real_ssh(running.port, keys["kim"], "alex-cs")), (120, 36), TERM_ENV)
        await tmux.see("kim", "Press enter to start this area.")
        tmux.keys("kim", "Enter")
        await tmux.see("kim", "LEAD")
        tmux.keys("kim", "3")
        await tmux.see("kim", "2 of 11")
        # Alex joins: everyone is told, and both are asked who is rating, pair suggested.
        tmux.start("alex", " ".join(real_ssh(running.port, keys["alex"], "alex-cs")), (120, 36), TERM_ENV)
        await tmux.see("kim", "Alex Doe joined the room.")
        await tmux.see("alex", "suggested")
        tmux.keys("alex", "p")
        await tmux.see("kim", "pair mode")
        await tmux.see("alex", "Press enter to start this area.")
        tmux.keys("alex", "Enter")
        await tmux.see("kim", "1 of 11")
        await asyncio.sleep(1.2)
        # Both press at once (one tmux command: a few ms apart): exactly one answer, and both screens say whose.
        tmux.run("send-keys", "-t", "kim", "3", ";", "send-keys", "-t", "alex", "2")
        await tmux.see("kim", "key had just moved")
        await tmux.see("alex", "key had just moved")
        agreed = _agreed(path)
        assert len(agreed) == 1, agreed
        ((_dim, answer),) = agreed.items()
        winner = answer["by"]
        assert winner in ("Kim Lead", "Alex Doe") and answer["agreed"] == {"Kim Lead": "l3", "Alex Doe": "l2"}[winner]
        for who in ("kim", "alex"):
            await tmux.see(who, f"{winner}'s key")
        # Notes: Kim writes one, then Alex's keys open Alex's own (Kim's is kept).
        await asyncio.sleep(1.2)
        tmux.keys("kim", "n")
        await tmux.see("alex", "Kim Lead's note for")
        tmux.keys("kim", "-l", "kim saw the email")
        await tmux.see("alex", "kim saw the email")
        tmux.keys("alex", "-l", "alex wrote it")
        await tmux.see("kim", "Alex Doe's note for")
        await tmux.see("kim", "alex wrote it")
        tmux.keys("alex", "Escape")
        await tmux.see("kim", "2 of 11")
        for who in ("kim", "alex"):
            tmux.keys(who, "C-q")
            await tmux.see(who, "SSH-EXIT")
        # Afterwards, Alex's own copy of the summary says who rated and who wrote what.
        done = await asyncio.to_thread(
            subprocess.run,
            real_ssh(running.port, keys["alex"], "alex-cs", "summary", "--format", "json"),
            capture_output=True, text=True, timeout=30, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        dims = json.loads(done.stdout)["dimensions"]
        assert dims[0]["rated_by"]["lead"] == "Kim Lead" and dims[0]["lead"] == "l3"
        assert dims[0]["rated_by"]["agreed"] == winner
        notes = {(n["by"], n["text"]) for d in dims for n in d["written_notes"]}
        assert {("Kim Lead", "kim saw the email"), ("Alex Doe", "alex wrote it")} <= notes
    finally:
        tmux.kill()
        await asyncio.wait_for(running.close(), 30)
