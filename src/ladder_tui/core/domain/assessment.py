"""An assessment as the program holds it: who is rated on which framework, and the self / lead / agreed answers.

Plain objects (no pydantic): `core.loader` builds them from a validated file and `core.storage` writes them back.
The rules about answers (what counts, progress, the resume point) live in `core.rules`, once.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Literal

from ladder_tui.core.domain.framework import Framework

Mode = Literal["self", "lead", "pair"]
Slot = Literal["self", "lead", "agreed"]
MODES: tuple[Mode, ...] = ("self", "lead", "pair")
#: What each mode means, in the words every screen uses (short enough for a radio button at 80 columns).
MODE_MEANING: dict[Mode, str] = {"self": "I rate myself", "lead": "I rate a team member", "pair": "we rate together"}
SLOTS: tuple[Slot, ...] = ("self", "lead", "agreed")

#: Which rating slot each mode writes: pair mode records what the two settled on.
MODE_SLOT: dict[Mode, Slot] = {"self": "self", "lead": "lead", "pair": "agreed"}

#: Answers that are not a level.
BELOW = "below"
NOT_APPLICABLE = "na"
SKIPPED = "skip"
SPECIAL_ANSWERS = (BELOW, NOT_APPLICABLE, SKIPPED)

ASSESSMENT_KIND = "ladder-tui assessment"
FORMAT_VERSION = 1


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def as_utc(when: datetime) -> datetime:
    """A moment with an offset: a date-time written without one (a plausible hand edit) is read as UTC, so that
    every date of every file compares with every other (an offset written in the file is kept as it is)."""
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when


def by_time(when: datetime) -> datetime:
    """The key every sort by date uses (newest first, earlier cycle, latest cycle): the moment, in UTC."""
    return as_utc(when).astimezone(UTC)


@dataclass(frozen=True, slots=True)
class FrameworkRef:
    """Which framework (and which edition of it) the answers were given against."""

    id: str
    version: str = "1"
    hash: str = ""
    #: Set when the framework came from a file outside the catalog.
    path: str | None = None


@dataclass(frozen=True, slots=True)
class WrittenNote:
    """A note (evidence) one person wrote in one rating slot; `by` None for a note from before names were kept."""

    slot: Slot
    text: str
    by: str | None = None


@dataclass(slots=True)
class Answer:
    """The three rating slots of one dimension, who gave each rating, and the notes (evidence), one per person and
    slot."""

    self_rating: str | None = None
    lead: str | None = None
    agreed: str | None = None
    notes: list[WrittenNote] = field(default_factory=list)
    #: Who gave each slot's rating (the people file's name in a room, the OS user elsewhere); None when not known.
    rated_by: dict[Slot, str] = field(default_factory=dict)

    def rating(self, slot: Slot) -> str | None:
        return self.self_rating if slot == "self" else self.lead if slot == "lead" else self.agreed

    def set_rating(self, slot: Slot, value: str | None, by: str | None = None) -> None:
        if slot == "self":
            self.self_rating = value
        elif slot == "lead":
            self.lead = value
        else:
            self.agreed = value
        if value is None or by is None:
            self.rated_by.pop(slot, None)
        else:
            self.rated_by[slot] = by

    def notes_in(self, slot: Slot) -> list[WrittenNote]:
        """Every person's note in a slot, in the order they were first written."""
        return [note for note in self.notes if note.slot == slot]

    def note(self, slot: Slot) -> str | None:
        """The slot's notes together (everyone's)."""
        texts = [note.text for note in self.notes_in(slot)]
        return "\n\n".join(texts) if texts else None

    def own_note(self, slot: Slot, by: str | None) -> str | None:
        """`by`'s own note in a slot; a note from before names were kept counts as anyone's."""
        own = self._own_note(slot, by)
        return own.text if own is not None else None

    def _own_note(self, slot: Slot, by: str | None) -> WrittenNote | None:
        notes = self.notes_in(slot)
        return next((n for n in notes if n.by == by), None) or next((n for n in notes if n.by is None), None)

    def set_note(self, slot: Slot, value: str | None, by: str | None = None) -> None:
        """Write `by`'s note in a slot (None removes it); a note from before names were kept becomes theirs."""
        own = self._own_note(slot, by)
        written = WrittenNote(slot, value, by) if value is not None else None
        if own is None:
            if written is not None:
                self.notes.append(written)
            return
        place = self.notes.index(own)
        if written is None:
            del self.notes[place]
        else:
            self.notes[place] = written

    def is_empty(self) -> bool:
        return not self.notes and all(value is None for value in (self.self_rating, self.lead, self.agreed))


@dataclass(slots=True)
class Session:
    """One sitting that gave a rating: which mode, when, and who (names as typed; never required)."""

    mode: Mode
    started: datetime
    by: str | None = None


@dataclass(slots=True)
class Cursor:
    """Where a mode's walk was left."""

    area: str
    dimension: str
    level: str | None = None


@dataclass(slots=True)
class Previous:
    """The earlier cycle an assessment started from: its effective ratings, carried until confirmed."""

    id: str
    updated: datetime
    ratings: dict[str, dict[str, str]] = field(default_factory=dict)

    def rating(self, area_id: str, dimension_id: str) -> str | None:
        return self.ratings.get(area_id, {}).get(dimension_id)


Owner = Literal["self", "lead"]
ActionStatus = Literal["open", "done", "dropped"]
OWNERS: tuple[Owner, ...] = ("self", "lead")


@dataclass(slots=True)
class PlanAction:
    """One action of the development plan the two agreed on: tied to a dimension or to none, whose it is, by when,
    and where it stands. `carried`: it came over, still open, from the cycle this one started from."""

    text: str
    owner: Owner = "self"
    status: ActionStatus = "open"
    area: str | None = None
    dimension: str | None = None
    due: date | None = None
    carried: bool = False


@dataclass(slots=True)
class Signature:
    """One side's sign-off: who, and on which day."""

    name: str
    date: date


@dataclass(slots=True)
class SignOff:
    """Both sides' sign-off of the outcome, and the days it was reopened since."""

    self_side: Signature | None = None
    lead: Signature | None = None
    reopened: list[date] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return self.self_side is not None and self.lead is not None


@dataclass(slots=True)
class Assessment:
    """One person's assessment against one framework; the whole content of one TOML file."""

    id: str
    subject: str
    framework: FrameworkRef
    created: datetime
    updated: datetime
    #: The mode of the last session that gave a rating; a new session chooses its own (SPEC section 4).
    mode: Mode = "self"
    target_level: str | None = None
    #: Answers to the framework's yes/no questions (e.g. people-manager = true).
    questions: dict[str, bool] = field(default_factory=dict)
    sessions: list[Session] = field(default_factory=list)
    cursors: dict[str, Cursor] = field(default_factory=dict)
    previous: Previous | None = None
    #: answers[area_id][dimension_id]; orphans (dimensions the framework no longer has) are kept, never dropped.
    answers: dict[str, dict[str, Answer]] = field(default_factory=dict)
    #: The development plan, in the order the actions were added (numbered from 1 where shown).
    plan: list[PlanAction] = field(default_factory=list)
    #: Focus areas the lead chose to keep in view, as (area id, dimension id), beside the rule's own.
    focus_pins: list[tuple[str, str]] = field(default_factory=list)
    #: The lead's overall comment on the outcome.
    comment: str | None = None
    #: Who signed the outcome off, and when; once both have, the walk opens read-only until reopened.
    signoff: SignOff = field(default_factory=SignOff)

    def answer(self, area_id: str, dimension_id: str) -> Answer | None:
        dims = self.answers.get(area_id)
        return dims.get(dimension_id) if dims is not None else None

    def rating(self, area_id: str, dimension_id: str, slot: Slot) -> str | None:
        answer = self.answer(area_id, dimension_id)
        return answer.rating(slot) if answer is not None else None

    def note(self, area_id: str, dimension_id: str, slot: Slot) -> str | None:
        answer = self.answer(area_id, dimension_id)
        return answer.note(slot) if answer is not None else None

    def own_note(self, area_id: str, dimension_id: str, slot: Slot, by: str | None) -> str | None:
        answer = self.answer(area_id, dimension_id)
        return answer.own_note(slot, by) if answer is not None else None

    def set_rating(self, area_id: str, dimension_id: str, slot: Slot, value: str | None, by: str | None = None) -> None:
        self._answer_for_edit(area_id, dimension_id).set_rating(slot, value, by)
        self._prune(area_id, dimension_id)
        self.touch()

    def set_note(self, area_id: str, dimension_id: str, slot: Slot, note: str | None, by: str | None = None) -> None:
        """Keep `by`'s note as written; a note of only blanks removes it."""
        self._answer_for_edit(area_id, dimension_id).set_note(slot, note if note and note.strip() else None, by)
        self._prune(area_id, dimension_id)
        self.touch()

    def _answer_for_edit(self, area_id: str, dimension_id: str) -> Answer:
        return self.answers.setdefault(area_id, {}).setdefault(dimension_id, Answer())

    def _prune(self, area_id: str, dimension_id: str) -> None:
        answer = self.answer(area_id, dimension_id)
        if answer is not None and answer.is_empty():
            del self.answers[area_id][dimension_id]
            if not self.answers[area_id]:
                del self.answers[area_id]

    def touch(self) -> None:
        self.updated = now()

    def only_slot(self, slot: Slot) -> Assessment:
        """A copy holding one slot's ratings only (what one side alone would score: pair mode shows both)."""
        answers = {
            area_id: {dim_id: _only(answer, slot) for dim_id, answer in dims.items()}
            for area_id, dims in self.answers.items()
        }
        return Assessment(
            id=self.id,
            subject=self.subject,
            framework=self.framework,
            created=self.created,
            updated=self.updated,
            mode=self.mode,
            target_level=self.target_level,
            questions=dict(self.questions),
            answers=answers,
        )

    def carried(self, area_id: str, dimension_id: str) -> str | None:
        """The earlier cycle's rating of a dimension (a starting point, not an answer)."""
        return self.previous.rating(area_id, dimension_id) if self.previous is not None else None


def _only(answer: Answer, slot: Slot) -> Answer:
    """An answer holding one slot's rating (and who gave it) only."""
    single = Answer()
    single.set_rating(slot, answer.rating(slot), answer.rated_by.get(slot))
    return single


def slugify(text: str, limit: int = 40) -> str:
    """A readable ASCII id from a name ("Zoë Ñúñez" -> "zoe-nunez"). A name with no Latin letters to keep ("张伟",
    "Иван Петров") gets "person-" and a short hash of the name as people type it (case and spacing aside), so two
    such people never share an id and one person's cycles still find each other."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")[:limit].strip("-")
    if slug:
        return slug
    typed = " ".join(text.casefold().split())
    return f"person-{hashlib.blake2b(typed.encode('utf-8'), digest_size=4).hexdigest()}" if typed else "someone"


def new_assessment(
    framework: Framework,
    subject: str,
    mode: Mode = "self",
    *,
    assessment_id: str,
    framework_path: str | None = None,
    questions: dict[str, bool] | None = None,
    target_level: str | None = None,
    previous: Previous | None = None,
) -> Assessment:
    """A blank assessment (the mode is recorded; sessions are recorded when someone rates)."""
    stamp = now()
    defaults = {question.id: question.default for question in framework.questions}
    return Assessment(
        id=assessment_id,
        subject=subject,
        framework=FrameworkRef(
            id=framework.id, version=framework.version, hash=framework.content_hash, path=framework_path
        ),
        mode=mode,
        created=stamp,
        updated=stamp,
        target_level=target_level,
        questions={**defaults, **(questions or {})},
        previous=previous,
    )
