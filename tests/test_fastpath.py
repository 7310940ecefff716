"""`summary`'s fast path: light views score exactly like the models, the strict reader never accepts what the models
would not, the framework cache follows the file, and the whole command runs without pydantic once warm."""

from __future__ import annotations

import copy
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import tomli
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from conftest import BUILTIN_DIR, builtin_framework, builtin_ids, ladder_env, make_assessment, rate_all
from ladder_tui.core import fastpath, views
from ladder_tui.core.assessment import Assessment, Cursor, DimensionAnswer, FrameworkRef, Session
from ladder_tui.core.framework import load_framework
from ladder_tui.core.report import render
from ladder_tui.core.scoring import score
from ladder_tui.core.storage import load_assessment

FW = "customer-support-l1-l5"
ASSESSMENT_ID = f"ana-lima-{FW}"


def run_summary(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ladder_tui", "summary", *args],
        env=ladder_env(home),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def aliases(model: type[Any]) -> set[str]:
    return {field.alias or name for name, field in model.model_fields.items()}


def test_strict_reader_knows_exactly_the_models_keys() -> None:
    # A field added to a model but not to the strict reader would send every file down the slow path (or worse).
    assert aliases(Assessment) == views.ASSESSMENT_KEYS
    assert aliases(FrameworkRef) == views.FRAMEWORK_REF_KEYS
    assert aliases(Session) == views.SESSION_KEYS
    assert aliases(Cursor) == views.CURSOR_KEYS
    assert aliases(DimensionAnswer) == views.ANSWER_KEYS


def full_assessment(framework_id: str, mode: str = "pair") -> Path:
    fw = builtin_framework(framework_id)
    levels = [level.id for level in fw.levels]
    questions = {question.id: True for question in fw.questions}
    return make_assessment(
        fw,
        mode=mode,  # type: ignore[arg-type]
        questions=questions,
        ratings={
            "self": rate_all(fw, [*levels, views.BELOW], questions),
            "lead": rate_all(fw, [levels[-1], views.NOT_APPLICABLE, levels[0], views.SKIPPED], questions),
        },
        notes={"lead": {key: f"note {n}\nline two" for n, key in enumerate(rate_all(fw, ["x"], questions))}},
        target_level=levels[-1],
    )


@pytest.mark.parametrize("framework_id", builtin_ids())
def test_views_score_exactly_like_the_models(framework_id: str) -> None:
    path = full_assessment(framework_id)
    model_fw = load_framework(BUILTIN_DIR / f"{framework_id}.toml")
    model_assessment = load_assessment(path)
    compiled = fastpath.compiled_framework(BUILTIN_DIR / f"{framework_id}.toml")
    assert compiled is not None and compiled.content_hash == model_fw.content_hash()
    view_fw = views.framework_view(compiled.data)
    view_assessment = views.strict_assessment_view(tomli.loads(path.read_text(encoding="utf-8")))
    assert view_assessment is not None
    for fmt in ("json", "text"):
        assert render(score(view_fw, view_assessment), fmt) == render(score(model_fw, model_assessment), fmt)
    assert views.framework_warnings(view_assessment, view_fw, compiled.content_hash) == []


_VALID: dict[str, Any] = {}


def valid_data() -> dict[str, Any]:
    """A fully answered lead-mode assessment as its TOML reads back (made once: examples must be quick to draw)."""
    if not _VALID:
        _VALID.update(tomli.loads(full_assessment(FW, mode="lead").read_text(encoding="utf-8")))
    return copy.deepcopy(_VALID)


ODD_VALUES = st.sampled_from(
    [None, 1, 0, True, False, 1.5, "", "self", "x", "2026-01-02T03:04:05Z", [], {}, ["a"], {"a": "b"},
     datetime(2026, 1, 2, tzinfo=UTC)]
) | st.sampled_from(["l1", "l5", "below", "na", "skip", "lead", "pair", "a note\nover two lines"])  # fmt: skip


def odd(draw: st.DrawFn) -> Any:
    # A copy: the lists and dicts in ODD_VALUES are shared, and a later mutation must not change them.
    return copy.deepcopy(draw(ODD_VALUES))


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, Any]:
    """A valid assessment with one to three values replaced, removed or added, anywhere in it."""
    data = valid_data()
    for _ in range(draw(st.integers(1, 3))):
        # Walk down to a random table, then change one key of it.
        table: Any = data
        while True:
            keys = sorted(table) if isinstance(table, dict) else list(range(len(table)))
            if not keys:
                break
            key = draw(st.sampled_from(keys))
            child = table[key]
            if isinstance(child, dict | list) and child and draw(st.booleans()):
                table = child
                continue
            action = draw(st.sampled_from(["replace", "delete", "add"]))
            if action == "replace":
                table[key] = odd(draw)
            elif action == "delete" and isinstance(table, dict):
                del table[key]
            elif isinstance(table, dict):
                name = draw(st.sampled_from(["self_rating", "extra", "level", "by", "path", "notes"]))
                table[name] = odd(draw)
            break
    return data


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=mutated())
def test_strict_reader_never_accepts_what_the_models_reject(data: dict[str, Any]) -> None:
    view = views.strict_assessment_view(copy.deepcopy(data))
    event("left to the models" if view is None else "accepted by the strict reader")
    if view is None:
        return  # the models decide: same result or their own message
    model = Assessment.model_validate(data)  # must not raise
    assert view.id == model.id and view.subject == model.subject and view.mode == model.mode
    assert view.updated.isoformat() == model.updated.isoformat()
    assert view.target_level == model.target_level and view.questions == model.questions
    assert view.framework.id == model.framework.id and view.framework.hash == model.framework.hash
    assert view.framework.path == model.framework.path and view.framework.version == model.framework.version
    assert {a: {d: tuple(ans) for d, ans in dims.items()} for a, dims in view.answers.items()} == {
        a: {
            d: (ans.self_rating, ans.lead, ans.agreed, ans.self_note, ans.lead_note, ans.agreed_note)
            for d, ans in dims.items()
        }
        for a, dims in model.answers.items()
    }


def test_strict_reader_sends_unusual_but_valid_files_to_the_models() -> None:
    data = valid_data()
    data["updated"] = "2026-03-02T09:30:00Z"  # a string the models would parse
    assert views.strict_assessment_view(data) is None
    Assessment.model_validate(data)
    data = valid_data()
    data["answers"]["gone"] = {"away": {"self_rating": "l1"}}  # the field name instead of its alias
    assert views.strict_assessment_view(data) is None
    data = valid_data()
    data["mode"] = "boss"
    assert views.strict_assessment_view(data) is None
    with pytest.raises(ValidationError):
        Assessment.model_validate(data)


def test_summary_runs_without_pydantic_once_the_framework_is_cached(ladder_home: Path) -> None:
    full_assessment(FW)
    probe = (
        "import sys\n"
        "from ladder_tui.cli import main\n"
        "status = main(['summary', 'ana-lima-customer-support-l1-l5'])\n"
        "loaded = sorted(name for name in ('pydantic', 'rich', 'textual') if name in sys.modules)\n"
        "print('LOADED', loaded, file=sys.stderr)\n"
        "raise SystemExit(status)\n"
    )

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", probe], env=ladder_env(ladder_home), capture_output=True, text=True, timeout=60
        )

    first = run()
    assert first.returncode == 0, first.stderr
    assert "LOADED ['pydantic']" in first.stderr  # the cache was cold: the models validated the framework
    assert list((ladder_home / "cache" / "frameworks").glob("*.marshal"))
    second = run()
    assert second.returncode == 0, second.stderr
    assert "LOADED []" in second.stderr
    assert second.stdout == first.stdout and "Suggested level" in second.stdout


def test_an_edited_framework_is_read_again(ladder_home: Path) -> None:
    user_dir = ladder_home / "frameworks"
    user_dir.mkdir()
    text = (BUILTIN_DIR / "customer-support-l1-l5.toml").read_text(encoding="utf-8")
    (user_dir / "customer-support-l1-l5.toml").write_text(text, encoding="utf-8")
    full_assessment(FW)
    before = run_summary(ladder_home, ASSESSMENT_ID)
    assert before.returncode == 0 and "framework 'customer-support-l1-l5' changed" not in before.stderr
    fw = builtin_framework(FW)
    renamed = text.replace(f'name = "{fw.levels[0].name}"', 'name = "Apprentice"', 1)
    assert renamed != text
    (user_dir / "customer-support-l1-l5.toml").write_text(renamed, encoding="utf-8")
    after = run_summary(ladder_home, ASSESSMENT_ID)
    assert after.returncode == 0, after.stderr
    assert "Apprentice" in after.stdout and "Apprentice" not in before.stdout
    assert "framework 'customer-support-l1-l5' changed since this assessment was saved" in after.stderr


def test_a_user_framework_under_another_name_wins_as_in_the_catalog(ladder_home: Path) -> None:
    user_dir = ladder_home / "frameworks"
    user_dir.mkdir()
    text = (BUILTIN_DIR / "customer-support-l1-l5.toml").read_text(encoding="utf-8")
    fw = builtin_framework(FW)
    (user_dir / "zz-our-ladder.toml").write_text(text.replace(fw.name, "Our Own Ladder", 1), encoding="utf-8")
    (user_dir / "broken.toml").write_text("this is = = not toml", encoding="utf-8")
    full_assessment(FW)
    for _ in range(2):  # cold, then warm
        done = run_summary(ladder_home, ASSESSMENT_ID)
        assert done.returncode == 0, done.stderr
        assert "Our Own Ladder" in done.stdout


def test_a_damaged_or_unwritable_cache_changes_nothing(ladder_home: Path) -> None:
    full_assessment(FW)
    expected = run_summary(ladder_home, ASSESSMENT_ID)
    assert expected.returncode == 0
    entries = list((ladder_home / "cache" / "frameworks").glob("*.marshal"))
    assert entries
    for entry in entries:
        entry.write_bytes(b"\x00garbage")
    damaged = run_summary(ladder_home, ASSESSMENT_ID)
    assert (damaged.returncode, damaged.stdout, damaged.stderr) == (0, expected.stdout, expected.stderr)
    cache = ladder_home / "cache"
    for entry in cache.rglob("*"):
        entry.unlink() if entry.is_file() else None
    (cache / "frameworks").rmdir()
    cache.rmdir()
    cache.write_text("a file where the cache folder should be", encoding="utf-8")
    blocked = run_summary(ladder_home, ASSESSMENT_ID)
    assert (blocked.returncode, blocked.stdout, blocked.stderr) == (0, expected.stdout, expected.stderr)


def test_fast_and_full_paths_warn_alike(ladder_home: Path) -> None:
    path = full_assessment(FW)
    text = path.read_text(encoding="utf-8")
    # An orphaned answer and a rating naming a level the framework does not have.
    path.write_text(text + '\n[answers.gone.away]\nself = "l1"\n', encoding="utf-8")
    fast = run_summary(ladder_home, ASSESSMENT_ID)
    assert views.strict_assessment_view(tomli.loads(path.read_text(encoding="utf-8"))) is not None
    # The same answer under the field's name instead of its alias: valid, but the strict reader leaves it to the models.
    path.write_text(text + '\n[answers.gone.away]\nself_rating = "l1"\n', encoding="utf-8")
    assert views.strict_assessment_view(tomli.loads(path.read_text(encoding="utf-8"))) is None
    full = run_summary(ladder_home, ASSESSMENT_ID)
    assert fast.returncode == full.returncode == 0
    assert "gone > away" in fast.stderr
    assert fast.stderr == full.stderr and fast.stdout == full.stdout
