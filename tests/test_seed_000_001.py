"""Fidelity of the frameworks transcribed from seeds 000 and 001.

The seeds are parsed here (not copied by hand), so a statement that goes missing from a TOML file
fails a test.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import pytest

from conftest import shared
from ladder_tui.core.domain.framework import Framework
from ladder_tui.core.storage.loader import load_framework

ROOT = Path(__file__).resolve().parents[1]
SEED_000 = "000_0af646ccdaf6d3d2.txt"
SEED_001 = "001_88b2c1d3d6e26faf.txt"
FW_000 = ROOT / "frameworks" / "product-support-skills-matrix.toml"
FW_001 = ROOT / "frameworks" / "support-specialist-l2-l4.toml"

LEVELS_000 = ["junior", "intermediate", "advanced", "senior", "lead"]
LEVELS_001 = ["level-2", "level-3", "level-4"]

MOJIBAKE = {
    "â€™": "'",
    "â€˜": "'",
    "â€œ": "\u201c",
    "â€\x9d": "\u201d",
    "â€”": "\u2014",
    "â€“": "\u2013",
    "â€¦": "\u2026",
    "Â ": " ",
}


def norm(text: str) -> str:
    """Whitespace and the encoding repairs the spec allows (mojibake, HTML entities and tags)."""
    for bad, good in MOJIBAKE.items():
        text = text.replace(bad, good)
    text = re.sub(r"</?[a-zA-Z]+>", "", text)
    text = text.replace("&amp;", "&").replace("&nbsp;", " ")
    return re.sub(r"\s+", " ", text).strip()


def read_seed(name: str) -> str:
    return shared("seeds", name).read_text(encoding="utf-8")


def all_strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in all_strings(item)]
    if isinstance(value, list | tuple):
        return [s for item in value for s in all_strings(item)]
    return []


def corpus(fw: Framework) -> str:
    """Every string of the loaded model, normalised, one per line."""
    return "\n".join(norm(s) for s in all_strings(dataclasses.asdict(fw)))


def missing(texts: list[str], fw: Framework) -> list[str]:
    text = corpus(fw)
    return [t for t in texts if norm(t) not in text]


# ---------------------------------------------------------------- seed 000


def parse_000(text: str) -> dict[str, Any]:
    lines = text.splitlines()
    levels: list[tuple[str, str]] = []
    overview: list[tuple[str, list[str]]] = []
    areas: list[dict[str, Any]] = []
    pathways: list[dict[str, Any]] = []
    prose: list[str] = []
    section = "intro"
    mode = None
    for raw in lines:
        line = raw.strip()
        heading = re.match(r"^#+\s*(.+)$", line)
        if heading:
            title = norm(heading.group(1))
            low = title.lower()
            if low == "career levels":
                section = "levels"
            elif low == "core skills overview":
                section = "overview"
            elif low == "core skill areas breakdown":
                section = "breakdown"
            elif low == "next steps":
                section = "next"
            elif low == "career pathways":
                section = "pathways"
            elif low == "progression dimensions":
                mode = "dims"
            elif low == "opportunities for growth":
                mode = "growth"
            elif section in ("breakdown", "areas"):
                section = "areas"
                areas.append({"heading": title, "dims": [], "growth": []})
                mode = None
            elif section == "pathways":
                pathways.append({"name": title, "description": None, "items": []})
            continue
        if not line or line == "---" or line in ("DEEP DIVE",) or re.fullmatch(r"\[.*\]\(.*\)", line):
            continue
        if section == "levels" and "\t" in line:
            name, desc = line.split("\t")
            levels.append((norm(name), norm(desc)))
        elif section == "overview" and "\t" in line:
            cells = [norm(c) for c in line.split("\t")]
            if cells[0] != "Skill Area":
                overview.append((cells[0], cells[1:]))
        elif section == "areas" and mode == "dims" and "\t" in line:
            name, stages = line.split("\t")
            areas[-1]["dims"].append((norm(name), [norm(s) for s in stages.split("→")]))
        elif section == "areas" and mode == "growth" and line.startswith("-"):
            if line.strip("- "):
                areas[-1]["growth"].append(norm(line[1:]))
        elif section == "pathways" and pathways and line.startswith("*") and line.endswith("*"):
            pathways[-1]["description"] = norm(line.strip("*"))
        elif section == "pathways" and pathways and line.startswith("-"):
            pathways[-1]["items"].append(norm(line[1:]))
        else:
            prose.append(norm(line))
    return {"levels": levels, "overview": overview, "areas": areas, "pathways": pathways, "prose": prose}


@pytest.fixture(scope="module")
def seed000() -> dict[str, Any]:
    return parse_000(read_seed(SEED_000))


@pytest.fixture(scope="module")
def fw000() -> Framework:
    return load_framework(FW_000)


def test_000_parse_sanity(seed000: dict[str, Any]) -> None:
    assert len(seed000["levels"]) == 5
    assert len(seed000["overview"]) == 7
    assert len(seed000["areas"]) == 7
    assert sum(len(area["dims"]) for area in seed000["areas"]) == 25
    assert all(area["growth"] for area in seed000["areas"])
    assert len(seed000["pathways"]) == 3


def test_000_shape(fw000: Framework) -> None:
    assert [level.id for level in fw000.levels] == LEVELS_000
    assert len(fw000.areas) == 7
    assert fw000.dimension_count == 25
    assert len(fw000.pathways) == 3
    assert fw000.scale == "career"
    assert fw000.source is not None and "krossbuilds.com" in fw000.source.credit


def test_000_levels(seed000: dict[str, Any], fw000: Framework) -> None:
    assert [(level.name, level.description) for level in fw000.levels] == seed000["levels"]


def test_000_overview(seed000: dict[str, Any], fw000: Framework) -> None:
    for area, (label, cells) in zip(fw000.areas, seed000["overview"], strict=True):
        assert label.lower() in area.name.lower(), (label, area.name)
        assert [area.overview.get(level_id) for level_id in LEVELS_000] == [(cell,) for cell in cells], area.id


def test_000_progressions(seed000: dict[str, Any], fw000: Framework) -> None:
    for area, parsed in zip(fw000.areas, seed000["areas"], strict=True):
        assert parsed["heading"].startswith(area.name), (parsed["heading"], area.name)
        assert [dim.name for dim in area.dimensions] == [name for name, _ in parsed["dims"]]
        for dim, (name, stages) in zip(area.dimensions, parsed["dims"], strict=True):
            # Every stage, in order, at increasing levels.
            carried = [dim.levels[level_id] for level_id in LEVELS_000 if level_id in dim.levels]
            assert carried == [(stage,) for stage in stages], f"{area.id} > {name}"
            if len(stages) == len(LEVELS_000):
                assert list(dim.levels) == LEVELS_000
                assert dim.ragged_note is None
            else:
                note = dim.ragged_note or ""
                assert f"{len(stages)} stages for {len(LEVELS_000)} levels" in note, f"{area.id} > {name}"


def test_000_growth(seed000: dict[str, Any], fw000: Framework) -> None:
    for area, parsed in zip(fw000.areas, seed000["areas"], strict=True):
        assert list(area.growth) == parsed["growth"], area.id
        assert all(item.strip() for item in area.growth)


def test_000_pathways(seed000: dict[str, Any], fw000: Framework) -> None:
    got = [(p.name, p.description, list(p.items)) for p in fw000.pathways]
    want = [(p["name"], p["description"], p["items"]) for p in seed000["pathways"]]
    assert got == want


def test_000_every_text_is_carried(seed000: dict[str, Any], fw000: Framework) -> None:
    texts = [d for level in seed000["levels"] for d in level]
    texts += [cell for _, cells in seed000["overview"] for cell in cells]
    for area in seed000["areas"]:
        texts += [name for name, _ in area["dims"]] + [s for _, stages in area["dims"] for s in stages]
        texts += area["growth"]
    for pathway in seed000["pathways"]:
        texts += [pathway["name"], pathway["description"], *pathway["items"]]
    texts += seed000["prose"]  # introductions and closing paragraph
    assert seed000["prose"], "the seed's prose paragraphs were not found"
    assert missing(texts, fw000) == []


# ---------------------------------------------------------------- seed 001

GLUED = re.compile(r"(?<=[.!?])(?=[A-Z])")  # "...the product.You understand..."


def split_statements(cell: str) -> list[str]:
    statements = []
    for line in cell.split("\n"):
        for part in GLUED.split(line):
            # A stray "|" followed by a line break sits inside one cell of the source; it is not a separator.
            part = norm(part).removesuffix("|").strip()
            if part:
                statements.append(part)
    return statements


def parse_001(text: str) -> dict[str, Any]:
    header, _, body = text.partition("\n")
    level_names = [norm(c) for c in header.split("|")[1:] if c.strip()]
    body = body.lstrip()
    assert re.match(r"^-+\|", body), "separator row missing"
    body = body.split("\n", 1)[1].rstrip().removesuffix("|")
    # Cell separators are pipes with spaces on both sides; rows end with "| |" (an empty cell).
    tokens = [t.strip() for t in re.split(r"(?<= )\|(?= )", body)]
    rows: list[dict[str, Any]] = []
    marker = None
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if not token:
            index += 1
            continue
        assert not token.startswith("You"), f"statement where a competency name was expected: {token[:60]!r}"
        cells = tokens[index + 1 : index + 1 + len(level_names)]
        index += 1 + len(level_names)
        if not any(cells):
            marker = norm(token)  # "Include these competencies if you are a people manager"
            continue
        rows.append(
            {
                "name": norm(token),
                "people_manager": marker is not None,
                "levels": [split_statements(cell) for cell in cells],
            }
        )
    return {"level_names": level_names, "rows": rows, "marker": marker}


@pytest.fixture(scope="module")
def seed001() -> dict[str, Any]:
    return parse_001(read_seed(SEED_001))


@pytest.fixture(scope="module")
def fw001() -> Framework:
    return load_framework(FW_001)


def test_001_parse_sanity(seed001: dict[str, Any]) -> None:
    assert len(seed001["level_names"]) == 3
    assert len([r for r in seed001["rows"] if not r["people_manager"]]) == 12
    assert len([r for r in seed001["rows"] if r["people_manager"]]) == 4
    assert seed001["marker"] is not None
    for row in seed001["rows"]:
        for statements in row["levels"]:
            assert all(s.startswith("You") for s in statements), row["name"]


def test_001_shape(fw001: Framework) -> None:
    assert [level.id for level in fw001.levels] == LEVELS_001
    assert [level.short for level in fw001.levels] == ["L2", "L3", "L4"]
    assert len(fw001.areas) == 3
    assert fw001.dimension_count == 16
    assert [q.id for q in fw001.questions] == ["people-manager"]
    assert fw001.questions[0].prompt == "Are you a people manager?"
    assert fw001.source is not None and "competency table" in fw001.source.credit
    optional = [area for area in fw001.areas if area.applies_if is not None]
    assert len(optional) == 1
    pm = optional[0]
    assert pm.applies_if == "people-manager"
    assert len(pm.dimensions) == 4
    for dim in pm.dimensions:
        assert set(dim.levels) == {"level-3", "level-4"}, dim.id
        assert dim.ragged_note and "Level 3" in dim.ragged_note
    # Everyone else is assessed on the other 12 competencies.
    assert sum(len(a.dimensions) for a in fw001.applicable_areas({"people-manager": False})) == 12
    assert sum(len(a.dimensions) for a in fw001.applicable_areas({"people-manager": True})) == 16


def test_001_level_names(seed001: dict[str, Any], fw001: Framework) -> None:
    assert [level.name for level in fw001.levels] == seed001["level_names"]


def test_001_statements_per_cell(seed001: dict[str, Any], fw001: Framework) -> None:
    dims = {dim.name: (area, dim) for area in fw001.areas for dim in area.dimensions}
    assert list(dims) == [row["name"] for row in seed001["rows"]]
    for row in seed001["rows"]:
        area, dim = dims[row["name"]]
        assert (area.applies_if == "people-manager") == row["people_manager"], row["name"]
        for level_id, statements in zip(LEVELS_001, row["levels"], strict=True):
            got = [norm(s) for s in dim.levels.get(level_id, ())]
            assert got == statements, f"{row['name']} @ {level_id}"


def test_001_every_text_is_carried(seed001: dict[str, Any], fw001: Framework) -> None:
    texts = list(seed001["level_names"])
    for row in seed001["rows"]:
        texts.append(row["name"])
        texts += [s for statements in row["levels"] for s in statements]
    marker = re.sub(r"[^\w\s.,'-]+", "", seed001["marker"]).strip()  # the pointing-hand emoji is dropped
    texts.append(marker)
    assert missing(texts, fw001) == []
