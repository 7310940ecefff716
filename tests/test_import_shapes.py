"""The shapes real ladders come in, each on a small document built here: saved web pages and HTML tables, HTML
inside Markdown, YAML front matter and the data of other tools, workbooks of many sheets, a ladder over a folder;
and the readings that must be refused rather than written wrong."""

from __future__ import annotations

import datetime
import io
import json
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import pytest

from conftest import PYTHON, ladder_env
from ladder_tui.core.importer import ImportProblem, ImportResult, import_ladder
from ladder_tui.core.storage.loader import framework_from_data

TODAY = datetime.date(2026, 3, 2)


def imp(*sources: tuple[str, str | bytes], **options: Any) -> ImportResult:
    encoded = [(name, raw.encode() if isinstance(raw, str) else raw) for name, raw in sources]
    result = import_ladder(encoded, today=TODAY, **options)
    framework_from_data(result.data, "imported")
    return result


def refused(*sources: tuple[str, str | bytes], **options: Any) -> str:
    encoded = [(name, raw.encode() if isinstance(raw, str) else raw) for name, raw in sources]
    with pytest.raises(ImportProblem) as caught:
        import_ladder(encoded, today=TODAY, **options)
    message = str(caught.value)
    assert message and "\n" not in message
    return message


def levels(result: ImportResult) -> list[str]:
    return [level["name"] for level in result.data["levels"]]


def cells(result: ImportResult) -> dict[tuple[str, str], dict[str, list[str]]]:
    """(area, dimension) -> level name -> statements."""
    names = {level["id"]: level["name"] for level in result.data["levels"]}
    out: dict[tuple[str, str], dict[str, list[str]]] = {}
    for area in result.data["areas"]:
        for dim in area["dimensions"]:
            out[(area["name"], dim["name"])] = {
                names[lid]: [value] if isinstance(value, str) else list(value) for lid, value in dim["levels"].items()
            }
    return out


def text(result: ImportResult) -> str:
    return "\n".join(result.report)


# ----------------------------------------------------------------- HTML

CHROME = """
<nav><h1>Engineering</h1><ul><li><a href="a.html">Junior</a></li><li><a href="b.html">Senior</a></li></ul></nav>
<div id="sidebar"><h2>On this page</h2><p>Levels</p></div>
<header><h1>Acme Wiki</h1></header>
<script>var levels = ["<h1>Junior</h1>"];</script><style>h1 { color: red }</style>
"""
FOOTER = "<footer><p>© Acme. <a href='/privacy'>Privacy</a></p></footer>"


def page(body: str, title: str = "Support ladder · Acme Wiki") -> str:
    return f"<!doctype html><html><head><title>{title}</title></head><body>{CHROME}{body}{FOOTER}</body></html>"


def test_html_table_with_spans_and_lists_in_cells_inside_site_chrome() -> None:
    table = """
    <h1>Support ladder</h1>
    <table>
      <thead><tr><th>Area</th><th>Skill</th><th>Junior</th><th>Mid</th><th>Senior</th></tr></thead>
      <tbody>
        <tr><td rowspan="2">Customers</td><td>Empathy</td>
            <td><ul><li>Listens first.</li><li>Stays calm.</li></ul></td>
            <td colspan="2">Turns angry customers into fans.</td></tr>
        <tr><td>Tone</td><td>Follows the macros.</td><td>Adapts the macros.</td><td>Writes the macros.</td></tr>
        <tr><td>Product</td><td>Troubleshooting</td><td>Follows the guide.</td><td></td>
            <td>Writes the guide &amp; trains others.</td></tr>
      </tbody>
    </table>"""
    result = imp(("ladder.html", page(table)))
    assert levels(result) == ["Junior", "Mid", "Senior"]
    got = cells(result)
    assert list(got) == [("Customers", "Empathy"), ("Customers", "Tone"), ("Product", "Troubleshooting")]
    assert got[("Customers", "Empathy")] == {
        "Junior": ["Listens first.", "Stays calm."],
        # The colspan's text is the descriptor of both levels it covers.
        "Mid": ["Turns angry customers into fans."],
        "Senior": ["Turns angry customers into fans."],
    }
    assert got[("Product", "Troubleshooting")] == {
        "Junior": ["Follows the guide."],
        "Senior": ["Writes the guide & trains others."],
    }
    report = text(result)
    assert "format: HTML" in report and "areas from the column 'Area'" in report
    assert "Engineering" not in json.dumps(result.data)  # the navigation is not read as anything


def test_html_table_with_the_levels_as_rows_and_a_spanned_description() -> None:
    table = """
    <table>
      <tr><th>Level</th><th>Communication</th><th>Ownership</th></tr>
      <tr><td>Associate</td><td>Writes clear replies.</td><td rowspan="2">Owns their queue.</td></tr>
      <tr><td>Senior</td><td>Writes the templates.</td></tr>
      <tr><td>Lead</td><td colspan="2">Sets the standard for the whole team.</td></tr>
    </table>"""
    result = imp(("ladder.htm", page(table)))
    assert levels(result) == ["Associate", "Senior", "Lead"]
    got = cells(result)
    area = next(iter(got))[0]
    assert got[(area, "Ownership")] == {
        "Associate": ["Owns their queue."],
        "Senior": ["Owns their queue."],
        "Lead": ["Sets the standard for the whole team."],
    }
    assert "levels are the rows" in text(result)


def test_a_level_header_over_several_columns_keeps_the_first_as_the_descriptor_and_marks_the_others() -> None:
    table = """
    <table>
      <tr><th rowspan="2">Skill</th><th colspan="2">Junior</th><th colspan="2">Senior</th></tr>
      <tr><th>Behaviour</th><th>Example</th><th>Behaviour</th><th>Example</th></tr>
      <tr><td>Empathy</td><td>Listens.</td><td>Repeats the question back.</td><td>Coaches others.</td><td></td></tr>
      <tr><td>Tickets</td><td>Closes them.</td><td>5 a day</td><td>Triages the queue.</td><td>Weekly triage</td></tr>
    </table>"""
    result = imp(("ladder.html", page(table)))
    assert levels(result) == ["Junior", "Senior"]
    got = cells(result)
    area = next(iter(got))[0]
    assert got[(area, "Empathy")] == {
        "Junior": ["Listens.", "Example: Repeats the question back."],
        "Senior": ["Coaches others."],
    }
    assert got[(area, "Tickets")]["Senior"] == ["Triages the queue.", "Example: Weekly triage"]
    assert "the first holds the descriptor" in text(result)


def test_saved_pages_one_per_level_with_areas_as_headings_and_dimensions_as_bold_paragraphs() -> None:
    def level_page(name: str, statements: dict[str, list[str]], ragged: str = "") -> str:
        body = f'<div id="doc"><h1>{name}</h1><p><strong><em>What a {name} does.</em></strong></p>'
        body += "<h1>Responsibilities</h1>"
        for area, dims in (("🏆 Results", ("Impact", "Ownership")), ("🌳 Talent", ("Growth",))):
            body += f"<h2>{area}</h2>"
            for dim in dims:
                body += f"<p><strong>{dim}</strong>\n<em>{dim} across the team</em></p><ul>"
                body += "".join(f"<li>{s}</li>" for s in statements[dim]) + "</ul>"
        return page(body + ragged + "</div>", title="Acme Engineering Career Framework")

    def said(impact: str, ownership: str, growth: str) -> dict[str, list[str]]:
        return {"Impact": [impact], "Ownership": [ownership], "Growth": [growth]}

    one = level_page("IC1 Engineer", said("I deliver my tasks.", "I own bugs.", "I ask."))
    two = level_page("IC2 Engineer", said("I deliver projects.", "I own features.", "I teach."))
    ten = level_page("IC10 Fellow", said("I set direction.", "I own the org.", "I grow leaders."))
    result = imp(("ic1.html", one), ("ic2.html", two), ("ic10.html", ten))
    assert levels(result) == ["IC1 Engineer", "IC2 Engineer", "IC10 Fellow"]
    assert result.data["name"] == "Acme Engineering Career Framework"
    assert [area["name"] for area in result.data["areas"]] == ["Results", "Talent"]
    impact = result.data["areas"][0]["dimensions"][0]
    assert impact["name"] == "Impact" and impact["description"] == "Impact across the team"
    assert impact["levels"] == {"ic1": "I deliver my tasks.", "ic2": "I deliver projects.", "ic10": "I set direction."}
    assert result.data["levels"][0]["description"] == "What a IC1 Engineer does."
    report = text(result)
    assert "each file is one level" in report and "chrome" in report and "emoji before" in report


def test_raw_html_inside_markdown_split_by_blank_lines_is_read_as_one_table() -> None:
    markdown = """# Support ladder

### Delivery
**Example skills:** Scoping, testing

<table>
  <thead><th>Beginner</th><th>Advanced</th></thead>

  <tbody><tr>
    <td><ul><li>You scope your tasks.</li>

    <li>You test your work.</li></ul></td>
    <td><ul><li>You roadmap large tracks of work.</li></ul></td>
  </tr></tbody>
</table>

### Communication

<table>
  <thead><th>Beginner</th><th>Advanced</th></thead>
  <tbody><tr><td>You write clearly.</td><td>You align many teams.</td></tr></tbody>
</table>
"""
    result = imp(("competencies.md", markdown))
    assert levels(result) == ["Beginner", "Advanced"]
    got = cells(result)
    assert got[("Support ladder", "Delivery")] == {
        "Beginner": ["You scope your tasks.", "You test your work."],
        "Advanced": ["You roadmap large tracks of work."],
    }
    assert got[("Support ladder", "Communication")]["Advanced"] == ["You align many teams."]
    assert result.data["areas"][0]["dimensions"][0]["description"] == "Example skills: Scoping, testing"


# ----------------------------------------------------------------- Markdown outlines


def test_levels_as_headings_dimensions_as_bold_labels_one_paragraph_each() -> None:
    markdown = """# Ladder

## Junior

**Scope:** Works on single tickets.

**Judgment:** Asks before acting on refunds.

## Senior

**Scope:** Owns a queue.

**Judgment:** Decides refunds alone.
"""
    result = imp(("ladder.md", markdown))
    assert levels(result) == ["Junior", "Senior"]
    got = cells(result)
    assert got[("Ladder", "Scope")] == {"Junior": ["Works on single tickets."], "Senior": ["Owns a queue."]}
    assert got[("Ladder", "Judgment")]["Senior"] == ["Decides refunds alone."]


def test_a_progression_sites_ladder_in_yaml_front_matter() -> None:
    markdown = """---
title: "💬 Support Framework"
levels: 2
topics:
  - name: "knowledge"
    title: "🧠 Knowledge"
    content:
      - level: 1
        criteria:
          - "Knows the product's basics"
      - level: 2
        exampleCriteria:
          - criteria: "Explains the product to others"
            examples:
              - "Ran a lunch and learn"
  - name: "communication"
    title:
    content:
      - level: 1
        criteria: ["Writes clear replies"]
      - level: 2
        criteria: ["All criteria from level one", "Writes the templates"]
---

## About this framework

Our frameworks help people grow.
"""
    result = imp(("support.md", markdown))
    assert levels(result) == ["Level 1", "Level 2"]
    assert result.data["name"] == "Support Framework"
    got = cells(result)
    area = "Support Framework"
    assert got[(area, "Knowledge")] == {
        "Level 1": ["Knows the product's basics"],
        "Level 2": ["Explains the product to others", "Example: Ran a lunch and learn"],
    }
    assert got[(area, "Communication")]["Level 2"] == ["All criteria from level one", "Writes the templates"]
    assert "read the data of support.md" in text(result)


# ----------------------------------------------------------------- data of other tools


def test_snowflake_style_json_tracks_with_milestones() -> None:
    def track(name: str, category: str) -> dict[str, Any]:
        return {
            "displayName": name,
            "category": category,
            "description": f"Develops {name.lower()}",
            "milestones": [
                {"summary": f"{name} step {n}", "signals": [f"Signal {n}"], "examples": [f"Did {n}"]}
                for n in range(1, 4)
            ],
        }

    data = {
        "tracks": {"MOBILE": track("Mobile", "A"), "WEB": track("Web", "A"), "MENTORSHIP": track("Mentorship", "B")},
        "titles": [{"label": "Engineer I", "minPoints": 0}],
        "pointsToLevels": {"0": "1.1", "5": "1.2"},
    }
    result = imp(("tracks.json", json.dumps(data)))
    assert levels(result) == ["Milestone 1", "Milestone 2", "Milestone 3"]
    assert [area["name"] for area in result.data["areas"]] == ["Category A", "Category B"]
    got = cells(result)
    assert got[("Category A", "Mobile")]["Milestone 2"] == ["Mobile step 2", "Signal 2", "Example: Did 2"]
    assert result.data["areas"][0]["dimensions"][0]["description"] == "Develops mobile"


def test_a_skills_matrix_with_levels_keyed_by_number_and_its_scale_in_another_file() -> None:
    config = """
skill_levels:
  standard:
    - level: 0
      name: "None"
      description: "Never used it"
    - level: 1
      name: "Beginner"
    - level: 2
      name: "Confirmed"
career_levels:
  - id: junior
    name: Junior
"""
    skills = """
category:
  id: soft
  name: "Soft Skills"
skills:
  - id: scoping
    name: "Scoping"
    description: "Cuts a project into tasks"
    level_descriptions:
      0: "No scoping"
      1: "Understands a simple project"
      2: "Scopes a complex project"
    behavioral_indicators:
      1: ["Asks what is needed"]
      2: ["Writes the plan", "Estimates the tasks"]
    improvement_tips:
      "1→2": "Write your first plan."
  - id: feedback
    name: "Feedback"
    level_descriptions:
      1: "Takes feedback"
      2: "Gives feedback"
"""
    result = imp(("matrix/config.yaml", config), ("matrix/soft.yaml", skills), folder="matrix")
    assert levels(result) == ["None", "Beginner", "Confirmed"]
    assert result.data["levels"][0]["description"] == "Never used it"
    got = cells(result)
    assert got[("Soft Skills", "Scoping")] == {
        "None": ["No scoping"],
        "Beginner": ["Understands a simple project", "Asks what is needed"],
        "Confirmed": ["Scopes a complex project", "Writes the plan", "Estimates the tasks"],
    }
    assert result.data["name"] == "matrix"  # the folder names it: no file has a title


def test_a_list_of_skills_and_a_scale_file_is_a_mastery_scale() -> None:
    scale = (
        "scale:\n  - {level: 1, name: Rookie, description: Learning it}\n  - {level: 2, name: Pro}\n"
        "  - {level: 3, name: Master, description: Teaches it}\n"
    )
    skills = "skills:\n  - {name: Empathy, description: Feels with the customer}\n  - {name: Focus}\n"
    result = imp(("scale.yaml", scale), ("skills.yaml", skills))
    assert result.data["scale"] == "mastery"
    assert levels(result) == ["Rookie", "Pro", "Master"]
    assert [dim["name"] for area in result.data["areas"] for dim in area["dimensions"]] == ["Empathy", "Focus"]
    assert "read as a mastery scale" in text(result)


def test_a_list_of_skills_without_any_levels_is_refused() -> None:
    skills = "skills:\n  - {name: Empathy, description: Feels with the customer}\n  - {name: Focus}\n"
    assert "YAML with no ladder in it" in refused(("skills.yaml", skills))


def test_yaml_anchors_and_aliases_are_refused() -> None:
    bomb = "a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n"
    assert "anchors or aliases" in refused(("bomb.yaml", bomb))


# ----------------------------------------------------------------- workbooks


def _workbook(sheets: dict[str, list[list[Any]]], merges: dict[str, list[str]] | None = None) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        ws = book.create_sheet(title)
        for row in rows:
            ws.append(row)
        for rng in (merges or {}).get(title, []):
            ws.merge_cells(rng)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_workbook_with_a_sheet_per_competency_score_columns_and_a_summary() -> None:
    def sheet(prefix: str) -> list[list[Any]]:
        return [
            ["Beginner", "=IF(B3>0,1,0)", "Advanced", 0],
            [None, None, None, None],
            [f"You {prefix} your own work.", 2, f"You {prefix} the team's work.", 0],
            [f"You ask about {prefix}.", 1, f"You teach {prefix}.", 1],
            ["Level result", 0, "Level result", 0],
        ]

    raw = _workbook(
        {
            "ProblemSolving": sheet("solve"),
            "Delivery": sheet("ship"),
            "Summary": [[None, "Weight", "Level"], ["Problem Solving", 0.5, 1], ["Delivery", 0.5, 0]],
        }
    )
    result = imp(("assessment.xlsx", raw))
    assert levels(result) == ["Beginner", "Advanced"]
    got = cells(result)
    area = next(iter(got))[0]
    assert list(got) == [(area, "Problem Solving"), (area, "Delivery")]
    assert got[(area, "Delivery")] == {
        "Beginner": ["You ship your own work.", "You ask about ship."],
        "Advanced": ["You ship the team's work.", "You teach ship."],
    }
    report = text(result)
    assert "scores, answers or formulas" in report and "Level result" not in json.dumps(result.data)


def test_a_workbook_with_answer_columns_prefilled_and_a_title_row_is_read_past_them() -> None:
    rows: list[list[Any]] = [
        ["Competency: Communication"],
        [],
        ["Junior", "Answer", "Senior", "Answer"],
        ["You write clear replies.", "Nope", "You write the templates.", "Somewhat"],
        ["You ask for help.", "Yes", "You coach others.", "Nope"],
    ]
    result = imp(("self-assessment.xlsx", _workbook({"Communication": rows})))
    assert levels(result) == ["Junior", "Senior"]
    (only,) = cells(result).values()
    assert only == {
        "Junior": ["You write clear replies.", "You ask for help."],
        "Senior": ["You write the templates.", "You coach others."],
    }


def test_a_workbook_with_a_sheet_per_area() -> None:
    def area(first: str, second: str) -> list[list[Any]]:
        return [["Skill", "Junior", "Senior"], [first, "Learns.", "Teaches."], [second, "Follows.", "Leads."]]

    result = imp(("ladder.xlsx", _workbook({"Customers": area("Empathy", "Tone"), "Product": area("Bugs", "Docs")})))
    assert [a["name"] for a in result.data["areas"]] == ["Customers", "Product"]
    assert "2 sheets with the same levels: each is an area" in text(result)


# ----------------------------------------------------------------- a folder, from the command line


def test_a_folder_imports_as_one_ladder_in_natural_order(tmp_path: Path, ladder_home: Path) -> None:
    folder = tmp_path / "support-ladder"
    folder.mkdir()
    for number, verb in ((1, "answers"), (2, "solves"), (10, "teaches")):
        (folder / f"level{number}.md").write_text(
            f"# Level {number}\n\n## Tickets\n\n- {verb.capitalize()} tickets.\n\n## Tone\n\n- {verb} kindly.\n",
            encoding="utf-8",
        )
    (folder / "README.md").write_text("# About\n\nHow we use this ladder.\n", encoding="utf-8")
    (folder / "LICENSE").write_text("MIT\n", encoding="utf-8")
    out = tmp_path / "out.toml"
    done = subprocess.run(
        [PYTHON, "-m", "ladder_tui", "frameworks", "import", str(folder), "--output", str(out)],
        env=ladder_env(ladder_home),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    data = tomllib.loads(out.read_text(encoding="utf-8"))
    assert [level["name"] for level in data["levels"]] == ["Level 1", "Level 2", "Level 10"]
    assert data["id"] == "support-ladder"
    assert "README.md" in done.stdout and "about the ladder left out" in done.stdout


# ----------------------------------------------------------------- never a wrong framework


@pytest.mark.parametrize(
    ("name", "document", "needle"),
    [
        (
            "bands.md",
            "| Track | Min P | Max P | Grade | Salary |\n|---|---|---|---|---|\n| IC | 0.00 | 1.40 | S1 | 69000 |\n"
            "| IC | 1.40 | 2.60 | S2 | 92000 |\n",
            "links and marks",
        ),
        (
            "process.md",
            "# Competency assessment\n\n## First time\n\nDownload the template and fill it in.\n\n"
            "## Follow-up\n\nHighlight what changed.\n\n## Manager alignment\n\nTalk it over.\n",
            "no Markdown table and no headings naming at least two levels",
        ),
        (
            "sentences.csv",
            "Skill,You write clear replies to every customer.,You coach the team on replies every week.\n"
            "Tone,a,b\nCare,c,d\n",
            "the level names are sentences",
        ),
        ("answers.csv", "Skill,Yes,No,Somewhat\nTone,Writes kindly.,Writes curtly.,Writes plainly.\n", "answers"),
        (
            "meta.csv",
            "Name,slug,url,rank\nTickets,tickets,https://x/tickets,Answers tickets well\n"
            "Tone,tone,https://x/tone,Writes kindly\n",
            "metadata",
        ),
        (
            "scattered.md",
            "# Ladder\n\n## Junior\n\n### Tickets\n\n- Answers them.\n\n## Senior\n\n### Architecture\n\n- Designs.\n\n"
            "## Lead\n\n### Hiring\n\n- Hires.\n\n### Budget\n\n- Plans it.\n",
            "",
        ),
        ("paper.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "a PDF"),
        (
            "titles.md",
            "# Titles\n\nWhy we have titles.\n\n"
            + "".join(
                f"## {t} Programmer\n\nA {t} programmer does the work.\n\nNo promise of a raise.\n\n"
                for t in ("Junior", "Senior", "Lead")
            ),
            "an essay about the levels",
        ),
    ],
)
def test_what_is_not_a_ladder_is_refused_in_one_line(name: str, document: str | bytes, needle: str) -> None:
    message = refused((name, document))
    assert message.startswith(f"{name}: ")
    assert needle in message


def test_json_areas_holding_dimensions_keyed_by_the_ids_of_a_levels_list() -> None:
    data = {
        "name": "Acme Support Ladder",
        "levels": [
            {"id": "junior", "name": "Junior Agent", "description": "New to support"},
            {"id": "senior", "name": "Senior Agent"},
        ],
        "areas": [
            {"name": "Customers", "dimensions": [
                {"name": "Empathy", "descriptions": {"junior": "Listens.", "senior": ["Calms people.", "Follows up."]}},
                {"name": "Tone", "descriptions": {"junior": "Uses macros.", "senior": "Writes macros."}},
            ]},
            {"name": "Product", "dimensions": [
                {"name": "Bugs", "url": "https://x/bugs", "descriptions": {"junior": "Reports.", "senior": "Triages."}},
                {"name": "Docs", "descriptions": {"junior": "Reads.", "senior": "Writes."}},
            ]},
        ],
    }  # fmt: skip
    result = imp(("ladder.json", json.dumps(data)))
    assert levels(result) == ["Junior Agent", "Senior Agent"]
    assert result.data["levels"][0]["description"] == "New to support"
    assert [area["name"] for area in result.data["areas"]] == ["Customers", "Product"]
    assert cells(result)[("Customers", "Empathy")]["Senior Agent"] == ["Calms people.", "Follows up."]
    assert "url (1)" in text(result)


def test_capitalised_fields_nested_skills_and_numbered_level_names() -> None:
    def sub(name: str, verb: str) -> dict[str, Any]:
        return {
            "Name": name,
            "Code": "X.1",
            "Progressions": {
                "1. Emerging": f"I {verb}.",
                "2. Developing": f"I {verb} well.",
                "3. Proficient": f"I teach {verb}.",
            },
        }  # fmt: skip

    data = {
        "Competencies": [
            {"Name": "Social Systems", "ComponentSkills": [
                {"SkillName": "Governments", "SubSkills": [sub("Roles", "name roles"), sub("Rights", "name rights")]},
                {"SkillName": "Economics", "SubSkills": [sub("Markets", "trade"), sub("Money", "budget")]},
            ]}
        ]
    }  # fmt: skip
    result = imp(("competencies.json", json.dumps(data)))
    assert levels(result) == ["1. Emerging", "2. Developing", "3. Proficient"]
    assert [area["name"] for area in result.data["areas"]] == ["Governments", "Economics"]
    assert cells(result)[("Economics", "Money")]["3. Proficient"] == ["I teach budget."]


def test_a_header_row_of_levels_under_the_word_level_is_read_as_columns() -> None:
    table = (
        "# Matrix\n\n| Level | IC1 | IC2 | IC3 |\n|---|---|---|---|\n"
        "| **Coding** | Learning, needs reviews | Clean code | Sets standards |\n"
        "| **Design** | Understands basics | Designs features | Designs systems |\n"
    )
    result = imp(("matrix.md", table))
    assert levels(result) == ["IC1", "IC2", "IC3"]
    assert cells(result)[("Matrix", "Design")]["IC3"] == ["Designs systems"]


def test_an_html_table_in_markdown_with_numbered_levels_as_rows_and_preformatted_headers() -> None:
    markdown = """<table>
  <tr>
    <th><pre>Level/Skill    </pre></th>
    <th><pre>Scope          </pre></th>
    <th><pre>Mentorship     </pre></th>
  </tr>

  <tr align="left" valign="top">
    <td>1</td>
    <td>Takes direction from the team</td>
    <td></td>
  </tr>

  <tr>
    <td>2</td>
    <td>Delivers team-level goals</td>
    <td><ul><li>Mentors new hires</li><li>Runs knowledge sharing &amp; demos</li></ul></td>
  </tr>
</table>
"""
    result = imp(("sre.md", markdown))
    assert levels(result) == ["1", "2"]  # numbered levels: the source's own names
    got = cells(result)
    area = next(iter(got))[0]
    assert got[(area, "Mentorship")] == {"2": ["Mentors new hires", "Runs knowledge sharing & demos"]}


def test_one_row_per_dimension_and_level_is_pivoted() -> None:
    rows = (
        "Area,Competency,Level,Description,Last reviewed\n"
        "Customers,Empathy,Junior,Listens to the customer.,2024-01-02\n"
        "Customers,Empathy,Senior,Coaches others on empathy.,2024-01-02\n"
        "Customers,Tone,Junior,Uses the macros.,2024-01-02\n"
        "Customers,Tone,Senior,Writes the macros.,2024-01-02\n"
        "Product,Bugs,Junior,Reports bugs with steps.,2024-01-02\n"
        "Product,Bugs,Junior,Checks known issues first.,2024-01-02\n"
        "Product,Bugs,Senior,Triages the bug queue.,2024-01-02\n"
    )
    result = imp(("export.csv", rows))
    assert levels(result) == ["Junior", "Senior"]
    got = cells(result)
    assert list(got) == [("Customers", "Empathy"), ("Customers", "Tone"), ("Product", "Bugs")]
    assert got[("Product", "Bugs")]["Junior"] == ["Reports bugs with steps.", "Checks known issues first."]
    assert "one row per dimension and level" in text(result) and "'Last reviewed'" in text(result)


def test_levels_as_headings_with_bold_labels_inline_and_over_lists() -> None:
    markdown = """# Career Ladder

### IC1 - Junior Engineer

**Scope:** Tasks and small features

**Technical Skills:**
- Learning the codebase
- Completes tasks with guidance

### IC2 - Engineer

**Scope:** Features and small projects

**Technical Skills:**
- Proficient in the codebase
"""
    result = imp(("ladder.md", markdown))
    assert levels(result) == ["IC1 - Junior Engineer", "IC2 - Engineer"]
    got = cells(result)
    assert got[("Career Ladder", "Scope")]["IC2 - Engineer"] == ["Features and small projects"]
    assert got[("Career Ladder", "Technical Skills")]["IC1 - Junior Engineer"] == [
        "Learning the codebase",
        "Completes tasks with guidance",
    ]


def test_a_file_per_dimension_and_a_file_per_area() -> None:
    empathy = "# Empathy\n\n## Junior\n- Listens.\n\n## Senior\n- Coaches.\n"
    tone = "# Tone\n\n## Junior\n- Uses macros.\n\n## Senior\n- Writes macros.\n"
    per_dimension = imp(("empathy.md", empathy), ("tone.md", tone))
    assert levels(per_dimension) == ["Junior", "Senior"]
    assert [dim["name"] for area in per_dimension.data["areas"] for dim in area["dimensions"]] == ["Empathy", "Tone"]
    customers = (
        "# Customers\n\n## Empathy\n### Junior\n- Listens.\n### Senior\n- Coaches.\n\n## Tone\n### Junior\n- Kind.\n"
    )
    customers += "### Senior\n- Kinder.\n"
    product = "# Product\n\n## Bugs\n### Junior\n- Reports bugs.\n### Senior\n- Triages bugs.\n"
    per_area = imp(("customers.md", customers), ("product.md", product))
    assert list(cells(per_area)) == [("Customers", "Empathy"), ("Customers", "Tone"), ("Product", "Bugs")]
    assert cells(per_area)[("Product", "Bugs")] == {"Junior": ["Reports bugs."], "Senior": ["Triages bugs."]}


def test_a_folder_per_area(tmp_path: Path, ladder_home: Path) -> None:
    root = tmp_path / "ladder"
    for area, dims in (("customers", ("empathy", "tone")), ("product", ("bugs",))):
        (root / area).mkdir(parents=True)
        for dim in dims:
            (root / area / f"{dim}.md").write_text(
                f"# {dim.capitalize()}\n\n## Junior\n- {dim} basics.\n\n## Senior\n- {dim} mastery.\n", encoding="utf-8"
            )
    out = tmp_path / "out.toml"
    done = subprocess.run(
        [PYTHON, "-m", "ladder_tui", "frameworks", "import", str(root), "--output", str(out)],
        env=ladder_env(ladder_home),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    data = tomllib.loads(out.read_text(encoding="utf-8"))
    assert [(area["name"], [d["name"] for d in area["dimensions"]]) for area in data["areas"]] == [
        ("customers", ["Empathy", "Tone"]),
        ("product", ["Bugs"]),
    ]
    assert "a folder per area" in done.stdout and "the folder's name" in done.stdout


# ----------------------------------------------------------------- more shapes teams keep


LEVEL_NAMES = ["Associate", "Intermediate", "Senior"]
STATEMENTS = {
    "Empathy": ["Acknowledges frustration.", "Adapts tone.", "De-escalates angry customers."],
    "Writing": ["Writes clear replies.", "Needs no follow-up.", "Edits the macros."],
    "Debugging": ["Follows runbooks.", "Reads the logs.", "Finds root causes."],
}
AREA_OF = {"Empathy": "Customer Care", "Writing": "Customer Care", "Debugging": "Technical Skills"}
EXPECTED = {
    (AREA_OF[dim], dim): dict(zip(LEVEL_NAMES, ([s] for s in texts), strict=True)) for dim, texts in STATEMENTS.items()
}


def test_a_list_of_level_names_and_a_list_of_sentences_per_dimension() -> None:
    yaml_text = "levels: [Associate, Intermediate, Senior]\nskills:\n" + "".join(
        f"  - name: {dim}\n    area: {AREA_OF[dim]}\n    levels:\n" + "".join(f"      - {t!r}\n" for t in texts)
        for dim, texts in STATEMENTS.items()
    )
    for result in (imp(("ladder.yaml", yaml_text)), imp(("ladder.md", f"---\n{yaml_text}---\n\nOur ladder.\n"))):
        assert levels(result) == LEVEL_NAMES
        assert cells(result) == EXPECTED


def test_a_folder_of_area_files_where_one_holds_a_single_dimension(tmp_path: Path) -> None:
    for area in ("Customer Care", "Technical Skills"):
        dims = [dim for dim in STATEMENTS if AREA_OF[dim] == area]
        body = f"name: {area}\ndimensions:\n" + "".join(
            f"  - name: {dim}\n    levels:\n"
            + "".join(f"      {level}: [{t!r}]\n" for level, t in zip(LEVEL_NAMES, STATEMENTS[dim], strict=True))
            for dim in dims
        )
        (tmp_path / f"{area.lower().replace(' ', '-')}.yaml").write_text(body, encoding="utf-8")
    from ladder_tui.core.importer.sources import read_sources

    sources = read_sources([str(tmp_path)])
    result = imp(*sources.files)
    assert cells(result) == EXPECTED


def test_records_and_grids_of_mappings_in_data_are_read_as_tables() -> None:
    records = [
        {"competency": dim, "area": AREA_OF[dim], "level": level, "description": t}
        for dim, texts in STATEMENTS.items()
        for level, t in zip(LEVEL_NAMES, texts, strict=True)
    ]
    assert cells(imp(("ladder.json", json.dumps(records)))) == EXPECTED
    by_level = {
        "name": "Support",
        "levels": {level: {dim: texts[i] for dim, texts in STATEMENTS.items()} for i, level in enumerate(LEVEL_NAMES)},
    }
    got = cells(imp(("ladder.json", json.dumps(by_level))))
    assert {dim: value for (_, dim), value in got.items()} == {dim: v for (_, dim), v in EXPECTED.items()}
    top_level = "".join(
        f"{dim}:\n"
        + "".join(f"  '{i}. {level}': {t!r}\n" for i, (level, t) in enumerate(zip(LEVEL_NAMES, texts, strict=True), 1))
        for dim, texts in STATEMENTS.items()
    )
    result = imp(("ladder.yaml", top_level))
    assert levels(result) == [f"{i}. {level}" for i, level in enumerate(LEVEL_NAMES, 1)]
    assert [dim for _, dim in cells(result)] == list(STATEMENTS)


def test_a_sheet_per_competency_with_its_area_in_a_title_row_and_empty_score_columns() -> None:
    def sheet(dim: str) -> list[list[Any]]:
        row: list[Any] = []
        for t in STATEMENTS[dim]:
            row += [t, None]
        header: list[Any] = []
        for level in LEVEL_NAMES:
            header += [level, "Score"]
        return [[dim], [f"Area: {AREA_OF[dim]}"], header, row, [], ["Level result", "=IF(B4>0,1,0)"]]

    result = imp(("assessment.xlsx", _workbook({dim: sheet(dim) for dim in STATEMENTS})))
    assert levels(result) == LEVEL_NAMES
    assert cells(result) == EXPECTED
    assert "Level result" not in json.dumps(result.data)


def test_a_sheet_per_competency_with_the_levels_as_rows_and_a_result_row() -> None:
    def sheet(dim: str) -> list[list[Any]]:
        return [
            ["Level", "Description", "Score"],
            *([level, t, None] for level, t in zip(LEVEL_NAMES, STATEMENTS[dim], strict=True)),
            ["Level result", "=INDEX(A2:A4,1)", None],
        ]

    result = imp(("comp.xlsx", _workbook({dim: sheet(dim) for dim in STATEMENTS})))
    assert levels(result) == LEVEL_NAMES
    assert {dim: value for (_, dim), value in cells(result).items()} == {d: v for (_, d), v in EXPECTED.items()}


def test_answer_columns_named_after_their_level_are_left_out() -> None:
    header = ["Area", "Competency"]
    for level in LEVEL_NAMES:
        header += [level, f"{level} – you?"]
    rows: list[list[Any]] = [["Skills matrix"], ["Instructions: answer each."], [], header]
    for dim, texts in STATEMENTS.items():
        row: list[Any] = [AREA_OF[dim], dim]
        for t in texts:
            row += [t, "Somewhat"]
        rows.append(row)
    result = imp(("matrix.xlsx", _workbook({"Matrix": rows})))
    assert levels(result) == LEVEL_NAMES
    assert cells(result) == EXPECTED


def test_an_area_named_again_further_down_gathers_its_rows() -> None:
    csv = "Area,Competency,L1,L2\nEmail,Tone,Polite.,Adapts.\nPhone,Tone,Calm.,Soothes.\nEmail,Speed,A day.,An hour.\n"
    result = imp(("ladder.csv", csv))
    assert [(a["name"], [d["name"] for d in a["dimensions"]]) for a in result.data["areas"]] == [
        ("Email", ["Tone", "Speed"]),
        ("Phone", ["Tone"]),
    ]


def test_one_row_per_statement_with_the_level_written_once() -> None:
    csv = (
        "Competency,Level,Behaviour\nEmpathy,Junior,Listens.\n,Senior,Calms people.\n,,Coaches peers.\n"
        "Writing,Junior,Writes.\n,Senior,Edits.\n"
    )
    got = cells(imp(("ladder.csv", csv)))
    assert got[next(k for k in got if k[1] == "Empathy")]["Senior"] == ["Calms people.", "Coaches peers."]


def test_tables_of_one_column_under_each_dimensions_heading() -> None:
    md = "# Ladder\n\n" + "".join(
        f"## {dim}\n\n| Level | Expectation |\n|---|---|\n"
        + "".join(f"| {level} | {t} |\n" for level, t in zip(LEVEL_NAMES, texts, strict=True))
        + "\n"
        for dim, texts in STATEMENTS.items()
    )
    result = imp(("ladder.md", md))
    assert levels(result) == LEVEL_NAMES
    assert [dim for _, dim in cells(result)] == list(STATEMENTS)


def test_an_html_header_of_areas_over_dimensions_with_the_levels_as_rows() -> None:
    areas = ["Customer Care", "Technical Skills"]
    head = "<tr><th rowspan=2>Level</th>" + "".join(
        f"<th colspan={sum(1 for d in STATEMENTS if AREA_OF[d] == a)}>{a}</th>" for a in areas
    )
    head += "</tr><tr>" + "".join(f"<th>{dim}</th>" for dim in STATEMENTS) + "</tr>"
    body = "".join(
        f"<tr><th>{level}</th>" + "".join(f"<td>{texts[i]}</td>" for texts in STATEMENTS.values()) + "</tr>"
        for i, level in enumerate(LEVEL_NAMES)
    )
    result = imp(("ladder.html", page(f"<h1>Ladder</h1><table>{head}{body}</table>")))
    assert levels(result) == LEVEL_NAMES
    assert cells(result) == EXPECTED


def test_a_dimension_spanning_behaviours_and_examples_rows_keeps_the_examples_marked() -> None:
    rows = "".join(
        f"<tr><td rowspan=2>{dim}</td><td>Behaviours</td>" + "".join(f"<td>{t}</td>" for t in texts) + "</tr>"
        "<tr><td>Examples</td>" + "".join(f"<td>Ticket {dim[:3]}-{i}.</td>" for i in range(len(texts))) + "</tr>"
        for dim, texts in STATEMENTS.items()
    )
    header = "<tr><th>Competency</th><th></th>" + "".join(f"<th>{level}</th>" for level in LEVEL_NAMES) + "</tr>"
    result = imp(("ladder.html", page(f"<h1>Ladder</h1><table>{header}{rows}</table>")))
    got = {dim: value for (_, dim), value in cells(result).items()}
    assert list(got) == list(STATEMENTS)
    assert got["Empathy"]["Associate"] == ["Acknowledges frustration.", "Examples: Ticket Emp-0."]


def test_levels_written_from_the_top_down_are_turned_round() -> None:
    md = "| Level | Empathy | Writing |\n|---|---|---|\n| L3 | Coaches. | Edits. |\n| L2 | Adapts. | Clear. |\n"
    md += "| L1 | Listens. | Writes. |\n"
    result = imp(("ladder.md", md))
    assert levels(result) == ["L1", "L2", "L3"]
    assert cells(result)[next(iter(cells(result)))]["L1"] == ["Listens."]
    assert "turned round, lowest first" in text(result)


def test_a_file_per_level_in_alphabetical_order_is_put_in_order_of_seniority() -> None:
    files = [
        (f"{level.lower()}.md", f"# {level}\n\n## Empathy\n- {level} empathy.\n\n## Writing\n- {level} writing.\n")
        for level in ("Junior", "Lead", "Mid", "Senior")
    ]
    result = imp(*files)
    assert levels(result) == ["Junior", "Mid", "Senior", "Lead"]
    assert cells(result)[next(iter(cells(result)))]["Mid"] == ["Mid empathy."]


def test_a_statement_repeated_right_after_itself_is_kept_once() -> None:
    tracks = {
        "tracks": {
            name.upper(): {
                "displayName": name,
                "milestones": [{"summary": t, "signals": [t, f"{t} Often."]} for t in texts],
            }
            for name, texts in STATEMENTS.items()
        }
    }
    result = imp(("tracks.json", json.dumps(tracks)))
    first = next(iter(cells(result).values()))
    assert first["Milestone 1"] == ["Acknowledges frustration.", "Acknowledges frustration. Often."]
    assert "repeated word for word right after itself kept once" in text(result)


def test_a_link_to_a_folder_inside_the_folder_is_not_followed(tmp_path: Path) -> None:
    (tmp_path / "ladder.md").write_text(
        "| Skill | L1 | L2 |\n|---|---|---|\n| Debug | Runs. | Finds. |\n| Write | A. | B. |\n"
    )
    (tmp_path / "loop").symlink_to("..")
    from ladder_tui.core.importer.sources import read_sources

    sources = read_sources([str(tmp_path)])
    assert [name for name, _ in sources.files] == [str(tmp_path / "ladder.md")]
    assert any("(a link)" in note for note in sources.notes)


def test_two_ladders_of_a_size_with_different_levels_are_refused() -> None:
    def table(heading: str, low: str, high: str) -> str:
        return (
            f"## {heading}\n\n| Skill | {low} | {high} |\n|---|---|---|\n"
            f"| Code | Writes the code asked for. | Designs the systems. |\n"
            f"| Review | Asks for reviews of changes. | Reviews the others' changes. |\n\n"
        )

    why = refused(
        ("ladders.md", "# Ladders\n\n" + table("Engineering", "Junior", "Senior") + table("Support", "L1", "L2"))
    )
    assert "two ladders with different levels" in why and "'Engineering' (Junior, Senior)" in why
    assert "a file of its own" in why


def test_a_table_whose_headers_are_not_levels_is_refused_unless_asked() -> None:
    table = (
        "| Feature | Chrome | Firefox | Safari |\n|---|---|---|---|\n"
        "| Grid layout | Supported since version 57. | Supported since 52. | Supported since 10.1. |\n"
        "| Dialogs | Supported since 37. | Supported since 98. | Supported since 15.4. |\n"
    )
    why = refused(("support.md", table))
    assert "not named like levels" in why and "'Chrome'" in why and "--levels-in" in why
    assert levels(imp(("support.md", table), levels_in="columns")) == ["Chrome", "Firefox", "Safari"]


def test_a_database_export_with_a_name_column_is_pivoted() -> None:
    rows = "".join(
        f"{dim},{area},{level},{dim} at {level}: does the work.,2024-03-0{n}\n"
        for dim, area in (("Empathy", "Customer"), ("Tooling", "Technical"))
        for n, level in enumerate(("Specialist I", "Specialist II", "Senior Specialist"), start=1)
    )
    result = imp(("Support Ladder 7c1e.csv", "Name,Area,Level,Description,Created\n" + rows))
    assert levels(result) == ["Specialist I", "Specialist II", "Senior Specialist"]
    assert cells(result)[("Technical", "Tooling")]["Senior Specialist"] == [
        "Tooling at Senior Specialist: does the work."
    ]


def test_copies_of_the_header_a_footer_note_and_an_old_column_are_left_out() -> None:
    head = "Competency,E1,E2,E3,E4,Old wording (2019)\n"
    body = "".join(f"{dim},{dim} one.,{dim} two.,{dim} three.,{dim} four.,{dim} as it was.\n" for dim in "ABCD")
    result = imp(("m.csv", head + body[: len(body) // 2] + head + body[len(body) // 2 :]))
    assert levels(result) == ["E1", "E2", "E3", "E4"]
    assert [dim for _, dim in cells(result)] == ["A", "B", "C", "D"]
    assert "1 copy of the header row among the rows left out" in text(result)
    assert "'Old wording (2019)'" in text(result)
    rows = "Level,Code,Review\nJunior,Writes code.,Asks for review.\nSenior,Designs.,Reviews.\n,,\n"
    noted = imp(("r.csv", rows + '"Last updated by Camille, Oct 2015. Questions? #eng-ladder",,\n'))
    assert levels(noted) == ["Junior", "Senior"]
    assert "1 row holding only a note" in text(noted)


def test_a_table_beside_the_ladder_and_a_glossary_below_it_are_left_out() -> None:
    ladder = [["Competency", "DS1", "DS2", "DS3"]] + [
        [dim, f"{dim}: learns.", f"{dim}: handles.", f"{dim}: leads."] for dim in ("Statistics", "Modelling", "Story")
    ]
    beside = [
        [*row, None, side, count]
        for row, (side, count) in zip(ladder, [("Level", "Headcount"), ("DS1", 3), ("DS2", 4), ("DS3", 5)], strict=True)
    ]
    below = [
        *ladder,
        [None] * 4,
        [None] * 4,
        ["Glossary"],
        ["Term", "Meaning"],
        ["Skip-level", "A 1:1 with the manager's manager."],
    ]
    for sheet in (beside, below):
        result = imp(("m.xlsx", _workbook({"Matrix": sheet})))
        assert levels(result) == ["DS1", "DS2", "DS3"]
        assert [dim for _, dim in cells(result)] == ["Statistics", "Modelling", "Story"]


def test_html_lists_inside_markdown_table_cells_are_statements_of_their_own() -> None:
    table = (
        "| Skill | Junior | Senior |\n|---|---|---|\n"
        "| Design | <ul><li>Learns design.</li></ul> | <ul><li>Leads design.</li><li>Mentors others.</li></ul> |\n"
        "| Review | <p>Asks for reviews.</p> | <p>Reviews the others' work.</p> |\n"
    )
    assert cells(imp(("l.md", table)))[("l", "Design")]["Senior"] == ["Leads design.", "Mentors others."]


def test_a_plain_title_among_ranked_ones_is_the_rung_between_them(tmp_path: Path) -> None:
    names = ["associate-engineer", "engineer", "principal-engineer", "senior-engineer", "staff-engineer"]
    for name in names:
        title = name.replace("-", " ").title()
        (tmp_path / f"{name}.md").write_text(
            f"# {title}\n\n## Code\n\n- Code at {title}.\n\n## Review\n\n- Review at {title}.\n", encoding="utf-8"
        )
    from ladder_tui.core.importer.sources import read_sources

    result = imp(*[(name, raw) for name, raw in read_sources([str(tmp_path)]).files])
    assert levels(result) == [
        "Associate Engineer",
        "Engineer",
        "Senior Engineer",
        "Staff Engineer",
        "Principal Engineer",
    ]


def test_data_kept_level_by_level_and_dimensions_with_a_field_per_level_code() -> None:
    by_level = "title: Manager ladder\nlevels:\n" + "".join(
        f"  - name: {level}\n    competencies:\n      Coaching: [Coaching at {level}.]\n"
        f"      Hiring: [Hiring at {level}.]\n"
        for level in ("M1", "M2", "M3")
    )
    result = imp(("em.yaml", by_level))
    assert levels(result) == ["M1", "M2", "M3"]
    assert cells(result)[("Manager ladder", "Hiring")]["M2"] == ["Hiring at M2."]
    coded = (
        "levels:\n  - {code: D1, name: Associate Designer}\n  - {code: D2, name: Senior Designer}\n"
        "areas:\n  - name: Craft\n    competencies:\n"
        "      - {name: Visual, D1: Learns visual design., D2: Leads visual design.}\n"
        "      - {name: Research, D1: Joins research., D2: Plans research.}\n"
    )
    result = imp(("ladder.yml", coded))
    assert levels(result) == ["Associate Designer", "Senior Designer"]
    assert cells(result)[("Craft", "Research")] == {
        "Associate Designer": ["Joins research."],
        "Senior Designer": ["Plans research."],
    }
    by_key = "junior:\n  code: [Writes code.]\n  review: [Asks.]\nsenior:\n  code: [Designs.]\n  review: [Reviews.]\n"
    levels_file = "- {id: junior, name: Junior Engineer}\n- {id: senior, name: Senior Engineer}\n"
    result = imp(("data/competencies.yml", by_key), ("data/levels.yml", levels_file))
    assert levels(result) == ["Junior Engineer", "Senior Engineer"]
    assert [dim for _, dim in cells(result)] == ["Code", "Review"]


def test_a_sheet_saved_as_a_web_page_loses_its_column_letters_and_row_numbers() -> None:
    rows = [
        ["Skill", "Junior", "Senior"],
        ["Code", "Writes code.", "Designs systems."],
        ["Review", "Asks.", "Reviews."],
    ]
    body = "".join(
        f"<tr><th>{n}</th>"
        + "".join(f"<td>{cell}</td>" for cell in row)
        + "</tr>"
        + ("<tr><th></th><td></td><td></td><td></td></tr>" if n == 1 else "")
        for n, row in enumerate(rows, start=1)
    )
    letters = "<tr><th></th><th>A</th><th>B</th><th>C</th></tr>"
    saved = f"<table class='waffle'><thead>{letters}</thead><tbody>{body}</tbody></table>"
    result = imp(("Sheet1.html", page(saved)))
    assert levels(result) == ["Junior", "Senior"]
    assert cells(result)[("Support ladder · Acme Wiki", "Review")]["Senior"] == ["Reviews."]


def test_a_two_column_table_under_each_levels_heading() -> None:
    document = "# Support ladder\n\n" + "".join(
        f"## {level}\n\n_Typical scope._\n\n| Competency | Expectation |\n|---|---|\n"
        f"| Empathy | Empathy at {level}. |\n| Tooling | Tooling at {level}. |\n\n"
        for level in ("Specialist I", "Specialist II", "Senior Specialist")
    )
    result = imp(("ladder.md", document))
    assert levels(result) == ["Specialist I", "Specialist II", "Senior Specialist"]
    assert cells(result)[("Support ladder", "Tooling")]["Specialist II"] == ["Tooling at Specialist II."]
    assert "a table under each level's heading" in text(result)


def test_a_title_past_empty_rows_and_a_spacer_column_stay_with_the_table() -> None:
    sheet = [
        ["Acme ladder", None, None, None],
        [None] * 4,
        [None] * 4,
        ["Level", None, "Code", "Review"],
        ["Junior", None, "Writes code.", "Asks."],
        ["Senior", None, "Designs.", "Reviews."],
    ]
    result = imp(("m.xlsx", _workbook({"Sheet1": sheet})))
    assert levels(result) == ["Junior", "Senior"] and result.data["name"] == "Acme ladder"
    assert [dim for _, dim in cells(result)] == ["Code", "Review"]


def test_a_sheet_per_level_and_rating_columns_after_each_level() -> None:
    sheets = {
        level: [
            ["Area", "Competency", "Expectations"],
            ["Craft", "Visual", f"Visual at {level}."],
            ["Craft", "Motion", f"Motion at {level}."],
            ["Process", "Research", f"Research at {level}."],
        ]
        for level in ("Associate Designer", "Designer", "Senior Designer")
    }
    result = imp(("framework.xlsx", _workbook(sheets)))
    assert levels(result) == ["Associate Designer", "Designer", "Senior Designer"]
    assert cells(result)[("Process", "Research")]["Designer"] == ["Research at Designer."]
    rated = [
        ["Instructions: for each row, mark how often you show the behaviour (1 = rarely, 4 = always)."],
        ["Competency", "DS1", "Rating (1-4)", "DS2", "Rating (1-4)"],
        ["Statistics", "Learns statistics.", 3, "Handles statistics.", 2],
        ["Modelling", "Learns modelling.", 1, "Handles modelling.", None],
    ]
    result = imp(("self.xlsx", _workbook({"Self assessment": rated})))
    assert levels(result) == ["DS1", "DS2"]
    assert cells(result)[("Self assessment", "Modelling")] == {
        "DS1": ["Learns modelling."],
        "DS2": ["Handles modelling."],
    }


def test_a_google_docs_export_with_flat_lists_nested_by_their_class() -> None:
    def level(name: str) -> str:
        return f"<h2>{name}</h2>" + "".join(
            f'<ul class="lst-kix_q-0 start"><li>{dim}</li></ul>'
            f'<ul class="lst-kix_q-1 start"><li>{dim} at {name}.</li></ul>'
            for dim in ("Coaching", "Hiring")
        )

    result = imp(
        ("ladder.html", page("<p class='title'>Manager ladder</p>" + level("M1") + level("M2"), "Manager ladder"))
    )
    assert levels(result) == ["M1", "M2"]
    assert cells(result)[("Manager ladder", "Hiring")] == {"M1": ["Hiring at M1."], "M2": ["Hiring at M2."]}


def test_a_disclosure_per_level_in_markdown_and_in_a_saved_page() -> None:
    markdown = "# Manager ladder\n\n" + "".join(
        f"<details>\n<summary>{name}</summary>\n\n#### Coaching\n\n- Coaching at {name}.\n\n#### Hiring\n\n"
        f"- Hiring at {name}.\n\n</details>\n\n"
        for name in ("M1", "M2", "M3")
    )
    result = imp(("README.md", markdown))
    assert levels(result) == ["M1", "M2", "M3"]
    assert cells(result)[("Manager ladder", "Hiring")]["M3"] == ["Hiring at M3."]
    toggles = "".join(
        f"<li><details open><summary>{name}</summary><p><strong>Coaching</strong></p><ul><li>Coaching at {name}.</li>"
        f"</ul><p><strong>Hiring</strong></p><ul><li>Hiring at {name}.</li></ul></details></li>"
        for name in ("M1", "M2")
    )
    result = imp(
        ("Ladder 55aa.html", page(f"<h1>Manager ladder</h1><ul class='toggle'>{toggles}</ul>", "Manager ladder"))
    )
    assert levels(result) == ["M1", "M2"]
    assert cells(result)[("Manager ladder", "Coaching")]["M2"] == ["Coaching at M2."]


def test_sub_headings_named_after_their_level_and_a_window_title_with_the_sites_name() -> None:
    document = "---\ntitle: Backend Engineer\n---\n\n## Levels\n\n" + "".join(
        f"### {level} Backend Engineer\n\n#### {level} Backend Engineer Responsibilities\n\n- Fixes at {level}.\n\n"
        f"#### {level} Backend Engineer Requirements\n\n- Knows Rails at {level}.\n\n"
        for level in ("Junior", "Senior", "Staff")
    )
    result = imp(("backend-engineer.md", document))
    assert levels(result) == ["Junior Backend Engineer", "Senior Backend Engineer", "Staff Backend Engineer"]
    assert [dim for _, dim in cells(result)] == ["Responsibilities", "Requirements"]
    post = "<h1>How we level</h1>" + "".join(
        f"<h3>{level}</h3><p><strong>Code:</strong> Code at {level}.</p>"
        f"<p><strong>Review:</strong> Review at {level}.</p>"
        for level in ("DS1", "DS2")
    )
    result = imp(("post.html", page(post, "How we level | by Jo Doe | Acme Engineering | Medium")))
    assert result.data["name"] == "How we level"


def test_hidden_rows_columns_and_sheets_are_left_out() -> None:
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = "Ladder 2024"
    for row in (
        ["Competency", "E1", "Old wording", "E2"],
        ["Code", "Writes code.", "Types code.", "Designs code."],
        ["Hadoop (retired)", "Runs jobs.", "Runs jobs.", "Tunes jobs."],
        ["Review", "Asks.", "Asks.", "Reviews."],
    ):
        ws.append(row)
    ws.row_dimensions[3].hidden = True
    ws.column_dimensions["C"].hidden = True
    old = book.create_sheet("Ladder 2021")
    old.append(["Competency", "E1", "E2"])
    old.append(["Legacy", "Old text.", "Older text."])
    old.sheet_state = "hidden"
    out = io.BytesIO()
    book.save(out)
    result = imp(("m.xlsx", out.getvalue()))
    assert levels(result) == ["E1", "E2"]
    assert [dim for _, dim in cells(result)] == ["Code", "Review"]
    assert "1 hidden row and 1 hidden column left out" in text(result)
    assert "sheet 'Ladder 2021' is hidden" in text(result)


def test_markdown_extensions_footnotes_definition_lists_and_checkboxes() -> None:
    footnoted = (
        "| Skill | Junior | Senior |\n|---|---|---|\n| Design | Uses the system[^1]. | Extends it[^2]. |\n"
        "| Review | Asks. | Reviews. |\n\n[^1]: The design system.\n[^2]: With the team.\n"
    )
    assert cells(imp(("f.md", footnoted)))[("f", "Design")] == {
        "Junior": ["Uses the system."],
        "Senior": ["Extends it."],
    }
    defined = "# Levels\n\n" + "".join(
        f"## {level}\n\nCraft\n:   Craft at {level}.\n\nResearch\n:   Research at {level}.\n\n"
        for level in ("D1", "D2")
    )
    assert cells(imp(("d.md", defined)))[("Levels", "Research")]["D2"] == ["Research at D2."]
    checked = "# SRE\n\n" + "".join(
        f"## SRE {n}\n\n### Incidents\n\n- [x] Handles incidents at {n}.\n\n"
        f"### Tooling\n\n- [ ] Builds tools at {n}.\n\n"
        for n in (1, 2)
    )
    assert cells(imp(("c.md", checked)))[("SRE", "Tooling")]["SRE 2"] == ["Builds tools at 2."]


def test_invisible_characters_markdown_in_data_and_roles_as_levels() -> None:
    anchored = "<h1>Design levels</h1>" + "".join(
        f'<h2>{level}<a class="hash-link" href="#x">\u200b</a></h2>'
        f"<h3>Craft\u200b</h3><ul><li>Craft at {level}.</li></ul>"
        f"<h3>Research</h3><ul><li>Research at {level}.</li></ul>"
        for level in ("Designer I", "Designer II")
    )
    assert levels(imp(("d.html", page(anchored, "Design levels | Handbook")))) == ["Designer I", "Designer II"]
    data = {
        "levels": [{"id": "e1", "title": "Engineer I"}, {"id": "e2", "title": "Engineer II"}],
        "competencies": [
            {
                "name": name,
                "expectations": {"e1": f"- Writes **{name}**.\n- Reads [docs](https://x).", "e2": f"Leads {name}."},
            }
            for name in ("Code", "Review")
        ],
    }
    result = imp(("ladder.json", json.dumps(data)))
    by_dim = {dim: value for (_, dim), value in cells(result).items()}
    assert by_dim["Code"]["Engineer I"] == ["Writes Code.", "Reads docs."]
    roles = "# Membership\n\n" + "".join(
        f"## {role}\n\n### Requirements\n\n- Needs {role}.\n\n### Responsibilities\n\n- Does {role}.\n\n"
        for role in ("Member", "Reviewer", "Approver")
    )
    assert levels(imp(("roles.md", roles))) == ["Member", "Reviewer", "Approver"]


def test_a_wiki_export_folder_follows_its_parent_pages_links_and_drops_the_spaces_prefix(tmp_path: Path) -> None:
    order = ["Software Engineer I", "Software Engineer II", "Senior Software Engineer", "Staff Engineer"]
    links = "".join(f'<li><a href="page_{900 - n}.html">{name}</a></li>' for n, name in enumerate(order))
    (tmp_path / "index.html").write_text(
        f"<html><head><title>Engineering</title></head><body><ul>{links}</ul></body></html>"
    )
    for n, name in enumerate(order):
        body = f"<h1>Engineering Ladder : {name}</h1>" + "".join(
            f"<h2>{dim}</h2><ul><li>{dim} at {name}.</li></ul>" for dim in ("Code", "Review", "Delivery", "Mentoring")
        )
        (tmp_path / f"page_{900 - n}.html").write_text(
            f"<html><head><title>Engineering Ladder : {name}</title></head><body>{body}</body></html>"
        )
    from ladder_tui.core.importer.sources import read_sources

    sources = read_sources([str(tmp_path)])
    assert any("index.html links them" in note for note in sources.notes)
    assert any("index.html (the export's site map) left out" in note for note in sources.notes)
    result = imp(*sources.files)
    assert levels(result) == order


@pytest.mark.parametrize(
    ("name", "document", "needle"),
    [
        (
            "schedule.md",
            "| Time | Room A | Room B |\n|---|---|---|\n| 09:00 | Keynote on scaling. | Workshop. |\n"
            "| 10:00 | Talk on tests. | Talk on docs. |\n",
            "",
        ),
        (
            "rubric.csv",
            "Criterion,1 – Poor,2 – Fair,3 – Good,4 – Excellent\nCode,Messy code.,Some structure.,Clean.,Exemplary.\n"
            "Tests,None.,A few.,Good coverage.,Thorough.\n",
            "grades of an answer",
        ),
        (
            "calibration.md",
            "# Calibration notes\n\n"
            + "".join(
                f"## {lv}\n\n### Promotions\n\n- Ana to {lv}.\n\n### Discussion\n\n- Talked about Bo at {lv}.\n\n"
                for lv in ("L3", "L4")
            ),
            "meeting notes",
        ),
    ],
)
def test_schedules_rubrics_and_meeting_notes_are_refused(name: str, document: str, needle: str) -> None:
    assert needle in refused((name, document))


def test_a_wide_table_split_in_two_a_database_dump_and_a_merged_band_column() -> None:
    def table(levels: tuple[str, ...]) -> str:
        head = "| Competency | " + " | ".join(levels) + " |\n|---" + "|---" * len(levels) + "|\n"
        return head + "".join(
            f"| {dim} | " + " | ".join(f"{dim} at {lv}." for lv in levels) + " |\n" for dim in ("Craft", "Delivery")
        )

    split = "# Ladder\n\n" + table(("E1", "E2", "E3")) + "\n*(continued)*\n\n" + table(("E4", "E5"))
    result = imp(("ladder.md", split))
    assert levels(result) == ["E1", "E2", "E3", "E4", "E5"]
    assert cells(result)[("Ladder", "Delivery")]["E5"] == ["Delivery at E5."]
    dump = "ladder_id\tlevel_order\tlevel_name\tcompetency_area\tcompetency\tstatement_order\tstatement\n" + "".join(
        f"7\t{n}\tSRE {n}\t{area}\t{dim}\t1\t{dim} at SRE {n}.\n"
        for area, dim in (("Reliability", "Incidents"), ("Engineering", "Automation"))
        for n in (1, 2, 3)
    )
    result = imp(("ladder_statements.tsv", dump))
    assert levels(result) == ["SRE 1", "SRE 2", "SRE 3"]
    assert cells(result)[("Engineering", "Automation")]["SRE 2"] == ["Automation at SRE 2."]
    banded = [["Band", "Level", "Incidents", "Automation"]] + [
        [band, f"SRE {n}", f"Incidents at {n}.", f"Automation at {n}."]
        for band, n in (("Early career", 1), (None, 2), ("Senior", 3), (None, 4))
    ]
    result = imp(("sre.xlsx", _workbook({"SRE": banded}, {"SRE": ["A2:A3", "A4:A5"]})))
    assert levels(result) == ["SRE 1", "SRE 2", "SRE 3", "SRE 4"]


def test_a_folder_with_a_yaml_file_per_level(tmp_path: Path) -> None:
    for n in range(1, 11):
        (tmp_path / f"level-{n}.yaml").write_text(
            f"name: Level {n}\ncompetencies:\n  Code: [Code at {n}.]\n  Ops: [Ops at {n}.]\n", encoding="utf-8"
        )
    from ladder_tui.core.importer.sources import read_sources

    result = imp(*read_sources([str(tmp_path)]).files)
    assert levels(result) == [f"Level {n}" for n in range(1, 11)]
    by_dim = {dim: value for (_, dim), value in cells(result).items()}
    assert by_dim["Ops"]["Level 10"] == ["Ops at 10."]


def test_wikilinks_read_as_the_text_they_show() -> None:
    note = "# SRE\n\n" + "".join(
        f"## SRE {n}\n\n### Incidents\n\n- Leads [[Incident response|incident response]] at {n}.\n\n"
        f"### Tooling\n\n- Writes [[Runbooks]] at {n}.\n\n"
        for n in (1, 2)
    )
    assert cells(imp(("SRE.md", note)))[("SRE", "Incidents")]["SRE 1"] == ["Leads incident response at 1."]


def _level_body(level: str) -> str:
    return "".join(f"<h5>{dim}</h5><ul><li>{dim} at {level}.</li></ul>" for dim in ("Craft", "Research"))


def test_levels_behind_tabs_accordions_and_expand_macros() -> None:
    names = ("Designer I", "Designer II", "Senior Designer")
    tabs = "".join(f'<button role="tab" id="t{n}">{name}</button>' for n, name in enumerate(names))
    panels = "".join(
        f'<div role="tabpanel" aria-labelledby="t{n}"{" hidden" if n else ""}>{_level_body(name)}</div>'
        for n, name in enumerate(names)
    )
    accordion = "".join(
        f'<div class="accordion-item"><h2 class="accordion-header"><button class="accordion-button">{name}</button>'
        f'</h2><div class="accordion-collapse collapse">{_level_body(name)}</div></div>'
        for name in names
    )
    expand = "".join(
        f'<div class="expand-container"><div class="expand-control"><span class="expand-control-text">{name}</span>'
        f'</div><div class="expand-content expand-hidden">{_level_body(name)}</div></div>'
        for name in names
    )
    for body in (f'<div role="tablist">{tabs}</div>{panels}', accordion, expand):
        result = imp(("levels.html", page(f"<h1>Design levels</h1>{body}", "Design levels")))
        assert levels(result) == list(names)
        by_dim = {dim: value for (_, dim), value in cells(result).items()}
        assert by_dim["Research"]["Senior Designer"] == ["Research at Senior Designer."]


def test_a_documentation_sites_tabs_with_an_admonition_left_out() -> None:
    page_text = (
        "---\ntitle: Support ladder\n---\n\nimport TabItem from '@theme/TabItem';\n\n<Tabs>\n"
        + "".join(
            f'  <TabItem value="l{n}" label="{name}">\n\n### Troubleshooting\n\n- Troubleshoots at {name}.\n\n'
            f"### Writing\n\n- Writes at {name}.\n\n:::tip\n\nLevels are cumulative.\n\n:::\n\n  </TabItem>\n"
            for n, name in enumerate(("Support Engineer I", "Support Engineer II", "Support Lead"))
        )
        + "</Tabs>\n"
    )
    result = imp(("support-ladder.mdx", page_text), fmt="markdown")
    assert levels(result) == ["Support Engineer I", "Support Engineer II", "Support Lead"]
    assert cells(result)[("Support ladder", "Writing")]["Support Lead"] == ["Writes at Support Lead."]


def test_one_nested_list_of_areas_competencies_and_levels() -> None:
    document = "# Data ladder\n\nEach competency by level.\n\n" + "".join(
        f"- **{area}**\n"
        + "".join(
            f"  - {dim}\n" + "".join(f"    - {level}: {dim} at {level}.\n" for level in ("DS I", "DS II", "Senior DS"))
            for dim in dims
        )
        for area, dims in (("Technical", ("Analysis", "Modeling")), ("Impact", ("Partnership",)))
    )
    result = imp(("ladder.md", document))
    assert levels(result) == ["DS I", "DS II", "Senior DS"]
    assert cells(result)[("Impact", "Partnership")]["DS II"] == ["Partnership at DS II."]
