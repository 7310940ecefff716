"""Review cycles: a new assessment carried from an earlier one, the earlier cycle of an assessment, and what moved.

A carried value is not a rating: it is kept apart in the file (`[previous]`), starts the cursor, and becomes a
rating only when the sitting confirms or changes it, so the rules (`core.rules`) stand unchanged. `compare` reads
both assessments through the one scoring (`core.scoring.score`), so the levels it shows are the ones `summary`
gives.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ladder_tui.core.domain import rules
from ladder_tui.core.domain.assessment import Assessment, Previous, by_time
from ladder_tui.core.domain.framework import Framework
from ladder_tui.core.domain.people import person_key, same_person
from ladder_tui.core.domain.scoring import Rating, Ref, ScoreResult, score
from ladder_tui.core.errors import LadderError
from ladder_tui.core.presentation.document import (
    Block,
    BulletList,
    Card,
    Column,
    Document,
    Headline,
    Paragraph,
    Section,
    Table,
    plain,
    rating_text,
)
from ladder_tui.core.presentation.text import plural
from ladder_tui.core.storage.catalog import FrameworkCatalog
from ladder_tui.core.storage.listing import ListedAssessment, list_assessments


def carried_from(framework: Framework, earlier: Assessment) -> Previous:
    """The earlier assessment's effective ratings, to start a new cycle from."""
    ratings: dict[str, dict[str, str]] = {}
    for area, dim in rules.applicable_dimensions(framework, earlier):
        value = rules.effective_rating(framework, earlier.answer(area.id, dim.id))
        if value is not None:
            ratings.setdefault(area.id, {})[dim.id] = value
    return Previous(id=earlier.id, updated=earlier.updated, ratings=ratings)


def latest_cycles(rows: Iterable[ListedAssessment]) -> dict[str, ListedAssessment]:
    """Each person's latest cycle, keyed by `person_key`: their newest assessment by creation that holds an answer
    (a cycle just started, still empty, does not stand for them), else their newest. `team` rolls these up and the
    New form offers to start from them."""

    def answered(row: ListedAssessment) -> bool:
        return row.counts is None or row.counts.answered > 0

    latest: dict[str, ListedAssessment] = {}
    for row in sorted(rows, key=lambda row: by_time(row.created)):
        person = person_key(row.subject)
        kept = latest.get(person)
        if kept is None or answered(row) or not answered(kept):
            latest[person] = row  # later by creation: the newer cycle (unless it is still empty)
    return latest


def cycles_of(assessment: Assessment, folder: Path, catalog: FrameworkCatalog) -> list[ListedAssessment]:
    """The person's assessments on this framework in `folder` (files are named `<subject>-<framework>...`), and the
    one this one was started from wherever its name is."""
    from ladder_tui.core.domain.assessment import slugify

    rows = list_assessments(catalog, folder, names=f"{slugify(assessment.subject)}-{assessment.framework.id}").rows
    if assessment.previous is not None and all(row.id != assessment.previous.id for row in rows):
        rows += list_assessments(catalog, folder, names=f"{assessment.previous.id}.toml").rows
    return rows


def since(assessment: Assessment, framework: Framework, folder: Path, catalog: FrameworkCatalog) -> Comparison | None:
    """What moved since the person's earlier cycle, when there is one."""
    earlier = earlier_cycle(assessment, cycles_of(assessment, folder, catalog))
    if earlier is None:
        return None
    return compare(framework, earlier.assessment, assessment)


def since_note(
    assessment: Assessment, framework: Framework, folder: Path, catalog: FrameworkCatalog
) -> tuple[str, str] | None:
    """The summary's "Since <date>" line as (the earlier cycle's date, what moved), when there is an earlier one."""
    moved = since(assessment, framework, folder, catalog)
    return (moved.before.updated[:10], moved.since_line()) if moved is not None else None


def earlier_cycle(assessment: Assessment, rows: Iterable[ListedAssessment]) -> ListedAssessment | None:
    """The cycle before this one: the assessment it was started from, else the person's latest earlier one on the
    same framework (by creation)."""
    candidates = [
        row
        for row in rows
        if row.id != assessment.id
        and row.framework == assessment.framework.id
        and same_person(row.subject, assessment.subject)
    ]
    if assessment.previous is not None:
        linked = next((row for row in candidates if row.id == assessment.previous.id), None)
        if linked is not None:
            return linked
    earlier = [row for row in candidates if by_time(row.created) < by_time(assessment.created)]
    return max(earlier, key=lambda row: by_time(row.created)) if earlier else None


# ----- what moved -----


def answer_value(rating: Rating | None) -> str | None:
    """A rating as compare's and team's JSON give it: a level id, "below", "na", or None."""
    return rating.id if rating is not None else None


@dataclass(frozen=True)
class Change:
    area: Ref
    dimension: Ref
    before: Rating | None
    after: Rating | None

    @property
    def delta(self) -> int | None:
        """Levels moved (up is positive); None when either side is not a level or "below"."""
        if self.before is None or self.after is None or self.before.index is None or self.after.index is None:
            return None
        return self.after.index - self.before.index

    def to_dict(self) -> dict[str, Any]:
        return {
            "area": self.area.to_dict(),
            "dimension": self.dimension.to_dict(),
            "before": answer_value(self.before),
            "after": answer_value(self.after),
            "delta": self.delta,
        }


@dataclass(frozen=True)
class Comparison:
    """Two cycles of one person on one framework, scored the same way."""

    before: ScoreResult
    after: ScoreResult
    changes: tuple[Change, ...]

    @property
    def closed(self) -> list[str]:
        """Focus areas of the earlier cycle that are no longer focus areas ("(reached)" when the later rating is at
        least the level the focus area led to)."""
        now = {(item.area.id, item.dimension.id) for item in self.after.focus}
        ratings = {(d.area.id, d.dimension.id): d.effective for d in self.after.dimensions}
        out = []
        for item in self.before.focus:
            key = (item.area.id, item.dimension.id)
            if key in now:
                continue
            rating = ratings.get(key)
            now_index = rating.index if rating is not None else None
            reached = now_index is not None and item.next.index is not None and now_index >= item.next.index
            out.append(f"{item.area.name} › {item.dimension.name}" + (" (reached)" if reached else ""))
        return out

    @property
    def goal_change(self) -> str | None:
        """ "toward L3 → toward L4" when the level the focus areas lead to changed between the two cycles."""
        before, after = self.before.goal, self.after.goal
        if (before.id if before else None) == (after.id if after else None):
            return None

        def toward(rating: Rating | None) -> str:
            return f"toward {rating.short or rating.name}" if rating else "at the top"

        return f"{toward(before)} → {toward(after)}"

    @property
    def opened(self) -> list[str]:
        then = {(item.area.id, item.dimension.id) for item in self.before.focus}
        return [
            f"{i.area.name} › {i.dimension.name}" for i in self.after.focus if (i.area.id, i.dimension.id) not in then
        ]

    @property
    def plan(self) -> list[tuple[str, str]]:
        """The earlier cycle's actions and where each stands now: "done", "dropped" or "still open" (as the later
        cycle carried it on, else as the earlier one left it)."""
        carried = {item.text: item.status for item in self.after.plan if item.carried}
        out = []
        for item in self.before.plan:
            status = carried.get(item.text, item.status)
            out.append((item.text, "still open" if status == "open" else status))
        return out

    @property
    def moved_up(self) -> int:
        return sum(1 for change in self.changes if (change.delta or 0) > 0)

    @property
    def moved_down(self) -> int:
        return sum(1 for change in self.changes if (change.delta or 0) < 0)

    def to_dict(self) -> dict[str, Any]:
        def side(result: ScoreResult) -> dict[str, Any]:
            return {
                "assessment_id": result.assessment_id,
                "updated": result.updated,
                "suggested_level": result.suggested.to_dict() if result.suggested else None,
            }

        return {
            "framework": {"id": self.after.framework.id, "name": self.after.framework.name},
            "subject": self.after.subject,
            "before": side(self.before),
            "after": side(self.after),
            "changes": [change.to_dict() for change in self.changes],
            "goal_change": self.goal_change,
            "focus_closed": self.closed,
            "focus_opened": self.opened,
            "plan": [{"text": text, "status": status} for text, status in self.plan],
        }

    def since_line(self) -> str:
        """One line for the summary: "Since 2026-06-01: Intermediate → Advanced; 4 dimensions moved (3 up, 1 down)"."""
        before, after = self.before.suggested_label, self.after.suggested_label
        level = f"{before} → {after}" if before != after else f"still {after}"
        moved = len(self.changes)
        return f"{level}; {plural(moved, 'dimension')} moved{self._moved_detail()}"

    def _moved_detail(self) -> str:
        """ " (3 up, 1 down)", and what is neither: dimensions rated only now, no longer rated, or to or from
        "not applicable" (no distance in levels), so that the parts add up to the count."""
        if not self.changes:
            return ""
        parts = [f"{self.moved_up} up", f"{self.moved_down} down"]
        newly = sum(1 for change in self.changes if change.before is None)
        dropped = sum(1 for change in self.changes if change.after is None)
        other = len(self.changes) - self.moved_up - self.moved_down - newly - dropped
        parts += [f"{count} {what}" for count, what in ((newly, "newly rated"), (dropped, "no longer rated")) if count]
        if other:
            parts.append(f"{other} to or from not applicable")
        return f" ({', '.join(parts)})"


def compare(framework: Framework, before: Assessment, after: Assessment) -> Comparison:
    """What moved between two assessments of one framework, dimension by dimension (effective ratings)."""
    if before.framework.id != after.framework.id:
        raise LadderError(
            f"{before.id} and {after.id} are on different frameworks ({before.framework.id}, {after.framework.id}); "
            "compare two cycles of one framework"
        )
    if before.id == after.id and before.created == after.created:
        raise LadderError(f"{before.id} is the same assessment twice; compare two cycles (ladder-tui list shows them)")
    old, new = score(framework, before), score(framework, after)
    earlier = {(item.area.id, item.dimension.id): item.effective for item in old.dimensions}
    changes = []
    for item in new.dimensions:
        then = earlier.get((item.area.id, item.dimension.id))
        if answer_value(then) != answer_value(item.effective):
            changes.append(Change(item.area, item.dimension, then, item.effective))
    return Comparison(old, new, tuple(changes))


def comparison_warnings(before: Assessment, after: Assessment) -> list[str]:
    """What is odd about a comparison but still worth showing: two people, or the newer cycle given first."""
    warnings = []
    if not same_person(before.subject, after.subject):
        warnings.append(f"{before.id} is about {before.subject!r} and {after.id} about {after.subject!r}")
    if by_time(before.created) > by_time(after.created):
        warnings.append(
            f"{before.id} was started after {after.id}; showing what moved from the first named to the second "
            "(give the older one first to see progress)"
        )
    return warnings


def comparison_document(comparison: Comparison) -> Document:
    """What moved, as a document every format renders (text, Markdown, HTML)."""
    before, after = comparison.before, comparison.after
    facts: tuple[tuple[str, str], ...] = (
        ("Before", f"{before.suggested_label} ({before.assessment_id}, saved {before.updated[:10]})"),
        ("After", f"{after.suggested_label} ({after.assessment_id}, saved {after.updated[:10]})"),
    )
    if comparison.goal_change:
        facts += (("Goal", comparison.goal_change),)
    rows = tuple(
        (
            (f"{change.area.name} › {change.dimension.name}",),
            (rating_text(change.before, short=True),),
            (rating_text(change.after, short=True),),
            (f"{change.delta:+d}" if change.delta is not None else "",),
        )
        for change in comparison.changes
    )
    blocks: list[Block | Card] = []
    if rows:
        columns = (
            Column("Dimension"),
            Column("Before", flexible=False),
            Column("After", flexible=False),
            Column("Moved", align="right", flexible=False),
        )
        blocks.append(Table("changes", columns, rows))
    else:
        blocks.append(Paragraph(plain("No dimension moved.", "muted")))
    focus: list[Block | Card] = []
    if comparison.closed:
        focus += [
            Paragraph(plain("No longer a focus area:", "strong")),
            BulletList(tuple(map(plain, comparison.closed))),
        ]
    if comparison.opened:
        focus += [Paragraph(plain("New focus areas:", "strong")), BulletList(tuple(map(plain, comparison.opened)))]
    sections = [Section("changes", f"What moved ({len(rows)})", tuple(blocks))]
    if focus:
        sections.append(Section("focus", "Focus areas", tuple(focus)))
    if comparison.plan:
        plan_rows = tuple(((text,), (status,)) for text, status in comparison.plan)
        plan_columns = (Column("Action"), Column("Now", flexible=False))
        sections.append(Section("plan", "The earlier plan", (Table("plan", plan_columns, plan_rows),)))
    fw = after.framework
    return Document(
        title=f"Since {before.updated[:10]}: {after.subject}",
        meta=f"{fw.name} ({fw.id}, version {fw.version})",
        framework=fw.name,
        headline=Headline(
            title="Suggested level",
            level=comparison.since_line().split(";")[0],
            provisional=after.provisional and after.counted > 0,
            facts=facts,
            warning=None,
            explanation=(comparison.since_line() + ".",),
        ),
        sections=tuple(sections),
        footer=("Each dimension's rating is the one that scores: agreed, else lead, else self.",),
    )
