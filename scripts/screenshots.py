"""Make the SVG screenshots in screenshots/ from fixture data: `python scripts/screenshots.py [OUTPUT_DIR]`.

Runs the real app (make_app + run_test, the same factory as the CLI and the tests) against a temporary data folder
holding fixture assessments with fixed dates, in a fixed theme, so the pictures change only when the UI does.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
THEME = "textual-dark"
PRODUCT = "product-support-skills-matrix"
SPECIALIST = "support-specialist-l2-l4"
TREE = "happiness-skills-tree"

NARROW = (80, 24)
MEDIUM = (120, 34)
WIDE = (200, 50)


def make_fixtures() -> dict[str, Path]:
    """A few assessments at different stages, saved through the pure core with fixed dates."""
    from ladder_tui.core.domain.assessment import Assessment, PlanAction, new_assessment
    from ladder_tui.core.storage.assessments import save_assessment
    from ladder_tui.core.storage.catalog import FrameworkCatalog
    from ladder_tui.core.storage.paths import assessments_dir

    catalog = FrameworkCatalog()

    def save(assessment: Assessment, when: datetime) -> Path:
        assessment.created = assessment.updated = when
        for sitting in assessment.sessions:
            sitting.started = when
        path = assessments_dir() / f"{assessment.id}.toml"
        save_assessment(assessment, path)
        return path

    product = catalog.get(PRODUCT)
    keys = [(area.id, dim.id) for area in product.areas for dim in area.dimensions]
    self_pattern = ["advanced", "senior", "advanced", "intermediate", "advanced"]
    lead_pattern = ["advanced", "advanced", "senior", "lead", "advanced", "senior"]

    # Ana: her self-evaluation is complete; her lead has reviewed the first three dimensions.
    ana = new_assessment(product, "Ana Lima", "lead", assessment_id="ana-lima")
    for index, key in enumerate(keys):
        ana.set_rating(*key, "self", self_pattern[index % len(self_pattern)])
    for index, key in enumerate(keys[:3]):
        ana.set_rating(*key, "lead", lead_pattern[index])
    ana.set_note(*keys[3], "self", "Ran the Q3 macro clean-up with the whole team")
    ana.set_note(*keys[2], "lead", "Handled the March outage triage well")

    # Ana again, complete in both slots with a target: the summary screen.
    done = new_assessment(product, "Ana Lima", "lead", assessment_id="ana-lima-review", target_level="senior")
    for index, key in enumerate(keys):
        done.set_rating(*key, "self", self_pattern[index % len(self_pattern)])
        done.set_rating(*key, "lead", lead_pattern[index % len(lead_pattern)])
    # ... and the plan the two agreed on: the Plan screen.
    done.plan = [
        PlanAction("Shadow the tier-2 queue for two weeks", "self", "open", *keys[0], date(2026, 4, 1)),
        PlanAction("Run the April macro review with the team", "self", "open", *keys[2]),
        PlanAction("Book a monthly check-in", "lead", "done"),
    ]

    # Bruno: a people manager halfway through his own evaluation.
    specialist = catalog.get(SPECIALIST)
    bruno = new_assessment(specialist, "Bruno Costa", "self", assessment_id="bruno-costa",
                           questions={"people-manager": True})  # fmt: skip
    for key in [(area.id, dim.id) for area in specialist.areas for dim in area.dimensions][:7]:
        bruno.set_rating(*key, "self", "level-3")

    # Chen: a skills tree, just started.
    tree = catalog.get(TREE)
    chen = new_assessment(tree, "Chen Wei", "pair", assessment_id="chen-wei")

    # Eli: a new self-evaluation, at the first area's intro.
    eli = new_assessment(product, "Eli Okafor", "self", assessment_id="eli-okafor")

    # A team on the L1-L5 ladder: five people, their latest cycles (the Team screen).
    ladder = catalog.get("customer-support-l1-l5")
    ladder_keys = ladder.dimension_keys()
    team = {}
    for number, (name, pattern) in enumerate(
        [("Fay Wong", ["l2", "l3"]), ("Gus Petrov", ["l3", "l4", "l3"]), ("Hal Singh", ["l1", "below", "l2"]),
         ("Ivy Moreau", ["l2"]), ("Jo Kim", ["l4", "l3", "na"])]  # fmt: skip
    ):
        person = new_assessment(ladder, name, "self", assessment_id=f"team-{number}")
        for index, key in enumerate(ladder_keys):
            person.set_rating(*key, "self", pattern[index % len(pattern)])
        team[name] = save(person, datetime(2026, 1, 20 + number, 10, 0, tzinfo=UTC))

    return {
        "eli": save(eli, datetime(2026, 3, 3, 11, 45, tzinfo=UTC)),
        "ana": save(ana, datetime(2026, 3, 2, 9, 30, tzinfo=UTC)),
        "done": save(done, datetime(2026, 2, 27, 15, 10, tzinfo=UTC)),
        "bruno": save(bruno, datetime(2026, 2, 20, 16, 5, tzinfo=UTC)),
        "chen": save(chen, datetime(2026, 1, 11, 8, 0, tzinfo=UTC)),
        **team,
    }


async def shot(
    out: Path,
    name: str,
    size: tuple[int, int],
    steps: Callable[[object], Awaitable[None]],
    *,
    path: Path | None = None,
    mode: str | None = None,
) -> Path:
    """Run the app, let `steps` drive it with the keyboard, and save what is on screen as `name`.svg."""
    from textual.widgets import Input

    from ladder_tui.tui.app import make_app

    app = make_app(assessment_path=path, theme=THEME, mode=mode)  # type: ignore[arg-type]
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await steps(pilot)
        for field in app.screen.query(Input):
            field.cursor_blink = False  # a blinking cursor would make every run differ
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        filename = f"{name}.svg"
        app.save_screenshot(filename=filename, path=str(out))
        # Let go of the assessment's lock before the next app (same process) opens the same file.
        app.close_walk()
    return out / filename


async def until(pilot: object, screen_name: str, tries: int = 50) -> None:
    """Wait until the app shows the screen class called `screen_name`."""
    for _ in range(tries):
        if type(pilot.app.screen).__name__ == screen_name:  # type: ignore[attr-defined]
            return
        await pilot.pause()  # type: ignore[attr-defined]
    raise RuntimeError(f"expected {screen_name}, got {type(pilot.app.screen).__name__}")  # type: ignore[attr-defined]


async def make_all(out: Path) -> list[Path]:
    fixtures = make_fixtures()
    made: list[Path] = []

    async def home(pilot: object) -> None:
        await until(pilot, "HomeScreen")
        for _ in range(100):  # the rows fill in just after the first frame
            if getattr(pilot.app.screen, "loaded", False):  # type: ignore[attr-defined]
                break
            await pilot.pause(0.02)  # type: ignore[attr-defined]
        await pilot.pause()  # type: ignore[attr-defined]

    async def new(pilot: object) -> None:
        await until(pilot, "HomeScreen")
        await pilot.press("n")  # type: ignore[attr-defined]
        await until(pilot, "NewAssessmentScreen")
        await pilot.press("down", "down", "down", "enter", *"Dana Ruiz")  # type: ignore[attr-defined]

    async def area_intro(pilot: object) -> None:
        await until(pilot, "AreaIntroScreen")

    async def dimension(pilot: object) -> None:
        await until(pilot, "DimensionScreen")

    async def dimension_after_intro(pilot: object) -> None:
        await until(pilot, "AreaIntroScreen")
        await pilot.press("enter")  # type: ignore[attr-defined]
        await until(pilot, "DimensionScreen")

    async def review(pilot: object) -> None:
        await until(pilot, "DimensionScreen")
        await pilot.press("r")  # type: ignore[attr-defined]
        await until(pilot, "ReviewScreen")

    async def summary(pilot: object) -> None:
        await until(pilot, "SummaryScreen")

    async def history_screen(pilot: object) -> None:
        await until(pilot, "SummaryScreen")
        await pilot.press("y")  # type: ignore[attr-defined]
        await until(pilot, "HistoryScreen")

    async def plan(pilot: object) -> None:
        await until(pilot, "SummaryScreen")
        await pilot.press("p")  # type: ignore[attr-defined]
        await until(pilot, "PlanScreen")

    async def help_screen(pilot: object) -> None:
        await until(pilot, "DimensionScreen")
        await pilot.press("f1")  # type: ignore[attr-defined]
        await until(pilot, "HelpScreen")

    async def who(pilot: object) -> None:
        await until(pilot, "WhoIsRatingScreen")

    async def team(pilot: object) -> None:
        await until(pilot, "HomeScreen")
        await pilot.press("t")  # type: ignore[attr-defined]
        await until(pilot, "TeamScreen")
        for _ in range(100):
            if getattr(pilot.app.screen, "team", None) is not None:  # type: ignore[attr-defined]
                break
            await pilot.pause(0.02)  # type: ignore[attr-defined]
        await pilot.pause()  # type: ignore[attr-defined]

    async def import_preview(pilot: object) -> None:
        from textual.widgets import Input

        await until(pilot, "HomeScreen")
        await pilot.press("f")  # type: ignore[attr-defined]
        await until(pilot, "FrameworksScreen")
        await pilot.press("i")  # type: ignore[attr-defined]
        await until(pilot, "ImportScreen")
        ladder = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "import" / "team-ladder.md"
        pilot.app.screen.query_one(Input).value = str(ladder)  # type: ignore[attr-defined]
        await pilot.press("enter")  # type: ignore[attr-defined]
        await until(pilot, "ImportPreviewScreen")
        await pilot.press(*("down",) * 5, "space")  # type: ignore[attr-defined]

    made.append(await shot(out, "home", MEDIUM, home))
    made.append(await shot(out, "new", MEDIUM, new))
    made.append(await shot(out, "who-is-rating", MEDIUM, who, path=fixtures["ana"]))
    made.append(await shot(out, "area-intro", MEDIUM, area_intro, path=fixtures["eli"]))
    made.append(await shot(out, "dimension-80x24", NARROW, dimension, path=fixtures["ana"], mode="lead"))
    made.append(await shot(out, "dimension-wide", WIDE, dimension_after_intro, path=fixtures["ana"], mode="pair"))
    made.append(await shot(out, "review", MEDIUM, review, path=fixtures["ana"], mode="lead"))
    made.append(await shot(out, "summary", MEDIUM, summary, path=fixtures["done"], mode="lead"))
    made.append(await shot(out, "plan", NARROW, plan, path=fixtures["done"], mode="lead"))
    made.append(await shot(out, "history", MEDIUM, history_screen, path=fixtures["done"], mode="lead"))
    made.append(await shot(out, "team", MEDIUM, team))
    made.append(await shot(out, "help", MEDIUM, help_screen, path=fixtures["ana"], mode="lead"))
    made.append(await shot(out, "import-preview", NARROW, import_preview))
    return made


def main(argv: list[str]) -> int:
    out = Path(argv[1]).resolve() if len(argv) > 1 else ROOT / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ladder-screenshots-") as home:
        # Set before the app reads them: a private data folder, colours on, not in SSH mode.
        os.environ["LADDER_TUI_HOME"] = home
        os.environ.pop("NO_COLOR", None)
        os.environ.pop("LADDER_TUI_SERVED", None)
        made = asyncio.run(make_all(out))
    for path in made:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
