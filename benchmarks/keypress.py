"""Key press -> next dimension rendered and saved, measured in-process on the real app (`make_app().run_test()`).

Timing does not go through `pilot.press`, which sleeps (textual's `wait_for_idle`) after every key. Instead the key
event is sent the way the terminal driver sends one (`driver.send_message(events.Key(...))`) and the clock stops at
the first frame the app paints after the answer was saved (`WalkSession.save_count` went up; the frame hook notes the
count at each frame) with the next dimension on screen. Headless apps skip turning a frame into terminal output, so
the frame hook does that too (`CompositorUpdate.render_segments`): the figure includes everything a real terminal
session would do. `reference` measures the bare app of `bare_cards.py` the same way.
"""

from __future__ import annotations

import asyncio
import gc
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class KeyTimings:
    dimension_ms: list[float]  # press -> next dimension painted and saved (same area)
    area_ms: list[float]  # press -> next area's intro painted and saved (new area)
    saves: int
    file_answers: int
    #: LevelCard widgets on the dimension screen (what the reference app must show as many of)
    cards: int = 0
    #: each card's text length at the start, then after each dimension press (what the reference app shows)
    card_lengths: list[list[int]] = field(default_factory=list)
    #: the assessment file's size at the start, then after each dimension press (what the saving reference writes)
    file_sizes: list[int] = field(default_factory=list)


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


Frames = list[tuple[float, Any, int]]


def _hook_frames(app: Any, counter: Callable[[], int]) -> Frames:
    """Record (time, screen, counter()) at each frame the app paints, turning it into terminal output as a real
    driver would."""
    from textual.app import App

    frames: Frames = []
    original_display = App._display

    def display(screen: Any, renderable: Any) -> None:
        original_display(app, screen, renderable)
        if renderable is not None and hasattr(renderable, "render_segments"):
            renderable.render_segments(app.console)  # what a real driver would write to the terminal
            frames.append((time.perf_counter(), screen, counter()))

    app._display = display
    return frames


async def _press(
    app: Any, frames: Frames, counter: Callable[[], int], done: Callable[[], bool], phases: Phases | None = None
) -> float:
    """Send "1" as the driver does; seconds until the first frame painted once `counter` went up and `done()`."""
    from textual import events

    before = counter()
    del frames[:]
    if phases is not None:
        del phases.events[:]
    key = events.Key("1", "1")
    key.set_sender(app)
    driver = app._driver
    assert driver is not None
    start = time.perf_counter()
    driver.send_message(key)
    deadline = start + 5
    while True:
        await asyncio.sleep(0)
        if counter() > before and done():
            for when, shown, count in frames:
                if count > before and shown is app.screen:
                    if phases is not None:
                        phases.split(start, when)
                    return when - start
        if time.perf_counter() > deadline:
            raise RuntimeError("no frame after the key press")


class Phases:
    """Where each press's time goes: (start, end) of the handler, the save, and the screen updates (layout, frame).

    `install` wraps the methods in their classes (a few microseconds per call); `split` turns one press's events into
    key -> handler, handler (save, rest), handler -> screen update, layout, rendering the frame, and the rest (resize
    and other events handled in between, the frame turned into terminal output)."""

    def __init__(self) -> None:
        self.events: list[tuple[str, float, float]] = []
        self.presses: list[dict[str, float]] = []

    def wrap(self, cls: Any, name: str, label: str) -> None:
        original = getattr(cls, name)
        events = self.events

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                events.append((label, start, time.perf_counter()))

        setattr(cls, name, wrapper)

    def install(self, handler_cls: Any, handler: str, save_cls: Any = None) -> None:
        from textual.screen import Screen

        self.wrap(handler_cls, handler, "handler")
        if save_cls is not None:
            self.wrap(save_cls, "save", "save")
        from textual._compositor import Compositor

        self.wrap(Screen, "_on_timer_update", "update")
        self.wrap(Compositor, "reflow", "layout")
        self.wrap(Compositor, "render_update", "render")

    def split(self, start: float, painted: float) -> None:
        def spans(label: str) -> list[tuple[float, float]]:
            return [(a, b) for name, a, b in self.events if name == label and a >= start and b <= painted + 1e-3]

        handler = spans("handler")
        if not handler:
            return
        h0, h1 = handler[0][0], handler[-1][1]
        save = sum(b - a for a, b in spans("save"))
        updates = [a for a, _b in spans("update") if a >= h1]
        first_update = updates[0] if updates else painted
        layout = sum(b - a for a, b in spans("layout") if a >= h1)
        render = sum(b - a for a, b in spans("render") if a >= h1)
        press = {
            "key -> handler": h0 - start,
            "handler: save": save,
            "handler: the rest": h1 - h0 - save,
            "handler -> screen update": first_update - h1,
            "layout (Compositor.reflow)": layout,
            "render the frame (Compositor.render_update)": render,
        }
        press["the rest: events, terminal output"] = painted - start - sum(press.values())
        self.presses.append({name: seconds * 1000 for name, seconds in press.items()})
        del self.events[:]


def _card_lengths(screen: Any) -> list[int]:
    from ladder_tui.tui.widgets.level_card import LevelCard

    lengths = []
    for card in screen.query(LevelCard):
        content = card.content
        lengths.append(len(getattr(content, "plain", str(content))))
    return lengths


async def _measure(
    path: Path, size: tuple[int, int], presses: int | None, gap: float, tune: bool, phases: Phases | None = None
) -> KeyTimings:
    from ladder_tui.core.domain.session import WalkSession
    from ladder_tui.core.storage.loader import load_assessment
    from ladder_tui.tui.app import make_app
    from ladder_tui.tui.screens.area import AreaIntroScreen
    from ladder_tui.tui.screens.dimension import DimensionScreen

    if phases is not None:
        phases.install(DimensionScreen, "answer", WalkSession)
    app = make_app(assessment_path=path)
    if tune:
        from ladder_tui.cli import tune_gc

        tune_gc()  # exactly what `ladder-tui` does between make_app() and app.run()
    else:
        # Python's own collector, as if the app did not run it between key presses (tui/idle_gc.py).
        app.idle_gc.start = lambda app: None  # type: ignore[method-assign]
    frames = _hook_frames(app, lambda: app.walk.save_count if app.walk is not None else 0)
    dimension_ms: list[float] = []
    area_ms: list[float] = []
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        while isinstance(app.screen, AreaIntroScreen):
            await pilot.press("enter")
            await pilot.pause()
        assert isinstance(app.screen, DimensionScreen), app.screen
        screen = app.screen
        walk = screen.session
        cards = len(_card_lengths(screen))
        lengths = [_card_lengths(screen)]
        sizes = [path.stat().st_size]
        total = walk.total if presses is None else min(walk.total, presses + 1)
        for _ in range(total - 1):
            await asyncio.sleep(gap)  # a person reads the next dimension before answering it
            index = walk.index
            seconds = await _press(app, frames, lambda: walk.save_count, lambda i=index: walk.index == i + 1, phases)
            step = walk.step
            crumb = str(screen.query_one("#where").crumb)
            assert step.dimension.name in crumb, (step.dimension.name, crumb)
            if isinstance(app.screen, AreaIntroScreen):
                area_ms.append(seconds * 1000)
                if phases is not None and phases.presses:
                    phases.presses.pop()  # only the presses that stay in an area are compared
                await pilot.press("enter")
                await pilot.pause()
            else:
                dimension_ms.append(seconds * 1000)
                lengths.append(_card_lengths(screen))
                sizes.append(path.stat().st_size)
        saves = walk.save_count
    answers = load_assessment(path).answers
    answered = sum(len(dims) for dims in answers.values())
    return KeyTimings(dimension_ms, area_ms, saves, answered, cards, lengths, sizes)


async def _measure_reference(
    lengths: list[list[int]],
    size: tuple[int, int],
    gap: float,
    phases: Phases | None = None,
    sizes: list[int] | None = None,
    save_to: Path | None = None,
) -> list[float]:
    import bare_cards
    from bare_cards import BareCards

    if phases is not None:
        phases.install(BareCards, "action_next")
        phases.wrap(bare_cards, "save", "save")
    app = BareCards(lengths, sizes=sizes, save_to=save_to)
    frames = _hook_frames(app, lambda: app.press_count)
    timings: list[float] = []
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for _ in range(len(lengths) - 1):
            await asyncio.sleep(gap)
            timings.append(await _press(app, frames, lambda: app.press_count, lambda: True, phases) * 1000)
    return timings


def measure_reference(
    lengths: list[list[int]],
    size: tuple[int, int] = (120, 40),
    gap: float = 0.1,
    phases: Phases | None = None,
    sizes: list[int] | None = None,
    save_to: Path | None = None,
) -> list[float]:
    """The bare-cards app (bare_cards.py), one press per entry of `lengths` after the first, in ms; with `save_to`,
    each press also writes a file of `sizes[press]` bytes there, atomically with fsync."""
    return asyncio.run(_measure_reference(lengths, size, gap, phases, sizes, save_to))


def fresh_assessment(framework_path: Path, folder: Path, assessment_id: str) -> Path:
    """A new, unanswered self-evaluation of the framework at `framework_path` (referenced by path)."""
    from ladder_tui.core.domain.assessment import new_assessment
    from ladder_tui.core.storage.assessments import save_assessment
    from ladder_tui.core.storage.loader import load_framework

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
    phases: Phases | None = None,
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
        return asyncio.run(_measure(path, size, presses, gap, tune_gc, phases))
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def measure_autosave(framework_path: Path, folder: Path, format_cache: bool = True) -> list[float]:
    """An answer alone (`WalkController.answer`: set the rating, decide the next step, write the whole file
    atomically with fsync), per dimension, in ms.

    Without `format_cache`, every save formats every area's answers afresh (`core.storage._cached_area_toml`
    replaced by the function it caches), as before the cache was added."""
    from ladder_tui.core.domain.session import WalkSession
    from ladder_tui.core.domain.walk import Stay, WalkController
    from ladder_tui.core.storage import assessments as storage
    from ladder_tui.core.storage.catalog import FrameworkCatalog

    if not format_cache:
        storage._cached_area_toml = storage._area_toml  # type: ignore[assignment]
    path = fresh_assessment(framework_path, folder, f"autosave-bench-{'cached' if format_cache else 'plain'}")
    walk = WalkSession.open(path, FrameworkCatalog())
    controller = WalkController(walk)
    framework = walk.framework
    timings = []
    try:
        level = framework.levels[0].id
        for index in range(walk.total):
            walk.index = index
            start = time.perf_counter()
            move = controller.answer(level)
            timings.append((time.perf_counter() - start) * 1000)
            assert not isinstance(move, Stay), walk.last_error
    finally:
        walk.close()
    return timings


def main(argv: list[str]) -> int:
    """`keypress.py walk|autosave|reference FRAMEWORK FOLDER [...]`: print the timings as JSON.

    benchmarks/run.py runs each walk in a fresh process of its own, as the real app runs. `reference` reads the card
    text lengths a walk printed (`--lengths FILE`, the walk's JSON) and measures bare_cards.py with them.
    """
    import argparse
    import json
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=("walk", "autosave", "reference"))
    parser.add_argument("framework", type=Path)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--presses", type=int)
    parser.add_argument("--gap", type=float, default=0.1)
    parser.add_argument("--default-gc", action="store_true", help="leave Python's GC settings as they are")
    parser.add_argument("--no-format-cache", action="store_true", help="autosave: format every area at every save")
    parser.add_argument("--lengths", type=Path, help="reference: the JSON a walk printed")
    parser.add_argument("--save", action="store_true", help="reference: write the file each press, as the walk does")
    parser.add_argument("--phases", action="store_true", help="walk, reference: print where each press's time went")
    args = parser.parse_args(argv)
    phases = Phases() if args.phases else None
    if args.what == "autosave":
        print(json.dumps(measure_autosave(args.framework, args.folder, format_cache=not args.no_format_cache)))
        return 0
    if args.what == "reference":
        walk = json.loads(args.lengths.read_text())
        save_to = args.folder / f"bare-cards-{os.getpid()}.toml" if args.save else None
        timings = measure_reference(
            walk["card_lengths"], gap=args.gap, phases=phases, sizes=walk["file_sizes"], save_to=save_to
        )
        print(json.dumps(phases.presses if phases is not None else timings))
        return 0
    result = measure_keypress(
        args.framework, args.folder, presses=args.presses, gap=args.gap, tune_gc=not args.default_gc, phases=phases
    )
    print(json.dumps(phases.presses if phases is not None else result.__dict__))
    return 0


if __name__ == "__main__":
    import sys

    raise SystemExit(main(sys.argv[1:]))
