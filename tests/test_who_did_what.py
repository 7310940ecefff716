"""Who did what in a room, below the SSH server: the framed input channel, one key wins, answers and notes that carry
the person who gave them (in the file, the summary and its JSON), and the mode the room's people suggest. The same
through real OpenSSH clients is in test_serve_team.py."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.widgets import TextArea

from conftest import all_keys, builtin_framework, make_assessment, run_cli, settle
from ladder_tui.core.domain.people import People, Person, roles_in_room
from ladder_tui.core.domain.session import WalkSession
from ladder_tui.core.domain.walk import CLASH_SECONDS, Actor, PickLevel, ShowDimension, Stay, WalkController
from ladder_tui.core.storage.assessments import load_assessment
from ladder_tui.core.storage.catalog import FrameworkCatalog
from ladder_tui.serve.protocol import MEMBER_ATTRIBUTE, Frames, MemberState, RoomState, frame
from ladder_tui.tui.app import make_app
from ladder_tui.tui.screens.area import AreaIntroScreen
from ladder_tui.tui.screens.dimension import DimensionScreen
from ladder_tui.tui.screens.note import NoteScreen
from ladder_tui.tui.screens.who import WhoIsRatingScreen

L1_L5 = "customer-support-l1-l5"
KIM, ALEX = "Kim Lead", "Alex Doe"


# ----------------------------------------------------------------- the input channel


def test_frames_carry_each_members_keys_whole_however_the_pipe_cuts_them() -> None:
    stream = frame(1, b"3") + frame(2, "é\x1b[A".encode()) + frame(1, b"x" * 70_000)
    frames = Frames()
    got: list[tuple[int, bytes]] = []
    for start in range(0, len(stream), 7):  # a pipe may hand over any number of bytes at a time
        got += frames.feed(stream[start : start + 7])
    assert got == [(1, b"3"), (2, "é\x1b[A".encode()), (1, b"x" * 70_000)]
    with pytest.raises(ValueError, match="broken"):
        Frames().feed(b"\x00\x00\x00\x01\xff\xff\xff\xff")


# ----------------------------------------------------------------- one key wins


def _walk(mode: str = "pair") -> WalkController:
    fw = builtin_framework(L1_L5)
    path = make_assessment(fw, ALEX, mode)  # type: ignore[arg-type]
    return WalkController(WalkSession.open(path, FrameworkCatalog(), mode))  # type: ignore[arg-type]


def test_an_answer_just_after_another_persons_key_moved_the_walk_is_not_taken() -> None:
    walk = _walk()
    try:
        first = walk.session.step
        assert isinstance(walk.choose(PickLevel(3), Actor(KIM, 10.0)), ShowDimension)
        second = walk.session.step
        # Alex's 2, 50 ms later, was meant for the first dimension: it is not taken anywhere.
        clash = walk.choose(PickLevel(2), Actor(ALEX, 10.05))
        assert isinstance(clash, Stay) and clash.notice is not None
        assert (clash.notice.kind, clash.notice.text, clash.notice.by) == ("key_clash", KIM, ALEX)
        saved = load_assessment(walk.session.path)
        assert saved.rating(first.area.id, first.dimension.id, "agreed") == "l3"
        assert saved.answer(first.area.id, first.dimension.id).rated_by == {"agreed": KIM}  # type: ignore[union-attr]
        assert saved.answer(second.area.id, second.dimension.id) is None
        # The same person may type fast; another person a second later answers the dimension they now see.
        assert isinstance(walk.choose(PickLevel(2), Actor(KIM, 10.1)), ShowDimension)
        assert isinstance(walk.choose(PickLevel(4), Actor(ALEX, 10.1 + CLASH_SECONDS)), ShowDimension)
        # Moving without answering counts too: Kim's "next" then Alex's digit at once.
        walk.move(1, Actor(KIM, 20.0))
        assert isinstance(walk.choose(PickLevel(1), Actor(ALEX, 20.2)), Stay)
    finally:
        walk.session.close()


# ----------------------------------------------------------------- who did what, in the file and the summary


def test_notes_are_per_person_and_old_files_keep_their_note_keys(ladder_home: Path) -> None:
    fw = builtin_framework(L1_L5)
    first = all_keys(fw)[0]
    path = make_assessment(fw, ALEX, "pair", notes={"self": {first: "from before names"}})
    before = path.read_bytes()
    walk = WalkSession.open(path, FrameworkCatalog(), "pair")
    try:
        assert walk.set_note("we agreed on L3", by=KIM)
        assert walk.set_note("I showed the ticket", by=ALEX)
        assert walk.set_note("we agreed on L3 after the ticket", by=KIM)  # Kim's own, edited: Alex's stays
        assert walk.own_note(KIM) == "we agreed on L3 after the ticket"
        assert walk.own_note(ALEX) == "I showed the ticket"
    finally:
        walk.close()
    text = path.read_text()
    assert 'self_note = "from before names"' in text  # the old key, as it was
    assert f'{{ slot = "agreed", by = "{KIM}", text = ' in text and f'by = "{ALEX}"' in text
    answer = load_assessment(path).answer(*first)
    assert answer is not None
    assert [(n.slot, n.by, n.text) for n in answer.notes] == [
        ("self", None, "from before names"),
        ("agreed", KIM, "we agreed on L3 after the ticket"),
        ("agreed", ALEX, "I showed the ticket"),
    ]
    assert before != path.read_bytes()


def test_summary_json_says_who_rated_each_slot_and_the_text_summary_shows_it(ladder_home: Path) -> None:
    fw = builtin_framework(L1_L5)
    (area, dim), (area2, dim2) = all_keys(fw)[:2]
    path = make_assessment(fw, ALEX, "lead", ratings={"lead": {(area2, dim2): "l2"}})  # from before names
    walk = WalkSession.open(path, FrameworkCatalog(), "lead")
    try:
        walk.set_rating("l3", walk.steps[0], by=KIM)
        walk.save()
    finally:
        walk.close()
    walk = WalkSession.open(path, FrameworkCatalog(), "self")
    try:
        walk.set_rating("l2", walk.steps[0], by=ALEX)
        walk.set_note("my example", walk.steps[0], by=ALEX)
    finally:
        walk.close()
    done = run_cli(ladder_home, "summary", path.stem, "--format", "json")
    assert done.returncode == 0, done.stderr
    dims = {(d["area"]["id"], d["dimension"]["id"]): d for d in json.loads(done.stdout)["dimensions"]}
    assert dims[(area, dim)]["rated_by"] == {"self": ALEX, "lead": KIM, "agreed": None}
    assert dims[(area2, dim2)]["rated_by"] == {"self": None, "lead": None, "agreed": None}
    assert dims[(area, dim)]["written_notes"] == [{"slot": "self", "by": ALEX, "text": "my example"}]
    text = run_cli(ladder_home, "summary", path.stem, "--format", "markdown").stdout
    assert f"self: {ALEX}" in text and f"lead: {KIM}" in text and f"self ({ALEX}): my example" in text


# ----------------------------------------------------------------- the mode the room suggests


def test_the_room_suggests_self_lead_or_pair_from_who_is_in_it() -> None:
    people = People((Person(KIM, (), (ALEX,)), Person(ALEX, (), ()), Person("Pat Roe", (), ())))
    assert roles_in_room(people, ALEX, [ALEX]).suggested_mode == "self"
    assert roles_in_room(people, ALEX, ["kim  lead"]).suggested_mode == "lead"
    assert roles_in_room(people, ALEX, [KIM, ALEX]).suggested_mode == "pair"
    assert roles_in_room(people, ALEX, ["Pat Roe"]).suggested_mode is None
    assert roles_in_room(None, ALEX, [KIM, ALEX]).suggested_mode == "self"  # no people file: nobody is a lead


# ----------------------------------------------------------------- in the app: whose key it is


def _room(*members: tuple[int, str]) -> RoomState:
    return RoomState("alex-cs", tuple(MemberState(who, 80, 24, number, who) for number, who in members), "", 80, 24)


def _key(app: object, member: int, key: str, character: str | None = None) -> None:
    event = events.Key(key, character if character is not None else key if len(key) == 1 else None)
    setattr(event, MEMBER_ATTRIBUTE, member)
    app.post_message(event)  # type: ignore[attr-defined]


async def _pair_on_the_first_dimension(pilot: Any, app: Any) -> tuple[str, Any]:
    """Kim and Alex in Alex's room: asked who is rating (the pair option's words are returned), Kim chooses pair,
    Alex starts the area; the dimension screen it opens on."""
    who = await settle(pilot, WhoIsRatingScreen)
    pair = str(who.query_one("#who-list").get_option("pair").prompt)
    _key(app, 1, "p")
    await settle(pilot, AreaIntroScreen)
    _key(app, 2, "enter")
    return pair, await settle(pilot, DimensionScreen)


def _people(home: Path) -> None:
    (home / "people.toml").write_text(
        f'[[people]]\nname = "{KIM}"\nkeys = []\nleads = ["{ALEX}"]\n\n[[people]]\nname = "{ALEX}"\nkeys = []\n',
        encoding="utf-8",
    )


async def test_in_a_room_each_key_is_its_members_and_one_key_wins(
    ladder_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _people(ladder_home)
    fw = builtin_framework(L1_L5)
    path = make_assessment(fw, ALEX, "self")
    app = make_app(assessment_path=path, served=True)
    app.room_state = _room((1, KIM), (2, ALEX))
    async with app.run_test(size=(100, 30)) as pilot:
        # Both are here: who is rating? Pair is suggested, enter keeps self.
        pair, screen = await _pair_on_the_first_dimension(pilot, app)
        assert "★" in pair
        first = screen.session.step  # type: ignore[attr-defined]
        _key(app, 1, "3")
        _key(app, 2, "2")  # at once: meant for the dimension Kim's key just moved away from
        for _ in range(20):
            await pilot.pause()
        texts = [n.message for n in app._notifications]
        assert any(f"{KIM} chose" in t and first.dimension.name in t for t in texts), texts
        assert any(f"{KIM}'s key had just moved" in t and f"{ALEX}'s answer was not taken" in t for t in texts)
        saved = load_assessment(path)
        assert saved.answer(first.area.id, first.dimension.id).rated_by == {"agreed": KIM}  # type: ignore[union-attr]
        assert sum(len(dims) for dims in saved.answers.values()) == 1  # exactly one answer written
        # Kim opens a note; Alex's keys open Alex's own instead of typing into Kim's.
        second = screen.session.step  # type: ignore[attr-defined]
        _key(app, 1, "n")
        note = await settle(pilot, NoteScreen)
        for ch in "kim":
            _key(app, 1, ch)
        for _ in range(5):
            await pilot.pause()
        for ch in "alex":
            _key(app, 2, ch)
        for _ in range(10):
            await pilot.pause()
        assert note.owner == ALEX  # type: ignore[attr-defined]
        assert note.query_one(TextArea).text == "alex"
        _key(app, 1, "left")  # Kim moving the cursor types nothing: the note stays Alex's
        for _ in range(5):
            await pilot.pause()
        assert note.owner == ALEX  # type: ignore[attr-defined]
        # Someone leaving (and joining) is said on every screen.
        app.room_state = _room((1, KIM))
        await pilot.pause()
        assert any(t == f"{ALEX} left the room." for t in [n.message for n in app._notifications])
    notes = load_assessment(path).answer(second.area.id, second.dimension.id).notes  # type: ignore[union-attr]
    assert {(n.by, n.text) for n in notes} == {(KIM, "kim"), (ALEX, "alex")}


def test_one_persons_own_walk_does_not_name_them_on_every_row(ladder_home: Path) -> None:
    fw = builtin_framework(L1_L5)
    path = make_assessment(fw, ALEX, "self")
    walk = WalkSession.open(path, FrameworkCatalog(), "self")
    try:
        walk.set_rating("l2", walk.steps[0], by="alex")
        walk.set_note("my example", walk.steps[0], by="alex")
    finally:
        walk.close()
    text = run_cli(ladder_home, "summary", path.stem, "--format", "markdown").stdout
    assert "my example" in text and "Rated by" not in text and "(alex)" not in text
    data = json.loads(run_cli(ladder_home, "summary", path.stem, "--format", "json").stdout)
    assert data["dimensions"][0]["rated_by"]["self"] == "alex"  # the data keeps it all the same


async def test_two_people_typing_into_one_note_at_once_each_keep_their_own(ladder_home: Path) -> None:
    _people(ladder_home)
    path = make_assessment(builtin_framework(L1_L5), ALEX, "self")
    app = make_app(assessment_path=path, served=True)
    app.room_state = _room((1, KIM), (2, ALEX))
    async with app.run_test(size=(100, 30)) as pilot:
        _pair, screen = await _pair_on_the_first_dimension(pilot, app)
        step = screen.session.step  # type: ignore[attr-defined]
        _key(app, 1, "n")
        await settle(pilot, NoteScreen)
        # No pause between them: Kim's keys are still queued for the editor when Alex's arrive.
        for ch in "kim":
            _key(app, 1, ch)
        for ch in "alex":
            _key(app, 2, ch)
        for _ in range(20):
            await pilot.pause()
    notes = load_assessment(path).answer(step.area.id, step.dimension.id).notes  # type: ignore[union-attr]
    assert {(n.by, n.text) for n in notes} == {(KIM, "kim"), (ALEX, "alex")}


async def test_a_click_is_credited_to_who_clicked_not_to_a_mouse_moving_after_it(ladder_home: Path) -> None:
    _people(ladder_home)
    app = make_app(served=True)
    app.room_state = _room((1, KIM), (2, ALEX))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        click = events.MouseDown(None, 5, 5, 0, 0, 1, False, False, False)
        setattr(click, MEMBER_ATTRIBUTE, 2)
        app.post_message(click)
        move = events.MouseMove(None, 6, 5, 1, 0, 0, False, False, False)
        setattr(move, MEMBER_ATTRIBUTE, 1)  # Kim's mouse passes over the screen just after Alex's click
        app.post_message(move)
        await pilot.pause()
        assert app.person() == ALEX
