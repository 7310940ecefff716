"""What scoring reads of a framework and an assessment (protocols), the rules every reader shares, and light views.

The pydantic models in `core.framework` and `core.assessment` satisfy these protocols, and so do the light views
below, which `summary` builds without importing pydantic (see `core.fastpath`): pydantic and building its models
cost several times what the rest of `summary` does. This module imports nothing beyond the standard library.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, Literal, NamedTuple, Protocol, TypeVar

Mode = Literal["self", "lead", "pair"]
Slot = Literal["self", "lead", "agreed"]
MODES: tuple[Mode, ...] = ("self", "lead", "pair")
SLOTS: tuple[Slot, ...] = ("self", "lead", "agreed")

#: Answers that are not a level.
BELOW = "below"
NOT_APPLICABLE = "na"
SKIPPED = "skip"
SPECIAL_ANSWERS = (BELOW, NOT_APPLICABLE, SKIPPED)

ASSESSMENT_KIND = "ladder-tui assessment"


# ----- what a framework offers -----


class LevelLike(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def short(self) -> str | None: ...
    @property
    def description(self) -> str | None: ...


class DimensionLike(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def levels(self) -> Mapping[str, str | Sequence[str]]: ...


class AreaLike(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def applies_if(self) -> str | None: ...
    @property
    def growth(self) -> Sequence[str]: ...
    @property
    def dimensions(self) -> Sequence[DimensionLike]: ...


class QuestionLike(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def prompt(self) -> str: ...
    @property
    def default(self) -> bool: ...


class ScoringLike(Protocol):
    @property
    def threshold(self) -> float: ...
    @property
    def max_gap(self) -> int: ...
    @property
    def focus_count(self) -> int: ...
    @property
    def provisional_below(self) -> float: ...


class SourceLike(Protocol):
    @property
    def title(self) -> str: ...
    @property
    def credit(self) -> str: ...


class PathwayLike(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def description(self) -> str | None: ...
    @property
    def items(self) -> Sequence[str]: ...


class FrameworkLike(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def version(self) -> str: ...
    @property
    def scale(self) -> str: ...
    @property
    def source(self) -> SourceLike | None: ...
    @property
    def levels(self) -> Sequence[LevelLike]: ...
    @property
    def questions(self) -> Sequence[QuestionLike]: ...
    @property
    def scoring(self) -> ScoringLike: ...
    @property
    def areas(self) -> Sequence[AreaLike]: ...
    @property
    def pathways(self) -> Sequence[PathwayLike]: ...


# ----- what an assessment offers -----


class AnswerLike(Protocol):
    @property
    def self_rating(self) -> str | None: ...
    @property
    def lead(self) -> str | None: ...
    @property
    def agreed(self) -> str | None: ...
    @property
    def self_note(self) -> str | None: ...
    @property
    def lead_note(self) -> str | None: ...
    @property
    def agreed_note(self) -> str | None: ...


class FrameworkRefLike(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def version(self) -> str: ...
    @property
    def hash(self) -> str: ...
    @property
    def path(self) -> str | None: ...


class AssessmentLike(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def subject(self) -> str: ...
    @property
    def mode(self) -> str: ...
    @property
    def updated(self) -> datetime: ...
    @property
    def target_level(self) -> str | None: ...
    @property
    def questions(self) -> Mapping[str, bool]: ...
    @property
    def framework(self) -> FrameworkRefLike: ...
    @property
    def answers(self) -> Mapping[str, Mapping[str, AnswerLike]]: ...


# ----- rules shared by the models and the views -----

AreaT = TypeVar("AreaT", bound=AreaLike)


def applicable_areas(
    areas: Sequence[AreaT], questions: Sequence[QuestionLike], answers: Mapping[str, bool]
) -> list[AreaT]:
    """The areas that apply given the answers to the framework's questions (unanswered: the question's default)."""
    defaults = {question.id: question.default for question in questions}
    return [
        area
        for area in areas
        if area.applies_if is None or answers.get(area.applies_if, defaults.get(area.applies_if, False))
    ]


def applicable_dimensions(
    framework: FrameworkLike, answers: Mapping[str, bool]
) -> list[tuple[AreaLike, DimensionLike]]:
    """(area, dimension) for every dimension that applies, in framework order."""
    return [
        (area, dim)
        for area in applicable_areas(framework.areas, framework.questions, answers)
        for dim in area.dimensions
    ]


def descriptor(framework: FrameworkLike, dimension: DimensionLike, level_id: str) -> list[str]:
    """The statements describing `dimension` at `level_id`; on mastery scales falls back to the level's text."""
    value = dimension.levels.get(level_id)
    if value is None:
        if framework.scale == "mastery":
            for level in framework.levels:
                if level.id == level_id:
                    return [level.description] if level.description else []
        return []
    return [value] if isinstance(value, str) else list(value)


def slot_rating(answer: AnswerLike, slot: Slot) -> str | None:
    return answer.self_rating if slot == "self" else answer.lead if slot == "lead" else answer.agreed


def slot_note(answer: AnswerLike, slot: Slot) -> str | None:
    return answer.self_note if slot == "self" else answer.lead_note if slot == "lead" else answer.agreed_note


def answer_of(assessment: AssessmentLike, area_id: str, dimension_id: str) -> AnswerLike | None:
    dims = assessment.answers.get(area_id)
    return dims.get(dimension_id) if dims is not None else None


def orphans(assessment: AssessmentLike, framework: FrameworkLike) -> list[tuple[str, str]]:
    """Answers kept in the file for dimensions the framework no longer has."""
    known = {(area.id, dim.id) for area in framework.areas for dim in area.dimensions}
    return [
        (area_id, dim_id)
        for area_id, dims in assessment.answers.items()
        for dim_id in dims
        if (area_id, dim_id) not in known
    ]


def invalid_ratings(assessment: AssessmentLike, framework: FrameworkLike) -> list[tuple[str, str, str, str]]:
    """Ratings naming a level the framework does not have: (area, dimension, slot, value)."""
    valid = {level.id for level in framework.levels} | set(SPECIAL_ANSWERS)
    found: list[tuple[str, str, str, str]] = []
    for area_id, dims in assessment.answers.items():
        for dim_id, answer in dims.items():
            for slot in SLOTS:
                value = slot_rating(answer, slot)
                if value is not None and value not in valid:
                    found.append((area_id, dim_id, slot, value))
    return found


def framework_warnings(assessment: AssessmentLike, framework: FrameworkLike, framework_hash: str) -> list[str]:
    """What changed in the framework since the assessment was saved; every answer is kept either way."""
    warnings: list[str] = []
    ref = assessment.framework
    if ref.hash and ref.hash != framework_hash:
        warnings.append(
            f"framework {framework.id!r} changed since this assessment was saved "
            f"(version {ref.version} -> {framework.version}); every answer is kept"
        )
    lost = orphans(assessment, framework)
    if lost:
        listed = ", ".join(f"{area} > {dim}" for area, dim in lost)
        warnings.append(f"{len(lost)} answer(s) for dimensions the framework no longer has, kept in the file: {listed}")
    invalid = invalid_ratings(assessment, framework)
    if invalid:
        listed = ", ".join(f"{a} > {d} ({slot}: {value!r})" for a, d, slot, value in invalid)
        warnings.append(
            f"{len(invalid)} rating(s) name levels the framework no longer has, kept but not scored: {listed}"
        )
    return warnings


# ----- light views (no validation of their own: built from data already validated, or checked strictly) -----


class LevelView(NamedTuple):
    id: str
    name: str
    short: str | None
    description: str | None


class DimensionView(NamedTuple):
    id: str
    name: str
    levels: dict[str, str | list[str]]


class AreaView(NamedTuple):
    id: str
    name: str
    applies_if: str | None
    growth: list[str]
    dimensions: list[DimensionView]


class QuestionView(NamedTuple):
    id: str
    prompt: str
    default: bool


class ScoringView(NamedTuple):
    threshold: float
    max_gap: int
    focus_count: int
    provisional_below: float


class SourceView(NamedTuple):
    title: str
    credit: str


class PathwayView(NamedTuple):
    id: str
    name: str
    description: str | None
    items: list[str]


class FrameworkView(NamedTuple):
    id: str
    name: str
    version: str
    scale: str
    source: SourceView | None
    levels: list[LevelView]
    questions: list[QuestionView]
    scoring: ScoringView
    areas: list[AreaView]
    pathways: list[PathwayView]


def framework_view(dump: Mapping[str, Any]) -> FrameworkView:
    """A view of a validated framework, from `Framework.model_dump()` (every field present, defaults filled in)."""
    source = dump["source"]
    scoring = dump["scoring"]
    return FrameworkView(
        id=dump["id"],
        name=dump["name"],
        version=dump["version"],
        scale=dump["scale"],
        source=SourceView(source["title"], source["credit"]) if source is not None else None,
        levels=[LevelView(lv["id"], lv["name"], lv["short"], lv["description"]) for lv in dump["levels"]],
        questions=[QuestionView(q["id"], q["prompt"], q["default"]) for q in dump["questions"]],
        scoring=ScoringView(
            scoring["threshold"], scoring["max_gap"], scoring["focus_count"], scoring["provisional_below"]
        ),
        areas=[
            AreaView(
                area["id"],
                area["name"],
                area["applies_if"],
                area["growth"],
                [DimensionView(dim["id"], dim["name"], dim["levels"]) for dim in area["dimensions"]],
            )
            for area in dump["areas"]
        ],
        pathways=[PathwayView(p["id"], p["name"], p["description"], p["items"]) for p in dump["pathways"]],
    )


class AnswerView(NamedTuple):
    self_rating: str | None = None
    lead: str | None = None
    agreed: str | None = None
    self_note: str | None = None
    lead_note: str | None = None
    agreed_note: str | None = None


class FrameworkRefView(NamedTuple):
    id: str
    version: str
    hash: str
    path: str | None


class AssessmentView(NamedTuple):
    id: str
    subject: str
    mode: str
    updated: datetime
    target_level: str | None
    questions: dict[str, bool]
    framework: FrameworkRefView
    answers: dict[str, dict[str, AnswerView]]


#: Every key the assessment model accepts, as written to disk (by alias); `test_views` keeps this in step with it.
ASSESSMENT_KEYS = frozenset(
    {
        "format_version", "kind", "id", "subject", "framework", "mode", "created", "updated",
        "target_level", "questions", "sessions", "cursors", "answers",
    }
)  # fmt: skip
FRAMEWORK_REF_KEYS = frozenset({"id", "version", "hash", "path"})
SESSION_KEYS = frozenset({"mode", "started", "by"})
CURSOR_KEYS = frozenset({"area", "dimension", "level"})
ANSWER_KEYS = frozenset({"self", "lead", "agreed", "self_note", "lead_note", "agreed_note"})


def _is_str(value: object) -> bool:
    return type(value) is str


def _optional_str(data: Mapping[str, Any], key: str) -> bool:
    return key not in data or type(data[key]) is str


def _table(value: object, keys: frozenset[str], required: tuple[str, ...] = ()) -> bool:
    return type(value) is dict and keys.issuperset(value) and all(key in value for key in required)


def strict_assessment_view(data: Mapping[str, Any]) -> AssessmentView | None:
    """A view of assessment TOML when it is plainly valid; None when in any doubt (the pydantic model decides then).

    Stricter than the model on purpose: exact types only, no coercion, every key one the model knows. So whatever is
    accepted here the model accepts too, with the same values, and anything odd gets the model's full error message.
    """
    if not _table(data, ASSESSMENT_KEYS, ("kind", "id", "subject", "framework", "created", "updated")):
        return None
    version = data.get("format_version", 1)
    if type(version) is not int or version != 1 or data["kind"] != ASSESSMENT_KIND:
        return None
    if not (_is_str(data["id"]) and _is_str(data["subject"]) and _optional_str(data, "target_level")):
        return None
    mode = data.get("mode", "self")
    if mode not in MODES or type(data["created"]) is not datetime or type(data["updated"]) is not datetime:
        return None
    ref = data["framework"]
    if not _table(ref, FRAMEWORK_REF_KEYS, ("id",)) or not all(_is_str(value) for value in ref.values()):
        return None
    questions = data.get("questions", {})
    if type(questions) is not dict or not all(type(value) is bool for value in questions.values()):
        return None
    sessions = data.get("sessions", [])
    if type(sessions) is not list or not all(
        _table(item, SESSION_KEYS, ("mode", "started"))
        and item["mode"] in MODES
        and type(item["started"]) is datetime
        and _optional_str(item, "by")
        for item in sessions
    ):
        return None
    cursors = data.get("cursors", {})
    if type(cursors) is not dict or not all(
        _table(item, CURSOR_KEYS, ("area", "dimension")) and all(_is_str(value) for value in item.values())
        for item in cursors.values()
    ):
        return None
    answers: dict[str, dict[str, AnswerView]] = {}
    raw_answers = data.get("answers", {})
    if type(raw_answers) is not dict:
        return None
    for area_id, dims in raw_answers.items():
        if type(dims) is not dict:
            return None
        area_answers: dict[str, AnswerView] = {}
        for dim_id, answer in dims.items():
            if not _table(answer, ANSWER_KEYS) or not all(_is_str(value) for value in answer.values()):
                return None
            area_answers[dim_id] = AnswerView(
                answer.get("self"),
                answer.get("lead"),
                answer.get("agreed"),
                answer.get("self_note"),
                answer.get("lead_note"),
                answer.get("agreed_note"),
            )
        answers[area_id] = area_answers
    return AssessmentView(
        id=data["id"],
        subject=data["subject"],
        mode=mode,
        updated=data["updated"],
        target_level=data.get("target_level"),
        questions=questions,
        framework=FrameworkRefView(ref["id"], ref.get("version", "1"), ref.get("hash", ""), ref.get("path")),
        answers=answers,
    )
