"""The Dimension screen: one skill dimension, the neighbouring levels side by side, one key to answer and go on."""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Header, ProgressBar, Static

from ladder_tui.core.assessment import BELOW, NOT_APPLICABLE, SKIPPED, Slot
from ladder_tui.core.framework import descriptor_statements
from ladder_tui.core.session import Step, WalkSession
from ladder_tui.tui.text import inert, one_line
from ladder_tui.tui.widgets.level_card import LevelCard
from ladder_tui.tui.widgets.room_banner import RoomBanner

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
    try:
        index = session.framework.level_index(value)
    except KeyError:
        return f"{value} (unknown level)"
    return f"{index + 1} {session.framework.levels[index].name}"


def visible_levels(level_count: int, cursor: int, width: int) -> list[int]:
    """All levels when they fit side by side, else the cursor's with the one below and the one above."""
    if level_count * MIN_CARD_WIDTH <= width or level_count <= 1:
        return list(range(level_count))
    shown = 3 if width >= 3 * 24 else (2 if width >= 2 * 24 else 1)
    start = max(0, min(cursor - shown // 2, level_count - shown))
    return list(range(start, start + shown))


class DimensionScreen(Screen[None]):
    """Answer one dimension at a time. Every answer is saved before the next dimension is shown."""

    AUTO_FOCUS = "#cards"
    BINDINGS = [
        # Priority: the scrolling container under the cards would otherwise take the arrows.
        Binding("left", "cursor(-1)", "Level", key_display="←→", id="cursor_left", priority=True),
        Binding("right", "cursor(1)", "Level", show=False, id="cursor_right", priority=True),
        Binding("enter", "choose", "Choose", id="choose"),
        *[
            Binding(str(n), f"pick({n})", "Pick level", show=n == 1, key_display="1-9", id=f"pick_{n}")
            for n in range(1, 10)
        ],
        Binding("0", "below", "Below first", id="below", show=False),
        Binding("x", "not_applicable", "N/A", id="not_applicable"),
        Binding("s", "skip", "Skip", id="skip"),
        Binding("n", "note", "Note", id="note"),
        Binding("escape", "back", "Back", id="back"),
        Binding("j", "jump", "Jump", id="jump"),
        Binding("r", "review", "Review", id="review"),
        Binding("question_mark", "app.help", "Help", id="help_key"),
        Binding("pagedown", "move(1)", "Next", show=False, id="next"),
        Binding("pageup", "move(-1)", "Previous", show=False, id="previous"),
    ]

    cursor: reactive[int] = reactive(0, init=False)
    """The level under the cursor (index in the framework's order)."""

    def __init__(self, session: WalkSession) -> None:
        super().__init__()
        self.session = session
        self._shown: list[int] = []
        self._card_width = 200
        self._intro_shown_for: set[str] = set()

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        yield RoomBanner()
        with Horizontal(id="where"):
            yield Static(id="crumb")
            yield Static(id="count")
        yield ProgressBar(id="progress", show_eta=False, show_percentage=False)
        yield Static(id="dim-description")
        with VerticalScroll(id="cards"):
            yield Horizontal(id="card-row")
        yield Static(id="answer-bar")
        yield Footer()

    def on_mount(self) -> None:
        framework = self.session.framework
        self.title = f"{inert(self.session.assessment.subject)} · {framework.name}"
        self.sub_title = f"{self.session.mode} mode" + (" · read-only" if self.session.read_only else "")
        self.query_one(ProgressBar).total = max(1, self.session.total)
        self.cursor = self.session.cursor_level()
        self._render_step()
        step = self.session.step
        if step.first_in_area and not self._area_has_answers(step):
            self.call_after_refresh(self._show_intro, step)

    # ----- drawing -----

    def on_resize(self, event: events.Resize) -> None:
        self._card_width = event.size.width - 2
        self._render_cards()

    def watch_cursor(self) -> None:
        self._render_cards()

    def _render_step(self) -> None:
        session = self.session
        step = session.step
        self.query_one("#crumb", Static).update(
            Text.assemble((inert(step.area.name), "bold"), " › ", (inert(step.dimension.name), "bold"))
        )
        answered, _total = session.progress()
        self.query_one("#count", Static).update(f"{step.index + 1} of {session.total} · {answered} answered")
        self.query_one(ProgressBar).progress = answered
        description = self.query_one("#dim-description", Static)
        text = inert(step.dimension.description or "")
        missing = [
            level.name
            for level in session.framework.levels
            if not session.framework.descriptor(step.dimension, level.id)
        ]
        if missing:
            text += ("\n" if text else "") + f"The source does not describe this dimension at: {', '.join(missing)}."
        if step.dimension.branches:
            grows = "; ".join(inert(branch) for branch in step.dimension.branches)
            text += ("\n" if text else "") + f"Once mastered, grows into: {grows}."
        description.update(text)
        description.display = bool(text)
        self._render_cards()
        self._render_answer_bar()

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
        others = {slot: session.rating(step, slot) for slot in session.other_slots}
        for card, level_index in zip(cards, shown, strict=True):
            level = framework.levels[level_index]
            marks = []
            if own == level.id:
                marks.append(f"✔ {SLOT_LABEL[session.slot]}")
            marks += [f"◆ {SLOT_LABEL[slot]}" for slot, value in others.items() if value == level.id]
            # Narrow cards keep the part that tells levels apart ("L3") rather than a cut-off long name.
            fits = len(level.name) + 6 <= self._card_width // max(1, len(shown))
            card.show_level(
                number=level_index + 1,
                name=level.name if fits or not level.short else level.short,
                statements=framework.descriptor(step.dimension, level.id),
                marks=marks,
                cursor=level_index == self.cursor,
                chosen=own == level.id,
                # Short stage names read better beside the area's own description of the level.
                context=self._area_context(step, level.id),
            )
        self._shown = shown

    @staticmethod
    def _area_context(step: Step, level_id: str) -> str | None:
        overview = " ".join(descriptor_statements(step.area.overview.get(level_id)))
        return f"{step.area.name} at this level: {overview}" if overview else None

    def _render_answer_bar(self) -> None:
        session = self.session
        step = session.step
        parts = Text()
        parts.append(f"{SLOT_LABEL[session.slot].capitalize()}: ", style="bold")
        parts.append(answer_label(session, session.rating(step)))
        for slot in session.other_slots:
            parts.append(f"   {SLOT_LABEL[slot].capitalize()}: ", style="bold")
            parts.append(answer_label(session, session.rating(step, slot)))
        note = session.note(step)
        if note:
            parts.append("   Note: ", style="bold")
            parts.append(one_line(note, 40))
        # A lead (or a pair) sees the evidence the others wrote, not only their ratings.
        for slot in session.other_slots:
            other_note = session.note(step, slot)
            if other_note:
                parts.append(f"\n{SLOT_LABEL[slot].capitalize()}'s note: ", style="bold")
                parts.append(one_line(other_note, 60))
        parts.append("   ")
        parts.append_text(self._save_indicator())
        self.query_one("#answer-bar", Static).update(parts)

    def _save_indicator(self) -> Text:
        session = self.session
        if session.read_only:
            return Text("read-only: not saving", style="bold")
        if session.last_error:
            return Text(f"✘ NOT SAVED: {session.last_error}", style="bold reverse")
        return Text("✓ saved", style="dim")

    # ----- moving -----

    def go_to(self, index: int) -> None:
        self.session.go(index)
        self.cursor = self.session.cursor_level()
        self._render_step()
        self.query_one("#cards", VerticalScroll).scroll_home(animate=False)

    def _advance(self) -> None:
        """After an answer: the next dimension (via its area intro when a new area starts), or the summary."""
        session = self.session
        if session.step.index + 1 >= session.total:
            self._render_step()
            self._finish()
            return
        self.go_to(session.step.index + 1)
        step = session.step
        if step.first_in_area:
            self._show_intro(step)

    def _finish(self) -> None:
        answered, total = self.session.progress()
        if answered < total:
            self.notify(f"{total - answered} dimension(s) still unanswered; they are marked in the review.")
        self.action_summary()

    def _show_intro(self, step: Step) -> None:
        from ladder_tui.tui.screens.area import AreaIntroScreen

        self._intro_shown_for.add(step.area.id)

        def answered_on_intro(action: str | None) -> None:
            if action:
                self.call_after_refresh(self.run_action, action)

        self.app.push_screen(AreaIntroScreen(self.session, step), answered_on_intro)

    def _area_has_answers(self, step: Step) -> bool:
        return any(
            self.session.rating(other) is not None for other in self.session.steps if other.area.id == step.area.id
        )

    def _record(self, value: str) -> None:
        if self.session.read_only:
            self.notify("Read-only: this assessment is open in another ladder-tui.", severity="warning")
            return
        if not self.session.answer(value):
            self._render_answer_bar()
            self.notify(self.session.last_error or "not saved", title="Not saved", severity="error", timeout=10)
            return
        self._advance()

    # ----- actions -----

    def action_cursor(self, delta: int) -> None:
        self.cursor = max(0, min(self.cursor + delta, len(self.session.framework.levels) - 1))

    def action_choose(self) -> None:
        self._record(self.session.framework.levels[self.cursor].id)

    def action_pick(self, number: int) -> None:
        levels = self.session.framework.levels
        if number > len(levels):
            self.notify(f"This framework has {len(levels)} levels.", severity="warning")
            return
        self.cursor = number - 1
        self._record(levels[number - 1].id)

    def action_below(self) -> None:
        self._record(BELOW)

    def action_not_applicable(self) -> None:
        self._record(NOT_APPLICABLE)

    def action_skip(self) -> None:
        self._record(SKIPPED)

    def action_move(self, delta: int) -> None:
        self.go_to(self.session.step.index + delta)

    def action_back(self) -> None:
        if self.session.step.index == 0:
            self.app.close_walk()  # type: ignore[attr-defined]
            self.dismiss()
            return
        self.go_to(self.session.step.index - 1)

    def action_note(self) -> None:
        from ladder_tui.tui.screens.note import NoteScreen

        if self.session.read_only:
            self.notify("Read-only: this assessment is open in another ladder-tui.", severity="warning")
            return
        step = self.session.step

        def save_note(text: str | None) -> None:
            if text is None:
                return
            if not self.session.set_note(text):
                self.notify(self.session.last_error or "not saved", title="Not saved", severity="error")
            self._render_answer_bar()

        self.app.push_screen(
            NoteScreen(f"{step.area.name} › {step.dimension.name}", self.session.note(step) or ""), save_note
        )

    def action_jump(self) -> None:
        from ladder_tui.tui.screens.jump import JumpScreen

        def jump(index: int | None) -> None:
            if index is not None:
                self.go_to(index)

        self.app.push_screen(JumpScreen(self.session), jump)

    def action_review(self) -> None:
        from ladder_tui.tui.screens.review import ReviewScreen

        def opened(index: int | None) -> None:
            if index is not None:
                self.go_to(index)

        self.app.push_screen(ReviewScreen(self.session), opened)

    def action_summary(self) -> None:
        from ladder_tui.tui.screens.summary import SummaryScreen

        self.app.push_screen(SummaryScreen(self.session))

    def export(self, fmt: str) -> None:
        from ladder_tui.tui.screens.summary import export_summary

        export_summary(self.app, self.session, fmt)

    @on(events.ScreenResume)
    def _refresh_on_resume(self) -> None:
        # Another screen (review, jump, note) may have changed answers or the place.
        self._render_step()

    def slot_label(self, slot: Slot) -> str:
        return SLOT_LABEL[slot]
