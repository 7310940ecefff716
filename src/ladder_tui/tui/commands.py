"""Every key of every screen, in one table: the bindings, the key hints, the command palette and the help screen
are all made from it, so help can never drift from the keys."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding

from ladder_tui.core.domain.assessment import MODE_MEANING

#: A literal argument of an action (a level's number, a mode).
Arg = str | int


@dataclass(frozen=True)
class Command:
    """One thing a person can do on a screen, with its key: the screen's (or the app's) method `action_<name>`,
    called with `args`. The Textual action string is made here, and nowhere else."""

    #: Textual key names, comma-separated; "1-9" (with `digits`) makes nine bindings.
    key: str
    #: The action's name: the method `action_<name>` of the screen (or of the app, with `on_app`).
    name: str
    #: A word or two for the key hints line.
    label: str
    #: One line for the help screen.
    help: str
    id: str
    args: tuple[Arg, ...] = ()
    show: bool = True
    key_display: str | None = None
    priority: bool = False
    #: Offered in the command palette under this title (None: not in the palette).
    palette: str | None = None
    #: The app's action (help, the next field) rather than the screen's.
    on_app: bool = False
    #: "1-9": each digit's binding passes the digit as the action's one argument.
    digits: bool = False
    #: A key the focused widget handles (a list's enter): listed in the help, not bound again.
    bound: bool = True
    #: Listed in the help (the second of a pair of keys, such as → after ←, is not).
    in_help: bool = True

    @property
    def display(self) -> str:
        return self.key_display or KEY_NAMES.get(self.key, self.key)

    def action(self, *args: Arg) -> str:
        """The Textual action string for this command (with `args` in place of its own, for a digit)."""
        values = args or self.args
        call = f"{self.name}({', '.join(repr(value) for value in values)})" if values else self.name
        return f"app.{call}" if self.on_app else call


@dataclass(frozen=True)
class PaletteStep:
    """A place the command palette offers to go ("Go to Empathy"), found by typing."""

    title: str
    help: str
    go: Callable[[], None]


class Keyed:
    """A screen whose keys are a table of `COMMANDS`; it may offer places to go in the palette."""

    COMMAND_TABLE: ClassVar[str]

    def palette_steps(self) -> list[PaletteStep]:
        return []


#: How keys are written on screen.
KEY_NAMES = {
    "enter": "⏎",
    "escape": "esc",
    "question_mark": "?",
    "slash": "/",
    "delete": "del",
    "left": "←",
    "right": "→",
    "pageup": "pgup",
    "pagedown": "pgdn",
    "ctrl+q": "^q",
    "ctrl+p": "^p",
}

APP = "app"
HELP_KEY = Command("question_mark", "help", "Help", "help (keys of this screen first)", "help_key", on_app=True)

COMMANDS: dict[str, tuple[Command, ...]] = {
    APP: (
        Command("ctrl+q", "quit", "Quit", "quit: everything is already saved", "quit", priority=True),
        Command(
            "ctrl+q", "leave", "Leave", "leave the shared room (it stays open for the others)", "leave", priority=True
        ),
        # Priority: F1 opens the help over a dialog too (a modal screen hides the app's other keys).
        Command("f1", "help", "Help", "this help (on any screen or dialog)", "help", show=False, priority=True),
        Command(
            "f2",
            "toggle_dark",
            "Theme",
            "light / dark theme (NO_COLOR is respected)",
            "theme",
            show=False,
            palette="Light / dark theme",
        ),
    ),
    "home": (
        Command(
            "enter", "resume", "Resume", "resume the selected assessment (asks who is rating when it must)", "resume"
        ),
        Command("n", "new", "New", "start a new assessment", "new", palette="New assessment"),
        Command(
            "l",
            "open_as",
            "As lead",
            "open the selected one as its lead (self ratings stay hidden until you rate)",
            "open_lead",
            args=("lead",),
        ),
        Command("p", "open_as", "Pair", "open the selected one to agree ratings together", "open_pair", args=("pair",)),
        Command(
            "slash",
            "filter",
            "Filter",
            "filter the list by name or framework as you type",
            "filter",
            palette="Filter the list",
        ),
        Command("escape", "clear_filter", "Clear filter", "clear the filter", "clear_filter", show=False),
        Command(
            "a",
            "archive",
            "Archive",
            "archive the selected one (out of Home, list and team; history keeps it)",
            "archive",
            show=False,
            palette="Archive the selected assessment",
        ),
        Command(
            "delete",
            "delete",
            "Delete",
            "move the selected one to the trash (asks first)",
            "delete",
            show=False,
            palette="Delete the selected assessment",
        ),
        Command(
            "t",
            "team",
            "Team",
            "the team: each person's latest assessment as a heatmap",
            "team",
            palette="Team roll-up",
        ),
        Command(
            "f",
            "frameworks",
            "Frameworks",
            "browse the frameworks (and import your own)",
            "frameworks",
            palette="Browse frameworks",
        ),
        HELP_KEY,
    ),
    "new": (
        Command("f5", "start", "Start", "create the assessment and start the walk", "start"),
        Command("escape", "cancel", "Back", "back to Home without creating anything", "back"),
        Command(
            "tab", "focus_next", "Next field", "next field (shift+tab: previous)", "next_field", show=False, on_app=True
        ),
    ),
    "frameworks": (
        Command(
            "i",
            "import_ladder",
            "Import",
            "import a ladder from files or a folder: Markdown, HTML, YAML, JSON, CSV or XLSX (not in a shared room)",
            "import",
            palette="Import a ladder",
        ),
        Command("escape", "back", "Back", "back to Home", "back"),
        HELP_KEY,
    ),
    "import": (
        Command("ctrl+s", "preview", "Preview", "the preview again: correct what was read, and write it there", "save"),
        Command("escape", "cancel", "Cancel", "close without saving anything", "cancel"),
    ),
    "import_preview": (
        Command("space", "leave_out", "Leave out/keep", "leave the highlighted part or file out, or keep it", "toggle"),
        Command(
            "j",
            "join",
            "Join",
            "join the highlighted dimension with one named differently at other levels, or take it apart again",
            "join",
        ),
        Command("a", "axis", "Levels axis", "read the levels another way: columns, rows, outer, inner", "axis"),
        Command("s", "sheet", "Sheet", "read one sheet of a workbook alone, the next, then every sheet again", "sheet"),
        Command("i", "edit_id", "Id", "change the framework's id (the name of its file)", "edit_id"),
        Command("n", "edit_name", "Name", "change the framework's name", "edit_name"),
        Command("ctrl+s", "save", "Save", "write the framework as shown (again: replace one with its id)", "save"),
        Command("escape", "cancel", "Back", "back to the file's name; nothing is written", "cancel"),
        HELP_KEY,
    ),
    "prompt": (
        Command("enter", "submit", "Keep", "keep what is typed", "submit", bound=False),
        Command("escape", "cancel", "Cancel", "leave it as it was", "cancel"),
    ),
    "who": (
        Command("s", "choose", "Self", f"{MODE_MEANING['self']} (the default)", "self", args=("self",)),
        Command("l", "choose", "Lead", MODE_MEANING["lead"], "lead", args=("lead",)),
        Command("p", "choose", "Pair", f"{MODE_MEANING['pair']}, agreeing each rating", "pair", args=("pair",)),
        Command("enter", "choose_highlighted", "Choose", "the highlighted one", "choose_highlighted", show=False),
        Command("escape", "cancel", "Cancel", "do not open it", "cancel"),
    ),
    "area": (
        Command("enter", "go_on", "Start area", "start this area", "start_area"),
        Command(
            "1-9",
            "pick",
            "Answer",
            "answer the area's first dimension at once",
            "intro_pick",
            show=False,
            digits=True,
        ),
        Command("0", "below", "Below", "below the first level, for the first dimension", "intro_below", show=False),
        Command("x", "not_applicable", "N/A", "not applicable, for the first dimension", "intro_na", show=False),
        Command("s", "skip", "Skip", "skip the first dimension", "intro_skip", show=False),
        Command("escape", "go_on", "Back", "close the intro", "back", show=False),
        HELP_KEY,
    ),
    "dimension": (
        Command(
            "left",
            "cursor",
            "Level",
            "move the cursor between the levels",
            "cursor_left",
            args=(-1,),
            key_display="←→",
            priority=True,
        ),
        Command(
            "right",
            "cursor",
            "Level",
            "move the cursor to the level above",
            "cursor_right",
            args=(1,),
            show=False,
            priority=True,
            in_help=False,
        ),
        Command("enter", "choose", "Choose", "choose the level under the cursor and go on", "choose"),
        Command(
            "1-9",
            "pick",
            "Pick",
            "choose the card with that number (digits follow the order of the levels, not their names)",
            "pick",
            key_display="1-9",
            digits=True,
        ),
        Command("0", "below", "Below", "below the first level", "below"),
        Command("x", "not_applicable", "N/A", "not applicable to this role", "not_applicable"),
        Command("s", "skip", "Skip", "skip for now: asked again when you resume and at the end", "skip"),
        Command("n", "note", "Note", "note: evidence such as an example, a date, a link (saved as you type)", "note"),
        Command("v", "reveal", "Show self", "lead: show the agent's own rating before rating (blind review)", "reveal"),
        Command(
            "d",
            "disagreements",
            "Differences",
            "pair: walk only where self and lead differ (again: all)",
            "disagreements",
        ),
        Command("j", "jump", "Jump", "jump to any area or dimension", "jump"),
        Command("r", "review", "Review", "review every answer in one table", "review", palette="Review all answers"),
        Command("u", "summary", "Summary", "the summary: suggested level, focus areas", "summary", palette="Summary"),
        Command(
            "e",
            "export",
            "Export",
            "export the summary so far to a file",
            "export",
            show=False,
            palette="Export the summary",
        ),
        Command("escape", "back", "Back", "the previous dimension (from the first one: Home)", "back"),
        Command(
            "h",
            "home",
            "Home",
            "close the assessment (every answer is saved) and go to Home",
            "home",
            show=False,
            palette="Home",
        ),
        Command("pagedown", "move", "Next", "the next dimension without answering", "next", args=(1,), show=False),
        Command(
            "pageup", "move", "Previous", "the previous dimension without answering", "previous", args=(-1,), show=False
        ),
        HELP_KEY,
    ),
    "note": (Command("escape", "close", "Close", "close the note (it is saved as you type)", "close"),),
    "jump": (
        Command("enter", "select", "Go", "go to the highlighted dimension", "select", bound=False),
        Command("escape", "cancel", "Cancel", "stay where you are", "cancel"),
    ),
    "finish": (
        Command(
            "enter",
            "answer_now",
            "Answer them now",
            "answer the unanswered dimensions, one after the other",
            "answer_now",
        ),
        Command("u", "summary", "Summary anyway", "see the summary anyway (they are left out of it)", "summary_anyway"),
        Command("escape", "stay", "Stay here", "stay on this dimension", "stay"),
    ),
    "review": (
        Command("enter", "open", "Open", "open the dimension to change it (then back here)", "open"),
        Command("u", "summary", "Summary", "the summary", "summary", palette="Summary"),
        Command("escape", "close", "Back", "back to the walk", "back"),
        Command("h", "home", "Home", "close the assessment and go to Home", "home", show=False, palette="Home"),
        HELP_KEY,
    ),
    "summary": (
        Command(
            "e",
            "export",
            "Export",
            "export the summary (Markdown, HTML, JSON or text) to a file",
            "export",
            palette="Export the summary",
        ),
        Command("r", "review", "Review", "review every answer", "review", palette="Review all answers"),
        Command("p", "plan", "Plan", "the development plan: actions tied to dimensions", "plan", palette="Plan"),
        Command(
            "y",
            "history",
            "History",
            "every cycle of this person, dimension by dimension",
            "history",
            palette="History of every cycle",
        ),
        Command(
            "c",
            "comment",
            "Comment",
            "the lead's comment on the outcome",
            "comment",
            palette="The lead's comment",
        ),
        Command(
            "s",
            "sign",
            "Sign off",
            "sign the outcome off (each side; both: it is settled)",
            "sign",
            palette="Sign off",
        ),
        Command("escape", "back", "Back", "back to the walk", "back"),
        Command("h", "home", "Home", "close the assessment and go to Home", "home", show=False, palette="Home"),
        HELP_KEY,
    ),
    "history": (
        Command("escape", "back", "Back", "back to the summary", "back"),
        HELP_KEY,
    ),
    "plan": (
        Command("a", "add", "Add", "add an action (tied to a dimension, or to none)", "add", palette="Add an action"),
        Command("d", "done", "Done", "mark the highlighted action done", "done"),
        Command("x", "drop", "Drop", "drop the highlighted action", "drop"),
        Command("o", "reopen_action", "Open", "mark the highlighted action open again", "reopen_action", show=False),
        Command("escape", "back", "Back", "back to the summary", "back"),
        HELP_KEY,
    ),
    "confirm": (
        Command("y", "yes", "Yes", "yes", "yes"),
        Command("enter", "yes", "Yes", "yes", "yes_enter", show=False, in_help=False),
        Command("n", "no", "No", "no", "no"),
        Command("escape", "no", "No", "no", "no_escape", show=False, in_help=False),
    ),
    "comment": (
        Command("enter", "confirm", "Keep", "keep the comment (empty removes it)", "confirm", priority=True),
        Command("escape", "cancel", "Cancel", "close without changing it", "cancel"),
    ),
    "sign": (
        Command("enter", "confirm", "Sign", "sign with your name and today's date", "confirm", priority=True),
        Command("escape", "cancel", "Cancel", "close without signing", "cancel"),
    ),
    "add_action": (
        # Priority: enter adds the action from any of the dialog's fields but the dimension list (where enter opens
        # the list, then picks a dimension: see AddActionScreen.check_action).
        Command("enter", "confirm", "Add", "add the action to the plan", "confirm", priority=True),
        Command("escape", "cancel", "Cancel", "close without adding anything", "cancel"),
    ),
    "export": (
        # Priority: enter writes the file from the path field and from the format list alike.
        Command(
            "enter",
            "confirm",
            "Export",
            "write the file (never over one of ladder-tui's own)",
            "confirm",
            priority=True,
        ),
        Command("escape", "cancel", "Cancel", "close without writing anything", "cancel"),
        Command("m", "format", "Markdown", "Markdown (the file name follows)", "format_markdown", args=("markdown",)),
        Command("h", "format", "HTML", "HTML (prints cleanly on paper)", "format_html", args=("html",)),
        Command("j", "format", "JSON", "JSON (for tools)", "format_json", args=("json",)),
        Command("t", "format", "Text", "plain text", "format_text", args=("text",)),
    ),
    "team": (
        Command("enter", "open", "Summary", "that person's summary (their latest cycle)", "open"),
        Command("f", "next_framework", "Framework", "the next framework in the folder", "next_framework"),
        Command("escape", "back", "Back", "back to Home", "back"),
        HELP_KEY,
    ),
    "help": (
        Command("escape", "close", "Close", "close the help", "close"),
        Command("question_mark", "close", "Close", "close the help", "close_q", show=False, in_help=False),
    ),
}

#: What each screen is called in the help.
TITLES = {
    "home": "Home",
    "new": "New assessment",
    "frameworks": "Frameworks",
    "import": "Import a ladder",
    "import_preview": "Import preview",
    "prompt": "Type a value",
    "who": "Who is rating?",
    "area": "Area intro",
    "dimension": "On a dimension",
    "note": "Note",
    "jump": "Jump",
    "finish": "End of the walk",
    "review": "Review",
    "summary": "Summary",
    "export": "Export",
    "plan": "Plan",
    "history": "History",
    "add_action": "Add an action",
    "comment": "The lead's comment",
    "confirm": "Are you sure?",
    "sign": "Sign off",
    "team": "Team",
    "help": "Help",
    APP: "Everywhere",
}


def _expand(command: Command) -> Iterator[Binding]:
    if not command.bound:
        return
    if command.digits:
        for digit in range(1, 10):
            yield Binding(
                str(digit),
                command.action(digit),
                command.label,
                show=command.show and digit == 1,
                key_display=command.key_display,
                id=f"{command.id}_{digit}",
            )
        return
    yield Binding(
        command.key,
        command.action(),
        command.label,
        show=command.show,
        key_display=command.display,
        priority=command.priority,
        id=command.id,
    )


def bindings(screen: str) -> list[Binding]:
    """The Textual bindings of a screen (or of the app, `APP`)."""
    return [binding for command in COMMANDS[screen] for binding in _expand(command)]


def palette_commands(screen: str) -> list[Command]:
    return [command for command in COMMANDS.get(screen, ()) if command.palette]


def help_rows(screen: str, hidden: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """(keys, what they do) for the help screen, one row per command, aliases folded together; the commands named
    in `hidden` do not exist here (Quit in a shared room, where the same key is Leave)."""
    return [
        (command.display, command.help)
        for command in COMMANDS[screen]
        if command.in_help and command.name not in hidden
    ]
