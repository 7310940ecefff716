"""Nothing lost (SPEC section 8): kill -9 a real `ladder-tui open` at a random moment of a walk, then reopen.

Each round starts `python -m ladder_tui open FILE` on an 80x24 pty (a fresh assessment of the synthetic
500-dimension framework), types answer digits at random paces (bursts of keys with no gap, and keys 5-60 ms apart),
and sends SIGKILL at a random moment, possibly mid-save. Then, in this process:

- the file must parse and validate (`core.loader.load_assessment`): never torn;
- every answer the screen counted before the kill (`N answered`, the last count the emulated screen showed) is on
  disk, with no gap (the answered dimensions are the first ones of the walk);
- reopening takes the lock (the dead process's lock is gone) and resumes at the first unanswered dimension.

Those make a round intact (nothing lost). Apart from them, each round says whether every answer landed on the
dimension its digit was typed for (the digits on disk are the digits typed, in order): a separate finding.
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
    prefix: bool  # the answered dimensions are the first `on_disk` of the walk (no gap)
    resumed: bool  # reopening took the lock and resumed at the first unanswered dimension
    in_order: bool  # the answers on disk are the first `on_disk` digits typed, each on the dimension typed for
    #: where the answers on disk first differ from the digits typed (dimension number, area's first?, typed, saved)
    mismatch: str = ""

    @property
    def ok(self) -> bool:
        """Nothing lost: the file parses, holds every answer counted on screen, without a gap, and reopens."""
        return self.parsed and self.prefix and self.resumed and self.on_disk >= self.shown


def kill_round(framework_path: Path, folder: Path, env: dict[str, str], rng: random.Random, number: int) -> KillRound:
    from keypress import fresh_assessment

    from ladder_tui.core.domain.session import WalkSession
    from ladder_tui.core.errors import LadderError
    from ladder_tui.core.storage.catalog import FrameworkCatalog
    from ladder_tui.core.storage.loader import load_assessment

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
        return KillRound(len(typed), shown, 0, False, False, False, False)
    walk = WalkSession.open(path, FrameworkCatalog(), "self")
    try:
        framework = walk.framework
        ratings = [saved.rating(area, dim, "self") for area, dim in framework.dimension_keys()]
        on_disk = sum(rating is not None for rating in ratings)
        prefix = all(rating is not None for rating in ratings[:on_disk])
        expected = [framework.levels[int(digit) - 1].id for digit in typed[:on_disk]]
        in_order = prefix and ratings[:on_disk] == expected
        resumed = not walk.read_only and walk.index == min(on_disk, walk.total - 1)
        mismatch = "" if in_order else _mismatch(walk, ratings, typed)
    finally:
        walk.close()
    return KillRound(len(typed), shown, on_disk, parsed, prefix, resumed, in_order, mismatch)


def _mismatch(walk: object, ratings: list[str | None], typed: list[str]) -> str:
    """Where the answers on disk first part from the digits typed, and what is around it."""
    from ladder_tui.core.domain.session import WalkSession

    assert isinstance(walk, WalkSession)
    levels = {level.id: str(number) for number, level in enumerate(walk.framework.levels, start=1)}
    saved = "".join(levels.get(rating, "?") if rating is not None else "." for rating in ratings[: len(typed) + 2])
    wanted = "".join(typed)
    first = next((i for i, (a, b) in enumerate(zip(saved, wanted, strict=False)) if a != b), len(wanted))
    starts = [step.index + 1 for step in walk.steps if step.first_in_area and step.index <= len(typed) + 2]
    return (
        f"first difference at dimension {first + 1} (areas start at {starts}); from dimension {max(1, first - 2)}:"
        f" typed {wanted[max(0, first - 3) :]!r}, saved {saved[max(0, first - 3) :]!r}"
    )


def kill_rounds(framework_path: Path, folder: Path, env: dict[str, str], rounds: int, seed: int = 9) -> list[KillRound]:
    rng = random.Random(seed)
    return [kill_round(framework_path, folder, env, rng, number) for number in range(rounds)]
