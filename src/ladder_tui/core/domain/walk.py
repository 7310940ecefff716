"""Where the walk goes: the navigation of every kind of walk, decided once and Textual-free; screens render its moves.

A `WalkController` owns one sitting's `WalkSession`. Every operation (answer, move, back, jump, open a row of the
review, toggle "differences only", the end dialog's choice) returns one `Move` saying what to show next, and an
answer is saved exactly once, with the saved cursor already where the walk goes.

Where an answer leads:

* **first walk** (a sitting that finds nothing of its own slot in the file): the next dimension in framework order;
  past the last one, the end of the walk.
* **catching up** (a resume, "answer them now" at the end, a row of the review that is unanswered): the next
  *unanswered* dimension after this one, else the first before it; a dimension skipped during this pass is not
  offered again in it (the end dialog starts a new pass).
* **differences only** (pair mode, `d`): the same, among the dimensions where self and lead differ.
* **from the review**: an answer to a row opened from the review goes back to the review.

Whatever the kind, the answer that leaves nothing unanswered ends the walk: the summary, or the "End of the walk"
dialog when something is still unanswered at the end of the order. Entering an area nothing of which this slot has
touched shows its intro first (not in "differences only", which jumps between areas).

One key wins: in a shared room, an answer typed by one person within `CLASH_SECONDS` of another person's key moving
the walk to another dimension was meant for the dimension that is gone; it is not taken (a `key_clash` notice names
both), so two people pressing at once write exactly one answer.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum
from itertools import chain
from typing import Literal

from ladder_tui.core.domain import rules
from ladder_tui.core.domain.assessment import BELOW, NOT_APPLICABLE, SKIPPED
from ladder_tui.core.domain.framework import Area
from ladder_tui.core.domain.session import Step, WalkSession

# ----------------------------------------------------------------- what the screens are told


NoticeKind = Literal[
    "not_saved",  # the disk refused the answer: `text` says why; the walk stays
    "no_such_level",  # a digit beyond the last level: `count` levels
    "differences_on",
    "differences_off",
    "differences_done",  # the last difference is settled: every dimension again
    "no_differences",  # self and lead rated alike everywhere (or one side has not rated)
    "self_hidden",  # every dimension a blind lead sees is rated, `count` self ratings still hidden
    "summary_waits",  # the summary shows self ratings still hidden from a blind lead: `count` of them
    "key_clash",  # `by`'s answer came just after `text`'s key moved the walk on: not taken
]

#: How long after one person's key moved the walk another person's answer is taken as meant for the dimension before.
CLASH_SECONDS = 1.0


@dataclass(frozen=True)
class Notice:
    """Something to tell the person; its words are the screens' (they name keys), the facts are here."""

    kind: NoticeKind
    count: int = 0
    text: str = ""
    by: str = ""


@dataclass(frozen=True)
class Actor:
    """Who pressed the key an operation answers, and when (seconds on a monotonic clock)."""

    person: str | None
    at: float


@dataclass(frozen=True)
class ShowDimension:
    """Show this dimension (the session's cursor is on it)."""

    step: Step
    #: A dimension a lead just rated blind: both ratings are shown beside the next one.
    compared: Step | None = None
    notice: Notice | None = None


@dataclass(frozen=True)
class ShowIntro:
    """Introduce the area of this step, its first dimension to walk (the session's cursor is on it)."""

    step: Step
    compared: Step | None = None


@dataclass(frozen=True)
class EndOfWalk:
    """The end of the walk with dimensions still unanswered: answer them now, or see the summary anyway."""

    unanswered: int
    skipped: int
    #: False while a lead rates blind: the summary would show the agent's ratings of what is left.
    summary_allowed: bool


@dataclass(frozen=True)
class ShowSummary:
    """Open the summary."""


@dataclass(frozen=True)
class ShowReview:
    """Open the review table."""


@dataclass(frozen=True)
class LeaveWalk:
    """Close the walk and go back to the screen it was opened from (everything is saved)."""


@dataclass(frozen=True)
class CloseAssessment:
    """Close the walk and go to Home."""


@dataclass(frozen=True)
class Stay:
    """Nothing moves; redraw this dimension's answers (and say `notice`)."""

    notice: Notice | None = None


Move = ShowDimension | ShowIntro | EndOfWalk | ShowSummary | ShowReview | LeaveWalk | CloseAssessment | Stay


# ----------------------------------------------------------------- what the screens ask


@dataclass(frozen=True)
class PickLevel:
    """An answer key: the framework's n-th level (1-based, in its own order)."""

    number: int


@dataclass(frozen=True)
class Mark:
    """An answer key that is not a level: below the first level, not applicable, or skip."""

    #: BELOW, NOT_APPLICABLE or SKIPPED (core.assessment).
    value: str


Choice = PickLevel | Mark
BELOW_FIRST = Mark(BELOW)
NOT_APPLICABLE_HERE = Mark(NOT_APPLICABLE)
SKIP = Mark(SKIPPED)


@dataclass(frozen=True)
class OpenDimension:
    """Open this dimension of the walk (its index)."""

    index: int


@dataclass(frozen=True)
class OpenSummary:
    """Open the summary."""


@dataclass(frozen=True)
class OpenReview:
    """Open the review."""


@dataclass(frozen=True)
class BackToWalk:
    """Back to the walk where it was."""


@dataclass(frozen=True)
class GoHome:
    """Close the assessment and go to Home."""


#: What the review and the summary return when they close.
WalkRequest = OpenDimension | OpenSummary | OpenReview | BackToWalk | GoHome


class EndChoice(Enum):
    """What the person chose at the end of the walk."""

    ANSWER_NOW = "answer now"
    SUMMARY = "summary anyway"
    STAY = "stay"


# ----------------------------------------------------------------- the controller


@dataclass
class WalkController:
    """One sitting's navigation: which dimension is shown, where an answer leads, when the walk ends."""

    session: WalkSession
    #: Opened only to show the summary (a person's summary from the team): back from it leaves the assessment.
    summary_only: bool = False
    #: Catching up: answers lead to the next unanswered dimension (set on a resume, see the module docstring).
    catching_up: bool = field(init=False)
    #: Pair mode: walk only the dimensions where self and lead rated differently.
    only_differences: bool = field(default=False, init=False)
    #: The dimension shown was opened from the review: its answer goes back there.
    return_to_review: bool = field(default=False, init=False)
    #: Dimensions skipped during this catching-up pass (not offered again until the next pass).
    _passed: set[int] = field(default_factory=set, init=False)
    #: Whose key last moved the walk to another dimension, and when (see "one key wins" above).
    moved_by: Actor | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        # A sitting that finds its own slot already in the file, with something left to answer, came back to catch
        # up; with nothing left, it came to look or to revise, and a changed answer walks on in order.
        session = self.session
        self.catching_up = not session.complete and any(session.rating(step) is not None for step in session.steps)

    # ----- opening

    def opening(self, *, summary: bool = False) -> Move:
        """What the walk shows first: the summary (asked for, or nothing left to answer), else the resume point,
        introduced when nothing of its area has been touched."""
        session = self.session
        if summary or self.summary_only or session.complete:
            return self.summary()
        step = session.step
        if step.first_in_area and not self._area_visited(step.area):
            return ShowIntro(step)
        return ShowDimension(step)

    # ----- answers

    def choose(self, choice: Choice, actor: Actor | None = None) -> Move:
        """An answer key (a digit, 0, x, s), on a dimension or on its area's intro."""
        if isinstance(choice, PickLevel):
            levels = self.session.framework.levels
            if not 1 <= choice.number <= len(levels):
                return Stay(Notice("no_such_level", count=len(levels)))
            return self.answer(levels[choice.number - 1].id, actor)
        return self.answer(choice.value, actor)

    def clash(self, actor: Actor | None) -> Notice | None:
        """The notice when `actor`'s answer came just after someone else's key moved the walk on (not taken)."""
        moved = self.moved_by
        if actor is None or moved is None or moved.person is None or actor.person is None:
            return None
        if moved.person == actor.person or not 0 <= actor.at - moved.at < CLASH_SECONDS:
            return None
        return Notice("key_clash", text=moved.person, by=actor.person)

    def answer(self, value: str, actor: Actor | None = None) -> Move:
        """Record this sitting's answer for the dimension shown, decide where the walk goes, and save once (with the
        cursor there). A refused save moves nothing; an answer that clashes with another person's key moves
        nothing either."""
        session = self.session
        if session.read_only:
            return Stay()
        clash = self.clash(actor)
        if clash is not None:
            return Stay(clash)
        here = session.step
        blind = not session.shows_slot("self", here)
        was_unanswered = not session.is_answered(here)
        session.set_rating(value, here, by=actor.person if actor else None)
        if value == SKIPPED and self.catching_up:
            self._passed.add(here.index)
        move = self._after_answer(here, was_unanswered)
        target = move.step if isinstance(move, ShowDimension | ShowIntro) else here
        if not session.save(at=target):
            return Stay(Notice("not_saved", text=session.last_error or "not saved"))
        if target.index != here.index:
            self.moved_by = actor
        session.index = target.index
        if blind and isinstance(move, ShowDimension | ShowIntro):
            # Rated blind: the two ratings are shown side by side on the next screen, since the walk moves on.
            return (
                ShowDimension(move.step, here, move.notice)
                if isinstance(move, ShowDimension)
                else ShowIntro(move.step, here)
            )
        return move

    def _after_answer(self, here: Step, was_unanswered: bool) -> Move:
        if self.return_to_review:
            self.return_to_review = False
            return ShowReview()
        if was_unanswered and self.session.is_answered(here) and next(self._unanswered_after(here), None) is None:
            return self._end()  # the last unanswered answer ends the walk, whatever its kind
        following = self._next_step(here)
        if following is None:
            if self.only_differences:
                self.only_differences = False
                return ShowDimension(here, notice=Notice("differences_done"))
            return self._end()
        if following.area.id != here.area.id and not self.only_differences and not self._area_visited(following.area):
            return ShowIntro(following)
        return ShowDimension(following)

    def _next_step(self, here: Step) -> Step | None:
        """The next step of this kind of walk after `here`, or None at its end."""
        walked = {step.index for step in self.walked_steps()} if self.only_differences else None
        if self.catching_up:
            return next(
                (
                    step
                    for step in self._unanswered_after(here)
                    if step.index not in self._passed and (walked is None or step.index in walked)
                ),
                None,
            )
        steps = self.session.steps[here.index + 1 :]
        return next((step for step in steps if walked is None or step.index in walked), None)

    def _unanswered_after(self, here: Step) -> Iterator[Step]:
        """The unanswered steps after `here` in framework order, then those before it; never `here` itself.

        Lazy: the walk asks for the first one, which on most answers is the very next step."""
        steps = self.session.steps
        for step in chain(steps[here.index + 1 :], steps[: here.index]):
            if not self.session.is_answered(step):
                yield step

    def _end(self) -> Move:
        """The end of the walk: the summary when nothing is unanswered, else the dialog offering what is left."""
        session = self.session
        missing = session.unanswered_steps()
        hidden = len(session.hidden_steps())
        if not missing:
            if hidden:
                return ShowDimension(session.step, notice=Notice("self_hidden", count=hidden))
            self.catching_up = False  # all answered: changing an answer now walks on in order
            self._passed.clear()
            return ShowSummary()
        skipped = sum(1 for step in missing if session.rating(step) == SKIPPED)
        return EndOfWalk(len(missing), skipped, summary_allowed=not hidden)

    def end_choice(self, choice: EndChoice) -> Move:
        """The end dialog's answer: the first unanswered dimension (a new catching-up pass), the summary, or stay."""
        if choice is EndChoice.SUMMARY:
            return self.summary()
        if choice is EndChoice.STAY:
            return Stay()
        missing = self.session.unanswered_steps()
        if not missing:
            return self.summary()
        self.catching_up = True
        self._passed.clear()
        return self._go(missing[0].index)

    # ----- moving without answering

    def move(self, delta: int, actor: Actor | None = None) -> Move:
        """The next (+1) or previous (-1) dimension; in "differences only", the next or previous difference."""
        here = self.session.index
        if self.only_differences:
            indexes = [step.index for step in self.walked_steps()]
            ahead = [i for i in indexes if i > here] if delta > 0 else [i for i in reversed(indexes) if i < here]
            return self._go(ahead[0], actor) if ahead else Stay()
        return self._go(here + delta, actor)

    def back(self, actor: Actor | None = None) -> Move:
        """The previous dimension; from the first one, leave the walk."""
        if self.session.index == 0:
            return LeaveWalk()
        return self._go(self.session.index - 1, actor)

    def jump(self, index: int, actor: Actor | None = None) -> Move:
        """Any dimension (the jump list, the palette)."""
        return self._go(index, actor)

    def open_row(self, index: int) -> Move:
        """A row of the review: an unanswered one is caught up (then on to the next unanswered), an answered one is
        changed and the walk goes back to the review."""
        move = self._go(index)
        if self.session.is_answered(self.session.step):
            self.return_to_review = True
        else:
            self.catching_up = True
            self._passed.clear()
        return move

    def _go(self, index: int, actor: Actor | None = None) -> ShowDimension:
        self.return_to_review = False
        before = self.session.index
        self.session.go(index)
        if self.session.index != before:
            self.moved_by = actor
        return ShowDimension(self.session.step)

    # ----- differences only (pair mode)

    def walked_steps(self, only_differences: bool | None = None) -> list[Step]:
        """The steps the walk visits: all, or with "differences only" on, where self and lead differ."""
        session = self.session
        if not (self.only_differences if only_differences is None else only_differences):
            return session.steps
        return [
            step
            for step in session.steps
            if rules.disagree(session.framework, session.assessment.answer(step.area.id, step.dimension.id))
        ]

    def toggle_differences(self) -> Move:
        """Pair mode's `d`: walk only the differences, or every dimension again."""
        if self.session.mode != "pair":
            return Stay()
        differences = self.walked_steps(only_differences=True)
        if not self.only_differences and not differences:
            return Stay(Notice("no_differences"))
        self.only_differences = not self.only_differences
        if not self.only_differences:
            return ShowDimension(self.session.step, notice=Notice("differences_off"))
        here = self.session.index
        target = here if any(step.index == here for step in differences) else differences[0].index
        move = self._go(target)
        return ShowDimension(move.step, notice=Notice("differences_on"))

    def position(self) -> tuple[int, int]:
        """(n, N): the shown dimension is the n-th of the N this walk visits (1-based; 0 when not among them)."""
        steps = self.walked_steps()
        here = self.session.index
        return next((n for n, step in enumerate(steps, 1) if step.index == here), 0), len(steps)

    # ----- the other screens

    def summary(self) -> Move:
        """The summary, unless it would show self ratings still hidden from a blind lead."""
        hidden = len(self.session.hidden_steps())
        return Stay(Notice("summary_waits", count=hidden)) if hidden else ShowSummary()

    def review(self) -> Move:
        return ShowReview()

    def after_summary(self, request: WalkRequest) -> Move:
        """What the summary asked for when it closed."""
        if isinstance(request, GoHome):
            return CloseAssessment()
        if isinstance(request, BackToWalk) and self.summary_only:
            self.summary_only = False
            return LeaveWalk()
        self.summary_only = False  # asked for more than the summary: this is a walk now
        return self._follow(request)

    def after_review(self, request: WalkRequest) -> Move:
        """What the review asked for when it closed."""
        if isinstance(request, OpenDimension):
            return self.open_row(request.index)
        return self._follow(request)

    def _follow(self, request: WalkRequest) -> Move:
        if isinstance(request, OpenDimension):
            return self.jump(request.index)
        if isinstance(request, OpenSummary):
            return self.summary()
        if isinstance(request, OpenReview):
            return ShowReview()
        if isinstance(request, GoHome):
            return CloseAssessment()
        return ShowDimension(self.session.step)

    # ----- rules of the walk

    def _area_visited(self, area: Area) -> bool:
        """Whether this slot holds anything in the area: an answer or a skip (a skip is a visit, so its intro is
        not shown again)."""
        session = self.session
        return any(session.assessment.rating(area.id, dim.id, session.slot) is not None for dim in area.dimensions)
