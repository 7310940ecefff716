"""The one loader per file kind: bytes from the guarded reader, TOML, validation by the schema, runtime objects.

`load_framework` and `load_assessment` are the only way the program turns a file into the objects it works with
(`core.framework.Framework`, `core.assessment.Assessment`), and this is the only module that parses TOML.

What the schema made of a file's bytes is cached by content (marshal files keyed by the bytes and this code, like
`.pyc`): importing pydantic and validating cost several times what scoring and printing do, and most files are read
many times between changes (every `summary`, `list`, Home). A cache hit and a fresh validation give the same dump,
which the same function builds into objects, so there is one path from bytes to the objects, with or without it.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import re
import stat
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import tomli as tomllib  # the standard library's TOML parser, compiled: about 3x faster (same API)

try:  # blake2 is built into CPython; importing it through hashlib also loads OpenSSL, which nothing here needs
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other Pythons
    from hashlib import blake2b

from ladder_tui.core.domain.assessment import (
    ASSESSMENT_KIND,
    SLOTS,
    Answer,
    Assessment,
    Cursor,
    FrameworkRef,
    PlanAction,
    Previous,
    Session,
    Signature,
    SignOff,
    Slot,
    WrittenNote,
    as_utc,
)
from ladder_tui.core.domain.framework import (
    Area,
    Dimension,
    Framework,
    Level,
    Pathway,
    Question,
    Recipe,
    Scoring,
    Source,
)
from ladder_tui.core.errors import FileError, FrameworkError, LadderError, Problem
from ladder_tui.core.storage import files
from ladder_tui.core.storage.paths import cache_home

if TYPE_CHECKING:
    from ladder_tui.core.domain.people import People

#: Deeper nesting than any ladder-tui file has is refused before it reaches the parser's or validator's recursion.
MAX_DEPTH = 24


# ----- TOML -----


def decode(raw: bytes, name: str) -> str:
    """UTF-8 text (a leading byte-order mark is dropped); LadderError with the line and column of a bad byte."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        message = f"is not UTF-8 text (byte 0x{raw[exc.start]:02x})"
        raise FileError(Problem(name, message, line=line, column=column)) from None


def parse_toml(text: str, name: str) -> dict[str, Any]:
    """The TOML document in `text`; LadderError with the line and column of the first problem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = re.search(r"\(at line (\d+), column (\d+)\)", message)
        message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", message)
        line, column = (int(match.group(1)), int(match.group(2))) if match else (None, None)
        if match is None and "end of document" in str(exc):
            # Something left open (a bracket, a string): point at the end of the file, where the reader ran out.
            lines = text.split("\n")
            line, column = len(lines), len(lines[-1]) + 1
            message += " (the file ends first)"
        raise FileError(Problem(name, f"malformed TOML: {message}", line=line, column=column)) from None
    except RecursionError:
        raise FileError(_too_deep(text, name)) from None
    if _depth_exceeds(data, MAX_DEPTH):
        raise FileError(_too_deep(text, name))
    return data


def _depth_exceeds(data: object, limit: int) -> bool:
    stack: list[tuple[object, int]] = [(data, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(item, dict):
            stack.extend((value, depth + 1) for value in item.values())
        elif isinstance(item, list):
            stack.extend((value, depth + 1) for value in item)
    return False


_TOKENS = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:\\.|[^"\\\n])*"|\'[^\'\n]*\'|#[^\n]*|[\[\]{}.=\n]')


def _too_deep(text: str, name: str) -> Problem:
    """The message for a document nested deeper than MAX_DEPTH, with where the nesting passes the limit."""
    depth = 0
    line = 1
    line_start = 0
    for match in _TOKENS.finditer(text):
        token = match.group()
        if token == "\n":
            line += 1
            line_start = match.end()
            depth = min(depth, 1)  # a new line starts a new key (tables are one level, arrays close within a value)
        elif token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                column = match.start() - line_start + 1
                return Problem(name, f"nested more than {MAX_DEPTH} levels deep; refused", line=line, column=column)
        elif token in "]}":
            depth = max(depth - 1, 0)
        elif token.startswith(('"""', "'''")):
            line += token.count("\n")
    return Problem(name, f"nested more than {MAX_DEPTH} levels deep; refused")


def read_toml(path: Path) -> tuple[str, dict[str, Any]]:
    """The text and the TOML document of the file at `path`, through the guarded reader."""
    name = str(path)
    text = decode(files.read_bytes(path), name)
    return text, parse_toml(text, name)


#: How one of our files begins, even one a typo keeps from parsing: its kind, or a framework's tables.
_OUR_KIND = re.compile(rb'^\s*kind\s*=\s*["\']ladder-tui assessment["\']', re.MULTILINE)
_OUR_ASSESSMENT = re.compile(rb"^\s*\[(?:framework|answers(?:\.[^\]]*)?)\]\s*$", re.MULTILINE)
_OUR_FRAMEWORK = re.compile(rb"^\s*\[\[areas(?:\.dimensions)?\]\]\s*$", re.MULTILINE)
_OUR_HEADER = re.compile(rb"\A(?:\xef\xbb\xbf)?# (?:A )?ladder-tui (assessment|framework)\b", re.IGNORECASE)


def looks_like_ladder_file(path: Path) -> str | None:
    """ "an assessment" or "a framework" when the file at `path` is, or begins like, one of ladder-tui's own files
    (an assessment with one typo no longer parses, and is still someone's answers); else None."""
    try:
        _text, data = read_toml(path)
    except LadderError:
        data = None
    if data is not None:
        if data.get("kind") == ASSESSMENT_KIND or ("answers" in data and "framework" in data):
            return "an assessment"
        if "levels" in data and "areas" in data:
            return "a framework"
        return None
    try:
        with open(path, "rb") as handle:
            head = handle.read(64 * 1024)
    except OSError:
        return None
    header = _OUR_HEADER.match(head)
    if _OUR_KIND.search(head) or len(set(_OUR_ASSESSMENT.findall(head))) >= 2:
        return "an assessment"
    if header is not None:
        return "an assessment" if header.group(1).lower() == b"assessment" else "a framework"
    if len({found.strip() for found in _OUR_FRAMEWORK.findall(head)}) >= 2:
        return "a framework"
    return None


def refuse_ladder_file(target: Path) -> None:
    """LadderError when `target` is in one of ladder-tui's own folders or holds (or begins like) one of its own
    files: a report must never be written over one."""
    from ladder_tui.core.storage.paths import own_folder

    place = own_folder(target)
    if place is not None:
        raise LadderError(
            f"{target}: is in {place} of ladder-tui's data; not overwritten (choose a file outside it for the report)"
        )
    kind = looks_like_ladder_file(target) if target.is_file() else None
    if kind is not None:
        raise LadderError(f"{target}: is {kind} of ladder-tui; not overwritten (choose another file for the report)")


# ----- frameworks -----

#: Bump when the shape of a cache entry changes.
CACHE_FORMAT = 12
#: Entries not used for this long are removed when a new one is written (a process prunes each folder once).
CACHE_MAX_AGE = 60 * 60 * 24 * 30
#: Assessments' entries (personal data) go sooner: a week after their file last changed.
ASSESSMENT_CACHE_MAX_AGE = 60 * 60 * 24 * 7

_code_tag: bytes | None = None


def _tag() -> bytes:
    """What a cache entry depends on besides the file: the code that validated it, and marshal's format."""
    global _code_tag
    if _code_tag is None:
        core = Path(__file__).resolve().parents[1]
        parts = [f"{CACHE_FORMAT}:{marshal.version}:{sys.version_info[:2]}".encode()]
        for module in ("storage/schema.py", "domain/framework.py", "storage/loader.py"):
            try:
                parts.append((core / module).read_bytes())
            except OSError:
                from ladder_tui import __version__

                parts.append(__version__.encode())
        _code_tag = blake2b(b"\0".join(parts), digest_size=16).digest()
    return _code_tag


def cache_dir(kind: str = "frameworks") -> Path:
    return cache_home() / kind


def _validated(
    kind: str,
    raw: bytes,
    name: str,
    validate: Callable[[bytes, str], dict[str, Any]],
    source: Path | None = None,
) -> dict[str, Any]:
    """What `validate` makes of these bytes: from the cache when the same bytes were validated by this code before.

    Frameworks are kept by content (the same ladder anywhere is one entry). An assessment is personal data, so it is
    kept by its file (`source`): one entry per file, replaced when the file changes, never a copy per version."""
    content = blake2b(raw, digest_size=20, key=_tag()).hexdigest()
    where = os.path.abspath(source).encode() if source is not None else b""  # no syscalls: a key, not a lock
    key = content if source is None else blake2b(where, digest_size=20, key=_tag()).hexdigest()
    entry_path = cache_dir(kind) / f"{key}.marshal"
    entry = _read_entry(entry_path)
    if entry is None or (source is not None and entry.get("content") != content):
        entry = validate(raw, name)
        if source is not None:
            entry = {**entry, "content": content}
        _write_entry(entry_path, entry, max_age=ASSESSMENT_CACHE_MAX_AGE if source is not None else CACHE_MAX_AGE)
    return entry


def load_framework(path: Path) -> Framework:
    """The framework in the file at `path`; FrameworkError listing every problem when it cannot be used."""
    try:
        raw = files.read_bytes(path)
    except LadderError as exc:
        raise FrameworkError([Problem(str(path), str(exc).removeprefix(f"{path}: "))]) from None
    entry = _validated("frameworks", raw, str(path), _validate)
    if not entry["ok"]:
        raise FrameworkError(_problems(entry, str(path)))
    return framework_from_dump(entry["dump"], entry["hash"])


def framework_from_data(data: dict[str, Any], name: str = "<framework>", text: str = "") -> Framework:
    """Validate framework data (as a TOML file holds it) and build the framework; FrameworkError otherwise."""
    entry = _validate_data(data, name, text)
    if not entry["ok"]:
        raise FrameworkError(_problems(entry, name))
    return framework_from_dump(entry["dump"], entry["hash"])


def _validate(raw: bytes, name: str) -> dict[str, Any]:
    try:
        text = decode(raw, name)
        data = parse_toml(text, name)
    except FileError as exc:
        problem = exc.problem
        return {"format": CACHE_FORMAT, "ok": False, "problems": [_problem_entry(problem)]}
    return _validate_data(data, name, text)


def _problem_entry(problem: Problem) -> tuple[str, str, int | None, int | None]:
    """A problem as a cache entry holds it: plain values for marshal, and no file name (the same bytes may be
    found under another name next time)."""
    return (problem.message, problem.path, problem.line, problem.column)


def _problems(entry: dict[str, Any], name: str) -> list[Problem]:
    return [Problem(name, *problem) for problem in entry["problems"]]


def _validate_data(data: dict[str, Any], name: str, text: str) -> dict[str, Any]:
    import hashlib
    import json

    from pydantic import ValidationError

    from ladder_tui.core.storage.schema import FrameworkSpec, framework_problems, hashable_dump

    try:
        spec = FrameworkSpec.model_validate(data)
    except ValidationError as exc:
        problems = framework_problems(exc, name, text)
        return {
            "format": CACHE_FORMAT,
            "ok": False,
            "problems": [_problem_entry(problem) for problem in problems],
        }
    canonical = json.dumps(hashable_dump(spec.model_dump(mode="json")), sort_keys=True, ensure_ascii=False)
    return {
        "format": CACHE_FORMAT,
        "ok": True,
        "hash": hashlib.sha256(canonical.encode()).hexdigest()[:16],
        "dump": spec.model_dump(mode="python"),
    }


def _statements(value: str | list[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def framework_from_dump(dump: dict[str, Any], content_hash: str) -> Framework:
    """The runtime framework from `FrameworkSpec.model_dump()` (every key present, defaults filled in)."""
    source = dump["source"]
    scoring = dump["scoring"]
    return Framework(
        id=dump["id"],
        name=dump["name"],
        version=dump["version"],
        description=dump["description"],
        scale=dump["scale"],
        source=Source(**source) if source is not None else None,
        levels=tuple(Level(**level) for level in dump["levels"]),
        questions=tuple(Question(**question) for question in dump["questions"]),
        scoring=Scoring(**scoring),
        blind_review=dump["blind_review"],
        areas=tuple(
            Area(
                id=area["id"],
                name=area["name"],
                description=area["description"],
                overview={level: _statements(value) for level, value in area["overview"].items()},
                growth=tuple(area["growth"]),
                applies_if=area["applies_if"],
                editorial=area["editorial"],
                dimensions=tuple(
                    Dimension(
                        id=dim["id"],
                        name=dim["name"],
                        description=dim["description"],
                        levels={level: _statements(value) for level, value in dim["levels"].items()},
                        ragged_note=dim["ragged_note"],
                        branches=tuple(dim["branches"]),
                        editorial=dim["editorial"],
                    )
                    for dim in area["dimensions"]
                ),
            )
            for area in dump["areas"]
        ),
        pathways=tuple(
            Pathway(pathway["id"], pathway["name"], pathway["description"], tuple(pathway["items"]))
            for pathway in dump["pathways"]
        ),
        notes=dump["notes"],
        content_hash=content_hash,
        recipe=_recipe(dump["recipe"]),
    )


def _recipe(data: dict[str, Any] | None) -> Recipe | None:
    if data is None:
        return None
    return Recipe(
        tuple(data["paths"]),
        data["format"],
        data["hash"],
        data["sheet"],
        data["levels_in"],
        data["name"],
        tuple(data["exclude"]),
        tuple(data["ignore"]),
        tuple((source, target) for source, target in data["join"]),
    )


#: How a cache entry begins: ours, and which layout; a checksum of the rest follows it.
_ENTRY_MAGIC = b"ladder-tui cache 1\n"
_ENTRY_SUM = 16


def _sealed(payload: bytes) -> bytes:
    return _ENTRY_MAGIC + blake2b(payload, digest_size=_ENTRY_SUM, key=_tag()).digest() + payload


def _read_entry(entry_path: Path) -> dict[str, Any] | None:
    """A cache entry, only when it is ours and whole: a private file of this user's, beginning with our mark and
    a checksum of the rest that matches (marshal must never read bytes someone else could have written, nor a
    torn write). Anything else is None, and the file is validated again."""
    try:
        fd = os.open(entry_path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
            return None
        with os.fdopen(fd, "rb", closefd=False) as handle:
            raw = handle.read()
    except OSError:
        return None
    finally:
        os.close(fd)
    head = len(_ENTRY_MAGIC)
    payload = raw[head + _ENTRY_SUM :]
    if (
        raw[:head] != _ENTRY_MAGIC
        or raw[head : head + _ENTRY_SUM] != blake2b(payload, digest_size=_ENTRY_SUM, key=_tag()).digest()
    ):
        return None
    try:
        entry = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    if type(entry) is not dict or entry.get("format") != CACHE_FORMAT or "ok" not in entry:
        return None
    return entry


def _write_entry(entry_path: Path, entry: dict[str, Any], max_age: float = CACHE_MAX_AGE) -> None:
    """Best effort: a cache that cannot be written (read-only, full disk) only means validating again next time."""
    folder = entry_path.parent
    if not cache_home().parent.is_dir():
        return  # a data folder that does not exist yet is not created just to hold a cache
    try:
        # The cache holds people's answers: private, like the data folder (each level made 0700, not the
        # umask's default for parents).
        cache_home().mkdir(parents=True, exist_ok=True, mode=0o700)
        folder.mkdir(exist_ok=True, mode=0o700)
        fd, temp_name = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=folder)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(_sealed(marshal.dumps(entry)))
        os.replace(temp_name, entry_path)
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        return
    if folder not in _PRUNED:
        _PRUNED.add(folder)
        _prune(folder, keep=entry_path, max_age=max_age)


#: Cache folders already pruned by this process: once is enough (old entries only age), and pruning on every write
#: made a first `list` of 2,000 new files stat the folder two million times.
_PRUNED: set[Path] = set()


def _prune(folder: Path, keep: Path, max_age: float = CACHE_MAX_AGE) -> None:
    cutoff = time.time() - max_age
    with contextlib.suppress(OSError):
        for old in folder.glob("*.marshal"):
            with contextlib.suppress(OSError):
                if old != keep and old.stat().st_atime < cutoff and old.stat().st_mtime < cutoff:
                    old.unlink()


# ----- assessments -----


#: What loading noticed and a person should hear once (the CLI says it on standard error as it ends).
_notices: dict[str, None] = {}


def take_notices() -> list[str]:
    """The notices so far, each once, and forget them."""
    said = list(_notices)
    _notices.clear()
    return said


def load_assessment(path: Path) -> Assessment:
    """The assessment in the file at `path`; LadderError naming the file and the problem otherwise. Its id is its
    file's name: an `id` field that says otherwise (a hand edit, a copy) is noticed and never used for a path."""
    name = str(path)
    entry = _validated("assessments", files.read_bytes(path), name, _validate_assessment, source=path)
    if not entry["ok"]:
        raise FileError(Problem(name, entry["message"], line=entry["line"], column=entry["column"]))
    assessment = assessment_from_dump(entry["dump"])
    if assessment.id != path.stem:
        _notices[f"{name}: its id field ({assessment.id[:60]!r}) is not its file's name; the file's name is used"] = (
            None
        )
        assessment.id = path.stem
    return assessment


def assessment_from_data(data: dict[str, Any], name: str = "<assessment>") -> Assessment:
    """Validate assessment data (as a TOML file holds it) and build the assessment."""
    entry = _validate_assessment_data(data)
    if not entry["ok"]:
        raise LadderError(f"{name}: {entry['message']}")
    return assessment_from_dump(entry["dump"])


def _validate_assessment(raw: bytes, name: str) -> dict[str, Any]:
    try:
        data = parse_toml(decode(raw, name), name)
    except FileError as exc:
        problem = exc.problem
        return _assessment_refused(problem.message, problem.line, problem.column)
    return _validate_assessment_data(data)


def _assessment_refused(message: str, line: int | None = None, column: int | None = None) -> dict[str, Any]:
    """A cache entry for a file that is not a usable assessment (the message leaves out the file's name)."""
    return {"format": CACHE_FORMAT, "ok": False, "message": message, "line": line, "column": column}


def _validate_assessment_data(data: dict[str, Any]) -> dict[str, Any]:
    if data.get("kind") != ASSESSMENT_KIND and "answers" not in data:
        return _assessment_refused(f'not a ladder-tui assessment (no kind = "{ASSESSMENT_KIND}")')
    from pydantic import ValidationError

    from ladder_tui.core.storage.schema import AssessmentSpec, assessment_problem

    try:
        spec = AssessmentSpec.model_validate(data)
    except ValidationError as exc:
        return _assessment_refused(assessment_problem(exc))
    return {"format": CACHE_FORMAT, "ok": True, "dump": spec.model_dump(mode="json")}


def assessment_from_dump(dump: dict[str, Any]) -> Assessment:
    """The runtime assessment from `AssessmentSpec.model_dump(mode="json")` (dates as ISO text)."""
    ref = dump["framework"]
    previous = dump["previous"]

    def when(text: str) -> datetime:
        return as_utc(datetime.fromisoformat(text))

    return Assessment(
        id=dump["id"],
        subject=dump["subject"],
        framework=FrameworkRef(ref["id"], ref["version"], ref["hash"], ref["path"]),
        created=when(dump["created"]),
        updated=when(dump["updated"]),
        mode=dump["mode"],
        target_level=dump["target_level"],
        questions=dict(dump["questions"]),
        sessions=[Session(item["mode"], when(item["started"]), item["by"]) for item in dump["sessions"]],
        cursors={
            mode: Cursor(item["area"], item["dimension"], item["level"]) for mode, item in dump["cursors"].items()
        },
        previous=(
            Previous(previous["id"], when(previous["updated"]), {a: dict(d) for a, d in previous["ratings"].items()})
            if previous is not None
            else None
        ),
        answers={
            area_id: {dim_id: _answer_from_dump(a) for dim_id, a in dims.items()}
            for area_id, dims in dump["answers"].items()
        },
        plan=[
            PlanAction(
                item["text"],
                item["owner"],
                item["status"],
                item["area"],
                item["dimension"],
                date.fromisoformat(item["due"]) if item["due"] else None,
                item["carried"],
            )
            for item in dump["plan"]
        ],
        focus_pins=[(pin.partition("/")[0], pin.partition("/")[2]) for pin in dump["focus_pins"] if "/" in pin],
        comment=dump["comment"],
        signoff=SignOff(
            _signature(dump["signoff"]["self_side"]),
            _signature(dump["signoff"]["lead"]),
            [date.fromisoformat(day) for day in dump["signoff"]["reopened"]],
        ),
    )


def _signature(item: dict[str, Any] | None) -> Signature | None:
    return Signature(item["name"], date.fromisoformat(item["date"])) if item else None


def assessment_to_data(assessment: Assessment, *, answers: bool = True) -> dict[str, Any]:
    """The assessment as its TOML file holds it (keys in the file's order; no None values, TOML has no null); without
    its `answers` table when `answers` is False (the saver formats those area by area)."""
    ref = assessment.framework
    data: dict[str, Any] = {
        "format_version": 1,
        "kind": ASSESSMENT_KIND,
        "id": assessment.id,
        "subject": assessment.subject,
        "framework": _without_none({"id": ref.id, "version": ref.version, "hash": ref.hash, "path": ref.path}),
        "mode": assessment.mode,
        "created": assessment.created,
        "updated": assessment.updated,
    }
    if assessment.target_level is not None:
        data["target_level"] = assessment.target_level
    data["questions"] = dict(assessment.questions)
    data["sessions"] = [_without_none({"mode": s.mode, "started": s.started, "by": s.by}) for s in assessment.sessions]
    data["cursors"] = {
        mode: _without_none({"area": c.area, "dimension": c.dimension, "level": c.level})
        for mode, c in assessment.cursors.items()
    }
    if assessment.previous is not None:
        previous = assessment.previous
        data["previous"] = {"id": previous.id, "updated": previous.updated, "ratings": previous.ratings}
    if assessment.plan:
        data["plan"] = [
            _without_none(
                {
                    "text": action.text,
                    "owner": action.owner,
                    "status": action.status,
                    "area": action.area,
                    "dimension": action.dimension,
                    "due": action.due,
                    "carried": action.carried or None,
                }
            )
            for action in assessment.plan
        ]
    if assessment.focus_pins:
        data["focus_pins"] = [f"{area}/{dim}" for area, dim in assessment.focus_pins]
    if assessment.comment is not None:
        data["comment"] = assessment.comment
    signoff = assessment.signoff
    if signoff.self_side or signoff.lead or signoff.reopened:
        sides = {"self": signoff.self_side, "lead": signoff.lead}
        data["signoff"] = {
            **{side: {"name": s.name, "date": s.date} for side, s in sides.items() if s is not None},
            **({"reopened": list(signoff.reopened)} if signoff.reopened else {}),
        }
    if answers:
        data["answers"] = {
            area_id: {dim_id: answer_fields(answer) for dim_id, answer in dims.items()}
            for area_id, dims in assessment.answers.items()
        }
    return data


def _answer_from_dump(data: dict[str, Any]) -> Answer:
    """Notes from before names were kept (`<slot>_note`) come first in their slot, then each person's."""
    notes = [WrittenNote(slot, text) for slot in SLOTS if (text := data[f"{slot}_note"]) is not None]
    notes += [WrittenNote(item["slot"], item["text"], item["by"]) for item in data["notes"]]
    rated_by: dict[Slot, str] = {slot: by for slot in SLOTS if (by := data[f"{slot}_by"]) is not None}
    return Answer(data["self_rating"], data["lead"], data["agreed"], notes, rated_by)


def answer_fields(answer: Answer) -> dict[str, Any]:
    """One answer's keys as written to the file, in the file's order (a file from before names were kept is written
    back with the same keys)."""
    fields: dict[str, Any] = {"self": answer.self_rating, "lead": answer.lead, "agreed": answer.agreed}
    fields.update({f"{slot}_by": answer.rated_by.get(slot) for slot in SLOTS})
    for note in answer.notes:
        if note.by is None:
            fields[f"{note.slot}_note"] = note.text
    named = [{"slot": n.slot, "by": n.by, "text": n.text} for n in answer.notes if n.by is not None]
    if named:
        fields["notes"] = named
    return {key: value for key, value in fields.items() if value is not None}


def _without_none(values: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in values.items() if value is not None}


# ----- the people file -----


def load_people(path: Path) -> People | None:
    """The people file at `path`, or None when there is none; LadderError naming the file and its first problem."""
    from pydantic import ValidationError

    from ladder_tui.core.domain.people import People, Person
    from ladder_tui.core.storage.schema import PeopleSpec, people_problem

    if not files.exists(path):
        return None
    _text, data = read_toml(path)
    try:
        spec = PeopleSpec.model_validate(data)
    except ValidationError as exc:
        raise LadderError(f"{path}: {people_problem(exc)}") from None
    return People(tuple(Person(p.name.strip(), tuple(p.keys), tuple(p.leads)) for p in spec.people))
