"""Python's cycle collector, run while the person reads instead of in the middle of a key press.

With automatic collection, a collection that happened to fall inside a key press added 2-60 ms to it (measured with
gc.callbacks over a 500-dimension walk: about 1 s of collections in 480 presses), which is most of what lies between
the median key press and its 95th percentile (SPEC section 8: p95 under 25 ms). Here automatic collection is off while
the app runs; a timer collects the young generations once input has been quiet for a moment, and everything every
so often while quiet. A held-down key never lets garbage pile up without bound: past a hard limit it collects anyway.
"""

from __future__ import annotations

import gc
import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App

#: Input quiet for this long means the person is reading: a good time to collect.
QUIET = 0.05
#: How often the timer looks.
TICK = 0.05
#: Young objects (allocations minus deallocations) worth a collection when quiet, and the limit that forces one.
YOUNG = 2_000
HARD_LIMIT = 200_000
#: Every this many quiet collections, the middle generation too; and the whole heap at most this often.
MIDDLE_EVERY = 10
FULL_EVERY = 30.0


class IdleCollector:
    """Owns `gc` while an app runs: `start` on mount, `stop` on unmount (restoring what it found)."""

    def __init__(self) -> None:
        self.last_input = time.monotonic()
        self.last_full = time.monotonic()
        self.collections = 0
        self.forced = 0
        self._was_enabled = True

    def start(self, app: App[Any]) -> None:
        self._was_enabled = gc.isenabled()
        gc.disable()
        app.set_interval(TICK, self.tick, name="idle-gc")

    def stop(self) -> None:
        if self._was_enabled:
            gc.enable()

    def note_input(self) -> None:
        self.last_input = time.monotonic()

    def tick(self) -> None:
        young = gc.get_count()[0]
        now = time.monotonic()
        if now - self.last_input < QUIET:
            if young > HARD_LIMIT:
                self.forced += 1
                gc.collect(0)
            return
        if young <= YOUNG:
            return  # idle and nothing new: nothing to do
        self.collections += 1
        if now - self.last_full >= FULL_EVERY:
            self.last_full = now
            gc.collect()
        else:
            gc.collect(1 if self.collections % MIDDLE_EVERY == 0 else 0)
