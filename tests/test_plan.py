"""The outcome of a 1:1: the development plan kept in the assessment file (the CLI, every summary format, the next
cycle, compare), and what it takes to reach the next level as the summary says it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import all_keys, builtin_framework, make_assessment, run_cli, settle
from ladder_tui.core.storage.assessments import AssessmentLock
from ladder_tui.core.storage.loader import load_assessment

L1_L5 = "customer-support-l1-l5"


run = run_cli


def rated(home: Path) -> Path:
    fw = builtin_framework(L1_L5)
    keys = all_keys(fw)
    ratings = {key: ("l2" if i < 7 else "l3") for i, key in enumerate(keys)}
    return make_assessment(fw, "Ana Lima", assessment_id="ana", ratings={"self": ratings})


def test_a_plan_made_from_the_cli_shows_in_every_format_and_in_json(ladder_home: Path) -> None:
    path = rated(ladder_home)
    before = path.read_text()
    added = run(ladder_home, "plan", "ana", "add", "Shadow tier-2 escalations", "--dimension", "skill/tech-and-tooling",
                "--due", "2027-01-15")  # fmt: skip
    assert added.returncode == 0 and added.stdout.strip() == "added 1: Shadow tier-2 escalations", added.stderr
    assert run(ladder_home, "plan", "ana", "add", "Monthly check-in", "--owner", "lead").returncode == 0
    assert run(ladder_home, "plan", "ana", "drop", "2").stdout.strip() == "2 dropped: Monthly check-in"
    listed = run(ladder_home, "plan", "ana").stdout.splitlines()
    assert listed[1].split()[:2] == ["1", "Shadow"] and "Skill › Tech and Tooling" in listed[1]
    assert "2027-01-15" in listed[1] and listed[2].rstrip().endswith("dropped")
    data = json.loads(run(ladder_home, "summary", "ana", "--format", "json").stdout)
    assert data["plan"][0] == {
        "n": 1,
        "area": {"id": "skill", "name": "Skill"},
        "dimension": {"id": "tech-and-tooling", "name": "Tech and Tooling"},
        "text": "Shadow tier-2 escalations",
        "owner": "self",
        "due": "2027-01-15",
        "status": "open",
        "carried": False,
    }
    for fmt in ("text", "markdown", "html"):
        report = run(ladder_home, "summary", "ana", "--format", fmt).stdout
        assert "Development plan" in report and "Shadow tier-2 escalations" in report, fmt
    saved = load_assessment(path)
    assert [a.status for a in saved.plan] == ["open", "dropped"]
    assert before.split("[answers")[1] == path.read_text().split("[answers")[1]  # the answers untouched


def test_the_next_cycle_carries_the_open_actions_and_compare_says_what_became_of_them(ladder_home: Path) -> None:
    rated(ladder_home)
    run(ladder_home, "plan", "ana", "add", "Shadow tier-2 escalations")
    run(ladder_home, "plan", "ana", "add", "Write two help articles")
    run(ladder_home, "plan", "ana", "done", "2")
    started = run(ladder_home, "new", "--from", "ana")
    new_id = next(p.stem for p in (ladder_home / "assessments").glob("ana-*.toml"))
    assert "created" in started.stderr
    carried = load_assessment(ladder_home / "assessments" / f"{new_id}.toml").plan
    assert [(a.text, a.status, a.carried) for a in carried] == [("Shadow tier-2 escalations", "open", True)]
    assert run(ladder_home, "plan", new_id, "done", "1").returncode == 0
    compared = json.loads(run(ladder_home, "compare", "ana", new_id, "--format", "json").stdout)
    assert compared["plan"] == [
        {"text": "Shadow tier-2 escalations", "status": "done"},
        {"text": "Write two help articles", "status": "done"},
    ]


def test_the_plan_is_not_changed_under_an_open_walk_and_bad_input_is_one_line(ladder_home: Path) -> None:
    path = rated(ladder_home)
    lock = AssessmentLock(path)
    assert lock.acquire()
    try:
        held = run(ladder_home, "plan", "ana", "add", "Anything")
        assert held.returncode == 2 and "open in another ladder-tui" in held.stderr
    finally:
        lock.release()
    for args, needle in (
        (["plan", "ana", "add", "X", "--dimension", "nope/x"], "no such dimension"),
        (["plan", "ana", "add", "X", "--due", "tomorrow"], "YYYY-MM-DD"),
        (["plan", "ana", "done", "7"], "no action 7"),
        (["plan", "ana", "done"], "number"),
    ):
        result = run(ladder_home, *args)
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert result.returncode == 2 and len(lines) == 1 and needle in lines[0], (args, result.stderr)
    assert load_assessment(path).plan == []


def test_the_summary_says_what_it_takes_to_reach_the_next_level(ladder_home: Path) -> None:
    rated(ladder_home)
    text = run(ladder_home, "summary", "ana").stdout
    assert "To reach Senior Customer Support Rep (L3): 5 more of these 7 at L3" in text
    assert "What it takes to reach Senior Customer Support Rep (L3)" in text


def test_signing_by_both_makes_the_walk_read_only_and_reopen_is_recorded(ladder_home: Path) -> None:
    from ladder_tui.core.domain.session import WalkSession
    from ladder_tui.core.storage.catalog import FrameworkCatalog

    path = rated(ladder_home)
    assert run(ladder_home, "comment", "ana", "Strong quarter; tooling is the gap.").returncode == 0
    assert run(ladder_home, "sign", "ana", "--as", "self", "--name", "Ana Lima").returncode == 0
    walk = WalkSession.open(path, FrameworkCatalog())
    assert not walk.read_only  # one side alone: still open
    walk.close()
    signed = run(ladder_home, "sign", "ana", "--as", "lead", "--name", "Kim Lead")
    assert signed.returncode == 0 and "both sides have signed" in signed.stdout
    walk = WalkSession.open(path, FrameworkCatalog())
    assert walk.read_only and walk.read_only_reason == "signed"
    walk.close()
    refused = run(ladder_home, "plan", "ana", "add", "Late idea")
    assert refused.returncode == 2 and "reopen" in refused.stderr
    data = json.loads(run(ladder_home, "summary", "ana", "--format", "json").stdout)
    assert data["comment"] == "Strong quarter; tooling is the gap."
    assert data["signoff"]["self"]["name"] == "Ana Lima" and data["signoff"]["lead"]["name"] == "Kim Lead"
    text = run(ladder_home, "summary", "ana").stdout
    assert "Lead's comment: Strong quarter" in text and "lead: Kim Lead on" in text
    assert run(ladder_home, "reopen", "ana").returncode == 0
    walk = WalkSession.open(path, FrameworkCatalog())
    assert not walk.read_only
    walk.close()
    data = json.loads(run(ladder_home, "summary", "ana", "--format", "json").stdout)
    assert data["signoff"]["self"] is None and data["signoff"]["lead"] is None and len(data["signoff"]["reopened"]) == 1


def test_files_without_a_plan_comment_or_signoff_open_and_save_unchanged(ladder_home: Path) -> None:
    from ladder_tui.core.storage.assessments import save_assessment

    path = rated(ladder_home)
    before = path.read_bytes()
    save_assessment(load_assessment(path), path)
    assert path.read_bytes() == before
    assert b"[[plan]]" not in before and b"signoff" not in before and b"comment" not in before


async def test_the_plan_screen_adds_and_settles_actions_with_keys_only(ladder_home: Path) -> None:
    from textual.widgets import Select

    from conftest import settle
    from ladder_tui.tui.app import make_app
    from ladder_tui.tui.screens.plan import AddActionScreen, PlanScreen
    from ladder_tui.tui.screens.summary import SummaryScreen

    path = rated(ladder_home)
    app = make_app(assessment_path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, SummaryScreen, tries=60)
        await pilot.press("p")
        await settle(pilot, PlanScreen, tries=30)
        await pilot.press("a")
        await settle(pilot, AddActionScreen, tries=30)
        for char in "Pair on escalations":
            await pilot.press("space" if char == " " else char)
        # On the dimension list, enter opens it and picks the highlighted dimension (the dialog stays open).
        await pilot.press("tab", "enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, AddActionScreen)
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert app.screen is dialog, "picking a dimension does not add the action"
        picked = str(dialog.query_one("#action-dimension", Select).value)
        assert picked != "" and "/" in picked
        await pilot.press("tab", "down", "space")  # to the owner list: the lead's action
        await pilot.press("tab")
        for char in "2027-02-01":
            await pilot.press(char)
        await pilot.press("enter")
        await settle(pilot, PlanScreen, tries=30)
        added = load_assessment(path).plan
        assert [(a.text, a.owner, str(a.due)) for a in added] == [("Pair on escalations", "lead", "2027-02-01")]
        assert f"{added[0].area}/{added[0].dimension}" == picked
        await pilot.press("d")
        await pilot.pause()
        assert load_assessment(path).plan[0].status == "done"
        await pilot.press("o")
        await pilot.pause()
        assert load_assessment(path).plan[0].status == "open"
        await pilot.press("escape")
        summary = await settle(pilot, SummaryScreen, tries=30)
        await pilot.pause()
        from ladder_tui.tui.widgets.summary_view import SummaryView

        titles = [section.title for section in summary.query_one(SummaryView).document.sections]
        assert "Development plan" in titles  # the Summary screen shows the plan it was just given


async def test_the_summary_takes_the_leads_comment_and_both_signatures(ladder_home: Path) -> None:
    from conftest import settle
    from ladder_tui.tui.app import make_app
    from ladder_tui.tui.screens.outcome import CommentScreen, SignScreen
    from ladder_tui.tui.screens.summary import SummaryScreen

    path = rated(ladder_home)
    app = make_app(assessment_path=path, mode="self")
    async with app.run_test(size=(80, 24)) as pilot:
        summary = await settle(pilot, SummaryScreen, tries=60)
        await pilot.press("c")
        comment = await settle(pilot, CommentScreen, tries=30)
        comment.query_one("Input").value = "Tooling is the gap this quarter."  # type: ignore[attr-defined]
        await pilot.press("enter")
        await settle(pilot, SummaryScreen, tries=30)
        assert load_assessment(path).comment == "Tooling is the gap this quarter."
        for side, name in (("lead", "Kim Lead"), ("self", "Ana Lima")):
            await pilot.press("s")
            sign = await settle(pilot, SignScreen, tries=30)
            sign.query_one(f"#side-{side}").value = True  # type: ignore[attr-defined]
            sign.query_one("#sign-name").value = name  # type: ignore[attr-defined]
            await pilot.press("enter")
            await settle(pilot, SummaryScreen, tries=30)
        saved = load_assessment(path).signoff
        assert saved.lead is not None and saved.lead.name == "Kim Lead"
        assert saved.self_side is not None and saved.self_side.name == "Ana Lima"
        assert isinstance(summary, SummaryScreen) and summary.session.read_only
        assert summary.check_action("sign", ()) is None  # settled: no more signing until reopened


def test_the_lead_pins_and_unpins_focus_areas(ladder_home: Path) -> None:
    rated(ladder_home)
    fw = builtin_framework(L1_L5)
    keys = all_keys(fw)
    rule = [
        (f["area"]["id"], f["dimension"]["id"])
        for f in json.loads(run(ladder_home, "summary", "ana", "--format", "json").stdout)["focus"]
    ]
    outside = next(key for key in keys[:7] if key not in rule)  # rated L2, not among the rule's three
    inside = rule[0]
    for key in (outside, inside):
        pinned = run(ladder_home, "focus", "ana", "pin", "/".join(key))
        assert pinned.returncode == 0 and "chosen by the lead" in pinned.stdout, pinned.stderr
    focus = json.loads(run(ladder_home, "summary", "ana", "--format", "json").stdout)["focus"]
    shown = [((f["area"]["id"], f["dimension"]["id"]), f["pinned"]) for f in focus]
    assert shown[: len(rule)] == [(key, key == inside) for key in rule]  # the rule's order is kept
    assert shown[len(rule) :] == [(outside, True)]
    assert "chosen by the lead" in run(ladder_home, "summary", "ana").stdout.lower()
    assert run(ladder_home, "focus", "ana", "unpin", "/".join(outside)).returncode == 0
    focus = json.loads(run(ladder_home, "summary", "ana", "--format", "json").stdout)["focus"]
    assert [(f["area"]["id"], f["dimension"]["id"]) for f in focus] == rule
    bad = run(ladder_home, "focus", "ana", "pin", "nope/x")
    assert bad.returncode == 2 and "no such dimension" in bad.stderr


async def test_a_plan_change_the_disk_refuses_says_so_without_host_paths_in_a_room(
    ladder_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import os

    from ladder_tui.core.storage.loader import load_assessment
    from ladder_tui.tui.app import make_app
    from ladder_tui.tui.screens.plan import PlanScreen
    from ladder_tui.tui.screens.summary import SummaryScreen

    path = rated(ladder_home)
    path.write_text(path.read_text(encoding="utf-8") + '\n[[plan]]\ntext = "Shadow a senior"\n', encoding="utf-8")
    monkeypatch.setenv("LADDER_TUI_SERVED", "1")  # a room's members never see the host's folders
    app = make_app(assessment_path=path, served=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, SummaryScreen, tries=60)
        await pilot.press("p")
        await settle(pilot, PlanScreen, tries=30)

        def no_space(*_args: object, **_kwargs: object) -> None:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        with monkeypatch.context() as patch:
            patch.setattr(os, "fsync", no_space)
            await pilot.press("d")
            await pilot.pause()
        said = [n.message for n in app._notifications]
        assert any(message.startswith("NOT SAVED: ") for message in said), said
        assert not any(str(ladder_home) in message for message in said), said
    assert load_assessment(path).plan[0].status == "open"  # nothing was written
