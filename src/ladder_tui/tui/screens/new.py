"""The New assessment screen: framework (with a preview), subject, who is rating, the framework's questions, target."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Header, Input, Label, OptionList, RadioSet, Select, Static
from textual.widgets.option_list import Option

from ladder_tui.core.domain.assessment import MODE_MEANING, MODES, Mode
from ladder_tui.core.domain.framework import Framework
from ladder_tui.core.errors import LadderError
from ladder_tui.core.storage.catalog import FrameworkCatalog
from ladder_tui.core.storage.listing import ListedAssessment
from ladder_tui.tui import commands
from ladder_tui.tui.commands import Keyed
from ladder_tui.tui.screens.frameworks import framework_preview
from ladder_tui.tui.text import literal, one_line
from ladder_tui.tui.widgets.choices import GlyphCheckbox, GlyphRadioButton
from ladder_tui.tui.widgets.key_hints import KeyHints
from ladder_tui.tui.widgets.quiet_scroll import QuietScroll
from ladder_tui.tui.widgets.room_banner import RoomBanner

MODE_HELP: dict[str, str] = {mode: f"{mode}: {meaning}" for mode, meaning in MODE_MEANING.items()}


@dataclass(frozen=True)
class Created:
    """The new assessment's file, and who is rating in the sitting that starts now."""

    path: Path
    mode: Mode


class NewAssessmentScreen(Keyed, Screen[Created | None]):
    """Creates the assessment file at once and returns it. Tab goes framework -> name -> mode -> questions ->
    target -> start, and nothing else takes focus on the way."""

    COMMAND_TABLE = "new"
    BINDINGS: ClassVar[list[BindingType]] = list(commands.bindings(COMMAND_TABLE))

    def __init__(self, catalog: FrameworkCatalog) -> None:
        super().__init__()
        self.catalog = catalog
        self.frameworks: list[Framework] = []
        self.framework: Framework | None = None
        #: The person's latest earlier assessment on this framework, when there is one (a new cycle).
        self.earlier: ListedAssessment | None = None

    def compose(self) -> ComposeResult:
        self.frameworks = self.catalog.frameworks()
        yield Header(icon="≡")
        yield RoomBanner()
        with Horizontal(id="new-body"):
            with Vertical(id="new-left"):
                yield Label("1. Framework", classes="section-title")
                yield OptionList(*[Option(literal(fw.name), id=fw.id) for fw in self.frameworks], id="new-frameworks")
                with QuietScroll(id="new-preview-scroll"):
                    yield Static(id="new-preview")
            with QuietScroll(id="new-form"):
                yield Label("2. Who is being assessed?", classes="section-title")
                yield Input(placeholder="Name", id="subject", max_length=80)
                carry = GlyphCheckbox("", id="carry")
                carry.display = False
                yield carry
                # The framework's questions are about the person (a people manager?), so they sit under their name.
                yield Vertical(id="questions")
                yield Label("3. Who is rating?", classes="section-title")
                with RadioSet(id="mode"):
                    for mode in MODES:
                        yield GlyphRadioButton(MODE_HELP[mode], value=mode == "self", id=f"mode-{mode}")
                yield Label("4. Target level (optional)", classes="section-title")
                yield Select[str]([], prompt="No target", id="target", allow_blank=True)
                yield Button("Start (F5)", id="start", variant="primary")
        yield KeyHints()

    def on_mount(self) -> None:
        self.title = "ladder-tui"
        self.sub_title = "New assessment"
        options = self.query_one("#new-frameworks", OptionList)
        if self.frameworks:
            options.highlighted = 0
        options.focus()

    @on(OptionList.OptionHighlighted, "#new-frameworks")
    def _framework_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._select_framework(self.frameworks[event.option_index])

    @on(OptionList.OptionSelected, "#new-frameworks")
    def _framework_selected(self, event: OptionList.OptionSelected) -> None:
        self._select_framework(self.frameworks[event.option_index])
        self.query_one("#subject", Input).focus()

    def _select_framework(self, framework: Framework) -> None:
        if self.framework is not None and self.framework.id == framework.id:
            return
        self.framework = framework
        self.query_one("#new-preview", Static).update(framework_preview(framework))
        questions = self.query_one("#questions", Vertical)
        questions.remove_children()
        for question in framework.questions:
            questions.mount(GlyphCheckbox(literal(question.prompt), value=question.default, id=f"q-{question.id}"))
        target = self.query_one("#target", Select)
        target.set_options(
            (Content(f"{n} {one_line(level.name, 60)}"), level.id) for n, level in enumerate(framework.levels, 1)
        )
        self._offer_last_cycle()

    @on(Input.Submitted, "#subject")
    def _subject_done(self) -> None:
        # On to the next thing to answer: "start from last time" when offered, the questions about the person when
        # the framework asks any, else who is rating.
        carry = self.query_one("#carry", GlyphCheckbox)
        questions = self.query("#questions GlyphCheckbox")
        if carry.display:
            carry.focus()
        else:
            (questions.first() if questions else self.query_one("#mode", RadioSet)).focus()

    @on(Input.Changed, "#subject")
    def _subject_changed(self) -> None:
        self._offer_last_cycle()

    def _offer_last_cycle(self) -> None:
        """A person with an earlier assessment on this framework: offer to start from its answers (a new cycle)."""
        from ladder_tui.core.domain.assessment import slugify
        from ladder_tui.core.domain.cycles import latest_cycles
        from ladder_tui.core.domain.people import same_person
        from ladder_tui.core.storage.listing import list_assessments

        carry = self.query_one("#carry", GlyphCheckbox)
        subject = self.query_one("#subject", Input).value.strip()
        self.earlier = None
        if self.framework is not None and subject:
            from ladder_tui.serve.protocol import room_people

            prefix = f"{slugify(subject)}-{self.framework.id}"
            rows = list_assessments(self.catalog, names=prefix, subjects=room_people()).rows  # a room: its people
            mine = [row for row in rows if same_person(row.subject, subject) and row.framework == self.framework.id]
            # The latest cycle with answers: an empty one started since carries nothing (as `team` reads it).
            self.earlier = next(iter(latest_cycles(mine).values()), None)
        carry.display = self.earlier is not None
        if self.earlier is not None:
            day = self.earlier.created.astimezone().date().isoformat()
            # Short enough for 80 columns; what "start from" means is in the help and the walk's "Last time" line.
            carry.label = Content(f"Start from the {day} answers")

    @on(Checkbox.Changed, "#carry")
    def _carry_changed(self, event: Checkbox.Changed) -> None:
        """Starting from last time carries its questions and target too (as `new --from` does): shown here, so
        what starts is what the form says, and either can still be changed."""
        if not event.value or self.earlier is None or self.framework is None:
            return
        earlier = self.earlier.assessment
        for question in self.framework.questions:
            if question.id in earlier.questions:
                self.query_one(f"#q-{question.id}", GlyphCheckbox).value = earlier.questions[question.id]
        if earlier.target_level is not None and self.framework.has_level(earlier.target_level):
            self.query_one("#target", Select).value = earlier.target_level

    @on(Button.Pressed, "#start")
    def action_start(self) -> None:
        from ladder_tui.core.services.starting import NewAssessment, StartProblem, start_assessment

        framework = self.framework
        if framework is None:
            self.notify("Pick a framework first.", severity="warning")
            return
        from ladder_tui.core.domain.people import may_open
        from ladder_tui.serve.protocol import room_people

        subject = self.query_one("#subject", Input).value
        if subject.strip() and not may_open(room_people(), subject):
            # A served room starts assessments only for the people it may show (the people file's rule).
            self.notify("In this room you may not start an assessment for that person.", severity="warning")
            self.query_one("#subject", Input).focus()
            return
        pressed = self.query_one("#mode", RadioSet).pressed_button
        mode: Mode = next((m for m in MODES if pressed is not None and pressed.id == f"mode-{m}"), "self")
        target_value = self.query_one("#target", Select).value
        carry = self.earlier is not None and self.query_one("#carry", GlyphCheckbox).value
        # Frameworks picked here come from the catalog, so the file records the id only (no path).
        request = NewAssessment(
            framework,
            self.query_one("#subject", Input).value,
            mode,
            questions={q.id: self.query_one(f"#q-{q.id}", GlyphCheckbox).value for q in framework.questions},
            target=target_value if isinstance(target_value, str) else None,
            earlier=self.earlier.assessment if carry and self.earlier is not None else None,
        )
        try:
            path = start_assessment(request)
        except StartProblem as problem:
            if problem.field == "subject":
                self.notify("Type the name of the person being assessed.", severity="warning")
                self.query_one("#subject", Input).focus()
            else:
                self.notify(str(problem), title="Cannot create the assessment", severity="error", timeout=10)
            return
        except LadderError as exc:
            self.notify(str(exc), title="Cannot create the assessment", severity="error", timeout=10)
            return
        self.dismiss(Created(path, mode))

    def action_cancel(self) -> None:
        self.dismiss(None)
