"""Nothing lost (SPEC section 8): kill -9 a real `ladder-tui open` at a random moment of a walk, then reopen.

Each round starts `python -m ladder_tui open FILE` on an 80x24 pty (a fresh assessment of the synthetic
500-dimension framework), types answer digits at random paces (bursts of keys with no gap, and keys 5-60 ms apart),
and sends SIGKILL at a random moment, possibly mid-save. Then, in this process:

- the file must parse and validate (`core.loader.load_assessment`): never torn;
- every answer the screen counted before the kill (`N answered`, the last count the emulated screen showed) is on
  disk, and the answers on disk are exactly the digits typed, in order, with no gap (one key, one answer);
- reopening takes the lock (the dead process's lock is gone) and resumes at the first unanswered dimension.
"""

from __future__ import annotations

import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import ptyrun

_ANSWERED = re.compile(r"(\d+) answered")


@dataclass
class KillRound:
    typed: int  # digits sent before the kill
    shown: int  # the last "N answered" on screen before the kill
    on_disk: int  # answers in the file after the kill
    parsed: bool  # the file loaded (parsed and validated)
    in_order: bool  # the answers on disk are the first `on_disk` digits typed, one per dimension, no gap
    resumed: bool  # reopening took the lock and resumed at the first unanswered dimension

    @property
    def ok(self) -> bool:
        return self.parsed and self.in_order and self.resumed and self.on_disk >= self.shown


def kill_round(framework_path: Path, folder: Path, env: dict[str, str], rng: random.Random, number: int) -> KillRound:
    from keypress import fresh_assessment

    from ladder_tui.core.catalog import FrameworkCatalog
    from ladder_tui.core.errors import LadderError
    from ladder_tui.core.loader import load_assessment
    from ladder_tui.core.session import WalkSession

    path = fresh_assessment(framework_path, folder, f"kill-{number:03d}")
    app = ptyrun.PtyApp([sys.executable, "-m", "ladder_tui", "open", str(path)], env)
    typed: list[str] = []
    shown = 0
    try:
        app.wait_for("Press enter to start this area")
        app.send(b"\r")
        app.wait_for("1 of 500")
        for _ in range(rng.randint(3, 40)):
            digit = rng.choice("12345")
            app.send(digit.encode())
            typed.append(digit)
            app.pump(rng.choice((0.0, 0.0, 0.005, 0.02, 0.06)))
        app.pump(rng.uniform(0.0, 0.03))  # the kill lands anywhere: mid-save, mid-paint, or while idle
        counts = _ANSWERED.findall(app.text())
        shown = int(counts[-1]) if counts else 0
        app.kill9()
    finally:
        app.close()
    try:
        saved = load_assessment(path)
        parsed = True
    except LadderError:
        return KillRound(len(typed), shown, 0, False, False, False)
    walk = WalkSession.open(path, FrameworkCatalog(), "self")
    try:
        framework = walk.framework
        ratings = [saved.rating(area, dim, "self") for area, dim in framework.dimension_keys()]
        on_disk = sum(rating is not None for rating in ratings)
        expected = [framework.levels[int(digit) - 1].id for digit in typed[:on_disk]]
        in_order = ratings[:on_disk] == expected and all(rating is None for rating in ratings[on_disk:])
        resumed = not walk.read_only and walk.index == min(on_disk, walk.total - 1)
    finally:
        walk.close()
    return KillRound(len(typed), shown, on_disk, parsed, in_order, resumed)


def kill_rounds(framework_path: Path, folder: Path, env: dict[str, str], rounds: int, seed: int = 9) -> list[KillRound]:
    rng = random.Random(seed)
    return [kill_round(framework_path, folder, env, rng, number) for number in range(rounds)]
