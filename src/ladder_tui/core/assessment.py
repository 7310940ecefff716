"""An assessment: who is rated on which framework, and the self / lead / agreed answers and notes per dimension."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ladder_tui.core import views
from ladder_tui.core.framework import Area, Dimension, Framework

# Re-exported: the names every reader of answers uses.
from ladder_tui.core.views import BELOW as BELOW
from ladder_tui.core.views import MODES as MODES
from ladder_tui.core.views import NOT_APPLICABLE as NOT_APPLICABLE
from ladder_tui.core.views import SKIPPED as SKIPPED
from ladder_tui.core.views import SLOTS as SLOTS
from ladder_tui.core.views import SPECIAL_ANSWERS as SPECIAL_ANSWERS
from ladder_tui.core.views import Mode as Mode
from ladder_tui.core.views import Slot as Slot

ASSESSMENT_FORMAT_VERSION = 1

#: Which rating slot each mode writes: pair mode records what the two settled on.
MODE_SLOT: dict[Mode, Slot] = {"self": "self", "lead": "lead", "pair": "agreed"}


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class FrameworkRef(_Model):
    """Which framework (and which edition of it) the answers were given against."""

    id: str
    version: str = "1"
    hash: str = ""
    #: Set when the framework came from a file outside the catalog.
    path: str | None = None


class DimensionAnswer(_Model):
    """The three rating slots of one dimension and their notes (evidence)."""

    self_rating: str | None = Field(default=None, alias="self")
    lead: str | None = None
    agreed: str | None = None
    self_note: str | None = None
    lead_note: str | None = None
    agreed_note: str | None = None

    def rating(self, slot: Slot) -> str | None:
        return views.slot_rating(self, slot)

    def set_rating(self, slot: Slot, value: str | None) -> None:
        setattr(self, "self_rating" if slot == "self" else slot, value)

    def note(self, slot: Slot) -> str | None:
        return views.slot_note(self, slot)

    def set_note(self, slot: Slot, value: str | None) -> None:
        setattr(self, f"{slot}_note", value or None)

    def effective(self) -> str | None:
        """The rating that scores: agreed, else lead, else self (skips do not count as answers)."""
        for slot in ("agreed", "lead", "self"):
            value = self.rating(slot)
            if value is not None and value != SKIPPED:
                return value
        return None

    def is_empty(self) -> bool:
        return all(getattr(self, name) is None for name in type(self).model_fields)


class Session(_Model):
    """One sitting: which mode, when, and who (names as typed; never required)."""

    mode: Mode
    started: datetime
    by: str | None = None


class Cursor(_Model):
    """Where a mode's walk was left, so reopening lands there."""

    area: str
    dimension: str
    level: str | None = None


class Assessment(_Model):
    """One person's assessment against one framework; the whole content of one TOML file."""

    format_version: Literal[1] = 1
    kind: Literal["ladder-tui assessment"] = "ladder-tui assessment"
    id: str
    subject: str
    framework: FrameworkRef
    mode: Mode = "self"
    created: datetime
    updated: datetime
    target_level: str | None = None
    #: Answers to the framework's yes/no questions (e.g. people-manager = true).
    questions: dict[str, bool] = Field(default_factory=dict)
    sessions: list[Session] = Field(default_factory=list)
    cursors: dict[str, Cursor] = Field(default_factory=dict)
    #: answers[area_id][dimension_id]; orphans (dimensions the framework no longer has) are kept, never dropped.
    answers: dict[str, dict[str, DimensionAnswer]] = Field(default_factory=dict)

    # ----- answers -----

    def answer(self, area_id: str, dimension_id: str) -> DimensionAnswer | None:
        return self.answers.get(area_id, {}).get(dimension_id)

    def answer_for_edit(self, area_id: str, dimension_id: str) -> DimensionAnswer:
        return self.answers.setdefault(area_id, {}).setdefault(dimension_id, DimensionAnswer())

    def rating(self, area_id: str, dimension_id: str, slot: Slot) -> str | None:
        answer = self.answer(area_id, dimension_id)
        return answer.rating(slot) if answer else None

    def set_rating(self, area_id: str, dimension_id: str, slot: Slot, value: str | None) -> None:
        self.answer_for_edit(area_id, dimension_id).set_rating(slot, value)
        self._prune(area_id, dimension_id)
        self.touch()

    def set_note(self, area_id: str, dimension_id: str, slot: Slot, note: str | None) -> None:
        self.answer_for_edit(area_id, dimension_id).set_note(slot, (note or "").strip() or None)
        self._prune(area_id, dimension_id)
        self.touch()

    def _prune(self, area_id: str, dimension_id: str) -> None:
        answer = self.answer(area_id, dimension_id)
        if answer is not None and answer.is_empty():
            del self.answers[area_id][dimension_id]
            if not self.answers[area_id]:
                del self.answers[area_id]

    def touch(self) -> None:
        self.updated = now()

    @property
    def slot(self) -> Slot:
        return MODE_SLOT[self.mode]

    # ----- progress -----

    def applicable(self, framework: Framework) -> list[tuple[Area, Dimension]]:
        """Dimensions that apply to this person (optional areas follow the answers to the questions)."""
        return [(area, dim) for area in framework.applicable_areas(self.questions) for dim in area.dimensions]

    def progress(self, framework: Framework, slot: Slot | None = None) -> tuple[int, int]:
        """(answered, total) over the applicable dimensions; a skip is not an answer."""
        total = 0
        answered = 0
        for area, dim in self.applicable(framework):
            total += 1
            answer = self.answer(area.id, dim.id)
            if answer is None:
                continue
            value = answer.rating(slot) if slot else answer.effective()
            if value is not None and value != SKIPPED:
                answered += 1
        return answered, total

    def resume_point(self, framework: Framework, slot: Slot | None = None) -> tuple[str, str] | None:
        """The first dimension with no answer in `slot`; then the first skipped one; None when all are answered."""
        slot = slot or self.slot
        first_skipped: tuple[str, str] | None = None
        for area, dim in self.applicable(framework):
            value = self.rating(area.id, dim.id, slot)
            if value is None:
                return area.id, dim.id
            if value == SKIPPED and first_skipped is None:
                first_skipped = (area.id, dim.id)
        return first_skipped

    def orphans(self, framework: Framework) -> list[tuple[str, str]]:
        """Answers kept in the file for dimensions the framework no longer has."""
        return views.orphans(self, framework)

    def invalid_ratings(self, framework: Framework) -> list[tuple[str, str, str, str]]:
        """Ratings naming a level the framework does not have: (area, dimension, slot, value)."""
        return views.invalid_ratings(self, framework)


def slugify(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:40].strip("-") or "someone"


def new_assessment(
    framework: Framework,
    subject: str,
    mode: Mode = "self",
    *,
    assessment_id: str,
    framework_path: str | None = None,
    questions: dict[str, bool] | None = None,
    target_level: str | None = None,
    by: str | None = None,
) -> Assessment:
    stamp = now()
    defaults = {question.id: question.default for question in framework.questions}
    return Assessment(
        id=assessment_id,
        subject=subject,
        framework=FrameworkRef(
            id=framework.id, version=framework.version, hash=framework.content_hash(), path=framework_path
        ),
        mode=mode,
        created=stamp,
        updated=stamp,
        target_level=target_level,
        questions={**defaults, **(questions or {})},
        sessions=[Session(mode=mode, started=stamp, by=by)],
    )
