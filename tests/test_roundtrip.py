"""Hypothesis: assessment files and framework files round-trip through save and load unchanged.

Assessments: any subject, notes, ratings in any of the three slots, questions, target, sessions and cursors (any
Unicode, control characters, quotes, newlines, TOML-hostile keys) survive `save_assessment` -> `load_assessment`,
and saving what was loaded writes the same bytes again. Frameworks: any valid framework data survives
`tomli_w` -> `load_framework` into the same objects, with the same content hash, as validating the data directly.
"""

from __future__ import annotations

import dataclasses
import tempfile
import tomllib
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import builtin_framework
from ladder_tui.core.domain.assessment import (
    MODES,
    SLOTS,
    SPECIAL_ANSWERS,
    Answer,
    Assessment,
    Cursor,
    FrameworkRef,
    Previous,
    Session,
    WrittenNote,
    new_assessment,
)
from ladder_tui.core.domain.framework import RESERVED_LEVEL_IDS
from ladder_tui.core.storage.assessments import assessment_to_toml, load_assessment, save_assessment
from ladder_tui.core.storage.loader import assessment_to_data, framework_from_data, load_framework

SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)

# Any text a person or a damaged import could produce, except lone surrogates (not encodable as UTF-8 at all).
ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
PRINTABLE = st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=30)
NOTE = st.text(st.characters(exclude_categories=("Cs",)), max_size=300) | st.sampled_from(
    ['line one\nline "two" = [x]\ttab', "C:\\path\\to\\file", "'''\"\"\"", "# not a comment", "\x1b[31mred\x1b[0m"]
)

# TOML datetimes: offset (minute precision) or local; microseconds are kept.
OFFSETS = st.sampled_from([UTC, timezone(timedelta(hours=2)), timezone(timedelta(hours=-9, minutes=-30)), None])
DATETIMES = st.builds(
    lambda moment, tz: moment.replace(tzinfo=tz),
    st.datetimes(min_value=datetime(1970, 1, 1), max_value=datetime(2200, 1, 1)),
    OFFSETS,
)
RATING = st.none() | st.sampled_from(["junior", "advanced", "level-3", *SPECIAL_ANSWERS]) | ANY_TEXT


@st.composite
def answers(draw: st.DrawFn) -> Answer:
    # Notes from before names were kept come first, one a slot, in slot order (as the file holds them); then
    # each person's.
    unnamed = [WrittenNote(slot, text) for slot in SLOTS if (text := draw(st.none() | NOTE)) is not None]
    named = draw(st.lists(st.builds(WrittenNote, st.sampled_from(SLOTS), NOTE, ANY_TEXT), max_size=3))
    return Answer(
        self_rating=draw(RATING),
        lead=draw(RATING),
        agreed=draw(RATING),
        notes=unnamed + named,
        rated_by=draw(st.dictionaries(st.sampled_from(SLOTS), ANY_TEXT, max_size=3)),
    )


@st.composite
def assessments(draw: st.DrawFn) -> Assessment:
    created = draw(DATETIMES)
    return Assessment(
        id=draw(ANY_TEXT),
        subject=draw(ANY_TEXT),
        framework=FrameworkRef(
            id=draw(ANY_TEXT),
            version=draw(ANY_TEXT),
            hash=draw(st.text("0123456789abcdef", max_size=16)),
            path=draw(st.none() | ANY_TEXT),
        ),
        mode=draw(st.sampled_from(MODES)),
        created=created,
        updated=draw(DATETIMES),
        target_level=draw(st.none() | ANY_TEXT),
        questions=draw(st.dictionaries(ANY_TEXT, st.booleans(), max_size=4)),
        sessions=draw(
            st.lists(
                st.builds(Session, mode=st.sampled_from(MODES), started=DATETIMES, by=st.none() | ANY_TEXT),
                max_size=4,
            )
        ),
        cursors=draw(
            st.dictionaries(
                st.sampled_from(MODES),
                st.builds(Cursor, area=ANY_TEXT, dimension=ANY_TEXT, level=st.none() | ANY_TEXT),
                max_size=3,
            )
        ),
        previous=draw(
            st.none()
            | st.builds(
                Previous,
                id=ANY_TEXT,
                updated=DATETIMES,
                ratings=st.dictionaries(
                    ANY_TEXT, st.dictionaries(ANY_TEXT, RATING.filter(bool), max_size=3), max_size=3
                ),
            )
        ),
        answers=draw(st.dictionaries(ANY_TEXT, st.dictionaries(ANY_TEXT, answers(), max_size=5), max_size=6)),
    )


def _same_datetimes(left: Any, right: Any) -> None:
    """Equal instants are not enough: the offset must survive too."""
    if isinstance(left, datetime):
        assert isinstance(right, datetime) and left == right and left.utcoffset() == right.utcoffset()
    elif isinstance(left, dict):
        assert left.keys() == right.keys()
        for key in left:
            _same_datetimes(left[key], right[key])
    elif isinstance(left, list):
        assert len(left) == len(right)
        for a, b in zip(left, right, strict=True):
            _same_datetimes(a, b)


def _as_read(assessment: Assessment, file_name: str) -> Assessment:
    """What loading gives back: the id is the file's name, and a date-time without an offset is UTC."""

    def utc(when: datetime) -> datetime:
        return when.replace(tzinfo=UTC) if when.tzinfo is None else when

    previous = assessment.previous
    return dataclasses.replace(
        assessment,
        id=file_name,
        created=utc(assessment.created),
        updated=utc(assessment.updated),
        sessions=[dataclasses.replace(session, started=utc(session.started)) for session in assessment.sessions],
        previous=dataclasses.replace(previous, updated=utc(previous.updated)) if previous is not None else None,
    )


@SETTINGS
@given(assessment=assessments())
def test_assessment_round_trips_unchanged(assessment: Assessment) -> None:
    with tempfile.TemporaryDirectory() as temp:
        path = Path(temp) / "round-trip.toml"
        save_assessment(assessment, path)
        loaded = load_assessment(path)
        expected = _as_read(assessment, "round-trip")
        assert loaded == expected
        _same_datetimes(dataclasses.asdict(expected), dataclasses.asdict(loaded))
        save_assessment(loaded, path)
        first = path.read_bytes()
        assert load_assessment(path) == expected
        save_assessment(load_assessment(path), path)
        assert path.read_bytes() == first  # stable: saving what was loaded changes nothing


@SETTINGS
@given(assessment=assessments())
def test_saved_text_is_exactly_what_tomli_w_writes(assessment: Assessment) -> None:
    # Areas' answers are formatted once and reused (storage._area_toml): the text must not differ in a byte.
    expected = tomli_w.dumps(assessment_to_data(assessment))
    text = assessment_to_toml(assessment)
    assert text.split("\n", 1)[1] == expected
    assert assessment_to_toml(assessment) == text  # the second time, from the cache


def test_huge_notes_are_saved_exactly_and_not_kept_in_the_cache() -> None:
    from ladder_tui.core.storage import assessments as storage

    framework = builtin_framework("product-support-skills-matrix")
    assessment = new_assessment(framework, "Ana", "self", assessment_id="ana")
    area_id, dim_id = framework.dimension_keys()[0]
    for letter in "ABC":
        assessment.set_note(area_id, dim_id, "self", letter * (storage.CACHED_AREA_CHARS + 1))
        before = storage._cached_area_toml.cache_info().currsize
        text = assessment_to_toml(assessment)
        expected = tomli_w.dumps(assessment_to_data(assessment))
        assert text.split("\n", 1)[1] == expected
        assert storage._cached_area_toml.cache_info().currsize == before


# ----------------------------------------------------------------- frameworks

IDS = st.from_regex(r"\A[a-z0-9][a-z0-9_-]{0,20}\Z").filter(lambda value: value not in RESERVED_LEVEL_IDS)
DESCRIPTOR_TEXT = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=60).filter(str.strip)
DESCRIPTOR = DESCRIPTOR_TEXT | st.lists(DESCRIPTOR_TEXT, min_size=1, max_size=3)
OPTIONAL_TEXT = st.none() | ANY_TEXT


@st.composite
def frameworks(draw: st.DrawFn) -> dict[str, Any]:
    level_ids = draw(st.lists(IDS, min_size=1, max_size=7, unique=True))
    scale = draw(st.sampled_from(["career", "mastery"]))
    question_ids = draw(st.lists(IDS, max_size=3, unique=True))

    def descriptors(min_size: int) -> dict[str, Any]:
        keys = draw(st.lists(st.sampled_from(level_ids), min_size=min_size, unique=True))
        return {key: draw(DESCRIPTOR) for key in keys}

    areas = []
    for area_id in draw(st.lists(IDS, min_size=1, max_size=4, unique=True)):
        dimensions = [
            {
                "id": dim_id,
                "name": draw(PRINTABLE),
                "description": draw(OPTIONAL_TEXT),
                "levels": descriptors(1 if scale == "career" else 0),
                "ragged_note": draw(OPTIONAL_TEXT),
                "branches": draw(st.lists(ANY_TEXT, max_size=3)),
            }
            for dim_id in draw(st.lists(IDS, min_size=1, max_size=4, unique=True))
        ]
        areas.append(
            {
                "id": area_id,
                "name": draw(PRINTABLE),
                "description": draw(OPTIONAL_TEXT),
                "overview": descriptors(0),
                "growth": draw(st.lists(ANY_TEXT, max_size=3)),
                "applies_if": draw(st.none() | st.sampled_from(question_ids)) if question_ids else None,
                "dimensions": dimensions,
            }
        )
    data = {
        "id": draw(IDS),
        "name": draw(PRINTABLE),
        "version": draw(PRINTABLE),
        "description": draw(OPTIONAL_TEXT),
        "scale": scale,
        "source": draw(
            st.none()
            | st.fixed_dictionaries(
                {"title": ANY_TEXT, "credit": ANY_TEXT}, optional={"url": ANY_TEXT, "notes": ANY_TEXT}
            )
        ),
        "levels": [
            {"id": level_id, "name": draw(PRINTABLE), "short": draw(OPTIONAL_TEXT), "description": draw(OPTIONAL_TEXT)}
            for level_id in level_ids
        ],
        "questions": [
            {"id": question_id, "prompt": draw(PRINTABLE), "help": draw(OPTIONAL_TEXT), "default": draw(st.booleans())}
            for question_id in question_ids
        ],
        "scoring": {
            "threshold": draw(st.floats(min_value=0.01, max_value=1.0)),
            "max_gap": draw(st.integers(min_value=0, max_value=5)),
            "focus_count": draw(st.integers(min_value=0, max_value=50)),
            "provisional_below": draw(st.floats(min_value=0.0, max_value=1.0)),
        },
        "areas": areas,
        "pathways": [
            {
                "id": pathway_id,
                "name": draw(PRINTABLE),
                "description": draw(OPTIONAL_TEXT),
                "items": draw(st.lists(ANY_TEXT, max_size=3)),
            }
            for pathway_id in draw(st.lists(IDS, max_size=2, unique=True))
        ],
        "notes": draw(OPTIONAL_TEXT),
    }
    return _without_none(data)


def _without_none(value: Any) -> Any:
    """TOML has no null: what a file would hold."""
    if isinstance(value, dict):
        return {key: _without_none(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [_without_none(item) for item in value]
    return value


@SETTINGS
@given(data=frameworks())
def test_framework_round_trips_unchanged(data: dict[str, Any]) -> None:
    framework = framework_from_data(data)
    with tempfile.TemporaryDirectory() as temp:
        path = Path(temp) / f"{framework.id}.toml"
        path.write_text(tomli_w.dumps(data), encoding="utf-8")
        loaded = load_framework(path)
        assert loaded == framework
        assert loaded.content_hash == framework.content_hash
        assert load_framework(path) == framework  # the second time from the cache: the same objects


def test_built_in_frameworks_round_trip_too() -> None:
    from ladder_tui.core.storage.catalog import FrameworkCatalog

    catalog = FrameworkCatalog(home=Path(tempfile.gettempdir()) / "no-such-ladder-home")
    for entry in catalog.entries():
        assert entry.framework is not None
        with tempfile.TemporaryDirectory() as temp:
            path = Path(temp) / "copy.toml"
            path.write_text(tomli_w.dumps(tomllib.loads(entry.path.read_text(encoding="utf-8"))), encoding="utf-8")
            assert load_framework(path) == entry.framework
