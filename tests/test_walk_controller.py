"""The walk controller alone (no Textual): where every kind of walk goes, and one write per answer."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import all_keys, builtin_framework, make_assessment, rate_all
from ladder_tui.core.domain import rules
from ladder_tui.core.domain import session as session_module
from ladder_tui.core.domain.assessment import BELOW, MODE_SLOT, NOT_APPLICABLE, SKIPPED, Mode
from ladder_tui.core.domain.session import WalkSession
from ladder_tui.core.domain.walk import (
    SKIP,
    BackToWalk,
    CloseAssessment,
    EndChoice,
    EndOfWalk,
    GoHome,
    LeaveWalk,
    Move,
    OpenDimension,
    OpenReview,
    OpenSummary,
    PickLevel,
    ShowDimension,
    ShowIntro,
    ShowReview,
    ShowSummary,
    Stay,
    WalkController,
)
from ladder_tui.core.storage.assessments import load_assessment
from ladder_tui.core.storage.catalog import FrameworkCatalog

L1_L5 = "customer-support-l1-l5"
PRODUCT = "product-support-skills-matrix"
MODES: tuple[Mode, ...] = ("self", "lead", "pair")


class Writes:
    """Counts the assessment files written (every save goes through `core.session.save_assessment`)."""

    def __init__(self) -> None:
        self.count = 0


@contextmanager
def counting_writes() -> Iterator[Writes]:
    writes = Writes()
    real = session_module.save_assessment

    def counted(*args: object, **kwargs: object) -> None:
        writes.count += 1
        real(*args, **kwargs)  # type: ignore[arg-type]

    session_module.save_assessment = counted  # type: ignore[assignment]
    try:
        yield writes
    finally:
        session_module.save_assessment = real


def open_walk(path: Path, mode: Mode = "self") -> WalkController:
    return WalkController(WalkSession.open(path, FrameworkCatalog(), mode))


def where(walk: WalkController) -> str:
    return walk.session.step.dimension.id


def others_for(mode: Mode, keys: list[tuple[str, str]]) -> dict[str, dict[tuple[str, str], str]]:
    """What the other slots hold before a sitting in `mode`: a lead reviews a full self-evaluation, a pair both."""
    ratings: dict[str, dict[tuple[str, str], str]] = {}
    if mode in ("lead", "pair"):
        ratings["self"] = dict.fromkeys(keys, "l2")
    if mode == "pair":
        ratings["lead"] = dict.fromkeys(keys, "l3")
    return ratings


# ----------------------------------------------------------------- the resume case, in every mode


@pytest.mark.parametrize("mode", MODES)
def test_a_resume_answers_the_skip_then_goes_to_the_next_unanswered_and_the_last_one_ends_the_walk(mode: Mode) -> None:
    fw = builtin_framework(L1_L5)
    keys = all_keys(fw)
    ids = [dim for _area, dim in keys]
    own = {key: "l3" for key in keys}
    own[keys[ids.index("judgment")]] = SKIPPED
    for missing in ("planning", "flexibility"):
        del own[keys[ids.index(missing)]]
    ratings = others_for(mode, keys)
    ratings[MODE_SLOT[mode]] = own
    path = make_assessment(fw, "Ana", mode, ratings=ratings)
    walk = open_walk(path, mode)
    try:
        assert walk.catching_up
        assert isinstance(walk.opening(), ShowDimension) and where(walk) == "judgment"  # the resume lands on the skip
        with counting_writes() as writes:
            move = walk.choose(PickLevel(3))
            assert isinstance(move, ShowDimension) and move.step.dimension.id == "planning"  # not Ownership
            assert where(walk) == "planning"
            move = walk.choose(PickLevel(2))
            assert isinstance(move, ShowDimension) and move.step.dimension.id == "flexibility"
            move = walk.choose(PickLevel(4))
            assert isinstance(move, ShowSummary)  # the last unanswered answer ends the walk
            assert writes.count == 3
    finally:
        walk.session.close()
    saved = load_assessment(path)
    slot = MODE_SLOT[mode]
    assert [saved.rating(*keys[ids.index(d)], slot) for d in ("judgment", "planning", "flexibility")] == [
        "l3",
        "l2",
        "l4",
    ]
    assert rules.resume_point(fw, saved, slot) is None
    # The saved cursor is where the walk went with the last answer that moved it (flexibility).
    assert saved.cursors[mode].dimension == "flexibility"


# ----------------------------------------------------------------- a first walk


def test_a_first_walk_goes_in_framework_order_with_an_intro_per_area_and_ends_with_a_dialog_for_skips() -> None:
    fw = builtin_framework(L1_L5)
    keys = all_keys(fw)
    path = make_assessment(fw, "Bo")
    walk = open_walk(path)
    try:
        assert not walk.catching_up
        opening = walk.opening()
        assert isinstance(opening, ShowIntro) and opening.step.index == 0
        moves: list[Move] = []
        with counting_writes() as writes:
            for index in range(len(keys)):
                assert walk.session.index == index
                moves.append(walk.choose(SKIP if index in (1, 6) else PickLevel(2)))
            assert writes.count == len(keys)
        # Within an area: the next dimension; into a new area: its intro; past the last: the end dialog.
        for index, move in enumerate(moves[:-1]):
            following = walk.session.steps[index + 1]
            expected = ShowIntro if following.first_in_area else ShowDimension
            assert isinstance(move, expected) and move.step.index == index + 1, (index, move)
        end = moves[-1]
        assert end == EndOfWalk(unanswered=2, skipped=2, summary_allowed=True)
        # "Answer them now": the first skipped one, then the next unanswered; the last ends the walk.
        move = walk.end_choice(EndChoice.ANSWER_NOW)
        assert isinstance(move, ShowDimension) and move.step.index == 1 and walk.catching_up
        assert walk.choose(PickLevel(1)) == ShowDimension(walk.session.steps[6])
        assert isinstance(walk.choose(PickLevel(1)), ShowSummary)
    finally:
        walk.session.close()


def test_end_dialog_choices_stay_and_summary() -> None:
    fw = builtin_framework(L1_L5)
    keys = all_keys(fw)
    path = make_assessment(fw, "Cy")
    walk = open_walk(path)
    try:
        walk.jump(len(keys) - 1)
        end = walk.choose(PickLevel(1))
        assert end == EndOfWalk(unanswered=len(keys) - 1, skipped=0, summary_allowed=True)
        assert walk.end_choice(EndChoice.STAY) == Stay()
        assert walk.end_choice(EndChoice.SUMMARY) == ShowSummary()
        assert walk.session.index == len(keys) - 1
    finally:
        walk.session.close()


def test_a_changed_answer_after_everything_is_answered_walks_on_in_order() -> None:
    fw = builtin_framework(L1_L5)
    path = make_assessment(fw, "Di", ratings={"self": rate_all(fw, ["l2"])})
    walk = open_walk(path)
    try:
        assert walk.opening() == ShowSummary()
        walk.jump(2)
        move = walk.choose(PickLevel(4))
        assert isinstance(move, ShowDimension) and move.step.index == 3  # not the summary: it was answered
    finally:
        walk.session.close()


# ----------------------------------------------------------------- catching up


def test_catching_up_skips_again_within_a_pass_and_never_loops() -> None:
    fw = builtin_framework(L1_L5)
    keys = all_keys(fw)
    ratings = {key: "l2" for key in keys}
    for index in (1, 4, 9):
        ratings[keys[index]] = SKIPPED
    path = make_assessment(fw, "Ed", ratings={"self": ratings})
    walk = open_walk(path)
    try:
        assert walk.session.index == 1
        assert walk.choose(SKIP) == ShowDimension(walk.session.steps[4])
        assert walk.choose(SKIP) == ShowDimension(walk.session.steps[9])
        assert walk.choose(SKIP) == EndOfWalk(unanswered=3, skipped=3, summary_allowed=True)
        # A new pass: from the first again.
        assert walk.end_choice(EndChoice.ANSWER_NOW) == ShowDimension(walk.session.steps[1])
        assert walk.choose(PickLevel(3)) == ShowDimension(walk.session.steps[4])
    finally:
        walk.session.close()


def test_catching_up_wraps_to_an_earlier_unanswered_dimension() -> None:
    fw = builtin_framework(L1_L5)
    keys = all_keys(fw)
    ratings = {key: "l2" for key in keys}
    del ratings[keys[2]], ratings[keys[8]]
    path = make_assessment(fw, "Flo", ratings={"self": ratings})
    walk = open_walk(path)
    try:
        walk.jump(8)
        assert walk.choose(PickLevel(2)) == ShowDimension(walk.session.steps[2])
        assert walk.choose(PickLevel(2)) == ShowSummary()
    finally:
        walk.session.close()


def test_the_reviews_unanswered_row_catches_up_and_an_answered_row_goes_back_to_the_review() -> None:
    fw = builtin_framework(L1_L5)
    keys = all_keys(fw)
    path = make_assessment(fw, "Gus")
    walk = open_walk(path)
    try:
        for _ in range(3):
            walk.choose(PickLevel(2))
        assert not walk.catching_up
        # An answered row: changed, then back to the review.
        assert walk.after_review(OpenDimension(1)) == ShowDimension(walk.session.steps[1])
        assert walk.choose(PickLevel(5)) == ShowReview()
        # An unanswered row: caught up, then the next unanswered (not back to the review).
        assert walk.after_review(OpenDimension(7)) == ShowDimension(walk.session.steps[7])
        assert walk.catching_up
        assert walk.choose(PickLevel(1)) == ShowDimension(walk.session.steps[8])
        # Moving elsewhere from a row opened from the review forgets the way back.
        walk.after_review(OpenDimension(0))
        walk.move(1)
        assert isinstance(walk.choose(PickLevel(1)), ShowDimension)
        assert len(keys) > 9
    finally:
        walk.session.close()


# ----------------------------------------------------------------- moving, leaving, other screens


def test_back_leaves_from_the_first_dimension_and_requests_of_the_review_and_summary() -> None:
    fw = builtin_framework(L1_L5)
    path = make_assessment(fw, "Hal")
    walk = open_walk(path)
    try:
        assert walk.back() == LeaveWalk()
        walk.jump(3)
        assert walk.back() == ShowDimension(walk.session.steps[2])
        assert walk.move(-1) == ShowDimension(walk.session.steps[1])
        assert walk.after_review(BackToWalk()) == ShowDimension(walk.session.steps[1])
        assert walk.after_review(GoHome()) == CloseAssessment()
        assert walk.after_review(OpenSummary()) == ShowSummary()
        assert walk.after_summary(OpenReview()) == ShowReview()
        assert walk.after_summary(OpenDimension(5)) == ShowDimension(walk.session.steps[5])
        assert walk.after_summary(GoHome()) == CloseAssessment()
    finally:
        walk.session.close()


def test_a_summary_opened_alone_leaves_the_assessment_when_it_closes() -> None:
    fw = builtin_framework(L1_L5)
    path = make_assessment(fw, "Ivy", ratings={"self": rate_all(fw, ["l2"])})
    walk = WalkController(WalkSession.view(load_opened(path)), summary_only=True)
    assert walk.opening() == ShowSummary()
    assert walk.after_summary(BackToWalk()) == LeaveWalk()


def load_opened(path: Path):  # type: ignore[no-untyped-def]
    from ladder_tui.core.storage.assessments import open_assessment

    return open_assessment(path, FrameworkCatalog())


def test_a_digit_beyond_the_last_level_stays_and_writes_nothing() -> None:
    fw = builtin_framework(L1_L5)
    path = make_assessment(fw, "Jo")
    before = path.read_bytes()
    walk = open_walk(path)
    try:
        with counting_writes() as writes:
            move = walk.choose(PickLevel(9))
        assert isinstance(move, Stay) and move.notice is not None and move.notice.kind == "no_such_level"
        assert move.notice.count == 5 and writes.count == 0
    finally:
        walk.session.close()
    assert path.read_bytes() == before


def test_a_blind_lead_is_shown_the_comparison_next_and_the_summary_waits_for_hidden_ratings() -> None:
    fw = builtin_framework(L1_L5)
    keys = all_keys(fw)
    path = make_assessment(fw, "Kai", ratings={"self": rate_all(fw, ["l2"])})
    walk = open_walk(path, "lead")
    try:
        summary = walk.summary()
        assert isinstance(summary, Stay) and summary.notice is not None
        assert (summary.notice.kind, summary.notice.count) == ("summary_waits", len(keys))
        walk.opening()
        move = walk.choose(PickLevel(3))
        assert isinstance(move, ShowDimension) and move.compared is not None and move.compared.index == 0
    finally:
        walk.session.close()


# ----------------------------------------------------------------- differences only (pair mode)


def test_pair_mode_differences_walk_among_the_differences_then_every_dimension_again() -> None:
    fw = builtin_framework(L1_L5)
    keys = all_keys(fw)
    own = dict.fromkeys(keys, "l2")
    lead = dict.fromkeys(keys, "l2")
    own[keys[1]], lead[keys[1]] = "l1", "l3"
    own[keys[4]] = NOT_APPLICABLE  # against the lead's level: a difference too
    lead[keys[7]] = "l4"
    path = make_assessment(fw, "Lu", "pair", ratings={"self": own, "lead": lead})
    walk = open_walk(path, "pair")
    try:
        assert not walk.catching_up
        move = walk.toggle_differences()
        assert isinstance(move, ShowDimension) and move.step.index == 1
        assert walk.position() == (1, 3)
        assert walk.move(1) == ShowDimension(walk.session.steps[4])
        assert walk.move(1) == ShowDimension(walk.session.steps[7])
        assert walk.move(1) == Stay()
        assert walk.move(-1) == ShowDimension(walk.session.steps[4])
        with counting_writes() as writes:
            assert walk.choose(PickLevel(2)) == ShowDimension(walk.session.steps[7])
            move = walk.choose(PickLevel(3))
            assert writes.count == 2
        assert isinstance(move, ShowDimension) and move.notice is not None
        assert move.notice.kind == "differences_done" and not walk.only_differences
    finally:
        walk.session.close()
    saved = load_assessment(path)
    assert (saved.rating(*keys[4], "agreed"), saved.rating(*keys[7], "agreed")) == ("l2", "l3")


def test_differences_only_is_pair_mode_and_needs_a_difference() -> None:
    fw = builtin_framework(L1_L5)
    keys = all_keys(fw)
    same = dict.fromkeys(keys, "l2")
    path = make_assessment(fw, "Mo", "pair", ratings={"self": same, "lead": same})
    walk = open_walk(path, "pair")
    try:
        move = walk.toggle_differences()
        assert isinstance(move, Stay) and move.notice is not None and move.notice.kind == "no_differences"
    finally:
        walk.session.close()
    walk = open_walk(path, "self")
    try:
        assert walk.toggle_differences() == Stay()
    finally:
        walk.session.close()


def test_a_read_only_sitting_answers_nothing() -> None:
    fw = builtin_framework(L1_L5)
    path = make_assessment(fw, "Ned")
    first = open_walk(path)
    second = open_walk(path)
    before = path.read_bytes()
    try:
        assert second.session.read_only
        assert second.choose(PickLevel(2)) == Stay()
        assert second.session.index == 0
    finally:
        first.session.close()
        second.session.close()
    assert path.read_bytes() == before


# ----------------------------------------------------------------- any sequence of keys


VALUES = st.sampled_from(["l1", "l2", "l3", "l4", "l5", BELOW, NOT_APPLICABLE, SKIPPED])
OPERATIONS = st.lists(
    st.one_of(
        st.tuples(st.just("answer"), VALUES),
        st.tuples(st.just("move"), st.sampled_from([1, -1])),
        st.tuples(st.just("back"), st.none()),
        st.tuples(st.just("jump"), st.integers(0, 10)),
        st.tuples(st.just("row"), st.integers(0, 10)),
        st.tuples(st.just("differences"), st.none()),
        st.tuples(st.just("end"), st.sampled_from(list(EndChoice))),
    ),
    max_size=40,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    mode=st.sampled_from(MODES),
    start=st.lists(st.sampled_from([None, "l2", SKIPPED, NOT_APPLICABLE]), min_size=11, max_size=11),
    operations=OPERATIONS,
)
def test_any_sequence_writes_each_answer_once_and_catching_up_never_visits_an_answered_dimension(
    mode: Mode, start: list[str | None], operations: list[tuple[str, object]]
) -> None:
    fw = builtin_framework(L1_L5)
    keys = all_keys(fw)
    slot = MODE_SLOT[mode]
    with tempfile.TemporaryDirectory() as folder:
        ratings = others_for(mode, keys)
        ratings[slot] = {key: value for key, value in zip(keys, start, strict=True) if value is not None}
        path = make_assessment(fw, "Pat", mode, folder=Path(folder), ratings=ratings)
        walk = open_walk(path, mode)
        session = walk.session
        try:
            # Opening: the resume point of the rules (or the last dimension when nothing is left).
            point = rules.resume_point(fw, session.assessment, slot)
            assert session.index == (session.index_of(*point) if point else len(keys) - 1)
            for name, argument in operations:
                catching_up = walk.catching_up
                with counting_writes() as writes:
                    if name == "answer":
                        assert isinstance(argument, str)
                        here = session.step
                        move = walk.answer(argument)
                        assert writes.count == 1, move  # exactly one write per answer, whatever comes next
                        on_disk = load_assessment(path)
                        assert on_disk.rating(here.area.id, here.dimension.id, slot) == argument
                        if isinstance(move, ShowDimension | ShowIntro):
                            assert move.step is session.step
                            cursor = on_disk.cursors[mode]
                            assert (cursor.area, cursor.dimension) == (move.step.area.id, move.step.dimension.id)
                            if catching_up and move.step.index != here.index:
                                assert not session.is_answered(move.step), "caught up to an answered dimension"
                        continue
                    if name == "move":
                        assert isinstance(argument, int)
                        walk.move(argument)
                    elif name == "back":
                        walk.back()
                    elif name == "jump":
                        assert isinstance(argument, int)
                        walk.jump(argument)
                    elif name == "row":
                        assert isinstance(argument, int)
                        walk.after_review(OpenDimension(argument))
                    elif name == "differences":
                        walk.toggle_differences()
                    else:
                        assert isinstance(argument, EndChoice)
                        move = walk.end_choice(argument)
                        if argument is EndChoice.ANSWER_NOW and isinstance(move, ShowDimension):
                            assert not session.is_answered(move.step)
                    assert writes.count <= 1  # moving without answering writes at most the cursor
        finally:
            session.close()
        # Reopened, the walk resumes where the rules say.
        again = open_walk(path, mode)
        try:
            point = rules.resume_point(fw, again.session.assessment, slot)
            assert again.session.index == (again.session.index_of(*point) if point else len(keys) - 1)
        finally:
            again.session.close()


def test_every_walk_kind_is_reachable_from_the_product_matrix() -> None:
    # The larger framework too: first walk through an area boundary with an overview (intros), then a resume.
    fw = builtin_framework(PRODUCT)
    path = make_assessment(fw, "Quin")
    walk = open_walk(path)
    try:
        assert isinstance(walk.opening(), ShowIntro)
        first_area = walk.session.step.dimensions_in_area
        for _ in range(first_area - 1):
            assert isinstance(walk.choose(PickLevel(1)), ShowDimension)
        assert isinstance(walk.choose(PickLevel(1)), ShowIntro)
    finally:
        walk.session.close()
    again = open_walk(path)
    try:
        assert again.catching_up and isinstance(again.opening(), ShowIntro)  # the next area is untouched
    finally:
        again.session.close()
