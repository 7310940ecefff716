"""The team roll-up: every person's latest assessment on one framework, as a heatmap, medians and common focus.

Each person's level is the one `summary` gives (the one scoring); each rating is the effective one (the one set of
rules). People are told apart by subject, the way a lead types names. A person's cycle is their latest by creation
that holds an answer (a cycle just started, still empty, does not stand for them), else their latest.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ladder_tui.core.domain.cycles import answer_value, latest_cycles
from ladder_tui.core.domain.framework import Framework
from ladder_tui.core.domain.scoring import Rating, Ref, ScoreResult, score
from ladder_tui.core.errors import LadderError
from ladder_tui.core.presentation.document import (
    Block,
    BulletList,
    Card,
    Cell,
    Column,
    Document,
    Headline,
    Heat,
    Paragraph,
    Section,
    Table,
    plain,
)
from ladder_tui.core.presentation.text import spreadsheet_safe
from ladder_tui.core.storage.listing import ListedAssessment


@dataclass(frozen=True)
class Person:
    subject: str
    row: ListedAssessment
    result: ScoreResult
    #: "area-id/dimension-id" -> the effective rating (None: unanswered).
    ratings: dict[str, Rating | None]

    @property
    def next_index(self) -> int:
        """The level this person works toward: the one after their suggested level."""
        suggested = self.result.suggested
        return (suggested.index if suggested is not None and suggested.index is not None else -1) + 1


@dataclass(frozen=True)
class DimensionSpread:
    key: str
    area: Ref
    dimension: Ref
    #: The lower median of the counted ratings (levels and "below"); None when nobody has one.
    median: Rating | None
    lowest: Rating | None
    highest: Rating | None
    #: How many people hold each rating (level ids, "below", "na").
    counts: dict[str, int]
    #: How many people are below their own next level on this dimension, of those counted.
    below_next: int
    counted: int


@dataclass(frozen=True)
class Team:
    framework: Framework
    people: tuple[Person, ...]
    dimensions: tuple[DimensionSpread, ...]

    @property
    def focus(self) -> list[DimensionSpread]:
        """Common focus areas: dimensions where most of the people counted are below their next level."""
        common = [item for item in self.dimensions if item.counted and item.below_next * 2 > item.counted]
        return sorted(common, key=lambda item: -item.below_next / item.counted)

    def to_dict(self) -> dict[str, Any]:
        return {
            "framework": {"id": self.framework.id, "name": self.framework.name, "version": self.framework.version},
            "people": [
                {
                    "subject": person.subject,
                    "assessment_id": person.row.id,
                    "created": person.row.created.isoformat(),
                    "suggested_level": person.result.suggested.to_dict() if person.result.suggested else None,
                    "suggested_label": person.result.suggested_label,
                    "confidence": person.result.confidence,
                    "provisional": person.result.provisional,
                    "ratings": {key: answer_value(rating) for key, rating in person.ratings.items()},
                }
                for person in self.people
            ],
            "dimensions": [
                {
                    "key": item.key,
                    "area": item.area.to_dict(),
                    "dimension": item.dimension.to_dict(),
                    "median": answer_value(item.median),
                    "lowest": answer_value(item.lowest),
                    "highest": answer_value(item.highest),
                    "counts": item.counts,
                    "below_next_level": item.below_next,
                }
                for item in self.dimensions
            ],
            "focus": [item.key for item in self.focus],
        }


def frameworks_in(rows: Sequence[ListedAssessment]) -> list[str]:
    return sorted({row.framework for row in rows})


def team_rollup(framework: Framework, rows: Sequence[ListedAssessment]) -> Team:
    """The roll-up of the assessments on `framework` among `rows`: each person's latest cycle."""
    latest = list(latest_cycles(row for row in rows if row.framework == framework.id).values())
    if not latest:
        raise LadderError(f"no assessment on framework {framework.id!r} in the folders given")
    people = []
    for row in sorted(latest, key=lambda row: row.subject.casefold()):
        result = score(framework, row.assessment, sides=False)  # the roll-up never shows each side's level
        ratings = {f"{item.area.id}/{item.dimension.id}": item.effective for item in result.dimensions}
        people.append(Person(row.subject, row, result, ratings))
    keys = [
        (f"{area.id}/{dim.id}", Ref(area.id, area.name), Ref(dim.id, dim.name))
        for area in framework.areas
        for dim in area.dimensions
        if any(f"{area.id}/{dim.id}" in person.ratings for person in people)
    ]
    dimensions = []
    for key, area, dim in keys:
        given = [(person, person.ratings.get(key)) for person in people]
        counted = sorted(
            ((rating, person) for person, rating in given if rating is not None and rating.index is not None),
            key=lambda pair: pair[0].index or 0,
        )
        counts: dict[str, int] = {}
        for _person, rating in given:
            if rating is not None:
                counts[rating.id] = counts.get(rating.id, 0) + 1
        ordered = [rating for rating, _person in counted]
        dimensions.append(
            DimensionSpread(
                key=key,
                area=area,
                dimension=dim,
                median=ordered[(len(ordered) - 1) // 2] if ordered else None,
                lowest=ordered[0] if ordered else None,
                highest=ordered[-1] if ordered else None,
                counts=counts,
                below_next=sum(1 for rating, person in counted if (rating.index or 0) < person.next_index),
                counted=len(counted),
            )
        )
    return Team(framework, tuple(people), tuple(dimensions))


# ----- writing it -----


def short_names(framework: Framework) -> dict[str, str]:
    """A compact name per level for a heatmap cell: its own short name, else its first letters (made unique)."""
    names: dict[str, str] = {}
    for level in framework.levels:
        name = level.short or (level.name if len(level.name) <= 5 else level.name[:3])
        while name in names.values():
            name = level.name[: len(name) + 1]
        names[level.id] = name
    return names


def _label(rating: Rating | None, names: dict[str, str] | None = None) -> str:
    if rating is None:
        return "—"
    if rating.index is None:
        return "n/a"
    if rating.index < 0:
        first = next(iter(names.values())) if names else rating.label.removeprefix("Below ")
        return f"<{first}" if names else rating.label
    return names.get(rating.id, rating.label) if names else rating.label


def team_document(team: Team) -> Document:
    """The roll-up as a document (text, Markdown, HTML, the Team screen): a heatmap of people by dimensions with each
    person's level, the median and spread under it, and the team's common focus areas."""
    fw = team.framework
    people = team.people
    top = max(len(fw.levels), 1)
    names = short_names(fw)

    def heat(rating: Rating | None) -> Heat:
        fraction = None if rating is None or rating.index is None else (rating.index + 1) / top
        return Heat(_label(rating, names), fraction)

    columns = (
        Column("Person"),
        Column("Level", flexible=False),
        *(Column(item.dimension.name, flexible=False) for item in team.dimensions),
    )
    rows: list[tuple[Cell, ...]] = [
        (
            (person.subject,),
            _person_level(person.result, heat(person.result.suggested or _below(fw))),
            *(heat(person.ratings.get(item.key)) for item in team.dimensions),
        )
        for person in people
    ]
    rows.append((("Median",), ("",), *(heat(item.median) for item in team.dimensions)))
    rows.append(
        (
            ("Spread",),
            ("",),
            *(
                (f"{_label(item.lowest, names)}–{_label(item.highest, names)}" if item.lowest else "—",)
                for item in team.dimensions
            ),
        )
    )
    rows.append(
        (
            ("Below next level",),
            ("",),
            *((f"{item.below_next}/{item.counted}" if item.counted else "—",) for item in team.dimensions),
        )
    )
    heatmap = Table("heatmap", columns, tuple(rows), transposable=True, corner="Dimension")
    focus: list[Block | Card] = []
    if team.focus:
        focus.append(
            BulletList(
                tuple(
                    plain(
                        f"{item.area.name} › {item.dimension.name}: {item.below_next} of {item.counted} "
                        "below their next level"
                    )
                    for item in team.focus
                )
            )
        )
    else:
        focus.append(Paragraph(plain("No dimension where most people are below their next level.", "muted")))
    legend = ", ".join(f"{names[lv.id]} = {lv.name}" for lv in fw.levels if names[lv.id] != lv.name)
    legend += f"{', ' if legend else ''}<{names[fw.levels[0].id]} = below {fw.levels[0].name}"
    if any(person.result.provisional for person in people):
        legend += "; * provisional (under 70% rated)"
    cycles = "; ".join(
        f"{person.subject}: {person.row.id} ({person.row.created.date().isoformat()})" for person in people
    )
    return Document(
        title=f"Team: {fw.name}",
        meta=f"{fw.name} ({fw.id}, version {fw.version}) · each person's latest cycle",
        framework=fw.name,
        headline=Headline(
            title="People",
            level=str(len(people)),
            provisional=False,
            facts=(("Levels", legend),) if legend else (),
            warning=None,
            explanation=(),
        ),
        sections=(
            Section("heatmap", "Each person's rating per dimension", (heatmap,)),
            Section("focus", "Where the team is thin: common focus areas", tuple(focus)),
        ),
        landscape=True,
        footer=(
            "Each rating is the one that scores (agreed, else lead, else self); each level is the one the "
            "person's summary gives. Median: the lower middle rating.",
            f"Cycles: {cycles}.",
        ),
    )


def _person_level(result: ScoreResult, cell: Heat) -> Heat:
    """A person's level, marked when too little is rated to rely on it; "—" while nothing is rated."""
    if result.counted == 0:
        return Heat("—", None)
    return Heat(cell.label + "*", cell.fraction) if result.provisional else cell


def _below(framework: Framework) -> Rating:
    """ "Below the first level", as a rating."""
    first = framework.levels[0]
    return Rating("below", f"Below {first.name}", -1, f"Below {first.short}" if first.short else "")


def team_csv(team: Team) -> str:
    """One row per person, one column per dimension (level ids, "below", "na", or empty)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    keys = [item.key for item in team.dimensions]
    rows = [["subject", "assessment_id", "suggested_level", *keys]]
    for person in team.people:
        suggested = person.result.suggested.id if person.result.suggested else "below"
        ratings = [answer_value(person.ratings.get(key)) or "" for key in keys]
        rows.append([person.subject, person.row.id, suggested, *ratings])
    writer.writerows([[spreadsheet_safe(cell) for cell in row] for row in rows])
    return out.getvalue()
