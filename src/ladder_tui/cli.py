"""The `ladder-tui` command line; imports Textual only for the commands that open the app."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ladder_tui import __version__
from ladder_tui.core.errors import LadderError
from ladder_tui.core.presentation.text import plural

if TYPE_CHECKING:
    import argparse

    from ladder_tui.core.domain.assessment import Mode
    from ladder_tui.core.domain.team import Team
    from ladder_tui.core.presentation.document import Document

PROG = "ladder-tui"


def _parser() -> argparse.ArgumentParser:
    import argparse

    class _OneLineHelp(argparse.HelpFormatter):
        """Every command and its help on one line (the longest name, "frameworks", fits the column)."""

        def __init__(self, prog: str) -> None:
            super().__init__(prog, max_help_position=18)
            self._action_max_length = 16

    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Walk a career ladder or skills matrix one dimension at a time. With no command, opens Home.",
        formatter_class=_OneLineHelp,
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    new = commands.add_parser("new", help="start an assessment and open its walk")
    new.add_argument("--framework", "-f", metavar="ID|PATH", help="framework id or TOML file")
    new.add_argument("--subject", "-s", metavar="NAME", help="who is being assessed")
    new.add_argument(
        "--from",
        dest="from_id",
        metavar="FILE|ID",
        help="a new cycle: start from that assessment's ratings (shown as last time; each counts once confirmed)",
    )
    new.add_argument("--mode", "-m", choices=("self", "lead", "pair"), default="self", help="who is rating")
    new.add_argument("--target", metavar="LEVEL", help="optional target level id")
    new.add_argument(
        "--yes",
        action="append",
        default=[],
        metavar="QUESTION",
        help="answer a framework question yes (repeatable)",
    )
    new.add_argument(
        "--no", action="append", default=[], metavar="QUESTION", help="answer a framework question no (repeatable)"
    )

    opener = commands.add_parser("open", help="resume an assessment where it was left")
    opener.add_argument("assessment", metavar="FILE|ID")
    opener.add_argument("--mode", "-m", choices=("self", "lead", "pair"), help="rate as someone else this time")

    listing = commands.add_parser("list", help="list saved assessments")
    listing.add_argument("--all", action="store_true", help="archived ones too")
    for name, text in (
        ("archive", "hide one from Home, list and team (history keeps it)"),
        ("unarchive", "bring an archived one back"),
        ("delete", "move one to the trash (restore brings it back)"),
        ("restore", "bring a deleted one back from the trash"),
    ):
        filing = commands.add_parser(name, help=text)
        filing.add_argument("assessment", metavar="ID")
        if name == "delete":
            filing.add_argument("--yes", action="store_true", help="do not ask first")

    compare = commands.add_parser("compare", help="what moved between two cycles of one framework")
    compare.add_argument("old", metavar="OLD")
    compare.add_argument("new", metavar="NEW")
    compare.add_argument("--format", choices=("text", "markdown", "json", "html"), default="text")
    compare.add_argument("--output", "-o", metavar="FILE", help="write to FILE (- for standard output)")

    team = commands.add_parser("team", help="each person's latest cycle on one framework, a heatmap")
    team.add_argument("folders", nargs="*", metavar="FOLDER", help="folders of assessments (default: the data folder)")
    team.add_argument("--framework", "-f", metavar="ID", help="the framework (needed when several are present)")
    team.add_argument("--format", choices=("text", "markdown", "json", "html", "csv"), default="text")
    team.add_argument("--output", "-o", metavar="FILE", help="write to FILE (- for standard output)")
    team.add_argument(
        "--export-each",
        metavar="DIR",
        help="write each person's summary (their latest cycle) into DIR, a file each, in --format",
    )

    summary = commands.add_parser("summary", help="print an assessment's result")
    summary.add_argument("assessment", metavar="FILE|ID")
    summary.add_argument("--format", choices=("text", "markdown", "json", "html"), default="text")
    summary.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of standard output")

    history = commands.add_parser("history", help="a person's every cycle, dimension by dimension")
    history.add_argument("person", metavar="ID|SUBJECT", help="one of their assessments, or their name")
    history.add_argument("--framework", "-f", metavar="ID", help="which framework (when they have several)")
    history.add_argument("--format", choices=("text", "markdown", "json", "html"), default="text")
    history.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of standard output")

    plan = commands.add_parser(
        "plan",
        help="the development plan: list, add, done, drop",
        description="plan ID: list the actions, numbered from 1. plan ID add TEXT [--dimension AREA_ID/DIMENSION_ID]"
        " [--owner self|lead] [--due YYYY-MM-DD]. plan ID done N. plan ID drop N.",
    )
    plan.add_argument("assessment", metavar="FILE|ID")
    plan.add_argument("action", nargs="?", choices=("add", "done", "drop", "open"), metavar="add|done|drop")
    plan.add_argument("value", nargs="?", metavar="TEXT|N")
    plan.add_argument("--dimension", metavar="AREA_ID/DIMENSION_ID", help="the dimension the action works on")
    plan.add_argument("--owner", choices=("self", "lead"), default="self", help="whose action it is")
    plan.add_argument("--due", metavar="YYYY-MM-DD", help="when it is due")

    focus = commands.add_parser("focus", help="pin or unpin a focus area (the lead's choice)")
    focus.add_argument("assessment", metavar="FILE|ID")
    focus.add_argument("action", choices=("pin", "unpin"))
    focus.add_argument("dimension", metavar="AREA_ID/DIMENSION_ID")
    comment = commands.add_parser("comment", help="the lead's overall comment (blank removes it)")
    comment.add_argument("assessment", metavar="FILE|ID")
    comment.add_argument("text", metavar="TEXT")
    sign = commands.add_parser("sign", help="sign the outcome off, as self or as lead")
    sign.add_argument("assessment", metavar="FILE|ID")
    sign.add_argument("--as", dest="side", choices=("self", "lead"), required=True, help="which side signs")
    sign.add_argument("--name", required=True, help="the name of the person signing")
    reopen = commands.add_parser("reopen", help="clear both sign-offs to change it again")
    reopen.add_argument("assessment", metavar="FILE|ID")

    frameworks = commands.add_parser("frameworks", help="list, show, validate, import; the JSON Schema")
    fw_commands = frameworks.add_subparsers(dest="fw_command", metavar="ACTION", required=True)
    fw_commands.add_parser("list", help="the frameworks you can use")
    show = fw_commands.add_parser("show", help="a framework's outline")
    show.add_argument("framework", metavar="ID|PATH")
    validate = fw_commands.add_parser("validate", help="check framework files; exit 2 when any has a problem")
    validate.add_argument("paths", nargs="+", metavar="PATH")
    fw_commands.add_parser("schema", help="the JSON Schema of the framework format, for editors")
    importer = fw_commands.add_parser(
        "import",
        help="turn the ladder your team keeps (Markdown, HTML, YAML, JSON, CSV/TSV, XLSX, DOCX) into a framework file",
        description="Reads a ladder in the shape a team keeps it: Markdown tables and outlines, saved web pages and "
        "HTML tables, YAML and JSON of other tools (and YAML front matter), CSV/TSV, XLSX workbooks (every sheet), "
        "Word documents (DOCX: headings, lists and tables), "
        "one file or a ladder spread over several files or a folder. Writes a framework TOML file (by default into "
        "the user frameworks folder, named after its id) and prints what it understood and what it left out. A "
        "reading that is not plausible is refused (exit 2) with the option that reads it another way.",
    )
    importer.add_argument("files", nargs="*", metavar="FILE|DIR")
    importer.add_argument("--output", "-o", metavar="FILE", help="write here instead of the user frameworks folder")
    importer.add_argument("--id", metavar="ID", help="the framework's id (default: from its name)")
    importer.add_argument("--name", metavar="NAME", help="the framework's name (default: the document's title)")
    importer.add_argument(
        "--format",
        choices=("markdown", "html", "yaml", "json", "csv", "xlsx", "docx"),
        help="default: from the name and content",
    )
    importer.add_argument("--sheet", metavar="NAME", help="read only this XLSX sheet (default: every sheet)")
    importer.add_argument(
        "--levels-in",
        choices=("columns", "rows", "outer", "inner"),
        help="tables: levels are the columns or the rows; outlines: level headings hold the others (outer) "
        "or sit innermost (inner). Default: detected",
    )
    importer.add_argument("--force", action="store_true", help="replace an existing framework file")
    importer.add_argument(
        "--dry-run", action="store_true", help="print what it understood and a preview of the framework; write nothing"
    )
    importer.add_argument(
        "--update",
        metavar="ID",
        help="read a newer version of the document framework ID was imported from, the same way (the files given, "
        "else the same files); ids stay where names match, so every answer is kept; says what changed",
    )

    serve = commands.add_parser("serve", help="serve the app over SSH to pair (invite ROOM)")
    serve.add_argument(
        "action", nargs="?", choices=["invite"], help="invite ROOM: print the ssh line and host key fingerprint"
    )
    serve.add_argument("room", nargs="?", metavar="ROOM", help="the room to invite someone to")
    serve.add_argument("--host", default=None, help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=None, help="port (default 2222)")
    serve.add_argument(
        "--authorized-keys", metavar="FILE", help="public keys allowed in (default: DATA/authorized_keys)"
    )
    serve.add_argument("--host-key", metavar="FILE", help="host key (default: DATA/ssh_host_ed25519_key, made once)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    from ladder_tui.serve.protocol import errors_to_room_log, is_served

    served = is_served()
    if served:
        errors_to_room_log()  # a room's members never see a traceback: it goes to the server's private log
    try:
        if not arguments:
            # Plain `ladder-tui` opens Home at once: building the parser would cost ~10 ms of start-up.
            return _run_app(None)
        return _dispatch(_parser().parse_args(arguments))
    except LadderError as exc:
        if served:
            from ladder_tui.serve.protocol import for_members

            # On the room's screen (the log has no use for it), with paths inside the data folder made relative.
            print(f"{PROG}: {_inert(for_members(str(exc)))}", file=sys.__stderr__)
            return 2
        print(f"{PROG}: {_inert(str(exc))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except PermissionError as exc:
        # A folder on the way that cannot be read, met somewhere no clearer line was made: still one line.
        print(f"{PROG}: {_inert(str(exc.filename or ''))}: permission denied", file=sys.stderr)
        return 2
    except MemoryError:
        # The bounds on what is read should keep every file far from this; if one still gets here, one line.
        print(f"{PROG}: out of memory; nothing was written (a file this large is refused)", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # `ladder-tui list | head`: the reader left; that is not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    finally:
        _say_notices()


def _say_notices() -> None:
    """What the loader noticed on the way (an assessment whose id is not its file's name), once each."""
    loader = sys.modules.get("ladder_tui.core.storage.loader")
    if loader is not None:
        for notice in loader.take_notices():
            _error(notice)


def _dispatch(args: argparse.Namespace) -> int:
    command = args.command
    if command == "frameworks":
        return _frameworks(args)
    if command == "list":
        return _list(args.all)
    if command == "compare":
        return _compare(args)
    if command == "team":
        return _team(args)
    if command == "summary":
        return _summary(args)
    if command == "plan":
        return _plan(args)
    if command in ("archive", "unarchive", "delete", "restore"):
        return _filing(command, args)
    if command == "history":
        return _history(args)
    if command in ("comment", "sign", "reopen", "focus"):
        from ladder_tui.core.services import planning
        from ladder_tui.core.storage.assessments import find_assessment

        path = find_assessment(args.assessment)
        if command == "focus":
            said = planning.pin_focus(path, args.dimension, pinned=args.action == "pin")
        elif command == "comment":
            said = planning.set_comment(path, args.text)
        elif command == "sign":
            said = planning.sign(path, args.side, args.name)
        else:
            said = planning.reopen(path)
        print(_inert(said))
        return 0
    if command == "serve":
        import warnings

        # asyncssh still names DSA keys, which cryptography warns about at import: lines at every start that say
        # nothing about this server (it never offers or accepts DSA).
        warnings.filterwarnings("ignore", module=r"asyncssh(\.|$)")
        if args.port is not None and not 0 <= args.port <= 65535:
            raise LadderError(f"--port {args.port}: a port is a number from 0 to 65535")
        if args.action == "invite":
            from ladder_tui.serve.server import invite

            if not args.room:
                raise LadderError("serve invite: name the room (ladder-tui serve invite ROOM)")
            key = Path(args.host_key) if args.host_key else None
            sys.stdout.write(invite(args.room, host=args.host, port=args.port, host_key=key))
            return 0
        if args.room:
            raise LadderError(f"serve: unexpected {args.room!r} (to invite someone: ladder-tui serve invite ROOM)")
        from ladder_tui.serve.server import run_server

        tune_gc()
        return run_server(
            host=args.host or "127.0.0.1",
            port=2222 if args.port is None else args.port,
            authorized_keys=Path(args.authorized_keys) if args.authorized_keys else None,
            host_key=Path(args.host_key) if args.host_key else None,
        )
    if command == "new":
        return _new(args)
    if command == "open":
        return _open(args)
    return _run_app(None)


# ----- commands that stay out of Textual -----


def _frameworks(args: argparse.Namespace) -> int:
    from ladder_tui.core.storage.catalog import FrameworkCatalog

    if args.fw_command == "validate":
        from ladder_tui.core.errors import FrameworkError
        from ladder_tui.core.storage.loader import load_framework

        bad = 0
        for name in args.paths:
            try:
                framework = load_framework(Path(name))
            except FrameworkError as exc:
                bad += 1
                for problem in exc.problems:
                    # The linter's lines are `file:line: path: message`, as compilers print them.
                    print(_inert(str(problem)), file=sys.stderr)
                continue
            print(
                _inert(
                    f"{name}: ok ({framework.id}: {plural(len(framework.levels), 'level')}, "
                    f"{plural(framework.dimension_count, 'dimension')})"
                )
            )
        return 2 if bad else 0
    if args.fw_command == "schema":
        import json

        from ladder_tui.core.storage.schema import json_schema

        print(json.dumps(json_schema(), indent=2))
        return 0
    if args.fw_command == "import":
        return _import(args)
    catalog = FrameworkCatalog()
    if args.fw_command == "show":
        framework, path = catalog.resolve(args.framework)
        from ladder_tui.core.presentation.outline import framework_outline

        print("\n".join(_inert(line) for line in framework_outline(framework, path).splitlines()))
        return 0
    rows = [("ID", "NAME", "LEVELS", "AREAS", "DIMENSIONS", "SOURCE")]
    for entry in catalog.entries():
        fw = entry.framework
        if fw is None:
            continue
        source = "built-in" if entry.origin == "built-in" else str(entry.path)
        rows.append((fw.id, fw.name, str(len(fw.levels)), str(len(fw.areas)), str(fw.dimension_count), source))
    _print_table(rows)
    for entry in catalog.broken():
        assert entry.error is not None
        _error(f"skipped {entry.error.problems[0]}")
    return 0


def _import(args: argparse.Namespace) -> int:
    from ladder_tui.core.services import importing
    from ladder_tui.core.storage.catalog import FrameworkCatalog

    if args.update is not None:
        return _import_update(args)
    if not args.files:
        raise LadderError("frameworks import: name the file(s) or the folder to import")
    result = importing.read_ladder(
        args.files, fmt=args.format, sheet=args.sheet, levels_in=args.levels_in, framework_id=args.id, name=args.name
    )
    from ladder_tui.core.storage.files import STANDARD_OUTPUT

    if args.dry_run:
        from ladder_tui.core.storage.loader import framework_from_data

        framework = framework_from_data(result.data, "the imported framework")
        for line in result.report:
            print(_inert(line))
        print("preview (--dry-run: nothing was written):")
        import shutil

        for line in importing.preview(framework, width=max(shutil.get_terminal_size().columns - 2, 60)):
            print(_inert("  " + line))
        return 0
    if args.output is not None and args.output.strip() in STANDARD_OUTPUT:
        # The framework to standard output (a pipe, `> file`), the report beside it on standard error.
        from ladder_tui.core.storage.assessments import framework_text
        from ladder_tui.core.storage.loader import framework_from_data

        framework_from_data(result.data, "standard output")
        for line in result.report:
            print(_inert(line), file=sys.stderr)
        sys.stdout.write(framework_text(result.data))
        return 0
    destination = importing.destination(result, args.output)
    if not args.force:
        # In the frameworks folder an id another framework has would take its place for every assessment on it;
        # elsewhere its assessments would be counted with the other framework's by `team` and `compare`.
        other = FrameworkCatalog().taken_by(result.framework_id, destination)
        if other is not None:
            effect = (
                "put this one in its place for every assessment on it"
                if importing.in_frameworks_folder(destination)
                else "keep it anyway: team and compare would mix its assessments with the other's"
            )
            raise LadderError(
                f"{destination}: the id {result.framework_id!r} is already {other}; give another with --id ID "
                f"(or --force to {effect})"
            )
    saved = importing.save(result, destination, force=args.force, make_folder=not args.output)
    for line in result.report:
        print(_inert(line))
    framework = saved.framework
    # Outside the frameworks folder the catalog does not know it: it is named by its path.
    start = framework.id if saved.installed else str(destination)
    print(
        _inert(
            f"wrote {destination} ({framework.id}: {plural(len(framework.levels), 'level')}, "
            f"{plural(len(framework.areas), 'area')}, {plural(framework.dimension_count, 'dimension')}); "
            f"start it with: ladder-tui new -f {start} -s NAME"
        )
    )
    return 0


def _import_update(args: argparse.Namespace) -> int:
    """`frameworks import --update ID [FILE...]`: the next version of the document, read as the last one was."""
    from ladder_tui.core.services import importing
    from ladder_tui.core.storage.catalog import FrameworkCatalog

    given = [flag for flag, value in (("--id", args.id), ("--name", args.name), ("--format", args.format),
             ("--sheet", args.sheet), ("--levels-in", args.levels_in), ("--output", args.output)) if value]  # fmt: skip
    if given:
        raise LadderError(
            f"--update reads the document the way it was imported (its [import] table); {', '.join(given)} "
            "cannot change that: import it afresh instead"
        )
    done = importing.update(args.update, args.files, FrameworkCatalog())
    for line in done.result.report:
        print(_inert(line))
    if done.unchanged:
        print(_inert(f"{done.path}: the same files as it was imported from; nothing to update"))
        return 0
    for line in done.changes or ["none: the same levels, areas, dimensions and words"]:
        print(_inert(f"changed: {line}"))
    if args.dry_run or not done.changes:
        print(_inert(f"{done.path}: nothing was written" + (" (--dry-run)" if args.dry_run else "")))
        return 0
    importing.save(done.result, done.path, force=True)
    print(
        _inert(
            f"updated {done.path} to version {done.result.data['version']}: ids kept where names match; "
            "assessments on the earlier version keep every answer"
        )
    )
    return 0


#: `list` shows at most this much of a subject (the id beside it names the file whole).
LIST_SUBJECT_WIDTH = 40


def _filing(command: str, args: argparse.Namespace) -> int:
    from ladder_tui.core.services import filing

    if command == "delete" and not args.yes:
        if not sys.stdin.isatty():
            raise LadderError(f"delete {args.assessment}: asks first; without a terminal give --yes")
        answer = input(f"Move {args.assessment} to the trash? (`ladder-tui restore` brings it back) [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("not deleted")
            return 0
    moved = {"archive": filing.archive, "unarchive": filing.unarchive, "delete": filing.delete,
             "restore": filing.restore}[command](args.assessment)  # fmt: skip
    print(_inert(f"{command}d {args.assessment}: now {moved}" if command != "restore" else f"restored {moved}"))
    return 0


def _list(show_all: bool = False) -> int:
    from ladder_tui.core.storage.assessments import readable_folder
    from ladder_tui.core.storage.catalog import FrameworkCatalog
    from ladder_tui.core.storage.listing import list_assessments, list_with_archive
    from ladder_tui.core.storage.paths import archive_dir, assessments_dir

    catalog = FrameworkCatalog()
    folder = readable_folder(assessments_dir())
    archived: set[str] = set()
    if show_all:
        readable_folder(archive_dir())
        listing, archived = list_with_archive(catalog, folder)
    else:
        listing = list_assessments(catalog, folder)
    for problem in listing.problems:
        _error(f"skipped {problem}")
    if not listing.rows:
        print("No assessments yet. Start one with: ladder-tui new --framework ID --subject NAME")
        return 0
    from ladder_tui.core.presentation.text import fit_cells

    rows = [("ID", "SUBJECT", "FRAMEWORK", "MODE", "PROGRESS", "LAST SAVED")]
    for item in listing.rows:
        # The id is what the other commands take, so it stays whole; one very long name must not widen every row.
        subject = fit_cells(_inert(item.subject), LIST_SUBJECT_WIDTH)
        saved = item.updated.date().isoformat() + (" (archived)" if item.id in archived else "")
        rows.append((item.id, subject, item.framework, item.mode, item.progress, saved))
    _print_table(rows)
    return 0


def _summary(args: argparse.Namespace) -> int:
    from ladder_tui.core.services.exporting import assessment_summary
    from ladder_tui.core.storage.assessments import find_assessment

    path = find_assessment(args.assessment)
    color, width = _terminal(args.output)
    report, _real, warnings = assessment_summary(path, args.format, color=color, width=width)
    for warning in warnings:
        _error(f"warning: {path}: {warning}")
    _write(args.output, report)
    return 0


def _export_each(team: Team, folder: Path, fmt: str) -> int:
    """Every person's summary, their latest cycle's, exactly as `summary --format FMT` prints it, a file each."""
    from ladder_tui.core.services.exporting import FORMATS, assessment_summary, write_report

    if fmt == "csv":
        raise LadderError("--export-each writes summaries: --format html, markdown, json or text")
    if not folder.is_dir():
        try:
            folder.mkdir(mode=0o700)
        except OSError as exc:
            raise LadderError(f"{folder}: cannot make the folder ({exc.strerror or exc})") from None
    for person in team.people:
        text, _real, _warnings = assessment_summary(person.row.path, fmt, color=False, width=100)
        target = folder / f"{person.row.id}{FORMATS[fmt]}"
        write_report(text if text.endswith("\n") else text + "\n", target)
        print(_inert(str(target)))
    return 0


def _history(args: argparse.Namespace) -> int:
    from ladder_tui.core.domain.history import history, history_document
    from ladder_tui.core.domain.people import same_person
    from ladder_tui.core.storage.assessments import readable_folder
    from ladder_tui.core.storage.catalog import FrameworkCatalog
    from ladder_tui.core.storage.listing import list_with_archive
    from ladder_tui.core.storage.paths import archive_dir, assessments_dir

    catalog = FrameworkCatalog()
    readable_folder(archive_dir())
    rows = list_with_archive(catalog, readable_folder(assessments_dir()))[0].rows  # archived cycles are history too
    named = next((row for row in rows if row.id == args.person or str(row.path) == args.person), None)
    subject = named.subject if named is not None else args.person
    theirs = [row for row in rows if same_person(row.subject, subject)]
    if not theirs:
        raise LadderError(f"{args.person}: no assessment with that id or subject")
    framework_id = args.framework or (named.framework if named is not None else None)
    if framework_id is None:
        present = sorted({row.framework for row in theirs})
        if len(present) > 1:
            raise LadderError(f"{subject} has assessments on {', '.join(present)}; choose one with --framework")
        framework_id = present[0]
    found = history(catalog.get(framework_id), subject, rows)
    if not found.cycles:
        raise LadderError(f"{subject} has no assessment on {framework_id}")
    _report(args, found.to_dict, lambda: history_document(found))
    return 0


def _plan(args: argparse.Namespace) -> int:
    from ladder_tui.core.domain.assessment import ActionStatus
    from ladder_tui.core.services import planning
    from ladder_tui.core.storage.assessments import find_assessment, open_assessment
    from ladder_tui.core.storage.catalog import FrameworkCatalog

    path = find_assessment(args.assessment)
    if args.action == "add":
        if not args.value:
            raise LadderError("plan add: give the action's text (ladder-tui plan ID add TEXT)")
        print(_inert(planning.add_action(path, args.value, dimension=args.dimension, owner=args.owner, due=args.due)))
        return 0
    if args.action in ("done", "drop", "open"):
        if not (args.value or "").isdigit():
            raise LadderError(f"plan {args.action}: give the action's number (as `ladder-tui plan ID` lists it)")
        statuses: dict[str, ActionStatus] = {"done": "done", "drop": "dropped", "open": "open"}
        print(_inert(planning.set_status(path, int(args.value), statuses[args.action])))
        return 0
    opened = open_assessment(path, FrameworkCatalog())
    from ladder_tui.core.domain.scoring import score
    from ladder_tui.core.presentation.document import plan_rows

    rows = plan_rows(score(opened.framework, opened.assessment))
    if not rows:
        print(_inert(f"no actions yet; add one with: ladder-tui plan {opened.path.stem} add TEXT"))
        return 0
    _print_table([("N", "ACTION", "DIMENSION", "OWNER", "DUE", "STATUS"), *rows])
    return 0


def _terminal(output: str | None) -> tuple[bool, int]:
    """Colour and width for text going to standard output: a terminal's, else none and 100 columns."""
    terminal = output in (None, "-") and sys.stdout.isatty()
    width = os.get_terminal_size().columns if terminal else 100
    return terminal and "NO_COLOR" not in os.environ, width


def _compare(args: argparse.Namespace) -> int:
    from ladder_tui.core.domain.cycles import compare, comparison_document, comparison_warnings
    from ladder_tui.core.storage.assessments import find_assessment, open_assessment
    from ladder_tui.core.storage.catalog import FrameworkCatalog

    catalog = FrameworkCatalog()
    old = open_assessment(find_assessment(args.old), catalog)
    new = open_assessment(find_assessment(args.new), catalog)
    for opened in (old, new):
        for warning in opened.warnings:
            _error(f"warning: {opened.path}: {warning}")
    comparison = compare(new.framework, old.assessment, new.assessment)
    for warning in comparison_warnings(old.assessment, new.assessment):
        _error(f"warning: {warning}")
    _report(args, comparison.to_dict, lambda: comparison_document(comparison))
    return 0


def _team(args: argparse.Namespace) -> int:
    from ladder_tui.core.domain.team import frameworks_in, team_csv, team_document, team_rollup
    from ladder_tui.core.storage.assessments import readable_folder
    from ladder_tui.core.storage.catalog import FrameworkCatalog
    from ladder_tui.core.storage.listing import list_assessments
    from ladder_tui.core.storage.paths import assessments_dir

    catalog = FrameworkCatalog()
    folders = [Path(folder).expanduser() for folder in args.folders] or [assessments_dir()]
    rows = []
    for folder in folders:
        if args.folders and not folder.is_dir():
            raise LadderError(f"{folder}: not a folder of assessments")
        listing = list_assessments(catalog, readable_folder(folder))
        for problem in listing.problems:
            _error(f"skipped {problem}")
        rows += listing.rows
    present = frameworks_in(rows)
    if not present:
        raise LadderError(f"no assessments in {', '.join(str(folder) for folder in folders)}")
    framework_id = args.framework
    if framework_id is None:
        # Only an installed framework can be rolled up: the others are named, not offered as a choice.
        installed = {framework.id for framework in catalog.frameworks()}
        usable = [fid for fid in present if fid in installed]
        missing = [fid for fid in present if fid not in installed]
        if not usable:
            raise LadderError(f"the assessments are on frameworks that are not installed ({', '.join(missing)})")
        if len(usable) > 1:
            raise LadderError(f"assessments on several frameworks ({', '.join(usable)}); choose one with --framework")
        if missing:
            _error(f"note: left out the assessments on frameworks that are not installed ({', '.join(missing)})")
        framework_id = usable[0]
    team = team_rollup(catalog.get(framework_id), rows)
    if args.export_each:
        return _export_each(team, Path(args.export_each).expanduser(), args.format)
    if args.format == "csv":
        _write(args.output, team_csv(team))
    else:
        _report(args, team.to_dict, lambda: team_document(team))
    return 0


def _report(args: argparse.Namespace, data: Callable[[], Any], document: Callable[[], Document]) -> None:
    """A report in the format asked (`--format`: JSON from its data, else its document as text, Markdown or HTML)
    to where it was asked (`--output`)."""
    from ladder_tui.core.presentation.report import render_document, render_json_data

    if args.format == "json":
        text = render_json_data(data())
    else:
        color, width = _terminal(args.output)
        text = render_document(document(), args.format, color=color, width=width)
    _write(args.output, text)


def _write(destination: str | None, text: str) -> None:
    """A report to standard output, or to a file (never over one of ladder-tui's own files)."""
    from ladder_tui.core.services.exporting import write_report

    if destination is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    where = write_report(text, destination)
    if where != "standard output":
        print(_inert(f"wrote {where}"), file=sys.stderr)


def _print_table(rows: Sequence[tuple[str, ...]]) -> None:
    from ladder_tui.core.presentation.text import cell_len  # columns line up with wide (East Asian) characters too

    rows = [tuple(_inert(cell) for cell in row) for row in rows]
    widths = [max(cell_len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        cells = (cell + " " * (width - cell_len(cell)) for cell, width in zip(row, widths, strict=True))
        print("  ".join(cells).rstrip())


def _inert(text: str) -> str:
    """Control characters from a file never reach the terminal raw; one line per message."""
    from ladder_tui.core.presentation.text import clean

    return " ".join(clean(text).split("\n"))


def _error(text: str) -> None:
    print(f"{PROG}: {_inert(text)}", file=sys.stderr)


# ----- commands that open the app -----


def _new(args: argparse.Namespace) -> int:
    from ladder_tui.core.services.starting import FROM_EARLIER, NewAssessment, StartProblem, start_assessment
    from ladder_tui.core.storage.catalog import FrameworkCatalog

    catalog = FrameworkCatalog()
    earlier = None
    if args.from_id:
        from ladder_tui.core.storage.assessments import find_assessment, open_assessment

        earlier = open_assessment(find_assessment(args.from_id), catalog)
    if args.framework is None and earlier is None:
        raise LadderError("--framework: name the framework (or start a new cycle with --from ID)")
    if args.framework is not None:
        framework, fw_path = catalog.resolve(args.framework)
    else:
        assert earlier is not None
        framework, fw_path = earlier.framework, catalog.path_of(earlier.framework.id)
    subject = args.subject if args.subject is not None else earlier.assessment.subject if earlier else None
    if subject is None:
        raise LadderError("--subject: give the name of the person being assessed")
    given = {**{question: True for question in args.yes}, **{question: False for question in args.no}}
    builtin = catalog.path_of(framework.id) == fw_path
    request = NewAssessment(
        framework,
        subject,
        args.mode,
        framework_path=None if builtin or fw_path is None else fw_path,
        questions=given if given else FROM_EARLIER,
        target=args.target if args.target is not None else FROM_EARLIER,
        earlier=earlier.assessment if earlier is not None else None,
    )
    try:
        path = start_assessment(request)
    except StartProblem as problem:
        flags = {"subject": "--subject", "earlier": "--from", "target": "--target"}
        flag = flags.get(problem.field) or ("--yes" if problem.value in args.yes else "--no")
        raise LadderError(f"{flag}: {problem}") from None
    return _run_app(path, mode=args.mode, created=True)


def _open(args: argparse.Namespace) -> int:
    from ladder_tui.core.storage.assessments import find_assessment, open_assessment
    from ladder_tui.core.storage.catalog import FrameworkCatalog

    path = find_assessment(args.assessment)
    # Validate before starting the app so bad input gets one clear line, not a screen.
    open_assessment(path, FrameworkCatalog())
    return _run_app(path, mode=args.mode)


def _run_app(path: Path | None, mode: Mode | None = None, *, created: bool = False) -> int:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        # Textual would read a closed or redirected input forever (at full CPU): say so and stop instead.
        made = f"; created {path}" if created and path else ""
        reopen = f"; open it from a terminal with `{PROG} open {path.stem}`" if path else ""
        raise LadderError(f"{PROG} needs a terminal (standard input and output are not one){made}{reopen}")
    from ladder_tui.tui.app import make_app

    app = make_app(assessment_path=path, mode=mode)
    tune_gc()
    app.run()
    return app.return_code or 0


def tune_gc() -> None:
    """Take everything loaded so far (modules, frameworks) out of the cycle collector's sight for good.

    The app then runs the collector itself while the person reads (`tui.idle_gc`), not in the middle of a key press;
    freezing first means those collections never walk the tens of thousands of objects that live for the whole run.
    """
    import gc

    gc.freeze()
