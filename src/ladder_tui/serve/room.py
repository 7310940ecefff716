"""A shared room: one ladder-tui child on its own pseudo-terminal; its screen to every member, and their keys into it
through a pipe beside the terminal, each frame naming the member who typed (see `protocol.frame`)."""

from __future__ import annotations

import asyncio
import collections
import contextlib
import fcntl
import logging
import os
import signal
import struct
import subprocess
import termios
from collections.abc import Callable, Coroutine, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ladder_tui.serve import protocol
from ladder_tui.serve.filters import OutputTracker

log = logging.getLogger("ladder_tui.serve")

DEFAULT_SIZE = (80, 24)
MIN_SIZE = (20, 6)
MAX_SIZE = (1000, 400)
#: Keys a member may have waiting for the app (it reads them far faster than anyone types: more means it is stuck);
#: one member's queue full drops only their keys.
MAX_PENDING_INPUT = 256 << 10
#: A member whose connection cannot keep up with the screen is let go rather than buffered for without limit.
MAX_BACKLOG = 8 << 20
#: Let the app handle a resize before asking it for a full redraw.
REDRAW_DELAY = 0.15
OUTPUT_TAIL_WAIT = 0.05
#: Grace periods when reaping the child: after SIGHUP, then after SIGTERM, then after SIGKILL.
REAP_WAITS = ((signal.SIGHUP, 2.0), (signal.SIGTERM, 2.0), (signal.SIGKILL, 5.0))


def clamp_size(cols: int, rows: int) -> tuple[int, int]:
    """Clients lie: `ssh -tt` without a terminal asks for 0x0. Unusable sizes fall back to 80x24."""
    if cols <= 0 or rows <= 0:
        return DEFAULT_SIZE
    return (max(MIN_SIZE[0], min(cols, MAX_SIZE[0])), max(MIN_SIZE[1], min(rows, MAX_SIZE[1])))


@dataclass(eq=False)
class Member:
    """Somebody in a room. The server subclasses this to talk to an SSH channel."""

    name: str
    fingerprint: str
    cols: int = DEFAULT_SIZE[0]
    rows: int = DEFAULT_SIZE[1]
    #: Who they are in the people file ("" without one): their answers and notes are recorded under this name.
    person: str = ""
    gone: bool = field(default=False, init=False)
    #: The number their keys' frames carry, given by the room when they join (unique in the room's life).
    id: int = field(default=0, init=False)

    def send(self, data: bytes) -> None:
        """The app's screen bytes for this member's terminal."""
        raise NotImplementedError

    def close(self, farewell: bytes, status: int = 0) -> None:
        """Put the member's terminal back, say why, and disconnect them."""
        raise NotImplementedError

    def backlog(self) -> int:
        """Bytes sent to this member that their connection has not taken yet."""
        return 0


class RoomError(Exception):
    """A member cannot join this room (full, or it is closing)."""


def _end_with_parent(parent: int) -> Callable[[], None] | None:
    """What the room's child runs between fork and exec: when the server dies, however (kill -9 included), the
    kernel sends the child SIGTERM, so no room outlives its server holding an assessment's lock (Linux's
    PR_SET_PDEATHSIG; elsewhere, None: the server's own reaping is all there is). The function is looked up here,
    in the parent: the child only calls it."""
    try:
        import ctypes

        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None

    def arrange() -> None:
        prctl(1, int(signal.SIGTERM), 0, 0, 0)  # PR_SET_PDEATHSIG
        if os.getppid() != parent:
            os._exit(0)  # the server died before the request took hold

    return arrange


@contextlib.contextmanager
def _user_signals_ignored() -> Iterator[None]:
    """Start children with the protocol's two signals ignored: ignoring survives exec, so a signal that arrives
    before the app has installed its handlers is dropped instead of killing it (their default action)."""
    try:
        saved = {sig: signal.signal(sig, signal.SIG_IGN) for sig in protocol.SIGNALS}
    except ValueError:  # not the main thread: we cannot change dispositions; the app copes without
        yield
        return
    try:
        yield
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)


class Room:
    """One running app shared by its members. Created by the server on the first join; ends when the last member
    leaves (the child is reaped) or when the child exits (members are told and disconnected)."""

    def __init__(
        self,
        name: str,
        *,
        command: Sequence[str],
        env: dict[str, str],
        state_dir: Path,
        max_members: int,
        on_end: Callable[[Room], None],
        cwd: Path | None = None,
        people: frozenset[str] | None = None,
    ) -> None:
        self.name = name
        #: Whose assessments the room may show (person keys); None: everyone's (no people file).
        self.people = people
        self.command = list(command)
        self.env = env
        self.state_path = state_dir / f"{name}.json"
        self.max_members = max_members
        self.cwd = cwd
        self._on_end = on_end
        self.members: list[Member] = []
        self.size = DEFAULT_SIZE
        self.size_by = ""
        self.tracker = OutputTracker()
        self.proc: subprocess.Popen[bytes] | None = None
        self.master = -1
        #: The write end of the pipe that carries members' keys to the app, framed with who typed them.
        self.keys_out = -1
        self._joined = 0
        self.ending = False
        self.closed = asyncio.Event()
        #: Frames waiting for the pipe (who typed, the framed bytes), the one being written, and each member's bytes
        #: waiting.
        self._frames: collections.deque[tuple[int, bytes]] = collections.deque()
        self._input = bytearray()
        self._pending: dict[int, int] = {}
        self._writer_on = False
        self._output_done = asyncio.Event()
        self._tasks: set[asyncio.Task[None]] = set()
        self._redraw_timer: asyncio.TimerHandle | None = None
        self._tail_timer: asyncio.TimerHandle | None = None
        self._dropped_input = False
        #: When a member last typed (the loop's clock): idle counts for the whole room.
        self.last_input = asyncio.get_running_loop().time()
        self.idle_warned = False
        #: A line the app shows every member (the idle warning); "" when none.
        self.notice = ""

    # ----- membership -----

    def join(self, member: Member) -> None:
        """Add a member; the first one starts the app at their window's size. Raises RoomError (full, closing)."""
        if self.ending:
            raise RoomError(f"room {self.name} is closing; try again in a moment")
        if len(self.members) >= self.max_members:
            raise RoomError(f"room {self.name} is full ({self.max_members} people)")
        member.cols, member.rows = clamp_size(member.cols, member.rows)
        self._joined += 1
        member.id = self._joined
        self.members.append(member)
        if self.proc is None:
            self._compute_size()
            try:
                self._start()
            except OSError:
                self.members.remove(member)
                raise
        else:
            # A late joiner's terminal has seen none of the app's set-up: switch it into the same modes, then
            # ask the app for a full screen.
            member.send(self.tracker.preamble())
            self._apply_size()
            self._request_redraw()
        self._publish()

    def leave(self, member: Member, farewell: str = "") -> None:
        """Take a member out (their connection is closed with `farewell`); the room carries on for the others."""
        if member not in self.members:
            return
        self.members.remove(member)
        member.close(self._farewell(farewell))
        if self.ending:
            return
        if not self.members:
            self._spawn(self.end("the last member left"))
            return
        self._apply_size()
        self._publish()

    def touch(self) -> None:
        """A member typed: the room is not idle (a warning shown is taken back)."""
        self.last_input = asyncio.get_running_loop().time()
        if self.idle_warned:
            self.idle_warned = False
            self.notice = ""
            self._publish()

    def warn(self, text: str) -> None:
        """Show every member a line (the app shows it as a notification)."""
        self.idle_warned = True
        self.notice = text
        self._publish()

    def member_resized(self, member: Member, cols: int, rows: int) -> None:
        if member not in self.members or self.ending:
            return
        member.cols, member.rows = clamp_size(cols, rows)
        self._apply_size()
        self._publish()
        # The member's own terminal may have dropped what was drawn: draw everything again.
        self._request_redraw()

    def _farewell(self, text: str) -> bytes:
        reset = self.tracker.reset()
        return reset + (b"\r\n" + text.encode("utf-8", "replace") + b"\r\n" if text else b"")

    # ----- size -----

    def _compute_size(self) -> bool:
        """The room is as big as its smallest member in each direction. True when that changed."""
        if not self.members:
            return False
        by_cols = min(self.members, key=lambda m: m.cols)
        by_rows = min(self.members, key=lambda m: m.rows)
        size = (by_cols.cols, by_rows.rows)
        if by_cols is by_rows:
            self.size_by = by_cols.name
        else:
            self.size_by = f"{by_cols.name} (width), {by_rows.name} (height)"
        changed = size != self.size
        self.size = size
        return changed

    def _apply_size(self) -> None:
        if not self._compute_size():
            return
        self._set_winsize()
        self._signal_group(signal.SIGWINCH)
        self._request_redraw()

    def _set_winsize(self) -> None:
        if self.master < 0:
            return
        cols, rows = self.size
        with contextlib.suppress(OSError):
            fcntl.ioctl(self.master, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

    # ----- the child -----

    def _start(self) -> None:
        master, slave = os.openpty()
        cols, rows = self.size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        keys_in, keys_out = os.pipe()
        env = dict(self.env)
        env[protocol.ROOM_STATE_ENV] = str(self.state_path)
        env[protocol.ROOM_INPUT_ENV] = str(keys_in)
        self._write_state()
        try:
            with _user_signals_ignored():
                self.proc = subprocess.Popen(
                    self.command,
                    stdin=slave,
                    stdout=slave,
                    stderr=slave,
                    env=env,
                    cwd=self.cwd,
                    start_new_session=True,
                    close_fds=True,
                    pass_fds=(keys_in,),
                    preexec_fn=_end_with_parent(os.getpid()),
                )
        except OSError:
            os.close(master)
            os.close(keys_out)
            raise
        finally:
            os.close(slave)
            os.close(keys_in)
        self.master = master
        self.keys_out = keys_out
        os.set_blocking(master, False)
        os.set_blocking(keys_out, False)
        loop = asyncio.get_running_loop()
        loop.add_reader(master, self._on_output)
        self._spawn(self._watch_child())
        opens = " ".join(self.command[3:]) or "Home"
        log.info("room %s started: pid %d, %s", self.name, self.proc.pid, opens)

    def _on_output(self) -> None:
        try:
            data = os.read(self.master, 65536)
        except BlockingIOError:
            return
        except OSError:
            data = b""  # EIO: every copy of the terminal's other end is closed, the app is gone
        if not data:
            asyncio.get_running_loop().remove_reader(self.master)
            self.broadcast(self.tracker.flush())
            self._output_done.set()
            return
        self.broadcast(self.tracker.feed(data))
        if self.tracker.pending and self._tail_timer is None:
            self._tail_timer = asyncio.get_running_loop().call_later(OUTPUT_TAIL_WAIT, self._flush_tail)

    def _flush_tail(self) -> None:
        self._tail_timer = None
        self.broadcast(self.tracker.flush())

    def broadcast(self, data: bytes) -> None:
        if not data:
            return
        for member in list(self.members):
            if member.backlog() > MAX_BACKLOG:
                log.info("room %s: %r cannot keep up with the screen; disconnecting", self.name, member.name)
                self.leave(member, "Your connection cannot keep up with the screen: disconnected.")
                continue
            member.send(data)

    def write(self, member: Member, data: bytes) -> None:
        """One member's whole key sequences into the app, framed with who typed them."""
        if self.keys_out < 0 or self.ending or not data:
            return
        pending = self._pending.get(member.id, 0)
        if pending + len(data) > MAX_PENDING_INPUT:
            if not self._dropped_input:
                log.warning("room %s: the app is not reading %r's keys; dropping them", self.name, member.name)
                self._dropped_input = True
            return
        self._pending[member.id] = pending + len(data)
        self._frames.append((member.id, data))
        self._flush_input()

    def _flush_input(self) -> None:
        loop = asyncio.get_running_loop()
        while self._input or self._frames:
            if not self._input:
                member_id, data = self._frames.popleft()
                self._pending[member_id] -= len(data)
                self._input += protocol.frame(member_id, data)
            try:
                written = os.write(self.keys_out, self._input)
            except BlockingIOError:
                break
            except OSError:
                self._input.clear()
                self._frames.clear()
                self._pending.clear()
                break
            del self._input[:written]
        if self._input and not self._writer_on:
            loop.add_writer(self.keys_out, self._flush_input)
            self._writer_on = True
        elif not self._input and self._writer_on:
            loop.remove_writer(self.keys_out)
            self._writer_on = False
            self._dropped_input = False

    def _signal_group(self, sig: signal.Signals) -> None:
        if self.proc is not None and self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.proc.pid, sig)

    def _signal_app(self, sig: signal.Signals) -> None:
        if self.proc is not None and self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(self.proc.pid, sig)

    def _request_redraw(self) -> None:
        """The redraw signal asks the app for a full screen (a late joiner has none); debounced, and late enough
        after a resize that the app has taken the new size."""
        if self._redraw_timer is not None:
            self._redraw_timer.cancel()

        def fire() -> None:
            self._redraw_timer = None
            if self.proc is None or self.proc.poll() is not None:
                return
            # The app wipes every member's screen itself, in order with its own output (tui/served.py).
            self._signal_app(protocol.REDRAW_SIGNAL)

        self._redraw_timer = asyncio.get_running_loop().call_later(REDRAW_DELAY, fire)

    def _publish(self) -> None:
        """Rewrite the room-state file, then the room-changed signal tells the app to show who is here."""
        self._write_state()
        self._signal_app(protocol.ROOM_CHANGED_SIGNAL)

    def state(self) -> protocol.RoomState:
        cols, rows = self.size
        members = tuple(protocol.MemberState(m.name, m.cols, m.rows, m.id, m.person) for m in self.members)
        return protocol.RoomState(self.name, members, self.size_by, cols, rows, self.notice)

    def _write_state(self) -> None:
        try:
            protocol.write_state(self.state_path, self.state())
        except OSError as exc:
            log.warning("room %s: cannot write %s (%s)", self.name, self.state_path, exc)

    async def _watch_child(self) -> None:
        proc = self.proc
        assert proc is not None
        while proc.poll() is None:
            await asyncio.sleep(0.1)
        # Let the app's last words (its error message, its terminal reset) reach everybody first.
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._output_done.wait(), 1.0)
        if not self.ending:
            status = proc.returncode
            log.info("room %s: the app exited (status %s)", self.name, status)
            stopped = (-signal.SIGTERM, -signal.SIGHUP, -signal.SIGINT, -signal.SIGKILL)
            if status in (0, 2, *stopped):  # ended, refused bad input with its own line, or stopped from outside
                detail = "" if status == 0 else f" (exit status {status})" if status > 0 else " (stopped)"
                await self.end(f"The app in room {self.name} has ended{detail}. Goodbye.")
            else:
                # What went wrong is in the server's log only (names, ratings and notes stay off everyone's screen).
                await self.end(f"Room {self.name} hit an error and closed; every answer is saved.")

    # ----- the end -----

    async def end(self, reason: str) -> None:
        """Close the room: tell and disconnect whoever is left, reap the child, tidy up. Idempotent."""
        if self.ending:
            await self.closed.wait()
            return
        self.ending = True
        self._on_end(self)
        for timer in (self._redraw_timer, self._tail_timer):
            if timer is not None:
                timer.cancel()
        self.broadcast(self.tracker.flush())
        farewell = self._farewell(reason)
        for member in list(self.members):
            member.close(farewell)
        self.members.clear()
        try:
            await self._reap()
        finally:
            loop = asyncio.get_running_loop()
            if self.master >= 0:
                loop.remove_reader(self.master)
                os.close(self.master)
                self.master = -1
            if self.keys_out >= 0:
                if self._writer_on:
                    loop.remove_writer(self.keys_out)
                os.close(self.keys_out)
                self.keys_out = -1
            with contextlib.suppress(OSError):
                self.state_path.unlink()
            log.info("room %s closed: %s", self.name, reason)
            self.closed.set()

    async def _reap(self) -> None:
        """SIGHUP, then SIGTERM, then SIGKILL to the app's process group, each with a grace period; always waits."""
        proc = self.proc
        if proc is None:
            return
        loop = asyncio.get_running_loop()
        for sig, grace in REAP_WAITS:
            if proc.poll() is not None:
                break
            self._signal_group(sig)
            deadline = loop.time() + grace
            while proc.poll() is None and loop.time() < deadline:
                await asyncio.sleep(0.05)
        if proc.poll() is None:
            log.error("room %s: pid %d would not die", self.name, proc.pid)

    def _spawn(self, coro: Coroutine[object, object, None]) -> None:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
