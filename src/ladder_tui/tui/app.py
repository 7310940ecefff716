"""The Textual app and its factory, used by the CLI, the tests and the screenshot script alike."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.notifications import SeverityLevel
from textual.reactive import reactive
from textual.screen import Screen

from ladder_tui.core.errors import LadderError
from ladder_tui.core.presentation.text import clean
from ladder_tui.core.storage.catalog import FrameworkCatalog
from ladder_tui.serve.protocol import RoomState, input_fd, is_served, member_of
from ladder_tui.tui import commands
from ladder_tui.tui.commands import Keyed
from ladder_tui.tui.idle_gc import IdleCollector
from ladder_tui.tui.messages import FrameworksChanged, GoHome, OpenAssessment

if TYPE_CHECKING:
    from ladder_tui.core.domain.assessment import Mode
    from ladder_tui.core.domain.session import WalkSession
    from ladder_tui.core.domain.walk import Actor
    from ladder_tui.core.storage.assessments import OpenedAssessment

LIGHT_THEME = "textual-light"
DARK_THEME = "textual-dark"


class LadderApp(App[None]):
    """ladder-tui: Home, the walk through an assessment, review and summary."""

    CSS_PATH = "app.tcss"
    TITLE = "ladder-tui"
    BINDINGS: ClassVar[list[BindingType]] = list(commands.bindings(commands.APP))

    room_banner: reactive[str] = reactive("")
    #: The room as the server last described it (served mode); the banner fits it to its width.
    room_state: reactive[RoomState | None] = reactive(None)
    """Who is in the room, when served over SSH (empty otherwise)."""

    def __init__(
        self,
        *,
        catalog: FrameworkCatalog | None = None,
        assessment_path: Path | None = None,
        mode: Mode | None = None,
        theme: str | None = None,
        served: bool | None = None,
    ) -> None:
        served = is_served() if served is None else served
        driver_class = None
        if served and input_fd() is not None:
            # Keys come from the server's input pipe, each with the member who typed it.
            from ladder_tui.tui.room_driver import RoomDriver

            driver_class = RoomDriver
        super().__init__(driver_class=driver_class)
        self.catalog = catalog or FrameworkCatalog()
        self.initial_path = assessment_path
        self.initial_mode: Mode | None = mode
        #: Served over SSH to a shared room: no member may name a path on the host, Ctrl+Q leaves.
        self.served = served
        #: The key being handled (its member is who acts), the member whose input came last (for a click), and each
        #: member's name by the number their input carries (kept after they leave: their last keys may still come).
        self._key_event: events.Key | None = None
        self._last_member: int | None = None
        self._persons: dict[int, str] = {}
        self.local_person = local_person()
        #: The last line the server had for everyone in the room (shown once).
        self._room_notice = ""
        self.walk: WalkSession | None = None
        self.idle_gc = IdleCollector()
        if not theme and not self.served:
            from ladder_tui.core.storage.settings import remembered_theme

            theme = remembered_theme()  # F2's last choice (a room keeps the server's default)
        if theme and theme in self.available_themes:
            self.theme = theme

    def get_default_screen(self) -> Screen[None]:
        # Home is the bottom of the stack itself, rather than pushed over an empty default screen: one screen less
        # to build and lay out before the first paint.
        from ladder_tui.tui.screens.home import HomeScreen

        return HomeScreen(self.catalog, served=self.served)

    def on_mount(self) -> None:
        self.idle_gc.start(self)
        if self.served:
            from ladder_tui.tui.served import install_served_mode

            install_served_mode(self)
        if self.initial_path is not None:
            self.open_assessment(self.initial_path, self.initial_mode)

    def on_unmount(self) -> None:
        # However the app ends (quit, exit, a crash), let go of the assessment's lock.
        self.close_walk()
        self.idle_gc.stop()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.MouseDown | events.MouseScrollDown | events.MouseScrollUp):
            self.idle_gc.note_input()
        # A click acts for whoever clicked; a member merely moving their mouse over the shared screen acts for nobody
        # (their motion would otherwise take a click's credit from whoever made it).
        if (
            isinstance(event, events.InputEvent | events.Paste)
            and not isinstance(event, events.MouseMove)
            and not event.is_forwarded
        ):
            member = member_of(event)
            if member is not None:
                self._last_member = member
        if not isinstance(event, events.Key):
            await super().on_event(event)
            return
        # Whoever pressed the key being handled is who acts (`person`): bindings run while it is handled here.
        previous, self._key_event = self._key_event, event
        try:
            await super().on_event(event)
        finally:
            self._key_event = previous

    # ----- who is acting -----

    def person_of(self, event: events.Event | None) -> str | None:
        """Whose input an event is: in a room, the member who typed it (by the people file's name, else their key's
        comment); elsewhere, the OS user."""
        if not self.served:
            return self.local_person
        member = member_of(event) if event is not None else None
        if member is None:
            member = self._last_member
        return self._persons.get(member) if member is not None else None

    def person(self) -> str | None:
        """Who is acting now: the person whose key is being handled (or whose input came last)."""
        return self.person_of(self._key_event)

    def actor(self) -> Actor:
        """Who is acting now, and when they pressed the key (for "one key wins", see the walk controller)."""
        from ladder_tui.core.domain.walk import Actor

        event = self._key_event
        return Actor(self.person(), event.time if event is not None else time.monotonic())

    def watch_room_state(self, before: RoomState | None, now: RoomState | None) -> None:
        """Learn each member's name by their number, and say on every screen who joined and who left."""
        if now is None:
            return
        for member in now.members:
            self._persons[member.id] = member.who
        if before is None:
            return
        was = {member.id: member.who for member in before.members}
        here = {member.id: member.who for member in now.members}
        joined = [who for number, who in here.items() if number not in was]
        left = [who for number, who in was.items() if number not in here]
        for who in joined:
            self.notify(f"{who} joined the room.", title="Room", timeout=6)
        for who in left:
            self.notify(f"{who} left the room.", title="Room", timeout=6)
        walk = self.walk
        # The subject and their lead are both here now (they were not before): they may want to rate together.
        if joined and walk is not None and not walk.read_only and walk.mode != "pair":
            subject = walk.assessment.subject
            if self.room_suggests(subject, before) == "pair" or self.room_suggests(subject) != "pair":
                return
            from ladder_tui.core.domain import rules
            from ladder_tui.tui.screens.who import WhoIsRatingScreen

            if isinstance(self.screen, WhoIsRatingScreen):
                return  # asked already
            path = walk.path

            def chosen(choice: Mode | None) -> None:
                if self.walk is None or self.walk.path != path:
                    return  # another assessment is open by now
                if choice is not None and choice != self.walk.mode:
                    self._go_home()
                    self.open_assessment(path, choice)  # read again: the walk in the new mode starts from the file

            counts = rules.slot_counts(walk.framework, walk.assessment)
            self.push_screen(
                WhoIsRatingScreen(walk.assessment.subject, counts, suggested="pair", default=walk.mode), chosen
            )

    # ----- opening an assessment -----

    @on(OpenAssessment)
    def _open_requested(self, message: OpenAssessment) -> None:
        self.open_assessment(message.path, message.mode, summary=message.summary)

    @on(GoHome)
    def _go_home(self) -> None:
        # The app owns its screen stack: everything above Home goes (the walk is already saved).
        self.close_walk()
        while len(self.screen_stack) > 1:
            self.pop_screen()

    @on(FrameworksChanged)
    def _frameworks_changed(self) -> None:
        self.catalog.reload()

    def open_assessment(self, path: Path, mode: Mode | None = None, *, summary: bool = False) -> None:
        """Open an assessment's walk in `mode`; without one, self, unless others have rated: then ask who is rating."""
        from ladder_tui.core.domain import rules
        from ladder_tui.core.storage.assessments import open_assessment

        try:
            opened = open_assessment(path, self.catalog)
        except LadderError as exc:
            self.notify(str(exc), title="Cannot open", severity="error", timeout=10)
            return
        if summary and mode is None:
            # Only to look (a person's summary from the team): nobody is asked who is rating, nothing is taken over.
            self.start_walk(opened, opened.assessment.mode, summary=True, view=True)
            return
        suggested = self.room_suggests(opened.assessment.subject) if mode is None else None
        if suggested in ("self", "lead"):
            mode = suggested  # the subject alone rates themselves, their lead alone rates them
        if mode is not None or (suggested is None and not rules.rated_by_others(opened.framework, opened.assessment)):
            self.start_walk(opened, mode or "self", summary=summary)
            return
        from ladder_tui.tui.screens.who import WhoIsRatingScreen

        def chosen(choice: Mode | None) -> None:
            if choice is not None:
                self.start_walk(opened, choice, summary=summary)

        counts = rules.slot_counts(opened.framework, opened.assessment)
        self.push_screen(WhoIsRatingScreen(opened.assessment.subject, counts, suggested=suggested), chosen)

    def room_suggests(self, subject: str, state: RoomState | None = None) -> Mode | None:
        """In a room: the mode its people (now, or in `state`) suggest for an assessment of `subject` (see
        `RoomRoles`); None elsewhere."""
        state = state or self.room_state
        if not self.served or state is None:
            return None
        from ladder_tui.core.domain.people import roles_in_room
        from ladder_tui.core.storage.loader import load_people
        from ladder_tui.core.storage.paths import people_file

        try:
            people = load_people(people_file())
        except LadderError:
            people = None
        return roles_in_room(people, subject, (member.who for member in state.members)).suggested_mode

    def start_walk(self, opened: OpenedAssessment, mode: Mode, *, summary: bool = False, view: bool = False) -> None:
        from ladder_tui.core.domain.session import WalkSession
        from ladder_tui.core.domain.walk import WalkController
        from ladder_tui.tui.screens.dimension import DimensionScreen

        self.close_walk()
        walk = WalkSession.view(opened) if view else WalkSession.start(opened, mode)
        self.walk = walk
        for warning in opened.warnings:
            self.notify(warning, title="Framework changed", severity="warning", timeout=8)
        if walk.read_only_reason == "busy":
            self.notify(
                "This assessment is open in another ladder-tui; showing it read-only.",
                title="Read-only",
                severity="warning",
                timeout=8,
            )
        elif walk.read_only_reason == "signed":
            signoff = walk.assessment.signoff
            who = " and ".join(
                f"{s.name} ({side}) on {s.date.isoformat()}"
                for side, s in (("self", signoff.self_side), ("lead", signoff.lead))
                if s is not None
            )
            self.notify(
                f"Signed off by {who}; showing it read-only. `ladder-tui reopen {walk.path.stem}` opens it again.",
                title="Signed off",
                severity="information",
                timeout=8,
            )
        elif walk.read_only_reason == "linked":
            self.notify(
                "This assessment file has more than one name (a hard link); showing it read-only, since a save "
                "would split the names into two files. Copy it to a file of its own to go on.",
                title="Read-only",
                severity="warning",
                timeout=8,
            )
        elif walk.read_only_reason == "read-only":
            self.notify(
                f"{walk.path.parent} cannot be written to; showing the assessment read-only (nothing is saved).",
                title="Read-only",
                severity="warning",
                timeout=8,
            )

        def walk_ended(_result: None) -> None:
            self.close_walk()

        controller = WalkController(walk, summary_only=summary)
        screen = DimensionScreen(controller, self.catalog, served=self.served, opening=controller.opening())
        self.push_screen(screen, walk_ended)

    def close_walk(self) -> None:
        if self.walk is not None:
            self.walk.close()
            self.walk = None

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification is literal text: messages carry file names, framework text and notes, which must never
        be read as markup (`[L3]` vanishing, `[/]` crashing) or reach the terminal with escape sequences."""
        super().notify(clean(message), title=clean(title), severity=severity, timeout=timeout, markup=False)

    def set_room_banner(self, text: str) -> None:
        """Called by served mode whenever someone joins, leaves or resizes."""
        self.room_banner = text

    def show_room_notice(self, text: str) -> None:
        """A line the server has for everyone in the room (the idle warning): shown once, as a notification."""
        if text and text != self._room_notice:
            self.notify(text, title="Room", severity="warning", timeout=30)
        self._room_notice = text

    # ----- app-wide actions -----

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "quit":
            return not self.served
        if action == "leave":
            return self.served
        return True

    def action_help(self) -> None:
        from ladder_tui.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()  # F1 again closes it (its own F1 never comes: the app's is a priority key)
            return
        table = self.screen.COMMAND_TABLE if isinstance(self.screen, Keyed) else commands.APP
        self.push_screen(HelpScreen(table, served=self.served))

    def action_toggle_dark(self) -> None:
        self.theme = LIGHT_THEME if self.theme != LIGHT_THEME else DARK_THEME
        if not self.served:
            from ladder_tui.core.storage.settings import remember_theme

            remember_theme(self.theme)

    async def action_quit(self) -> None:
        saved = self.walk is not None and not self.walk.read_only
        self.close_walk()
        self.exit(message="Everything is saved." if saved else None)

    def action_help_quit(self) -> None:
        # Ctrl+C (a reflex) does not quit; Textual's own reminder is written as markup, which our notify shows
        # literally ("[b]ctrl+q[/b]"), so the reminder is said here in plain words.
        if self.served:
            self.notify("Ctrl+Q leaves the shared room (it stays open for the others).", title="Leave?")
        else:
            self.notify("Press Ctrl+Q to quit: everything is already saved.", title="Do you want to quit?")

    def action_leave(self) -> None:
        # The SSH server turns a member's Ctrl+Q into leaving; the app never quits for everyone.
        self.notify("In a shared room Ctrl+Q leaves (your ssh closes); the room stays open for the others.")

    def action_suspend_process(self) -> None:
        # Over SSH a Ctrl+Z would stop the app for everybody in the room.
        if not self.served:
            super().action_suspend_process()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        # Textual's own, less two: "Screenshot" writes an SVG into the current folder (on the host, for a member of
        # a served room) and "Keys" opens a second, different help; ours is the one below.
        for textual_command in super().get_system_commands(screen):
            if textual_command.title not in ("Screenshot", "Keys"):
                yield textual_command
        yield SystemCommand("Help", "Keys and how the walk works", self.action_help)
        if not isinstance(screen, Keyed):
            return
        for command in commands.palette_commands(screen.COMMAND_TABLE):
            if screen.check_action(command.name, command.args) is False:
                continue
            yield SystemCommand(command.palette or command.label, command.help, self._runner(screen, command))
        # Found by typing ("go to empathy"), not listed on an empty search: 25 of them would bury the commands.
        for step in screen.palette_steps():
            yield SystemCommand(step.title, step.help, step.go, discover=False)

    def _runner(self, screen: Screen[object], command: commands.Command) -> Callable[[], None]:
        def run() -> None:
            self.call_later(self.run_action, command.action(), screen)

        return run


def local_person() -> str | None:
    """Who uses the app outside a room: the OS user (their login name), or None when it cannot be told."""
    import getpass

    try:
        return getpass.getuser() or None
    except (KeyError, OSError):
        return None


def make_app(
    *,
    assessment_path: Path | None = None,
    mode: Mode | None = None,
    catalog: FrameworkCatalog | None = None,
    theme: str | None = None,
    served: bool | None = None,
) -> LadderApp:
    """The one way to build the app: the CLI, the tests and the screenshot script all come through here."""
    return LadderApp(catalog=catalog, assessment_path=assessment_path, mode=mode, theme=theme, served=served)
