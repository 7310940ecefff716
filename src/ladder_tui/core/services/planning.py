"""The outcome of a 1:1 kept in the assessment: the development plan (adding actions, marking them done or
dropped), the lead's comment, and each side's sign-off (`ladder-tui plan`, `comment`, `sign`, `reopen`, and the
app's screens), each change saved under the assessment's lock like an answer."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

from ladder_tui.core.domain.assessment import ActionStatus, Assessment, Owner, PlanAction
from ladder_tui.core.domain.framework import Framework
from ladder_tui.core.errors import LadderError

#: What each lock refusal means for a change made from outside the app.
_REFUSED = {
    "busy": "it is open in another ladder-tui; change the plan there, or close it first",
    "read-only": "its folder cannot be written to",
    "linked": "the file has more than one name (a hard link); copy it to a file of its own first",
}


def change_plan(path: Path, change: Callable[[Assessment, Framework], str], *, reopening: bool = False) -> str:
    """Open the assessment, take its lock, apply `change` (which returns what it did, one line), save; LadderError
    naming the file when the assessment cannot be changed."""
    from ladder_tui.core.storage.assessments import AssessmentLock, open_assessment, save_assessment
    from ladder_tui.core.storage.catalog import FrameworkCatalog

    opened = open_assessment(path, FrameworkCatalog())
    if opened.assessment.signoff.complete and not reopening:
        raise LadderError(f"{path}: not changed: both sides have signed it off; `ladder-tui reopen` it first")
    lock = AssessmentLock(opened.path)
    if not lock.acquire():
        raise LadderError(f"{path}: not changed: {_REFUSED.get(lock.refused or 'busy', 'it is locked')}")
    try:
        said = change(opened.assessment, opened.framework)
        opened.assessment.touch()
        save_assessment(opened.assessment, opened.path)
    finally:
        lock.release()
    return said


def dimension_ref(framework: Framework, value: str) -> tuple[str, str]:
    """`AREA_ID/DIMENSION_ID` as (area id, dimension id); LadderError listing the form when it names none."""
    area_id, _, dim_id = value.partition("/")
    for area in framework.areas:
        if area.id == area_id and any(dim.id == dim_id for dim in area.dimensions):
            return area_id, dim_id
    raise LadderError(f"{value!r}: no such dimension in {framework.id} (give AREA_ID/DIMENSION_ID)")


def due_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise LadderError(f"--due {value!r}: give a date as YYYY-MM-DD") from None


def add_action(
    path: Path, text: str, *, dimension: str | None = None, owner: Owner = "self", due: str | None = None
) -> str:
    """Add an open action; returns "added 3: <text>"."""
    words = " ".join(text.split())
    if not words:
        raise LadderError("plan add: the action needs some words")
    when = due_date(due) if due else None

    def change(assessment: Assessment, framework: Framework) -> str:
        area_id, dim_id = dimension_ref(framework, dimension) if dimension else (None, None)
        assessment.plan.append(PlanAction(words, owner, "open", area_id, dim_id, when))
        return f"added {len(assessment.plan)}: {words}"

    return change_plan(path, change)


def set_status(path: Path, number: int, status: ActionStatus) -> str:
    """Mark action `number` (from 1) done, dropped or open again; returns "3 done: <text>"."""

    def change(assessment: Assessment, _framework: Framework) -> str:
        if not 1 <= number <= len(assessment.plan):
            count = len(assessment.plan)
            raise LadderError(f"no action {number}: the plan has {count} action{'' if count == 1 else 's'}")
        action = assessment.plan[number - 1]
        action.status = status
        return f"{number} {status}: {action.text}"

    return change_plan(path, change)


def carried_actions(earlier: Assessment) -> list[PlanAction]:
    """The earlier cycle's open actions, for the next cycle (marked carried)."""
    return [
        PlanAction(a.text, a.owner, "open", a.area, a.dimension, a.due, carried=True)
        for a in earlier.plan
        if a.status == "open"
    ]


def set_comment(path: Path, text: str) -> str:
    """The lead's overall comment (blank text removes it)."""

    def change(assessment: Assessment, _framework: Framework) -> str:
        assessment.comment = text.strip() or None
        return "comment saved" if assessment.comment else "comment removed"

    return change_plan(path, change)


def sign(path: Path, side: Owner, name: str, today: datetime.date | None = None) -> str:
    """One side signs the outcome off (name and date); both signed: the walk opens read-only until reopened."""
    from ladder_tui.core.domain.assessment import Signature

    if not name.strip():
        raise LadderError("sign: give the name of the person signing (--name NAME)")
    day = today or datetime.date.today()

    def change(assessment: Assessment, _framework: Framework) -> str:
        signature = Signature(" ".join(name.split()), day)
        if side == "self":
            assessment.signoff.self_side = signature
        else:
            assessment.signoff.lead = signature
        said = f"signed as {side} by {signature.name} on {day.isoformat()}"
        if assessment.signoff.complete:
            said += f"; both sides have signed: it opens read-only until `ladder-tui reopen {path.stem}`"
        return said

    return change_plan(path, change)


def reopen(path: Path, today: datetime.date | None = None) -> str:
    """Clear both signatures (the day is recorded) so the assessment can be changed again."""
    day = today or datetime.date.today()

    def change(assessment: Assessment, _framework: Framework) -> str:
        if assessment.signoff.self_side is None and assessment.signoff.lead is None:
            raise LadderError(f"{path}: nobody has signed it off; nothing to reopen")
        assessment.signoff.self_side = assessment.signoff.lead = None
        assessment.signoff.reopened.append(day)
        return f"reopened on {day.isoformat()}: both signatures cleared"

    return change_plan(path, change, reopening=True)


def pin_focus(path: Path, dimension: str, *, pinned: bool = True) -> str:
    """The lead keeps a dimension among the focus areas (or lets it go back to the rule's choice)."""

    def change(assessment: Assessment, framework: Framework) -> str:
        key = dimension_ref(framework, dimension)
        if pinned:
            if key not in assessment.focus_pins:
                assessment.focus_pins.append(key)
            return f"pinned {dimension}: a focus area chosen by the lead"
        if key not in assessment.focus_pins:
            raise LadderError(f"{dimension} is not pinned")
        assessment.focus_pins.remove(key)
        return f"unpinned {dimension}"

    return change_plan(path, change)
