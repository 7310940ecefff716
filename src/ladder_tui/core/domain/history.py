"""A person's history on one framework: every cycle (all their assessments on it, whatever the files are called),
oldest first, with each cycle's suggested level and each dimension's rating per cycle (`ladder-tui history`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ladder_tui.core.domain.assessment import by_time
from ladder_tui.core.domain.framework import Framework
from ladder_tui.core.domain.people import same_person
from ladder_tui.core.domain.scoring import Rating, ScoreResult, score
from ladder_tui.core.presentation.document import (
    Cell,
    Column,
    Document,
    Headline,
    Heat,
    Section,
    Table,
    rating_text,
)
from ladder_tui.core.storage.listing import ListedAssessment


@dataclass(frozen=True)
class History:
    """One person's cycles on one framework, scored the same way, oldest first."""

    framework: Framework
    subject: str
    cycles: tuple[tuple[ListedAssessment, ScoreResult], ...]

    def to_dict(self) -> dict[str, Any]:
        dims = [(area, dim) for area in self.framework.areas for dim in area.dimensions]
        ratings = [{(d.area.id, d.dimension.id): d.effective for d in result.dimensions} for _, result in self.cycles]
        return {
            "subject": self.subject,
            "framework": {"id": self.framework.id, "name": self.framework.name},
            "cycles": [
                {
                    "id": row.id,
                    "created": row.created.isoformat(),
                    "suggested_level": result.suggested.to_dict() if result.suggested else None,
                }
                for row, result in self.cycles
            ],
            "dimensions": [
                {
                    "area": {"id": area.id, "name": area.name},
                    "dimension": {"id": dim.id, "name": dim.name},
                    "ratings": [_value(cycle.get((area.id, dim.id))) for cycle in ratings],
                }
                for area, dim in dims
            ],
        }


def _value(rating: Rating | None) -> str | None:
    return rating.id if rating is not None else None


def history(framework: Framework, subject: str, rows: Iterable[ListedAssessment]) -> History:
    """Every assessment about `subject` (case and spacing aside) on `framework`, oldest first by creation."""
    mine = [row for row in rows if row.framework == framework.id and same_person(row.subject, subject)]
    mine.sort(key=lambda row: by_time(row.created))
    return History(framework, subject, tuple((row, score(framework, row.assessment)) for row in mine))


def history_document(found: History) -> Document:
    """The history as a document every format renders: a row per dimension, a column per cycle (a heat cell)."""
    fw = found.framework
    top = max(len(fw.levels) - 1, 1)

    def heat(rating: Rating | None) -> Heat:
        if rating is None or rating.index is None:
            return Heat("—" if rating is None else rating_text(rating, short=True), None)
        return Heat(rating_text(rating, short=True), (rating.index + 1) / (top + 1) if rating.index >= 0 else 0.0)

    cycles = found.cycles
    columns = (Column("Dimension"), *(Column(row.created.date().isoformat(), flexible=False) for row, _ in cycles))
    by_cycle = [{(d.area.id, d.dimension.id): d.effective for d in result.dimensions} for _, result in cycles]
    rows: list[tuple[Cell, ...]] = []
    for area in fw.areas:
        for dim in area.dimensions:
            cells: list[Cell] = [(f"{area.name} › {dim.name}",)]
            cells += [heat(cycle.get((area.id, dim.id))) for cycle in by_cycle]
            rows.append(tuple(cells))
    levels = " → ".join(result.suggested_label for _, result in cycles) or "no cycle yet"
    facts = tuple((row.created.date().isoformat(), f"{result.suggested_label} ({row.id})") for row, result in cycles)
    return Document(
        title=f"History: {found.subject}",
        meta=f"{fw.name} ({fw.id}, version {fw.version}) · {len(cycles)} cycle{'' if len(cycles) == 1 else 's'}",
        framework=fw.name,
        headline=Headline(
            title="Suggested level over time",
            level=levels,
            provisional=False,
            facts=facts,
            warning=None,
            explanation=(),
        ),
        sections=(Section("history", "Each dimension, cycle by cycle", (Table("history", columns, tuple(rows)),)),),
        footer=("Each rating is the one that scores: agreed, else lead, else self.",),
    )
