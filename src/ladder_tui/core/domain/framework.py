"""A framework (career ladder or skills matrix) as the program holds it: plain frozen objects, no pydantic.

`core.loader` builds these from a validated file (or the cache of one); every view and the scoring read them.
Descriptors are always tuples of statements here (a file may write one text or a list).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

#: Answer values that are not level ids; a framework may not use them as level ids.
RESERVED_LEVEL_IDS = frozenset({"below", "na", "skip"})

Statements = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Source:
    """Where a framework's text comes from, and whom to credit."""

    title: str
    credit: str
    url: str | None = None
    notes: str | None = None
    file: str | None = None
    imported: str | None = None


@dataclass(frozen=True, slots=True)
class Recipe:
    """How a framework was imported (its `[import]` table): what `frameworks import --update` reads again, and how."""

    paths: tuple[str, ...]
    format: str
    hash: str
    sheet: str | None = None
    levels_in: str | None = None
    name: str | None = None
    exclude: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    join: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Level:
    """One rung of the ladder (or one step of a mastery scale)."""

    id: str
    name: str
    short: str | None = None
    description: str | None = None
    #: The description is ladder-tui's explanation, not the source's words.
    editorial: bool = False

    @property
    def label(self) -> str:
        """The short name when there is one (tables, narrow cards), else the name."""
        return self.short or self.name


@dataclass(frozen=True, slots=True)
class Scoring:
    """How the suggested level is derived (SPEC section 5)."""

    threshold: float = 0.8
    max_gap: int = 1
    focus_count: int = 3
    provisional_below: float = 0.7


@dataclass(frozen=True, slots=True)
class Question:
    """A yes/no question asked when an assessment starts; optional areas depend on it."""

    id: str
    prompt: str
    help: str | None = None
    default: bool = False


@dataclass(frozen=True, slots=True)
class Dimension:
    """One skill dimension: the statements describing it per level id, ragged where the source is ragged."""

    id: str
    name: str
    description: str | None = None
    levels: Mapping[str, Statements] = field(default_factory=dict)
    ragged_note: str | None = None
    branches: Statements = ()
    editorial: bool = False


@dataclass(frozen=True, slots=True)
class Area:
    """A skill area (category / competency group) holding dimensions."""

    id: str
    name: str
    dimensions: tuple[Dimension, ...]
    description: str | None = None
    overview: Mapping[str, Statements] = field(default_factory=dict)
    growth: Statements = ()
    applies_if: str | None = None
    editorial: bool = False


@dataclass(frozen=True, slots=True)
class Pathway:
    """A career pathway the framework points to."""

    id: str
    name: str
    description: str | None = None
    items: Statements = ()


@dataclass(frozen=True)
class Framework:
    """A whole career ladder or skills matrix, with the hash of its content (saved in every assessment)."""

    id: str
    name: str
    levels: tuple[Level, ...]
    areas: tuple[Area, ...]
    content_hash: str
    version: str = "1"
    description: str | None = None
    scale: str = "career"
    source: Source | None = None
    questions: tuple[Question, ...] = ()
    scoring: Scoring = field(default_factory=Scoring)
    blind_review: bool = True
    pathways: tuple[Pathway, ...] = ()
    notes: str | None = None
    #: How it was imported, when it was (`frameworks import --update` reads the next version the same way).
    recipe: Recipe | None = None

    @cached_property
    def level_ids(self) -> tuple[str, ...]:
        return tuple(level.id for level in self.levels)

    @cached_property
    def _level_index(self) -> dict[str, int]:
        return {level.id: index for index, level in enumerate(self.levels)}

    @property
    def is_mastery(self) -> bool:
        return self.scale == "mastery"

    def level_index(self, level_id: str) -> int:
        """The position of a level (0 = lowest); KeyError for an id the framework does not have."""
        return self._level_index[level_id]

    def has_level(self, level_id: str) -> bool:
        return level_id in self._level_index

    def area_by_id(self, area_id: str) -> Area:
        for area in self.areas:
            if area.id == area_id:
                return area
        raise KeyError(area_id)

    def dimension_keys(self) -> list[tuple[str, str]]:
        """Every (area id, dimension id), in framework order."""
        return [(area.id, dim.id) for area in self.areas for dim in area.dimensions]

    @property
    def dimension_count(self) -> int:
        return sum(len(area.dimensions) for area in self.areas)

    def applicable_areas(self, answers: Mapping[str, bool]) -> list[Area]:
        """The areas that apply given the answers to the framework's questions (unanswered: the question's default)."""
        defaults = {question.id: question.default for question in self.questions}
        return [
            area
            for area in self.areas
            if area.applies_if is None or answers.get(area.applies_if, defaults.get(area.applies_if, False))
        ]

    def descriptor(self, dimension: Dimension, level_id: str) -> Statements:
        """The statements describing `dimension` at `level_id`; on mastery scales, the level's shared description."""
        statements = dimension.levels.get(level_id)
        if statements is not None:
            return statements
        if self.is_mastery and self.has_level(level_id):
            description = self.levels[self.level_index(level_id)].description
            return (description,) if description else ()
        return ()

    def editorial_descriptor(self, dimension: Dimension, level_id: str) -> bool:
        """Whether the text `descriptor` gives is ladder-tui's own words (a mastery level described editorially)."""
        if level_id in dimension.levels or not self.is_mastery or not self.has_level(level_id):
            return False
        return self.levels[self.level_index(level_id)].editorial

    @property
    def editorial_levels(self) -> bool:
        """Whether any level's description is ladder-tui's words rather than the source's."""
        return any(level.editorial for level in self.levels)

    def defined_at(self, dimension: Dimension, level_id: str) -> bool:
        """Whether the dimension can be judged at this level (a ragged ladder leaves some levels undescribed)."""
        return self.is_mastery or level_id in dimension.levels
