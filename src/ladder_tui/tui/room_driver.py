"""The terminal driver of a room's app: the screen goes to the terminal as usual, but keys come from the server's input
pipe, framed with the member who typed them, so every key (and click, and paste) carries its member's number."""

from __future__ import annotations

import os
import selectors
from codecs import getincrementaldecoder
from collections.abc import Callable

from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver
from textual.message import Message

from ladder_tui.serve.protocol import MEMBER_ATTRIBUTE, Frames, input_fd


class _MemberInput:
    """One member's own parser and decoder: a half-received escape sequence of one member never swallows another's
    keys."""

    def __init__(self, debug: bool) -> None:
        self.parser = XTermParser(debug)
        self.decode: Callable[[bytes], str] = getincrementaldecoder("utf-8")(errors="replace").decode


class RoomDriver(LinuxDriver):
    """LinuxDriver, reading the framed input pipe instead of the terminal."""

    def run_input_thread(self) -> None:
        fd = input_fd()
        if fd is None:  # not given a pipe: read the terminal as usual
            super().run_input_thread()
            return
        selector = selectors.SelectSelector()
        selector.register(fd, selectors.EVENT_READ)
        frames = Frames()
        members: dict[int, _MemberInput] = {}

        def deliver(member_id: int, events: list[Message]) -> None:
            for event in events:
                setattr(event, MEMBER_ATTRIBUTE, member_id)
                self.process_message(event)

        try:
            while not self.exit_event.is_set():
                if selector.select(0.1):
                    try:
                        chunk = os.read(fd, 65536)
                    except BlockingIOError:
                        continue
                    if not chunk:  # the server is gone; the room ends with it
                        break
                    for member_id, data in frames.feed(chunk):
                        member = members.get(member_id)
                        if member is None:
                            member = members[member_id] = _MemberInput(self._debug)
                        deliver(member_id, list(member.parser.feed(member.decode(data))))
                for member_id, member in members.items():
                    deliver(member_id, list(member.parser.tick()))
        finally:
            selector.close()
