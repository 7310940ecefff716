"""Assessment files on disk, without a terminal: atomic private writes, round trips, framework changes, the lock."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import tomllib
from pathlib import Path

import pytest

from conftest import FIXTURES, PYTHON, all_keys, answer, builtin_framework, ladder_env, make_assessment, rate_all
from ladder_tui.core.domain import rules
from ladder_tui.core.domain.assessment import SKIPPED, new_assessment
from ladder_tui.core.domain.session import WalkSession
from ladder_tui.core.errors import LadderError
from ladder_tui.core.storage.assessments import (
    AssessmentLock,
    assessment_id_for,
    assessment_to_toml,
    create_assessment,
    find_assessment,
    load_assessment,
    open_assessment,
    save_assessment,
)
from ladder_tui.core.storage.catalog import FrameworkCatalog
from ladder_tui.core.storage.files import atomic_write
from ladder_tui.core.storage.listing import list_assessments
from ladder_tui.core.storage.loader import load_framework
from ladder_tui.core.storage.paths import assessments_dir, data_home

PRODUCT = "product-support-skills-matrix"
TINY = FIXTURES / "tiny-ladder.toml"


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# ----------------------------------------------------------------- where files go


def test_data_folder_follows_ladder_tui_home(ladder_home: Path) -> None:
    assert data_home() == ladder_home
    assert assessments_dir() == ladder_home / "assessments"
    path = make_assessment(PRODUCT, "Ana")
    assert path.parent == ladder_home / "assessments"


# ----------------------------------------------------------------- atomic, private writes


def test_save_leaves_no_temp_files_and_is_private(ladder_home: Path) -> None:
    fw = builtin_framework(PRODUCT)
    path = assessments_dir() / "ana.toml"
    assessment = new_assessment(fw, "Ana", assessment_id="ana")
    for key in all_keys(fw)[:5]:
        assessment.set_rating(*key, "self", "advanced")
        save_assessment(assessment, path)
    assert sorted(p.name for p in path.parent.iterdir()) == ["ana.toml"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_save_over_a_world_readable_file_makes_it_private(ladder_home: Path) -> None:
    path = make_assessment(PRODUCT, "Ana")
    path.chmod(0o644)
    save_assessment(load_assessment(path), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_failed_write_keeps_the_old_file_and_removes_the_temp_file(
    ladder_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_assessment(PRODUCT, "Ana")
    before = path.read_bytes()
    assessment = load_assessment(path)
    assessment.set_rating(*all_keys(builtin_framework(PRODUCT))[0], "self", "lead")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(LadderError) as caught:
        save_assessment(assessment, path)
    assert str(path) in str(caught.value)
    assert "No space left on device" in str(caught.value)
    assert path.read_bytes() == before
    assert leftovers(path.parent) == []


def test_interrupt_mid_write_keeps_the_old_file(ladder_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = make_assessment(PRODUCT, "Ana")
    before = path.read_bytes()

    def interrupted(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(path, "half")
    assert path.read_bytes() == before
    assert leftovers(path.parent) == []


def test_unwritable_folder_is_a_clear_error(ladder_home: Path, tmp_path: Path) -> None:
    # A file where the folder should be fails for root too (permissions would not).
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(LadderError, match="is a file") as caught:
        atomic_write(blocker / "a.toml", "x")
    assert str(blocker) in str(caught.value)


# ----------------------------------------------------------------- round trip


def test_round_trip_is_unchanged(ladder_home: Path) -> None:
    fw = builtin_framework("support-specialist-l2-l4")
    questions = {"people-manager": True}
    path = make_assessment(
        fw,
        'Zoë "Z" O\'Neil',
        "pair",
        questions=questions,
        target_level="level-4",
        ratings={
            "self": rate_all(fw, ["level-2", "level-3", "below", "na", SKIPPED], questions),
            "lead": rate_all(fw, ["level-3", "level-4"], questions),
            "agreed": rate_all(fw, ["level-3"], questions),
        },
        notes={"self": {all_keys(fw)[0]: 'line one\nline "two" = [x]\ttab'}, "lead": {all_keys(fw)[1]: "ok"}},
    )
    first = path.read_bytes()
    loaded = load_assessment(path)
    save_assessment(loaded, path)
    assert path.read_bytes() == first
    again = load_assessment(path)
    assert again == loaded
    assert again.answer(*all_keys(fw)[0]).note("self") == 'line one\nline "two" = [x]\ttab'  # type: ignore[union-attr]
    assert again.target_level == "level-4"
    assert again.questions == questions


def test_file_is_readable_toml_keyed_by_area_and_dimension(ladder_home: Path) -> None:
    fw = builtin_framework(PRODUCT)
    area, dim = all_keys(fw)[0]
    path = make_assessment(fw, "Ana", ratings={"self": {(area, dim): "senior"}}, notes={"self": {(area, dim): "why"}})
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# ladder-tui assessment")
    data = tomllib.loads(text)
    assert data["format_version"] == 1
    assert data["kind"] == "ladder-tui assessment"
    assert data["framework"]["id"] == PRODUCT
    assert data["framework"]["version"] == fw.version
    assert data["framework"]["hash"] == fw.content_hash
    assert data["answers"][area][dim] == {"self": "senior", "self_note": "why"}
    assert data["mode"] == "self" and data["sessions"] == []
    assert "created" in data and "updated" in data


def test_clearing_an_answer_removes_empty_tables(ladder_home: Path) -> None:
    fw = builtin_framework(PRODUCT)
    key = all_keys(fw)[0]
    assessment = new_assessment(fw, "Ana", assessment_id="ana")
    assessment.set_rating(*key, "self", "senior")
    assessment.set_rating(*key, "self", None)
    assert assessment.answers == {}
    assert "[answers." not in assessment_to_toml(assessment)


# ----------------------------------------------------------------- loading bad files


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b"answers = [", "malformed TOML"),
        (b'[project]\nname = "x"\n', "not a ladder-tui assessment"),
        (b"\xff\xfe", "not UTF-8"),
        (b'kind = "ladder-tui assessment"\nid = "x"\n', "not a valid assessment"),
        (b'kind = "ladder-tui assessment"\nformat_version = 99\n', "not a valid assessment"),
    ],
)
def test_load_rejects_what_is_not_an_assessment(ladder_home: Path, tmp_path: Path, content: bytes, needle: str) -> None:
    path = tmp_path / "thing.toml"
    path.write_bytes(content)
    with pytest.raises(LadderError) as caught:
        load_assessment(path)
    message = str(caught.value)
    assert message.startswith(str(path)) and needle in message
    assert "\n" not in message


def test_unknown_framework_id_is_a_ladder_error(ladder_home: Path, catalog: FrameworkCatalog) -> None:
    path = make_assessment(PRODUCT, "Ana")
    path.write_text(path.read_text(encoding="utf-8").replace(f'id = "{PRODUCT}"', 'id = "retired"'), encoding="utf-8")
    with pytest.raises(LadderError, match="'retired', which is not installed"):
        open_assessment(path, catalog)
    with pytest.raises(LadderError, match="unknown framework 'retired'"):
        catalog.get("retired")
    # Listing still shows it, with unknown progress, rather than failing.
    rows = list_assessments(catalog).rows
    assert [(row.id, row.framework, row.progress) for row in rows] == [(f"ana-{PRODUCT}", "retired", "?")]


# ----------------------------------------------------------------- framework changed


def user_framework(home: Path, text: str) -> Path:
    folder = home / "frameworks"
    folder.mkdir(exist_ok=True)
    path = folder / "tiny-ladder.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_framework_change_keeps_orphans_and_warns(ladder_home: Path) -> None:
    fw_path = user_framework(ladder_home, TINY.read_text(encoding="utf-8"))
    fw = load_framework(fw_path)
    path = make_assessment(
        fw,
        "Ana",
        questions={"manager": True},
        ratings={
            "self": {("craft", "accuracy"): "mid", ("craft", "speed"): "senior", ("people", "coaching"): "mid"},
            "lead": {("craft", "speed"): "mid"},
        },
        notes={"self": {("craft", "speed"): "fast on the 3rd"}},
    )
    # The framework loses the Speed dimension, and Senior becomes Expert, then is edited again.
    changed = TINY.read_text(encoding="utf-8")
    start = changed.index('[[areas.dimensions]]\nid = "speed"')
    end = changed.index('[[areas]]\nid = "people"')
    changed = changed[:start] + changed[end:]
    changed = changed.replace('version = "1"', 'version = "2"')
    user_framework(ladder_home, changed)

    catalog = FrameworkCatalog()
    opened = open_assessment(path, catalog)
    assert any("changed since this assessment was saved" in w and "1 -> 2" in w for w in opened.warnings)
    assert any("craft > speed" in w and "kept in the file" in w for w in opened.warnings)

    # A walk on the changed framework saves, and the orphan (with its note) is still there afterwards.
    walk = WalkSession.open(path, catalog)
    try:
        assert [step.dimension.id for step in walk.steps] == ["accuracy", "coaching"]
        assert walk.index == 1  # accuracy is answered; coaching is next
        assert answer(walk, "senior")
    finally:
        walk.close()
    saved = load_assessment(path)
    orphan = saved.answer("craft", "speed")
    assert orphan is not None
    assert (orphan.self_rating, orphan.lead, orphan.note("self")) == ("senior", "mid", "fast on the 3rd")
    assert saved.rating("craft", "accuracy", "self") == "mid"
    assert saved.rating("people", "coaching", "self") == "senior"
    # Progress counts only what the framework still has.
    tally = rules.counts(load_framework(user_framework(ladder_home, changed)), saved)
    assert (tally.answered, tally.total) == (2, 2)


def test_renamed_level_is_kept_and_reported(ladder_home: Path) -> None:
    fw_path = user_framework(ladder_home, TINY.read_text(encoding="utf-8"))
    path = make_assessment(load_framework(fw_path), "Ana", ratings={"self": {("craft", "accuracy"): "senior"}})
    user_framework(ladder_home, TINY.read_text(encoding="utf-8").replace("senior", "expert"))
    opened = open_assessment(path, FrameworkCatalog())
    assert any("'senior'" in w and "kept but not scored" in w for w in opened.warnings)
    assert opened.assessment.rating("craft", "accuracy", "self") == "senior"


def test_unchanged_framework_gives_no_warning(ladder_home: Path, catalog: FrameworkCatalog) -> None:
    path = make_assessment(PRODUCT, "Ana")
    assert open_assessment(path, catalog).warnings == []


# ----------------------------------------------------------------- finding and listing


def test_find_by_id_or_path(ladder_home: Path, tmp_path: Path) -> None:
    path = make_assessment(PRODUCT, "Ana", assessment_id="ana")
    assert find_assessment("ana") == path
    assert find_assessment(str(path)) == path
    with pytest.raises(LadderError, match="no such assessment"):
        find_assessment("bob")


def test_new_files_never_overwrite(ladder_home: Path) -> None:
    fw = builtin_framework(PRODUCT)
    assessment_id = assessment_id_for("Ana Lima", PRODUCT)
    assert assessment_id == f"ana-lima-{PRODUCT}"
    first = create_assessment(new_assessment(fw, "Ana Lima", assessment_id=assessment_id))
    second = create_assessment(new_assessment(fw, "Ana Lima", assessment_id=assessment_id))
    third = create_assessment(new_assessment(fw, "Ana Lima", assessment_id=assessment_id))
    day = load_assessment(second).created.date().isoformat()
    # The next cycle is named after its day; another on the same day gets a number.
    assert (first.stem, second.stem, third.stem) == (
        assessment_id,
        f"{assessment_id}-{day}",
        f"{assessment_id}-{day}-2",
    )
    assert load_assessment(second).id == second.stem
    assert load_assessment(first).id == first.stem


def test_list_counts_answers_not_skips(ladder_home: Path, catalog: FrameworkCatalog) -> None:
    fw = builtin_framework(PRODUCT)
    keys = all_keys(fw)
    ratings = {key: "advanced" for key in keys[:7]} | {keys[7]: SKIPPED}
    make_assessment(fw, "Ana", ratings={"self": ratings})
    (assessments_dir() / "junk.toml").write_text("[", encoding="utf-8")
    listing = list_assessments(catalog)
    assert [row.progress for row in listing.rows] == ["7/25"]
    assert len(listing.problems) == 1 and "junk.toml" in listing.problems[0]


# ----------------------------------------------------------------- the lock


def test_lock_is_exclusive_and_released(ladder_home: Path) -> None:
    path = make_assessment(PRODUCT, "Ana")
    first, second = AssessmentLock(path), AssessmentLock(path)
    assert first.acquire()
    assert not second.acquire()
    first.release()
    assert second.acquire()
    second.release()
    first.release()  # releasing twice is harmless
    # The lock file sits beside the assessment, hidden, and is not an assessment itself.
    assert first.path == path.with_name(f".{path.name}.lock")
    assert [row.id for row in list_assessments(FrameworkCatalog()).rows] == [path.stem]


def test_lock_held_by_another_process(ladder_home: Path) -> None:
    path = make_assessment(PRODUCT, "Ana")
    holder = subprocess.Popen(
        [
            PYTHON,
            "-c",
            "import sys; from pathlib import Path; from ladder_tui.core.storage.assessments import AssessmentLock;"
            "lock = AssessmentLock(Path(sys.argv[1])); print(lock.acquire(), flush=True); sys.stdin.read()",
            str(path),
        ],
        env=ladder_env(ladder_home),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "True"
        lock = AssessmentLock(path)
        assert not lock.acquire()
    finally:
        holder.kill()
        holder.wait(timeout=10)
    # A killed holder leaves no stale lock behind.
    assert lock.acquire()
    lock.release()


def test_second_walk_session_is_read_only(ladder_home: Path, catalog: FrameworkCatalog) -> None:
    fw = builtin_framework(PRODUCT)
    path = make_assessment(fw, "Ana")
    first = WalkSession.open(path, catalog)
    second = WalkSession.open(path, catalog, mode="lead")
    try:
        assert not first.read_only and second.read_only
        before = path.read_bytes()
        assert load_assessment(path).mode == "self"  # a read-only session does not switch the file's mode
        assert not answer(second, "senior")
        assert not second.set_note("nope")
        assert not second.set_target("lead")
        second.go(5)
        assert path.read_bytes() == before
        assert answer(first, "junior")
    finally:
        second.close()
        first.close()
    third = WalkSession.open(path, catalog)
    try:
        assert not third.read_only
    finally:
        third.close()
    assert load_assessment(path).rating(*all_keys(fw)[0], "self") == "junior"


def test_mode_is_recorded_with_the_first_rating_only(ladder_home: Path, catalog: FrameworkCatalog) -> None:
    path = make_assessment(PRODUCT, "Ana")
    before = path.read_bytes()
    walk = WalkSession.open(path, catalog, mode="lead")
    walk.go(3)
    walk.close()
    assert path.read_bytes() == before  # looking as lead writes nothing
    walk = WalkSession.open(path, catalog, mode="lead")
    assert answer(walk, "senior")
    walk.close()
    saved = load_assessment(path)
    assert saved.mode == "lead"
    assert [session.mode for session in saved.sessions] == ["lead"]


def test_opening_removes_temp_files_a_kill_left_behind(ladder_home: Path, catalog: FrameworkCatalog) -> None:
    path = make_assessment(PRODUCT, "Ana")
    stale = path.with_name(f".{path.name}.abc123.tmp")
    stale.write_text("half a file", encoding="utf-8")
    writer = WalkSession.open(path, catalog)
    try:
        assert not stale.exists()
        # A second, read-only window must never touch the folder: the writer may be mid-save.
        stale.write_text("the writer's save in progress", encoding="utf-8")
        reader = WalkSession.open(path, catalog)
        assert reader.read_only
        assert stale.exists()
    finally:
        writer.close()


def test_ids_are_readable_and_people_without_latin_letters_do_not_share_one() -> None:
    assert assessment_id_for("Zoë Ñúñez", PRODUCT) == f"zoe-nunez-{PRODUCT}"
    chinese, russian, arabic = (assessment_id_for(name, PRODUCT) for name in ("张伟", "Иван Петров", "محمد"))
    assert len({chinese, russian, arabic}) == 3
    assert all(re.fullmatch(rf"person-[0-9a-f]{{8}}-{PRODUCT}", found) for found in (chinese, russian, arabic))
    # The same person typed with other spacing or case is the same person (their cycles find each other).
    assert assessment_id_for("  иван   ПЕТРОВ ", PRODUCT) == russian


def test_a_file_that_ends_inside_an_open_bracket_points_at_its_end(tmp_path: Path) -> None:
    path = tmp_path / "cut.toml"
    path.write_bytes(b'kind = "ladder-tui assessment"\nanswers = [')
    with pytest.raises(LadderError) as caught:
        load_assessment(path)
    assert str(caught.value) == f"{path}:2:12: malformed TOML: Invalid value (the file ends first)"
