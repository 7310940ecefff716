"""One model, one truth: the rules are defined once (core.rules) and every view counts through them.

A property test generates assessments (every slot, skips, not applicable, ratings at levels the framework no longer
has, optional areas on and off) and checks that the walk, `list` (and Home's rows), the scoring result and
`summary --format json` agree. Then the issue's own example, walked in the app: level / below / N/A / skip / level.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import builtin_framework, builtin_ids, make_assessment
from ladder_tui import cli
from ladder_tui.core.domain import rules
from ladder_tui.core.domain.assessment import BELOW, NOT_APPLICABLE, SKIPPED, SLOTS, Assessment, new_assessment
from ladder_tui.core.domain.scoring import score
from ladder_tui.core.domain.session import WalkSession
from ladder_tui.core.storage.assessments import open_assessment, save_assessment
from ladder_tui.core.storage.catalog import FrameworkCatalog
from ladder_tui.core.storage.listing import list_assessments
from ladder_tui.core.storage.loader import load_assessment
from ladder_tui.tui.app import make_app
from ladder_tui.tui.screens.area import AreaIntroScreen
from ladder_tui.tui.screens.dimension import DimensionScreen
from ladder_tui.tui.widgets.walk_heading import WalkHeading

FRAMEWORKS = {framework_id: builtin_framework(framework_id) for framework_id in builtin_ids()}


@st.composite
def assessments(draw: st.DrawFn) -> Assessment:
    fw = FRAMEWORKS[draw(st.sampled_from(sorted(FRAMEWORKS)))]
    questions = {question.id: draw(st.booleans()) for question in fw.questions}
    assessment = new_assessment(fw, "Prop Test", assessment_id="prop", questions=questions)
    values = st.none() | st.sampled_from([*fw.level_ids, BELOW, NOT_APPLICABLE, SKIPPED, "retired-level"])
    # Answers anywhere in the framework, also in optional areas that do not apply (they must not count).
    for area_id, dim_id in fw.dimension_keys():
        for slot in SLOTS:
            value = draw(values)
            if value is not None:
                assessment.set_rating(area_id, dim_id, slot, value)
    return assessment


def _list_output(folder_home: Path) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        assert cli.main(["list"]) == 0
    return out.getvalue()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(assessment=assessments())
def test_every_view_counts_the_same(assessment: Assessment, ladder_home: Path) -> None:
    catalog = FrameworkCatalog()
    fw = catalog.get(assessment.framework.id)
    folder = ladder_home / "assessments"
    for old in folder.glob("*.toml") if folder.exists() else ():
        old.unlink()
    path = folder / "prop.toml"
    save_assessment(assessment, path)
    expected = rules.counts(fw, assessment)

    # list and Home read the same rows, through the loader.
    rows = list_assessments(catalog).rows
    assert [row.counts for row in rows] == [expected]
    assert re.search(rf"\bprop\b.*\s{expected.answered}/{expected.total}\s", _list_output(ladder_home))

    # The scoring result and the JSON summary.
    result = score(fw, load_assessment(path))
    data = json.loads(_summary_json(path))
    for source in (result.to_dict(), data):
        assert (source["answered"], source["applicable"], source["not_applicable"], source["total"]) == (
            expected.answered,
            expected.applicable,
            expected.not_applicable,
            expected.total,
        )
        assert abs(source["confidence"] - expected.confidence) < 1e-12
    assert sum(1 for item in data["dimensions"] if item["effective"] is not None) == expected.answered

    # The walk counts the slot its sitting writes, with the same rules, and resumes on its first unanswered.
    opened = open_assessment(path, catalog)
    for mode, slot in (("self", "self"), ("lead", "lead"), ("pair", "agreed")):
        walk = WalkSession(opened, mode, read_only=True)  # type: ignore[arg-type]
        assert walk.counts() == rules.counts(fw, assessment, slot)  # type: ignore[arg-type]
        point = rules.resume_point(fw, assessment, slot)  # type: ignore[arg-type]
        if point is not None:
            assert (walk.step.area.id, walk.step.dimension.id) == point
            assert not walk.is_answered(walk.step)


L1_L5 = "customer-support-l1-l5"


def _summary_json(path: Path) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        assert cli.main(["summary", str(path), "--format", "json"]) == 0
    return out.getvalue()


def test_each_rule_is_defined_once_and_only_the_loader_parses_toml() -> None:
    """The rules live in core/domain/rules.py alone; no other module of the program parses TOML."""
    src = Path(__file__).resolve().parents[1] / "src" / "ladder_tui"
    sources = {path: path.read_text(encoding="utf-8") for path in src.rglob("*.py")}
    names = ("effective_rating", "is_answer", "counts", "area_counts", "resume_point", "applicable_dimensions")
    for name in (*names, "rated_by_others", "answer_label"):
        defined = [path.name for path, text in sources.items() if re.search(rf"^def {name}\(", text, re.MULTILINE)]
        assert defined == ["rules.py"], (name, defined)
    parsers = [
        path.relative_to(src).as_posix()
        for path, text in sources.items()
        if re.search(r"^\s*(import tomllib|import tomli\b|from tomli(b)? import|import tomli as)", text, re.MULTILINE)
    ]
    assert parsers == ["core/storage/loader.py"], parsers
    # The slot precedence is written once: nothing else spells the three slots out in that order.
    spelled = [
        path.relative_to(src).as_posix()
        for path, text in sources.items()
        if re.search(r"""["']agreed["'],\s*["']lead["'],\s*["']self["']""", text)
    ]
    assert spelled == ["core/domain/rules.py"], spelled


def test_one_answer_label_for_every_view_and_format() -> None:
    from ladder_tui.core.presentation.document import raw_rating
    from ladder_tui.tui.screens.review import short_answer

    fw = builtin_framework(L1_L5)
    first, third = fw.levels[0], fw.levels[2]
    assert [rules.answer_label(fw.levels, v) for v in (third.id, BELOW, NOT_APPLICABLE, SKIPPED, None, "gone")] == [
        f"3 {third.name}",
        f"below {first.name}",
        "not applicable",
        "skipped",
        "—",
        "gone (not a level of this framework)",
    ]
    assert [rules.answer_label(fw.levels, v, short=True) for v in (third.id, BELOW, NOT_APPLICABLE, "gone")] == [
        f"3 {third.label}",
        "below",
        "n/a",
        "gone?",
    ]
    # The review table and the summary's answers table say it the same way (the walk calls it directly).
    path = make_assessment(fw, "Ana", assessment_id="labels")
    walk = WalkSession.start(open_assessment(path, FrameworkCatalog()), "self")
    result = score(fw, load_assessment(path))
    for value in (third.id, BELOW, NOT_APPLICABLE, SKIPPED):
        assert (
            short_answer(walk, value) == raw_rating(result, value) == rules.answer_label(fw.levels, value, short=True)
        )
    walk.close()


def test_a_leads_skip_is_no_rating_by_someone_else() -> None:
    fw = builtin_framework(L1_L5)
    keys = fw.dimension_keys()
    skipped = make_assessment(fw, "Ana", assessment_id="lead-skipped", ratings={"lead": {keys[0]: SKIPPED}})
    assert not rules.rated_by_others(fw, load_assessment(skipped))
    assert rules.slot_counts(fw, load_assessment(skipped))["lead"] == 0
    rated = make_assessment(fw, "Bo", assessment_id="lead-rated", ratings={"lead": {keys[0]: fw.levels[1].id}})
    assert rules.rated_by_others(fw, load_assessment(rated))


# ----- the example of the issue, walked in the app -----


async def test_level_below_na_skip_level_is_four_answered_everywhere(ladder_home: Path) -> None:
    fw = builtin_framework(L1_L5)
    keys = fw.dimension_keys()
    path = make_assessment(fw, "Ana Lima", assessment_id="ana")
    app = make_app(assessment_path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, AreaIntroScreen)
        await pilot.press("enter", "2", "0", "x", "s", "3")
        for _ in range(20):
            await pilot.pause()
            if isinstance(app.screen, (DimensionScreen, AreaIntroScreen)):
                break
        # The walk's counter: the Engagement intro is showing; its dimension screen underneath counts.
        walk = app.walk
        assert walk is not None and walk.counts() == rules.Counts(11, 4, 1)
    saved = load_assessment(path)
    assert [saved.rating(*key, "self") for key in keys[:5]] == ["l2", BELOW, NOT_APPLICABLE, SKIPPED, "l3"]
    assert re.search(r"\bana\b.*\s4/11\s", _list_output(ladder_home))
    data = json.loads(_summary_json(path))
    assert (data["answered"], data["total"], data["not_applicable"], data["applicable"]) == (4, 11, 1, 10)
    assert data["confidence"] == 0.3

    # Reopening lands on dimension 4, the skipped one.
    again = make_app(assessment_path=path)
    async with again.run_test(size=(80, 24)) as pilot:
        for _ in range(20):
            await pilot.pause()
            if isinstance(again.screen, DimensionScreen):
                break
        screen = again.screen
        assert isinstance(screen, DimensionScreen)
        assert again.walk is not None and again.walk.index == 3
        assert screen.query_one(WalkHeading).count == "4 of 11 · 4 answered"

    # The framework renames a level that was used (l3 -> l3b): one fewer everywhere, the file keeps the old one.
    user = ladder_home / "frameworks"
    user.mkdir()
    source = (Path(__file__).resolve().parents[1] / "frameworks" / f"{L1_L5}.toml").read_text(encoding="utf-8")
    (user / f"{L1_L5}.toml").write_text(source.replace('id = "l3"', 'id = "l3b"').replace("l3 = ", "l3b = "), "utf-8")
    catalog = FrameworkCatalog()
    renamed = catalog.get(L1_L5)
    assert not renamed.has_level("l3")
    assert rules.counts(renamed, load_assessment(path)) == rules.Counts(11, 3, 1)
    assert re.search(r"\bana\b.*\s3/11\s", _list_output(ladder_home))
    data = json.loads(_summary_json(path))
    assert (data["answered"], data["not_applicable"]) == (3, 1)
    opened = open_assessment(path, catalog)
    assert WalkSession(opened, "self", read_only=True).counts().answered == 3
    assert any("'l3'" in warning and "kept but not scored" in warning for warning in opened.warnings)
    assert load_assessment(path).rating(*keys[4], "self") == "l3"


def test_format_1_files_written_before_open_list_and_summarise_unchanged(ladder_home: Path) -> None:
    """A file as the first version wrote it (a session at creation, cursors, mode) opens and is not rewritten."""
    folder = ladder_home / "assessments"
    folder.mkdir()
    path = folder / "old.toml"
    fw = builtin_framework(L1_L5)
    text = (
        "# ladder-tui assessment: personal data, keep private. Edited by ladder-tui; safe to read and diff.\n"
        'format_version = 1\nkind = "ladder-tui assessment"\nid = "old"\nsubject = "Old File"\nmode = "lead"\n'
        "created = 2026-01-05T10:00:00Z\nupdated = 2026-01-06T10:00:00Z\n"
        'sessions = [\n    { mode = "self", started = 2026-01-05T10:00:00Z },\n'
        '    { mode = "lead", started = 2026-01-06T09:00:00Z },\n]\n\n'
        f'[framework]\nid = "{L1_L5}"\nversion = "{fw.version}"\nhash = "{fw.content_hash}"\n\n'
        '[questions]\n\n[cursors.self]\narea = "skill"\ndimension = "scope"\n\n'
        '[answers.skill.technical-product]\nself = "l2"\nlead = "l3"\n\n'
        '[answers.skill.technical-emails]\nself = "skip"\nself_note = "ask Bo"\n'
    )
    path.write_text(text, encoding="utf-8")
    before = path.read_bytes()
    catalog = FrameworkCatalog()
    assert [row.progress for row in list_assessments(catalog).rows] == ["1/11"]
    opened = open_assessment(path, catalog)
    assert opened.warnings == []
    assert score(opened.framework, opened.assessment).to_dict()["answered"] == 1
    walk = WalkSession.start(opened, "self")
    try:
        assert walk.index == 1  # the skipped one is asked again
        walk.go(5)  # looking is not writing
    finally:
        walk.close()
    assert path.read_bytes() == before
    with tempfile.TemporaryDirectory() as temp:
        copy = Path(temp) / "old.toml"  # an id is its file's name
        save_assessment(opened.assessment, copy)
        assert load_assessment(copy) == opened.assessment  # nothing in it is lost on a save either


def test_a_disagreement_is_two_answers_that_differ_not_applicable_included() -> None:
    from ladder_tui.core.domain.assessment import Answer

    fw = builtin_framework("customer-support-l1-l5")
    first, second = fw.level_ids[:2]

    def differ(own: str | None, lead: str | None) -> bool:
        return rules.disagree(fw, Answer(self_rating=own, lead=lead))

    assert differ(first, second) and differ("below", first) and differ("na", first) and differ(first, "na")
    assert not differ(first, first) and not differ("na", "na") and not differ("below", "below")
    # Unanswered on either side (untouched, skipped, a level the framework no longer has) is nothing to compare.
    assert not differ(None, first) and not differ("skip", first) and not differ("gone-level", first)
