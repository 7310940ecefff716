"""The Dimension screen: one skill dimension, the neighbouring levels side by side, one key to answer and go on.

Where the walk goes is decided by the core's `WalkController`: each key becomes one of its operations, and the
screen renders the `Move` it returns (a dimension, an area intro, the end dialog, the review, the summary).
"""

from __future__ import annotations

from functools import partial
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Header, Static

from ladder_tui.core.domain import rules
from ladder_tui.core.domain.assessment import BELOW, Slot
from ladder_tui.core.domain.session import Step
from ladder_tui.core.domain.walk import (
    BELOW_FIRST,
    NOT_APPLICABLE_HERE,
    SKIP,
    Choice,
    CloseAssessment,
    EndChoice,
    EndOfWalk,
    LeaveWalk,
    Move,
    PickLevel,
    ShowDimension,
    ShowIntro,
    ShowReview,
    ShowSummary,
    Stay,
    WalkController,
    WalkRequest,
)
from ladder_tui.core.storage.catalog import FrameworkCatalog
from ladder_tui.tui import commands
from ladder_tui.tui.acting import actor, credit, person
from ladder_tui.tui.commands import Keyed, PaletteStep
from ladder_tui.tui.text import inert, not_saved_text, notice_text, one_line
from ladder_tui.tui.widgets.key_hints import KeyHints
from ladder_tui.tui.widgets.level_card import LevelCard, card_title
from ladder_tui.tui.widgets.room_banner import RoomBanner
from ladder_tui.tui.widgets.walk_heading import ProgressLine, WalkHeading

SLOT_LABEL: dict[str, str] = {"self": "self", "lead": "lead", "agreed": "agreed"}
#: Narrowest readable card; below this we show fewer neighbours.
MIN_CARD_WIDTH = 30


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


class DimensionScreen(Keyed, Screen[None]):
    """Answer one dimension at a time. Every answer is saved before the next dimension is shown."""

    COMMAND_TABLE = "dimension"
    BINDINGS: ClassVar[list[BindingType]] = list(commands.bindings(COMMAND_TABLE))
    AUTO_FOCUS = "#cards"

    cursor: reactive[int] = reactive(0, init=False)
    """The level under the cursor (index in the framework's order)."""

    def __init__(
        self, walk: WalkController, catalog: FrameworkCatalog, *, served: bool = False, opening: Move | None = None
    ) -> None:
        super().__init__()
        self.walk = walk
        self.session = walk.session
        self.catalog = catalog
        self.served = served
        #: What to show once mounted (the controller's `opening`: an intro, the summary, or this dimension).
        self.opening = opening
        self._shown: list[int] = []
        self._card_width = 200
        #: The level cursor was moved on this dimension (then enter chooses the level under it, not last time's).
        self.cursor_moved = False
        #: The dimension a lead just rated blind, shown beside this one (from the controller's last move).
        self.compared: Step | None = None
        #: What each Static shows now (text and styles), so that `_put` leaves unchanged ones alone.
        self._shown_content: dict[str, tuple[str, tuple[object, ...]]] = {}

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        yield RoomBanner()
        yield WalkHeading(id="where")
        yield ProgressLine(id="progress")
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
        heading = self.query_one(WalkHeading)
        badge = f" {session.mode.upper()} " + ("· READ-ONLY " if session.read_only else "")
        heading.badge = Content.styled(badge, f"bold reverse {'$warning' if session.read_only else '$accent'}")
        self.query_one(ProgressLine).total = max(1, session.total)
        self._show_pair_levels()
        self._place_cursor(session.cursor_level())
        self._render_step()
        self.watch(self.query_one("#cards", VerticalScroll), "scroll_y", self._update_more_hint, init=False)
        opening = self.opening
        if opening is not None and not isinstance(opening, ShowDimension):
            # After the first frame: an intro or the summary goes over this screen, which is drawn under it.
            self.call_after_refresh(self._open, opening, self.session.index)

    def _open(self, move: Move, index: int) -> None:
        if self.session.index != index or self.app.screen is not self:
            return  # a key typed before it could show moved the walk on: it would introduce the wrong place
        self.apply(move)

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
        heading = self.query_one(WalkHeading)
        heading.crumb = Content.assemble((inert(step.area.name), "bold"), " › ", (inert(step.dimension.name), "bold"))
        answered = session.counts().answered
        heading.count = self._count_text(answered)
        self.query_one(ProgressLine).progress = answered
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
        if self.walk.only_differences:
            position, count = self.walk.position()
            return f"difference {position} of {count} · {done}"
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
                marks.append(f"✔ {self._rated(session.slot)}")
            marks += [f"◆ {self._rated(slot)}" for slot, value in others.items() if value == level.id]
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

    def _rated(self, slot: Slot) -> str:
        """A slot's mark on its level's card: "lead", or "lead: Kim Lead" when who rated is worth saying."""
        who = credit(self, self.session.rated_by(slot=slot))
        return f"{SLOT_LABEL[slot]}: {who}" if who else SLOT_LABEL[slot]

    def _notes_line(self, slot: Slot, width: int) -> list[tuple[str, str] | str]:
        """A slot's notes in the answer bar, each with who wrote it where that is worth saying."""
        parts: list[tuple[str, str] | str] = []
        for note in self.session.notes(slot=slot):
            who = credit(self, note.by)
            label = f"{SLOT_LABEL[slot].capitalize()}'s note" if slot != self.session.slot else "Note"
            parts += [(f"   {label}{f' ({who})' if who else ''}: ", "bold"), one_line(note.text, width)]
        return parts

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
            rules.answer_label(session.framework.levels, session.rating(step)),
        ]
        for slot in session.other_slots:
            parts.append((f"   {SLOT_LABEL[slot].capitalize()}: ", "bold"))
            if session.shows_slot(slot, step):
                parts.append(rules.answer_label(session.framework.levels, session.rating(step, slot)))
            else:
                parts.append("hidden until you rate (v shows it)")
        carried = session.carried(step)
        if carried is not None and session.rating(step) is None:
            keeps = "enter keeps it"
            if self.cursor_moved and not session.framework.has_level(carried):
                keeps = f"{'0' if carried == BELOW else 'x'} keeps it; enter chooses the level under the cursor"
            parts += [("   Last time: ", "bold"), rules.answer_label(session.framework.levels, carried), f" ({keeps})"]
        parts += self._notes_line(session.slot, 40)
        # A lead (or a pair) sees the evidence the others wrote, not only their ratings.
        for slot in session.other_slots:
            if session.shows_slot(slot, step) and (others := self._notes_line(slot, 60)):
                parts += ["\n", *others]
        compared = self.compared
        if compared is not None and compared.index != step.index:
            levels = session.framework.levels
            mine, theirs = session.rating(compared), session.rating(compared, "self")
            parts += [
                (f"\n{one_line(compared.dimension.name, 30)}: ", "bold"),
                f"you {rules.answer_label(levels, mine)} · self {rules.answer_label(levels, theirs)}",
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
            return Content.styled(f"✘ {inert(not_saved_text(session.last_error))}", "bold reverse")
        return Content.styled("✓ saved", "dim")

    def _show_pair_levels(self) -> None:
        line = self.query_one("#pair-levels", Static)
        if self.session.mode != "pair":
            line.display = False
            return
        from ladder_tui.core.domain.scoring import below_name, score

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

    # ----- rendering the controller's moves -----

    def apply(self, move: Move) -> None:
        """Show what the walk controller decided."""
        if isinstance(move, Stay):
            self._render_cards()
            self._render_answer_bar()
            self._say(move)
            return
        if isinstance(move, ShowDimension | ShowIntro | EndOfWalk | ShowSummary | ShowReview):
            # The dimension the walk is on now, drawn afresh (under the screen that opens over it, if any).
            self.compared = move.compared if isinstance(move, ShowDimension | ShowIntro) else None
            self._place_cursor(self.session.cursor_level())
            self._render_step()
        if isinstance(move, ShowDimension | ShowIntro):
            self.query_one("#cards", VerticalScroll).scroll_home(animate=False)
            if isinstance(move, ShowIntro):
                self._show_intro(move.step)
            else:
                self._say(move)
        elif isinstance(move, EndOfWalk):
            self._show_end(move)
        elif isinstance(move, ShowSummary):
            self._show_summary()
        elif isinstance(move, ShowReview):
            self._show_review()
        elif isinstance(move, LeaveWalk):
            self.dismiss()
        elif isinstance(move, CloseAssessment):
            from ladder_tui.tui.messages import GoHome

            self.post_message(GoHome())

    def _say(self, move: ShowDimension | Stay) -> None:
        if move.notice is None:
            return
        text, severity = notice_text(move.notice)
        title = "Not saved" if move.notice.kind == "not_saved" else ""
        self.notify(text, title=title, severity=severity, timeout=10 if severity == "error" else None)

    def _show_intro(self, step: Step) -> None:
        from ladder_tui.tui.screens.area import AreaIntroScreen

        self.app.push_screen(AreaIntroScreen(self.session, step, self.answer))

    def _show_end(self, end: EndOfWalk) -> None:
        from ladder_tui.tui.screens.finish import FinishScreen

        def decided(choice: EndChoice | None) -> None:
            self.apply(self.walk.end_choice(choice or EndChoice.STAY))

        self.app.push_screen(FinishScreen(end), decided)

    def _show_review(self) -> None:
        from ladder_tui.tui.screens.review import ReviewScreen

        def reviewed(request: WalkRequest | None) -> None:
            if request is not None:
                self.apply(self.walk.after_review(request))

        self.app.push_screen(ReviewScreen(self.walk), reviewed)

    def _show_summary(self) -> None:
        from ladder_tui.tui.screens.summary import SummaryScreen

        def closed(request: WalkRequest | None) -> None:
            if request is not None:
                self.apply(self.walk.after_summary(request))

        self.app.push_screen(SummaryScreen(self.session, self.catalog, served=self.served), closed)

    def answer(self, choice: Choice) -> None:
        """An answer key, typed here or on the area intro (which hands it over within the key's own handling)."""
        here = self.session.step
        self._answered(here, self.walk.choose(choice, actor(self)))

    def _answered(self, here: Step, move: Move) -> None:
        """Show where an answer led; in a room, every screen also says who chose what (a shared screen has no
        "you")."""
        if self.served and not isinstance(move, Stay):
            who = self.session.rated_by(here) or "Someone"
            label = rules.answer_label(self.session.framework.levels, self.session.rating(here))
            self.notify(f"{who} chose {label} for {one_line(here.dimension.name, 60)}.", timeout=4)
        self.apply(move)

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
        value = kept if kept is not None else self.session.framework.levels[self.cursor].id
        here = self.session.step
        self._answered(here, self.walk.answer(value, actor(self)))

    def _kept_by_enter(self) -> str | None:
        """Last time's "below" or "not applicable", which enter keeps until the cursor is moved: it is not a level,
        so the cursor cannot stand on it (last time's level is kept by the cursor starting on it)."""
        session = self.session
        carried = session.carried()
        if carried is None or session.rating() is not None or self.cursor_moved:
            return None
        return None if session.framework.has_level(carried) else carried

    def action_pick(self, number: int) -> None:
        self.answer(PickLevel(number))

    def action_below(self) -> None:
        self.answer(BELOW_FIRST)

    def action_not_applicable(self) -> None:
        self.answer(NOT_APPLICABLE_HERE)

    def action_skip(self) -> None:
        self.answer(SKIP)

    def action_move(self, delta: int) -> None:
        self.apply(self.walk.move(delta, actor(self)))

    def action_export(self) -> None:
        from ladder_tui.tui.screens.export import open_summary_export

        open_summary_export(self, self.session, self.catalog, served=self.served)

    def action_go_to(self, index: int) -> None:
        self.apply(self.walk.jump(index, actor(self)))

    def action_back(self) -> None:
        self.apply(self.walk.back(actor(self)))

    def action_home(self) -> None:
        """Close the assessment (everything is already saved) and show Home."""
        self.apply(CloseAssessment())

    def action_reveal(self) -> None:
        # The cursor stays where the lead put it: seeing the agent's rating is not choosing it.
        self.session.reveal()
        self._render_step()
        self.refresh_bindings()

    def action_disagreements(self) -> None:
        self.apply(self.walk.toggle_differences())

    def action_note(self) -> None:
        from ladder_tui.tui.screens.note import NoteScreen

        step = self.session.step

        def closed(_result: None) -> None:
            self._render_answer_bar()

        self.app.push_screen(NoteScreen(self.session, step, person(self)), closed)

    def action_jump(self) -> None:
        from ladder_tui.tui.screens.jump import JumpScreen

        def jump(index: int | None) -> None:
            if index is not None:
                self.apply(self.walk.jump(index, actor(self)))

        self.app.push_screen(JumpScreen(self.session), jump)

    def action_review(self) -> None:
        self.apply(self.walk.review())

    def action_summary(self) -> None:
        self.apply(self.walk.summary())

    def palette_steps(self) -> list[PaletteStep]:
        """The command palette's "Go to" entries: one per dimension."""
        return [
            PaletteStep(
                f"Go to {one_line(step.area.name, 40)} > {one_line(step.dimension.name, 60)}",
                f"Dimension {step.index + 1} of {self.session.total}",
                partial(self.action_go_to, step.index),
            )
            for step in self.session.steps
        ]

    def on_screen_resume(self) -> None:
        # A screen above (note, jump, review, summary) may have changed answers.
        self._render_step()
