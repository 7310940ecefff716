"""Scoring (SPEC section 5) on small frameworks built in code, with expectations worked out by hand."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from ladder_tui.core.domain.assessment import Assessment, new_assessment
from ladder_tui.core.domain.framework import Framework
from ladder_tui.core.domain.scoring import ScoreResult, score
from ladder_tui.core.presentation.document import explanation
from ladder_tui.core.storage.loader import framework_from_data

LEVELS = ["junior", "mid", "senior", "lead"]


def dims(*ids: str, levels: list[str] | None = None) -> list[dict[str, Any]]:
    """Dimensions with a descriptor "<Dim> at <level>" at each of `levels` (all levels by default)."""
    return [
        {
            "id": dim_id,
            "name": dim_id.replace("-", " ").capitalize(),
            "levels": {level: f"{dim_id} at {level}" for level in (levels or LEVELS)},
        }
        for dim_id in ids
    ]


def ladder(scoring: dict[str, Any] | None = None, **extra: Any) -> Framework:
    """4 levels; Workflow (3 dimensions), Quality (2), and a ragged People area for managers only."""
    data: dict[str, Any] = {
        "id": "test-ladder",
        "name": "Test Ladder",
        "version": "2",
        "levels": [{"id": level, "name": level.capitalize()} for level in LEVELS],
        "questions": [{"id": "manager", "prompt": "Are you a people manager?"}],
        "areas": [
            {
                "id": "workflow",
                "name": "Workflow",
                "growth": ["Track your daily metrics", "Share your inbox techniques"],
                "dimensions": dims("autonomy", "performance", "decisions"),
            },
            {
                "id": "quality",
                "name": "Quality",
                "growth": ["Review the QA rubric weekly"],
                "dimensions": dims("empathy", "accuracy"),
            },
            {
                "id": "people",
                "name": "People",
                "applies_if": "manager",
                # Ragged: defined only at the two top levels.
                "dimensions": dims("coaching", "hiring", levels=["senior", "lead"]),
            },
        ],
        "pathways": [{"id": "product", "name": "Product", "description": "Deep product work", "items": ["Beta"]}],
    }
    if scoring is not None:
        data["scoring"] = scoring
    data.update(extra)
    return framework_from_data(data)


MAIN = [("workflow", "autonomy"), ("workflow", "performance"), ("workflow", "decisions")]
MAIN += [("quality", "empathy"), ("quality", "accuracy")]
PEOPLE = [("people", "coaching"), ("people", "hiring")]


def rate(
    framework: Framework,
    ratings: list[str | None],
    *,
    manager: bool = False,
    target: str | None = None,
    slot: str = "self",
) -> Assessment:
    assessment = new_assessment(
        framework, "Ana", assessment_id="ana", questions={"manager": manager}, target_level=target
    )
    keys = MAIN + (PEOPLE if manager else [])
    assert len(ratings) == len(keys)
    for (area, dim), value in zip(keys, ratings, strict=True):
        if value is not None:
            assessment.set_rating(area, dim, slot, value)  # type: ignore[arg-type]
    return assessment


def suggested_id(result: ScoreResult) -> str | None:
    return result.suggested.id if result.suggested else None


def focus_ids(result: ScoreResult) -> list[str]:
    return [item.dimension.id for item in result.focus]


# ----- the level -----


def test_clear_level() -> None:
    fw = ladder()
    result = score(fw, rate(fw, ["senior", "senior", "senior", "senior", "mid"]))
    # Senior: 4 of 5 at senior or above = 80% >= 80%; accuracy (mid) is only 1 below. Lead: 0 of 5.
    assert suggested_id(result) == "senior"
    assert result.next_level is not None and result.next_level.id == "lead"
    assert [check.reached for check in result.checks] == [True, True, True, False]
    senior = result.checks[2]
    assert (senior.counted, senior.met, senior.needed, senior.gaps) == (5, 4, 4, ())
    assert explanation(result)[0] == "Senior: 4 of 5 at Senior or above (80%, bar 80%)"
    assert explanation(result)[1] == (
        "Lead not reached: 0 of 5 at Lead or above (0%, bar 80%, needs 4); "
        "Quality › Accuracy is 2 levels below (at most 1 level below allowed)"
    )
    assert explanation(result)[-1] == "5 of 5 applicable dimensions rated."
    assert result.confidence == 1.0
    assert not result.provisional
    assert result.strengths == ()
    # Toward Lead: accuracy is below the suggested level (first), then the senior ones in framework order.
    assert focus_ids(result) == ["accuracy", "autonomy", "performance"]
    first = result.focus[0]
    assert (first.current.id, first.next.id, first.gap) == ("mid", "senior", 2)
    assert first.current_descriptor == ("accuracy at mid",)
    assert first.next_descriptor == ("accuracy at senior",)
    assert first.growth == ("Review the QA rubric weekly",)
    assert result.focus[1].growth == ("Track your daily metrics", "Share your inbox techniques")


def test_level_blocked_by_max_gap() -> None:
    fw = ladder()
    result = score(fw, rate(fw, ["senior", "senior", "senior", "senior", "junior"]))
    # Senior would pass the threshold (4 of 5) but accuracy is 2 levels below it; Mid passes (4 of 5, gap 1).
    assert suggested_id(result) == "mid"
    senior = result.checks[2]
    assert (senior.met, senior.needed, senior.reached) == (4, 4, False)
    assert [(gap.dimension.id, gap.levels_below) for gap in senior.gaps] == [("accuracy", 2)]
    assert explanation(result)[1] == (
        "Senior not reached: 4 of 5 at Senior or above (80%, bar 80%, needs 4); "
        "Quality › Accuracy is 2 levels below (at most 1 level below allowed)"
    )
    # Strengths: everything above Mid, highest first, ties in framework order.
    assert [(s.dimension.id, s.rating.id, s.above) for s in result.strengths] == [
        ("autonomy", "senior", 1),
        ("performance", "senior", 1),
        ("decisions", "senior", 1),
        ("empathy", "senior", 1),
    ]
    assert focus_ids(result) == ["accuracy"]  # the only one below Senior


def test_nobody_reaches_the_first_level() -> None:
    fw = ladder()
    result = score(fw, rate(fw, ["below", "junior", "below", "junior", "below"]))
    assert result.suggested is None
    assert result.suggested_label == "Below Junior"
    assert explanation(result)[0] == "Suggested: Below Junior (Junior is not reached)."
    assert explanation(result)[1] == "Junior not reached: 2 of 5 at Junior or above (40%, bar 80%, needs 4)"
    assert result.goal is not None and result.goal.id == "junior"
    assert focus_ids(result) == ["autonomy", "decisions", "accuracy"]
    item = result.focus[0]
    assert (item.current.id, item.current.index, item.next.id, item.gap) == ("below", -1, "junior", 1)
    assert item.current_descriptor == ()
    assert result.to_dict()["suggested_level"] is None


def test_everything_marked_not_applicable() -> None:
    fw = ladder()
    result = score(fw, rate(fw, ["na"] * 5))
    assert result.suggested is None
    # Not applicable is answered but never applicable (rules.Counts): nothing is left to be confident about.
    assert (result.total, result.answered, result.applicable, result.counted, result.not_applicable) == (5, 5, 0, 0, 5)
    assert result.confidence == 0.0 and result.provisional
    assert result.focus == () and result.strengths == ()
    assert explanation(result)[0] == "No dimension has a rating that counts, so not even Junior can be reached."
    assert explanation(result)[-1] == "0 of 0 applicable dimensions rated; 5 marked not applicable."
    assert all(area.median is None for area in result.areas)


def test_nothing_applies() -> None:
    fw = framework_from_data(
        {
            "id": "only-managers",
            "name": "Only managers",
            "levels": [{"id": "one", "name": "One"}, {"id": "two", "name": "Two"}],
            "questions": [{"id": "manager", "prompt": "Are you a people manager?"}],
            "areas": [
                {
                    "id": "people",
                    "name": "People",
                    "applies_if": "manager",
                    "dimensions": [{"id": "coaching", "name": "Coaching", "levels": {"one": "a", "two": "b"}}],
                }
            ],
        }
    )
    assessment = new_assessment(fw, "Bo", assessment_id="bo")
    result = score(fw, assessment)
    assert (result.applicable, result.answered, result.confidence) == (0, 0, 0.0)
    assert result.provisional
    assert result.suggested is None
    assert explanation(result) == ("No dimension applies to this assessment, so there is nothing to score.",)
    assert [item.area.id for item in result.excluded_areas] == ["people"]
    assert result.areas == ()


def test_half_answered_is_provisional() -> None:
    fw = ladder()
    result = score(fw, rate(fw, ["senior", "senior", None, "skip", "senior"]))
    # 3 of 5 answered (a skip is not an answer): 60% < 70%.
    assert (result.answered, result.applicable) == (3, 5)
    assert result.confidence == 0.6
    assert result.provisional
    assert suggested_id(result) == "senior"  # 3 of 3 counted
    assert explanation(result)[-1] == "3 of 5 applicable dimensions rated; 2 unanswered (not counted)."
    assert result.to_dict()["provisional"] is True


def test_provisional_bar_from_the_framework() -> None:
    fw = ladder(scoring={"provisional_below": 0.5})
    result = score(fw, rate(fw, ["senior", "senior", None, None, "senior"]))
    assert not result.provisional


# ----- focus -----

MIXED = ["mid", "senior", "mid", "junior", "mid"]


def test_focus_toward_the_next_level() -> None:
    fw = ladder()
    result = score(fw, rate(fw, MIXED))
    # Junior 5/5; Mid 4/5 (empathy 1 below: allowed); Senior 1/5.
    assert suggested_id(result) == "mid"
    assert result.goal is not None and result.goal.id == "senior"
    # Below Mid first (empathy), then below Senior; equal gaps keep framework order (accuracy is left out).
    assert focus_ids(result) == ["empathy", "autonomy", "decisions"]
    assert [item.gap for item in result.focus] == [2, 1, 1]
    assert result.focus[0].next.id == "mid"


def test_focus_toward_a_target_level() -> None:
    fw = ladder()
    result = score(fw, rate(fw, MIXED, target="lead"))
    assert suggested_id(result) == "mid"
    assert result.target is not None and result.target.id == "lead"
    assert result.goal == result.target
    assert focus_ids(result) == ["empathy", "autonomy", "decisions"]
    assert [(item.next.id, item.gap) for item in result.focus] == [("mid", 3), ("senior", 2), ("senior", 2)]
    target_line = explanation(result)[2]
    assert target_line.startswith("Target Lead not reached: 0 of 5 at Lead or above (0%, bar 80%, needs 4)")
    assert "the level below Lead is not reached" in target_line
    assert "Quality › Empathy is 3 levels below, Workflow › Autonomy is 2 levels below" in target_line
    assert result.to_dict()["target_level"] == {"id": "lead", "name": "Lead", "index": 3}


def test_target_already_reached_falls_back_to_the_next_level() -> None:
    fw = ladder()
    result = score(fw, rate(fw, MIXED, target="junior"))
    assert result.goal is not None and result.goal.id == "senior"
    assert focus_ids(result) == ["empathy", "autonomy", "decisions"]


def test_focus_ties_in_framework_order() -> None:
    fw = ladder(scoring={"focus_count": 5})
    result = score(fw, rate(fw, MIXED, target="lead"))
    # Gaps to Lead: empathy 3; autonomy, decisions, accuracy 2 (framework order); performance 1.
    assert focus_ids(result) == ["empathy", "autonomy", "decisions", "accuracy", "performance"]


def test_focus_count_zero() -> None:
    fw = ladder(scoring={"focus_count": 0})
    assert score(fw, rate(fw, MIXED)).focus == ()


# ----- pair ratings and calibration -----


def test_agreed_wins_over_lead_over_self_and_calibration() -> None:
    fw = ladder()
    assessment = new_assessment(fw, "Ana", "pair", assessment_id="ana")
    assessment.set_rating("workflow", "autonomy", "self", "junior")
    assessment.set_rating("workflow", "autonomy", "lead", "senior")
    assessment.set_rating("workflow", "autonomy", "agreed", "mid")
    assessment.set_rating("workflow", "performance", "self", "senior")
    assessment.set_rating("workflow", "performance", "lead", "mid")
    assessment.set_rating("workflow", "decisions", "self", "mid")
    assessment.set_rating("workflow", "decisions", "lead", "mid")
    assessment.set_rating("quality", "empathy", "self", "below")
    assessment.set_rating("quality", "empathy", "lead", "mid")
    assessment.set_rating("quality", "accuracy", "self", "na")
    assessment.set_rating("quality", "accuracy", "lead", "senior")
    result = score(fw, assessment)
    effective = {item.dimension.id: item.effective.id if item.effective else None for item in result.dimensions}
    assert effective == {
        "autonomy": "mid",  # agreed
        "performance": "mid",  # lead over self
        "decisions": "mid",
        "empathy": "mid",
        "accuracy": "senior",
    }
    calibration = [(c.dimension.id, c.self_rating.id, c.lead.id, c.difference) for c in result.calibration]
    # One side's "not applicable" first (no distance in levels, the widest difference), then largest first; ties in
    # framework order; "below" counts as -1.
    assert calibration == [
        ("accuracy", "na", "senior", None),
        ("autonomy", "junior", "senior", 2),
        ("empathy", "below", "mid", 2),
        ("performance", "senior", "mid", -1),
    ]
    assert result.calibration[1].agreed is not None and result.calibration[1].agreed.id == "mid"
    assert [row["difference"] for row in result.to_dict()["calibration"]] == [None, 2, 2, -1]


def test_each_side_alone_suggests_its_own_level() -> None:
    """Pair and review show what the agent's and the lead's ratings would each suggest alone: the same rules as the
    whole result, on the assessment holding that side's ratings only (ragged People area included)."""
    fw = ladder()
    self_side = ["senior", "senior", "senior", "lead", "senior", "lead", "senior"]
    lead_side = ["mid", "senior", "mid", "mid", None, "junior", "senior"]
    assessment = rate(fw, self_side, manager=True)
    for (area, dim), value in zip(MAIN + PEOPLE, lead_side, strict=True):
        if value is not None:
            assessment.set_rating(area, dim, "lead", value)
    result = score(fw, assessment)
    sides = {slot: rating.id if rating else None for slot, rating in result.sides}
    assert sides == {"self": "senior", "lead": "mid"}
    assert suggested_id(result) == "mid"  # the lead's word counts where both rated
    for slot in ("self", "lead"):
        assert sides[slot] == suggested_id(score(fw, assessment.only_slot(slot)))  # type: ignore[arg-type]
    assert result.to_dict()["sides"]["self"]["id"] == "senior"
    # One side alone has nothing to compare: no sides; nor when asked not to (the team roll-up).
    assert score(fw, rate(fw, self_side, manager=True)).sides == ()
    assert score(fw, assessment, sides=False).sides == ()


def test_skip_and_unknown_levels_fall_through_to_the_next_slot() -> None:
    fw = ladder()
    assessment = new_assessment(fw, "Ana", "pair", assessment_id="ana")
    assessment.set_rating("workflow", "autonomy", "self", "senior")
    assessment.set_rating("workflow", "autonomy", "agreed", "principal")  # not a level of this framework
    assessment.set_rating("workflow", "performance", "self", "mid")
    assessment.set_rating("workflow", "performance", "agreed", "skip")
    assessment.set_rating("workflow", "decisions", "self", "principal")
    result = score(fw, assessment)
    by_id = {item.dimension.id: item for item in result.dimensions}
    assert by_id["autonomy"].effective is not None and by_id["autonomy"].effective.id == "senior"
    assert by_id["performance"].effective is not None and by_id["performance"].effective.id == "mid"
    assert by_id["decisions"].effective is None  # only an unknown level: not counted, not answered
    assert (result.answered, result.counted) == (2, 2)


# ----- optional areas, ragged ladders, mastery, policy -----


def test_people_manager_area_switched_off() -> None:
    fw = ladder()
    assessment = rate(fw, ["senior"] * 5, manager=False)
    # Answers left in the people area from an earlier "yes" do not count once the area is off.
    assessment.set_rating("people", "coaching", "self", "below")
    result = score(fw, assessment)
    assert suggested_id(result) == "senior"
    assert result.applicable == 5
    assert [area.area.id for area in result.areas] == ["workflow", "quality"]
    assert [(item.area.id, item.question, item.prompt) for item in result.excluded_areas] == [
        ("people", "manager", "Are you a people manager?")
    ]
    on = score(fw, rate(fw, ["senior"] * 5 + ["below", "below"], manager=True))
    assert on.applicable == 7
    assert suggested_id(on) == "mid"  # coaching and hiring are 3 levels below Senior, where they are defined


def test_ragged_dimensions_are_left_out_where_undefined() -> None:
    fw = ladder()
    result = score(fw, rate(fw, ["mid"] * 5 + ["below", "below"], manager=True))
    # Coaching and hiring exist only at Senior and Lead. Junior and Mid judge the 5 others only (else "below"
    # would be 2 levels under Mid and block it); Senior judges all 7: 0 of 7.
    assert suggested_id(result) == "mid"
    assert [(c.counted, c.met, c.left_out) for c in result.checks] == [
        (5, 5, 2),
        (5, 5, 2),
        (7, 0, 0),
        (7, 0, 0),
    ]
    assert explanation(result)[0] == (
        "Mid: 5 of 5 at Mid or above (100%, bar 80%); 2 dimensions not defined at Mid are left out"
    )
    assert explanation(result)[1].startswith("Senior not reached: 0 of 7 at Senior or above (0%, bar 80%, needs 6)")
    # The ragged ones are furthest below, and their next step is their first defined level.
    assert focus_ids(result) == ["coaching", "hiring", "autonomy"]
    assert (result.focus[0].next.id, result.focus[0].gap) == ("senior", 3)
    assert result.focus[0].next_descriptor == ("coaching at senior",)
    assert result.focus[0].growth == ()


def test_ragged_dimension_not_defined_at_the_goal_is_not_a_focus() -> None:
    fw = framework_from_data(
        {
            "id": "ragged",
            "name": "Ragged",
            "levels": [{"id": level, "name": level.capitalize()} for level in LEVELS],
            "areas": [
                {
                    "id": "workflow",
                    "name": "Workflow",
                    "dimensions": [
                        # Like seed 000's "Performance": 4 stages for 5 levels (nothing at Lead).
                        *dims("performance", levels=["junior", "mid", "senior"]),
                        *dims("autonomy", "decisions"),
                    ],
                }
            ],
        }
    )
    assessment = new_assessment(fw, "Ana", assessment_id="ana")
    for dim_id in ("performance", "autonomy", "decisions"):
        assessment.set_rating("workflow", dim_id, "self", "senior")
    result = score(fw, assessment)
    assert suggested_id(result) == "senior"
    lead = result.checks[3]
    assert (lead.counted, lead.met, lead.left_out) == (2, 0, 1)
    assert explanation(result)[1] == (
        "Lead not reached: 0 of 2 at Lead or above (0%, bar 80%, needs 2); 1 dimension not defined at Lead is left out"
    )
    assert focus_ids(result) == ["autonomy", "decisions"]


def mastery() -> Framework:
    return framework_from_data(
        {
            "id": "tree",
            "name": "Skills tree",
            "scale": "mastery",
            "levels": [
                {"id": "rookie", "name": "Rookie", "description": "Still learning it."},
                {"id": "pro", "name": "Pro", "description": "Reliable at it."},
                {"id": "master", "name": "Master", "description": "Teaches it."},
            ],
            "areas": [
                {
                    "id": "foundational",
                    "name": "Foundational",
                    "growth": ["Block time for breaks"],
                    "dimensions": [
                        {"id": "self-care", "name": "Self-care"},
                        {"id": "time", "name": "Time management"},
                        {"id": "goals", "name": "Goal-setting"},
                        {"id": "focus", "name": "Focus"},
                    ],
                },
                {
                    "id": "adaptability",
                    "name": "Adaptability",
                    "dimensions": [
                        {"id": "change", "name": "Embracing change", "levels": {"pro": "Adapts calmly."}},
                        {"id": "fear", "name": "Doing scary things"},
                    ],
                },
            ],
        }
    )


def test_mastery_scale() -> None:
    fw = mastery()
    assessment = new_assessment(fw, "Cy", assessment_id="cy")
    ratings = {
        ("foundational", "self-care"): "pro",
        ("foundational", "time"): "rookie",
        ("foundational", "goals"): "master",
        ("foundational", "focus"): "pro",
        ("adaptability", "change"): "rookie",
        ("adaptability", "fear"): "master",
    }
    for (area, dim), value in ratings.items():
        assessment.set_rating(area, dim, "self", value)
    result = score(fw, assessment)
    # Rookie: 6 of 6. Pro: 4 of 6 = 67% < 80%.
    assert suggested_id(result) == "rookie"
    assert result.is_mastery
    assert explanation(result)[1] == "Pro not reached: 4 of 6 at Pro or above (67%, bar 80%, needs 5)"
    # Focus: rookie skills, foundational (framework order) first; descriptors fall back to the shared text.
    assert focus_ids(result) == ["time", "change"]
    time = result.focus[0]
    assert (time.current.id, time.next.id) == ("rookie", "pro")
    assert time.current_descriptor == ("Still learning it.",)
    assert time.next_descriptor == ("Reliable at it.",)
    assert time.growth == ("Block time for breaks",)
    assert result.focus[1].next_descriptor == ("Adapts calmly.",)
    # Strengths: master skills in framework order.
    assert [(s.dimension.id, s.rating.id) for s in result.strengths] == [
        ("goals", "master"),
        ("fear", "master"),
    ]


def test_mastery_focus_is_topped_up_when_no_rookie_skills() -> None:
    fw = mastery()
    assessment = new_assessment(fw, "Cy", assessment_id="cy")
    for area, dim in fw.dimension_keys():
        assessment.set_rating(area, dim, "self", "pro")
    assessment.set_rating("adaptability", "fear", "self", "master")
    result = score(fw, assessment)
    assert suggested_id(result) == "pro"
    assert focus_ids(result) == ["self-care", "time", "goals"]  # toward Master, framework order
    assert [s.dimension.id for s in result.strengths] == ["fear"]


def test_framework_overrides_the_threshold() -> None:
    ratings = ["senior", "senior", "senior", "mid", "mid"]
    default = score(ladder(), rate(ladder(), ratings))
    assert suggested_id(default) == "mid"  # Senior: 3 of 5 = 60% < 80%
    fw = ladder(scoring={"threshold": 0.6})
    lowered = score(fw, rate(fw, ratings))
    assert suggested_id(lowered) == "senior"
    assert explanation(lowered)[0] == "Senior: 3 of 5 at Senior or above (60%, bar 60%)"
    assert lowered.to_dict()["scoring"]["threshold"] == 0.6


def test_threshold_comparison_is_exact_for_decimal_shares() -> None:
    # 0.7 * 10 is 7.000000000000001 in floating point; 7 of 10 must still meet a 70% bar.
    fw = framework_from_data(
        {
            "id": "ten",
            "name": "Ten",
            "scoring": {"threshold": 0.7},
            "levels": [{"id": "one", "name": "One"}, {"id": "two", "name": "Two"}],
            "areas": [
                {
                    "id": "a",
                    "name": "A",
                    "dimensions": [
                        {"id": f"d{n}", "name": f"D{n}", "levels": {"one": "x", "two": "y"}} for n in range(10)
                    ],
                }
            ],
        }
    )
    assessment = new_assessment(fw, "Di", assessment_id="di")
    for n in range(10):
        assessment.set_rating("a", f"d{n}", "self", "two" if n < 7 else "one")
    result = score(fw, assessment)
    assert (result.checks[1].met, result.checks[1].needed) == (7, 7)
    assert suggested_id(result) == "two"


def test_max_gap_zero() -> None:
    fw = ladder(scoring={"max_gap": 0, "threshold": 0.5})
    result = score(fw, rate(fw, ["senior", "senior", "senior", "senior", "mid"]))
    assert suggested_id(result) == "mid"
    assert explanation(result)[1].endswith("Quality › Accuracy is 1 level below (none below allowed)")


def test_area_standing_uses_the_lower_median() -> None:
    fw = ladder()
    result = score(fw, rate(fw, ["junior", "lead", "senior", "below", "mid"]))
    workflow, quality = result.areas
    assert workflow.median is not None and workflow.median.id == "senior"  # junior, senior, lead
    assert quality.median is not None and quality.median.id == "below"  # below, mid: the lower one
    assert (quality.lowest, quality.highest) == (result.areas[1].lowest, result.areas[1].highest)
    assert quality.lowest is not None and quality.lowest.id == "below"
    assert quality.highest is not None and quality.highest.id == "mid"
    counts = {item.rating.id: item.count for item in workflow.distribution}
    assert counts == {"below": 0, "junior": 1, "mid": 0, "senior": 1, "lead": 1}


def test_top_of_the_ladder() -> None:
    fw = ladder()
    result = score(fw, rate(fw, ["lead", "lead", "lead", "lead", "senior"]))
    assert suggested_id(result) == "lead"
    assert result.next_level is None and result.goal is None
    assert explanation(result)[1] == "Lead is the highest level of this framework."
    assert focus_ids(result) == ["accuracy"]  # below the suggested level
    assert result.focus[0].next.id == "lead"


def test_the_json_holds_the_framework_levels_and_areas() -> None:
    fw = ladder()
    result = score(fw, rate(fw, MIXED, target="lead"))
    from ladder_tui.core.presentation.report import render

    # The keys people script against are checked end to end in test_cli; here, what they hold.
    data = json.loads(render(result, "json"))
    assert data["framework"] == {
        "id": "test-ladder",
        "name": "Test Ladder",
        "version": "2",
        "scale": "career",
        "source": None,
        "editorial_levels": False,
    }
    assert data["suggested_level"] == {"id": "mid", "name": "Mid", "index": 1}
    focus = data["focus"][0]
    assert focus["area"] == {"id": "quality", "name": "Quality"}
    assert focus["dimension"] == {"id": "empathy", "name": "Empathy"}
    assert focus["current"]["id"] == "junior" and focus["next"]["id"] == "mid"
    assert focus["current_descriptor"] == ["empathy at junior"]
    assert focus["next_descriptor"] == ["empathy at mid"]
    assert focus["growth"] == ["Review the QA rubric weekly"]
    assert data["pathways"] == [
        {"id": "product", "name": "Product", "description": "Deep product work", "items": ["Beta"]}
    ]
    assert data["areas"][0]["id"] == "workflow" and "distribution" in data["areas"][0]


def test_the_core_does_not_import_textual_or_rich() -> None:
    # Every module of the core (the walk controller, scoring, reports, storage, the importer...), in one process.
    code = (
        "import sys, pkgutil, importlib, ladder_tui.core as core\n"
        "names = [m.name for m in pkgutil.walk_packages(core.__path__, 'ladder_tui.core.')]\n"
        "assert 'ladder_tui.core.domain.walk' in names and 'ladder_tui.core.domain.scoring' in names\n"
        "for name in names: importlib.import_module(name)\n"
        "assert 'textual' not in sys.modules, 'textual'; assert 'rich' not in sys.modules, 'rich'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# ----- property -----

VALUES = ["below", *LEVELS]


@settings(max_examples=200, deadline=None)
@given(
    ratings=st.lists(st.sampled_from([*VALUES, "na", None]), min_size=7, max_size=7),
    which=st.integers(min_value=0, max_value=6),
    drop_to=st.sampled_from(VALUES),
    threshold=st.sampled_from([0.5, 0.6, 0.8, 1.0]),
    max_gap=st.integers(min_value=0, max_value=3),
)
def test_suggested_level_never_rises_when_a_rating_drops(
    ratings: list[str | None], which: int, drop_to: str, threshold: float, max_gap: int
) -> None:
    current = ratings[which]
    # Only a real drop of a level (or "below") rating is a drop; "na" takes a dimension out of the count.
    assume(current in VALUES and VALUES.index(drop_to) < VALUES.index(current))
    fw = ladder(scoring={"threshold": threshold, "max_gap": max_gap})
    before = score(fw, rate(fw, ratings, manager=True))
    lowered = list(ratings)
    lowered[which] = drop_to
    after = score(fw, rate(fw, lowered, manager=True))
    index_before = before.suggested.index if before.suggested and before.suggested.index is not None else -1
    index_after = after.suggested.index if after.suggested and after.suggested.index is not None else -1
    assert index_after <= index_before


# ----------------------------------------------------------------- what it takes (next_step)


def test_next_step_on_the_l1_l5_ladder_names_the_level_how_many_and_which() -> None:
    from conftest import all_keys, builtin_framework

    fw = builtin_framework("customer-support-l1-l5")
    keys = all_keys(fw)
    assessment = new_assessment(fw, "Ana", assessment_id="ana")
    for i, (area, dim) in enumerate(keys):
        assessment.set_rating(area, dim, "self", "l2" if i < 7 else "l3")
    result = score(fw, assessment)
    assert suggested_id(result) == "l2"
    step = result.to_dict()["next_step"]
    assert step["level"]["id"] == "l3" and step["needs"] == 5
    assert [c["dimension"]["id"] for c in step["candidates"]] == [dim for _, dim in keys[:7]]
    assert step["required"] == []
    first = next(dim for area in fw.areas for dim in area.dimensions if dim.id == keys[0][1])
    assert step["candidates"][0]["next"] == list(fw.descriptor(first, "l3"))
    # One of the seven at L1: the same level and count, and that one must reach at least L2 (the gap rule).
    assessment.set_rating(keys[2][0], keys[2][1], "self", "l1")
    step = score(fw, assessment).to_dict()["next_step"]
    assert step["level"]["id"] == "l3" and step["needs"] == 5 and len(step["candidates"]) == 7
    assert [(r["dimension"]["id"], r["at_least"]["id"]) for r in step["required"]] == [(keys[2][1], "l2")]


def test_next_step_on_a_ragged_ladder_counts_only_what_the_level_defines() -> None:
    fw = ladder()
    # A manager at mid everywhere; People is defined only at senior and lead.
    result = score(fw, rate(fw, ["mid"] * 7, manager=True))
    step = result.next_step
    assert step is not None and step.level.id == "senior"
    # Senior counts all seven (People is defined there): ceil(0.8 * 7) = 6 more, all seven candidates.
    assert step.needs == 6 and len(step.candidates) == 7
    # Below a level where People is not defined: junior everywhere, so the next level is mid.
    result = score(fw, rate(fw, ["junior"] * 7, manager=True))
    step = result.next_step
    assert step is not None and step.level.id == "mid"
    assert {c.dimension.id for c in step.candidates} == {dim for _, dim in MAIN}  # coaching, hiring: not at mid
    assert step.needs == 4 and not step.required


def test_next_step_is_null_at_the_top_of_the_ladder() -> None:
    fw = ladder()
    result = score(fw, rate(fw, ["lead"] * 5))
    assert result.next_level is None and result.to_dict()["next_step"] is None


def test_what_it_takes_names_a_few_dimensions_and_counts_the_rest() -> None:
    """The one-line "To reach" names five of the dimensions the gap rule holds back, then how many more (the table
    under it lists every one): a 500-dimension ladder's line was a wall of 95 names."""
    from ladder_tui.core.presentation.document import next_step_line

    names = [f"d{n}" for n in range(1, 13)]
    fw = framework_from_data(
        {
            "id": "wide",
            "name": "Wide",
            "version": "1",
            "levels": [{"id": level, "name": level.capitalize()} for level in LEVELS],
            "areas": [{"id": "all", "name": "All", "dimensions": dims(*names)}],
        }
    )
    assessment = new_assessment(fw, "Ana", assessment_id="ana", target_level="senior")
    for n, name in enumerate(names):
        assessment.set_rating("all", name, "self", "junior" if n < 7 else "senior")
    line = next_step_line(score(fw, assessment))
    assert line == ("To reach Senior", "5 more of these 7 at Senior, and D1, D2, D3, D4, D5 and 2 more at least Mid")
    assessment.set_rating("all", "d6", "self", "mid")
    assessment.set_rating("all", "d7", "self", "mid")
    line = next_step_line(score(fw, assessment))
    assert line == ("To reach Senior", "5 more of these 7 at Senior, and D1, D2, D3, D4, D5 at least Mid")
