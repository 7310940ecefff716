"""The saved assessments as rows (Home and `ladder-tui list`), read through the one loader and counted by the rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ladder_tui.core.domain import rules
from ladder_tui.core.domain.assessment import Assessment, Slot, by_time
from ladder_tui.core.domain.framework import Framework
from ladder_tui.core.domain.people import may_open
from ladder_tui.core.errors import LadderError
from ladder_tui.core.storage.catalog import FrameworkCatalog
from ladder_tui.core.storage.files import regular_files
from ladder_tui.core.storage.loader import load_assessment
from ladder_tui.core.storage.paths import archive_dir, assessments_dir


@dataclass(frozen=True)
class ListedAssessment:
    """One row of `ladder-tui list` and of the Home screen's resume list."""

    id: str
    path: Path
    subject: str
    framework: str
    mode: str
    updated: datetime
    created: datetime
    #: None when the framework is not installed (the row still lists, with "?" for its progress).
    counts: rules.Counts | None
    assessment: Assessment
    #: The framework's name ("" when it is not installed), and how many dimensions each slot has answered.
    framework_name: str = ""
    slots: dict[Slot, int] | None = None

    @property
    def progress(self) -> str:
        return self.counts.progress if self.counts is not None else "?"


@dataclass(frozen=True)
class Listing:
    """The rows, newest first, and one line for every file that could not be listed."""

    rows: list[ListedAssessment]
    problems: list[str]


def list_assessments(
    catalog: FrameworkCatalog, folder: Path | None = None, *, names: str = "", subjects: frozenset[str] | None = None
) -> Listing:
    """Every assessment in the folder (the data folder's by default); a bad file is reported and the others listed.

    `names` keeps only the files whose name starts with it (one person's cycles: `<subject>-<framework>...`).
    `subjects` (person keys) keeps only those people's assessments, and says nothing of files it cannot read (a
    served room shows a person only what they may open)."""
    folder = folder or assessments_dir()
    paths, skipped = regular_files(folder, ".toml")
    if names:
        paths = [path for path in paths if path.name.startswith(names)]
        skipped = [(path, why) for path, why in skipped if path.name.startswith(names)]
    problems = [f"{path}: {why}" for path, why in skipped] if subjects is None else []
    rows: list[ListedAssessment] = []
    by_path: dict[str, Framework | None] = {}
    for path in paths:
        try:
            assessment = load_assessment(path)
        except LadderError as exc:
            if subjects is None:
                problems.append(str(exc))
            continue
        if not may_open(subjects, assessment.subject):
            continue
        ref = assessment.framework
        if ref.path:
            if ref.path not in by_path:
                by_path[ref.path] = catalog.for_assessment(ref.id, ref.path)
            framework = by_path[ref.path]
        else:
            framework = catalog.find(ref.id)
        rows.append(
            ListedAssessment(
                id=assessment.id,
                path=path,
                subject=assessment.subject,
                framework=ref.id,
                mode=assessment.mode,
                updated=assessment.updated,
                created=assessment.created,
                counts=rules.counts(framework, assessment) if framework is not None else None,
                assessment=assessment,
                framework_name=framework.name if framework is not None else "",
                slots=rules.slot_counts(framework, assessment) if framework is not None else None,
            )
        )
    rows.sort(key=lambda row: by_time(row.updated), reverse=True)
    return Listing(rows, problems)


def list_with_archive(
    catalog: FrameworkCatalog, folder: Path | None = None, *, subjects: frozenset[str] | None = None
) -> tuple[Listing, set[str]]:
    """The assessments of a folder (the data folder's by default) and of the archive beside it, newest first, as
    `list --all`, history and the History screen read them (archived cycles are history too); and the ids of the
    archived ones. Given the archive itself, the assessments beside it are read too."""
    folder = folder or assessments_dir()
    if folder == archive_dir(folder.parent.parent):
        folder = folder.parent
    listing = list_assessments(catalog, folder, subjects=subjects)
    archived = list_assessments(catalog, archive_dir(folder.parent), subjects=subjects)
    rows = sorted([*listing.rows, *archived.rows], key=lambda row: by_time(row.updated), reverse=True)
    return Listing(rows, [*listing.problems, *archived.problems]), {row.id for row in archived.rows}


def by_person(rows: list[ListedAssessment]) -> list[ListedAssessment]:
    """The rows grouped by person (case and spacing aside), the person with the latest save first, and within a
    person their cycles newest first (by creation)."""
    from ladder_tui.core.domain.people import person_key

    groups: dict[str, list[ListedAssessment]] = {}
    for row in rows:
        groups.setdefault(person_key(row.subject), []).append(row)
    ordered = sorted(groups.values(), key=lambda group: max(by_time(r.updated) for r in group), reverse=True)
    return [row for group in ordered for row in sorted(group, key=lambda r: by_time(r.created), reverse=True)]


def earlier_cycles(rows: list[ListedAssessment]) -> set[str]:
    """Ids of every row that is not its person's latest cycle on its framework (by creation)."""
    from ladder_tui.core.domain.people import person_key

    latest: dict[tuple[str, str], ListedAssessment] = {}
    for row in rows:
        key = (person_key(row.subject), row.framework)
        if key not in latest or by_time(row.created) > by_time(latest[key].created):
            latest[key] = row
    return {row.id for row in rows if latest[(person_key(row.subject), row.framework)] is not row}
