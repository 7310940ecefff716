"""Framework (career ladder / skills matrix) models, loading from TOML, and the linter behind `frameworks validate`."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

import tomli as tomllib  # compiled, about 3x faster than the standard library copy (same API)
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ladder_tui.core import views

FORMAT_VERSION = 1

#: Answer values that are not level ids; a framework may not use them as level ids.
RESERVED_LEVEL_IDS = frozenset({"below", "na", "skip"})

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"

Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=64)]
#: One descriptor: a single text, or several statements that together describe the level.
Descriptor = str | list[str]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Model):
    """Where a framework's text comes from, and whom to credit."""

    title: str
    credit: str
    url: str | None = None
    notes: str | None = None
    #: The file(s) the framework was imported from (comma-separated), set by `frameworks import`.
    file: str | None = None
    #: The ISO date of that import.
    imported: str | None = None


class Level(_Model):
    """One rung of the ladder (or one step of a mastery scale)."""

    id: Id
    name: str = Field(min_length=1)
    short: str | None = None
    description: str | None = None


class Scoring(_Model):
    """How the suggested level is derived (SPEC section 5); every field has the default of the spec."""

    threshold: float = Field(default=0.8, gt=0, le=1)
    max_gap: int = Field(default=1, ge=0)
    focus_count: int = Field(default=3, ge=0, le=50)
    provisional_below: float = Field(default=0.7, ge=0, le=1)


class Question(_Model):
    """A yes/no question asked when an assessment starts; optional areas depend on it."""

    id: Id
    prompt: str = Field(min_length=1)
    help: str | None = None
    default: bool = False


class Dimension(_Model):
    """One skill dimension: a descriptor per level, ragged where the source is ragged."""

    id: Id
    name: str = Field(min_length=1)
    description: str | None = None
    levels: dict[str, Descriptor] = Field(default_factory=dict)
    #: Why some levels have no descriptor (said honestly rather than inventing text).
    ragged_note: str | None = None
    #: What a mastered skill can grow into (skill trees).
    branches: list[str] = Field(default_factory=list)

    @field_validator("levels")
    @classmethod
    def _non_empty_descriptors(cls, value: dict[str, Descriptor]) -> dict[str, Descriptor]:
        for level_id, descriptor in value.items():
            if isinstance(descriptor, str) and not descriptor.strip():
                raise ValueError(f"descriptor for level {level_id!r} is empty")
            if isinstance(descriptor, list) and (
                not descriptor or any(not statement.strip() for statement in descriptor)
            ):
                raise ValueError(f"descriptor for level {level_id!r} has an empty statement")
        return value


class Area(_Model):
    """A skill area (category / competency group) holding dimensions."""

    id: Id
    name: str = Field(min_length=1)
    description: str | None = None
    #: The area's overview row: one summary per level, shown on the area intro screen.
    overview: dict[str, Descriptor] = Field(default_factory=dict)
    #: Concrete behaviours that help someone grow in this area.
    growth: list[str] = Field(default_factory=list)
    #: The id of a question; the area applies only when the answer is yes.
    applies_if: str | None = None
    dimensions: list[Dimension] = Field(min_length=1)


class Pathway(_Model):
    """A career pathway the framework points to (e.g. Customer Success, Product)."""

    id: Id
    name: str = Field(min_length=1)
    description: str | None = None
    items: list[str] = Field(default_factory=list)


class Framework(_Model):
    """A whole career ladder or skills matrix."""

    format_version: Literal[1] = 1
    id: Id
    name: str = Field(min_length=1)
    version: str = "1"
    description: str | None = None
    #: "career" ladders have distinct levels; "mastery" scales (rookie/pro/master) share one description per level.
    scale: Literal["career", "mastery"] = "career"
    source: Source | None = None
    levels: list[Level] = Field(min_length=1, max_length=50)
    questions: list[Question] = Field(default_factory=list)
    scoring: Scoring = Field(default_factory=Scoring)
    areas: list[Area] = Field(min_length=1)
    pathways: list[Pathway] = Field(default_factory=list)
    #: Free text shown after the areas (e.g. how the skills relate to each other).
    notes: str | None = None

    @model_validator(mode="after")
    def _check_references(self) -> Framework:
        problems = list(_reference_problems(self))
        if problems:
            # Pydantic turns a ValueError into one error; we encode the paths so the linter can split them again.
            raise ValueError("\n".join(f"{_format_loc(loc)}\t{msg}" for loc, msg in problems))
        return self

    # ----- convenience -----

    def level_index(self, level_id: str) -> int:
        for index, level in enumerate(self.levels):
            if level.id == level_id:
                return index
        raise KeyError(level_id)

    def level_by_id(self, level_id: str) -> Level:
        return self.levels[self.level_index(level_id)]

    def area_by_id(self, area_id: str) -> Area:
        for area in self.areas:
            if area.id == area_id:
                return area
        raise KeyError(area_id)

    def dimension_keys(self) -> list[tuple[str, str]]:
        """Every (area id, dimension id), in framework order."""
        return [(area.id, dim.id) for area in self.areas for dim in area.dimensions]

    def applicable_areas(self, answers: dict[str, bool]) -> list[Area]:
        """The areas that apply given the answers to the framework's questions."""
        return views.applicable_areas(self.areas, self.questions, answers)

    @property
    def dimension_count(self) -> int:
        return sum(len(area.dimensions) for area in self.areas)

    def content_hash(self) -> str:
        """A short hash of the framework's content, independent of TOML formatting."""
        canonical = json.dumps(self.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode()).hexdigest()[:16]

    def descriptor(self, dimension: Dimension, level_id: str) -> list[str]:
        """The statements describing `dimension` at `level_id`; on mastery scales falls back to the level's text."""
        return views.descriptor(self, dimension, level_id)


def descriptor_statements(value: Descriptor | None) -> list[str]:
    """A descriptor as a list of statements."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


Loc = tuple[str | int, ...]

#: At most this many problems are reported for one file (then a line saying how many more there are).
MAX_PROBLEMS = 200


def _format_loc(loc: Loc) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + part
    return text


def _duplicates(ids: list[str]) -> Iterator[tuple[int, str]]:
    seen: set[str] = set()
    for index, item in enumerate(ids):
        if item in seen:
            yield index, item
        seen.add(item)


def _reference_problems(fw: Framework) -> Iterator[tuple[Loc, str]]:
    level_ids = [level.id for level in fw.levels]
    for index, level_id in _duplicates(level_ids):
        yield ("levels", index, "id"), f"duplicate level id {level_id!r}"
    for index, level in enumerate(fw.levels):
        if level.id in RESERVED_LEVEL_IDS:
            yield ("levels", index, "id"), f"{level.id!r} is reserved for answers; choose another level id"
    known_levels = set(level_ids)
    question_ids = [question.id for question in fw.questions]
    for index, question_id in _duplicates(question_ids):
        yield ("questions", index, "id"), f"duplicate question id {question_id!r}"
    for index, area_id in _duplicates([area.id for area in fw.areas]):
        yield ("areas", index, "id"), f"duplicate area id {area_id!r}"
    for index, pathway_id in _duplicates([pathway.id for pathway in fw.pathways]):
        yield ("pathways", index, "id"), f"duplicate pathway id {pathway_id!r}"
    for a_index, area in enumerate(fw.areas):
        if area.applies_if is not None and area.applies_if not in question_ids:
            yield ("areas", a_index, "applies_if"), f"no question with id {area.applies_if!r}"
        for level_id in area.overview:
            if level_id not in known_levels:
                yield ("areas", a_index, "overview", level_id), f"no level with id {level_id!r}"
        for index, dim_id in _duplicates([dim.id for dim in area.dimensions]):
            yield ("areas", a_index, "dimensions", index, "id"), f"duplicate dimension id {dim_id!r}"
        for d_index, dim in enumerate(area.dimensions):
            for level_id in dim.levels:
                if level_id not in known_levels:
                    yield (
                        ("areas", a_index, "dimensions", d_index, "levels", level_id),
                        f"no level with id {level_id!r} (levels are {', '.join(level_ids)})",
                    )
            if fw.scale == "career" and not dim.levels:
                yield ("areas", a_index, "dimensions", d_index, "levels"), "no descriptor at any level"


# ----- loading and linting -----


@dataclass(frozen=True)
class Problem:
    """One problem in a framework file, located as precisely as we can."""

    file: str
    message: str
    path: str = ""
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class FrameworkError(Exception):
    """A framework file that cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(str(problems[0]) if problems else "invalid framework")


def read_toml(path: Path) -> tuple[str, dict[str, Any]]:
    """Read a TOML file strictly; raise FrameworkError with one clear problem when it cannot be read."""
    name = str(path)
    try:
        if path.is_dir():
            raise FrameworkError([Problem(name, "is a directory, not a TOML file")])
        raw = path.read_bytes()
    except FrameworkError:
        raise
    except FileNotFoundError:
        raise FrameworkError([Problem(name, "no such file")]) from None
    except PermissionError:
        raise FrameworkError([Problem(name, "permission denied")]) from None
    except OSError as exc:
        raise FrameworkError([Problem(name, f"cannot read: {exc.strerror or exc}")]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise FrameworkError([Problem(name, "is not UTF-8 text", line=line)]) from None
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = re.search(r"\(at line (\d+), column (\d+)\)", message)
        error_line = int(match.group(1)) if match else None
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", message)
        if match:
            message = f"malformed TOML at line {match.group(1)}, column {match.group(2)}: {message}"
        else:
            message = f"malformed TOML: {message}"
        raise FrameworkError([Problem(name, message, line=error_line)]) from None


def load_framework(path: Path) -> Framework:
    """Load and validate one framework file; raise FrameworkError listing every problem."""
    text, data = read_toml(path)
    return parse_framework(data, str(path), text)


def parse_framework(data: dict[str, Any], name: str = "<framework>", text: str = "") -> Framework:
    try:
        return Framework.model_validate(data)
    except ValidationError as exc:
        raise FrameworkError(_problems_from(exc, name, text)) from None


def _problems_from(exc: ValidationError, name: str, text: str) -> list[Problem]:
    problems: list[Problem] = []
    locator = _LineLocator(text)
    for error in exc.errors(include_url=False):
        loc: Loc = tuple(error["loc"])
        message = str(error["msg"])
        if error["type"] == "value_error" and "\t" in message:
            # Our cross-reference check: one line per problem, "path<TAB>message".
            for line in message.removeprefix("Value error, ").splitlines():
                path, _, msg = line.partition("\t")
                problems.append(Problem(name, msg, path, locator.line_for(path)))
            continue
        message = message.removeprefix("Value error, ")
        if error["type"] == "missing":
            message = f"missing required key {loc[-1]!r}" if loc else "missing required key"
        elif error["type"] == "extra_forbidden":
            message = f"unknown key {loc[-1]!r}"
        elif error["type"] == "too_short" and loc and loc[-1] in ("levels", "areas", "dimensions"):
            message = f"needs at least one entry in {loc[-1]!r}"
        path = _format_loc(_clean_loc(loc))
        # A missing key has no line of its own: point at the table that lacks it (none for the top level).
        where = _format_loc(_clean_loc(loc[:-1])) if error["type"] == "missing" else path
        problems.append(Problem(name, message, path, locator.line_for(where)))
    if len(problems) > MAX_PROBLEMS:
        # A generated or damaged file can hold 100,000 problems; the first ones say what is wrong.
        more = len(problems) - MAX_PROBLEMS
        problems = [*problems[:MAX_PROBLEMS], Problem(name, f"... and {more} more problems like these")]
    return problems


def _clean_loc(loc: Loc) -> Loc:
    # Pydantic adds union member names ("str", "list[str]") to locations; they mean nothing to a reader.
    return tuple(part for part in loc if not (isinstance(part, str) and ("[" in part or part in {"str"})))


class _LineLocator:
    """Finds the line of a path such as ``areas[2].dimensions[1].levels.senior`` in TOML text, when it can."""

    _HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
    _KEY = re.compile(r"^\s*\"?([A-Za-z0-9_-]+)\"?\s*=")

    #: Lines scanned at most over all look-ups: locating stays linear in the file, however many problems it has.
    BUDGET = 2_000_000

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self._spent = 0

    def line_for(self, path: str) -> int | None:
        if not self.lines or not path or self._spent > self.BUDGET:
            return None
        self._spent += len(self.lines)
        parts = re.findall(r"[^.\[\]]+|\[\d+\]", path)
        table: list[str] = []
        start, end = 0, len(self.lines)
        found: int | None = None
        i = 0
        while i < len(parts):
            part = parts[i]
            nxt = parts[i + 1] if i + 1 < len(parts) else None
            if nxt is not None and nxt.startswith("["):
                table.append(part)
                wanted = int(nxt[1:-1])
                header = ".".join(table)
                count = -1
                for number in range(start, end):
                    match = self._HEADER.match(self.lines[number])
                    if match and self.lines[number].lstrip().startswith("[[") and match.group(1) == header:
                        count += 1
                        if count == wanted:
                            start = number + 1
                            found = number + 1
                            break
                else:
                    return found
                # The array element ends at the next header of the same array or of a parent.
                for number in range(start, end):
                    match = self._HEADER.match(self.lines[number])
                    if match and not match.group(1).startswith(header + "."):
                        end = number
                        break
                i += 2
                continue
            table.append(part)
            key_line = self._find_key_or_table(part, ".".join(table), start, end)
            if key_line is None:
                return found
            found = key_line + 1
            start = key_line + 1
            i += 1
        return found

    def _find_key_or_table(self, key: str, dotted: str, start: int, end: int) -> int | None:
        for number in range(start, end):
            line = self.lines[number]
            header = self._HEADER.match(line)
            if header and header.group(1) == dotted:
                return number
            match = self._KEY.match(line)
            if match and match.group(1) == key:
                return number
        return None


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the framework format, for editors (taplo, VS Code Even Better TOML)."""
    schema = Framework.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "ladder-tui framework"
    return schema
