"""Import you can see before it is written, and do again: `--dry-run`'s preview, the recipe kept in the framework
file (`[import]`) and `--update` that re-reads a newer version of the document the same way, and DOCX."""

from __future__ import annotations

import datetime
import io
import tomllib
from pathlib import Path
from typing import Any

from conftest import run_cli

FIXTURES = Path(__file__).parent / "fixtures" / "import"


def test_dry_run_prints_the_report_and_a_preview_and_writes_nothing(ladder_home: Path) -> None:
    done = run_cli(ladder_home, "frameworks", "import", str(FIXTURES / "team-ladder.md"), "--dry-run")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "levels (3): Agent (L1) [L1], Senior Agent (L2) [L2]" in out  # the report, as a real import prints it
    assert "preview (--dry-run: nothing was written):" in out
    assert "3 levels × 2 areas × 4 dimensions" in out
    assert "Customer care › Empathy:" in out
    assert "    Agent (L1): Acknowledges the customer's feelings. Stays calm." in out
    assert "    Lead Agent (L3): Coaches others on empathy." in out
    assert "wrote" not in out
    assert not (ladder_home / "frameworks").exists() or not any((ladder_home / "frameworks").iterdir())


# ----------------------------------------------------------------- DOCX


def _docx_table_ladder() -> bytes:
    """What a lead writes in Word: a title, a table (levels as columns, a bold category row merged across, a
    dimension whose words go on over two paragraphs and a bulleted list), and a note after it."""
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    document.add_heading("Acme Support Ladder", level=0)
    document.add_paragraph("How we grow support agents. Ask your lead about anything here.")
    table = document.add_table(rows=5, cols=3)
    header = table.rows[0].cells
    for cell, text in zip(header, ["Competency", "Agent", "Senior Agent"], strict=True):
        cell.text = text
    category = table.rows[1].cells[0].merge(table.rows[1].cells[2])
    category.paragraphs[0].add_run("Customer care").bold = True
    table.rows[2].cells[0].text = "Empathy"
    first = table.rows[2].cells[1].paragraphs[0]
    first.add_run("Acknowledges the customer's feelings.")
    first.add_run().add_break(WD_BREAK.LINE)
    first.add_run("Stays calm under pressure.")
    table.rows[2].cells[2].text = "Turns frustrated customers into fans."
    table.rows[3].cells[0].text = "Troubleshooting"
    steps = table.rows[3].cells[1]
    steps.text = "Follows the guide."
    steps.add_paragraph("Escalates when stuck.", style="List Bullet")
    table.rows[3].cells[2].text = "Finds the root cause of new problems."
    table.rows[4].cells[0].text = "Documentation"
    table.rows[4].cells[1].text = "Reads the docs."
    table.rows[4].cells[2].text = "Writes KB articles, with examples & links."
    document.add_paragraph("Reviewed every January.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _docx_outline_ladder() -> bytes:
    """The other shape: a heading per level, a bulleted list under each, bold dimension names before a colon."""
    import docx

    document = docx.Document()
    document.add_heading("Support Engineer Ladder", level=0)
    for level, words in (
        ("Support Engineer I", ("Answers tickets with the runbook.", "Writes clear replies.")),
        ("Support Engineer II", ("Debugs without the runbook.", "Coaches new hires on replies.")),
        ("Senior Support Engineer", ("Changes the runbook.", "Sets the team's tone.")),
    ):
        document.add_heading(level, level=1)
        for dimension, text in zip(("Technical depth", "Communication"), words, strict=True):
            item = document.add_paragraph(style="List Bullet")
            item.add_run(f"{dimension}:").bold = True
            item.add_run(f" {text}")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _levels(data: dict[str, object]) -> list[str]:
    return [level["name"] for level in data["levels"]]  # type: ignore[index, union-attr]


def _words(data: dict[str, object]) -> dict[str, dict[str, object]]:
    return {
        dim["name"]: dim["levels"]  # type: ignore[index]
        for area in data["areas"]  # type: ignore[union-attr]
        for dim in area["dimensions"]  # type: ignore[index]
    }


def test_a_docx_table_ladder_imports_word_for_word(ladder_home: Path, tmp_path: Path) -> None:
    path = tmp_path / "acme.docx"
    path.write_bytes(_docx_table_ladder())
    done = run_cli(ladder_home, "frameworks", "import", str(path))
    assert done.returncode == 0, done.stderr
    assert "read " in done.stdout and "(Word document)" in done.stdout
    data = tomllib.loads((ladder_home / "frameworks" / "acme-support-ladder.toml").read_text(encoding="utf-8"))
    assert data["name"] == "Acme Support Ladder"
    assert _levels(data) == ["Agent", "Senior Agent"]
    assert [area["name"] for area in data["areas"]] == ["Customer care"]
    words = _words(data)
    assert words["Empathy"] == {
        "agent": ["Acknowledges the customer's feelings.", "Stays calm under pressure."],
        "senior-agent": "Turns frustrated customers into fans.",
    }
    assert words["Troubleshooting"]["agent"] == ["Follows the guide.", "Escalates when stuck."]
    assert words["Documentation"]["senior-agent"] == "Writes KB articles, with examples & links."


def test_a_docx_outline_ladder_and_a_docx_without_its_name(ladder_home: Path, tmp_path: Path) -> None:
    from ladder_tui.core.importer import import_ladder

    result = import_ladder([("engineer.docx", _docx_outline_ladder())], today=datetime.date(2026, 12, 6))
    assert _levels(result.data) == ["Support Engineer I", "Support Engineer II", "Senior Support Engineer"]
    words = _words(result.data)
    assert words["Technical depth"]["support-engineer-ii"] == "Debugs without the runbook."
    assert words["Communication"]["senior-support-engineer"] == "Sets the team's tone."
    # Named without .docx (a download called "ladder"): known by what the zip holds.
    nameless = import_ladder([("ladder", _docx_outline_ladder())], today=datetime.date(2026, 12, 6))
    assert nameless.data["levels"] == result.data["levels"]
    assert any("DOCX (guessed from the content: a zip archive" in line for line in nameless.report)


# ----------------------------------------------------------------- the recipe, and --update


def test_update_reads_the_edited_document_the_same_way_and_every_answer_is_kept(
    ladder_home: Path, tmp_path: Path
) -> None:
    from conftest import make_assessment
    from ladder_tui.core.domain import rules
    from ladder_tui.core.storage.assessments import framework_text, open_assessment
    from ladder_tui.core.storage.catalog import FrameworkCatalog
    from ladder_tui.core.storage.loader import load_framework

    source = tmp_path / "ladder.md"
    source.write_text((FIXTURES / "team-ladder.md").read_text(encoding="utf-8"), encoding="utf-8")
    done = run_cli(ladder_home, "frameworks", "import", str(source), "--levels-in", "columns")
    assert done.returncode == 0, done.stderr
    framework_file = ladder_home / "frameworks" / "acme-support-ladder.toml"
    # The team then gave its own ids by hand (a fresh import would make others): an update must keep these.
    data = tomllib.loads(framework_file.read_text(encoding="utf-8"))
    data["levels"][0]["id"] = "agent"
    for area in data["areas"]:
        for dim in area["dimensions"]:
            dim["levels"] = {("agent" if key == "l1" else key): value for key, value in dim["levels"].items()}
    data["areas"][0]["id"] = "care"
    data["areas"][0]["dimensions"][0]["id"] = "care-empathy"
    framework_file.write_text(framework_text(data), encoding="utf-8")
    first = load_framework(framework_file)
    assert first.levels[0].id == "agent" and first.areas[0].dimensions[0].id == "care-empathy"
    assert first.recipe is not None and first.recipe.levels_in == "columns" and first.recipe.format == "markdown"
    assert first.recipe.paths == (str(source.resolve()),)
    keys = [(area.id, dim.id) for area in first.areas for dim in area.dimensions]
    answers = {key: first.levels[i % len(first.levels)].id for i, key in enumerate(keys)}
    path = make_assessment(first, "Ana", "self", ratings={"self": answers}, notes={"self": {keys[0]: "my example"}})

    # The same bytes: nothing to do.
    same = run_cli(ladder_home, "frameworks", "import", "--update", "acme-support-ladder")
    assert same.returncode == 0 and "nothing to update" in same.stdout

    # The team edits its document: new words for one dimension, a new dimension, the rows of an area reordered.
    text = source.read_text(encoding="utf-8")
    text = text.replace("Turns **frustrated** customers into fans.", "Turns upset customers into loyal fans.")
    text += "| *Tone* | Polite. | Warm. | Sets the team's tone. |\n"
    source.write_text(text, encoding="utf-8")
    dry = run_cli(ladder_home, "frameworks", "import", "--update", "acme-support-ladder", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "changed: dimensions added (1): Tone" in dry.stdout
    assert "changed: 1 dimension described in other words" in dry.stdout
    assert load_framework(framework_file).content_hash == first.content_hash  # --dry-run wrote nothing

    updated = run_cli(ladder_home, "frameworks", "import", "--update", "acme-support-ladder")
    assert updated.returncode == 0, updated.stderr
    assert "updated " in updated.stdout and "to version 2" in updated.stdout
    second = load_framework(framework_file)
    assert second.version == "2" and second.content_hash != first.content_hash
    assert [level.id for level in second.levels] == [level.id for level in first.levels]
    assert [(a.id, d.id) for a in second.areas for d in a.dimensions][: len(keys)] == keys
    assert second.recipe is not None and second.recipe.hash != first.recipe.hash
    # Every answer given on the first version is on its dimension and level in the second.
    opened = open_assessment(path, FrameworkCatalog())
    assert opened.framework.version == "2"
    assert rules.orphans(opened.framework, opened.assessment) == []
    assert rules.unknown_ratings(opened.framework, opened.assessment) == []
    for key, level_id in answers.items():
        assert opened.assessment.rating(*key, "self") == level_id
    assert opened.assessment.note(*keys[0], "self") == "my example"
    assert rules.counts(opened.framework, opened.assessment, "self").answered == len(keys)


def test_update_is_refused_for_a_framework_not_imported_and_with_other_options(ladder_home: Path) -> None:
    builtin = run_cli(ladder_home, "frameworks", "import", "--update", "customer-support-l1-l5")
    assert builtin.returncode == 2 and "a built-in framework" in builtin.stderr
    missing = run_cli(ladder_home, "frameworks", "import", "--update", "nope")
    assert missing.returncode == 2 and "no such framework" in missing.stderr
    done = run_cli(ladder_home, "frameworks", "import", str(FIXTURES / "team-ladder.md"))
    assert done.returncode == 0, done.stderr
    options = run_cli(ladder_home, "frameworks", "import", "--update", "acme-support-ladder", "--sheet", "x")
    assert options.returncode == 2 and "--sheet cannot change that" in options.stderr
    nothing = run_cli(ladder_home, "frameworks", "import")
    assert nothing.returncode == 2 and "name the file(s)" in nothing.stderr


# ----------------------------------------------------------------- the preview screen


async def _preview(pilot: Any, app: Any, path: Path) -> Any:
    from textual.widgets import Input

    from conftest import settle
    from ladder_tui.tui.screens.import_preview import ImportPreviewScreen

    await pilot.press("f")
    await pilot.pause()
    await pilot.press("i")
    await pilot.pause()
    app.screen.query_one(Input).value = str(path)
    await pilot.press("enter")
    return await settle(pilot, ImportPreviewScreen)


def _framework_text(screen: Any) -> str:
    return str(screen.query_one("#preview-framework").content)


def _rows(screen: Any) -> list[str]:
    options = screen.query_one("#preview-parts")
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_the_preview_changes_a_role_and_the_framework_follows_then_writes_only_on_ctrl_s(
    ladder_home: Path, tmp_path: Path
) -> None:
    from conftest import settle
    from ladder_tui.core.storage.loader import load_framework
    from ladder_tui.tui.app import make_app
    from ladder_tui.tui.screens.frameworks import FrameworksScreen

    source = tmp_path / "ladder.md"
    source.write_text((FIXTURES / "team-ladder.md").read_text(encoding="utf-8"), encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _preview(pilot, app, source)
        assert "3 levels × 2 areas × 4 dimensions" in _framework_text(screen)
        rows = _rows(screen)
        assert rows[:3] == ["✔ level     Agent (L1)", "✔ level     Senior Agent (L2)", "✔ level     Lead Agent (L3)"]
        assert "✔ area      Customer care" in rows and "✔ dimension   Troubleshooting" in rows
        # Keys only: down to Troubleshooting, leave it out; the framework shown follows at once.
        for _ in range(rows.index("✔ dimension   Troubleshooting")):
            await pilot.press("down")
        await pilot.press("space")
        await pilot.pause()
        assert "✘ ignored     Troubleshooting (dimension)" in _rows(screen)
        assert "3 levels × 2 areas × 3 dimensions" in _framework_text(screen)
        # And the top level: Lead Agent (L3) left out.
        for _ in range(rows.index("✔ dimension   Troubleshooting") - 2):
            await pilot.press("up")
        await pilot.press("space")
        await pilot.pause()
        assert "2 levels × 2 areas × 3 dimensions" in _framework_text(screen)
        assert not (ladder_home / "frameworks").exists() or not list((ladder_home / "frameworks").iterdir())
        # The id, by keys.
        await pilot.press("i")
        await pilot.pause()
        await pilot.press("ctrl+u", *"acme-two", "enter")
        await pilot.pause()
        assert "id: acme-two (i)" in str(screen.query_one("#preview-options").content)
        await pilot.press("ctrl+s")
        await settle(pilot, FrameworksScreen, tries=40)
    saved = load_framework(ladder_home / "frameworks" / "acme-two.toml")
    assert [level.name for level in saved.levels] == ["Agent (L1)", "Senior Agent (L2)"]
    assert [d.name for a in saved.areas for d in a.dimensions] == ["Empathy", "Documentation", "Documentation"]
    assert saved.recipe is not None
    assert set(saved.recipe.ignore) == {"dimension:Customer care/Troubleshooting", "level:Lead Agent (L3)"}
    # --update makes the same choices again on the next version of the document.
    source.write_text(source.read_text(encoding="utf-8").replace("Stays calm.", "Stays calm and kind."), "utf-8")
    done = run_cli(ladder_home, "frameworks", "import", "--update", "acme-two")
    assert done.returncode == 0, done.stderr
    again = load_framework(ladder_home / "frameworks" / "acme-two.toml")
    assert [level.name for level in again.levels] == ["Agent (L1)", "Senior Agent (L2)"]
    assert "Troubleshooting" not in [d.name for a in again.areas for d in a.dimensions]


async def test_the_preview_reads_the_levels_another_way_and_escape_writes_nothing(
    ladder_home: Path, tmp_path: Path
) -> None:
    from conftest import settle
    from ladder_tui.tui.app import make_app
    from ladder_tui.tui.screens.importer import ImportScreen

    source = tmp_path / "ladder.csv"
    source.write_text(
        "Skill,Agent,Senior,Lead\nEmpathy,Listens.,Coaches.,Sets the tone.\nCare,Follows up.,Owns it.,Builds it.\n",
        encoding="utf-8",
    )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _preview(pilot, app, source)
        assert "3 levels × 1 area × 2 dimensions" in _framework_text(screen)
        await pilot.press("a")  # columns (as detected), then rows: the levels become Empathy and Care
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        options = str(screen.query_one("#preview-options").content)
        assert "levels: levels are the rows (a)" in options
        assert "2 levels × 1 area × 3 dimensions" in _framework_text(screen)
        await pilot.press("escape")
        await settle(pilot, ImportScreen)
    assert not (ladder_home / "frameworks").exists() or not list((ladder_home / "frameworks").iterdir())


def test_update_keeps_ids_of_dimensions_named_alike_in_two_areas_and_says_when_one_moved(
    ladder_home: Path, tmp_path: Path
) -> None:
    from ladder_tui.core.storage.loader import load_framework

    source = tmp_path / "ladder.md"
    source.write_text(
        "# Ladder\n\n## Craft\n\n| Competency | Junior | Senior |\n|---|---|---|\n"
        "| Impact | Small things. | Big things. |\n| Scope | A task. | A project. |\n| Testing | Tests. | Strategy. |\n"
        "\n## People\n\n| Competency | Junior | Senior |\n|---|---|---|\n"
        "| Impact | Helps one. | Helps many. |\n| Scope | A team. | An org. |\n",
        encoding="utf-8",
    )
    assert run_cli(ladder_home, "frameworks", "import", str(source), "--id", "lad").returncode == 0
    framework_file = ladder_home / "frameworks" / "lad.toml"
    before = {(a.id, d.id) for a in load_framework(framework_file).areas for d in a.dimensions}
    assert ("people", "impact") in before  # two areas, one name: the same id in each
    # Testing moves from Craft to People, and People's words change.
    text = source.read_text(encoding="utf-8").replace("| Testing | Tests. | Strategy. |\n", "")
    text = text.replace(
        "| Scope | A team. | An org. |\n", "| Scope | A team. | An org. |\n| Testing | Tests. | Strategy. |\n"
    )
    source.write_text(text.replace("Helps many.", "Helps everyone."), encoding="utf-8")
    done = run_cli(ladder_home, "frameworks", "import", "--update", "lad")
    assert done.returncode == 0, done.stderr
    assert "changed: dimensions moved to another area (1): Testing (Craft → People)" in done.stdout
    after = {(a.id, d.id) for a in load_framework(framework_file).areas for d in a.dimensions}
    assert before - {("craft", "testing")} <= after and ("people", "testing") in after


# ----------------------------------------------------------------- joining a dimension named otherwise at a level


def test_a_dimension_named_otherwise_at_one_level_is_suggested_and_joined_word_for_word() -> None:
    """A page per level, each naming a dimension its own way ("Strategy", then "Strategy and Change Management"): the
    report names the pair; joining puts the one into the other at its levels, after the other's own words."""
    from ladder_tui.core.services import importing

    result = importing.read_ladder([str(FIXTURES / "renamed-dimension.md")])
    area = "Acme ladder"
    assert importing.join_candidates(result.data) == [(area, "Strategy and Change Management", "Strategy")]
    said = [line for line in result.report if line.startswith("may be one dimension")]
    assert said == [
        "may be one dimension named differently at different levels: Acme ladder › 'Strategy and Change Management' "
        "(Senior Agent) and 'Strategy' (Agent, Lead Agent) (j in the import preview joins them)"
    ]
    pair = (f"dimension:{area}/Strategy and Change Management", f"dimension:{area}/Strategy")
    joined = importing.read_ladder([str(FIXTURES / "renamed-dimension.md")], join=[pair])
    (dims,) = [a["dimensions"] for a in joined.data["areas"]]
    assert [d["name"] for d in dims] == ["Care", "Strategy"]
    assert dims[1]["levels"] == {
        "agent": "Follows the team's plan.",
        "senior-agent": "Leads a change in how the team works.",
        "lead-agent": "Sets the team's plan.",
    }
    assert joined.data["import"]["join"] == [list(pair)]
    assert f"joined as chosen: {area} › Strategy and Change Management into Strategy" in joined.report
    assert not [line for line in joined.report if line.startswith("may be one dimension")]
    # Where both have words at a level, the second keeps its own first; a pair not found is passed over.
    data = {
        "levels": [{"id": "a", "name": "A"}],
        "areas": [
            {"name": "X", "dimensions": [{"name": "P", "levels": {"a": "p"}}, {"name": "Q", "levels": {"a": ["q"]}}]}
        ],
    }
    assert importing.join_dimensions(data, [("dimension:X/P", "dimension:X/Q"), ("dimension:X/Gone", "dimension:X/Q")])
    assert data["areas"][0]["dimensions"] == [{"name": "Q", "levels": {"a": ["q", "p"]}}]
    assert importing.join_candidates(data) == []
    # Two named alike cannot be told apart by name (nor joined by it); a name many dimensions of an area begin with
    # (a hostile or generated file) offers no pairs, rather than every pair.
    levels = [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}]
    two = [{"name": "Same", "levels": {"a": "x"}}, {"name": "Same", "levels": {"b": "y"}}]
    assert importing.join_candidates({"levels": levels, "areas": [{"name": "X", "dimensions": two}]}) == []
    two[1]["name"] = "Same thing"
    assert importing.join_candidates({"levels": levels, "areas": [{"name": "X", "dimensions": two}]}) == [
        ("X", "Same", "Same thing")
    ]
    many = [{"name": f"Same {n}", "levels": {"a" if n % 2 else "b": "x"}} for n in range(2000)]
    many.append({"name": "Same", "levels": {"a": "z"}})
    assert importing.join_candidates({"levels": levels, "areas": [{"name": "X", "dimensions": many}]}) == []
    # A join the document no longer allows (renamed since) is said, not passed over in silence.
    gone = ("dimension:Acme ladder/Nope", "dimension:Acme ladder/Strategy")
    again = importing.read_ladder([str(FIXTURES / "renamed-dimension.md")], join=[gone])
    assert "not joined, as they are not both in the document now: Acme ladder › Nope into Acme ladder › Strategy" in (
        again.report
    )


async def test_the_preview_joins_a_renamed_dimension_takes_it_apart_and_update_joins_it_again(
    ladder_home: Path, tmp_path: Path
) -> None:
    from conftest import settle
    from ladder_tui.core.storage.loader import load_framework
    from ladder_tui.tui.app import make_app
    from ladder_tui.tui.screens.frameworks import FrameworksScreen

    source = tmp_path / "ladder.md"
    source.write_text((FIXTURES / "renamed-dimension.md").read_text(encoding="utf-8"), encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _preview(pilot, app, source)
        assert "3 levels × 1 area × 3 dimensions" in _framework_text(screen)
        rows = _rows(screen)
        suggested = "✔ dimension   Strategy and Change Management (one with Strategy? j)"
        assert suggested in rows and "✔ dimension   Strategy (one with Strategy and Change Management? j)" in rows
        for _ in range(rows.index(suggested)):
            await pilot.press("down")
        await pilot.press("j")
        await pilot.pause()
        assert "✔ joined      Strategy and Change Management → Strategy" in _rows(screen)
        assert "3 levels × 1 area × 2 dimensions" in _framework_text(screen)
        # The joined row shows the words the joined dimension now has at each level.
        assert "Senior Agent: Leads a change in how the team works." in _framework_text(screen)
        assert "Lead Agent: Sets the team's plan." in _framework_text(screen)
        await pilot.press("j")  # apart again
        await pilot.pause()
        assert "3 levels × 1 area × 3 dimensions" in _framework_text(screen)
        # Left out, it is not joined (its words would come back in the other); taken back, it is.
        await pilot.press("space", "j")
        await pilot.pause()
        assert "3 levels × 1 area × 2 dimensions" in _framework_text(screen)  # only left out
        assert "Leads a change" not in _framework_text(screen)
        await pilot.press("space", "j")
        await pilot.pause()
        assert "✔ joined      Strategy and Change Management → Strategy" in _rows(screen)
        # The one it is joined into is not left out while it holds the other's words.
        await pilot.press("down", "space")
        await pilot.pause()
        assert "✔ dimension   Strategy" in _rows(screen) and "Leads a change" in _framework_text(screen)
        await pilot.press("up")
        await pilot.press("ctrl+s")
        await settle(pilot, FrameworksScreen, tries=40)
    saved = load_framework(ladder_home / "frameworks" / "acme-ladder.toml")
    assert [d.name for a in saved.areas for d in a.dimensions] == ["Care", "Strategy"]
    assert saved.recipe is not None
    assert saved.recipe.join == (
        ("dimension:Acme ladder/Strategy and Change Management", "dimension:Acme ladder/Strategy"),
    )
    # The next version of the page is joined the same way.
    source.write_text(source.read_text(encoding="utf-8").replace("Leads a change", "Leads each change"), "utf-8")
    done = run_cli(ladder_home, "frameworks", "import", "--update", "acme-ladder")
    assert done.returncode == 0, done.stderr
    again = load_framework(ladder_home / "frameworks" / "acme-ladder.toml")
    strategy = again.areas[0].dimensions[1]
    assert strategy.name == "Strategy" and again.descriptor(strategy, "senior-agent") == (
        "Leads each change in how the team works.",
    )
