"""The Plan screen: the development plan the two agreed on, kept in the assessment file; add an action (tied to a
dimension or to none), mark one done, dropped or open again. Every change is saved at once, like an answer."""

from __future__ import annotations

import datetime
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Header, Input, Label, RadioSet, Select, Static

from ladder_tui.core.domain.assessment import ActionStatus, Owner, PlanAction
from ladder_tui.core.domain.scoring import score
from ladder_tui.core.domain.session import WalkSession
from ladder_tui.core.presentation.document import plan_rows
from ladder_tui.tui import commands
from ladder_tui.tui.commands import Keyed
from ladder_tui.tui.text import inert, not_saved_text, one_line
from ladder_tui.tui.widgets.choices import GlyphRadioButton
from ladder_tui.tui.widgets.key_hints import KeyHints
from ladder_tui.tui.widgets.room_banner import RoomBanner

#: "No dimension" in the dimension picker.
NO_DIMENSION = "-"


class PlanScreen(Keyed, Screen[None]):
    """The plan as a table, numbered as `ladder-tui plan` numbers it."""

    COMMAND_TABLE = "plan"
    BINDINGS: ClassVar[list[BindingType]] = list(commands.bindings(COMMAND_TABLE))

    def __init__(self, session: WalkSession, *, dimension: tuple[str, str] | None = None) -> None:
        super().__init__()
        self.session = session
        #: The dimension a new action is tied to by default (opened from a focus card).
        self.dimension = dimension

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        yield RoomBanner()
        with Vertical(id="plan-body"):
            yield Static("", id="plan-intro")
            table: DataTable[str] = DataTable(id="plan-table", cursor_type="row", zebra_stripes=True)
            # Where each action stands first: at 80 columns the long ones (action, dimension) go last.
            table.add_columns("N", "Status", "Owner", "Due", "Action", "Dimension")
            yield table
        yield KeyHints()

    def on_mount(self) -> None:
        session = self.session
        self.title = f"{one_line(session.assessment.subject, 40)} · {one_line(session.framework.name, 60)}"
        self.sub_title = "Plan"
        self._show()
        self.query_one(DataTable).focus()

    def _show(self) -> None:
        session = self.session
        rows = plan_rows(score(session.framework, session.assessment))
        table: DataTable[str] = self.query_one(DataTable)
        keep = table.cursor_row
        table.clear()
        for number, action, dimension, owner, due, status in rows:
            cells = (number, status, owner, due, one_line(action, 60), one_line(dimension, 50))
            table.add_row(*(inert(cell) for cell in cells))
        if rows:
            table.move_cursor(row=min(max(keep, 0), len(rows) - 1))
        open_count = sum(1 for action in session.assessment.plan if action.status == "open")
        if session.read_only:
            intro = "Read-only: the plan is shown, not changed."
        elif not rows:
            intro = "No actions yet: a adds one (tied to a dimension, or to none)."
        else:
            intro = f"{open_count} of {len(rows)} open. a adds an action; d done, x drop, o open again."
        self.query_one("#plan-intro", Static).update(Content(intro))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("add", "done", "drop", "reopen_action") and self.session.read_only:
            return None
        if action in ("done", "drop", "reopen_action") and not self.session.assessment.plan:
            return None
        return True

    def _save(self) -> None:
        if not self.session.save_change():
            self.notify(not_saved_text(self.session.last_error), severity="error", timeout=10)
        self._show()

    def _set(self, status: ActionStatus) -> None:
        plan = self.session.assessment.plan
        row = self.query_one(DataTable).cursor_row
        if 0 <= row < len(plan):
            plan[row].status = status
            self._save()

    def action_done(self) -> None:
        self._set("done")

    def action_drop(self) -> None:
        self._set("dropped")

    def action_reopen_action(self) -> None:
        self._set("open")

    def action_add(self) -> None:
        def added(action: PlanAction | None) -> None:
            if action is not None:
                self.session.assessment.plan.append(action)
                self._save()
                self.query_one(DataTable).move_cursor(row=len(self.session.assessment.plan) - 1)

        self.app.push_screen(AddActionScreen(self.session, self.dimension), added)

    def action_back(self) -> None:
        self.dismiss(None)


class AddActionScreen(Keyed, ModalScreen[PlanAction | None]):
    """One action: its words, the dimension it works on (or none), whose it is, and an optional due date."""

    COMMAND_TABLE = "add_action"
    BINDINGS: ClassVar[list[BindingType]] = list(commands.bindings(COMMAND_TABLE))

    def __init__(self, session: WalkSession, dimension: tuple[str, str] | None) -> None:
        super().__init__()
        self.session = session
        self.dimension = dimension

    def compose(self) -> ComposeResult:
        framework = self.session.framework
        # The focus areas first (what the plan is usually about), then every dimension.
        focus = score(framework, self.session.assessment).focus
        options = [("No dimension", NO_DIMENSION)]
        options += [
            (
                f"Focus {n}: {one_line(item.area.name, 24)} › {one_line(item.dimension.name, 36)}",
                f"{item.area.id}/{item.dimension.id}",
            )
            for n, item in enumerate(focus, start=1)
        ]
        focus_keys = {f"{item.area.id}/{item.dimension.id}" for item in focus}
        options += [
            (f"{one_line(area.name, 30)} › {one_line(dim.name, 40)}", f"{area.id}/{dim.id}")
            for area in framework.areas
            for dim in area.dimensions
            if f"{area.id}/{dim.id}" not in focus_keys
        ]
        chosen = f"{self.dimension[0]}/{self.dimension[1]}" if self.dimension else NO_DIMENSION
        with Vertical(id="add-action", classes="dialog"):
            yield Label("Add an action to the plan", classes="dialog-title")
            yield Input(placeholder="What will be done", id="action-text")
            yield Select(options, value=chosen, allow_blank=False, id="action-dimension")
            with RadioSet(id="action-owner"):
                yield GlyphRadioButton("Self's action", value=True, id="owner-self")
                yield GlyphRadioButton("Lead's action", id="owner-lead")
            yield Input(placeholder="Due date (YYYY-MM-DD, optional)", id="action-due")
            yield Static("", id="action-error")
            yield Label("Enter adds it; escape cancels.", classes="muted")

    def on_mount(self) -> None:
        self.query_one("#action-error").display = False
        self.query_one("#action-text", Input).focus()

    def _problem(self, text: str) -> None:
        error = self.query_one("#action-error", Static)
        error.update(Content(text))
        error.display = True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # On the dimension list, enter is the list's own: it opens the list, then picks the highlighted dimension.
        if action == "confirm":
            focused = self.focused
            dimensions = self.query_one("#action-dimension", Select)
            return not (focused is not None and dimensions in focused.ancestors_with_self)
        return True

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_confirm()

    def action_confirm(self) -> None:
        words = " ".join(self.query_one("#action-text", Input).value.split())
        if not words:
            self._problem("Type what will be done.")
            self.query_one("#action-text", Input).focus()
            return
        due_text = self.query_one("#action-due", Input).value.strip()
        due: datetime.date | None = None
        if due_text:
            try:
                due = datetime.date.fromisoformat(due_text)
            except ValueError:
                self._problem(f"{due_text!r} is not a date: give YYYY-MM-DD, or leave it empty.")
                self.query_one("#action-due", Input).focus()
                return
        value = self.query_one("#action-dimension", Select).value
        area_id, _, dim_id = str(value).partition("/") if value != NO_DIMENSION else ("", "", "")
        pressed = self.query_one("#action-owner", RadioSet).pressed_button
        owner: Owner = "lead" if pressed is not None and pressed.id == "owner-lead" else "self"
        self.dismiss(PlanAction(words, owner, "open", area_id or None, dim_id or None, due))

    def action_cancel(self) -> None:
        self.dismiss(None)
