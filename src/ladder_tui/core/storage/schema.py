"""The file formats as pydantic models: what a framework or assessment file may hold, the JSON Schema, lint messages.

These models only validate. `core.loader` turns what they accept into the runtime objects every view reads
(`core.framework`, `core.assessment`); nothing else in the program holds a pydantic object.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ladder_tui.core.domain.assessment import as_utc
from ladder_tui.core.domain.framework import RESERVED_LEVEL_IDS
from ladder_tui.core.errors import Problem

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"

Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=64)]
#: One descriptor: a single text, or several statements that together describe the level.
Descriptor = str | list[str]

ASSESSMENT_KIND = "ladder-tui assessment"


#: A date-time as every file's dates are read: without an offset it is UTC.
Moment = Annotated[datetime, AfterValidator(as_utc)]


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# ----- frameworks -----


class SourceSpec(_Spec):
    """Where a framework's text comes from, and whom to credit."""

    model_config = ConfigDict(title="Source")

    title: str
    credit: str
    url: str | None = None
    notes: str | None = None
    #: The file(s) the framework was imported from (`ladder-tui frameworks import`).
    file: str | None = None
    #: When it was imported (ISO date).
    imported: str | None = None


class RecipeSpec(_Spec):
    """How the framework was imported (`[import]`), so that `frameworks import --update ID` reads the next version
    of the document the same way. Not part of the framework's content (assessments never warn about it)."""

    model_config = ConfigDict(title="Import recipe")

    #: The files (or folder) read, as absolute paths when they were imported.
    paths: list[str] = Field(min_length=1)
    #: The format they were read as.
    format: Literal["markdown", "html", "yaml", "json", "csv", "xlsx", "docx"]
    #: The options the import was given (None: detected).
    sheet: str | None = None
    levels_in: Literal["columns", "rows", "outer", "inner"] | None = None
    name: str | None = None
    #: Files of the folder left out, and parts left out ("level:NAME", "area:NAME", "dimension:AREA/NAME"), as chosen
    #: in the import preview.
    exclude: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    #: Dimensions joined in the import preview: each pair's first ("dimension:AREA/NAME") into its second.
    join: list[tuple[str, str]] = Field(default_factory=list)
    #: A hash of the files' bytes: an update of the same bytes has nothing to do.
    hash: str


class LevelSpec(_Spec):
    """One rung of the ladder (or one step of a mastery scale)."""

    model_config = ConfigDict(title="Level")

    id: Id
    name: str = Field(min_length=1)
    short: str | None = None
    description: str | None = None
    #: The description is ladder-tui's explanation, not the source's words (shown as such).
    editorial: bool = False


class ScoringSpec(_Spec):
    """How the suggested level is derived (SPEC section 5); every field has the default of the spec."""

    model_config = ConfigDict(title="Scoring")

    threshold: float = Field(default=0.8, gt=0, le=1)
    max_gap: int = Field(default=1, ge=0)
    focus_count: int = Field(default=3, ge=0, le=50)
    provisional_below: float = Field(default=0.7, ge=0, le=1)


class QuestionSpec(_Spec):
    """A yes/no question asked when an assessment starts; optional areas depend on it."""

    model_config = ConfigDict(title="Question")

    id: Id
    prompt: str = Field(min_length=1)
    help: str | None = None
    default: bool = False


def _check_descriptors(value: dict[str, Descriptor]) -> dict[str, Descriptor]:
    for level_id, descriptor in value.items():
        if isinstance(descriptor, str) and not descriptor.strip():
            raise ValueError(f"descriptor for level {level_id!r} is empty")
        if isinstance(descriptor, list) and (not descriptor or any(not statement.strip() for statement in descriptor)):
            raise ValueError(f"descriptor for level {level_id!r} has an empty statement")
    return value


class DimensionSpec(_Spec):
    """One skill dimension: a descriptor per level, ragged where the source is ragged."""

    model_config = ConfigDict(title="Dimension")

    id: Id
    name: str = Field(min_length=1)
    description: str | None = None
    levels: dict[str, Descriptor] = Field(default_factory=dict)
    #: Why some levels have no descriptor (said honestly rather than inventing text).
    ragged_note: str | None = None
    #: What a mastered skill can grow into (skill trees).
    branches: list[str] = Field(default_factory=list)
    #: The description is ladder-tui's explanation, not the source's words.
    editorial: bool = False

    @field_validator("levels")
    @classmethod
    def _non_empty_descriptors(cls, value: dict[str, Descriptor]) -> dict[str, Descriptor]:
        return _check_descriptors(value)


class AreaSpec(_Spec):
    """A skill area (category / competency group) holding dimensions."""

    model_config = ConfigDict(title="Area")

    id: Id
    name: str = Field(min_length=1)
    description: str | None = None
    #: The area's overview row: one summary per level, shown on the area intro screen.
    overview: dict[str, Descriptor] = Field(default_factory=dict)
    #: Concrete behaviours that help someone grow in this area.
    growth: list[str] = Field(default_factory=list)
    #: The id of a question; the area applies only when the answer is yes.
    applies_if: str | None = None
    dimensions: list[DimensionSpec] = Field(min_length=1)
    #: The description is ladder-tui's explanation, not the source's words.
    editorial: bool = False


class PathwaySpec(_Spec):
    """A career pathway the framework points to (e.g. Customer Success, Product)."""

    model_config = ConfigDict(title="Pathway")

    id: Id
    name: str = Field(min_length=1)
    description: str | None = None
    items: list[str] = Field(default_factory=list)


class FrameworkSpec(_Spec):
    """A whole career ladder or skills matrix: one framework TOML file."""

    model_config = ConfigDict(title="ladder-tui framework")

    format_version: Literal[1] = 1
    id: Id
    name: str = Field(min_length=1)
    version: str = "1"
    description: str | None = None
    #: "career" ladders have distinct levels; "mastery" scales (rookie/pro/master) share one description per level.
    scale: Literal["career", "mastery"] = "career"
    source: SourceSpec | None = None
    levels: list[LevelSpec] = Field(min_length=1, max_length=50)
    questions: list[QuestionSpec] = Field(default_factory=list)
    scoring: ScoringSpec = Field(default_factory=ScoringSpec)
    #: In lead mode the agent's own rating stays hidden until the lead has rated (calibration without anchoring).
    blind_review: bool = True
    areas: list[AreaSpec] = Field(min_length=1)
    pathways: list[PathwaySpec] = Field(default_factory=list)
    #: Free text shown after the areas (e.g. how the skills relate to each other).
    notes: str | None = None
    #: How it was imported (`[import]`); absent for frameworks written by hand.
    recipe: RecipeSpec | None = Field(default=None, alias="import")

    @model_validator(mode="after")
    def _check_references(self) -> FrameworkSpec:
        problems = list(_reference_problems(self))
        if problems:
            # Pydantic turns a ValueError into one error; we encode the paths so the linter can split them again.
            raise ValueError("\n".join(f"{format_loc(loc)}\t{msg}" for loc, msg in problems))
        return self


#: Keys added to the format after files were first hashed, with their defaults: left out of the content hash while
#: they hold the default, so adding a key to the format never makes every existing assessment warn.
LATER_KEYS: dict[str, dict[str, Any]] = {
    "framework": {"blind_review": True},
    "source": {"file": None, "imported": None},
    "level": {"editorial": False},
    "area": {"editorial": False},
    "dimension": {"editorial": False},
}


def hashable_dump(dump: dict[str, Any]) -> dict[str, Any]:
    """`FrameworkSpec.model_dump(mode="json")` as the content hash sees it (see LATER_KEYS)."""

    def trim(item: dict[str, Any], kind: str) -> dict[str, Any]:
        defaults = LATER_KEYS[kind]
        return {key: value for key, value in item.items() if not (key in defaults and defaults[key] == value)}

    out = trim(dump, "framework")
    out.pop("recipe", None)  # how it was imported is not what it says
    if isinstance(out.get("source"), dict):
        out["source"] = trim(out["source"], "source")
    out["levels"] = [trim(level, "level") for level in out["levels"]]
    out["areas"] = [
        {**trim(area, "area"), "dimensions": [trim(dim, "dimension") for dim in area["dimensions"]]}
        for area in out["areas"]
    ]
    return out


Loc = tuple[str | int, ...]

#: At most this many problems are reported for one file (then a line saying how many more there are).
MAX_PROBLEMS = 200


def format_loc(loc: Loc) -> str:
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


def _reference_problems(fw: FrameworkSpec) -> Iterator[tuple[Loc, str]]:
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


def framework_problems(exc: ValidationError, name: str, text: str) -> list[Problem]:
    """Every validation error of a framework file as a Problem with its path and, where it can be found, its line."""
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
        path = format_loc(_clean_loc(loc))
        # A missing key has no line of its own: point at the table that lacks it (none for the top level).
        where = format_loc(_clean_loc(loc[:-1])) if error["type"] == "missing" else path
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
    schema = FrameworkSpec.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "ladder-tui framework"
    return schema


# ----- assessments -----

Mode = Literal["self", "lead", "pair"]


class _AssessmentSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)


class FrameworkRefSpec(_AssessmentSpec):
    """Which framework (and which edition of it) the answers were given against."""

    id: str
    version: str = "1"
    hash: str = ""
    #: Set when the framework came from a file outside the catalog.
    path: str | None = None


class NoteSpec(_AssessmentSpec):
    """A note one person wrote in one rating slot."""

    slot: Literal["self", "lead", "agreed"]
    by: str
    text: str


class AnswerSpec(_AssessmentSpec):
    """The three rating slots of one dimension, who rated each, and the notes (evidence): `<slot>_note` is a note
    written before names were kept, `[[notes]]` the notes each person wrote."""

    self_rating: str | None = Field(default=None, alias="self")
    lead: str | None = None
    agreed: str | None = None
    self_by: str | None = None
    lead_by: str | None = None
    agreed_by: str | None = None
    self_note: str | None = None
    lead_note: str | None = None
    agreed_note: str | None = None
    notes: list[NoteSpec] = Field(default_factory=list)


class SessionSpec(_AssessmentSpec):
    """One sitting that rated: which mode, when, and who (names as typed; never required)."""

    mode: Mode
    started: Moment
    by: str | None = None


class CursorSpec(_AssessmentSpec):
    """Where a mode's walk was left."""

    area: str
    dimension: str
    level: str | None = None


class PreviousSpec(_AssessmentSpec):
    """The earlier cycle this assessment started from, and its effective ratings (carried, not yet answers)."""

    id: str
    updated: Moment
    #: ratings[area_id][dimension_id]: the earlier effective rating, a starting point until confirmed.
    ratings: dict[str, dict[str, str]] = Field(default_factory=dict)


class PlanActionSpec(_AssessmentSpec):
    """One action of the development plan (`[[plan]]`)."""

    text: str = Field(min_length=1)
    owner: Literal["self", "lead"] = "self"
    status: Literal["open", "done", "dropped"] = "open"
    area: str | None = None
    dimension: str | None = None
    due: date | None = None
    carried: bool = False


class SignatureSpec(_AssessmentSpec):
    name: str = Field(min_length=1)
    date: date


class SignOffSpec(_AssessmentSpec):
    """`[signoff]`: each side's signature, and the days the outcome was reopened."""

    self_side: SignatureSpec | None = Field(default=None, alias="self")
    lead: SignatureSpec | None = None
    reopened: list[date] = Field(default_factory=list)


class AssessmentSpec(_AssessmentSpec):
    """One person's assessment against one framework: the whole content of one assessment TOML file."""

    format_version: Literal[1] = 1
    kind: Literal["ladder-tui assessment"] = "ladder-tui assessment"
    id: str
    subject: str
    framework: FrameworkRefSpec
    #: The mode of the last session that gave a rating (each session chooses its own; see SPEC section 4).
    mode: Mode = "self"
    created: Moment
    updated: Moment
    target_level: str | None = None
    questions: dict[str, bool] = Field(default_factory=dict)
    sessions: list[SessionSpec] = Field(default_factory=list)
    cursors: dict[str, CursorSpec] = Field(default_factory=dict)
    previous: PreviousSpec | None = None
    #: The development plan (optional; files without one open unchanged).
    plan: list[PlanActionSpec] = Field(default_factory=list)
    #: Focus areas the lead pinned, as "AREA_ID/DIMENSION_ID" (optional).
    focus_pins: list[str] = Field(default_factory=list)
    #: The lead's overall comment, and the sign-off (both optional).
    comment: str | None = None
    signoff: SignOffSpec = Field(default_factory=SignOffSpec)
    #: answers[area_id][dimension_id]; orphans (dimensions the framework no longer has) are kept, never dropped.
    answers: dict[str, dict[str, AnswerSpec]] = Field(default_factory=dict)


def assessment_problem(exc: ValidationError) -> str:
    """The first validation error of an assessment file, as one line (without the file's name)."""
    error = exc.errors(include_url=False)[0]
    where = ".".join(str(part) for part in error["loc"])
    more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
    message = str(error["msg"])
    if error["type"] == "extra_forbidden":
        message = "unknown key"
    return f"not a valid assessment: {where}: {message}{more}"


# ----- the people file (serving a team) -----


class PersonSpec(_AssessmentSpec):
    """One person on the team: their name (as assessments name their subject), their public keys, whom they lead."""

    name: str = Field(min_length=1)
    keys: list[str] = Field(default_factory=list)
    leads: list[str] = Field(default_factory=list)

    @field_validator("name")
    @classmethod
    def _named(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("a name is needed")
        return value


class PeopleSpec(_AssessmentSpec):
    """`people.toml`: `[[people]]` tables, one a person; no name twice."""

    people: list[PersonSpec] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique(self) -> PeopleSpec:
        seen: set[str] = set()
        for person in self.people:
            key = " ".join(person.name.casefold().split())
            if key in seen:
                raise ValueError(f"{person.name!r} is named twice")
            seen.add(key)
        return self


def people_problem(exc: ValidationError) -> str:
    """The first problem of a people file, as one line (without the file's name)."""
    error = exc.errors(include_url=False)[0]
    where = ".".join(str(part) for part in error["loc"])
    more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
    message = "unknown key" if error["type"] == "extra_forbidden" else str(error["msg"])
    return f"not a valid people file: {where + ': ' if where else ''}{message}{more}"
