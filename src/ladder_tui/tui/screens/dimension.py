"""The Dimension screen: one skill dimension, the neighbouring levels side by side, one key to answer and go on.

It owns the walk's navigation: the area intro, note, jump, review and summary screens it opens return what to do
next (`WalkRequest`), and it does it; no other screen moves the walk.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Header, ProgressBar, Static

from ladder_tui.core import rules
from ladder_tui.core.assessment import BELOW, NOT_APPLICABLE, SKIPPED
from ladder_tui.core.catalog import FrameworkCatalog
from ladder_tui.core.session import Step, WalkSession
from ladder_tui.tui import commands
from ladder_tui.tui.text import inert, one_line, summary_waits
from ladder_tui.tui.widgets.key_hints import KeyHints
from ladder_tui.tui.widgets.level_card import LevelCard, card_title
from ladder_tui.tui.widgets.room_banner import RoomBanner

#: What a walk screen asks the Dimension screen to do when it closes: go to a step, open review or summary.
WalkRequest = int | str | None

SLOT_LABEL: dict[str, str] = {"self": "self", "lead": "lead", "agreed": "agreed"}
#: Narrowest readable card; below this we show fewer neighbours.
MIN_CARD_WIDTH = 30


def answer_label(session: WalkSession, value: str | None) -> str:
    """How an answer reads to a person."""
    if value is None:
        return "—"
    if value == BELOW:
        return f"below {session.framework.levels[0].name}"
    if value == NOT_APPLICABLE:
        return "not applicable"
    if value == SKIPPED:
        return "skipped"
    if not session.framework.has_level(value):
        return f"{value} (unknown level)"
    index = session.framework.level_index(value)
    return f"{index + 1} {session.framework.levels[index].name}"


def visible_levels(level_count: int, cursor: int, width: int) -> list[int]:
    """All levels when they fit side by side, else the cursor's with the one below and the one above."""
    if level_count * MIN_CARD_WIDTH <= width or level_count <= 1:
        return list(range(level_count))
    shown = 3 if width >= 3 * 24 else (2 if width >= 2 * 24 else 1)
    start = max(0, min(cursor - shown // 2, level_count - shown))
    return list(range(start, start + shown))


def hidden_levels_hint(shown: list[int], level_count: int) -> tuple[str, str]:
    """("‹ 2 more", "1 more ›"): how many levels are out of sight on each side."""
    left = shown[0] if shown else 0
    right = level_count - (shown[-1] + 1) if shown else 0
    return (f"‹ {left} more" if left else "", f"{right} more ›" if right else "")


class DimensionScreen(Screen[None]):
    """Answer one dimension at a time. Every answer is saved before the next dimension is shown."""

    COMMAND_TABLE = "dimension"
    BINDINGS: ClassVar[list[BindingType]] = list(commands.bindings(COMMAND_TABLE))
    AUTO_FOCUS = "#cards"

    cursor: reactive[int] = reactive(0, init=False)
    """The level under the cursor (index in the framework's order)."""

    def __init__(
        self,
        session: WalkSession,
        catalog: FrameworkCatalog,
        *,
        served: bool = False,
        show_summary: bool = False,
        summary_only: bool = False,
    ) -> None:
        super().__init__()
        #: Opened to show its summary (from the Team screen): leaving the summary leaves the assessment.
        self.summary_only = summary_only
        self.session = session
        self.catalog = catalog
        self.served = served
        self.show_summary_first = show_summary
        self._shown: list[int] = []
        self._card_width = 200
        #: Opened from the review: after an answer, go back there.
        self.return_to_review = False
        #: The level cursor was moved on this dimension (then enter chooses the level under it, not last time's).
        self.cursor_moved = False
        #: The walk reached its end once: from now on answering goes on to the next unanswered dimension.
        self.catching_up = False
        #: Pair mode: walk only the dimensions where self and lead rated differently.
        self.only_differences = False
        #: The dimension a lead just rated blind: its two ratings are shown side by side on the next screen.
        self.just_compared: Step | None = None
        #: What each Static shows now (text and styles), so that `_put` leaves unchanged ones alone.
        self._shown_content: dict[str, tuple[str, tuple[object, ...]]] = {}

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        yield RoomBanner()
        with Horizontal(id="where"):
            yield Static(id="mode-badge")
            yield Static(id="crumb")
            yield Static(id="count")
        yield ProgressBar(id="progress", show_eta=False, show_percentage=False)
        yield Static(id="pair-levels")
        with VerticalScroll(id="cards"):
            yield Static(id="dim-description")
            with Horizontal(id="levels-hint"):
                yield Static(id="hint-left")
                yield Static(id="hint-right")
            yield Horizontal(id="card-row")
        yield Static(id="more-below")
        yield Static(id="answer-bar")
        yield KeyHints()

    def on_mount(self) -> None:
        session = self.session
        framework = session.framework
        self.title = f"{one_line(session.assessment.subject, 40)} · {one_line(framework.name, 60)}"
        self.sub_title = f"{session.mode} mode" + (" · read-only" if session.read_only else "")
        badge = self.query_one("#mode-badge", Static)
        badge.update(Content(f" {session.mode.upper()} " + ("· READ-ONLY " if session.read_only else "")))
        badge.set_class(session.read_only, "-read-only")
        self.query_one(ProgressBar).total = max(1, session.total)
        self._show_pair_levels()
        self._place_cursor(session.cursor_level())
        self._render_step()
        self.watch(self.query_one("#cards", VerticalScroll), "scroll_y", self._update_more_hint, init=False)
        if self.show_summary_first:
            # Nothing left to answer (or asked for): land on the result; escape leads back into the walk.
            self.call_after_refresh(self.action_summary)
            return
        step = session.step
        if step.first_in_area and not self._area_has_answers(step):
            self.call_after_refresh(self._show_intro, step)

    # ----- drawing -----

    def on_resize(self, event: events.Resize) -> None:
        self._card_width = event.size.width - 2
        self._render_cards()

    def watch_cursor(self) -> None:
        self._render_cards()

    def _place_cursor(self, level: int) -> None:
        """Set the cursor without drawing the cards: the caller draws the whole step (drawing them twice per key
        press was a fifth of its time)."""
        self.set_reactive(DimensionScreen.cursor, level)
        self.cursor_moved = False

    def _render_step(self) -> None:
        session = self.session
        step = session.step
        self._put(
            "#crumb", Content.assemble((inert(step.area.name), "bold"), " › ", (inert(step.dimension.name), "bold"))
        )
        answered = session.counts().answered
        self._put("#count", Content(self._count_text(answered)))
        self.query_one(ProgressBar).progress = answered
        description = self.query_one("#dim-description", Static)
        parts: list[str] = []
        if step.dimension.description:
            parts.append(inert(step.dimension.description))
        framework = session.framework
        missing = [level.name for level in framework.levels if not framework.descriptor(step.dimension, level.id)]
        if missing:
            parts.append(f"The source does not describe this dimension at: {inert(', '.join(missing))}.")
        if any(framework.editorial_descriptor(step.dimension, level.id) for level in framework.levels):
            parts.append("The level descriptions are ladder-tui's words: the source does not describe its levels.")
        if step.dimension.ragged_note:
            parts.append(inert(step.dimension.ragged_note))
        if step.dimension.branches:
            parts.append(
                f"Once mastered, grows into: {'; '.join(inert(branch) for branch in step.dimension.branches)}."
            )
        self._put("#dim-description", Content("\n".join(parts)))
        description.display = bool(parts)
        self._render_cards()
        self._render_answer_bar()

    def _count_text(self, answered: int) -> str:
        session = self.session
        # Pair mode writes (and counts) the agreed rating: "answered" there read as if self and lead had not rated.
        done = f"{answered} agreed" if session.slot == "agreed" else f"{answered} answered"
        if self.only_differences:
            steps = self._walked_steps()
            position = next((n for n, step in enumerate(steps, 1) if step.index == session.index), 0)
            return f"difference {position} of {len(steps)} · {done}"
        return f"{session.step.index + 1} of {session.total} · {done}"

    def _render_cards(self) -> None:
        if not self.is_mounted:
            return
        session = self.session
        framework = session.framework
        step = session.step
        shown = visible_levels(len(framework.levels), self.cursor, self._card_width)
        row = self.query_one("#card-row", Horizontal)
        cards = list(row.query(LevelCard))
        if len(cards) != len(shown):
            row.remove_children()
            cards = [LevelCard() for _ in shown]
            row.mount_all(cards)
        own = session.rating(step)
        others = {slot: session.rating(step, slot) for slot in session.other_slots if session.shows_slot(slot, step)}
        carried = session.carried(step)
        # Narrow cards keep the part that tells levels apart ("L3") rather than a cut-off long name; all of them
        # alike, so the row never mixes long names and short ones.
        card_width = self._card_width // max(1, len(shown))
        long_names = all(len(framework.levels[index].name) + 10 <= card_width for index in shown)
        for card, level_index in zip(cards, shown, strict=True):
            level = framework.levels[level_index]
            marks = []
            if own == level.id:
                marks.append(f"✔ {SLOT_LABEL[session.slot]}")
            marks += [f"◆ {SLOT_LABEL[slot]}" for slot, value in others.items() if value == level.id]
            if carried == level.id and own is None:
                marks.append("↺ last time")
            card.show_level(
                title=card_title(
                    level,
                    level_index + 1,
                    level.name if long_names or not level.short else level.short,
                    cursor=level_index == self.cursor,
                ),
                statements=framework.descriptor(step.dimension, level.id),
                marks=marks,
                cursor=level_index == self.cursor,
                chosen=own == level.id,
                # Short stage names read better beside the area's own description of the level.
                context=self._area_context(step, level.id),
            )
        self._shown = shown
        left, right = hidden_levels_hint(shown, len(framework.levels))
        self._put("#hint-left", Content(left))
        self._put("#hint-right", Content(right))
        self.query_one("#levels-hint").display = bool(left or right)
        self.call_after_refresh(self._update_more_hint)

    def _update_more_hint(self, *_args: object) -> None:
        if not self.is_attached:
            return  # a refresh scheduled before the screen closed
        cards = self.query_one("#cards", VerticalScroll)
        hint = self.query_one("#more-below", Static)
        below = cards.max_scroll_y - cards.scroll_y
        self._put("#more-below", Content("↓ more below: ↑↓ or the wheel scroll" if below > 0 else ""))
        hint.display = below > 0

    @staticmethod
    def _area_context(step: Step, level_id: str) -> str | None:
        overview = " ".join(step.area.overview.get(level_id, ()))
        return f"{step.area.name} at this level: {overview}" if overview else None

    def _render_answer_bar(self) -> None:
        session = self.session
        step = session.step
        parts: list[Content | tuple[str, str] | str] = [
            (f"{SLOT_LABEL[session.slot].capitalize()}: ", "bold"),
            answer_label(session, session.rating(step)),
        ]
        for slot in session.other_slots:
            parts.append((f"   {SLOT_LABEL[slot].capitalize()}: ", "bold"))
            if session.shows_slot(slot, step):
                parts.append(answer_label(session, session.rating(step, slot)))
            else:
                parts.append("hidden until you rate (v shows it)")
        carried = session.carried(step)
        if carried is not None and session.rating(step) is None:
            keeps = "enter keeps it"
            if self.cursor_moved and not session.framework.has_level(carried):
                keeps = f"{'0' if carried == BELOW else 'x'} keeps it; enter chooses the level under the cursor"
            parts += [("   Last time: ", "bold"), answer_label(session, carried), f" ({keeps})"]
        note = session.note(step)
        if note:
            parts += [("   Note: ", "bold"), one_line(note, 40)]
        # A lead (or a pair) sees the evidence the others wrote, not only their ratings.
        for slot in session.other_slots:
            other_note = session.note(step, slot)
            if other_note and session.shows_slot(slot, step):
                parts += [(f"\n{SLOT_LABEL[slot].capitalize()}'s note: ", "bold"), one_line(other_note, 60)]
        compared = self.just_compared
        if compared is not None and compared.index != step.index:
            mine, theirs = session.rating(compared), session.rating(compared, "self")
            parts += [
                (f"\n{one_line(compared.dimension.name, 30)}: ", "bold"),
                f"you {answer_label(session, mine)} · self {answer_label(session, theirs)}",
            ]
        parts.append("   ")
        parts.append(self._save_indicator())
        self._put("#answer-bar", Content.assemble(*parts))

    def _put(self, selector: str, content: Content) -> None:
        """Show `content` in a Static unless it already shows exactly that: an unchanged widget is not laid out or
        drawn again on the next frame (most of a key press's time is layout and drawing)."""
        seen = (content.plain, tuple(content.spans))
        if self._shown_content.get(selector) != seen:
            self._shown_content[selector] = seen
            self.query_one(selector, Static).update(content)

    def _save_indicator(self) -> Content:
        session = self.session
        if session.read_only:
            return Content.styled("read-only: not saving", "bold")
        if session.last_error:
            return Content.styled(f"✘ NOT SAVED: {inert(session.last_error)}", "bold reverse")
        return Content.styled("✓ saved", "dim")

    def _show_pair_levels(self) -> None:
        line = self.query_one("#pair-levels", Static)
        if self.session.mode != "pair":
            line.display = False
            return
        from ladder_tui.core.scoring import below_name, score

        result = score(self.session.framework, self.session.assessment)
        if not result.sides:
            self._put(
                "#pair-levels",
                Content.styled("Self and lead: each side's suggested level shows once both have rated.", "dim"),
            )
            return
        below = below_name(result.levels[0].name)
        parts: list[Content | tuple[str, str] | str] = []
        for slot, rating in result.sides:
            parts += [("  ·  " if parts else "", "dim"), (f"{slot.capitalize()} suggests ", "dim")]
            parts.append(inert(rating.name if rating else below))
        self._put("#pair-levels", Content.assemble(*parts))

    # ----- moving -----

    def go_to(self, index: int) -> None:
        # Moving anywhere ends a visit from the review: only an answer given on the row opened goes back to it.
        self.return_to_review = False
        self.session.go(index)
        self._place_cursor(self.session.cursor_level())
        self._render_step()
        self.query_one("#cards", VerticalScroll).scroll_home(animate=False)

    def _walked_steps(self, only_differences: bool | None = None) -> list[Step]:
        """The steps the walk visits: all, or in pair mode with "differences" on, only where self and lead differ."""
        steps = self.session.steps
        if not (self.only_differences if only_differences is None else only_differences):
            return steps
        session = self.session
        return [
            step
            for step in steps
            if rules.disagree(session.framework, session.assessment.answer(step.area.id, step.dimension.id))
        ]

    def _next_step(self) -> Step | None:
        """Where an answer leads: the next step, or when catching up, the next unanswered one."""
        session = self.session
        if self.catching_up:
            missing = session.unanswered_steps()
            later = [step for step in missing if step.index > session.index]
            candidates = later or missing
            return candidates[0] if candidates else None
        following = [step for step in self._walked_steps() if step.index > session.index]
        return following[0] if following else None

    def _advance(self) -> None:
        """After an answer: back to the review, the next dimension (via its area intro), or the end of the walk."""
        if self.return_to_review:
            self.return_to_review = False
            self._render_step()
            self.action_review()
            return
        step = self._next_step()
        if step is None and self.only_differences:
            # The last difference is settled: back to every dimension, where the walk carries on from here.
            self.only_differences = False
            self.notify("That was the last dimension where self and lead differ; every dimension again.")
            self._render_step()
            return
        if step is None:
            self._render_step()
            self._finish()
            return
        entering_area = step.first_in_area and step.area.id != self.session.step.area.id
        self.go_to(step.index)
        if entering_area and not self.catching_up and not self.only_differences:
            self._show_intro(step)

    def _finish(self) -> None:
        """The end of the walk: offer what is still unanswered (skips are asked again), then the summary."""
        missing = self.session.unanswered_steps()
        if not missing and self.session.hidden_steps():
            self.notify("Every dimension you see is rated; v shows the agent's own rating where it is still hidden.")
            return
        if not missing:
            self.catching_up = False
            self.action_summary()
            return
        from ladder_tui.tui.screens.finish import FinishScreen

        skipped = sum(1 for step in missing if self.session.rating(step) == SKIPPED)

        def decided(answer_now: bool | None) -> None:
            if answer_now:
                self.catching_up = True
                self.go_to(missing[0].index)
            elif answer_now is False:
                self.action_summary()

        summary_allowed = not self.session.hidden_steps()
        self.app.push_screen(FinishScreen(len(missing), skipped, summary_allowed=summary_allowed), decided)

    def _show_intro(self, step: Step) -> None:
        from ladder_tui.tui.screens.area import AreaIntroScreen

        if self.session.step.index != step.index or self.app.screen is not self:
            return  # the walk moved on (a key typed before the intro could show): it would introduce the wrong place
        self.app.push_screen(AreaIntroScreen(self.session, step, self._answer_from_intro))

    def _answer_from_intro(self, action: str) -> None:
        """An answer key typed on an area intro (`pick(3)`, `below`, `skip`...), run at once: see AreaIntroScreen."""
        from textual.actions import parse

        _namespace, name, arguments = parse(action)
        getattr(self, f"action_{name}")(*arguments)

    def _area_has_answers(self, step: Step) -> bool:
        return any(
            self.session.rating(other) is not None for other in self.session.steps if other.area.id == step.area.id
        )

    def _record(self, value: str) -> None:
        blind = not self.session.shows_slot("self")
        if not self.session.answer(value):
            self._render_cards()
            self._render_answer_bar()
            self.notify(self.session.last_error or "not saved", title="Not saved", severity="error", timeout=10)
            return
        # Rated blind: the comparison is shown on the next screen, since the walk moves on.
        self.just_compared = self.session.step if blind else None
        self._advance()

    def follow(self, request: WalkRequest) -> None:
        """Do what a closing walk screen asked: go to a dimension, or open the review or the summary."""
        if request is not None and request != "home":
            self.summary_only = False  # asked for more than the summary: this is a walk now
        if isinstance(request, int):
            self.go_to(request)
        elif request == "review":
            self.action_review()
        elif request == "summary":
            self.action_summary()
        elif request == "home":
            self.action_home()
        elif self.summary_only:
            self.summary_only = False
            self.dismiss()
        else:
            self._render_step()

    # ----- what can be done now -----

    ANSWERS = frozenset({"choose", "pick", "below", "not_applicable", "skip", "note"})

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        session = self.session
        if action in self.ANSWERS:
            return None if session.read_only else True
        if action == "reveal":
            if session.mode != "lead" or not session.framework.blind_review:
                return False
            return None if session.shows_slot("self") else True
        if action == "disagreements":
            return session.mode == "pair"
        return True

    # ----- actions -----

    def action_cursor(self, delta: int) -> None:
        self.cursor = max(0, min(self.cursor + delta, len(self.session.framework.levels) - 1))
        if not self.cursor_moved:
            self.cursor_moved = True
            self._render_answer_bar()  # what enter does has changed

    def action_choose(self) -> None:
        kept = self._kept_by_enter()
        self._record(kept if kept is not None else self.session.framework.levels[self.cursor].id)

    def _kept_by_enter(self) -> str | None:
        """Last time's "below" or "not applicable", which enter keeps until the cursor is moved: it is not a level,
        so the cursor cannot stand on it (last time's level is kept by the cursor starting on it)."""
        session = self.session
        carried = session.carried()
        if carried is None or session.rating() is not None or self.cursor_moved:
            return None
        return None if session.framework.has_level(carried) else carried

    def action_pick(self, number: int) -> None:
        levels = self.session.framework.levels
        if number > len(levels):
            self.notify(f"This framework has {len(levels)} levels: 1 to {len(levels)}.", severity="warning")
            return
        # The walk moves on at once: the cards are drawn for the next dimension, not first for this one again.
        self._place_cursor(number - 1)
        self._record(levels[number - 1].id)

    def action_below(self) -> None:
        self._record(BELOW)

    def action_not_applicable(self) -> None:
        self._record(NOT_APPLICABLE)

    def action_skip(self) -> None:
        self._record(SKIPPED)

    def action_move(self, delta: int) -> None:
        if self.only_differences:
            # Paging stays among the differences it walks (landing on an agreed one would leave the filter).
            here = self.session.step.index
            steps = [step.index for step in self._walked_steps()]
            ahead = [index for index in steps if index > here] if delta > 0 else [i for i in steps if i < here][::-1]
            if ahead:
                self.go_to(ahead[0])
            return
        self.go_to(self.session.step.index + delta)

    def action_go_to(self, index: int) -> None:
        self.go_to(index)

    def action_back(self) -> None:
        if self.session.step.index == 0:
            self.dismiss()
            return
        self.go_to(self.session.step.index - 1)

    def action_home(self) -> None:
        """Close the assessment (everything is already saved) and show Home."""
        from ladder_tui.tui.messages import GoHome

        self.post_message(GoHome())

    def action_reveal(self) -> None:
        # The cursor stays where the lead put it: seeing the agent's rating is not choosing it.
        self.session.reveal()
        self._render_step()
        self.refresh_bindings()

    def action_disagreements(self) -> None:
        if not self.only_differences and not self._walked_steps(only_differences=True):
            self.notify("Self and lead rated every dimension alike (or one side has not rated yet).")
            return
        self.only_differences = not self.only_differences
        if self.only_differences:
            steps = self._walked_steps()
            if all(step.index != self.session.index for step in steps):
                self.go_to(steps[0].index)
        self.notify("Only where self and lead differ." if self.only_differences else "Every dimension again.")
        self._render_step()

    def action_note(self) -> None:
        from ladder_tui.tui.screens.note import NoteScreen

        step = self.session.step

        def closed(_result: None) -> None:
            self._render_answer_bar()

        self.app.push_screen(NoteScreen(self.session, step), closed)

    def action_jump(self) -> None:
        from ladder_tui.tui.screens.jump import JumpScreen

        def jump(index: int | None) -> None:
            if index is not None:
                self.go_to(index)

        self.app.push_screen(JumpScreen(self.session), jump)

    def action_review(self) -> None:
        from ladder_tui.tui.screens.review import ReviewScreen

        def reviewed(request: WalkRequest) -> None:
            self.follow(request)
            if isinstance(request, int):
                self.return_to_review = True

        self.app.push_screen(ReviewScreen(self.session), reviewed)

    def action_summary(self) -> None:
        from ladder_tui.tui.screens.summary import SummaryScreen

        # The summary lists the agent's ratings: while some are hidden from a blind lead, the key says why it waits.
        waits = summary_waits(self.session)
        if waits:
            self.notify(waits, severity="warning")
            return
        self.app.push_screen(SummaryScreen(self.session, self.catalog, served=self.served), self.follow)

    def palette_steps(self) -> list[tuple[str, str, str]]:
        """The command palette's "Go to" entries: one per dimension."""
        return [
            (
                f"Go to {one_line(step.area.name, 40)} > {one_line(step.dimension.name, 60)}",
                f"Dimension {step.index + 1} of {self.session.total}",
                f"go_to({step.index})",
            )
            for step in self.session.steps
        ]

    def on_screen_resume(self) -> None:
        # A screen above (note, jump, review, summary) may have changed answers.
        self._render_step()
