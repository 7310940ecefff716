"""Shared test set-up: every test gets its own data folder, and helpers make assessments through the pure core."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from ladder_tui.core.domain.assessment import Assessment, Mode, new_assessment
from ladder_tui.core.domain.framework import Framework
from ladder_tui.core.domain.walk import Stay, WalkController
from ladder_tui.core.storage.assessments import save_assessment
from ladder_tui.core.storage.catalog import FrameworkCatalog
from ladder_tui.core.storage.paths import assessments_dir

if TYPE_CHECKING:
    from ladder_tui.core.domain.session import WalkSession
if TYPE_CHECKING:
    from textual.pilot import Pilot
    from textual.screen import Screen

ROOT = Path(__file__).resolve().parents[1]
#: The workplace's shared folder beside the repository: the seeds and real public ladders (never copied in).
SHARED = ROOT.parent / "shared"
BUILTIN_DIR = ROOT / "frameworks"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

#: A fixed moment for files whose dates appear on screen (snapshots must not depend on the clock).
FIXED_TIME = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def ladder_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test runs against a fresh data folder, never the user's real one, with colours on."""
    home = tmp_path / "ladder-home"
    home.mkdir()
    monkeypatch.setenv("LADDER_TUI_HOME", str(home))
    monkeypatch.delenv("NO_COLOR", raising=False)
    # The app decides "served over SSH" from this variable; a stray one would change every screen.
    monkeypatch.delenv("LADDER_TUI_SERVED", raising=False)
    # Outside a room answers are recorded under the OS user: the same name on every machine the tests run on.
    monkeypatch.setenv("LOGNAME", "tester")
    yield home


@pytest.fixture(scope="session")
def catalog() -> FrameworkCatalog:
    """The built-in frameworks (the user folder of each test is empty, so this is the same catalog everywhere)."""
    return FrameworkCatalog(home=Path(os.devnull) / "no-user-frameworks")


def builtin_framework(framework_id: str) -> Framework:
    return FrameworkCatalog(home=Path(os.devnull) / "no-user-frameworks").get(framework_id)


def builtin_ids() -> list[str]:
    return [fw.id for fw in FrameworkCatalog(home=Path(os.devnull) / "no-user-frameworks").frameworks()]


def make_assessment(
    framework: Framework | str,
    subject: str = "Ana Lima",
    mode: Mode = "self",
    *,
    assessment_id: str | None = None,
    questions: Mapping[str, bool] | None = None,
    ratings: Mapping[str, Mapping[tuple[str, str], str]] | None = None,
    notes: Mapping[str, Mapping[tuple[str, str], str]] | None = None,
    target_level: str | None = None,
    when: datetime | None = FIXED_TIME,
    folder: Path | None = None,
) -> Path:
    """Create an assessment through the core and save it as `<data>/assessments/<id>.toml`.

    `ratings` and `notes` map a slot ("self", "lead", "agreed") to {(area id, dimension id): value}.
    `when` fixes `created`/`updated` (and the session start) so screens and reports do not show today's date.
    """
    fw = builtin_framework(framework) if isinstance(framework, str) else framework
    assessment_id = assessment_id or f"{subject.lower().replace(' ', '-')}-{fw.id}"
    assessment = new_assessment(
        fw,
        subject,
        mode,
        assessment_id=assessment_id,
        questions=dict(questions or {}),
        target_level=target_level,
    )
    for slot, values in (ratings or {}).items():
        for (area_id, dim_id), value in values.items():
            assessment.set_rating(area_id, dim_id, slot, value)  # type: ignore[arg-type]
    for slot, values in (notes or {}).items():
        for (area_id, dim_id), value in values.items():
            assessment.set_note(area_id, dim_id, slot, value)  # type: ignore[arg-type]
    if when is not None:
        fix_dates(assessment, when)
    path = (folder or assessments_dir()) / f"{assessment_id}.toml"
    save_assessment(assessment, path)
    return path


def fix_dates(assessment: Assessment, when: datetime) -> None:
    assessment.created = when
    assessment.updated = when
    for session in assessment.sessions:
        session.started = when


def all_keys(fw: Framework, questions: Mapping[str, bool] | None = None) -> list[tuple[str, str]]:
    """(area id, dimension id) of every dimension that applies, in walk order."""
    return [(area.id, dim.id) for area in fw.applicable_areas(dict(questions or {})) for dim in area.dimensions]


def rate_all(
    fw: Framework, pattern: list[str], questions: Mapping[str, bool] | None = None
) -> dict[tuple[str, str], str]:
    """A rating for every applicable dimension, cycling through `pattern` (level ids or special answers)."""
    return {key: pattern[i % len(pattern)] for i, key in enumerate(all_keys(fw, questions))}


def ladder_env(home: Path) -> dict[str, str]:
    """Environment for a `python -m ladder_tui` subprocess: this test's data folder, no NO_COLOR, no SSH mode."""
    env = {k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "LADDER_TUI_SERVED"}}
    env["LADDER_TUI_HOME"] = str(home)
    env["PYTHONIOENCODING"] = "utf-8"
    return env


PYTHON = sys.executable


async def settle(pilot: Pilot[Any], screen_type: type[Screen[Any]], tries: int = 40) -> Screen[Any]:
    """Wait (briefly, without sleeping blindly) until the app shows a screen of this type, mounted and idle."""
    app = pilot.app
    for attempt in range(tries):
        if isinstance(app.screen, screen_type):
            if attempt:
                await pilot.pause()  # it just arrived: let it finish mounting (Header sets its title after refresh)
            return app.screen
        await pilot.pause()
    raise AssertionError(f"expected {screen_type.__name__}, the app shows {type(app.screen).__name__}")


def answer(walk: WalkSession, value: str) -> bool:
    """Answer the dimension the session shows, as the walk does (through its controller); True when it was saved."""
    return not isinstance(WalkController(walk).answer(value), Stay)


def shared(*parts: str) -> Path:
    """A file or folder of ``../shared``. Missing: the test is skipped here, and fails in CI (`CI` set), where a
    silent skip would hide that nothing was checked."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        message = f"{path} is missing (the seeds and real ladders live in ../shared beside the repository)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def run_cli(home: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """`python -m ladder_tui ARGS` on this test's data folder, with no terminal: text out, `timeout` s at most."""
    return subprocess.run(
        [PYTHON, "-m", "ladder_tui", *args],
        env=ladder_env(home),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )
