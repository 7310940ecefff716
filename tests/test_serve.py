"""`ladder-tui serve` end to end on 127.0.0.1: real SSH clients (asyncssh, and OpenSSH in tmux) in shared rooms."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import asyncssh
import pytest

from ladder_tui.core.domain.walk import CLASH_SECONDS
from ladder_tui.serve.filters import InputFilter, OutputTracker
from ladder_tui.serve.server import ServeConfig, Server, start_server
from serve_helpers import (
    DEADLINE,
    Member,
    Tmux,
    authorize,
    connect,
    make_assessment,
    make_key,
    self_ratings,
    wait_until,
    write_private_key,
)

HOME_TEXT = "Resume an assessment"  # what Home shows, whatever is saved
CTRL_Q = b"\x11"
CTRL_Z = b"\x1a"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("LADDER_TUI_HOME", str(folder))
    for name in ("COLUMNS", "LINES", "NO_COLOR", "TEXTUAL"):
        monkeypatch.delenv(name, raising=False)
    return folder


@pytest.fixture
def alice() -> asyncssh.SSHKey:
    return make_key("alice")


@pytest.fixture
def bob() -> asyncssh.SSHKey:
    return make_key("bob")


async def serve(home: Path, *keys: asyncssh.SSHKey, **options: object) -> Server:
    authorize(home, *keys)
    return await start_server(ServeConfig(port=0, **options))  # type: ignore[arg-type]


@pytest.fixture
async def server(home: Path, alice: asyncssh.SSHKey, bob: asyncssh.SSHKey) -> AsyncIterator[Server]:
    running = await serve(home, alice, bob)
    try:
        yield running
    finally:
        await asyncio.wait_for(running.close(), 30)


def room_state(server: Server, room: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((server.state_dir / f"{room}.json").read_text())
    return data


def footer_row(member: Member) -> int:
    """The row where the app's key footer is: tells the app's height as the app itself drew it."""
    for index, row in enumerate(member.screen.display):
        if "^p palette" in row:
            return index
    return -1


# ----- sharing one screen -----


@pytest.mark.timeout(60)
async def test_two_members_see_the_same_screen_and_both_can_type(
    server: Server, alice: asyncssh.SSHKey, bob: asyncssh.SSHKey
) -> None:
    a = await Member.join(server.port, "alex", alice)
    await a.see(HOME_TEXT)
    # A late joiner's terminal starts blank: the server has the app draw everything again for them at once.
    b = await Member.join(server.port, "alex", bob)
    await b.see(HOME_TEXT)
    await b.see("^p palette")
    # The app's banner (SIGUSR2 + the room-state file) names both, on both screens.
    await a.see("Room alex · 2 here: alice, bob")
    await b.see("Room alex · 2 here: alice, bob")
    await wait_until(lambda: a.screen.display == b.screen.display, "both screens to be the same")
    assert len(server.rooms) == 1, "both are in one room, one app"

    a.type(b"f")  # Home: f opens Frameworks
    await a.see("ladder-tui — Frameworks")
    await b.see("ladder-tui — Frameworks")
    b.type(b"\x1b")  # escape: back
    await a.see(HOME_TEXT)
    await b.see(HOME_TEXT)
    await wait_until(lambda: a.screen.display == b.screen.display, "both screens to be the same again")
    # The room banner names both (state file the app reads on SIGUSR2).
    state = room_state(server, "alex")
    assert [m["name"] for m in state["members"]] == ["alice", "bob"]
    await a.close()
    await b.close()


@pytest.mark.timeout(60)
async def test_room_is_sized_by_its_smallest_member_and_follows_resizes(
    server: Server, alice: asyncssh.SSHKey, bob: asyncssh.SSHKey
) -> None:
    a = await Member.join(server.port, "sizes", alice, size=(100, 30))
    await a.see("^p palette")
    assert footer_row(a) == 29
    b = await Member.join(server.port, "sizes", bob, size=(90, 26))
    await wait_until(lambda: footer_row(a) == 25 and footer_row(b) == 25, "the app to shrink to bob's 26 rows")
    state = room_state(server, "sizes")
    assert (state["cols"], state["rows"], state["size_by"]) == (90, 26, "bob")
    # Nothing is left outside the smaller area on the bigger terminal.
    await wait_until(lambda: all(not row[90:].strip() for row in a.screen.display), "a clean right edge for alice")
    await wait_until(lambda: a.screen.display[:26] == [row[:90] + " " * 10 for row in b.screen.display], "same view")

    b.resize(70, 20)
    await wait_until(lambda: footer_row(a) == 19 and footer_row(b) == 19, "the app to follow bob's resize")
    assert room_state(server, "sizes")["cols"] == 70
    a.resize(60, 24)  # now alice is the narrowest, bob the shortest
    await wait_until(lambda: room_state(server, "sizes")["cols"] == 60, "alice's width to count")
    assert room_state(server, "sizes")["size_by"] == "alice (width), bob (height)"
    await b.see("60x20 by alice (width)")  # at 60 columns the names go first, who sets the size stays

    b.type(CTRL_Q)  # bob leaves: the room grows back to alice's window
    await b.wait_closed()
    await wait_until(lambda: footer_row(a) == 23, "the app to grow to alice's 24 rows")
    assert room_state(server, "sizes")["size_by"] == "alice"
    await a.close()


@pytest.mark.timeout(60)
async def test_bogus_zero_size_and_empty_term_fall_back_to_80x24(server: Server, alice: asyncssh.SSHKey) -> None:
    conn = await connect(server.port, "zero", alice)
    # What `ssh -tt` sends from a script: a terminal of 0x0 with an empty TERM.
    process = await conn.create_process(request_pty="force", term_type=None, term_size=(0, 0), encoding=None)
    member = Member(conn, process, (80, 24))
    await member.see(HOME_TEXT)
    await wait_until(lambda: footer_row(member) == 23, "the footer on the last of 24 rows")
    assert (room_state(server, "zero")["cols"], room_state(server, "zero")["rows"]) == (80, 24)
    await member.close()


# ----- leaving -----


@pytest.mark.timeout(60)
async def test_ctrl_q_leaves_and_the_room_carries_on(
    server: Server, alice: asyncssh.SSHKey, bob: asyncssh.SSHKey
) -> None:
    a = await Member.join(server.port, "stay", alice)
    b = await Member.join(server.port, "stay", bob)
    await a.see(HOME_TEXT)
    await b.see(HOME_TEXT)
    room = server.rooms["stay"]
    assert room.proc is not None
    pid = room.proc.pid

    b.type(CTRL_Z)  # would stop the app for everybody: dropped
    a.type(CTRL_Q)
    await a.wait_closed()
    assert a.process.exit_status == 0
    assert b"You left room stay" in a.raw
    assert a.raw.endswith(b"it carries on for the others.\r\n")
    assert b"\x1b[?1049l" in a.raw[-400:], "alice's terminal is put back on the main screen"

    await b.see("Room stay · 1 here: bob")
    b.type(b"f")
    await b.see("ladder-tui — Frameworks")
    assert server.rooms["stay"] is room and room.proc.pid == pid and room.proc.poll() is None
    assert [m["name"] for m in room_state(server, "stay")["members"]] == ["bob"]

    # The last one out ends the room: its app is reaped.
    b.type(CTRL_Q)
    await b.wait_closed()
    await wait_until(lambda: room.closed.is_set(), "the room to close")
    assert room.proc.poll() is not None
    assert "stay" not in server.rooms


@pytest.mark.timeout(60)
async def test_when_the_app_exits_members_are_told_and_disconnected(server: Server, alice: asyncssh.SSHKey) -> None:
    a = await Member.join(server.port, "ending", alice)
    await a.see(HOME_TEXT)
    room = server.rooms["ending"]
    assert room.proc is not None
    os.kill(room.proc.pid, signal.SIGTERM)
    await a.wait_closed()
    assert b"The app in room ending has ended" in a.raw
    await wait_until(lambda: "ending" not in server.rooms, "the room to go")


@pytest.mark.timeout(60)
async def test_idle_counts_for_the_room_with_a_warning_first(
    home: Path, alice: asyncssh.SSHKey, bob: asyncssh.SSHKey
) -> None:
    server = await serve(home, alice, bob, idle_timeout=3.0)
    try:
        a = await Member.join(server.port, "idle", alice)
        b = await Member.join(server.port, "idle", bob)
        await a.see(HOME_TEXT)
        for _ in range(12):  # bob keeps typing (a harmless key), alice only watches: both stay
            b.type(b"\x1b[B")
            await asyncio.sleep(0.4)
        assert not a.closed.is_set() and not b.closed.is_set()
        # Nobody types: everyone is warned on screen, then everyone is disconnected.
        await a.see("disconnected in", timeout=5)
        await b.see("disconnected in", timeout=5)
        await a.wait_closed()
        await b.wait_closed()
        assert b"No keys in room idle for" in a.raw and b"No keys in room idle for" in b.raw
        log = home / "serve.log"
        await wait_until(lambda: "leave room idle member 'alice'" in log.read_text(), "alice's session to end")
    finally:
        await server.close()


@pytest.mark.timeout(60)
async def test_an_assessment_the_app_cannot_open_ends_the_room_with_its_message(
    server: Server, home: Path, alice: asyncssh.SSHKey
) -> None:
    broken = home / "assessments" / "broken.toml"
    broken.parent.mkdir(exist_ok=True)
    broken.write_text("this is = not [valid toml\n")
    a = await Member.join(server.port, "broken", alice)
    await a.wait_closed()
    assert b"broken.toml" in a.raw, "the app's own one-line error reaches the member"
    assert b"The app in room broken has ended (exit status 2)" in a.raw
    await wait_until(lambda: not server.rooms and not server.closing, "the room to be gone")


# ----- answers -----


@pytest.mark.timeout(90)
async def test_answers_typed_by_both_members_are_saved(
    server: Server, alice: asyncssh.SSHKey, bob: asyncssh.SSHKey
) -> None:
    path = make_assessment("alex-cs")
    a = await Member.join(server.port, "alex-cs", alice)
    b = await Member.join(server.port, "alex-cs", bob)
    # The room's name is the assessment's id: the app opens it (first area's intro, then the first dimension).
    await a.see("Press enter to start this area.")
    await b.see("Press enter to start this area.")
    a.type(b"\r")
    await b.see("1 of 11")
    a.type(b"2")
    await b.see("2 of 11")
    # One key wins: an answer within a second of another member's key moving the walk is not taken (it was meant for
    # the dimension before); a person reading the next dimension takes longer than that.
    await asyncio.sleep(CLASH_SECONDS)
    b.type(b"4")
    await a.see("3 of 11")
    await asyncio.sleep(CLASH_SECONDS)
    a.type(b"1")
    await b.see("4 of 11")
    await wait_until(lambda: self_ratings(path) == ["l2", "l4", "l1"], "three answers in the file", 10)
    await a.close()
    await b.close()


# ----- refusals -----


@pytest.mark.timeout(60)
async def test_unknown_key_and_passwords_are_refused(server: Server, home: Path) -> None:
    with pytest.raises(asyncssh.PermissionDenied):
        await connect(server.port, "alex", make_key("mallory"))
    with pytest.raises(asyncssh.PermissionDenied):
        await connect(server.port, "alex", None, password="hunter2", preferred_auth="password,keyboard-interactive")
    assert not server.rooms


@pytest.mark.timeout(60)
async def test_authorized_keys_are_read_again_at_each_login(server: Server, home: Path, alice: asyncssh.SSHKey) -> None:
    carol = make_key("carol")
    with pytest.raises(asyncssh.PermissionDenied):
        await connect(server.port, "alex", carol)
    authorize(home, carol)  # the lead adds carol, and alice is gone
    conn = await connect(server.port, "alex", carol)
    conn.close()
    with pytest.raises(asyncssh.PermissionDenied):
        await connect(server.port, "alex", alice)


@pytest.mark.timeout(60)
async def test_commands_subsystems_and_no_pty_are_refused(server: Server, alice: asyncssh.SSHKey) -> None:
    conn = await connect(server.port, "alex", alice)
    try:
        result = await asyncio.wait_for(conn.run("ls", encoding="utf-8"), DEADLINE)  # ssh host ls
        assert result.exit_status == 1
        assert "no commands" in str(result.stderr)
        result = await asyncio.wait_for(conn.run("ls", term_type="xterm", encoding="utf-8"), DEADLINE)
        assert result.exit_status == 1
        # No SFTP server at all: the subsystem request itself fails.
        with pytest.raises(asyncssh.ChannelOpenError):
            await asyncio.wait_for(conn.start_sftp_client(), DEADLINE)
        result = await asyncio.wait_for(conn.run(subsystem="netconf", encoding="utf-8"), DEADLINE)
        assert result.exit_status == 1
        assert "no commands" in str(result.stderr)
        result = await asyncio.wait_for(conn.run(encoding="utf-8"), DEADLINE)  # a shell without a terminal
        assert result.exit_status == 1
        assert "needs a terminal" in str(result.stderr)
    finally:
        conn.close()
    assert not server.rooms, "no app was started for any of them"


@pytest.mark.timeout(60)
async def test_port_forwarding_is_refused(server: Server, alice: asyncssh.SSHKey) -> None:
    conn = await connect(server.port, "alex", alice)
    try:
        with pytest.raises(asyncssh.ChannelOpenError):  # ssh -L
            await asyncio.wait_for(conn.create_connection(asyncssh.SSHTCPSession, "127.0.0.1", server.port), DEADLINE)
        with pytest.raises(asyncssh.ChannelListenError):  # ssh -R
            await asyncio.wait_for(conn.forward_remote_port("127.0.0.1", 0, "127.0.0.1", 9), DEADLINE)
        with pytest.raises(asyncssh.ChannelOpenError):  # ssh -L to a socket
            await asyncio.wait_for(conn.create_unix_connection(asyncssh.SSHUNIXSession, "/tmp/x.sock"), DEADLINE)
    finally:
        conn.close()


@pytest.mark.timeout(60)
async def test_bad_room_names_and_caps_are_refused(home: Path, alice: asyncssh.SSHKey, bob: asyncssh.SSHKey) -> None:
    server = await serve(home, alice, bob, max_members=1, max_rooms=1)
    try:
        conn = await connect(server.port, "-rf", alice)
        result = await asyncio.wait_for(conn.run(term_type="xterm", encoding="utf-8"), DEADLINE)
        assert result.exit_status == 1
        assert "Room names are" in str(result.stdout) + str(result.stderr)
        conn.close()
        a = await Member.join(server.port, "one", alice)
        await a.see(HOME_TEXT)
        for room, why in (("one", "is full"), ("two", "rooms open")):
            conn = await connect(server.port, room, bob)
            result = await asyncio.wait_for(conn.run(term_type="xterm", encoding="utf-8"), DEADLINE)
            assert result.exit_status == 1
            assert why in str(result.stdout) + str(result.stderr)
            conn.close()
        await a.close()
    finally:
        await server.close()


# ----- the server itself -----


@pytest.mark.timeout(60)
async def test_host_key_is_made_once_private_and_the_log_has_fingerprints_not_keys(
    server: Server, home: Path, alice: asyncssh.SSHKey
) -> None:
    key_file = home / "ssh_host_ed25519_key"
    assert key_file.stat().st_mode & 0o777 == 0o600
    conn = await connect(server.port, "logged", alice)
    assert conn.get_server_host_key().get_fingerprint() == server.fingerprint  # type: ignore[union-attr]
    conn.close()
    a = await Member.join(server.port, "logged", alice)
    await a.see(HOME_TEXT)
    a.type(b"zqxv")  # keystrokes that must not be logged
    a.type(CTRL_Q)
    await a.wait_closed()
    await wait_until(lambda: "leave room logged" in (home / "serve.log").read_text(), "the leave in the log")
    log = (home / "serve.log").read_text()
    assert alice.get_fingerprint() in log
    assert "join room logged member 'alice'" in log
    assert "zqxv" not in log
    assert (home / "serve.log").stat().st_mode & 0o777 == 0o600
    again = await start_server(ServeConfig(port=0))
    try:
        assert again.fingerprint == server.fingerprint, "the host key is kept, not made anew"
    finally:
        await again.close()


def test_cli_without_authorized_keys_says_where_to_put_them(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from ladder_tui.cli import main

    assert main(["serve", "--port", "0"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert str(home / "authorized_keys") in err[0]
    assert "public key" in err[0]


@pytest.mark.timeout(60)
def test_ctrl_c_stops_the_server_and_reaps_the_rooms(home: Path, alice: asyncssh.SSHKey) -> None:
    authorize(home, alice)
    serving = subprocess.Popen(
        [sys.executable, "-m", "ladder_tui", "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert serving.stdout is not None
        first = serving.stdout.readline()
        assert first.startswith("ladder-tui serve: listening on 127.0.0.1:"), first
        port = int(first.rsplit(":", 1)[1])
        assert serving.stdout.readline().startswith("host key fingerprint: SHA256:")

        async def visit() -> tuple[list[int], Member]:
            a = await Member.join(port, "room", alice)
            await a.see(HOME_TEXT)
            children = Path(f"/proc/{serving.pid}/task/{serving.pid}/children").read_text().split()
            return [int(pid) for pid in children], a

        async def scenario() -> tuple[list[int], bytes]:
            children, a = await visit()
            serving.send_signal(signal.SIGINT)
            await a.wait_closed()
            return children, bytes(a.raw)

        children, raw = asyncio.run(scenario())
        assert serving.wait(timeout=DEADLINE) == 0
        assert b"The server is stopping" in raw
        assert children, "the room's app was a child of the server"
        for pid in children:
            assert not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text().split()[2]
    finally:
        if serving.poll() is None:
            serving.kill()
            serving.wait()


# ----- the real OpenSSH client -----


@pytest.mark.timeout(120)
@pytest.mark.skipif(not (shutil.which("tmux") and Path("/usr/bin/ssh").exists()), reason="needs tmux and OpenSSH")
async def test_real_openssh_clients_pair_on_one_walk(
    server: Server, tmp_path: Path, alice: asyncssh.SSHKey, bob: asyncssh.SSHKey
) -> None:
    path = make_assessment("sam-cs", subject="Sam")
    tmux = Tmux(tmp_path)
    keys = {"alice": write_private_key(tmp_path, alice, "alice"), "bob": write_private_key(tmp_path, bob, "bob")}

    def ssh(who: str) -> str:
        return (
            f"/usr/bin/ssh -tt -F /dev/null -p {server.port} -i {keys[who]} -o BatchMode=yes -o IdentitiesOnly=yes"
            " -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR sam-cs@127.0.0.1"
        )

    env = {"TERM": "xterm-256color", "LANG": "C.UTF-8"}
    try:
        tmux.start("alice", ssh("alice"), (100, 30), env)
        await tmux.see("alice", "Press enter to start this area.")
        tmux.start("bob", ssh("bob"), (90, 28), env)
        await tmux.see("bob", "Press enter to start this area.")
        tmux.keys("bob", "Enter")
        await tmux.see("alice", "1 of 11")
        tmux.keys("alice", "3")
        await tmux.see("bob", "2 of 11")
        await asyncio.sleep(CLASH_SECONDS)  # bob reads the next dimension before answering it (one key wins)
        tmux.keys("bob", "5")
        await tmux.see("alice", "3 of 11")
        await wait_until(lambda: self_ratings(path) == ["l3", "l5"], "both answers in the file", 10)
        state = room_state(server, "sam-cs")
        assert (state["cols"], state["rows"]) == (90, 28)
        # Ctrl+Q: bob leaves, his ssh ends; alice carries on.
        tmux.keys("bob", "C-q")
        await tmux.see("bob", "SSH-EXIT=0")
        assert "You left room sam-cs" in tmux.screen("bob")
        await asyncio.sleep(CLASH_SECONDS)
        tmux.keys("alice", "2")
        await tmux.see("alice", "4 of 11")
        await wait_until(lambda: self_ratings(path) == ["l3", "l5", "l2"], "alice's answer in the file", 10)
        # `ssh host ls` with the real client: refused, nothing run.
        done = await asyncio.to_thread(
            subprocess.run,
            [*ssh("alice").replace("-tt ", "").split(), "ls"],
            capture_output=True,
            text=True,
            timeout=DEADLINE,
        )
        assert done.returncode == 1
        assert "no commands" in done.stderr
    finally:
        tmux.kill()


# ----- pure parts -----


def test_input_filter_keeps_sequences_whole_and_drops_terminal_reports() -> None:
    member = InputFilter()
    assert member.feed(b"ab\x1b[").data == b"ab"  # half an arrow waits
    assert member.feed(b"A\x1b[?2048;2$y\x1b[I\x1b[48;30;100;0;0t\x1b[O").data == b"\x1b[A"
    assert member.feed(b"\x1b").data == b""
    assert member.flush().data == b"\x1b", "a lone ESC is the Escape key"
    assert member.feed("é".encode()[:1]).data == b""
    assert member.feed("é".encode()[1:] + CTRL_Z).data == "é".encode()
    paste = member.feed(b"\x1b[200~one\x11two")
    assert (paste.data, paste.leave) == (b"", False), "a paste goes in whole, Ctrl+Q inside it is text"
    assert member.feed(b"\x1b[201~").data == b"\x1b[200~one\x11two\x1b[201~"
    out = member.feed(b"x\x11y")
    assert (out.data, out.leave) == (b"x", True)


def test_output_tracker_cuts_on_boundaries_and_replays_modes() -> None:
    tracker = OutputTracker()
    assert tracker.feed(b"\x1b[?1049h\x1b[?1000h\x1b[?2026h\x1b[?25lhi\x1b[3") == (
        b"\x1b[?1049h\x1b[?1000h\x1b[?2026h\x1b[?25lhi"
    )
    assert tracker.feed(b"1m\xe2\x94") == b"\x1b[31m"
    assert tracker.feed(b"\x80") == "─".encode()
    preamble = tracker.preamble()
    assert preamble.startswith(b"\x1b[?1049h") and b"\x1b[?1000h" in preamble and b"\x1b[?25l" in preamble
    assert b"2026" not in preamble, "never leave a joiner in synchronized output"
    assert tracker.reset().endswith(b"\x1b[?1049l")


@pytest.mark.timeout(60)
async def test_served_mode_banner_and_redraw_hooks(home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ladder_tui.serve import protocol
    from ladder_tui.tui.app import make_app
    from ladder_tui.tui.served import room_banner

    state = tmp_path / "room.json"
    members = [{"name": "alice", "cols": 100, "rows": 30}, {"name": "bob", "cols": 80, "rows": 24}]
    state.write_text(json.dumps({"room": "alex", "members": members, "size_by": "bob", "cols": 80, "rows": 24}))
    monkeypatch.setenv(protocol.SERVED_ENV, "1")
    monkeypatch.setenv(protocol.ROOM_STATE_ENV, str(state))
    assert protocol.is_served()
    expected = "Room alex · 2 here: alice, bob · size 80x24 set by bob"
    read = protocol.read_state()
    assert read is not None and room_banner(read) == expected
    # What the server writes, the app reads back alike; a file that is not a room state reads as none.
    protocol.write_state(tmp_path / "again.json", read)
    assert protocol.read_state(tmp_path / "again.json") == read
    (tmp_path / "junk.json").write_text('["not", "a", "room"]')
    assert protocol.read_state(tmp_path / "junk.json") is None
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.room_banner == expected  # read once at start
        state.write_text(
            json.dumps({"room": "alex", "members": members[:1], "size_by": "alice", "cols": 100, "rows": 30})
        )
        os.kill(os.getpid(), protocol.ROOM_CHANGED_SIGNAL)
        deadline = time.monotonic() + DEADLINE
        while app.room_banner != "Room alex · 1 here: alice · size 100x30" and time.monotonic() < deadline:
            await pilot.pause(0.05)
        assert app.room_banner == "Room alex · 1 here: alice · size 100x30"
        os.kill(os.getpid(), protocol.REDRAW_SIGNAL)  # the full redraw must not upset the app
        await pilot.pause(0.1)
        assert app.is_running


@pytest.mark.timeout(60)
async def test_redraw_wipes_only_once_the_app_has_the_terminals_size(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The wipe goes out in order with the app's own output, after its screen took the new size: a wipe written
    before a paint still on its way at the old size would leave that paint's right edge on the bigger terminals."""
    from ladder_tui.tui import served
    from ladder_tui.tui.app import make_app

    app = make_app(served=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        written: list[str] = []
        monkeypatch.setattr(app._driver, "write", written.append)
        terminal = os.terminal_size((90, 26))  # the room shrank; the app has not taken it yet
        monkeypatch.setattr(served.shutil, "get_terminal_size", lambda: terminal)
        served.redraw(app)
        await pilot.pause(0.2)
        assert served.WIPE not in written, "no wipe while the screen is still at the old size"
        await pilot.resize_terminal(90, 26)
        deadline = time.monotonic() + DEADLINE
        while served.WIPE not in written and time.monotonic() < deadline:
            await pilot.pause(0.05)
        assert served.WIPE in written
        assert app.screen.outer_size == (90, 26)
