"""Exporting a summary: the report `ladder-tui summary` prints, written to a file (never over one of ladder-tui's
own files) or to standard output. The command line and the app's Export dialog both come through here."""

from __future__ import annotations

from pathlib import Path

from ladder_tui.core.domain.assessment import Assessment
from ladder_tui.core.domain.framework import Framework

#: What the summary is written as, and the file name ending each takes.
FORMATS = {"markdown": ".md", "html": ".html", "json": ".json", "text": ".txt"}


def summary_report(
    framework: Framework,
    assessment: Assessment,
    fmt: str,
    *,
    since: tuple[str, str] | None = None,
    color: bool = False,
    width: int = 100,
) -> str:
    """The summary as `fmt` (Markdown, HTML, JSON or terminal text)."""
    from ladder_tui.core.domain.scoring import score
    from ladder_tui.core.presentation.report import render

    return render(score(framework, assessment), fmt, color=color, width=width, since=since)


def write_report(text: str, destination: str | Path, *, make_folder: bool = False, streams: bool = True) -> str:
    """Write a report to `destination` (`-`: standard output) and return where it went; LadderError when refused.
    `make_folder`: the folder is ladder-tui's own (a shared room's exports) and may be made. Without `streams`
    (inside the app, whose screen the terminal is) standard output and devices are refused."""
    from ladder_tui.core.storage.files import write_output
    from ladder_tui.core.storage.loader import refuse_ladder_file

    return write_output(str(destination), text, guard=refuse_ladder_file, make_folder=make_folder, streams=streams)


def export_summary(
    framework: Framework,
    assessment: Assessment,
    fmt: str,
    destination: str | Path,
    *,
    since: tuple[str, str] | None = None,
    color: bool = False,
    width: int = 100,
    make_folder: bool = False,
    streams: bool = True,
) -> str:
    """The summary as `fmt`, written to `destination`; where it went."""
    text = summary_report(framework, assessment, fmt, since=since, color=color, width=width)
    return write_report(text, destination, make_folder=make_folder, streams=streams)


def assessment_summary(path: Path, fmt: str, *, color: bool = False, width: int = 100) -> tuple[str, Path, list[str]]:
    """The summary of the assessment at `path` as `fmt`, with what changed since the person's earlier cycle, the
    real file it came from, and the framework's warnings about it (`ladder-tui summary` and a room's `summary`)."""
    from ladder_tui.core.domain.cycles import since_note
    from ladder_tui.core.storage.assessments import open_assessment
    from ladder_tui.core.storage.catalog import FrameworkCatalog

    catalog = FrameworkCatalog()
    opened = open_assessment(path, catalog)
    earlier = since_note(opened.assessment, opened.framework, opened.path.parent, catalog)
    text = summary_report(opened.framework, opened.assessment, fmt, since=earlier, color=color, width=width)
    return text, opened.path, list(opened.warnings)
