"""`ladder-tui serve`: an SSH server (asyncssh) that serves only this app, one shared room per SSH user name."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
import signal
import stat
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import asyncssh

from ladder_tui.core.domain.people import People, Person, may_open, person_key
from ladder_tui.core.errors import LadderError
from ladder_tui.core.storage import files
from ladder_tui.core.storage.loader import load_assessment, load_people
from ladder_tui.core.storage.paths import assessments_dir, data_home, people_file
from ladder_tui.serve import protocol
from ladder_tui.serve.filters import InputFilter
from ladder_tui.serve.room import Member, Room, RoomError

log = logging.getLogger("ladder_tui.serve")

ROOM_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,127}")  # any assessment id fits: slug (40) + framework id (64)
IDLE_ENV = "LADDER_TUI_SERVE_IDLE_MINUTES"
DEFAULT_IDLE_MINUTES = 30.0
#: A lone ESC waits this long for the rest of its sequence before it goes to the app as the Escape key.
ESCAPE_WAIT = 0.05
PASTE_WAIT = 1.0
#: One colour system for the whole room, whatever each member's terminal claims: 256 colours look right nearly
#: everywhere (truecolor does not, on some terminals).
ROOM_COLOR_SYSTEM = "256"
CHILD_TERM = "xterm-256color"
#: Variables of the server's own terminal that must not describe the members' terminals, or that would pin the
#: child's size or let a key send signals to the app.
DROPPED_ENV = (
    "COLUMNS",
    "LINES",
    "LC_ALL",
    "COLORTERM",
    "TERM_PROGRAM",
    "TERM_PROGRAM_VERSION",
    "TMUX",
    "TEXTUAL",
    "TEXTUAL_ALLOW_SIGNALS",
    "TEXTUAL_DRIVER",
)

#: Keys a member may send at once, and how many more each second after that: far above any person's typing
#: (or a key held down), far below a flood of pasted digits that would keep the room's app busy for minutes.
KEY_BURST = 256
KEY_RATE = 64.0

SUMMARY_FORMATS = ("text", "markdown", "json", "html")


def summary_format(command: str) -> str | None:
    """The format a room's `summary [--format F]` command asks for; None for any other command."""
    import shlex

    try:
        words = shlex.split(command)
    except ValueError:
        return None
    if not words or words[0] != "summary":
        return None
    rest = words[1:]
    if not rest:
        return "text"
    if len(rest) == 1 and rest[0].startswith("--format="):
        rest = ["--format", rest[0].split("=", 1)[1]]
    if len(rest) == 2 and rest[0] in ("--format", "-f") and rest[1] in SUMMARY_FORMATS:
        return rest[1]
    return None


def _idle_timeout_default() -> float:
    raw = os.environ.get(IDLE_ENV)
    if raw:
        try:
            minutes = float(raw)
        except ValueError:
            raise LadderError(f"{IDLE_ENV}={raw!r}: give a number of minutes") from None
        if minutes > 0:
            return minutes * 60
    return DEFAULT_IDLE_MINUTES * 60


@dataclass
class ServeConfig:
    """Everything the server needs; the defaults are the ones `ladder-tui serve` uses."""

    host: str = "127.0.0.1"
    port: int = 2222
    authorized_keys: Path | None = None
    """Public keys allowed in (OpenSSH format); default DATA/authorized_keys. Re-read at every login."""
    host_key: Path | None = None
    """The server's private key; default DATA/ssh_host_ed25519_key, generated on first start (mode 0600)."""
    idle_timeout: float = field(default_factory=_idle_timeout_default)
    """Seconds without a key from a member before they are disconnected ($LADDER_TUI_SERVE_IDLE_MINUTES)."""
    login_timeout: float = 30.0
    max_members: int = 6
    max_rooms: int = 8
    log_file: Path | None = None
    """Connects and leaves (never keystrokes); default DATA/serve.log."""
    color_system: str = ROOM_COLOR_SYSTEM

    def resolved(self) -> ServeConfig:
        home = data_home()
        return ServeConfig(
            host=self.host,
            port=self.port,
            authorized_keys=self.authorized_keys or home / "authorized_keys",
            host_key=self.host_key or home / "ssh_host_ed25519_key",
            idle_timeout=self.idle_timeout,
            login_timeout=self.login_timeout,
            max_members=self.max_members,
            max_rooms=self.max_rooms,
            log_file=self.log_file or home / "serve.log",
            color_system=self.color_system,
        )


# ----- keys -----


def load_host_key(path: Path) -> asyncssh.SSHKey:
    """The host key, made on first start (ed25519, mode 0600, never readable by others)."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        key = asyncssh.generate_private_key("ssh-ed25519", comment="ladder-tui serve")
        # Written whole or not at all: a temporary file beside it, synced, then linked into place (a full disk
        # must not leave an empty key that every later start refuses).
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(key.export_private_key())
                    handle.flush()
                    os.fsync(handle.fileno())
                os.link(temporary, path)
            finally:
                temporary.unlink(missing_ok=True)
        except OSError as exc:
            raise LadderError(f"{path}: cannot create the host key ({exc.strerror or exc})") from None
        log.info("generated host key %s (%s)", path, key.get_fingerprint("sha256"))
        return key
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        raise LadderError(f"{path}: cannot read the host key ({exc.strerror or exc})") from None
    if not stat.S_ISREG(mode):
        raise LadderError(f"{path}: is not a file, so it holds no host key; give a key file with --host-key")
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise LadderError(f"{path}: the host key is readable by others; run: chmod 600 {path}")
    try:
        return asyncssh.import_private_key(files.read_bytes(path, limit=1024 * 1024))
    except (asyncssh.KeyImportError, ValueError) as exc:
        raise LadderError(f"{path}: not a usable private key ({exc})") from None


@dataclass
class AuthorizedKeys:
    """The authorized_keys file as read at one login: asyncssh's matcher plus each key's comment (for names)."""

    keys: asyncssh.SSHAuthorizedKeys | None
    comments: dict[str, str]

    def validate(self, key: asyncssh.SSHKey, peer: str) -> bool:
        return self.keys is not None and self.keys.validate(key, peer, peer) is not None


def read_authorized_keys(path: Path) -> AuthorizedKeys:
    """Raises LadderError when the file is missing or unsafe; a file with no keys lets nobody in."""
    if not path.exists() and not path.is_symlink():
        raise LadderError(
            f"{path}: no authorized_keys file; put the public key of each person who may join there "
            "(one 'ssh-ed25519 AAAA... name' line each, e.g. their ~/.ssh/id_ed25519.pub) and start again"
        )
    raw = files.read_bytes(path, limit=1024 * 1024)  # regular files only: a FIFO here would hang every login
    try:
        info = path.stat()
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LadderError(f"{path}: cannot read the authorized keys ({exc})") from None
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise LadderError(f"{path}: writable by others, so anyone could add a key; run: chmod 600 {path}")
    try:
        keys: asyncssh.SSHAuthorizedKeys | None = asyncssh.import_authorized_keys(text)
    except ValueError:
        keys = None  # no valid entries
    comments: dict[str, str] = {}
    for line in text.splitlines():
        tokens = line.split()
        if not tokens or tokens[0].startswith("#"):
            continue
        for i in range(len(tokens) - 1):
            try:
                key = asyncssh.import_public_key(f"{tokens[i]} {tokens[i + 1]}")
            except (asyncssh.KeyImportError, ValueError):
                continue
            comments.setdefault(key.get_fingerprint("sha256"), " ".join(tokens[i + 2 :]))
            break
    return AuthorizedKeys(keys, comments)


def printable(text: str, limit: int = 80) -> str:
    """For the log: a name a client chose can hold no newline (no forged log lines) and no terminal escapes."""
    return "".join(ch if ch.isprintable() else "?" for ch in text[:limit])


def member_name(comment: str, fingerprint: str) -> str:
    """Short and printable: the key's comment in authorized_keys, else the end of its fingerprint."""
    name = "".join(ch for ch in comment if ch.isprintable()).strip()
    return name[:24] if name else f"key …{fingerprint[-6:]}"


@dataclass
class Team:
    """The people file as read at one login: who each key is, and what they may open. `people` None: there is no
    people file, and every authorised key may open every assessment. `problem`: the file is broken, and nobody
    may open anything until it is mended (closed, not open, when in doubt)."""

    people: People | None
    by_key: dict[str, Person] = field(default_factory=dict)
    problem: str | None = None

    def subjects(self, fingerprint: str) -> frozenset[str] | None:
        """Whose assessments this key's person may open (person keys); None: no limit."""
        if self.problem is not None:
            return frozenset()
        if self.people is None:
            return None
        return self.people.subjects_for(self.by_key.get(fingerprint))


def read_team() -> Team:
    try:
        people = load_people(people_file())
    except LadderError as exc:
        log.error("nobody may open anything until the people file is mended: %s", exc)
        return Team(None, problem=str(exc))
    if people is None:
        return Team(None)
    by_key: dict[str, Person] = {}
    for person in people.persons:
        for line in person.keys:
            parts = line.split()
            try:
                key = asyncssh.import_public_key(" ".join(parts[:2]))
            except (asyncssh.KeyImportError, ValueError, IndexError):
                log.warning("people file: a key of %s is not a public key; left out", printable(person.name))
                continue
            by_key[key.get_fingerprint("sha256")] = person
    return Team(people, by_key)


def room_subject(room: str) -> str | None:
    """The subject of the assessment a room is named after, or None for a room that opens Home."""
    path = assessments_dir() / f"{room}.toml"
    if not path.is_file():
        return None
    try:
        return load_assessment(path).subject
    except LadderError:
        return None  # the app says what is wrong with it; nobody's data is in a broken file's message here


# ----- one SSH connection -----


class _Connection(asyncssh.SSHServer):
    """Authentication for one connection: public keys from the authorized_keys file only, read afresh each login."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self.conn: asyncssh.SSHServerConnection | None = None
        self.peer = "?"
        self.keys = AuthorizedKeys(None, {})
        self.team = Team(None)
        self.fingerprint = ""
        self.comment = ""

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self.conn = conn
        peer = conn.get_extra_info("peername")
        self.peer = f"{peer[0]}:{peer[1]}" if peer else "?"
        self.server.connections[conn] = self

    def connection_lost(self, exc: Exception | None) -> None:
        if self.conn is not None:
            self.server.connections.pop(self.conn, None)

    def begin_auth(self, username: str) -> bool:
        try:
            self.keys = read_authorized_keys(self.server.config.authorized_keys)  # type: ignore[arg-type]
        except LadderError as exc:
            log.error("refusing every login: %s", exc)
            self.keys = AuthorizedKeys(None, {})
        self.team = read_team()
        return True  # always authenticate (False would let anybody in)

    def public_key_auth_supported(self) -> bool:
        return True

    def validate_public_key(self, username: str, key: asyncssh.SSHKey) -> bool:
        fingerprint = key.get_fingerprint("sha256")
        host = self.peer.rsplit(":", 1)[0]
        if not self.keys.validate(key, host):
            log.info(
                "refused key %s from %s (room %s): not in authorized_keys", fingerprint, self.peer, printable(username)
            )
            return False
        # The key checked last before authentication completes is the one that signed.
        self.fingerprint = fingerprint
        self.comment = self.keys.comments.get(fingerprint, "")
        return True

    def validate_ca_key(self, username: str, key: asyncssh.SSHKey) -> bool:
        return False

    def password_auth_supported(self) -> bool:
        return False

    def kbdint_auth_supported(self) -> bool:
        return False

    def host_based_auth_supported(self) -> bool:
        return False

    def auth_completed(self) -> None:
        assert self.conn is not None
        room = printable(str(self.conn.get_extra_info("username")))
        comment = printable(self.comment) or "-"
        log.info("login key %s (%s) from %s for room %s", self.fingerprint, comment, self.peer, room)

    def connection_requested(self, dest_host: str, dest_port: int, orig_host: str, orig_port: int) -> bool:
        log.info("refused port forwarding to %s:%s from %s", dest_host, dest_port, self.peer)
        return False

    def server_requested(self, listen_host: str, listen_port: int) -> bool:
        log.info("refused remote port forwarding %s:%s from %s", listen_host, listen_port, self.peer)
        return False

    def unix_connection_requested(self, dest_path: str) -> bool:
        log.info("refused socket forwarding from %s", self.peer)
        return False

    def unix_server_requested(self, listen_path: str) -> bool:
        log.info("refused socket forwarding from %s", self.peer)
        return False


class _SshMember(Member):
    """A room member on an SSH channel."""

    def __init__(
        self,
        process: asyncssh.SSHServerProcess[bytes],
        name: str,
        fingerprint: str,
        size: tuple[int, int],
        person: str = "",
    ):
        super().__init__(name=name, fingerprint=fingerprint, cols=size[0], rows=size[1], person=person)
        self.process = process
        self.filter = InputFilter()
        self.last_input = asyncio.get_running_loop().time()
        self.flush_timer: asyncio.TimerHandle | None = None
        #: Keys this member may still send at once (a token bucket: KEY_BURST, refilled at KEY_RATE a second).
        self.key_budget = float(KEY_BURST)
        self.budget_at = self.last_input
        self.flooding = False

    def allow(self, units: int, now: float) -> bool:
        """Whether `units` keys fit this member's budget (taken when they do): one member's flood of keys or digits
        must not freeze the room for the others, whose keys are answered at once."""
        self.key_budget = min(float(KEY_BURST), self.key_budget + (now - self.budget_at) * KEY_RATE)
        self.budget_at = now
        if units <= self.key_budget:
            self.key_budget -= units
            if self.key_budget >= KEY_BURST / 2:
                self.flooding = False
            return True
        return False

    def send(self, data: bytes) -> None:
        if self.gone:
            return
        try:
            self.process.stdout.write(data)
        except (OSError, asyncssh.Error):
            self.gone = True

    def backlog(self) -> int:
        try:
            return int(self.process.channel.get_write_buffer_size())
        except (OSError, asyncssh.Error):
            return 0

    def close(self, farewell: bytes, status: int = 0) -> None:
        if self.gone:
            return
        self.gone = True
        if self.flush_timer is not None:
            self.flush_timer.cancel()
        with contextlib.suppress(OSError, asyncssh.Error):
            self.process.stdout.write(farewell)
            self.process.exit(status)


# ----- the server -----


class Server:
    """A running `ladder-tui serve`: start with `start_server(config)`, stop with `await server.close()`."""

    def __init__(self, config: ServeConfig, host_key: asyncssh.SSHKey) -> None:
        self.config = config
        self.host_key = host_key
        self.fingerprint: str = host_key.get_fingerprint("sha256")
        self.rooms: dict[str, Room] = {}
        self.closing: dict[str, Room] = {}
        self.connections: dict[asyncssh.SSHServerConnection, _Connection] = {}
        self.state_dir = Path(tempfile.mkdtemp(prefix="ladder-tui-serve-"))
        self.acceptor: asyncssh.SSHAcceptor | None = None
        self.port = 0
        self._log_handler: logging.Handler | None = None
        self._closed = False

    # ----- rooms -----

    def child_command(self, room: str) -> list[str]:
        """Home, or the assessment whose id is the room's name when there is one."""
        command = [sys.executable, "-m", "ladder_tui"]
        path = assessments_dir() / f"{room}.toml"
        if path.is_file():
            command += ["open", str(path)]
        return command

    def child_env(self) -> dict[str, str]:
        env = {key: value for key, value in os.environ.items() if key not in DROPPED_ENV}
        env.update(
            LANG="C.UTF-8",
            TERM=CHILD_TERM,
            TEXTUAL_DISABLE_KITTY_KEY="1",
            TEXTUAL_COLOR_SYSTEM=self.config.color_system,
            LADDER_TUI_HOME=str(data_home()),
        )
        env.update(protocol.served_env())
        if self.config.log_file is not None:
            env[protocol.ROOM_LOG_ENV] = str(self.config.log_file)
        return env

    def _room_people(self, room: str, subjects: frozenset[str] | None) -> tuple[bool, frozenset[str] | None]:
        """Whether this member may be in the room, and whose assessments the room may show (None: everyone's). A
        room named after an assessment shows its subject's; one that opens Home shows what its first member may
        open, and takes only members who may open all of that."""
        subject = room_subject(room)
        if subject is not None:
            if not may_open(subjects, subject):
                return False, None
            return True, None if subjects is None else frozenset({person_key(subject)})
        running = self.rooms.get(room)
        if running is None:
            return True, subjects
        if running.people is None:
            return subjects is None, None
        return subjects is None or running.people <= subjects, running.people

    async def join(self, name: str, member: Member, people: frozenset[str] | None = None) -> Room:
        while True:
            previous = self.closing.get(name)
            if previous is None:
                break
            # The last one out is still reaping this room's app (and releasing its assessment): wait for it.
            await previous.closed.wait()
        if self._closed:
            raise RoomError("the server is stopping")
        room = self.rooms.get(name)
        if room is None:
            if len(self.rooms) >= self.config.max_rooms:
                raise RoomError(f"this server already has {self.config.max_rooms} rooms open; try later")
            home = data_home()
            env = self.child_env()
            env[protocol.ROOM_SSH_ENV] = self.join_line(name).replace("ssh -t ", "ssh ", 1)
            if people is not None:
                env[protocol.ROOM_PEOPLE_ENV] = protocol.people_value(people)
            room = Room(
                name,
                command=self.child_command(name),
                env=env,
                people=people,
                state_dir=self.state_dir,
                max_members=self.config.max_members,
                on_end=self._room_ended,
                cwd=home if home.is_dir() else None,
            )
            self.rooms[name] = room
        try:
            room.join(member)
        except OSError:
            # The app could not be started: do not keep an empty room around.
            if room.proc is None and not room.members and self.rooms.get(name) is room:
                del self.rooms[name]
            raise
        return room

    def _room_ended(self, room: Room) -> None:
        if self.rooms.get(room.name) is room:
            del self.rooms[room.name]
        self.closing[room.name] = room

        def forget(_: object) -> None:
            if self.closing.get(room.name) is room:
                del self.closing[room.name]

        asyncio.ensure_future(room.closed.wait()).add_done_callback(forget)

    # ----- one session -----

    def join_line(self, room: str) -> str:
        """The exact command that joins `room` on this server (its real host and port)."""
        host = self.config.host if self.config.host not in ("0.0.0.0", "::", "") else "HOST"
        where = f"[{host}]" if ":" in host else host
        return f"ssh -t -p {self.port} {room or 'ROOM'}@{where}"

    def no_commands(self, room: str) -> str:
        return (
            "ladder-tui serve shares the ladder-tui app only: no shell, no file transfer, no commands but\r\n"
            f"`summary [--format text|markdown|json|html]`. Join a room with: {self.join_line(room)}\r\n"
        )

    async def _command(
        self,
        process: asyncssh.SSHServerProcess[bytes],
        room: str,
        info: _Connection | None,
        fingerprint: str,
        peer: str,
    ) -> None:
        """`ssh ROOM@HOST summary [--format F]`: that assessment's summary on the client's standard output, for a
        person allowed to open it; any other command is refused."""
        fmt = summary_format(str(process.command))
        if fmt is None:
            log.info("refused a command from %s key %s (room %s)", peer, fingerprint, printable(room))
            self._refuse(process, self.no_commands(room))
            return
        path = assessments_dir() / f"{room}.toml"
        subject = room_subject(room) if ROOM_NAME.fullmatch(room) else None
        if subject is None:
            self._refuse(process, f"room {printable(room)}: summary needs a room named after an assessment\r\n")
            return
        subjects = info.team.subjects(fingerprint) if info else frozenset()
        if not may_open(subjects, subject):
            log.info("refused summary of room %s to %s key %s: may not open it", room, peer, fingerprint)
            self._refuse(process, f"room {room}: you may not open this assessment\r\n")
            return
        cols = process.term_size[0] if process.term_type is not None else 0
        try:
            from ladder_tui.core.services.exporting import assessment_summary

            text, _real, _warnings = await asyncio.to_thread(assessment_summary, path, fmt, width=cols or 100)
        except LadderError as exc:
            self._refuse(process, protocol.for_members(str(exc)) + "\r\n")
            return
        log.info("summary (%s) of room %s to %s key %s", fmt, room, peer, fingerprint)
        with contextlib.suppress(OSError, asyncssh.Error):
            data = text if text.endswith("\n") else text + "\n"
            process.stdout.write(data.replace("\n", "\r\n").encode() if process.term_type else data.encode())
            process.exit(0)

    async def handle(self, process: asyncssh.SSHServerProcess[bytes]) -> None:
        conn = process.get_extra_info("connection")
        info = self.connections.get(conn)
        fingerprint = info.fingerprint if info else "?"
        peer = info.peer if info else "?"
        room_name = str(process.get_extra_info("username") or "")
        if process.subsystem is not None:
            log.info("refused subsystem %s from %s key %s", printable(process.subsystem), peer, fingerprint)
            self._refuse(process, self.no_commands(room_name))
            return
        if process.command is not None:
            await self._command(process, room_name, info, fingerprint, peer)
            return
        if process.term_type is None:  # no pty-req at all ('' is a terminal with no TERM: `ssh -tt` from a script)
            log.info("refused a session without a terminal from %s key %s", peer, fingerprint)
            self._refuse(process, f"ladder-tui needs a terminal: connect with {self.join_line(room_name)}\r\n")
            return
        if not ROOM_NAME.fullmatch(room_name):
            log.info("refused room name %s from %s key %s", printable(room_name), peer, fingerprint)
            self._refuse(
                process,
                "Room names are 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit.\r\n",
            )
            return
        subjects = info.team.subjects(fingerprint) if info else frozenset()
        allowed, room_people = self._room_people(room_name, subjects)
        if not allowed:
            log.info("refused %s key %s for room %s: may not open it", peer, fingerprint, room_name)
            self._refuse(process, f"room {room_name}: you may not open this assessment\r\n")
            return
        cols, rows, _, _ = process.term_size
        person = info.team.by_key.get(fingerprint) if info else None
        # The people file's name when it has one (what answers are recorded under), else the key's comment.
        name = member_name(person.name if person else info.comment if info else "", fingerprint)
        room_members = self.rooms[room_name].members if room_name in self.rooms else []
        taken = {m.name for m in room_members}
        if name in taken:
            number = 2
            while f"{name} #{number}" in taken:
                number += 1
            name = f"{name} #{number}"
        member = _SshMember(process, name, fingerprint, (cols, rows), person.name if person else "")
        try:
            room = await self.join(room_name, member, room_people)
        except (RoomError, OSError) as exc:
            log.info("refused %s key %s for room %s: %s", peer, fingerprint, room_name, exc)
            self._refuse(process, f"Cannot join room {room_name}: {exc}\r\n")
            return
        log.info(
            "join room %s member %r key %s from %s (%d here)", room_name, name, fingerprint, peer, len(room.members)
        )
        idle = asyncio.ensure_future(self._idle_watch(room, member))
        reason = "left"
        try:
            reason = await self._pump(process, room, member)
        finally:
            idle.cancel()
            if member in room.members:
                room.leave(member, reason_text(reason, room_name))
            log.info("leave room %s member %r key %s (%s)", room_name, name, fingerprint, reason)

    async def _pump(self, process: asyncssh.SSHServerProcess[bytes], room: Room, member: _SshMember) -> str:
        """Member keys into the room until they leave; returns why they went."""
        loop = asyncio.get_running_loop()
        while not member.gone:
            try:
                data = await process.stdin.read(65536)
            except asyncssh.TerminalSizeChanged as exc:
                member.last_input = loop.time()
                room.member_resized(member, exc.width, exc.height)
                continue
            except (asyncssh.BreakReceived, asyncssh.SignalReceived):
                continue
            except (OSError, asyncssh.Error):
                return "disconnected"
            if not data:
                return "disconnected"
            member.last_input = loop.time()
            room.touch()
            if member.flush_timer is not None:
                member.flush_timer.cancel()
                member.flush_timer = None
            result = member.filter.feed(data)
            # A paste counts as one key (a note pasted in is one act); everything else byte by byte.
            units = 1 if result.data.startswith(b"\x1b[200~") else len(result.data)
            if units and not member.allow(units, member.last_input):
                if not member.flooding:
                    member.flooding = True
                    log.info("room %s: %r sends keys faster than a person types; dropping", room.name, member.name)
                    # To this member only, over the top line until the next repaint.
                    member.send(b"\x1b7\x1b[1;1H\x1b[7m Too many keys at once: some were dropped. \x1b[0m\x1b8")
                if result.leave:
                    return "ctrl+q"
                continue
            room.write(member, result.data)
            if result.leave:
                return "ctrl+q"
            if member.filter.pending:
                wait = PASTE_WAIT if member.filter.pending.startswith(b"\x1b[200~") else ESCAPE_WAIT
                member.flush_timer = loop.call_later(wait, self._flush_member, room, member)
        return "disconnected"

    @staticmethod
    def _flush_member(room: Room, member: _SshMember) -> None:
        member.flush_timer = None
        result = member.filter.flush()
        room.write(member, result.data)

    async def _idle_watch(self, room: Room, member: _SshMember) -> None:
        """Idle counts for the room: any member's key keeps everyone in. A minute before the limit (or half of a
        shorter one) everyone is warned on screen; at the limit everyone is disconnected."""
        loop = asyncio.get_running_loop()
        limit = self.config.idle_timeout
        lead = min(60.0, limit / 2)
        minutes = f"{limit / 60:g} minute{'s' if limit != 60 else ''}"
        while not member.gone:
            remaining = room.last_input + limit - loop.time()
            if remaining <= 0:
                log.info("idle room %s member %r key %s: disconnected", room.name, member.name, member.fingerprint)
                room.leave(member, f"No keys in room {room.name} for {minutes}: disconnected.")
                return
            if remaining <= lead and not room.idle_warned:
                in_seconds = f"{remaining:.0f} second{'s' if round(remaining) != 1 else ''}"
                room.warn(f"No keys for a while: everyone here is disconnected in {in_seconds} unless someone types.")
            await asyncio.sleep(min(remaining - lead if remaining > lead else remaining, 30.0) + 0.01)

    @staticmethod
    def _refuse(process: asyncssh.SSHServerProcess[bytes], message: str) -> None:
        with contextlib.suppress(OSError, asyncssh.Error):
            process.stderr.write(message.encode())
            process.exit(1)

    # ----- lifetime -----

    async def close(self) -> None:
        """Stop listening, end every room (children reaped), drop every connection."""
        if self._closed:
            return
        self._closed = True
        if self.acceptor is not None:
            self.acceptor.close()
        rooms = list(self.rooms.values()) + list(self.closing.values())
        await asyncio.gather(*(room.end("The server is stopping. Goodbye.") for room in rooms))
        for conn in list(self.connections):
            conn.close()
        if self.acceptor is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.acceptor.wait_closed(), 5)
        with contextlib.suppress(OSError):
            for leftover in self.state_dir.iterdir():
                leftover.unlink()
            self.state_dir.rmdir()
        if self.port:
            _forget_record(self)
            log.info("server stopped")
        if self._log_handler is not None:
            log.removeHandler(self._log_handler)
            self._log_handler.close()


# ----- the running server's record, and invites -----


def record_file() -> Path:
    """Where a running server notes its host, port and host key (for `serve invite`)."""
    return data_home() / "serve.json"


def _record(server: Server) -> None:
    import json

    data = {
        "host": server.config.host,
        "port": server.port,
        "host_key": str(server.config.host_key),
        "pid": os.getpid(),
    }
    try:
        files.atomic_write(record_file(), json.dumps(data) + "\n", mode=0o600)
    except LadderError as exc:
        log.warning("cannot note the running server for invites: %s", exc)


def _forget_record(server: Server) -> None:
    import json

    with contextlib.suppress(OSError, ValueError, LadderError):
        data = json.loads(files.read_bytes(record_file()))
        if isinstance(data, dict) and data.get("pid") == os.getpid() and data.get("port") == server.port:
            record_file().unlink()


def invite(room: str, *, host: str | None = None, port: int | None = None, host_key: Path | None = None) -> str:
    """The lines to send someone: the exact ssh command for `room`, and the host key's fingerprint as
    `ssh-keygen -l` shows it (so they can check it at their first connection). Host, port and key default to the
    server running on this data folder, else to `serve`'s defaults."""
    import json
    import socket

    recorded: dict[str, object] = {}
    with contextlib.suppress(OSError, ValueError, LadderError):
        data = json.loads(files.read_bytes(record_file()))
        if isinstance(data, dict):
            recorded = data
    if not ROOM_NAME.fullmatch(room):
        raise LadderError(f"{room!r}: a room name is 1-128 letters, digits, '.', '_' or '-', starting with one")
    key_path = host_key or Path(str(recorded.get("host_key") or (data_home() / "ssh_host_ed25519_key")))
    try:
        key = asyncssh.import_private_key(files.read_bytes(key_path, limit=1024 * 1024))
    except (asyncssh.KeyImportError, ValueError) as exc:
        raise LadderError(f"{key_path}: not a usable private key ({exc})") from None
    where = host or str(recorded.get("host") or "127.0.0.1")
    if where in ("0.0.0.0", "::", ""):
        where = socket.getfqdn()  # listening everywhere: the name others reach this machine by
    shown_host = f"[{where}]" if ":" in where else where
    number = port if port is not None else int(str(recorded.get("port") or 2222))
    port_option = "" if number == 22 else f"-p {number} "
    kind = key.algorithm.decode().removeprefix("ssh-").upper()
    return f"ssh -t {port_option}{room}@{shown_host}\nhost key fingerprint: {key.get_fingerprint('sha256')} ({kind})\n"


def reason_text(reason: str, room: str) -> str:
    if reason == "ctrl+q":
        return f"You left room {room}; it carries on for the others."
    return ""


def _attach_log_file(path: Path) -> logging.Handler:
    files.check_regular_or_missing(path)  # a FIFO named serve.log must not block the server at start
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.close(fd)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
    log.addHandler(handler)
    if log.level == logging.NOTSET or log.level > logging.INFO:
        log.setLevel(logging.INFO)
    return handler


async def start_server(config: ServeConfig | None = None) -> Server:
    """Start listening (port 0 picks a free port: see `server.port`). Raises LadderError for unusable set-ups."""
    config = (config or ServeConfig()).resolved()
    assert config.authorized_keys is not None and config.host_key is not None
    keys = read_authorized_keys(config.authorized_keys)  # fail early and clearly when the file is missing
    host_key = load_host_key(config.host_key)
    server = Server(config, host_key)
    if config.log_file is not None:
        server._log_handler = _attach_log_file(config.log_file)
    if keys.keys is None or not keys.comments:
        log.warning("%s holds no usable public key yet: nobody can log in until one is added", config.authorized_keys)
    try:
        server.acceptor = await asyncssh.create_server(
            lambda: _Connection(server),
            config.host,
            config.port,
            server_host_keys=[host_key],
            process_factory=server.handle,
            encoding=None,
            line_editor=False,
            allow_pty=True,
            agent_forwarding=False,
            x11_forwarding=False,
            allow_scp=False,
            sftp_factory=None,
            public_key_auth=True,
            password_auth=False,
            kbdint_auth=False,
            host_based_auth=False,
            gss_host=None,
            login_timeout=config.login_timeout,
            keepalive_interval=30,
            keepalive_count_max=4,
            config=None,
        )
    except OSError as exc:
        await server.close()
        raise LadderError(f"cannot listen on {config.host}:{config.port} ({exc.strerror or exc})") from None
    server.port = server.acceptor.get_port()
    _record(server)
    # The terminal gets this as friendlier lines from run_server; the log file keeps it as a record.
    log.info("listening on %s:%d, host key %s", config.host, server.port, server.fingerprint, extra={"file_only": True})
    return server


def run_server(
    *,
    host: str = "127.0.0.1",
    port: int = 2222,
    authorized_keys: Path | None = None,
    host_key: Path | None = None,
) -> int:
    """`ladder-tui serve`: run until Ctrl+C (or SIGTERM), then end every room cleanly. Returns the exit status."""
    stderr = logging.StreamHandler(sys.stderr)
    stderr.setFormatter(logging.Formatter("%(asctime)s %(message)s", "%H:%M:%S"))
    stderr.addFilter(lambda record: not getattr(record, "file_only", False))
    log.addHandler(stderr)
    log.setLevel(logging.INFO)
    log.propagate = False
    config = ServeConfig(host=host, port=port, authorized_keys=authorized_keys, host_key=host_key)
    try:
        return asyncio.run(_serve_until_stopped(config))
    finally:
        log.removeHandler(stderr)


async def _serve_until_stopped(config: ServeConfig) -> int:
    server = await start_server(config)
    shown_host = server.config.host
    where = f"[{shown_host}]" if ":" in shown_host else shown_host
    print(f"ladder-tui serve: listening on {where}:{server.port}", flush=True)
    print(f"host key fingerprint: {server.fingerprint}", flush=True)
    print(f"authorized keys: {server.config.authorized_keys}", flush=True)
    team = read_team()
    if team.problem is not None:
        print(f"people: {team.problem} (nobody may open anything until it is mended)", flush=True)
    elif team.people is None:
        print(f"people: no people file ({people_file()}): every authorised key can open every assessment", flush=True)
    else:
        print(
            f"people: {len(team.people.persons)} in {people_file()}; each opens their own and their reports'",
            flush=True,
        )
    port_option = "" if server.port == 22 else f"-p {server.port} "
    print(f"join a room with: ssh -t {port_option}ROOM@{where}   (Ctrl+C here stops the server)", flush=True)
    if shown_host in ("127.0.0.1", "::1", "localhost"):
        print("only this machine can connect; use --host 0.0.0.0 to let others in", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        print("\nstopping: closing every room…", flush=True)
        await server.close()
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            loop.remove_signal_handler(sig)
    return 0
