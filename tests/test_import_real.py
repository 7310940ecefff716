"""Real public ladders, in the shapes teams keep them, imported word for word (or refused with a reason).

They are read from ``../shared/ladders`` beside the repository and never copied in: each test skips when that
folder is missing here, and fails in CI. The expected text is taken from the source files themselves (their YAML,
JSON, HTML or cells), so a statement changed, merged or cut by the importer fails the test.
"""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import shared
from ladder_tui.core.importer import ImportProblem, ImportResult, import_ladder
from ladder_tui.core.importer.sources import read_sources
from ladder_tui.core.storage.loader import framework_from_data

TODAY = datetime.date(2026, 3, 2)
#: Etsy's competencies, which Mews's workbook and outline also follow.
COMPETENCY_LEVELS = ["Beginner", "Intermediate", "Advanced", "Expert", "Leading Expert"]
COMPETENCIES = ["Delivery", "Domain Expertise", "Problem Solving", "Communication", "Leadership"]


def imp_paths(*paths: Path) -> ImportResult:
    sources = read_sources([str(path) for path in paths])
    result = import_ladder(sources.files, folder=sources.folder, notes=sources.notes, today=TODAY)
    framework_from_data(result.data, "imported")
    return result


def refused(path: Path) -> str:
    sources = read_sources([str(path)])
    with pytest.raises(ImportProblem) as caught:
        import_ladder(sources.files, folder=sources.folder, today=TODAY)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(str(path))
    return message


def list_items(html: str) -> list[str]:
    """The text of every `<li>` of an HTML source, tags dropped and spaces folded: what the importer must keep."""
    return [" ".join(re.sub(r"<[^>]+>", "", item).split()) for item in re.findall(r"<li>(.*?)</li>", html, re.S)]


def statements(value: str | list[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def dims(result: ImportResult) -> list[dict[str, Any]]:
    return [dim for area in result.data["areas"] for dim in area["dimensions"]]


def level_names(result: ImportResult) -> list[str]:
    return [level["name"] for level in result.data["levels"]]


def no_markup(result: ImportResult) -> None:
    """No statement carries HTML, Markdown or template syntax."""
    for dim in dims(result):
        for value in dim["levels"].values():
            for text in statements(value):
                assert not re.search(r"</?[a-z]+[^>]*>|\*\*|\]\(|\{\{|\{%|&amp;|&nbsp;", text), text


def front_matter(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text.split("---", 2)[1])
    assert isinstance(data, dict)
    return data


# ----------------------------------------------------------------- a progression site (YAML front matter)


@pytest.mark.parametrize(
    ("name", "level_count", "topics"),
    [
        ("customer-operations.md", 2, ["Knowledge & Impact", "Communication", "Teamwork", "Conduct & Culture"]),
        ("ops-individual-contributor.md", 5, ["Communication and Teamwork", "Conduct", "Impact", "Knowledge"]),
        ("backend.md", 6, ["Communication", "Impact", "Leadership", "Influence", "Mastery"]),
    ],
)
def test_monzo_progression_files_import_word_for_word(name: str, level_count: int, topics: list[str]) -> None:
    path = shared("ladders", "monzo-progression", name)
    result = imp_paths(path)
    data = front_matter(path)
    assert level_names(result) == [f"Level {n}" for n in range(1, level_count + 1)]
    assert [dim["name"] for dim in dims(result)] == topics
    by_level = {level["name"]: level["id"] for level in result.data["levels"]}
    for topic, dim in zip(data["topics"], dims(result), strict=True):
        for entry in topic["content"]:
            expected: list[str] = [" ".join(text.split()) for text in entry.get("criteria") or []]
            for example in entry.get("exampleCriteria") or []:
                expected.append(" ".join(example["criteria"].split()))
                expected += [f"Example: {' '.join(text.split())}" for text in example.get("examples") or []]
            assert statements(dim["levels"].get(by_level[f"Level {entry['level']}"])) == expected
    no_markup(result)


# ----------------------------------------------------------------- raw HTML tables in Markdown


def test_etsy_competencies_html_tables_in_markdown() -> None:
    path = shared("ladders", "etsy-engineering", "competencies.md")
    result = imp_paths(path)
    assert level_names(result) == COMPETENCY_LEVELS
    assert [dim["name"] for dim in dims(result)] == COMPETENCIES
    assert result.data["name"] == "Etsy Engineering Career Ladder"
    # Word for word: every list item of the source, in order, and nothing else.
    source = path.read_text(encoding="utf-8")
    items = list_items(source)
    imported = [text for dim in dims(result) for value in dim["levels"].values() for text in statements(value)]
    assert sorted(imported) == sorted(item.replace("&amp;", "&") for item in items)
    assert dims(result)[0]["description"].startswith("Example Skills: Scoping and prioritization")
    no_markup(result)


# ----------------------------------------------------------------- saved web pages, one per level


def test_dropbox_seven_saved_pages_in_one_call() -> None:
    folder = shared("ladders", "dropbox-swe-html")
    pages = sorted(folder.glob("*.html"))
    result = imp_paths(*pages)
    assert level_names(result) == [
        "IC1 Software Engineer",
        "IC2 Software Engineer",
        "IC3 Software Engineer",
        "IC4 Software Engineer",
        "IC5 Staff Software Engineer",
        "IC6 Principal Software Engineer",
        "IC7 Sr. Principal Software Engineer",
    ]
    areas = [area["name"] for area in result.data["areas"]]
    assert areas[1:] == ["Results", "Direction", "Talent", "Culture", "Craft"]
    names = {dim["name"] for dim in dims(result)}
    assert {"Scope", "Collaborative Reach", "Impact Levers", "Impact", "Ownership", "Decision Making"} <= names
    # Named alike whatever the case between pages ("Personal growth" at IC1, "Personal Growth" at IC7).
    assert sum(1 for name in names if name.lower() == "personal growth") == 1
    # The navigation's role families are no levels, areas or dimensions.
    assert not any("Quality Engineer" in name for name in names | set(areas))
    scope = next(dim for dim in dims(result) if dim["name"] == "Scope")
    assert scope["description"] == "Area of ownership and level of autonomy / ambiguity"
    assert "I own and deliver projects in service of quarterly goals on the team" in statements(scope["levels"]["ic3"])
    # Every statement of the IC3 page is imported, word for word.
    page = (folder / "ic3_software_engineer.html").read_text(encoding="utf-8")
    content = page[page.index('<div id="doc-container">') :]
    items = list_items(content)
    ic3 = {text for dim in dims(result) for text in statements(dim["levels"].get("ic3"))}
    assert items and all(item in ic3 for item in items)
    no_markup(result)


# ----------------------------------------------------------------- an assessment workbook and its outline


def test_mews_workbook_one_sheet_per_competency() -> None:
    import openpyxl

    path = shared("ladders", "mews-competencies-xlsx", "mews-competencies-template.xlsx")
    result = imp_paths(path)
    assert level_names(result) == COMPETENCY_LEVELS
    assert [dim["name"] for dim in dims(result)] == COMPETENCIES
    book = openpyxl.load_workbook(path, data_only=True)
    sheets = ["Delivery", "DomainExpertise", "ProblemSolving", "Communication", "Leadership"]
    for dim, sheet in zip(dims(result), sheets, strict=True):
        ws = book[sheet]
        for column, level in zip((1, 3, 5, 7, 9), result.data["levels"], strict=True):
            expected = [
                " ".join(str(ws.cell(row, column).value).split())
                for row in range(3, ws.max_row + 1)
                if isinstance(ws.cell(row, column).value, str) and ws.cell(row, column).value.strip()
            ]
            assert statements(dim["levels"].get(level["id"])) == expected, (sheet, level["name"])
    report = "\n".join(result.report)
    assert "'Summary'" in report and "scores, answers or formulas" in report


def test_mews_competencies_outline_with_bold_level_labels() -> None:
    path = shared("ladders", "mews-competencies-xlsx", "competencies.md")
    result = imp_paths(path)
    assert level_names(result) == COMPETENCY_LEVELS
    assert [dim["name"] for dim in dims(result)] == COMPETENCIES
    delivery = dims(result)[0]
    assert delivery["levels"]["beginner"][0] == "You understand scope of work before taking on tasks."
    assert len(delivery["levels"]["beginner"]) == 6
    no_markup(result)


# ----------------------------------------------------------------- the data of other tools


def test_medium_snowflake_tracks_and_milestones() -> None:
    path = shared("ladders", "medium-snowflake", "snowflake-tracks.json")
    result = imp_paths(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert level_names(result) == [f"Milestone {n}" for n in range(1, 6)]
    assert len(dims(result)) == len(data["tracks"]) == 16
    assert [area["name"] for area in result.data["areas"]] == ["Category A", "Category B", "Category C", "Category D"]
    for track, dim in zip(data["tracks"].values(), dims(result), strict=True):
        assert dim["name"] == track["displayName"]
        for number, milestone in enumerate(track["milestones"], start=1):
            expected = [milestone["summary"], *milestone["signals"], *(f"Example: {e}" for e in milestone["examples"])]
            expected = [" ".join(text.split()) for text in expected]
            assert statements(dim["levels"][f"milestone-{number}"]) == expected


def test_data_skills_matrix_folder_with_its_scale_in_the_config() -> None:
    folder = shared("ladders", "data-skills-matrix")
    result = imp_paths(folder)
    config = yaml.safe_load((folder / "config.yaml").read_text(encoding="utf-8"))
    scale = [*config["skill_levels"]["standard"], *config["skill_levels"]["bonus"]]
    assert level_names(result) == [entry["name"] for entry in sorted(scale, key=lambda e: e["level"])]
    soft = yaml.safe_load((folder / "soft_skills.yaml").read_text(encoding="utf-8"))
    area = next(area for area in result.data["areas"] if area["name"] == soft["category"]["name"])
    assert [dim["name"] for dim in area["dimensions"]] == [skill["name"] for skill in soft["skills"]]
    ids = [level["id"] for level in result.data["levels"]]
    for skill, dim in zip(soft["skills"], area["dimensions"], strict=True):
        for level, text in skill["level_descriptions"].items():
            got = statements(dim["levels"].get(ids[int(level)]))
            descriptor = " ".join(text.split())
            indicators = [" ".join(t.split()) for t in skill.get("behavioral_indicators", {}).get(level, [])]
            # An indicator that repeats the descriptor right after it is kept once.
            assert got == [descriptor, *indicators[indicators[:1] == [descriptor] :]]
    assert result.data["name"] == "data-skills-matrix"


# ----------------------------------------------------------------- refused, with a reason


@pytest.mark.parametrize(
    ("parts", "reason"),
    [
        (("etsy-engineering", "Etsy_Engineering_Career_Ladder.pdf"), "a PDF"),
        (("mews-competencies-xlsx", "grades.md"), "links and marks"),
        (("mews-competencies-xlsx", "competency-assessment.md"), "no Markdown table and no headings naming"),
    ],
)
def test_what_is_not_a_ladder_is_refused_with_a_reason(parts: tuple[str, str], reason: str) -> None:
    assert reason in refused(shared("ladders", *parts))


# ----------------------------------------------------------------- a refusal's advice is never refused in its turn


def _ladder_inputs() -> list[list[Path]]:
    """Each shared ladder file alone, and a folder of saved pages as one call."""
    root = shared("ladders")
    inputs: list[list[Path]] = []
    for folder in sorted(path for path in root.iterdir() if path.is_dir()):
        files = [path for path in sorted(folder.iterdir()) if path.suffix.lower() in READABLE]
        pages = [path for path in files if path.suffix == ".html"]
        if len(pages) > 2:
            inputs.append(pages)
            files = [path for path in files if path not in pages]
        inputs += [[path] for path in files]
    return inputs


READABLE = (".md", ".html", ".xlsx", ".csv", ".json", ".yaml", ".yml", ".docx")
_ADVICE = re.compile(r"--levels-in (outer|inner|columns|rows) reads \d+ level")


def test_every_reading_a_refusal_advises_imports_and_none_it_does_not() -> None:
    """On every shared ladder, each way of reading it (guessed, and each --levels-in): a refusal names only readings
    that import (with their levels), never the one just refused; a ladder refused every way says so. The helper of a
    new user's trial went round in a circle: "--levels-in outer or inner imports such a reading anyway", then outer
    refused with "--levels-in outer or inner reads the headings the other way"."""
    advised = 0
    for paths in _ladder_inputs():
        sources = read_sources([str(path) for path in paths])
        for axis in (None, "outer", "inner", "columns", "rows"):
            try:
                import_ladder(sources.files, folder=sources.folder, levels_in=axis, today=TODAY)
                continue
            except ImportProblem as exc:
                message = str(exc)
            assert "outer or inner reads" not in message and "rows or columns reads" not in message, message
            for other in _ADVICE.findall(message):
                assert other != axis, message
                import_ladder(sources.files, folder=sources.folder, levels_in=other, today=TODAY)  # must not raise
                advised += 1
            if "without --levels-in it reads" in message:
                assert axis is not None, message
                import_ladder(sources.files, folder=sources.folder, today=TODAY)  # must not raise
                advised += 1
    assert advised >= 2  # EngineeringManager.md's guessed reading names both its readings


def test_engineeringladders_developer_is_refused_every_way_and_says_so() -> None:
    """Its levels are profiles on five axes, not a grid: no reading of its headings is a ladder, asked or not."""
    path = shared("ladders", "engineeringladders", "Developer.md")
    assert refused(path).endswith("no reading of the headings makes a ladder either (--levels-in outer and inner "
                                  "were tried)")  # fmt: skip
    sources = read_sources([str(path)])
    for axis, other in (("outer", "inner"), ("inner", "outer")):
        with pytest.raises(ImportProblem) as caught:
            import_ladder(sources.files, folder=sources.folder, levels_in=axis, today=TODAY)
        assert f"(--levels-in {axis})" in str(caught.value)
        assert str(caught.value).endswith(f"--levels-in {other} does not make one either, nor does leaving "
                                          "--levels-in out")  # fmt: skip


def test_a_workbook_read_with_its_statements_as_dimension_names_is_refused() -> None:
    """Mews's workbook read with the levels in its columns takes the first level's statements for dimension names
    (and loses that level): refused, even though asked for."""
    path = shared("ladders", "mews-competencies-xlsx", "mews-competencies-template.xlsx")
    sources = read_sources([str(path)])
    with pytest.raises(ImportProblem) as caught:
        import_ladder(sources.files, folder=sources.folder, levels_in="columns", today=TODAY)
    message = str(caught.value)
    assert "the dimensions are named by sentences" in message and "You understand scope of work" in message
    # Said with what does import: the workbook as detected.
    assert message.endswith(
        "without --levels-in it reads 5 levels (Beginner, Intermediate, Advanced, Expert, ...); --sheet NAME reads "
        "one sheet"
    )
