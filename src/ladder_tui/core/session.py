"""A walk through one assessment: the ordered dimensions, where we are, and answers saved the moment they are given."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ladder_tui.core.assessment import (
    MODE_SLOT,
    SLOTS,
    Assessment,
    Cursor,
    Mode,
    Session,
    Slot,
    now,
)
from ladder_tui.core.catalog import FrameworkCatalog
from ladder_tui.core.framework import Area, Dimension, Framework
from ladder_tui.core.storage import AssessmentLock, OpenedAssessment, open_assessment, save_assessment


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
    """Owns an open assessment: navigation, answers, notes, and the autosave after each of them."""

    def __init__(self, opened: OpenedAssessment, *, mode: Mode | None = None, read_only: bool = False) -> None:
        self.opened = opened
        self.read_only = read_only
        self.lock: AssessmentLock | None = None
        self.last_error: str | None = None
        self.save_count = 0
        if mode is not None and mode != self.assessment.mode:
            self.assessment.mode = mode
            self.assessment.sessions.append(Session(mode=mode, started=now()))
            self.assessment.touch()
            self.save()
        self.steps: list[Step] = []
        self._rebuild_steps()
        self.index = self._start_index()

    @classmethod
    def open(cls, path: Path, catalog: FrameworkCatalog, *, mode: Mode | None = None, lock: bool = True) -> WalkSession:
        opened = open_assessment(path, catalog)
        assessment_lock = AssessmentLock(path)
        # A second process on the same file opens it read-only rather than racing the first one's saves.
        read_only = lock and not assessment_lock.acquire()
        if not read_only:
            # A kill -9 in the middle of a save can leave its temporary file; holding the lock, nobody else is
            # writing, so any left are stale.
            for stale in path.parent.glob(f".{path.name}.*.tmp"):
                stale.unlink(missing_ok=True)
        session = cls(opened, mode=None if read_only else mode, read_only=read_only)
        session.lock = None if read_only else assessment_lock
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
    def mode(self) -> Mode:
        return self.assessment.mode

    @property
    def slot(self) -> Slot:
        return MODE_SLOT[self.assessment.mode]

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
        point = self.assessment.resume_point(self.framework, self.slot)
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
        return self.assessment.resume_point(self.framework, self.slot) is None

    def progress(self) -> tuple[int, int]:
        return self.assessment.progress(self.framework, self.slot)

    # ----- answers -----

    def rating(self, step: Step | None = None, slot: Slot | None = None) -> str | None:
        step = step or self.step
        return self.assessment.rating(step.area.id, step.dimension.id, slot or self.slot)

    def note(self, step: Step | None = None, slot: Slot | None = None) -> str | None:
        step = step or self.step
        answer = self.assessment.answer(step.area.id, step.dimension.id)
        return answer.note(slot or self.slot) if answer else None

    def answer(self, value: str | None) -> bool:
        """Record this session's rating for the current dimension and save at once. False when read-only."""
        if self.read_only:
            return False
        step = self.step
        self.assessment.set_rating(step.area.id, step.dimension.id, self.slot, value)
        # The walk goes on to the next dimension after an answer: remember that place in the same write, so the
        # `go` that follows has nothing new to save (one write per key press, not two).
        following = self.steps[min(step.index + 1, len(self.steps) - 1)]
        self.assessment.cursors[self.mode] = Cursor(area=following.area.id, dimension=following.dimension.id)
        return self.save()

    def set_note(self, text: str | None) -> bool:
        if self.read_only:
            return False
        step = self.step
        self.assessment.set_note(step.area.id, step.dimension.id, self.slot, text)
        return self.save()

    def set_target(self, level_id: str | None) -> bool:
        if self.read_only:
            return False
        self.assessment.target_level = level_id
        self.assessment.touch()
        return self.save()

    def go(self, index: int, remember_level: str | None = None) -> None:
        """Move to a dimension and remember it as where this mode was left."""
        self.index = max(0, min(index, len(self.steps) - 1))
        if self.read_only:
            return
        step = self.step
        cursor = Cursor(area=step.area.id, dimension=step.dimension.id, level=remember_level)
        if self.assessment.cursors.get(self.mode) == cursor and self.last_error is None:
            return  # already saved there (an answer records where the walk goes on)
        self.assessment.cursors[self.mode] = cursor
        self.save()

    def save(self) -> bool:
        """Write the whole assessment atomically; False (with last_error) when the disk refused."""
        if self.read_only:
            return False
        from ladder_tui.core.errors import LadderError

        try:
            save_assessment(self.assessment, self.path)
        except LadderError as exc:
            self.last_error = str(exc)
            return False
        self.last_error = None
        self.save_count += 1
        return True

    def cursor_level(self, step: Step | None = None) -> int:
        """The level index to put the cursor on: this slot's answer, else the others', else the lowest level."""
        step = step or self.step
        for slot in (self.slot, "agreed", "lead", "self"):
            value = self.rating(step, slot)
            if value is None:
                continue
            try:
                return self.framework.level_index(value)
            except KeyError:
                continue
        return 0
