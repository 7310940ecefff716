"""The Summary screen and `summary --format json` render one scoring result, so they agree for any assessment.

The screen is made of widgets (a headline, a table per section and per area, focus cards), not a dump of text."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console
from tests.conftest import builtin_framework, builtin_ids, make_assessment, rate_all
from textual.content import Content
from textual.widgets import DataTable, Static

from ladder_tui.tui.app import make_app
from ladder_tui.tui.screens.summary import SummaryScreen
from ladder_tui.tui.widgets.summary_view import DocumentTable, SummaryView

PATTERNS = {
    "product-support-skills-matrix": ["advanced", "senior", "advanced", "intermediate", "na"],
    "support-specialist-l2-l4": ["level-3", "level-2", "level-3", "below"],
    "customer-support-l1-l5": ["l2", "l3", "l2"],
    "happiness-skills-tree": ["pro", "rookie", "master", "pro"],
}


def _json_summary(path: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-m", "ladder_tui", "summary", str(path), "--format", "json"],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        check=True,
    )
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def _plain(content: object) -> str:
    """What a Static shows, as text: its Content, or a Rich renderable (the bullet lists) laid out."""
    if isinstance(content, str | Content):
        return str(content)
    console = Console(width=200, file=io.StringIO(), record=True, color_system=None)
    console.print(content)
    return console.export_text()


@pytest.mark.parametrize("framework_id", builtin_ids())
async def test_summary_screen_agrees_with_json(framework_id: str) -> None:
    fw = builtin_framework(framework_id)
    valid = {level.id for level in fw.levels} | {"below", "na"}
    pattern = [value for value in PATTERNS[framework_id] if value in valid] or [fw.levels[0].id]
    path = make_assessment(fw, ratings={"self": rate_all(fw, pattern)})
    data = _json_summary(path)
    app = make_app(assessment_path=path, theme="textual-dark")
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen), "a complete assessment opens on its summary"
        view = app.screen.query_one(SummaryView)
        texts = [_plain(static.content) for static in view.query(Static)]
        for table in view.query(DataTable):
            texts += [" ".join(str(cell) for cell in table.get_row_at(row)) for row in range(table.row_count)]
        shown = "\n".join(texts)
        # A table for each area of answers, each with that area's dimensions.
        tables = {table.id for table in view.query(DocumentTable)}
        assert {f"table-answers-{area['id']}" for area in data["areas"]} <= tables  # type: ignore[attr-defined]
        assert str(data["suggested_label"]) in shown
        assert f"{round(float(data['confidence']) * 100)}%" in shown  # type: ignore[arg-type]
        for line in data["explanation"]:  # type: ignore[attr-defined]
            assert str(line)[:40] in " ".join(shown.split())
        for item in data["focus"]:  # type: ignore[attr-defined]
            assert item["dimension"]["name"] in shown
