"""Key press -> next dimension rendered and saved, measured in-process on the real app (`make_app().run_test()`).

Timing does not go through `pilot.press`, which sleeps (textual's `wait_for_idle`) after every key. Instead the key
event is sent the way the terminal driver sends one (`driver.send_message(events.Key(...))`) and the clock stops at
the first frame the app paints after the answer was saved (`WalkSession.save_count` went up) with the next dimension
on screen. Headless apps skip turning a frame into terminal output, so the frame hook does that too
(`CompositorUpdate.render_segments`): the figure includes everything a real terminal session would do.
"""

from __future__ import annotations

import asyncio
import gc
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class KeyTimings:
    dimension_ms: list[float]  # press -> next dimension painted and saved (same area)
    area_ms: list[float]  # press -> next area's intro painted and saved (new area)
    saves: int
    file_answers: int


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


async def _measure(path: Path, size: tuple[int, int], presses: int | None, gap: float, tune: bool) -> KeyTimings:
    from textual import events
    from textual.app import App

    from ladder_tui.core.storage import load_assessment
    from ladder_tui.tui.app import make_app
    from ladder_tui.tui.screens.area import AreaIntroScreen
    from ladder_tui.tui.screens.dimension import DimensionScreen

    app = make_app(assessment_path=path)
    if tune:
        from ladder_tui.cli import tune_gc

        tune_gc()  # exactly what `ladder-tui` does between make_app() and app.run()
    else:
        # Python's own collector, as if the app did not run it between key presses (tui/idle_gc.py).
        app.idle_gc.start = lambda app: None  # type: ignore[method-assign]
    frames: list[tuple[float, Any]] = []
    original_display = App._display

    def display(screen: Any, renderable: Any) -> None:
        original_display(app, screen, renderable)
        if renderable is not None and hasattr(renderable, "render_segments"):
            renderable.render_segments(app.console)  # what a real driver would write to the terminal
            frames.append((time.perf_counter(), screen))

    app._display = display  # type: ignore[method-assign]
    dimension_ms: list[float] = []
    area_ms: list[float] = []
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        while isinstance(app.screen, AreaIntroScreen):
            await pilot.press("enter")
        assert isinstance(app.screen, DimensionScreen), app.screen
        screen = app.screen
        walk = screen.session
        total = walk.total if presses is None else min(walk.total, presses + 1)
        driver = app._driver
        assert driver is not None
        for _ in range(total - 1):
            await asyncio.sleep(gap)  # a person reads the next dimension before answering it
            index = walk.index
            saves = walk.save_count
            del frames[:]
            key = events.Key("1", "1")
            key.set_sender(app)
            start = time.perf_counter()
            driver.send_message(key)
            painted: float | None = None
            deadline = start + 5
            while painted is None:
                await asyncio.sleep(0)
                if walk.save_count > saves and walk.index == index + 1:
                    for when, shown in frames:
                        if shown is app.screen:
                            painted = when
                            break
                if time.perf_counter() > deadline:
                    raise RuntimeError(f"no frame after key press at dimension {index}")
            step = walk.step
            crumb = str(screen.query_one("#crumb").render())
            assert step.dimension.name in crumb, (step.dimension.name, crumb)
            if isinstance(app.screen, AreaIntroScreen):
                area_ms.append((painted - start) * 1000)
                await pilot.press("enter")
                await pilot.pause()
            else:
                dimension_ms.append((painted - start) * 1000)
        saves = walk.save_count
    answers = load_assessment(path).answers
    return KeyTimings(dimension_ms, area_ms, saves, sum(len(dims) for dims in answers.values()))


def fresh_assessment(framework_path: Path, folder: Path, assessment_id: str) -> Path:
    """A new, unanswered self-evaluation of the framework at `framework_path` (referenced by path)."""
    from ladder_tui.core.assessment import new_assessment
    from ladder_tui.core.framework import load_framework
    from ladder_tui.core.storage import save_assessment

    framework = load_framework(framework_path)
    assessment = new_assessment(
        framework, "Kay Press", "self", assessment_id=assessment_id, framework_path=str(framework_path)
    )
    path = folder / f"{assessment_id}.toml"
    save_assessment(assessment, path)
    return path


def measure_keypress(
    framework_path: Path,
    folder: Path,
    size: tuple[int, int] = (120, 40),
    presses: int | None = None,
    gap: float = 0.1,
    tune_gc: bool = True,
) -> KeyTimings:
    """Walk a fresh assessment of the framework pressing "1" on every dimension (or `presses` of them).

    `gap` seconds pass between a frame and the next key, as when a person reads before answering: Textual paints on
    a 60 fps timer, and keys sent back to back (gap 0) also wait up to one frame (16.7 ms) for their turn.
    `tune_gc` keeps what `ladder-tui` does with the garbage collector (cli.tune_gc, tui/idle_gc.py); without it,
    Python's automatic collection runs as it would by default.
    """
    # A new file per walk: the app keeps its walk's lock until the process ends, so a second walk of the same file
    # in this process would open read-only.
    path = fresh_assessment(framework_path, folder, f"keypress-bench-{'tuned' if tune_gc else 'default'}-{os.getpid()}")
    threshold = gc.get_threshold()
    try:
        return asyncio.run(_measure(path, size, presses, gap, tune_gc))
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def measure_autosave(framework_path: Path, folder: Path) -> list[float]:
    """WalkSession.answer alone (set the rating, write the whole file atomically with fsync), per dimension, in ms."""
    from ladder_tui.core.catalog import FrameworkCatalog
    from ladder_tui.core.session import WalkSession

    path = fresh_assessment(framework_path, folder, "autosave-bench")
    walk = WalkSession.open(path, FrameworkCatalog())
    framework = walk.framework
    timings = []
    try:
        level = framework.levels[0].id
        for index in range(walk.total):
            walk.index = index
            start = time.perf_counter()
            ok = walk.answer(level)
            timings.append((time.perf_counter() - start) * 1000)
            assert ok, walk.last_error
    finally:
        walk.close()
    return timings


def main(argv: list[str]) -> int:
    """`keypress.py walk|autosave FRAMEWORK FOLDER [--presses N] [--default-gc]`: print the timings as JSON.

    benchmarks/run.py runs each walk in a fresh process of its own, as the real app runs.
    """
    import argparse
    import json

    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=("walk", "autosave"))
    parser.add_argument("framework", type=Path)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--presses", type=int)
    parser.add_argument("--gap", type=float, default=0.1)
    parser.add_argument("--default-gc", action="store_true", help="leave Python's GC settings as they are")
    args = parser.parse_args(argv)
    if args.what == "autosave":
        print(json.dumps(measure_autosave(args.framework, args.folder)))
        return 0
    result = measure_keypress(
        args.framework, args.folder, presses=args.presses, gap=args.gap, tune_gc=not args.default_gc
    )
    print(json.dumps(result.__dict__))
    return 0


if __name__ == "__main__":
    import sys

    raise SystemExit(main(sys.argv[1:]))
