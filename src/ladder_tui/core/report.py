"""The summary of a scored assessment as terminal text (Rich), Markdown, JSON, or a self-contained HTML page.

Every format renders the same `ScoreResult`; none computes anything the scoring did not. Text from files
(names, notes, framework text) is untrusted: terminal escape sequences and C0/C1 control characters are
stripped from text and Markdown (and HTML), Markdown syntax is escaped, HTML is escaped with `html.escape`,
and JSON escapes C1 characters. Rich is imported only by the text renderer, so `summary --format json`
stays fast.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from ladder_tui.core.scoring import AreaStanding, FocusItem, Note, Rating, ScoreResult
from ladder_tui.core.text import clean

FORMATS: tuple[str, ...] = ("text", "markdown", "json", "html")
#: The terminal summary lists at most this many strengths and calibration rows; the other formats list all.
TEXT_ROWS = 12

_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u2028\u2029]")


def render(result: ScoreResult, fmt: str, *, color: bool = False, width: int = 100) -> str:
    """The summary in `fmt` (text, markdown, json or html). `color` and `width` apply to text only."""
    renderers: dict[str, Callable[[ScoreResult], str]] = {
        "text": lambda res: render_text(res, color=color, width=width),
        "markdown": render_markdown,
        "md": render_markdown,
        "json": render_json,
        "html": render_html,
    }
    try:
        renderer = renderers[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})") from None
    return renderer(result)


# ----- words shared by every format -----


def _level_title(result: ScoreResult) -> str:
    return "Overall standing" if result.is_mastery else "Suggested level"


def _percent(value: float) -> str:
    return f"{int(value * 100 + 0.5)}%"


def _confidence_line(result: ScoreResult) -> str:
    return (
        f"{_percent(result.confidence)} ({result.answered} of {result.applicable} applicable "
        f"dimension{'s' if result.applicable != 1 else ''} answered)"
    )


def _provisional_line(result: ScoreResult) -> str | None:
    if not result.provisional:
        return None
    if result.applicable == 0:
        return "Provisional: no dimension applies to this assessment, so there is nothing to suggest."
    return (
        f"Provisional: only {_percent(result.confidence)} of the applicable dimensions are answered "
        f"(under {_percent(result.policy.provisional_below)}); answer more for a firmer suggestion."
    )


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


def _rating_text(rating: Rating | None, short: bool = False) -> str:
    if rating is None:
        return "unanswered"
    if rating.index is None:
        return "n/a"
    return rating.label if short else rating.name


def _raw_rating(result: ScoreResult, value: str | None) -> str:
    """A slot's stored value for display: level names for level ids, the raw value when unknown."""
    if value is None:
        return ""
    for level in result.levels:
        if level.id == value:
            return level.label
    return {"below": _below_label(result), "na": "n/a", "skip": "skipped"}.get(value, f"{value}?")


def _below_label(result: ScoreResult) -> str:
    first = result.levels[0]
    return f"below {first.label}"


def _focus_distance(item: FocusItem, result: ScoreResult) -> str:
    """How far the dimension is from the goal, when the next step does not already say it."""
    goal = result.goal
    if goal is None or goal.index is None or item.next == goal or item.next.index is None:
        return ""
    if item.next.index > goal.index:
        return ""
    return f"{item.gap} levels below {goal.label}"


def _difference_text(difference: int) -> str:
    who = "lead higher" if difference > 0 else "self higher"
    return f"{difference:+d} ({who})"


def _bar_fraction(area: AreaStanding, result: ScoreResult) -> float:
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
        f"Scoring: a level is reached when the one below is, at least {_percent(policy.threshold)} of the "
        f"rated dimensions defined at it are rated at it or above, and none is more than {gap} below it; "
        f"the area chart shows each area's median rating."
    )


def _note_label(note: Note) -> str:
    return {"self": "Self note", "lead": "Lead note", "agreed": "Agreed note"}.get(note.slot, "Note")


# ----- text (Rich) -----


def render_text(result: ScoreResult, *, color: bool = False, width: int = 100) -> str:
    """The summary for a terminal; without `color`, plain text with no escape sequences at all."""
    from ladder_tui.core import termtext as tt

    width = max(40, width)
    out: list[tt.Line] = []

    def para(*runs: tt.Run, indent: int = 0) -> None:
        lead: tt.Line = [(" " * indent, "")] if indent else []
        out.extend(lead + line for line in tt.wrap([(clean(text), style) for text, style in runs], width - indent))

    def blank() -> None:
        out.append([])

    def section(title: str) -> None:
        blank()
        out.append(tt.rule(clean(title), width))

    def listed(items: Iterable[str], style: str = "", indent: int = 0) -> None:
        out.extend(tt.bullets((clean(item) for item in items), width, style, indent))

    fw = result.framework
    para((f"Summary: {result.subject}", "bold"))
    para((f"{fw.name} ({fw.id}, version {fw.version}) · mode {result.mode} · saved {result.updated[:10]}", "dim"))
    blank()
    headline: list[tt.Run] = [(f"{_level_title(result)}: ", "bold"), (result.suggested_label, "bold cyan")]
    if result.provisional:
        headline.append(("  (provisional)", "bold yellow"))
    para(*headline)
    para(("Confidence: ", "bold"), (_confidence_line(result), ""))
    if result.target is not None:
        para(("Target level: ", "bold"), (result.target.name, ""))
    warning = _provisional_line(result)
    if warning:
        para((f"! {warning}", "yellow"))
    blank()
    listed(result.explanation)

    if result.areas:
        section("Areas")
        bar_cells = max(6, min(20, width // 6))
        rows: list[list[tt.Cell]] = []
        for area in result.areas:
            filled = round(_bar_fraction(area, result) * bar_cells)
            median = _rating_text(area.median, short=True) if area.median else "—"
            rows.append(
                [
                    [(clean(area.area.name), "")],
                    [("█" * filled, "cyan"), ("░" * (bar_cells - filled), "dim")],
                    [(clean(median), "")],
                    [(clean(_range_text(area)), "")],
                    [(f"{area.counted}/{area.dimensions}", "")],
                ]
            )
        columns = [
            tt.Column("Area", flexible=True),
            tt.Column("Median"),
            tt.Column("", flexible=True),
            tt.Column("Range", flexible=True),
            tt.Column("Rated", right=True),
        ]
        out.extend(tt.table(columns, rows, width))
        if result.excluded_areas:
            listed((f"{item.area.name}: not assessed ({item.prompt} no)" for item in result.excluded_areas), "dim")

    def more(total: int) -> None:
        if total > TEXT_ROWS:
            para((f"… and {total - TEXT_ROWS} more (all of them: --format markdown, html or json)", "dim"))

    if result.focus:
        section(_focus_title(result))
        growth_shown: set[str] = set()
        for number, item in enumerate(result.focus, start=1):
            if number > 1:
                blank()
            distance = _focus_distance(item, result)
            para(
                (f"{number}. ", "bold"),
                (f"{item.area.name} > {item.dimension.name}", "bold"),
                (f" ({distance})" if distance else "", "dim"),
            )

            def statements(lines: tuple[str, ...], empty: str) -> Callable[[int], list[tt.Line]]:
                if not lines:
                    return lambda cells: tt.wrap([(empty, "dim")], cells)
                return lambda cells: tt.bullets((clean(line) for line in lines), cells)

            out.extend(
                tt.box(
                    [
                        [(clean(f"Now: {_rating_text(item.current)}"), "bold")],
                        [(clean(f"Next: {item.next.name}"), "bold")],
                    ],
                    [
                        statements(item.current_descriptor, "(no descriptor below the first level)"),
                        statements(item.next_descriptor, "(no descriptor)"),
                    ],
                    width,
                )
            )
            for note in item.notes:
                para((f"{_note_label(note)}: {note.text}", "italic"))
            if item.growth:
                if item.area.id in growth_shown:
                    para((f"Growth opportunities for {item.area.name}: see above.", "dim"))
                else:
                    growth_shown.add(item.area.id)
                    para((f"Growth opportunities ({item.area.name}):", "bold"))
                    listed(item.growth, indent=2)

    if result.strengths:
        section(_strengths_title(result))
        columns = [tt.Column("Dimension", flexible=True), tt.Column("Rating", flexible=True)]
        if not result.is_mastery:
            columns.append(tt.Column("Above", right=True))
        rows = []
        for strength in result.strengths[:TEXT_ROWS]:
            row: list[tt.Cell] = [
                [(clean(f"{strength.area.name} > {strength.dimension.name}"), "")],
                [(clean(strength.rating.name), "")],
            ]
            if not result.is_mastery:
                row.append([(f"+{strength.above}", "")])
            rows.append(row)
        out.extend(tt.table(columns, rows, width))
        more(len(result.strengths))

    if result.calibration:
        section("Calibration: self and lead differ")
        columns = [
            tt.Column("Dimension", flexible=True),
            tt.Column("Self", flexible=True),
            tt.Column("Lead", flexible=True),
            tt.Column("Difference"),
            tt.Column("Agreed", flexible=True),
        ]
        rows = [
            [
                [(clean(f"{cal.area.name} > {cal.dimension.name}"), "")],
                [(clean(cal.self_rating.label), "")],
                [(clean(cal.lead.label), "")],
                [(_difference_text(cal.difference), "")],
                [(clean(cal.agreed.label if cal.agreed else ""), "")],
            ]
            for cal in result.calibration[:TEXT_ROWS]
        ]
        out.extend(tt.table(columns, rows, width))
        more(len(result.calibration))

    if result.pathways:
        section("Pathways")
        for number, pathway in enumerate(result.pathways):
            if number:
                blank()
            para((pathway.name, "bold"))
            if pathway.description:
                para((pathway.description, ""))
            if pathway.items:
                listed(pathway.items, indent=2)

    blank()
    para((_scoring_line(result), "dim"))
    if fw.source:
        para((f"Source: {fw.source}", "dim"))
    return "\n".join(tt.render_line(line, color) for line in out) + "\n"


# ----- Markdown -----

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")
_MD_ENTITY = re.compile(r"&(?=#?\w+;)")


def md(text: str, *, starts_line: bool = False) -> str:
    """Inline Markdown for untrusted text: controls stripped, syntax characters escaped, one line."""
    text = " ".join(clean(text).split())
    text = _MD_ENTITY.sub("&amp;", text)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    if starts_line:
        # A leading list marker would still start a list when the text begins a line.
        text = re.sub(r"^([-+=])", r"\\\1", text)
        text = re.sub(r"^(\d+)([.)])", r"\1\\\2", text)
    return text


def _md_cell_lines(lines: Iterable[str]) -> str:
    return "<br>".join(f"• {md(line)}" for line in lines)


def _md_table(header: list[str], rows: list[list[str]], align: list[str] | None = None) -> list[str]:
    align = align or ["---"] * len(header)
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(align) + "|"]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return lines


def render_markdown(result: ScoreResult) -> str:
    """A document a lead can paste into a review (GitHub-flavoured Markdown tables)."""
    fw = result.framework
    lines: list[str] = [f"# Summary: {md(result.subject)}", ""]
    lines.append(
        f"**Framework:** {md(fw.name)} ({md(fw.id)}, version {md(fw.version)})  \n"
        f"**Mode:** {result.mode} · **Last saved:** {result.updated[:10]}"
    )
    lines += ["", f"## {_level_title(result)}: {md(result.suggested_label)}", ""]
    warning = _provisional_line(result)
    if warning:
        lines += [f"> **{md(warning)}**", ""]
    lines.append(f"**Confidence:** {md(_confidence_line(result))}")
    if result.target is not None:
        lines[-1] += "  "
        lines.append(f"**Target level:** {md(result.target.name)}")
    lines.append("")
    lines += [f"- {md(line)}" for line in result.explanation]

    if result.areas:
        lines += ["", "## Areas", ""]
        rows = []
        for area in result.areas:
            filled = round(_bar_fraction(area, result) * 10)
            median = _rating_text(area.median, short=True) if area.median else "—"
            rows.append(
                [
                    md(area.area.name),
                    f"`{'█' * filled}{'░' * (10 - filled)}`",
                    md(median),
                    md(_range_text(area)),
                    f"{area.counted}/{area.dimensions}",
                    md(_distribution_text(area)),
                ]
            )
        lines += _md_table(
            ["Area", "Chart", "Median", "Range", "Rated", "Ratings"],
            rows,
            ["---", "---", "---", "---", "--:", "---"],
        )
        if result.excluded_areas:
            lines.append("")
            lines += [f"- {md(item.area.name)}: not assessed ({md(item.prompt)} no)" for item in result.excluded_areas]

    if result.focus:
        lines += ["", f"## {md(_focus_title(result))}"]
        growth_shown: set[str] = set()
        for number, item in enumerate(result.focus, start=1):
            lines += [
                "",
                f"### {number}. {md(item.area.name)} › {md(item.dimension.name)}",
                "",
            ]
            distance = _focus_distance(item, result)
            if distance:
                lines += [md(distance[0].upper() + distance[1:]) + ".", ""]
            now = _md_cell_lines(item.current_descriptor) or "*(no descriptor below the first level)*"
            nxt = _md_cell_lines(item.next_descriptor) or "*(no descriptor)*"
            lines += _md_table([f"Now: {md(_rating_text(item.current))}", f"Next: {md(item.next.name)}"], [[now, nxt]])
            for note in item.notes:
                lines += ["", f"*{_note_label(note)}:* {md(note.text)}"]
            if item.growth:
                lines.append("")
                if item.area.id in growth_shown:
                    lines.append(f"Growth opportunities for {md(item.area.name)}: see above.")
                else:
                    growth_shown.add(item.area.id)
                    lines += [f"**Growth opportunities ({md(item.area.name)}):**", ""]
                    lines += [f"- {md(line)}" for line in item.growth]

    if result.strengths:
        lines += ["", f"## {md(_strengths_title(result))}", ""]
        header = ["Dimension", "Rating"] + ([] if result.is_mastery else ["Above"])
        rows = []
        for strength in result.strengths:
            row = [f"{md(strength.area.name)} › {md(strength.dimension.name)}", md(strength.rating.name)]
            if not result.is_mastery:
                row.append(f"+{strength.above}")
            rows.append(row)
        lines += _md_table(header, rows)

    if result.calibration:
        lines += ["", "## Calibration: self and lead differ", ""]
        lines += _md_table(
            ["Dimension", "Self", "Lead", "Difference", "Agreed"],
            [
                [
                    f"{md(cal.area.name)} › {md(cal.dimension.name)}",
                    md(cal.self_rating.label),
                    md(cal.lead.label),
                    _difference_text(cal.difference),
                    md(cal.agreed.label) if cal.agreed else "",
                ]
                for cal in result.calibration
            ],
        )

    if result.pathways:
        lines += ["", "## Pathways"]
        for pathway in result.pathways:
            lines += ["", f"### {md(pathway.name)}"]
            if pathway.description:
                lines += ["", md(pathway.description, starts_line=True)]
            if pathway.items:
                lines.append("")
                lines += [f"- {md(line)}" for line in pathway.items]

    if result.dimensions:
        lines += ["", "## Appendix: all answers", ""]
        rows = []
        for dim in result.dimensions:
            notes = "<br>".join(f"*{note.slot}:* {md(note.text)}" for note in dim.notes)
            rows.append(
                [
                    md(dim.area.name),
                    md(dim.dimension.name),
                    md(_raw_rating(result, dim.self_rating)),
                    md(_raw_rating(result, dim.lead)),
                    md(_raw_rating(result, dim.agreed)),
                    md(_rating_text(dim.effective, short=True)),
                    notes,
                ]
            )
        lines += _md_table(["Area", "Dimension", "Self", "Lead", "Agreed", "Scored", "Notes"], rows)

    lines += ["", "---", "", f"*{md(_scoring_line(result))}*"]
    if fw.source:
        lines += ["", f"*Source: {md(fw.source)}*"]
    return "\n".join(lines) + "\n"


# ----- JSON -----


def render_json(result: ScoreResult) -> str:
    """`to_dict()` as indented JSON; C1 controls are escaped so the output is safe to print to a terminal."""
    import json

    text = json.dumps(result.to_dict(), indent=2, ensure_ascii=False)
    # Outside strings JSON has only ASCII, so these characters are inside strings where \\uXXXX is valid.
    return _JSON_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text) + "\n"


# ----- HTML -----


def h(text: str) -> str:
    """Untrusted text for HTML: controls stripped and every special character escaped."""
    from html import escape  # deferred, like json: the text summary needs neither

    return escape(clean(text), quote=True)


def _h_lines(text: str) -> str:
    return "<br>".join(h(line) for line in clean(text).split("\n"))


def _h_list(items: Iterable[str], css: str = "") -> str:
    attr = f' class="{css}"' if css else ""
    return f"<ul{attr}>" + "".join(f"<li>{h(item)}</li>" for item in items) + "</ul>"


_CSS = """
:root { --fg: #1b1f24; --muted: #59636e; --line: #d5dae0; --accent: #1f6feb; --soft: #eef3fb;
  --warn-bg: #fff4d6; --warn-fg: #6b4a00; --bar-bg: #e6e9ed; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6e8eb; --muted: #9aa4ae; --line: #3a4048; --accent: #58a6ff; --soft: #1c2430;
    --warn-bg: #3a2f12; --warn-fg: #f2d27a; --bar-bg: #2b3138; }
  body { background: #0f1216; }
}
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--fg); max-width: 60rem; margin: 2rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 1.75rem 0 .5rem; padding-bottom: .25rem;
  border-bottom: 1px solid var(--line); }
h3 { font-size: 1rem; margin: 1.25rem 0 .35rem; }
.meta, .muted, footer { color: var(--muted); }
.level { font-size: 1.35rem; font-weight: 700; color: var(--accent); }
.tag { display: inline-block; font-size: .8rem; font-weight: 700; padding: 0 .45rem; border-radius: .3rem;
  background: var(--warn-bg); color: var(--warn-fg); border: 1px solid currentColor; vertical-align: middle; }
.warning { background: var(--warn-bg); color: var(--warn-fg); padding: .5rem .75rem; border-radius: .35rem;
  border-left: 4px solid currentColor; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem; border-bottom: 1px solid var(--line); }
th { font-size: .85rem; color: var(--muted); font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; }
.bar { position: relative; height: .9rem; min-width: 8rem; background: var(--bar-bg); border-radius: .2rem;
  overflow: hidden; }
.bar > span { display: block; height: 100%; background: var(--accent); }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: .75rem; margin: .5rem 0; }
.pair > div { border: 1px solid var(--line); border-radius: .35rem; padding: .5rem .75rem; }
.pair > div.next { background: var(--soft); }
.pair h4 { margin: 0 0 .25rem; font-size: .85rem; color: var(--muted); }
.pair ul, .growth { margin: .25rem 0; padding-left: 1.2rem; }
.note { font-style: italic; margin: .25rem 0; }
.explanation li { margin: .1rem 0; }
section { margin-bottom: 1rem; }
/* Print: the paper size comes from the print dialog; margins and widths fit both A4 and US Letter. */
@page { size: auto; margin: 12mm 13mm 13mm; }
@media print {
  :root { --fg: #000; --muted: #444; --line: #bbb; --accent: #1f4fa0; --soft: #f1f4f9; --bar-bg: #e3e3e3; }
  body { font-size: 9pt; line-height: 1.35; max-width: none; margin: 0; padding: 0; background: #fff; }
  /* Keep a level pair and a table row whole, but let a focus item flow on: whole items left half pages blank. */
  tr, .pair, .explanation li { page-break-inside: avoid; break-inside: avoid; }
  h2, h3 { page-break-after: avoid; break-after: avoid; }
  /* Paper is for the 1:1: the summary itself fits on two pages; every answer follows as an appendix. */
  #pathways ul { display: none; }
  #pathways h3 { display: inline; font-size: 1em; margin: 0; }
  #pathways h3::after { content: ": "; }
  #pathways p { display: inline; margin: 0; }
  #pathways p::after { content: ""; display: block; margin-bottom: .15em; }
  #areas td:nth-child(4) { white-space: nowrap; }
  #strengths table, #calibration table { font-size: 8.5pt; line-height: 1.25; }
  #calibration td { white-space: nowrap; }
  #calibration td:first-child { white-space: normal; }
  /* Strengths are short rows: two columns of them on paper (the header goes; each row says it all). */
  #strengths thead { display: none; }
  #strengths tbody { display: block; columns: 2; column-gap: 1.5em; }
  #strengths tr { display: flex; gap: .6em; border-bottom: 1px solid var(--line); }
  #strengths td { border: 0; padding: 1px 0; }
  #strengths td:first-child { flex: 1; }
  h1 { font-size: 15pt; }
  h2 { font-size: 11.5pt; }
  h3 { font-size: 10pt; }
  ul.growth { columns: 2; column-gap: 1.5em; margin: .1em 0; }
  .pair { margin: .25em 0; gap: .5em; }
  .pair > div { padding: .25em .5em; }
  td, th { padding-top: 1px; padding-bottom: 1px; }
  h2 { margin-top: 0.7em; }
  h3 { margin-top: 0.6em; }
  .bar { height: .7rem; min-width: 5rem; }
  section { margin-bottom: .4em; }
  footer { font-size: 7.5pt; }
  footer p { margin: .15em 0; }
  #answers { break-before: page; page-break-before: always; }
  #answers table { font-size: 8pt; }
  #answers td:last-child { width: 38%; }
  .bar, .bar > span, .pair > div.next, .warning, .tag {
    -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
@media (max-width: 40rem) { .pair { grid-template-columns: 1fr; } }
"""


def render_html(result: ScoreResult) -> str:
    """One self-contained page: inline CSS, nothing to fetch (no scripts, fonts, images); prints on paper."""
    fw = result.framework
    parts: list[str] = []
    add = parts.append
    add("<!DOCTYPE html>")
    add('<html lang="en"><head><meta charset="utf-8">')
    add('<meta name="viewport" content="width=device-width, initial-scale=1">')
    add(f"<title>Summary: {h(result.subject)} · {h(fw.name)}</title>")
    add(f"<style>{_CSS}</style></head><body>")

    add("<header><h1>Summary: " + h(result.subject) + "</h1>")
    add(
        f'<p class="meta">{h(fw.name)} ({h(fw.id)}, version {h(fw.version)}) · mode {h(result.mode)}'
        f" · last saved {h(result.updated[:10])}</p></header>"
    )

    add('<section id="level">')
    tag = ' <span class="tag">provisional</span>' if result.provisional else ""
    add(f'<p>{h(_level_title(result))}: <span class="level">{h(result.suggested_label)}</span>{tag}</p>')
    warning = _provisional_line(result)
    if warning:
        add(f'<p class="warning" role="note">{h(warning)}</p>')
    add(f"<p><strong>Confidence:</strong> {h(_confidence_line(result))}")
    if result.target is not None:
        add(f"<br><strong>Target level:</strong> {h(result.target.name)}")
    add("</p>")
    add(_h_list(result.explanation, "explanation"))
    add("</section>")

    if result.areas:
        add('<section id="areas"><h2>Areas</h2><table><thead><tr><th>Area</th><th>Median rating</th>')
        add('<th></th><th>Range</th><th class="num">Rated</th><th>Ratings</th></tr></thead><tbody>')
        for area in result.areas:
            percent = round(_bar_fraction(area, result) * 100)
            median = _rating_text(area.median) if area.median else "—"
            add(
                f"<tr><td>{h(area.area.name)}</td>"
                f'<td><div class="bar" role="img" aria-label="{h(median)}">'
                f'<span style="width:{percent}%"></span></div></td>'
                f"<td>{h(median)}</td><td>{h(_range_text(area))}</td>"
                f'<td class="num">{area.counted}/{area.dimensions}</td>'
                f"<td>{h(_distribution_text(area))}</td></tr>"
            )
        add("</tbody></table>")
        for excluded in result.excluded_areas:
            add(f'<p class="muted">{h(excluded.area.name)}: not assessed ({h(excluded.prompt)} no)</p>')
        add("</section>")

    if result.focus:
        add(f'<section id="focus"><h2>{h(_focus_title(result))}</h2>')
        growth_shown: set[str] = set()
        for number, item in enumerate(result.focus, start=1):
            add('<div class="focus-item">')
            add(f"<h3>{number}. {h(item.area.name)} › {h(item.dimension.name)}</h3>")
            distance = _focus_distance(item, result)
            if distance:
                add(f'<p class="muted">{h(distance[0].upper() + distance[1:])}.</p>')
            now = (
                _h_list(item.current_descriptor)
                if item.current_descriptor
                else '<p class="muted">(no descriptor below the first level)</p>'
            )
            nxt = _h_list(item.next_descriptor) if item.next_descriptor else '<p class="muted">(no descriptor)</p>'
            add(
                f'<div class="pair"><div class="now"><h4>Now: {h(_rating_text(item.current))}</h4>{now}</div>'
                f'<div class="next"><h4>Next: {h(item.next.name)}</h4>{nxt}</div></div>'
            )
            for note in item.notes:
                add(f'<p class="note"><strong>{h(_note_label(note))}:</strong> {_h_lines(note.text)}</p>')
            if item.growth:
                if item.area.id in growth_shown:
                    add(f'<p class="muted">Growth opportunities for {h(item.area.name)}: see above.</p>')
                else:
                    growth_shown.add(item.area.id)
                    add(f"<p><strong>Growth opportunities ({h(item.area.name)}):</strong></p>")
                    add(_h_list(item.growth, "growth"))
            add("</div>")
        add("</section>")

    if result.strengths:
        add(f'<section id="strengths"><h2>{h(_strengths_title(result))}</h2><table><thead><tr>')
        add("<th>Dimension</th><th>Rating</th>")
        if not result.is_mastery:
            add('<th class="num">Above</th>')
        add("</tr></thead><tbody>")
        for strength in result.strengths:
            above = "" if result.is_mastery else f'<td class="num">+{strength.above}</td>'
            add(
                f"<tr><td>{h(strength.area.name)} › {h(strength.dimension.name)}</td>"
                f"<td>{h(strength.rating.name)}</td>{above}</tr>"
            )
        add("</tbody></table></section>")

    if result.calibration:
        add('<section id="calibration"><h2>Calibration: self and lead differ</h2><table><thead><tr>')
        add("<th>Dimension</th><th>Self</th><th>Lead</th><th>Difference</th><th>Agreed</th></tr></thead><tbody>")
        for cal in result.calibration:
            add(
                f"<tr><td>{h(cal.area.name)} › {h(cal.dimension.name)}</td><td>{h(cal.self_rating.name)}</td>"
                f"<td>{h(cal.lead.name)}</td><td>{h(_difference_text(cal.difference))}</td>"
                f"<td>{h(cal.agreed.name) if cal.agreed else ''}</td></tr>"
            )
        add("</tbody></table></section>")

    if result.pathways:
        add('<section id="pathways"><h2>Pathways</h2>')
        for pathway in result.pathways:
            add(f"<h3>{h(pathway.name)}</h3>")
            if pathway.description:
                add(f"<p>{_h_lines(pathway.description)}</p>")
            if pathway.items:
                add(_h_list(pathway.items))
        add("</section>")

    if result.dimensions:
        add('<section id="answers"><h2>Appendix: all answers</h2><table><thead><tr><th>Area</th><th>Dimension</th>')
        add("<th>Self</th><th>Lead</th><th>Agreed</th><th>Scored</th><th>Notes</th></tr></thead><tbody>")
        for dim in result.dimensions:
            notes = "<br>".join(f"<em>{h(note.slot)}:</em> {_h_lines(note.text)}" for note in dim.notes)
            add(
                f"<tr><td>{h(dim.area.name)}</td><td>{h(dim.dimension.name)}</td>"
                f"<td>{h(_raw_rating(result, dim.self_rating))}</td>"
                f"<td>{h(_raw_rating(result, dim.lead))}</td>"
                f"<td>{h(_raw_rating(result, dim.agreed))}</td>"
                f"<td>{h(_rating_text(dim.effective, short=True))}</td><td>{notes}</td></tr>"
            )
        add("</tbody></table></section>")

    add(f"<footer><p>{h(_scoring_line(result))}</p>")
    if fw.source:
        add(f"<p>Source: {h(fw.source)}</p>")
    add("</footer></body></html>")
    return "\n".join(parts) + "\n"
