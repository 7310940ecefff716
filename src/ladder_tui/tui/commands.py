"""Every key of every screen, in one table: the bindings, the key hints, the command palette and the help screen
are all made from it, so help can never drift from the keys."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from textual.binding import Binding

from ladder_tui.core.domain.assessment import MODE_MEANING


@dataclass(frozen=True)
class Command:
    """One thing a person can do on a screen, with its key."""

    #: Textual key names, comma-separated; "1-9" makes nine bindings, `action` formatted with the digit.
    key: str
    action: str
    #: A word or two for the key hints line.
    label: str
    #: One line for the help screen.
    help: str
    id: str
    show: bool = True
    key_display: str | None = None
    priority: bool = False
    #: Offered in the command palette under this title (None: not in the palette).
    palette: str | None = None

    @property
    def display(self) -> str:
        return self.key_display or KEY_NAMES.get(self.key, self.key)


#: How keys are written on screen.
KEY_NAMES = {
    "enter": "⏎",
    "escape": "esc",
    "question_mark": "?",
    "left": "←",
    "right": "→",
    "pageup": "pgup",
    "pagedown": "pgdn",
    "ctrl+q": "^q",
    "ctrl+p": "^p",
}

APP = "app"

COMMANDS: dict[str, tuple[Command, ...]] = {
    APP: (
        Command("ctrl+q", "quit", "Quit", "quit: everything is already saved", "quit", priority=True),
        Command(
            "ctrl+q", "leave", "Leave", "leave the shared room (it stays open for the others)", "leave", priority=True
        ),
        Command("f1", "help", "Help", "this help", "help", show=False),
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
            "open_as('lead')",
            "As lead",
            "open the selected one as its lead (self ratings stay hidden until you rate)",
            "open_lead",
        ),
        Command("p", "open_as('pair')", "Pair", "open the selected one to agree ratings together", "open_pair"),
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
        Command("question_mark", "app.help", "Help", "help (keys of this screen first)", "help_key"),
    ),
    "new": (
        Command("f5", "start", "Start", "create the assessment and start the walk", "start"),
        Command("escape", "cancel", "Back", "back to Home without creating anything", "back"),
        Command("tab", "app.focus_next", "Next field", "next field (shift+tab: previous)", "next_field", show=False),
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
        Command("question_mark", "app.help", "Help", "help (keys of this screen first)", "help_key"),
    ),
    "who": (
        Command("s", "choose('self')", "Self", f"{MODE_MEANING['self']} (the default)", "self"),
        Command("l", "choose('lead')", "Lead", MODE_MEANING["lead"], "lead"),
        Command("p", "choose('pair')", "Pair", f"{MODE_MEANING['pair']}, agreeing each rating", "pair"),
        Command("escape", "cancel", "Cancel", "do not open it", "cancel"),
    ),
    "area": (
        Command("enter", "go_on", "Start area", "start this area", "start_area"),
        Command(
            "1-9",
            "pick({n})",
            "Answer",
            "answer the area's first dimension at once",
            "intro_pick",
            show=False,
        ),
        Command("0", "below", "Below", "below the first level, for the first dimension", "intro_below", show=False),
        Command("x", "not_applicable", "N/A", "not applicable, for the first dimension", "intro_na", show=False),
        Command("s", "skip", "Skip", "skip the first dimension", "intro_skip", show=False),
        Command("escape", "go_on", "Back", "close the intro", "back", show=False),
        Command("question_mark", "app.help", "Help", "help (keys of this screen first)", "help_key"),
    ),
    "dimension": (
        Command(
            "left",
            "cursor(-1)",
            "Level",
            "move the cursor between the levels",
            "cursor_left",
            key_display="←→",
            priority=True,
        ),
        Command(
            "right",
            "cursor(1)",
            "Level",
            "move the cursor to the level above",
            "cursor_right",
            show=False,
            priority=True,
        ),
        Command("enter", "choose", "Choose", "choose the level under the cursor and go on", "choose"),
        Command(
            "1-9",
            "pick({n})",
            "Pick",
            "choose the card with that number (digits follow the order of the levels, not their names)",
            "pick",
            key_display="1-9",
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
        Command("pagedown", "move(1)", "Next", "the next dimension without answering", "next", show=False),
        Command("pageup", "move(-1)", "Previous", "the previous dimension without answering", "previous", show=False),
        Command("question_mark", "app.help", "Help", "help (keys of this screen first)", "help_key"),
    ),
    "review": (
        Command("enter", "open", "Open", "open the dimension to change it (then back here)", "open"),
        Command("u", "summary", "Summary", "the summary", "summary", palette="Summary"),
        Command("escape", "close", "Back", "back to the walk", "back"),
        Command("h", "home", "Home", "close the assessment and go to Home", "home", show=False, palette="Home"),
        Command("question_mark", "app.help", "Help", "help (keys of this screen first)", "help_key"),
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
        Command("escape", "back", "Back", "back to the walk", "back"),
        Command("h", "home", "Home", "close the assessment and go to Home", "home", show=False, palette="Home"),
        Command("question_mark", "app.help", "Help", "help (keys of this screen first)", "help_key"),
    ),
    "team": (
        Command("enter", "open", "Summary", "that person's summary (their latest cycle)", "open"),
        Command("f", "next_framework", "Framework", "the next framework in the folder", "next_framework"),
        Command("escape", "back", "Back", "back to Home", "back"),
        Command("question_mark", "app.help", "Help", "help (keys of this screen first)", "help_key"),
    ),
}

#: What each screen is called in the help.
TITLES = {
    "home": "Home",
    "new": "New assessment",
    "frameworks": "Frameworks",
    "who": "Who is rating?",
    "area": "Area intro",
    "dimension": "On a dimension",
    "review": "Review",
    "summary": "Summary",
    "team": "Team",
    APP: "Everywhere",
}


def _expand(command: Command) -> Iterator[Binding]:
    if command.key == "1-9":
        for digit in range(1, 10):
            yield Binding(
                str(digit),
                command.action.format(n=digit),
                command.label,
                show=command.show and digit == 1,
                key_display=command.key_display,
                id=f"{command.id}_{digit}",
            )
        return
    yield Binding(
        command.key,
        command.action,
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
    """(keys, what they do) for the help screen, one row per command, aliases folded together; the commands whose
    action is in `hidden` do not exist here (Quit in a shared room, where the same key is Leave)."""
    rows: list[tuple[str, str]] = []
    for command in COMMANDS[screen]:
        if command.action.startswith("cursor(1)") or command.action in hidden:
            continue  # shown with its pair, or not on offer
        rows.append((command.display, command.help))
    return rows
