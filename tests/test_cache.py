"""The loader's validation cache: never stale, never trusted when damaged, one entry per assessment file (personal
data is not copied per version), pruned once a process."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from conftest import builtin_framework, make_assessment, rate_all
from ladder_tui.core.errors import LadderError
from ladder_tui.core.storage import loader
from ladder_tui.core.storage.loader import cache_dir, load_assessment

PRODUCT = "product-support-skills-matrix"


def entries() -> list[Path]:
    return sorted(cache_dir("assessments").glob("*.marshal"))


def test_a_second_load_of_the_same_bytes_reads_the_cache_and_gives_the_same_assessment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fw = builtin_framework(PRODUCT)
    path = make_assessment(fw, ratings={"self": rate_all(fw, ["senior"])})
    first = load_assessment(path)
    assert len(entries()) == 1

    def no_validation(raw: bytes, name: str) -> dict[str, object]:
        raise AssertionError("validated again although these bytes were validated before")

    monkeypatch.setattr(loader, "_validate_assessment", no_validation)
    assert load_assessment(path) == first


def test_an_edited_file_is_validated_again_so_a_broken_edit_is_reported(ladder_home: Path) -> None:
    fw = builtin_framework(PRODUCT)
    path = make_assessment(fw)
    load_assessment(path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("subject = ", "subject = 42 #", 1), encoding="utf-8")
    with pytest.raises(LadderError, match=str(path)):
        load_assessment(path)


def test_a_damaged_cache_entry_is_ignored_and_rewritten() -> None:
    fw = builtin_framework(PRODUCT)
    path = make_assessment(fw, ratings={"self": rate_all(fw, ["junior"])})
    good = load_assessment(path)
    (entry,) = entries()
    entry.write_bytes(b"\x00not marshal at all")
    assert load_assessment(path) == good
    assert entry.read_bytes() != b"\x00not marshal at all"


def test_old_entries_are_pruned_once_per_process_not_on_every_write(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "_PRUNED", set())
    fw = builtin_framework(PRODUCT)
    load_assessment(make_assessment(fw, "First"))
    folder = cache_dir("assessments")
    stale = folder / ("0" * 40 + ".marshal")
    stale.write_bytes(b"old")
    long_ago = time.time() - loader.ASSESSMENT_CACHE_MAX_AGE - 60
    os.utime(stale, (long_ago, long_ago))
    prunes: list[Path] = []
    real_prune = loader._prune
    monkeypatch.setattr(
        loader, "_prune", lambda folder, keep, max_age: (prunes.append(folder), real_prune(folder, keep, max_age))
    )
    monkeypatch.setattr(loader, "_PRUNED", set())
    for name in ("Second", "Third", "Fourth"):
        load_assessment(make_assessment(fw, name))
    assert prunes == [folder]
    assert not stale.exists()
    assert len(entries()) == 4


def test_an_assessment_has_one_entry_which_its_next_version_replaces(ladder_home: Path) -> None:
    fw = builtin_framework(PRODUCT)
    path = make_assessment(fw, ratings={"self": rate_all(fw, ["junior"])})
    load_assessment(path)
    (entry,) = entries()
    for before, after in (("junior", "intermediate"), ("intermediate", "senior")):
        path.write_text(path.read_text(encoding="utf-8").replace(f'"{before}"', f'"{after}"'), encoding="utf-8")
        assert load_assessment(path).rating(*fw.dimension_keys()[0], "self") == after
    assert entries() == [entry]  # replaced in place: no copy of an earlier version is left behind
    assert b"junior" not in entry.read_bytes()
    other = make_assessment(fw, "Bo Chen")
    load_assessment(other)
    assert len(entries()) == 2
