"""A framework as a readable plain-text outline, for `ladder-tui frameworks show`."""

from __future__ import annotations

import textwrap
from pathlib import Path

from ladder_tui.core.domain.framework import Framework
from ladder_tui.core.presentation.text import plural


def framework_outline(framework: Framework, path: Path | None = None, width: int = 100) -> str:
    lines: list[str] = [f"{framework.name}  ({framework.id}, version {framework.version})"]
    if path is not None:
        lines.append(f"file: {path}")
    if framework.source is not None:
        lines.append(f"source: {framework.source.title} - {framework.source.credit}")
    if framework.description:
        lines += ["", *textwrap.wrap(framework.description, width)]
    kind = "Mastery scale" if framework.scale == "mastery" else "Levels"
    lines += ["", f"{kind}:"]
    for number, level in enumerate(framework.levels, start=1):
        lines.append(f"  {number}. {level.name} [{level.id}]")
        if level.description:
            lines += textwrap.wrap(level.description, width, initial_indent="     ", subsequent_indent="     ")
    for question in framework.questions:
        lines += ["", f"Question [{question.id}]: {question.prompt}"]
    lines += ["", f"Areas ({len(framework.areas)}, {plural(framework.dimension_count, 'dimension')}):"]
    for area in framework.areas:
        optional = f"  (only if {area.applies_if})" if area.applies_if else ""
        lines.append(f"  {area.name} [{area.id}]{optional}")
        for dim in area.dimensions:
            defined = [level.short or level.name for level in framework.levels if level.id in dim.levels]
            if framework.scale == "mastery" and not dim.levels:
                coverage = "shared level descriptions"
            elif len(defined) == len(framework.levels):
                coverage = "all levels"
            else:
                coverage = "defined at: " + ", ".join(defined)
            lines.append(f"    - {dim.name} [{dim.id}]  ({coverage})")
            statements = dim.levels.get(framework.levels[0].id, ())
            if statements and len(statements[0]) < width:
                lines.append(f"        e.g. {framework.levels[0].name}: {statements[0]}")
        if area.growth:
            lines.append(f"      {len(area.growth)} growth opportunities")
    if framework.pathways:
        lines += ["", "Pathways:"]
        lines += [f"  - {pathway.name}" for pathway in framework.pathways]
    return "\n".join(lines)
