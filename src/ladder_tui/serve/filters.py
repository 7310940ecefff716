"""Byte-stream filters for a shared room: whole key sequences in from each member, terminal modes out of the app."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

ESC = 0x1B
CTRL_Q = 0x11  # "leave the room" when served
CTRL_Z = 0x1A  # would stop the app for everybody

PASTE_START = b"\x1b[200~"
PASTE_END = b"\x1b[201~"

# A complete control sequence starting at an ESC.
_CSI = re.compile(rb"\x1b\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]")
_CSI_PARTIAL = re.compile(rb"\x1b\[[\x30-\x3f]*[\x20-\x2f]*\Z")
_STRING = re.compile(rb"\x1b[\]P_^X].*?(?:\x07|\x1b\\)", re.DOTALL)  # OSC, DCS, APC, PM, SOS up to BEL or ST
_SS3 = re.compile(rb"\x1bO[\x20-\x7e]")

# Replies and reports one member's terminal makes that must not steer the room:
# the mode-2048 (in-band resize) DECRPM reply, in-band size reports, and focus in/out.
_DROPPED_INPUT = re.compile(rb"\x1b\[\?2048;\d*\$y|\x1b\[48(?:;[\d:]*)*t|\x1b\[[IO]")
# Ctrl+Q as the kitty keyboard protocol spells it, should a terminal use it anyway.
_KITTY_CTRL_Q = re.compile(rb"\x1b\[113;5(?::1)?u")

MAX_SEQUENCE = 64  # longer "sequences" are not key presses: pass them on as they are
MAX_STRING = 4096
MAX_PASTE = 1 << 20


def _utf8_length(lead: int) -> int:
    if lead < 0x80:
        return 1
    if 0xC2 <= lead <= 0xDF:
        return 2
    if 0xE0 <= lead <= 0xEF:
        return 3
    if 0xF0 <= lead <= 0xF4:
        return 4
    return 1  # a stray continuation or invalid byte: pass it on alone


@dataclass
class Filtered:
    """What one member's bytes amount to: whole sequences for the app, and whether they asked to leave."""

    data: bytes = b""
    leave: bool = False


@dataclass
class InputFilter:
    """Reassembles one member's keystrokes so the app only ever receives whole sequences from one person.

    Incomplete sequences (an ESC at the end of a read, half a UTF-8 character, a paste still arriving) wait for the
    rest; `flush()` hands over what is waiting when nothing more came (a lone ESC is the Escape key).
    """

    pending: bytearray = field(default_factory=bytearray)
    in_paste: bool = False

    def feed(self, data: bytes) -> Filtered:
        self.pending += data
        return self._drain(final=False)

    def flush(self) -> Filtered:
        return self._drain(final=True)

    def _drain(self, *, final: bool) -> Filtered:
        buf = bytes(self.pending)
        out = bytearray()
        i = 0
        leave = False
        while i < len(buf):
            if self.in_paste:
                # A paste bigger than MAX_PASTE flows on as it arrives, still never read as keys.
                end = buf.find(PASTE_END, i)
                stop = len(buf) if end < 0 else end + len(PASTE_END)
                out += buf[i:stop]
                i = stop
                self.in_paste = end < 0
                continue
            byte = buf[i]
            if byte == ESC:
                size = self._sequence_length(buf, i, final)
                if size == 0:
                    break  # wait for the rest
                token = buf[i : i + size]
                i += size
                if _DROPPED_INPUT.fullmatch(token):
                    continue
                if _KITTY_CTRL_Q.fullmatch(token):
                    leave = True
                    break
                if token == PASTE_START:
                    # The whole paste goes to the app in one write, so nobody's keys land inside it.
                    end = buf.find(PASTE_END, i)
                    if end >= 0:
                        out += buf[i - size : end + len(PASTE_END)]
                        i = end + len(PASTE_END)
                        continue
                    if len(buf) - i < MAX_PASTE and not final:
                        i -= size
                        break
                    out += buf[i - size :]
                    i = len(buf)
                    self.in_paste = True
                    continue
                out += token
                continue
            if byte == CTRL_Q:
                leave = True
                break
            if byte == CTRL_Z:
                i += 1
                continue
            size = _utf8_length(byte)
            if i + size > len(buf):
                if not final:
                    break
                size = len(buf) - i
            out += buf[i : i + size]
            i += size
        if leave:
            self.pending.clear()
        else:
            del self.pending[:i]
        return Filtered(bytes(out), leave)

    @staticmethod
    def _sequence_length(buf: bytes, i: int, final: bool) -> int:
        """Length of the whole sequence at buf[i] (an ESC), or 0 when it is not complete yet."""
        rest = len(buf) - i
        if rest == 1:
            return 1 if final else 0
        kind = buf[i + 1]
        if kind == ord("["):
            match = _CSI.match(buf, i)
            if match:
                return match.end() - i
            if _CSI_PARTIAL.match(buf, i):
                return 0 if rest < MAX_SEQUENCE and not final else rest
            return 2  # not a CSI after all: ESC [ as Alt+[
        if kind in b"]P_^X":
            match = _STRING.match(buf, i)
            if match:
                return match.end() - i
            return 0 if rest < MAX_STRING and not final else rest
        if kind == ord("O"):
            if _SS3.match(buf, i):
                return 3
            return 0 if rest == 2 and not final else 2
        if kind == ESC:
            return 1  # ESC ESC ...: the first is Escape (or Alt) on its own
        # Alt + a character (possibly multi-byte).
        size = 1 + _utf8_length(kind)
        if size > rest:
            return 0 if not final else rest
        return size


# ----- output -----

_DEC_MODES = re.compile(rb"\x1b\[\?([\d;]+)([hl])")
# Modes a late joiner must not be put into: synchronized output would freeze their screen until the app's next
# frame ends it; in-band resize and focus reports are filtered out of their input anyway.
_NOT_REPLAYED = {2026, 2048, 1004}
_COMPLETE_AT = (_CSI, _STRING)
# Put a leaving member's terminal back the way a shell expects it, whatever the app had switched on.
RESET_SEQUENCE = b"\x1b[?2026l\x1b[<u\x1b[?1004l\x1b[?2004l\x1b[?1006l\x1b[?1015l\x1b[?1003l\x1b[?1000l\x1b[?1016l"


@dataclass
class OutputTracker:
    """Follows the app's output: which terminal modes it has set, and never hands on half a sequence.

    Whatever `feed` returns ends on a sequence boundary, so the server may put its own bytes (a clear screen for
    everyone, or a joiner's preamble) between two chunks without cutting one of the app's sequences in half.
    """

    modes: dict[int, bool] = field(default_factory=dict)
    pending: bytearray = field(default_factory=bytearray)

    def feed(self, data: bytes) -> bytes:
        self.pending += data
        buf = bytes(self.pending)
        cut = self._safe_end(buf)
        ready, rest = buf[:cut], buf[cut:]
        self.pending = bytearray(rest)
        self._track(ready)
        return ready

    def flush(self) -> bytes:
        ready = bytes(self.pending)
        self.pending.clear()
        self._track(ready)
        return ready

    def _track(self, data: bytes) -> None:
        for match in _DEC_MODES.finditer(data):
            on = match.group(2) == b"h"
            for number in match.group(1).split(b";"):
                if number:
                    mode = int(number)
                    self.modes[mode] = on

    @staticmethod
    def _safe_end(buf: bytes) -> int:
        """Where the complete part of buf ends (before a trailing partial escape sequence or UTF-8 character)."""
        esc = buf.rfind(b"\x1b", max(0, len(buf) - MAX_STRING))
        if esc >= 0:
            tail = buf[esc:]
            complete = (
                (len(tail) >= 2 and tail[1] not in b"[]P_^XO")
                or any(pattern.match(tail) for pattern in _COMPLETE_AT)
                or (len(tail) >= 3 and tail[1] == ord("O"))
            )
            if not complete:
                return esc
            # A string sequence (OSC...) may hold an ESC \ terminator; a CSI match covers the rest of the tail
            # only if nothing follows it, which is fine: text after a complete sequence is checked below.
        # A trailing partial UTF-8 character.
        for back in range(1, min(4, len(buf)) + 1):
            byte = buf[-back]
            if byte & 0xC0 == 0x80:
                continue  # continuation byte: keep looking for its lead
            if byte >= 0xC0 and _utf8_length(byte) > back:
                return len(buf) - back
            break
        return len(buf)

    def preamble(self) -> bytes:
        """Bytes that put a late joiner's terminal in the app's modes (alternate screen first), cleared."""
        modes = [mode for mode, on in self.modes.items() if mode not in _NOT_REPLAYED]
        out = bytearray()
        if self.modes.get(1049):
            out += b"\x1b[?1049h"
        for mode in modes:
            if mode != 1049:
                out += b"\x1b[?%d%s" % (mode, b"h" if self.modes[mode] else b"l")
        out += b"\x1b[0m\x1b[H\x1b[2J"
        return bytes(out)

    def reset(self) -> bytes:
        """Bytes that undo the app's modes on a leaving member's terminal, leaving them at their shell."""
        out = bytearray(RESET_SEQUENCE)
        out += b"\x1b[0m\x1b[?7h\x1b[?25h"
        if self.modes.get(1049):
            out += b"\x1b[?1049l"
        return bytes(out)
