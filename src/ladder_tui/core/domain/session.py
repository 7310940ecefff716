"""A walk through one assessment in one sitting: who is rating, the ordered dimensions, answers saved at once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ladder_tui.core.domain import rules
from ladder_tui.core.domain.assessment import (
    MODE_SLOT,
    SLOTS,
    Answer,
    Assessment,
    Cursor,
    Mode,
    Session,
    Slot,
    WrittenNote,
    now,
)
from ladder_tui.core.domain.framework import Area, Dimension, Framework
from ladder_tui.core.errors import LadderError
from ladder_tui.core.storage.assessments import AssessmentLock, OpenedAssessment, open_assessment, save_assessment
from ladder_tui.core.storage.catalog import FrameworkCatalog


@dataclass(frozen=True)
class Step:
    """One dimension of the walk, with its place in it."""

    index: int
    area: Area
    dimension: Dimension
    area_index: int
    first_in_area: bool
    dimensions_in_area: int


class WalkSession:
    """Owns an open assessment for one sitting: its mode, navigation, answers, notes, and the save after each.

    The sitting's mode decides the slot it writes; it is written to the file only together with a rating."""

    def __init__(self, opened: OpenedAssessment, mode: Mode, *, read_only: bool = False) -> None:
        self.opened = opened
        self.mode: Mode = mode
        self.read_only = read_only
        #: Why the session is read-only: "busy" (another ladder-tui writes it), "read-only" (the folder refuses) or
        #: "viewing" (opened only to look, see `view`).
        self.read_only_reason: str | None = "busy" if read_only else None
        self.lock: AssessmentLock | None = None
        self.last_error: str | None = None
        self.save_count = 0
        #: Whether this sitting has written anything yet (the mode is recorded with its first rating).
        self.wrote = False
        #: Dimensions whose self rating a lead chose to see before rating (blind review, see `shows_slot`).
        self.revealed: set[tuple[str, str]] = set()
        self.reveal_all = False
        self.steps: list[Step] = []
        self._rebuild_steps()
        self.index = self._start_index()

    @classmethod
    def open(cls, path: Path, catalog: FrameworkCatalog, mode: Mode = "self", *, lock: bool = True) -> WalkSession:
        return cls.start(open_assessment(path, catalog), mode, lock=lock)

    @classmethod
    def start(cls, opened: OpenedAssessment, mode: Mode = "self", *, lock: bool = True) -> WalkSession:
        """A sitting on an assessment already opened; read-only when another process holds its lock."""
        if opened.assessment.signoff.complete:
            # Signed off by both sides: the outcome is settled until `ladder-tui reopen`.
            session = cls(opened, mode, read_only=True)
            session.read_only_reason = "signed"
            session.lock = None
            return session
        assessment_lock = AssessmentLock(opened.path)
        # A second process on the same file opens it read-only rather than racing the first one's saves.
        read_only = lock and not assessment_lock.acquire()
        if not read_only:
            # A kill -9 in the middle of a save can leave its temporary file; holding the lock, nobody else is
            # writing, so any left are stale.
            for stale in opened.path.parent.glob(f".{opened.path.name}.*.tmp"):
                stale.unlink(missing_ok=True)
        session = cls(opened, mode, read_only=read_only)
        if read_only:
            session.read_only_reason = assessment_lock.refused or "busy"
        session.lock = None if read_only else assessment_lock
        return session

    @classmethod
    def view(cls, opened: OpenedAssessment) -> WalkSession:
        """A look at an assessment without taking it over (a person's summary from the team): read-only, no lock,
        nobody's rating hidden, in the mode the file was last rated in."""
        session = cls(opened, opened.assessment.mode, read_only=True)
        session.read_only_reason = "viewing"
        session.reveal_all = True
        return session

    def close(self) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    # ----- what we are walking -----

    @property
    def assessment(self) -> Assessment:
        return self.opened.assessment

    @property
    def framework(self) -> Framework:
        return self.opened.framework

    @property
    def path(self) -> Path:
        return self.opened.path

    @property
    def slot(self) -> Slot:
        return MODE_SLOT[self.mode]

    @property
    def other_slots(self) -> list[Slot]:
        """The slots shown beside this session's own: none for a self-evaluation, self for a lead, both when pairing."""
        if self.slot == "self":
            return []
        return [slot for slot in SLOTS if slot != self.slot and slot != "agreed"]

    def _rebuild_steps(self) -> None:
        steps: list[Step] = []
        areas = self.framework.applicable_areas(self.assessment.questions)
        for area_index, area in enumerate(areas):
            for position, dim in enumerate(area.dimensions):
                steps.append(Step(len(steps), area, dim, area_index, position == 0, len(area.dimensions)))
        self.steps = steps

    def _start_index(self) -> int:
        point = rules.resume_point(self.framework, self.assessment, self.slot)
        if point is None:
            return len(self.steps) - 1 if self.steps else 0
        return self.index_of(*point)

    def index_of(self, area_id: str, dimension_id: str) -> int:
        for step in self.steps:
            if step.area.id == area_id and step.dimension.id == dimension_id:
                return step.index
        return 0

    @property
    def step(self) -> Step:
        return self.steps[self.index]

    @property
    def total(self) -> int:
        return len(self.steps)

    @property
    def complete(self) -> bool:
        return rules.resume_point(self.framework, self.assessment, self.slot) is None

    def counts(self) -> rules.Counts:
        """This sitting's slot, counted by the rules (the walk's `n answered`)."""
        return rules.counts(self.framework, self.assessment, self.slot)

    def unanswered_steps(self) -> list[Step]:
        """The steps this sitting's slot has not answered (skipped ones included), in order."""
        missing = set(rules.unanswered(self.framework, self.assessment, self.slot))
        return [step for step in self.steps if (step.area.id, step.dimension.id) in missing]

    def is_answered(self, step: Step) -> bool:
        return rules.is_answer(self.framework, self.rating(step))

    # ----- answers -----

    def rating(self, step: Step | None = None, slot: Slot | None = None) -> str | None:
        step = step or self.step
        return self.assessment.rating(step.area.id, step.dimension.id, slot or self.slot)

    def note(self, step: Step | None = None, slot: Slot | None = None) -> str | None:
        """Everyone's notes in a slot (this sitting's by default) together."""
        step = step or self.step
        return self.assessment.note(step.area.id, step.dimension.id, slot or self.slot)

    def own_note(self, by: str | None, step: Step | None = None) -> str | None:
        """`by`'s own note in this sitting's slot (what their note editor opens with)."""
        step = step or self.step
        return self.assessment.own_note(step.area.id, step.dimension.id, self.slot, by)

    def notes(self, step: Step | None = None, slot: Slot | None = None) -> list[WrittenNote]:
        """Every person's note in a slot (this sitting's by default), as written."""
        answer = self.answer(step)
        return answer.notes_in(slot or self.slot) if answer is not None else []

    def answer(self, step: Step | None = None) -> Answer | None:
        step = step or self.step
        return self.assessment.answer(step.area.id, step.dimension.id)

    def rated_by(self, step: Step | None = None, slot: Slot | None = None) -> str | None:
        """Who gave a slot's rating of a dimension (None when not known)."""
        answer = self.answer(step)
        return answer.rated_by.get(slot or self.slot) if answer is not None else None

    def carried(self, step: Step | None = None) -> str | None:
        """The earlier cycle's rating of this dimension, when this assessment started from one."""
        step = step or self.step
        return self.assessment.carried(step.area.id, step.dimension.id)

    def shows_slot(self, slot: Slot, step: Step | None = None) -> bool:
        """Whether this sitting sees another slot's rating on a dimension.

        Blind review: a lead does not see the agent's own rating of a dimension until the lead has rated it (or asked
        to see it), so the lead's judgement is their own; the framework may turn this off (`blind_review = false`)."""
        if slot != "self" or self.mode != "lead" or not self.framework.blind_review or self.reveal_all:
            return True
        step = step or self.step
        if self.rating(step, "self") is None:
            return True  # nothing to hide
        key = (step.area.id, step.dimension.id)
        return key in self.revealed or self.is_answered(step)

    def hidden_steps(self) -> list[Step]:
        """Dimensions whose self rating this sitting does not see yet (blind review); the summary would show them."""
        return [step for step in self.steps if not self.shows_slot("self", step)]

    def reveal(self, step: Step | None = None) -> None:
        step = step or self.step
        self.revealed.add((step.area.id, step.dimension.id))

    def _record_sitting(self, by: str | None) -> None:
        """The sitting's mode (and who began it) goes into the file with its first write (never on opening or
        looking)."""
        if self.wrote:
            return
        self.wrote = True
        self.assessment.mode = self.mode
        self.assessment.sessions.append(Session(mode=self.mode, started=now(), by=by))

    def set_rating(self, value: str | None, step: Step | None = None, *, by: str | None = None) -> bool:
        """Record `by`'s rating of a dimension in this sitting's slot, in memory (the walk controller saves it, once,
        with the cursor where the walk goes: `save(at=...)`). False when read-only."""
        if self.read_only:
            return False
        step = step or self.step
        self._record_sitting(by)
        self.assessment.set_rating(step.area.id, step.dimension.id, self.slot, value, by)
        return True

    def set_note(self, text: str | None, step: Step | None = None, *, by: str | None = None) -> bool:
        """Keep `by`'s own note on a dimension, in this sitting's slot, as written (blank removes it), saved at
        once."""
        if self.read_only:
            return False
        step = step or self.step
        if (self.own_note(by, step) or None) == (text if text and text.strip() else None) and self.last_error is None:
            return True  # already on disk (unchanged text after a failed save is written again, not called saved)
        self._record_sitting(by)
        self.assessment.set_note(step.area.id, step.dimension.id, self.slot, text, by)
        return self.save()

    def set_target(self, level_id: str | None) -> bool:
        if self.read_only:
            return False
        self.assessment.target_level = level_id
        self.assessment.touch()
        return self.save()

    def go(self, index: int) -> None:
        """Move to a dimension; once this sitting has written, the place is remembered for its mode."""
        self.index = max(0, min(index, len(self.steps) - 1))
        if self.read_only or not self.wrote:
            return
        step = self.step
        cursor = Cursor(area=step.area.id, dimension=step.dimension.id)
        if self.assessment.cursors.get(self.mode) == cursor and self.last_error is None:
            return  # already saved there (an answer records where the walk goes on)
        self.assessment.cursors[self.mode] = cursor
        self.save()

    def save(self, *, at: Step | None = None) -> bool:
        """Write the whole assessment atomically, with this mode's cursor on `at` when given; False (with
        last_error) when the disk refused."""
        if self.read_only:
            return False
        if at is not None:
            self.assessment.cursors[self.mode] = Cursor(area=at.area.id, dimension=at.dimension.id)
        try:
            save_assessment(self.assessment, self.path)
        except LadderError as exc:
            self.last_error = str(exc)
            return False
        self.last_error = None
        self.save_count += 1
        return True

    def save_change(self) -> bool:
        """Save a change made beside the walk (the plan, the comment, a sign-off): the assessment is touched and
        written; False (with last_error) when the disk refused."""
        self.assessment.touch()
        return self.save()

    def cursor_level(self, step: Step | None = None) -> int:
        """The level to put the cursor on: this slot's answer, else what the sitting may see of the others', else
        the earlier cycle's rating, else the lowest level."""
        step = step or self.step
        candidates: list[str | None] = [self.rating(step, self.slot)]
        candidates += [self.rating(step, slot) for slot in rules.PRECEDENCE if self.shows_slot(slot, step)]
        candidates.append(self.carried(step))
        for value in candidates:
            if value is not None and self.framework.has_level(value):
                return self.framework.level_index(value)
        return 0
