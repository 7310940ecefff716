"""The rules about answers, each defined once; the walk, Home, `list`, the summary and scoring all read them here.

* **Effective rating**: agreed, else lead, else self; the first of those slots that holds an answer.
* **Answered**: a level of the framework, "below the first level" or "not applicable". A skip, an untouched
  dimension, and a rating naming a level the framework no longer has are unanswered (such a rating stays in the
  file, and is not scored).
* **Applicable**: the dimensions of the areas that apply (optional areas follow the framework's questions), minus
  those answered "not applicable".
* **Progress** = answered / dimensions of the areas that apply (what `list` shows as `7/25`).
* **Confidence** = (answered - not applicable) / applicable: the share of applicable dimensions with a rating that
  counts (0 when nothing applies).
* **Resume point**: the first unanswered dimension in framework order (a skipped one is asked again).
* **Disagreement**: self and lead both answered the dimension (a level, "below the first level" or "not
  applicable") and not alike: one side's "not applicable" against the other's level is a difference to talk over
  too. This is what the summary's calibration lists and what pair mode's "differences only" walks.

Home, `list` and the summary read the effective rating (`slot=None`); the walk reads the slot its session writes
(self mode: self, lead mode: lead, pair mode: agreed), with the same rules.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import NamedTuple, Protocol

from ladder_tui.core.domain.assessment import BELOW, NOT_APPLICABLE, SKIPPED, SLOTS, Answer, Assessment, Slot
from ladder_tui.core.domain.framework import Area, Dimension, Framework
from ladder_tui.core.presentation.text import plural

#: The slots in the order that decides the effective rating.
PRECEDENCE: tuple[Slot, ...] = ("agreed", "lead", "self")


def is_answer(framework: Framework, value: str | None) -> bool:
    """Whether a stored value answers a dimension: a level the framework has, "below", or "not applicable"."""
    return value is not None and (value in (BELOW, NOT_APPLICABLE) or framework.has_level(value))


def effective_rating(framework: Framework, answer: Answer | None) -> str | None:
    """The rating that scores: agreed, else lead, else self (the first that is an answer); None when there is none."""
    if answer is None:
        return None
    for slot in PRECEDENCE:
        value = answer.rating(slot)
        if is_answer(framework, value):
            return value
    return None


def rating_in(framework: Framework, answer: Answer | None, slot: Slot | None) -> str | None:
    """The answer a view counts: the effective rating (`slot` None), or one slot's value when it is an answer."""
    if slot is None:
        return effective_rating(framework, answer)
    value = answer.rating(slot) if answer is not None else None
    return value if is_answer(framework, value) else None


def disagree(framework: Framework, answer: Answer | None) -> bool:
    """Self and lead both answered (a level, "below" or "not applicable") and answered differently."""
    if answer is None:
        return False
    own, lead = answer.self_rating, answer.lead
    return is_answer(framework, own) and is_answer(framework, lead) and own != lead


def applicable_dimensions(framework: Framework, assessment: Assessment) -> Iterator[tuple[Area, Dimension]]:
    """(area, dimension) for every dimension of the areas that apply, in framework order."""
    for area in framework.applicable_areas(assessment.questions):
        for dim in area.dimensions:
            yield area, dim


class Counts(NamedTuple):
    """How far an assessment is, by the rules above."""

    #: Dimensions of the areas that apply.
    total: int
    answered: int
    not_applicable: int

    @property
    def applicable(self) -> int:
        return self.total - self.not_applicable

    @property
    def rated(self) -> int:
        """Answered with a rating that counts (a level or "below")."""
        return self.answered - self.not_applicable

    @property
    def progress(self) -> str:
        """Answered / total, as `list` prints it."""
        return f"{self.answered}/{self.total}"

    @property
    def confidence(self) -> float:
        return self.rated / self.applicable if self.applicable else 0.0


def area_counts(framework: Framework, assessment: Assessment, area: Area, slot: Slot | None = None) -> Counts:
    """Total, answered and not-applicable dimensions of one area, reading the effective rating or one slot."""
    answered = not_applicable = 0
    # The walk counts after every key press: an area's answers are looked up once, and untouched areas skipped.
    stored = assessment.answers.get(area.id)
    if stored:
        for dim in area.dimensions:
            value = rating_in(framework, stored.get(dim.id), slot)
            if value is not None:
                answered += 1
                not_applicable += value == NOT_APPLICABLE
    return Counts(len(area.dimensions), answered, not_applicable)


def counts(framework: Framework, assessment: Assessment, slot: Slot | None = None) -> Counts:
    """Total, answered and not-applicable dimensions of the areas that apply, reading the effective rating or one
    slot."""
    total = answered = not_applicable = 0
    for area in framework.applicable_areas(assessment.questions):
        part = area_counts(framework, assessment, area, slot)
        total, answered = total + part.total, answered + part.answered
        not_applicable += part.not_applicable
    return Counts(total, answered, not_applicable)


def resume_point(framework: Framework, assessment: Assessment, slot: Slot | None = None) -> tuple[str, str] | None:
    """The first unanswered dimension in framework order, as (area id, dimension id); None when all are answered."""
    for area, dim in applicable_dimensions(framework, assessment):
        if rating_in(framework, assessment.answer(area.id, dim.id), slot) is None:
            return area.id, dim.id
    return None


def unanswered(framework: Framework, assessment: Assessment, slot: Slot | None = None) -> list[tuple[str, str]]:
    """Every unanswered dimension (skipped ones included), in framework order."""
    return [
        (area.id, dim.id)
        for area, dim in applicable_dimensions(framework, assessment)
        if rating_in(framework, assessment.answer(area.id, dim.id), slot) is None
    ]


def slot_counts(framework: Framework, assessment: Assessment) -> dict[Slot, int]:
    """How many applicable dimensions each slot has answered (the "Who is rating?" question shows these)."""
    result: dict[Slot, int] = dict.fromkeys(SLOTS, 0)
    for area, dim in applicable_dimensions(framework, assessment):
        answer = assessment.answer(area.id, dim.id)
        for slot in SLOTS:
            if rating_in(framework, answer, slot) is not None:
                result[slot] += 1
    return result


def rated_by_others(framework: Framework, assessment: Assessment) -> bool:
    """Whether anyone but the agent has answered a dimension (the lead or the agreed slot; a skip or a note is no
    answer): a new sitting must then say who is rating (SPEC section 4), with the counts `slot_counts` gives."""
    by_slot = slot_counts(framework, assessment)
    return by_slot["lead"] > 0 or by_slot["agreed"] > 0


class NamedLevel(Protocol):
    """A level as views hold it: a framework's `Level`, or a scored `Rating`."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def label(self) -> str: ...


def answer_label(levels: Sequence[NamedLevel], value: str | None, *, short: bool = False) -> str:
    """How a stored value reads, in every view and format: "3 Advanced" (short: "3 Adv"), "below Junior" (short:
    "below"), "not applicable" ("n/a"), "skipped", "—" for none, and a value naming no level as it is, marked."""
    if value is None:
        return "—"
    if value == BELOW:
        return "below" if short else f"below {levels[0].name}"
    if value == NOT_APPLICABLE:
        return "n/a" if short else "not applicable"
    if value == SKIPPED:
        return "skipped"
    index = next((i for i, level in enumerate(levels) if level.id == value), None)
    if index is None:
        return f"{value}?" if short else f"{value} (not a level of this framework)"
    level = levels[index]
    return f"{index + 1} {level.label if short else level.name}"


def orphans(framework: Framework, assessment: Assessment) -> list[tuple[str, str]]:
    """Answers kept in the file for dimensions the framework no longer has."""
    known = {(area.id, dim.id) for area in framework.areas for dim in area.dimensions}
    return [
        (area_id, dim_id)
        for area_id, dims in assessment.answers.items()
        for dim_id in dims
        if (area_id, dim_id) not in known
    ]


def unknown_ratings(framework: Framework, assessment: Assessment) -> list[tuple[str, str, Slot, str]]:
    """Ratings naming a level the framework does not have: (area, dimension, slot, value); kept, not scored."""
    found: list[tuple[str, str, Slot, str]] = []
    for area_id, dims in assessment.answers.items():
        for dim_id, answer in dims.items():
            for slot in SLOTS:
                value = answer.rating(slot)
                if value is not None and value != SKIPPED and not is_answer(framework, value):
                    found.append((area_id, dim_id, slot, value))
    return found


#: A warning names at most this many things; the count says how many there are in all.
WARNING_NAMES = 5


def first_few(names: list[str], limit: int = WARNING_NAMES) -> str:
    """The first few names, each cut to a readable length, and how many more: a warning stays one short line however
    many things it is about (a file with 400,000 orphans)."""
    shown = [name if len(name) <= 80 else name[:79] + "…" for name in names[:limit]]
    more = len(names) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more else "")


def framework_warnings(framework: Framework, assessment: Assessment) -> list[str]:
    """What changed in the framework since the assessment was saved, and what in it the framework cannot use.

    Every answer is kept either way; these are said once when the assessment is opened or summarised."""
    warnings: list[str] = []
    ref = assessment.framework
    if ref.hash and ref.hash != framework.content_hash:
        warnings.append(
            f"framework {framework.id!r} changed since this assessment was saved "
            f"(version {ref.version} -> {framework.version}); every answer is kept"
        )
    lost = orphans(framework, assessment)
    if lost:
        listed = first_few([f"{area} > {dim}" for area, dim in lost])
        warnings.append(
            f"{plural(len(lost), 'answer')} for dimensions the framework no longer has, kept in the file: {listed}"
        )
    invalid = unknown_ratings(framework, assessment)
    if invalid:
        listed = first_few([f"{a} > {d} ({slot}: {value!r})" for a, d, slot, value in invalid])
        warnings.append(
            f"{plural(len(invalid), 'rating')} {'names a level' if len(invalid) == 1 else 'name levels'} "
            f"the framework no longer has, kept but not scored: {listed}"
        )
    if assessment.target_level is not None and not framework.has_level(assessment.target_level):
        levels = first_few(list(framework.level_ids))
        warnings.append(
            f"target level {assessment.target_level!r} is not a level of {framework.id!r} (levels: {levels}); "
            "no target is used"
        )
    return warnings
