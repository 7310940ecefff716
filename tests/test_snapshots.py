"""A few snapshot tests (pytest-textual-snapshot) at 80x24 and 200x50, from fixture data with fixed dates and theme.

Regenerate after an intended UI change with `pytest tests/test_snapshots.py --snapshot-update`, then look at the
SVGs in tests/__snapshots__/ before committing them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from conftest import all_keys, builtin_framework, make_assessment, rate_all
from ladder_tui.tui.app import LadderApp, make_app

THEME = "textual-dark"
SIZES = {"80x24": (80, 24), "200x50": (200, 50)}
PRODUCT = "product-support-skills-matrix"

Compare = Callable[..., bool]


def app_for(path: Path | None = None, mode: str | None = None) -> LadderApp:
    return make_app(assessment_path=path, mode=mode, theme=THEME)


def home_fixtures() -> None:
    fw = builtin_framework(PRODUCT)
    keys = all_keys(fw)
    make_assessment(fw, "Ana Lima", ratings={"self": {key: "advanced" for key in keys[:7]}},
                    when=datetime(2026, 3, 2, 9, 30, tzinfo=UTC))  # fmt: skip
    specialist = builtin_framework("support-specialist-l2-l4")
    make_assessment(specialist, "Bruno Costa", "lead", questions={"people-manager": True},
                    ratings={"self": rate_all(specialist, ["level-3"], {"people-manager": True})},
                    when=datetime(2026, 2, 20, 16, 5, tzinfo=UTC))  # fmt: skip
    tree = builtin_framework("happiness-skills-tree")
    make_assessment(tree, "Chen Wei", "pair", ratings={"agreed": rate_all(tree, ["pro", "master", "rookie"])},
                    when=datetime(2026, 1, 11, 8, 0, tzinfo=UTC))  # fmt: skip


def lead_review_fixture() -> Path:
    """A self-evaluation being reviewed by the lead: three lead answers given, the fourth dimension next."""
    fw = builtin_framework(PRODUCT)
    keys = all_keys(fw)
    return make_assessment(
        fw,
        "Ana Lima",
        "lead",
        assessment_id="ana",
        ratings={
            "self": rate_all(fw, ["advanced", "senior", "intermediate"]),
            "lead": {keys[0]: "advanced", keys[1]: "advanced", keys[2]: "senior"},
        },
        notes={"self": {keys[3]: "Ran the Q3 macro clean-up with the team"}},
    )


def complete_fixture() -> Path:
    fw = builtin_framework(PRODUCT)
    return make_assessment(
        fw,
        "Ana Lima",
        "lead",
        assessment_id="ana",
        target_level="senior",
        ratings={
            "self": rate_all(fw, ["advanced", "senior", "advanced", "intermediate"]),
            "lead": rate_all(fw, ["advanced", "advanced", "lead", "senior", "advanced"]),
        },
    )


@pytest.mark.parametrize("size", SIZES)
def test_home(snap_compare: Compare, size: str) -> None:
    home_fixtures()
    assert snap_compare(app_for(), terminal_size=SIZES[size])


def test_home_empty(snap_compare: Compare) -> None:
    assert snap_compare(app_for(), terminal_size=SIZES["80x24"])


@pytest.mark.parametrize("size", SIZES)
def test_area_intro(snap_compare: Compare, size: str) -> None:
    path = make_assessment(PRODUCT, "Ana Lima", assessment_id="ana")
    assert snap_compare(app_for(path), terminal_size=SIZES[size])


@pytest.mark.parametrize("size", SIZES)
def test_dimension_lead_review(snap_compare: Compare, size: str) -> None:
    assert snap_compare(app_for(lead_review_fixture(), "lead"), terminal_size=SIZES[size])


def test_dimension_many_statements(snap_compare: Compare) -> None:
    """Seed 001 has several statements per cell: they wrap and scroll, never cut off."""
    fw = builtin_framework("support-specialist-l2-l4")
    path = make_assessment(fw, "Dara Singh", assessment_id="dara")
    assert snap_compare(app_for(path), press=["enter", "right"], terminal_size=SIZES["80x24"])


def test_review(snap_compare: Compare) -> None:
    assert snap_compare(app_for(lead_review_fixture(), "lead"), press=["r"], terminal_size=SIZES["80x24"])


@pytest.mark.parametrize("size", SIZES)
def test_summary(snap_compare: Compare, size: str) -> None:
    # A complete assessment opens on its summary.
    assert snap_compare(app_for(complete_fixture(), "lead"), terminal_size=SIZES[size])


def test_help(snap_compare: Compare) -> None:
    assert snap_compare(app_for(), press=["f1"], terminal_size=SIZES["80x24"])
