"""Scoring (SPEC section 5): suggested level, confidence, explanation, focus areas, strengths, calibration.

`score(framework, assessment)` is pure: it reads the runtime framework and assessment and returns a frozen
`ScoreResult`, which `core.document` turns into the summary every format and the Summary screen render. What
counts as answered, applicable and confident is defined once in `core.rules`; on top of it, exactly:

* Levels are ordered 0..n-1. A dimension's effective rating (`rules.effective_rating`) is a level index, or -1
  for "below the first level"; "not applicable" and unanswered dimensions are not *counted*. Only dimensions of
  the areas that apply are looked at.
* Ragged ladders: a dimension with no descriptor at level L (on a career scale) cannot be judged at L, so
  it is left out of L's check entirely (neither the threshold nor the gap rule sees it), and the explanation
  says how many were left out. On a mastery scale every level has the shared description, so every rated
  dimension counts at every level.
* Level L is reached when L-1 is reached (level 0 has no predecessor), at least one dimension is counted at
  L, at least ``threshold`` of those counted at L are rated L or higher, and none of them is more than
  ``max_gap`` levels below L. The suggested level is the highest reached level, or None ("below <first
  level>").
* Confidence is `rules.Counts.confidence`; the result is provisional when it is under ``provisional_below``.
* Focus: the goal is the target level when one is set above the suggested level, else the next level (at
  the top of the ladder, the suggested level itself). Candidates are counted dimensions rated below the
  goal that are defined at some level between their rating and the goal; first those below the suggested
  level, then the rest; larger gaps first; ties in framework order. Each shows the next defined level above
  its rating. On a mastery scale the focus is the skills rated at the first level (or below), foundational
  (framework order) first, topped up by the general rule when there are fewer than ``focus_count``.
* Strengths: counted dimensions rated above the suggested level, highest first, ties in framework order.
  On a mastery scale: the skills rated at the top level, in framework order.
* Calibration: dimensions whose self and lead ratings are both a level or "below" and differ by a level or
  more, largest difference first, ties in framework order. ``difference`` is lead minus self.
* Area standing: per applicable area, the distribution of counted ratings and their *lower median* (for an
  even number of ratings the lower of the two middle ones, so a single strong rating never lifts an area);
  this is what the per-area charts show. The lowest and highest ratings are given too.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any, NamedTuple

from ladder_tui.core.domain import rules
from ladder_tui.core.domain.assessment import BELOW, NOT_APPLICABLE, Answer, Assessment, Signature, Slot
from ladder_tui.core.domain.framework import Area, Dimension, Framework

#: Tolerance for comparing shares with the threshold (0.7 * 10 is 7.000000000000001 in floating point).
_EPSILON = 1e-9

#: Slots in the order people think of them (for listing notes).
_NOTE_ORDER: tuple[Slot, ...] = ("self", "lead", "agreed")


class Ref(NamedTuple):
    """An area or dimension: id and display name."""

    id: str
    name: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name}


#: The suggested level of an assessment with no rating yet.
NOTHING_RATED = "None yet (nothing rated)"


class Rating(NamedTuple):
    """A level or a rating: ``index`` 0..n-1 for levels, -1 for "below", None for "not applicable"."""

    id: str
    name: str
    index: int | None  # type: ignore[assignment]  # shadows tuple.index on purpose: the level's position
    #: A compact name for tables and explanation lines (the level's `short`); empty when it has none.
    short: str = ""

    @property
    def label(self) -> str:
        """The short name when there is one, else the name."""
        return self.short or self.name

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "index": self.index}


class FrameworkInfo(NamedTuple):
    """Which framework the result is scored against."""

    id: str
    name: str
    version: str
    scale: str
    source: str | None = None
    #: The level descriptions are ladder-tui's words, not the source's (said wherever they are shown).
    editorial_levels: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "version": self.version,
            "scale": self.scale,
            "source": self.source,
            "editorial_levels": self.editorial_levels,
        }


class Note(NamedTuple):
    """A note (evidence) written in one rating slot, and who wrote it (None when not known)."""

    slot: str
    text: str
    by: str | None = None


class DimensionScore(NamedTuple):
    """One applicable dimension: its raw slot values, the rating that scores, and its notes."""

    area: Ref
    dimension: Ref
    self_rating: str | None
    lead: str | None
    agreed: str | None
    #: None when unanswered (nothing usable in any slot).
    effective: Rating | None
    notes: tuple[Note, ...] = ()
    #: Who gave each slot's rating, by slot ("self", "lead", "agreed"), where known.
    rated_by: tuple[tuple[str, str], ...] = ()

    def rater(self, slot: str) -> str | None:
        return dict(self.rated_by).get(slot)

    @property
    def answered(self) -> bool:
        return self.effective is not None

    @property
    def counted(self) -> bool:
        return self.effective is not None and self.effective.index is not None

    def to_dict(self) -> dict[str, Any]:
        return {
            "area": self.area.to_dict(),
            "dimension": self.dimension.to_dict(),
            "self": self.self_rating,
            "lead": self.lead,
            "agreed": self.agreed,
            "effective": self.effective.to_dict() if self.effective else None,
            "rated_by": {slot: self.rater(slot) for slot in _NOTE_ORDER},
            "notes": _notes_dict(self.notes),
            "written_notes": [{"slot": note.slot, "by": note.by, "text": note.text} for note in self.notes],
        }


class Gap(NamedTuple):
    """A counted dimension more than ``max_gap`` levels below a level, which blocks that level."""

    area: Ref
    dimension: Ref
    levels_below: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "area": self.area.to_dict(),
            "dimension": self.dimension.to_dict(),
            "levels_below": self.levels_below,
        }


class LevelCheck(NamedTuple):
    """The test of one level: how many dimensions count there, how many meet it, what blocks it."""

    level: Rating
    #: Counted dimensions defined at this level.
    counted: int
    #: Of those, how many are rated at this level or higher.
    met: int
    #: How many must meet it (ceil(threshold * counted)).
    needed: int
    #: Counted dimensions left out because they have no descriptor at this level (ragged ladders).
    left_out: int
    #: Counted dimensions more than max_gap levels below this level, largest first.
    gaps: tuple[Gap, ...]
    previous_reached: bool
    reached: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.level.to_dict(),
            "reached": self.reached,
            "counted": self.counted,
            "met": self.met,
            "needed": self.needed,
            "left_out": self.left_out,
            "gaps": [gap.to_dict() for gap in self.gaps],
        }


class FocusItem(NamedTuple):
    """A dimension that holds the person back, with the current and the next descriptor."""

    area: Ref
    dimension: Ref
    current: Rating
    next: Rating
    #: Levels between the current rating and the goal level.
    gap: int
    current_descriptor: tuple[str, ...]
    next_descriptor: tuple[str, ...]
    growth: tuple[str, ...]
    notes: tuple[Note, ...] = ()
    #: Chosen by the lead (pinned in the file), beside the rule's own choice.
    pinned: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "area": self.area.to_dict(),
            "dimension": self.dimension.to_dict(),
            "current": self.current.to_dict(),
            "next": self.next.to_dict(),
            "gap": self.gap,
            "pinned": self.pinned,
            "current_descriptor": list(self.current_descriptor),
            "next_descriptor": list(self.next_descriptor),
            "growth": list(self.growth),
            "notes": _notes_dict(self.notes),
        }


class Strength(NamedTuple):
    """A dimension rated above the suggested level (on mastery scales: a mastered skill)."""

    area: Ref
    dimension: Ref
    rating: Rating
    #: Levels above the suggested level (the first level counts as 1 above "below").
    above: int
    descriptor: tuple[str, ...]
    notes: tuple[Note, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "area": self.area.to_dict(),
            "dimension": self.dimension.to_dict(),
            "rating": self.rating.to_dict(),
            "above": self.above,
            "descriptor": list(self.descriptor),
            "notes": _notes_dict(self.notes),
        }


class CalibrationItem(NamedTuple):
    """A dimension where the self and lead ratings differ (by a level or more, or one says "not applicable")."""

    area: Ref
    dimension: Ref
    self_rating: Rating
    lead: Rating
    #: lead minus self, in levels: positive when the lead rated higher; None when one side said "not applicable".
    difference: int | None
    agreed: Rating | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "area": self.area.to_dict(),
            "dimension": self.dimension.to_dict(),
            "self": self.self_rating.to_dict(),
            "lead": self.lead.to_dict(),
            "difference": self.difference,
            "agreed": self.agreed.to_dict() if self.agreed else None,
        }


class LevelCount(NamedTuple):
    """How many of an area's counted dimensions have one rating."""

    rating: Rating
    count: int  # type: ignore[assignment]  # shadows tuple.count on purpose

    def to_dict(self) -> dict[str, Any]:
        return {**self.rating.to_dict(), "count": self.count}


class AreaStanding(NamedTuple):
    """One applicable area: counts, the distribution of ratings, and its lower-median rating (charted)."""

    area: Ref
    dimensions: int
    answered: int
    counted: int
    not_applicable: int
    #: One entry per possible rating: "below" first, then every level in order.
    distribution: tuple[LevelCount, ...]
    #: The lower median of the counted ratings; None when nothing is counted.
    median: Rating | None
    lowest: Rating | None
    highest: Rating | None

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.area.to_dict(),
            "dimensions": self.dimensions,
            "answered": self.answered,
            "counted": self.counted,
            "not_applicable": self.not_applicable,
            "distribution": [item.to_dict() for item in self.distribution],
            "median": self.median.to_dict() if self.median else None,
            "lowest": self.lowest.to_dict() if self.lowest else None,
            "highest": self.highest.to_dict() if self.highest else None,
        }


class ExcludedArea(NamedTuple):
    """An optional area switched off by the answer to its question."""

    area: Ref
    question: str
    prompt: str

    def to_dict(self) -> dict[str, Any]:
        return {**self.area.to_dict(), "question": self.question, "prompt": self.prompt}


class PathwayInfo(NamedTuple):
    """A career pathway the framework points to."""

    id: str
    name: str
    description: str | None
    items: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "description": self.description, "items": list(self.items)}


class ScoringPolicy(NamedTuple):
    """The framework's scoring table as applied."""

    threshold: float
    max_gap: int
    focus_count: int
    provisional_below: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "threshold": self.threshold,
            "max_gap": self.max_gap,
            "focus_count": self.focus_count,
            "provisional_below": self.provisional_below,
        }


class StepCandidate(NamedTuple):
    """A dimension that could count toward the next step's level: rated below it, defined at it."""

    area: Ref
    dimension: Ref
    current: Rating
    #: The level's descriptor for this dimension (what it asks for).
    next_descriptor: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "area": self.area.to_dict(),
            "dimension": self.dimension.to_dict(),
            "current": self.current.to_dict(),
            "next": list(self.next_descriptor),
        }


class StepRequired(NamedTuple):
    """A dimension so far below the next step's level that the gap rule blocks it until it rises to `at_least`."""

    area: Ref
    dimension: Ref
    current: Rating
    at_least: Rating

    def to_dict(self) -> dict[str, Any]:
        return {
            "area": self.area.to_dict(),
            "dimension": self.dimension.to_dict(),
            "current": self.current.to_dict(),
            "at_least": {"id": self.at_least.id, "name": self.at_least.name},
        }


class NextStep(NamedTuple):
    """Exactly what the scoring rule asks for the next level (or the target above it): how many more of the
    candidates must reach it, and which dimensions must rise regardless because of the gap rule."""

    level: Rating
    needs: int
    candidates: tuple[StepCandidate, ...]
    required: tuple[StepRequired, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": {"id": self.level.id, "name": self.level.name},
            "needs": self.needs,
            "candidates": [item.to_dict() for item in self.candidates],
            "required": [item.to_dict() for item in self.required],
        }


class PlanItem(NamedTuple):
    """One action of the development plan, as reports show it (numbered from 1)."""

    n: int
    area: Ref | None
    dimension: Ref | None
    text: str
    owner: str
    due: str | None
    status: str
    carried: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "area": self.area.to_dict() if self.area else None,
            "dimension": self.dimension.to_dict() if self.dimension else None,
            "text": self.text,
            "owner": self.owner,
            "due": self.due,
            "status": self.status,
            "carried": self.carried,
        }


class SignOffInfo(NamedTuple):
    """Each side's signature as (name, ISO date), and the days it was reopened."""

    self_side: tuple[str, str] | None = None
    lead: tuple[str, str] | None = None
    reopened: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        def side(value: tuple[str, str] | None) -> dict[str, str] | None:
            return {"name": value[0], "date": value[1]} if value else None

        return {"self": side(self.self_side), "lead": side(self.lead), "reopened": list(self.reopened)}


class ScoreResult(NamedTuple):
    """Everything the summary shows, computed once; reports and the Summary screen render it."""

    subject: str
    assessment_id: str
    framework: FrameworkInfo
    mode: str
    updated: str
    policy: ScoringPolicy
    levels: tuple[Rating, ...]
    #: The highest reached level; None means "below the first level".
    suggested: Rating | None
    #: The first level not reached; None when the top level is reached.
    next_level: Rating | None
    #: The target level set on the assessment (None when unset or naming an unknown level).
    target: Rating | None
    #: The level the focus areas lead to: the target when above the suggested level, else the next level.
    goal: Rating | None
    confidence: float
    provisional: bool
    #: Dimensions of the areas that apply; `applicable` leaves out those marked not applicable (`rules.Counts`).
    total: int
    applicable: int
    answered: int
    counted: int
    not_applicable: int
    checks: tuple[LevelCheck, ...]
    focus: tuple[FocusItem, ...]
    strengths: tuple[Strength, ...]
    calibration: tuple[CalibrationItem, ...]
    areas: tuple[AreaStanding, ...]
    excluded_areas: tuple[ExcludedArea, ...]
    pathways: tuple[PathwayInfo, ...]
    dimensions: tuple[DimensionScore, ...]
    #: When both the agent and the lead rated: what each one's ratings alone suggest (calibration at a glance).
    sides: tuple[tuple[str, Rating | None], ...] = ()
    #: What it takes to reach the goal level; None at the top of the ladder (or with nothing rated).
    next_step: NextStep | None = None
    #: The development plan the two agreed on.
    plan: tuple[PlanItem, ...] = ()
    #: The lead's overall comment, and who signed the outcome off.
    comment: str | None = None
    signoff: SignOffInfo = SignOffInfo()

    @property
    def suggested_label(self) -> str:
        """The suggested level's name, "Below <first level>", or "None yet" while nothing is rated (an empty
        assessment is not evidence of being below the first level)."""
        if self.suggested is None and self.counted == 0:
            return NOTHING_RATED
        return self.suggested.name if self.suggested else below_name(self.levels[0].name)

    @property
    def is_mastery(self) -> bool:
        return self.framework.scale == "mastery"

    def to_dict(self) -> dict[str, Any]:
        """JSON-able data with stable keys (the contract of `summary --format json`)."""
        return {
            "subject": self.subject,
            "assessment_id": self.assessment_id,
            "framework": self.framework.to_dict(),
            "mode": self.mode,
            "updated": self.updated,
            "suggested_level": self.suggested.to_dict() if self.suggested else None,
            "suggested_label": self.suggested_label,
            "next_level": self.next_level.to_dict() if self.next_level else None,
            "target_level": self.target.to_dict() if self.target else None,
            "goal_level": self.goal.to_dict() if self.goal else None,
            "confidence": self.confidence,
            "provisional": self.provisional,
            "total": self.total,
            "applicable": self.applicable,
            "answered": self.answered,
            "counted": self.counted,
            "not_applicable": self.not_applicable,
            "scoring": self.policy.to_dict(),
            "levels": [check.to_dict() for check in self.checks],
            "focus": [item.to_dict() for item in self.focus],
            "strengths": [item.to_dict() for item in self.strengths],
            "calibration": [item.to_dict() for item in self.calibration],
            "areas": [item.to_dict() for item in self.areas],
            "excluded_areas": [item.to_dict() for item in self.excluded_areas],
            "pathways": [item.to_dict() for item in self.pathways],
            "dimensions": [item.to_dict() for item in self.dimensions],
            "sides": {slot: rating.to_dict() if rating else None for slot, rating in self.sides},
            "next_step": self.next_step.to_dict() if self.next_step else None,
            "plan": [item.to_dict() for item in self.plan],
            "comment": self.comment,
            "signoff": self.signoff.to_dict(),
        }


def below_name(first_level_name: str) -> str:
    return f"Below {first_level_name}"


def _notes_dict(notes: tuple[Note, ...]) -> dict[str, str]:
    """Each slot's notes, everyone's together (`written_notes` has them one by one, with who wrote each)."""
    joined: dict[str, list[str]] = {}
    for note in notes:
        joined.setdefault(note.slot, []).append(note.text)
    return {slot: "\n\n".join(texts) for slot, texts in joined.items()}


# ----- the computation -----


class _Row(NamedTuple):
    """A counted dimension, as the level checks see it."""

    order: int
    area: Area
    dim: Dimension
    area_ref: Ref
    dim_ref: Ref
    index: int  # type: ignore[assignment]  # the rating's level index, as in Rating
    notes: tuple[Note, ...]


class _Scorer:
    def __init__(self, framework: Framework, assessment: Assessment, *, with_sides: bool = True) -> None:
        self.fw = framework
        self.assessment = assessment
        self.with_sides = with_sides
        self.mastery = framework.scale == "mastery"
        self.levels = tuple(
            Rating(level.id, level.name, index, level.short or "") for index, level in enumerate(framework.levels)
        )
        self.index_of = {level.id: index for index, level in enumerate(framework.levels)}
        first = framework.levels[0]
        self.below = Rating(BELOW, below_name(first.name), -1, below_name(first.short) if first.short else "")
        self.na = Rating(NOT_APPLICABLE, "Not applicable", None)
        self.policy = ScoringPolicy(
            threshold=framework.scoring.threshold,
            max_gap=framework.scoring.max_gap,
            focus_count=framework.scoring.focus_count,
            provisional_below=framework.scoring.provisional_below,
        )

    # -- ratings --

    def rating(self, value: str | None) -> Rating | None:
        """An answer as a Rating; None for no answer, a skip, or an unknown level (`rules.is_answer`)."""
        if not rules.is_answer(self.fw, value):
            return None
        if value == BELOW:
            return self.below
        if value == NOT_APPLICABLE:
            return self.na
        assert value is not None
        return self.levels[self.index_of[value]]

    def level_rating(self, index: int) -> Rating:
        return self.below if index < 0 else self.levels[index]

    def effective(self, answer: Answer | None) -> Rating | None:
        return self.rating(rules.effective_rating(self.fw, answer))

    def defined_at(self, dim: Dimension, index: int) -> bool:
        return self.fw.defined_at(dim, self.fw.levels[index].id)

    def descriptor(self, dim: Dimension, rating: Rating) -> tuple[str, ...]:
        if rating.index is None or rating.index < 0:
            return ()
        return self.fw.descriptor(dim, rating.id)

    # -- the whole result --

    def run(self) -> ScoreResult:
        fw, assessment = self.fw, self.assessment
        applicable = list(rules.applicable_dimensions(fw, assessment))
        dimensions: list[DimensionScore] = []
        for area, dim in applicable:
            answer = assessment.answer(area.id, dim.id)
            notes: tuple[Note, ...] = ()
            rated_by: tuple[tuple[str, str], ...] = ()
            if answer is not None:
                if answer.notes:  # in slot order (self, lead, agreed), each slot's as written
                    ordered = sorted(answer.notes, key=lambda n: _NOTE_ORDER.index(n.slot))
                    notes = tuple(Note(n.slot, n.text, n.by) for n in ordered)
                if answer.rated_by:
                    rated_by = tuple((slot, by) for slot in _NOTE_ORDER if (by := answer.rated_by.get(slot)))
            dimensions.append(
                DimensionScore(
                    Ref(area.id, area.name),
                    Ref(dim.id, dim.name),
                    answer.self_rating if answer else None,
                    answer.lead if answer else None,
                    answer.agreed if answer else None,
                    self.effective(answer),
                    notes,
                    rated_by,
                )
            )
        rows = self.counted(applicable, ((item.effective, item.notes) for item in dimensions))
        checks = self.checks(rows)
        suggested = self.suggested(checks)
        s_index = suggested.index if suggested is not None and suggested.index is not None else -1
        next_level = self.levels[s_index + 1] if s_index + 1 < len(self.levels) else None
        target: Rating | None = None
        if assessment.target_level is not None and assessment.target_level in self.index_of:
            target = self.levels[self.index_of[assessment.target_level]]
        goal = target if target is not None and target.index is not None and target.index > s_index else next_level

        tally = rules.counts(fw, assessment)
        answered, not_applicable, confidence = tally.answered, tally.not_applicable, tally.confidence

        return ScoreResult(
            subject=assessment.subject,
            assessment_id=assessment.id,
            framework=FrameworkInfo(
                fw.id,
                fw.name,
                fw.version,
                fw.scale,
                f"{fw.source.title} ({fw.source.credit})" if fw.source else None,
                fw.editorial_levels,
            ),
            mode=assessment.mode,
            updated=assessment.updated.isoformat(),
            policy=self.policy,
            levels=self.levels,
            suggested=suggested,
            next_level=next_level,
            target=target,
            goal=goal,
            confidence=confidence,
            provisional=confidence < self.policy.provisional_below,
            total=tally.total,
            applicable=tally.applicable,
            answered=answered,
            counted=len(rows),
            not_applicable=not_applicable,
            checks=checks,
            focus=self.focus(rows, s_index, goal),
            strengths=self.strengths(rows, s_index),
            calibration=self.calibration(applicable),
            sides=self.sides(applicable) if self.with_sides else (),
            areas=self.areas(dimensions),
            excluded_areas=self.excluded(),
            pathways=tuple(
                PathwayInfo(pathway.id, pathway.name, pathway.description, tuple(pathway.items))
                for pathway in fw.pathways
            ),
            dimensions=tuple(dimensions),
            next_step=self.next_step(rows, goal),
            plan=self.plan(),
            comment=assessment.comment,
            signoff=self.signoff(),
        )

    def signoff(self) -> SignOffInfo:
        signed = self.assessment.signoff

        def side(signature: Signature | None) -> tuple[str, str] | None:
            return (signature.name, signature.date.isoformat()) if signature else None

        return SignOffInfo(side(signed.self_side), side(signed.lead), tuple(d.isoformat() for d in signed.reopened))

    def plan(self) -> tuple[PlanItem, ...]:
        names = {
            (area.id, dim.id): (Ref(area.id, area.name), Ref(dim.id, dim.name))
            for area in self.fw.areas
            for dim in area.dimensions
        }
        items = []
        for n, action in enumerate(self.assessment.plan, start=1):
            refs = names.get((action.area or "", action.dimension or ""))
            if refs is None and action.area and action.dimension:
                refs = (
                    Ref(action.area, action.area),
                    Ref(action.dimension, action.dimension),
                )  # gone from the framework
            items.append(
                PlanItem(
                    n,
                    refs[0] if refs else None,
                    refs[1] if refs else None,
                    action.text,
                    action.owner,
                    action.due.isoformat() if action.due else None,
                    action.status,
                    action.carried,
                )
            )
        return tuple(items)

    # -- levels --

    def next_step(self, rows: list[_Row], goal: Rating | None) -> NextStep | None:
        """The goal level's check, turned round: of the counted dimensions defined at it, how many more must reach
        it (the threshold over those counted), which could (each one below it), and which the gap rule holds back
        (more than `max_gap` below it) until they reach at least `max_gap` below it."""
        if goal is None or goal.index is None or not rows:
            return None
        index = goal.index
        at_level = [row for row in rows if self.defined_at(row.dim, index)]
        if not at_level:
            return None
        met = sum(1 for row in at_level if row.index >= index)
        needed = math.ceil(self.policy.threshold * len(at_level) - _EPSILON)
        below = [row for row in at_level if row.index < index]
        candidates = tuple(
            StepCandidate(row.area_ref, row.dim_ref, self.level_rating(row.index), self.fw.descriptor(row.dim, goal.id))
            for row in below
        )
        floor = index - self.policy.max_gap
        required = tuple(
            StepRequired(row.area_ref, row.dim_ref, self.level_rating(row.index), self.level_rating(floor))
            for row in below
            if row.index < floor
        )
        return NextStep(goal, max(0, needed - met), candidates, required)

    def checks(self, rows: list[_Row]) -> tuple[LevelCheck, ...]:
        checks: list[LevelCheck] = []
        previous_reached = True
        for level in self.levels:
            index = level.index
            assert index is not None
            at_level = [row for row in rows if self.defined_at(row.dim, index)]
            met = sum(1 for row in at_level if row.index >= index)
            counted = len(at_level)
            needed = math.ceil(self.policy.threshold * counted - _EPSILON) if counted else 0
            gaps = sorted(
                (
                    (index - row.index, row.order, Gap(row.area_ref, row.dim_ref, index - row.index))
                    for row in at_level
                    if index - row.index > self.policy.max_gap
                ),
                key=lambda item: (-item[0], item[1]),
            )
            reached = previous_reached and counted > 0 and met >= needed and not gaps
            checks.append(
                LevelCheck(
                    level=level,
                    counted=counted,
                    met=met,
                    needed=needed,
                    left_out=len(rows) - counted,
                    gaps=tuple(gap for _, _, gap in gaps),
                    previous_reached=previous_reached,
                    reached=reached,
                )
            )
            previous_reached = reached
        return tuple(checks)

    @staticmethod
    def counted(
        applicable: list[tuple[Area, Dimension]], rated: Iterable[tuple[Rating | None, tuple[Note, ...]]]
    ) -> list[_Row]:
        """The dimensions whose effective rating is a level (or below the first), with their notes: what the level
        checks count. `rated` holds each applicable dimension's effective rating and notes, in order."""
        return [
            _Row(order, area, dim, Ref(area.id, area.name), Ref(dim.id, dim.name), effective.index, notes)
            for order, ((area, dim), (effective, notes)) in enumerate(zip(applicable, rated, strict=True))
            if effective is not None and effective.index is not None
        ]

    @staticmethod
    def suggested(checks: tuple[LevelCheck, ...]) -> Rating | None:
        """The highest level reached (each check requires the one below it)."""
        reached = [check for check in checks if check.reached]
        return reached[-1].level if reached else None

    # -- focus and strengths --

    def next_defined(self, row: _Row, limit: int) -> int | None:
        """The lowest level above the row's rating, up to `limit`, at which its dimension is defined."""
        for index in range(row.index + 1, limit + 1):
            if self.defined_at(row.dim, index):
                return index
        return None

    def focus_item(self, row: _Row, next_index: int, goal_index: int) -> FocusItem:
        current = self.level_rating(row.index)
        nxt = self.levels[next_index]
        return FocusItem(
            area=row.area_ref,
            dimension=row.dim_ref,
            current=current,
            next=nxt,
            gap=max(goal_index, next_index) - row.index,
            current_descriptor=self.descriptor(row.dim, current),
            next_descriptor=self.descriptor(row.dim, nxt),
            growth=tuple(row.area.growth),
            notes=row.notes,
        )

    def focus(self, rows: list[_Row], s_index: int, goal: Rating | None) -> tuple[FocusItem, ...]:
        limit = self.policy.focus_count
        goal_index = goal.index if goal is not None and goal.index is not None else s_index
        chosen: list[FocusItem] = []
        seen: set[int] = set()
        if self.mastery:
            # Rookie skills (and any below rookie) first, foundational (framework order) first.
            for row in rows:
                if len(chosen) >= limit:
                    break
                if row.index <= 0 and row.index + 1 < len(self.levels):
                    chosen.append(self.focus_item(row, row.index + 1, max(goal_index, row.index + 1)))
                    seen.add(row.order)
        candidates: list[tuple[int, int, int, _Row, int]] = []
        for row in rows:
            if row.order in seen or row.index >= goal_index:
                continue
            next_index = self.next_defined(row, goal_index)
            if next_index is None:
                continue  # not defined anywhere up to the goal: it cannot hold the person back from it
            group = 0 if row.index < s_index else 1
            candidates.append((group, -(goal_index - row.index), row.order, row, next_index))
        candidates.sort(key=lambda item: item[:3])
        for _, _, _, row, next_index in candidates:
            if len(chosen) >= limit:
                break
            chosen.append(self.focus_item(row, next_index, goal_index))
        # The lead's pins: marked where the rule chose them too, else added after the rule's own (in file order).
        pins = set(self.assessment.focus_pins)
        chosen = [item._replace(pinned=True) if (item.area.id, item.dimension.id) in pins else item for item in chosen]
        have = {(item.area.id, item.dimension.id) for item in chosen}
        by_key = {(row.area.id, row.dim.id): row for row in rows}
        for key in self.assessment.focus_pins:
            pinned = by_key.get(key)
            if pinned is None or key in have or pinned.index + 1 >= len(self.levels):
                continue  # not rated, already shown, or at the top: nothing to work toward
            next_index = self.next_defined(pinned, len(self.levels) - 1)
            if next_index is not None:
                chosen.append(self.focus_item(pinned, next_index, max(goal_index, next_index))._replace(pinned=True))
                have.add(key)
        return tuple(chosen)

    def strengths(self, rows: list[_Row], s_index: int) -> tuple[Strength, ...]:
        if self.mastery:
            top = len(self.levels) - 1
            picked = [row for row in rows if row.index == top]
        else:
            picked = sorted((row for row in rows if row.index > s_index), key=lambda row: (-row.index, row.order))
        result = []
        for row in picked:
            rating = self.level_rating(row.index)
            result.append(
                Strength(
                    row.area_ref,
                    row.dim_ref,
                    rating,
                    max(row.index - s_index, 0),
                    self.descriptor(row.dim, rating),
                    row.notes,
                )
            )
        return tuple(result)

    # -- calibration, areas --

    def calibration(self, applicable: list[tuple[Area, Dimension]]) -> tuple[CalibrationItem, ...]:
        items: list[tuple[int, int, CalibrationItem]] = []
        for order, (area, dim) in enumerate(applicable):
            answer = self.assessment.answer(area.id, dim.id)
            if answer is None or not rules.disagree(self.fw, answer):
                continue
            own = self.rating(answer.self_rating)
            lead = self.rating(answer.lead)
            if own is None or lead is None:
                continue
            # No distance in levels when one side says "not applicable": listed first, as the widest difference.
            difference = None if own.index is None or lead.index is None else lead.index - own.index
            agreed = self.rating(answer.agreed)
            items.append(
                (
                    -abs(difference) if difference is not None else -len(self.levels) - 1,
                    order,
                    CalibrationItem(Ref(area.id, area.name), Ref(dim.id, dim.name), own, lead, difference, agreed),
                )
            )
        items.sort(key=lambda item: item[:2])
        return tuple(item for _, _, item in items)

    def sides(self, applicable: list[tuple[Area, Dimension]]) -> tuple[tuple[str, Rating | None], ...]:
        """Each side's own suggested level, when both the agent (self) and the lead have rated."""
        slots: tuple[Slot, ...] = ("self", "lead")
        rated = {
            slot
            for area, dim in applicable
            for slot in slots
            if rules.rating_in(self.fw, self.assessment.answer(area.id, dim.id), slot) is not None
        }
        if rated != set(slots):
            return ()
        return tuple((slot, self.suggested_alone(slot, applicable)) for slot in slots)

    def suggested_alone(self, slot: Slot, applicable: list[tuple[Area, Dimension]]) -> Rating | None:
        """The level one side's ratings alone would suggest: the assessment holding that slot only, through the same
        rows and checks as the whole result (and nothing else the result holds)."""
        alone = _Scorer(self.fw, self.assessment.only_slot(slot))
        answer = alone.assessment.answer
        rows = alone.counted(applicable, ((alone.effective(answer(area.id, dim.id)), ()) for area, dim in applicable))
        return alone.suggested(alone.checks(rows))

    def areas(self, dimensions: list[DimensionScore]) -> tuple[AreaStanding, ...]:
        result: list[AreaStanding] = []
        by_area: dict[str, list[DimensionScore]] = {}
        for item in dimensions:
            by_area.setdefault(item.area.id, []).append(item)
        for area in self._applicable_areas():
            items = by_area.get(area.id, [])
            indices = sorted(
                item.effective.index
                for item in items
                if item.effective is not None and item.effective.index is not None
            )
            distribution = tuple(
                LevelCount(rating, sum(1 for value in indices if value == rating.index))
                for rating in (self.below, *self.levels)
            )
            median = self.level_rating(indices[(len(indices) - 1) // 2]) if indices else None
            tally = rules.area_counts(self.fw, self.assessment, area)
            result.append(
                AreaStanding(
                    area=Ref(area.id, area.name),
                    dimensions=tally.total,
                    answered=tally.answered,
                    counted=len(indices),
                    not_applicable=tally.not_applicable,
                    distribution=distribution,
                    median=median,
                    lowest=self.level_rating(indices[0]) if indices else None,
                    highest=self.level_rating(indices[-1]) if indices else None,
                )
            )
        return tuple(result)

    def _applicable_areas(self) -> list[Area]:
        return self.fw.applicable_areas(self.assessment.questions)

    def excluded(self) -> tuple[ExcludedArea, ...]:
        applicable = {area.id for area in self._applicable_areas()}
        prompts = {question.id: question.prompt for question in self.fw.questions}
        return tuple(
            ExcludedArea(Ref(area.id, area.name), area.applies_if or "", prompts.get(area.applies_if or "", ""))
            for area in self.fw.areas
            if area.id not in applicable
        )


def score(framework: Framework, assessment: Assessment, *, sides: bool = True) -> ScoreResult:
    """Score `assessment` against `framework` (SPEC section 5); pure, never touches the disk.

    `sides=False` leaves out each side's own suggested level (two more scorings of the assessment), for views that
    never show it: the team roll-up scores every person and shows only the result that counts."""
    return _Scorer(framework, assessment, with_sides=sides).run()
