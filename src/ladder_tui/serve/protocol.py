"""The room protocol between `ladder-tui serve` and the app it runs for a room, as code both sides import: the
environment that tells the app it is served and where the room's state is, the room-state file's shape, and the two
signals. Nothing else spells these out. No Textual, no asyncssh: the app and the server each import it cheaply.

The server starts the app with SERVED_ENV=1, ROOM_STATE_ENV=<a private file> and ROOM_INPUT_ENV=<a pipe's fd>: every
member's keys come through that pipe in frames naming the member (`frame`, `Frames`), so the app knows whose key
each is; the terminal itself carries only the screen. Then:
- REDRAW_SIGNAL (SIGUSR1): draw the whole screen again (a member joined: their terminal has nothing on it yet);
- ROOM_CHANGED_SIGNAL (SIGUSR2): the room-state file was replaced (someone joined, left or resized).
"""

from __future__ import annotations

import os
import signal
from dataclasses import asdict, dataclass
from pathlib import Path

#: Set to "1" in the app's environment when the server runs it for a shared room.
SERVED_ENV = "LADDER_TUI_SERVED"
#: The path of the room-state file, in the app's environment.
ROOM_STATE_ENV = "LADDER_TUI_ROOM_STATE"
#: Server to app: paint every cell again.
REDRAW_SIGNAL = signal.SIGUSR1
#: Server to app: the room-state file changed.
ROOM_CHANGED_SIGNAL = signal.SIGUSR2
#: Both signals, which the server's children start with ignored (ignoring survives exec: a signal that comes before
#: the app has installed its handlers is dropped rather than killing it).
SIGNALS = (REDRAW_SIGNAL, ROOM_CHANGED_SIGNAL)


@dataclass(frozen=True)
class MemberState:
    """One person in the room: the name the banner shows, their window's size, the number their keys' frames carry,
    and who they are in the people file (their `name` there; "" without one)."""

    name: str
    cols: int
    rows: int
    id: int = 0
    person: str = ""

    @property
    def who(self) -> str:
        """The name their answers and notes are recorded under: the people file's, else their key's comment."""
        return self.person or self.name


@dataclass(frozen=True)
class RoomState:
    """The room as the server describes it to the app: who is in it and the size the screen is drawn at."""

    room: str
    members: tuple[MemberState, ...]
    #: Whose window set the size ("" while one member is alone).
    size_by: str
    cols: int
    rows: int
    #: A line for every member (the idle warning), "" when none.
    notice: str = ""

    def to_json(self) -> str:
        data = asdict(self)
        data["members"] = [asdict(member) for member in self.members]
        import json  # deferred, as below: every command imports this module, few of them need json or struct

        return json.dumps(data)

    @classmethod
    def from_json(cls, text: str) -> RoomState | None:
        """The state a file holds; None when it is not one (the app then keeps what it showed)."""
        try:
            import json

            data = json.loads(text)
        except ValueError:
            return None
        if not isinstance(data, dict):
            return None
        members = data.get("members")
        cols, rows = data.get("cols"), data.get("rows")
        if not isinstance(members, list) or not isinstance(cols, int) or not isinstance(rows, int):
            return None
        parsed = tuple(
            MemberState(
                str(m.get("name", "?")),
                int(m.get("cols", 0)),
                int(m.get("rows", 0)),
                int(m.get("id", 0)),
                str(m.get("person", "")),
            )
            for m in members
            if isinstance(m, dict) and all(isinstance(m.get(key, 0), int) for key in ("cols", "rows", "id"))
        )
        return cls(
            str(data.get("room", "?")), parsed, str(data.get("size_by", "")), cols, rows, str(data.get("notice", ""))
        )


def write_state(path: Path, state: RoomState) -> None:
    """Replace the room-state file atomically (private to the server's user); OSError when it cannot."""
    temp = path.with_name(f".{path.name}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(state.to_json())
    os.replace(temp, path)


def read_state(path: Path | None = None) -> RoomState | None:
    """The room as the server last described it (the file ROOM_STATE_ENV names), or None when there is none."""
    if path is None:
        name = os.environ.get(ROOM_STATE_ENV)
        if not name:
            return None
        path = Path(name)
    try:
        return RoomState.from_json(path.read_text(encoding="utf-8"))
    except OSError:
        return None


def served_env() -> dict[str, str]:
    """The environment that tells the app it is served (the state file's path is added per room)."""
    return {SERVED_ENV: "1"}


def is_served() -> bool:
    """True when `ladder-tui serve` runs this process for a shared room over SSH."""
    return os.environ.get(SERVED_ENV, "") not in ("", "0")


#: Whose assessments a room may show (a JSON list of person keys); absent: everyone's (no people file).
ROOM_PEOPLE_ENV = "LADDER_TUI_ROOM_PEOPLE"


def people_value(people: frozenset[str]) -> str:
    import json

    return json.dumps(sorted(people))


def room_people() -> frozenset[str] | None:
    """In a room's app: whose assessments it may show; None outside a room or without a people file."""
    raw = os.environ.get(ROOM_PEOPLE_ENV)
    if raw is None:
        return None
    try:
        import json

        value = json.loads(raw)
    except ValueError:
        return frozenset()  # unreadable: show nobody's rather than everybody's
    return frozenset(str(item) for item in value) if isinstance(value, list) else frozenset()


#: Where a room's app writes what goes wrong (the server's private log), never to the members' screens.
ROOM_LOG_ENV = "LADDER_TUI_ROOM_LOG"


def errors_to_room_log() -> None:
    """In a room's app: Python's error stream (tracebacks, Textual's error report) goes to the server's private log;
    the screen (Textual's driver writes to the original stream) is untouched."""
    import sys

    path = os.environ.get(ROOM_LOG_ENV)
    if not path:
        return
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    except OSError:
        fd = os.open(os.devnull, os.O_WRONLY)  # no log: better lost than on every member's screen
    sys.stderr = open(fd, "w", encoding="utf-8", errors="replace", buffering=1)  # noqa: SIM115 (for the process' life)


def for_members(text: str) -> str:
    """A message for a room's members: paths inside the data folder relative to it (no host paths on screen)."""
    from ladder_tui.core.storage.paths import data_home

    home = str(data_home()).rstrip("/") + "/"
    return text.replace(home, "")


def shown(text: str) -> str:
    """Text for the screen: in a room, with host paths inside the data folder made relative (see `for_members`)."""
    return for_members(text) if is_served() else text


#: The ssh command that reaches this room on its server ("ssh -p 2222 alex-cs@host"), in a room's environment.
ROOM_SSH_ENV = "LADDER_TUI_ROOM_SSH"


def room_ssh() -> str:
    return os.environ.get(ROOM_SSH_ENV, "")


#: The file descriptor (in the app) of the pipe that carries every member's keys, framed by `frame`.
ROOM_INPUT_ENV = "LADDER_TUI_ROOM_INPUT"
#: A frame's header: the member's number and the length of their keys, 4 bytes each, big-endian.
_HEADER_SIZE = 8
#: A frame's most bytes: the server sends whole key sequences, far smaller; a bigger length is a broken stream.
MAX_FRAME = 1 << 20


def frame(member_id: int, data: bytes) -> bytes:
    """One member's keys as they go down the input pipe: who (their MemberState.id), how many bytes, the bytes."""
    return member_id.to_bytes(4, "big") + len(data).to_bytes(4, "big") + data


class Frames:
    """The app's side of the input pipe: bytes in as they are read, whole frames out as (member id, keys)."""

    def __init__(self) -> None:
        self._buffer = bytearray()

    def feed(self, chunk: bytes) -> list[tuple[int, bytes]]:
        self._buffer += chunk
        frames: list[tuple[int, bytes]] = []
        while len(self._buffer) >= _HEADER_SIZE:
            member_id = int.from_bytes(self._buffer[:4], "big")
            length = int.from_bytes(self._buffer[4:_HEADER_SIZE], "big")
            if length > MAX_FRAME:
                raise ValueError(f"a frame of {length} bytes: the input stream is broken")
            end = _HEADER_SIZE + length
            if len(self._buffer) < end:
                break
            frames.append((member_id, bytes(self._buffer[_HEADER_SIZE:end])))
            del self._buffer[:end]
        return frames


#: The attribute each input event of a room's app carries: the MemberState.id of the member who typed it.
MEMBER_ATTRIBUTE = "ladder_member"


def member_of(event: object) -> int | None:
    """The room member whose input an event is (None: not from the room's input pipe)."""
    member = getattr(event, MEMBER_ATTRIBUTE, None)
    return member if isinstance(member, int) else None


def input_fd() -> int | None:
    """In a room's app: the input pipe's file descriptor, or None (not served, or an older server)."""
    raw = os.environ.get(ROOM_INPUT_ENV, "")
    return int(raw) if raw.isdigit() else None
