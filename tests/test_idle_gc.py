"""The app runs Python's cycle collector while the person reads, never in the middle of a key press."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from conftest import make_assessment
from ladder_tui.tui import idle_gc
from ladder_tui.tui.app import make_app
from ladder_tui.tui.idle_gc import IdleCollector


class Cycle:
    def __init__(self) -> None:
        self.me = self


class FakeApp:
    def __init__(self) -> None:
        self.timers: list[tuple[float, Callable[[], None]]] = []

    def set_interval(self, interval: float, callback: Callable[[], None], name: str = "") -> None:
        self.timers.append((interval, callback))


@pytest.fixture
def collector() -> Iterator[IdleCollector]:
    gc.collect()
    found = gc.isenabled()
    collector = IdleCollector()
    collector.start(FakeApp())  # type: ignore[arg-type]
    yield collector
    collector.stop()
    assert gc.isenabled() == found


def garbage(count: int) -> None:
    for _ in range(count):
        Cycle()


def test_start_turns_automatic_collection_off_and_stop_turns_it_back_on() -> None:
    app = FakeApp()
    collector = IdleCollector()
    assert gc.isenabled()
    collector.start(app)  # type: ignore[arg-type]
    try:
        assert not gc.isenabled()
        assert [interval for interval, _ in app.timers] == [idle_gc.TICK]
    finally:
        collector.stop()
    assert gc.isenabled()


def test_nothing_is_collected_while_keys_arrive(collector: IdleCollector, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    monkeypatch.setattr(gc, "collect", lambda generation=2: calls.append(generation) or 0)
    garbage(idle_gc.YOUNG * 2)
    collector.note_input()
    collector.tick()
    assert calls == []


def test_quiet_input_collects_the_young_and_now_and_then_everything(
    collector: IdleCollector, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    real_collect = gc.collect

    def collect(generation: int = 2) -> int:
        calls.append(generation)
        return real_collect(generation)

    monkeypatch.setattr(gc, "collect", collect)
    collector.last_input -= 1  # a second ago: reading
    collector.tick()
    assert calls == []  # nothing new to collect
    collector.last_full = idle_gc.time.monotonic()
    for _ in range(idle_gc.MIDDLE_EVERY):
        garbage(idle_gc.YOUNG * 2)
        collector.tick()
        assert gc.get_count()[0] < idle_gc.YOUNG
    assert calls == [0] * (idle_gc.MIDDLE_EVERY - 1) + [1]
    collector.last_full -= idle_gc.FULL_EVERY
    garbage(idle_gc.YOUNG * 2)
    collector.tick()
    assert calls[-1] == 2


def test_a_held_key_still_collects_past_the_hard_limit(
    collector: IdleCollector, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(idle_gc, "HARD_LIMIT", 5_000)
    garbage(6_000)
    collector.note_input()
    collector.tick()
    assert collector.forced == 1 and gc.get_count()[0] < 5_000


async def test_the_app_owns_the_collector_only_while_it_runs() -> None:
    path = make_assessment("customer-support-l1-l5")
    app = make_app(assessment_path=path)
    seen: dict[str, Any] = {}
    async with app.run_test(size=(80, 24)) as pilot:
        seen["enabled while running"] = gc.isenabled()
        quiet_before = app.idle_gc.last_input
        await pilot.press("right")
        seen["input noted"] = app.idle_gc.last_input > quiet_before
    assert seen == {"enabled while running": False, "input noted": True}
    assert gc.isenabled()
