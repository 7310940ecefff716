"""The summary as one document: sections of paragraphs, lists, tables and paired descriptors, built once.

`summary_document(result)` turns a `ScoreResult` into this structure; the text, Markdown and HTML writers
(`core.report`) and the Summary screen render it, so every format says the same words. `summary --format json`
is the scoring result's own data (`ScoreResult.to_dict`), the contract for tools; `Document.to_data()` gives this
document as JSON-ready data too. Text from files is carried as it is: each renderer makes it literal for its format.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from ladder_tui.core.domain import rules
from ladder_tui.core.domain.scoring import (
    AreaStanding,
    DimensionScore,
    FocusItem,
    LevelCheck,
    Note,
    Rating,
    ScoreResult,
    below_name,
)
from ladder_tui.core.presentation.text import plural

#: How a span of text is set: "" plain, "strong", "em", "muted", "accent" (the level), "warn".
Style = Literal["", "strong", "em", "muted", "accent", "warn"]


@dataclass(frozen=True)
class Span:
    text: str
    style: Style = ""


Inline = tuple[Span, ...]


def plain(text: str, style: Style = "") -> Inline:
    return (Span(text, style),)


#: A sequential scale (light to dark blue): each level its own colour, in order; the label is always printed too.
_HEAT_LOW, _HEAT_HIGH = (0xDE, 0xEB, 0xF7), (0x08, 0x30, 0x6B)


def heat_colours(fraction: float | None) -> tuple[str, str] | None:
    """(background, text) for a heatmap cell on the sequential scale; None for a cell with no rating."""
    if fraction is None:
        return None
    f = min(max(fraction, 0.0), 1.0)
    rgb = tuple(round(low + (high - low) * f) for low, high in zip(_HEAT_LOW, _HEAT_HIGH, strict=True))
    # Dark text on the light end, light text on the dark end (perceived luminance).
    light = 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2] > 140
    return "#{:02x}{:02x}{:02x}".format(*rgb), ("#0b1a2e" if light else "#ffffff")


def heat_band(fraction: float | None) -> int:
    """Which of four colour bands a heatmap cell falls in: 0 (none), 1 (low) .. 3 (high)."""
    if fraction is None:
        return 0
    return 1 if fraction < 0.4 else 2 if fraction < 0.75 else 3


def transposed(table: Table) -> Table:
    """The table turned sideways: its first column's cells become the headers (a heatmap read by dimension)."""
    headers = [" ".join(row[0]) if not isinstance(row[0], Bar | Heat) else "" for row in table.rows]
    columns = (Column(table.corner), *(Column(name) for name in headers))
    rows = tuple(
        ((column.header,), *(row[index] for row in table.rows)) for index, column in enumerate(table.columns) if index
    )
    return Table(table.id, columns, rows, title=table.title)


def inline_text(spans: Inline) -> str:
    return "".join(span.text for span in spans)


@dataclass(frozen=True)
class Paragraph:
    spans: Inline
    #: "" plain, "warning" (a call-out), "note" (evidence someone wrote), "small" (footnotes).
    kind: str = ""


@dataclass(frozen=True)
class BulletList:
    items: tuple[Inline, ...]
    kind: str = ""


@dataclass(frozen=True)
class Bar:
    """A chart cell: `fraction` of the bar filled, with the value it stands for in words (never colour alone)."""

    fraction: float
    label: str


@dataclass(frozen=True)
class Column:
    header: str
    align: Literal["left", "right"] = "left"
    #: A column that may wrap and shrink when space is short (fixed ones keep their width).
    flexible: bool = True
    #: A column that a narrow screen may leave out (what it says is said elsewhere too).
    optional: bool = False


@dataclass(frozen=True)
class Heat:
    """A heatmap cell: the rating in words (a level's short name), with how high it is for the colour."""

    label: str
    #: 0 for "below the first level" .. 1 for the top level; None for not applicable or unanswered.
    fraction: float | None


#: A table cell: lines of text (statements, notes), a chart bar, or a heatmap cell.
Cell = tuple[str, ...] | Bar | Heat


@dataclass(frozen=True)
class Table:
    id: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    #: A heading over the table (a table per area in the appendix).
    title: str = ""
    #: Rows and columns may swap where the columns would not fit (a heatmap of people x dimensions).
    transposable: bool = False
    #: The first column's header once turned sideways (what the old headers are).
    corner: str = ""


@dataclass(frozen=True)
class Panel:
    title: str
    statements: tuple[str, ...]
    empty: str
    highlight: bool = False


@dataclass(frozen=True)
class PanelPair:
    """Two descriptors side by side: where someone is now and the next step."""

    left: Panel
    right: Panel


Block = Paragraph | BulletList | Table | PanelPair


@dataclass(frozen=True)
class Card:
    """A focus area: a heading, the paired descriptors, its evidence and the area's growth opportunities."""

    title: str
    subtitle: str
    blocks: tuple[Block | Card, ...]


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    blocks: tuple[Block | Card, ...]
    #: Renderers for a screen or paper may leave a detail section out or put it on a page of its own.
    detail: bool = False


@dataclass(frozen=True)
class Headline:
    title: str
    level: str
    provisional: bool
    facts: tuple[tuple[str, str], ...]
    warning: str | None
    explanation: tuple[str, ...]


@dataclass(frozen=True)
class Document:
    title: str
    meta: str
    headline: Headline
    sections: tuple[Section, ...]
    footer: tuple[str, ...] = field(default_factory=tuple)
    #: Printed across the page (a wide heatmap).
    landscape: bool = False
    #: The framework's name, for a page or file title (the meta line carries more than the name).
    framework: str = ""

    def section(self, section_id: str) -> Section | None:
        return next((section for section in self.sections if section.id == section_id), None)

    def to_data(self) -> dict[str, Any]:
        """The document as JSON-ready data (dicts, lists, strings, numbers)."""
        return asdict(self)


#: Where the text summary stops listing strengths and calibration rows (the other formats list every row).
SHORT_LIST = 12


# ----- words shared by every format -----


def percent(value: float) -> str:
    return f"{int(value * 100 + 0.5)}%"


def rating_text(rating: Rating | None, short: bool = False) -> str:
    if rating is None:
        return "unanswered"
    if rating.index is None:
        return "n/a"
    return rating.label if short else rating.name


def raw_rating(result: ScoreResult, value: str | None) -> str:
    """A slot's stored value in the answers table (the one wording, short); empty when the slot holds nothing."""
    return "" if value is None else rules.answer_label(result.levels, value, short=True)


def several_people(result: ScoreResult) -> bool:
    """Whether more than one person rated or wrote notes: only then does the summary say who did what (one person's
    own walk needs no column of their name)."""
    people = {by for dim in result.dimensions for _slot, by in dim.rated_by}
    people |= {note.by for dim in result.dimensions for note in dim.notes if note.by}
    return len(people) > 1


def note_label(note: Note, named: bool) -> str:
    label = {"self": "Self note", "lead": "Lead note", "agreed": "Agreed note"}.get(note.slot, "Note")
    return f"{label} ({note.by})" if named and note.by else label


def notes_cell(notes: tuple[Note, ...], named: bool) -> tuple[str, ...]:
    return tuple(
        f"{note.slot} ({note.by}): {note.text}" if named and note.by else f"{note.slot}: {note.text}" for note in notes
    )


def raters_cell(dim: DimensionScore) -> tuple[str, ...]:
    """Who gave each rating of a dimension ("lead: Kim Lead"), where known."""
    return tuple(f"{slot}: {by}" for slot, by in dim.rated_by)


def _level_title(result: ScoreResult) -> str:
    return "Overall standing" if result.is_mastery else "Suggested level"


def _confidence_line(result: ScoreResult) -> str:
    rated = result.counted
    plural = "s" if result.applicable != 1 else ""
    return f"{percent(result.confidence)} ({rated} of {result.applicable} applicable dimension{plural} rated)"


def _provisional_line(result: ScoreResult) -> str | None:
    if not result.provisional:
        return None
    if result.applicable == 0:
        return "Provisional: no dimension applies to this assessment, so there is nothing to suggest."
    return (
        f"Provisional: only {percent(result.confidence)} of the applicable dimensions are rated "
        f"(under {percent(result.policy.provisional_below)}); answer more for a firmer suggestion."
    )


def target_reached(result: ScoreResult) -> bool:
    target = result.target
    if target is None or target.index is None:
        return False
    suggested = result.suggested.index if result.suggested is not None and result.suggested.index is not None else -1
    return suggested >= target.index


def _focus_title(result: ScoreResult) -> str:
    if result.is_mastery:
        return f"Focus areas: {result.levels[0].name} skills first, foundational ones first"
    if result.goal is not None:
        toward = "target " if result.target is not None and result.goal == result.target else ""
        return f"Focus areas toward {toward}{result.goal.name}"
    return "Focus areas"


def _strengths_title(result: ScoreResult) -> str:
    if result.is_mastery:
        return f"Strengths: {result.levels[-1].name} skills"
    return f"Strengths: above {result.suggested_label}"


def _focus_distance(item: FocusItem, result: ScoreResult) -> str:
    """How far the dimension is from the goal, when the next step does not already say it."""
    goal = result.goal
    if goal is None or goal.index is None or item.next == goal or item.next.index is None:
        return ""
    if item.next.index > goal.index:
        return ""
    return f"{plural(item.gap, 'level')} below {goal.label}"


def _difference_text(difference: int | None) -> str:
    if difference is None:
        return "one side: not applicable"
    who = "lead higher" if difference > 0 else "self higher"
    return f"{difference:+d} ({who})"


def bar_fraction(area: AreaStanding, result: ScoreResult) -> float:
    """The chart value of an area: its median rating's position, "below" = 0, the top level = 1."""
    if area.median is None or area.median.index is None:
        return 0.0
    return (area.median.index + 1) / len(result.levels)


def _range_text(area: AreaStanding) -> str:
    if area.lowest is None or area.highest is None:
        return ""
    if area.lowest == area.highest:
        return area.lowest.label
    return f"{area.lowest.label} – {area.highest.label}"


def _distribution_text(area: AreaStanding) -> str:
    return ", ".join(f"{item.rating.label}: {item.count}" for item in area.distribution if item.count)


def _scoring_line(result: ScoreResult) -> str:
    policy = result.policy
    gap = f"{policy.max_gap} level{'s' if policy.max_gap != 1 else ''}"
    return (
        f"Scoring: a level is reached when the one below is, at least {percent(policy.threshold)} of the "
        f"rated dimensions defined at it are rated at it or above, and none is more than {gap} below it; "
        f"the area chart shows each area's median rating."
    )


# ----- the document -----


def summary_document(result: ScoreResult, since: tuple[str, str] | None = None) -> Document:
    """The whole summary of a scored assessment, in the order every format shows it.

    `since` is (the earlier cycle's date, what moved since), when the person has an earlier cycle."""
    fw = result.framework
    facts: list[tuple[str, str]] = [("Confidence", _confidence_line(result))]
    if since is not None:
        facts.append((f"Since {since[0]}", since[1]))
    if result.target is not None:
        facts.append(("Target level", result.target.name + (" (target reached)" if target_reached(result) else "")))
    step_line = next_step_line(result)
    if step_line is not None:
        facts.append(step_line)
    if result.comment:
        facts.append(("Lead's comment", result.comment))
    signed = result.signoff
    if signed.self_side or signed.lead:
        said = [
            f"{side}: {value[0]} on {value[1]}" if value else f"{side}: not yet"
            for side, value in (("self", signed.self_side), ("lead", signed.lead))
        ]
        facts.append(("Signed off", "; ".join(said)))
    if result.sides:
        below = below_name(result.levels[0].name)
        said = [f"{slot} alone suggests {rating.name if rating else below}" for slot, rating in result.sides]
        facts.append(("Each side", "; ".join(said)))
    headline = Headline(
        title=_level_title(result),
        level=result.suggested_label,
        provisional=result.provisional and result.counted > 0,  # "none yet" needs no "provisional"
        facts=tuple(facts),
        warning=_provisional_line(result),
        explanation=explanation(result),
    )
    sections = [
        section
        for section in (
            _areas(result),
            _next_step(result),
            _focus(result),
            _plan(result),
            _strengths(result),
            _calibration(result),
            _pathways(result),
            _answers(result),
        )
        if section is not None
    ]
    footer = [_scoring_line(result)]
    if fw.source:
        footer.append(f"Source: {fw.source}")
    return Document(
        title=f"Summary: {result.subject}",
        meta=(
            f"{fw.name} ({fw.id}, version {fw.version}) · "
            f"{f'last rated in {result.mode} mode' if result.answered else 'not rated yet'} · "
            f"saved {result.updated[:10]}"
        ),
        headline=headline,
        sections=tuple(sections),
        footer=tuple(footer),
        framework=fw.name,
    )


#: How many dimensions a one-line statement names before it says how many more (its table lists them all).
NAMED_IN_A_LINE = 5


def next_step_line(result: ScoreResult) -> tuple[str, str] | None:
    """("To reach Senior (L3)", "5 more of these 7 at L3, and Tech and Tooling at least L2"), from the scoring rule."""
    step = result.next_step
    if step is None:
        return None
    short = step.level.short or step.level.name
    parts: list[str] = []
    if step.needs:
        if step.needs >= len(step.candidates):
            parts.append(f"{'this one' if step.needs == 1 else f'all {step.needs} of these'} at {short}")
        else:
            these = "this one" if len(step.candidates) == 1 else f"these {len(step.candidates)}"
            parts.append(f"{step.needs} more of {these} at {short}")
    if step.required:
        # Grouped by the level each must reach, a few names each: the table below lists every one of them.
        by_floor: dict[str, list[str]] = {}
        for item in step.required:
            by_floor.setdefault(item.at_least.short or item.at_least.name, []).append(item.dimension.name)
        for floor, names in by_floor.items():
            shown = ", ".join(names[:NAMED_IN_A_LINE])
            if len(names) > NAMED_IN_A_LINE:
                shown += f" and {len(names) - NAMED_IN_A_LINE} more"
            parts.append(f"{shown} at least {floor}")
    if not parts:
        return (f"To reach {step.level.name}", "what it asks at this level is met; the levels below it come first")
    return (f"To reach {step.level.name}", ", and ".join(parts))


def _next_step(result: ScoreResult) -> Section | None:
    """Every dimension that could count toward the next step's level: where it is now, and what the level asks."""
    step = result.next_step
    if step is None or not step.candidates:
        return None
    required = {(item.area.id, item.dimension.id): item for item in step.required}
    columns = (Column("Dimension"), Column("Now", flexible=False), Column(f"At {step.level.short or step.level.name}"))
    rows: list[tuple[Cell, ...]] = []
    for item in step.candidates:
        must = required.get((item.area.id, item.dimension.id))
        name = f"{item.area.name} › {item.dimension.name}"
        if must is not None:
            name += f" (must reach at least {must.at_least.short or must.at_least.name})"
        rows.append(((name,), (rating_text(item.current, short=True),), item.next_descriptor or ("(no descriptor)",)))
    label = next_step_line(result)
    intro = Paragraph(plain(f"{label[1][0].upper()}{label[1][1:]}." if label else "", "strong"))
    title = f"What it takes to reach {step.level.name}"
    return Section("next-step", title, (intro, Table("next-step", columns, tuple(rows))))


def plan_rows(result: ScoreResult) -> list[tuple[str, ...]]:
    """The plan as rows: number, action, dimension, owner, due date, status (carried ones say so)."""
    return [
        (
            str(item.n),
            item.text,
            f"{item.area.name} › {item.dimension.name}" if item.area and item.dimension else "—",
            item.owner,
            item.due or "—",
            item.status + (" (carried)" if item.carried else ""),
        )
        for item in result.plan
    ]


def _plan(result: ScoreResult) -> Section | None:
    if not result.plan:
        return None
    columns = (
        Column("N", align="right", flexible=False),
        Column("Action"),
        Column("Dimension"),
        Column("Owner", flexible=False),
        Column("Due", flexible=False),
        Column("Status", flexible=False),
    )
    rows = tuple(tuple((cell,) for cell in row) for row in plan_rows(result))
    open_count = sum(1 for item in result.plan if item.status == "open")
    intro = Paragraph(plain(f"{plural(open_count, 'action')} open of {len(result.plan)}.", "muted"))
    return Section("plan", "Development plan", (intro, Table("plan", columns, rows)))


def _rated_text(area: AreaStanding) -> str:
    """`4/4 (+1 n/a)`: rated of the area's applicable dimensions, and those marked not applicable."""
    rated = f"{area.counted}/{area.dimensions - area.not_applicable}"
    return f"{rated} (+{area.not_applicable} n/a)" if area.not_applicable else rated


def _areas(result: ScoreResult) -> Section | None:
    if not result.areas:
        return None
    rows: list[tuple[Cell, ...]] = []
    for area in result.areas:
        median = rating_text(area.median, short=True) if area.median else "—"
        rows.append(
            (
                (area.area.name,),
                Bar(bar_fraction(area, result), median),
                (median,),
                (_range_text(area),),
                # Of the area's applicable dimensions, as the confidence line counts them; N/A said apart.
                (_rated_text(area),),
                (_distribution_text(area),),
            )
        )
    table = Table(
        "areas",
        (
            Column("Area"),
            Column("Chart", flexible=False, optional=True),
            Column("Median", flexible=False),
            Column("Range"),
            Column("Rated", align="right", flexible=False),
            Column("Ratings", optional=True),
        ),
        tuple(rows),
    )
    blocks: list[Block | Card] = [table]
    if result.excluded_areas:
        blocks.append(
            BulletList(
                tuple(
                    plain(f"{item.area.name}: not assessed ({item.prompt} no)", "muted")
                    for item in result.excluded_areas
                )
            )
        )
    return Section("areas", "Areas", tuple(blocks))


def _focus(result: ScoreResult) -> Section | None:
    if not result.focus:
        return None
    cards: list[Block | Card] = []
    growth_shown: set[str] = set()
    named = several_people(result)
    for number, item in enumerate(result.focus, start=1):
        blocks: list[Block | Card] = [
            PanelPair(
                Panel(
                    f"Now: {rating_text(item.current)}",
                    item.current_descriptor,
                    "(no descriptor below the first level)",
                ),
                Panel(f"Next: {item.next.name}", item.next_descriptor, "(no descriptor)", highlight=True),
            )
        ]
        blocks += [
            Paragraph((Span(f"{note_label(note, named)}: ", "strong"), Span(note.text, "em")), "note")
            for note in item.notes
        ]
        if item.growth:
            if item.area.id in growth_shown:
                blocks.append(Paragraph(plain(f"Growth opportunities for {item.area.name}: see above.", "muted")))
            else:
                growth_shown.add(item.area.id)
                blocks.append(Paragraph(plain(f"Growth opportunities ({item.area.name}):", "strong")))
                blocks.append(BulletList(tuple(plain(line) for line in item.growth), "growth"))
        distance = _focus_distance(item, result)
        subtitle = (distance[0].upper() + distance[1:] + ".") if distance else ""
        if item.pinned:
            subtitle = f"{subtitle} Chosen by the lead.".strip()
        cards.append(
            Card(
                title=f"{number}. {item.area.name} › {item.dimension.name}",
                subtitle=subtitle,
                blocks=tuple(blocks),
            )
        )
    if result.framework.editorial_levels:
        note = "The level descriptions are ladder-tui's words: the source does not describe its levels."
        cards.insert(0, Paragraph(plain(note, "muted")))
    return Section("focus", _focus_title(result), tuple(cards))


def _strengths(result: ScoreResult) -> Section | None:
    if not result.strengths:
        return None
    columns = [Column("Dimension"), Column("Rating", flexible=False)]
    if not result.is_mastery:
        columns.append(Column("Above", align="right", flexible=False))
    with_notes = any(strength.notes for strength in result.strengths)
    if with_notes:
        columns.append(Column("Notes"))
    rows: list[tuple[Cell, ...]] = []
    named = with_notes and several_people(result)
    for strength in result.strengths:
        row: list[Cell] = [(f"{strength.area.name} › {strength.dimension.name}",), (strength.rating.label,)]
        if not result.is_mastery:
            row.append((f"+{strength.above}",))
        if with_notes:
            row.append(notes_cell(strength.notes, named))
        rows.append(tuple(row))
    return Section("strengths", _strengths_title(result), (Table("strengths", tuple(columns), tuple(rows)),))


def _calibration(result: ScoreResult) -> Section | None:
    if not result.calibration:
        return None
    notes = {(item.area.id, item.dimension.id): item.notes for item in result.dimensions}
    with_notes = any(notes.get((cal.area.id, cal.dimension.id)) for cal in result.calibration)
    named = several_people(result)
    with_agreed = any(cal.agreed for cal in result.calibration)
    rows = tuple(
        (
            (f"{cal.area.name} › {cal.dimension.name}",),
            (cal.self_rating.label,),
            (cal.lead.label,),
            (_difference_text(cal.difference),),
            *([(cal.agreed.label if cal.agreed else "",)] if with_agreed else []),
            *([notes_cell(notes.get((cal.area.id, cal.dimension.id), ()), named)] if with_notes else []),
        )
        for cal in result.calibration
    )
    columns = (
        Column("Dimension"),
        Column("Self", flexible=False),
        Column("Lead", flexible=False),
        Column("Difference", flexible=False),
        *([Column("Agreed", flexible=False)] if with_agreed else []),
        *([Column("Notes")] if with_notes else []),
    )
    return Section("calibration", "Calibration: self and lead differ", (Table("calibration", columns, rows),))


def _pathways(result: ScoreResult) -> Section | None:
    if not result.pathways:
        return None
    blocks: list[Block | Card] = []
    for pathway in result.pathways:
        inner: list[Block | Card] = []
        if pathway.description:
            inner.append(Paragraph(plain(pathway.description)))
        if pathway.items:
            inner.append(BulletList(tuple(plain(item) for item in pathway.items)))
        blocks.append(Card(pathway.name, "", tuple(inner)))
    return Section("pathways", "Pathways", tuple(blocks))


def _answers(result: ScoreResult) -> Section | None:
    if not result.dimensions:
        return None
    with_raters = several_people(result)
    columns = (
        Column("Dimension"),
        Column("Self", flexible=False),
        Column("Lead", flexible=False),
        Column("Agreed", flexible=False),
        Column("Scored", flexible=False),
        *([Column("Rated by")] if with_raters else []),
        Column("Notes"),
    )
    tables: list[Block | Card] = []
    by_area: dict[str, list[tuple[Cell, ...]]] = {}
    names: dict[str, str] = {}
    for dim in result.dimensions:
        names[dim.area.id] = dim.area.name
        by_area.setdefault(dim.area.id, []).append(
            (
                (dim.dimension.name,),
                (raw_rating(result, dim.self_rating),),
                (raw_rating(result, dim.lead),),
                (raw_rating(result, dim.agreed),),
                (rating_text(dim.effective, short=True),),
                *([raters_cell(dim)] if with_raters else []),
                notes_cell(dim.notes, with_raters),
            )
        )
    for area_id, rows in by_area.items():
        tables.append(Table(f"answers-{area_id}", columns, tuple(rows), title=names[area_id]))
    return Section("answers", "Appendix: all answers", tuple(tables), detail=True)


# ----- the explanation: why this level, in words -----

_EPSILON = 1e-9


def explanation(result: ScoreResult) -> tuple[str, ...]:
    """Why the suggested level: the check of that level and of the next (and of the target when further), then
    what was counted. The JSON report carries the same lines."""
    levels = result.levels
    counted = result.answered - result.not_applicable
    if result.total == 0:
        return ("No dimension applies to this assessment, so there is nothing to score.",)
    lines: list[str] = []
    if counted == 0:
        why = "is rated yet" if result.not_applicable == 0 else "has a rating that counts"
        lines.append(f"No dimension {why}, so not even {levels[0].name} can be reached.")
    s_index = result.suggested.index if result.suggested is not None and result.suggested.index is not None else -1
    checks = result.checks
    if s_index >= 0:
        lines.append(_check_line(result, checks[s_index]))
    elif counted:
        # With nothing rated the headline says "None yet": "Below ..." would say the opposite of it.
        lines.append(f"Suggested: {below_name(levels[0].name)} ({levels[0].name} is not reached).")
    if s_index + 1 < len(checks):
        if counted:
            lines.append(_check_line(result, checks[s_index + 1]))
    else:
        lines.append(f"{levels[s_index].name} is the highest level of this framework.")
    target = result.target
    if target is not None and target.index is not None and target.index > s_index + 1 and counted:
        lines.append("Target " + _check_line(result, checks[target.index]))
    unanswered = result.total - result.answered
    line = f"{counted} of {result.applicable} applicable dimension{'s' if result.applicable != 1 else ''} rated"
    if unanswered:
        line += f"; {unanswered} unanswered (not counted)"
    if result.not_applicable:
        line += f"; {result.not_applicable} marked not applicable"
    lines.append(line + ".")
    return tuple(lines)


def _check_line(result: ScoreResult, check: LevelCheck) -> str:
    policy = result.policy
    name, short = check.level.name, check.level.label
    bar = _percent_text(policy.threshold * 100)
    if check.reached:
        line = f"{name}: {check.met} of {check.counted} at {short} or above ({_share(result, check)}, bar {bar})"
    elif check.counted == 0:
        line = f"{name} not reached: no rated dimension is defined at {short}"
    else:
        line = (
            f"{name} not reached: {check.met} of {check.counted} at {short} or above "
            f"({_share(result, check)}, bar {bar}, needs {check.needed})"
        )
        if not check.previous_reached:
            line += f"; the level below {short} is not reached"
        if check.gaps:
            shown = [
                f"{gap.area.name} › {gap.dimension.name} is {plural(gap.levels_below, 'level')} below"
                for gap in check.gaps[:NAMED_IN_A_LINE]
            ]
            if len(check.gaps) > NAMED_IN_A_LINE:
                shown.append(f"{len(check.gaps) - NAMED_IN_A_LINE} more")
            allowed = f"at most {plural(policy.max_gap, 'level')}" if policy.max_gap else "none"
            line += "; " + ", ".join(shown) + f" ({allowed} below allowed)"
    if check.left_out and not result.is_mastery:
        dims = "dimension" if check.left_out == 1 else "dimensions"
        verb = "is" if check.left_out == 1 else "are"
        line += f"; {check.left_out} {dims} not defined at {short} {verb} left out"
    return line


def _share(result: ScoreResult, check: LevelCheck) -> str:
    share = check.met / check.counted * 100
    text = _percent_text(share, whole=True)
    # Never print "80%, bar 80%" for a share of 79.6% that misses the bar: show a decimal then.
    shown_meets = _round_half_up(share) >= result.policy.threshold * 100 - _EPSILON
    if shown_meets != (check.met >= check.needed):
        text = f"{share:.1f}%"
    return text


def _round_half_up(value: float) -> int:
    return math.floor(value + 0.5)


def _percent_text(value: float, whole: bool = False) -> str:
    if whole or abs(value - round(value)) < _EPSILON:
        return f"{_round_half_up(value)}%"
    return f"{value:.1f}%"
