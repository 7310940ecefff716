"""Synthetic frameworks and assessments for the benchmarks (and the tests): big, realistic, deterministic."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import tomli_w

LEVELS = [
    ("junior", "Junior"),
    ("intermediate", "Intermediate"),
    ("advanced", "Advanced"),
    ("senior", "Senior"),
    ("lead", "Lead"),
]

_TEXT = (
    "customer ticket escalation empathy tone macro product knowledge troubleshooting bug report follow-up "
    "queue ownership mentoring documentation feedback pattern root cause workaround priority SLA handoff "
    "clarity context judgement proactive calm accurate thorough reliable coaching process improvement"
)
_WORDS = _TEXT.split()


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(_WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def framework_data(
    dimensions: int = 500, areas: int = 20, framework_id: str = "synthetic-500", seed: int = 500
) -> dict[str, Any]:
    """A career ladder of `dimensions` dimensions over `areas` areas, 5 levels, a descriptor at every level."""
    rng = random.Random(seed)
    per_area, extra = divmod(dimensions, areas)
    area_list: list[dict[str, Any]] = []
    number = 0
    for a in range(areas):
        count = per_area + (1 if a < extra else 0)
        dims = []
        for _ in range(count):
            number += 1
            dims.append(
                {
                    "id": f"dim-{number:04d}",
                    "name": f"Dimension {number}",
                    "description": _sentence(rng, 12),
                    "levels": {
                        level_id: _sentence(rng, 15) if i % 2 else [_sentence(rng, 10), _sentence(rng, 7)]
                        for i, (level_id, _) in enumerate(LEVELS)
                    },
                }
            )
        area_list.append(
            {
                "id": f"area-{a + 1:02d}",
                "name": f"Area {a + 1}",
                "description": _sentence(rng, 20),
                "overview": {level_id: _sentence(rng, 12) for level_id, _ in LEVELS},
                "growth": [_sentence(rng, 10) for _ in range(3)],
                "dimensions": dims,
            }
        )
    return {
        "format_version": 1,
        "id": framework_id,
        "name": f"Synthetic ladder ({dimensions} dimensions)",
        "version": "1",
        "description": "Generated for benchmarks.",
        "levels": [{"id": level_id, "name": name} for level_id, name in LEVELS],
        "areas": area_list,
    }


def write_framework(folder: Path, dimensions: int = 500, framework_id: str = "synthetic-500") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{framework_id}.toml"
    path.write_text(tomli_w.dumps(framework_data(dimensions, framework_id=framework_id)), encoding="utf-8")
    return path


def write_assessment(
    folder: Path,
    framework_path: Path,
    *,
    assessment_id: str = "synthetic",
    subject: str = "Sam Synthetic",
    answered: float = 1.0,
    notes: bool = True,
    seed: int = 1,
) -> Path:
    """An assessment of the framework at `framework_path`, `answered` of it rated (self and lead), with notes."""
    from ladder_tui.core.domain.assessment import new_assessment
    from ladder_tui.core.storage.assessments import save_assessment
    from ladder_tui.core.storage.loader import load_framework

    rng = random.Random(seed)
    framework = load_framework(framework_path)
    assessment = new_assessment(framework, subject, "lead", assessment_id=assessment_id)
    keys = framework.dimension_keys()
    level_ids = [level.id for level in framework.levels]
    for area_id, dim_id in keys[: int(len(keys) * answered)]:
        base = rng.randrange(len(level_ids))
        assessment.set_rating(area_id, dim_id, "self", level_ids[min(len(level_ids) - 1, base + rng.choice((0, 0, 1)))])
        assessment.set_rating(area_id, dim_id, "lead", level_ids[base])
        if notes and rng.random() < 0.2:
            assessment.set_note(area_id, dim_id, "lead", _sentence(rng, 15))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{assessment_id}.toml"
    save_assessment(assessment, path)
    return path
