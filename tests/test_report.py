"""The summary reports: every format shows the same result, safely, with stable JSON keys."""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import builtin_framework
from ladder_tui.core.domain.assessment import Assessment, new_assessment
from ladder_tui.core.domain.framework import Framework
from ladder_tui.core.domain.scoring import ScoreResult, score
from ladder_tui.core.presentation.report import FORMATS, clean, md, render
from ladder_tui.core.presentation.text import break_long_words, cell_len
from ladder_tui.core.storage.loader import framework_from_data

LEVELS = ["junior", "mid", "senior"]
ESC_RED = "\x1b[31m"


def framework(area_name: str = "Quality", dimension_name: str = "Empathy") -> Framework:
    def dim(dim_id: str, name: str) -> dict[str, Any]:
        return {"id": dim_id, "name": name, "levels": {level: f"{name} at {level}" for level in LEVELS}}

    return framework_from_data(
        {
            "id": "tiny",
            "name": "Tiny Ladder",
            "version": "3",
            "levels": [{"id": level, "name": level.capitalize()} for level in LEVELS],
            "areas": [
                {
                    "id": "workflow",
                    "name": "Workflow",
                    "growth": ["Track your daily metrics"],
                    "dimensions": [dim("autonomy", "Autonomy"), dim("performance", "Performance")],
                },
                {
                    "id": "quality",
                    "name": area_name,
                    "growth": ["Review the QA rubric weekly"],
                    "dimensions": [dim("empathy", dimension_name), dim("accuracy", "Accuracy")],
                },
            ],
            "pathways": [
                {
                    "id": "cs",
                    "name": "Customer Success",
                    "description": "Proactive work",
                    "items": ["Follow up"],
                }
            ],
        }
    )


def assessment(fw: Framework, subject: str = "Ana Lima", note: str | None = None) -> Assessment:
    result = new_assessment(fw, subject, "lead", assessment_id="ana")
    for (area, dim), (own, lead) in zip(
        fw.dimension_keys(),
        [("mid", "senior"), ("mid", "mid"), ("junior", "junior"), ("senior", "mid")],
        strict=True,
    ):
        result.set_rating(area, dim, "self", own)
        result.set_rating(area, dim, "lead", lead)
    if note is not None:
        result.set_note("quality", "empathy", "lead", note)
    return result


def scored(**kwargs: Any) -> ScoreResult:
    fw = framework(**{k: v for k, v in kwargs.items() if k in ("area_name", "dimension_name")})
    rest = {k: v for k, v in kwargs.items() if k in ("subject", "note")}
    return score(fw, assessment(fw, **rest))


def test_the_scored_example() -> None:
    result = scored()
    # Effective (lead): senior, mid, junior, mid. Junior 4/4; Mid 3/4 = 75% < 80%.
    assert result.suggested is not None and result.suggested.id == "junior"
    assert [item.dimension.id for item in result.focus] == ["empathy"]
    assert [item.dimension.id for item in result.calibration] == ["autonomy", "accuracy"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_shows_the_summary(fmt: str) -> None:
    result = scored(note="Calmed an angry customer, 2024-05-02")
    output = render(result, fmt, width=100)
    for expected in (
        "Ana Lima",
        "Tiny Ladder",
        "Junior",  # suggested level
        "3 of 4 at Mid or above",  # explanation
        "100%",  # confidence
        "Workflow",  # per-area table
        "Empathy at junior",  # focus: current descriptor
        "Empathy at mid",  # focus: next descriptor
        "Review the QA rubric weekly",  # growth
        "Autonomy",  # strengths / calibration
        "Customer Success",  # pathways
        "Follow up",
    ):
        assert expected in output, (fmt, expected)
    if fmt != "json":
        assert "Calmed an angry customer" in output
        assert "Calibration" in output


def test_provisional_warning_in_every_format() -> None:
    fw = framework()
    half = new_assessment(fw, "Bo", assessment_id="bo")
    half.set_rating("workflow", "autonomy", "self", "mid")
    result = score(fw, half)
    assert result.provisional
    for fmt in ("text", "markdown", "html"):
        assert "Provisional" in render(result, fmt), fmt
    assert json.loads(render(result, "json"))["provisional"] is True


def test_json_has_the_stable_keys() -> None:
    data = json.loads(render(scored(), "json"))
    for key in (
        "subject",
        "framework",
        "suggested_level",
        "confidence",
        "provisional",
        "explanation",
        "focus",
        "strengths",
        "calibration",
        "areas",
        "mode",
        "target_level",
        "answered",
        "applicable",
        "pathways",
    ):
        assert key in data, key
    assert data["subject"] == "Ana Lima"
    assert {"id": "tiny", "name": "Tiny Ladder", "version": "3"}.items() <= data["framework"].items()
    assert data["suggested_level"]["id"] == "junior" and data["suggested_level"]["name"] == "Junior"
    assert isinstance(data["confidence"], float) and 0 <= data["confidence"] <= 1
    assert all(isinstance(line, str) for line in data["explanation"])
    focus = data["focus"][0]
    for key in ("area", "dimension", "current", "next", "current_descriptor", "next_descriptor", "growth"):
        assert key in focus, key
    calibration = data["calibration"][0]
    assert {"self", "lead", "difference"} <= calibration.keys()
    assert data["mode"] == "lead" and data["target_level"] is None
    assert (data["answered"], data["applicable"]) == (4, 4)


def test_json_keeps_text_but_escapes_terminal_controls() -> None:
    output = render(scored(subject="Zoë \x9b31m" + ESC_RED + "Red"), "json")
    assert "\x1b" not in output and "\x9b" not in output
    assert "Zoë" in output  # not ASCII-escaped
    assert json.loads(output)["subject"] == "Zoë \x9b31m" + ESC_RED + "Red"


def test_html_is_self_contained_and_escapes_the_subject() -> None:
    output = render(scored(subject="<script>alert('x')</script>", note="see <img src=x onerror=alert(1)>"), "html")
    assert "<script" not in output.lower()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in output
    assert "<img" not in output
    assert not re.search(r"https?://", output)
    for external in ("<link", "@import", "url(", "src=", "<iframe"):
        assert external not in output.lower().replace("&lt;img src=", ""), external
    assert "@page" in output and "@media print" in output
    assert "page-break-inside: avoid" in output
    assert output.startswith("<!DOCTYPE html>") and output.rstrip().endswith("</html>")


def test_the_html_page_title_names_the_whole_framework() -> None:
    fw = builtin_framework("customer-support-l1-l5")  # its name carries parentheses: "Customer Support (L1–L5)"
    output = render(score(fw, new_assessment(fw, "Ana <b>", assessment_id="ana")), "html")
    assert "<title>Summary: Ana &lt;b&gt; · Customer Support (L1–L5)</title>" in output


def test_html_bars_follow_the_area_median() -> None:
    output = render(scored(), "html")
    # Workflow: senior, mid -> lower median mid = 2 of 3 levels; Quality: junior, mid -> junior = 1 of 3.
    assert 'style="width:67%"' in output
    assert 'style="width:33%"' in output


def test_text_has_no_escape_sequences_without_color() -> None:
    result = scored(
        subject=f"Ana {ESC_RED}Lima\x07",
        note=f"bad {ESC_RED}note\x1b]0;title\x07\x9b2J end",
        area_name=f"Qu{ESC_RED}ality",
        dimension_name="Emp\x1b[2Jathy",
    )
    for fmt in ("text", "markdown"):
        output = render(result, fmt, color=False, width=100)
        assert "\x1b" not in output, fmt
        assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]", output), fmt
        assert "Ana Lima" in output
        assert "bad note end" in output
        assert "Quality" in output and "Empathy" in output


def test_text_with_color_is_styled() -> None:
    assert "\x1b[" in render(scored(), "text", color=True)


@pytest.mark.parametrize("width", [40, 80, 120])
def test_text_fits_the_width(width: int) -> None:
    output = render(scored(), "text", width=width)
    assert max(len(line) for line in output.splitlines()) <= width


WIDE = "客户服务质量评估"  # eight characters, sixteen cells
LONG_WORD = "Supercalifragilistic" * 4  # no space to break at


@pytest.mark.parametrize("width", [40, 60, 100])
def test_wide_characters_and_long_words_still_fit(width: int) -> None:
    result = scored(
        subject=f"Ana {WIDE} 🙂",
        area_name=f"{WIDE}{WIDE}",
        dimension_name=f"Empathy {LONG_WORD}",
        note=f"{WIDE * 4} and {LONG_WORD}\nsecond line",
    )
    for color in (False, True):
        output = render(result, "text", color=color, width=width)
        plain = re.sub(r"\x1b\[[0-9;]*m", "", output)
        assert max(cell_len(line) for line in plain.splitlines()) <= width, (width, color)
        squashed = "".join(plain.split())
        assert LONG_WORD in squashed and WIDE * 4 in squashed  # folded, never cut off
        assert "second line" in plain


def test_long_words_are_broken_into_line_pieces_and_bullets_hang() -> None:
    assert break_long_words("ab abcdefghij c", 4) == "ab abcd\nefgh\nij c"
    assert break_long_words("short words stay", 5) == "short words stay"
    output = render(scored(), "text", width=40)
    bullet_lines = [line for line in output.splitlines() if line.startswith("• ")]
    assert bullet_lines, output
    # A wrapped explanation line continues under its text, not under the bullet.
    after = output.splitlines()[output.splitlines().index(bullet_lines[0]) + 1]
    assert after.startswith("  ") and not after.startswith("   "), output
    assert cell_len(WIDE) == 16 and cell_len("e\u0301") == 1


def test_markdown_escapes_user_text() -> None:
    result = scored(subject="Ana *bold* | [link](x) <b>", note="pipe | in a cell\nsecond line")
    output = render(result, "markdown")
    assert "# Summary: Ana \\*bold\\* \\| \\[link\\](x) \\<b\\>" in output
    assert "pipe \\| in a cell<br>second line" in output  # a note keeps its lines, escaped, inside its cell
    # Every table row still has the same number of unescaped cell separators as its header.
    for block in re.findall(r"(?:^\|.*\|\n)+", output, flags=re.MULTILINE):
        rows = block.strip().split("\n")
        widths = {len(re.findall(r"(?<!\\)\|", row)) for row in rows}
        assert len(widths) == 1, rows


def test_md_and_clean_helpers() -> None:
    assert clean("a\x1b[1;31mb\x00c\r\nd\te\u202ef") == "abc\nd ef"
    assert md("1. not a list", starts_line=True) == "1\\. not a list"
    assert md("- not a list", starts_line=True) == "\\- not a list"
    assert md("Operations & PM &amp;") == "Operations & PM &amp;amp;"


def test_pathways_and_calibration_only_when_present() -> None:
    fw = framework_from_data(
        {
            "id": "bare",
            "name": "Bare",
            "levels": [{"id": "one", "name": "One"}, {"id": "two", "name": "Two"}],
            "areas": [{"id": "a", "name": "A", "dimensions": [{"id": "d", "name": "D", "levels": {"one": "x"}}]}],
        }
    )
    result = score(fw, new_assessment(fw, "Bo", assessment_id="bo"))
    for fmt in ("text", "markdown", "html"):
        output = render(result, fmt)
        assert "Pathways" not in output and "Calibration" not in output, fmt
        # Nothing rated: "None yet", never also "Below One" (which would say the opposite).
        assert "None yet" in output and "Below One" not in output, fmt


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown format 'pdf'"):
        render(scored(), "pdf")


def test_json_render_does_not_import_rich() -> None:
    code = (
        "import sys\n"
        "from ladder_tui.core.storage.loader import framework_from_data\n"
        "from ladder_tui.core.domain.assessment import new_assessment\n"
        "from ladder_tui.core.domain.scoring import score\n"
        "from ladder_tui.core.presentation.report import render\n"
        "dim = {'id': 'd', 'name': 'D', 'levels': {'one': 'x'}}\n"
        "fw = framework_from_data({'id': 'x', 'name': 'X', 'levels': [{'id': 'one', 'name': 'One'}],"
        " 'areas': [{'id': 'a', 'name': 'A', 'dimensions': [dim]}]})\n"
        "for fmt in ('json', 'markdown', 'html'):\n"
        "    render(score(fw, new_assessment(fw, 'S', assessment_id='s')), fmt)\n"
        "assert 'rich' not in sys.modules, 'rich imported for JSON, Markdown or HTML'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@pytest.mark.skipif(CHROMIUM is None, reason="needs a headless Chromium to print the HTML")
@pytest.mark.parametrize("paper", ["A4", "letter"])
def test_printed_summary_of_a_full_ladder_fits_on_two_pages(tmp_path: Path, paper: str) -> None:
    """Paper is for the 1:1: the summary itself takes two pages; the appendix of every answer comes after."""
    fw = builtin_framework("product-support-skills-matrix")
    rng = random.Random(3)
    levels = [level.id for level in fw.levels]
    keys = [(area.id, dim.id) for area in fw.areas for dim in area.dimensions]
    note = "Led the March incident review; wrote the runbook for billing escalations and coached two new hires."
    assessment = new_assessment(fw, "Ana Lima", "lead", assessment_id="ana")
    for number, (area_id, dim_id) in enumerate(keys):
        own = rng.randrange(1, 4)
        # A lead who agrees on most dimensions and differs by a level on about a third of them.
        lead = own + rng.choice([0, 0, 0, 0, 1, -1])
        assessment.set_rating(area_id, dim_id, "self", levels[own])
        assessment.set_rating(area_id, dim_id, "lead", levels[lead])
        if number % 3 == 0:
            assessment.set_note(area_id, dim_id, "lead", note)
    page = render(score(fw, assessment), "html")
    assert '<section id="answers">' in page
    summary_only = re.sub(r'<section id="answers">.*?</section>', "", page, flags=re.DOTALL)
    summary_only = summary_only.replace("@page { size: auto;", f"@page {{ size: {paper};")
    source = tmp_path / "summary.html"
    source.write_text(summary_only, encoding="utf-8")
    pdf = tmp_path / "summary.pdf"
    subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", source.as_uri()],
        capture_output=True, timeout=120, check=True,
    )  # fmt: skip
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf.read_bytes()))
    assert 1 <= pages <= 2, pages


def test_laying_out_pauses_the_cycle_collector_and_leaves_it_as_it_was(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    from ladder_tui.core.presentation import report

    seen: list[bool] = []
    real_text = report.render_text
    monkeypatch.setattr(report, "render_text", lambda doc, **kw: (seen.append(gc.isenabled()), real_text(doc, **kw))[1])
    result = scored()
    was = gc.isenabled()
    try:
        gc.enable()
        assert "Ana Lima" in render(result, "text")
        assert gc.isenabled()
        gc.disable()
        render(result, "text")
        assert not gc.isenabled()  # a caller that turned it off keeps it off
    finally:
        (gc.enable if was else gc.disable)()
    assert seen == [False, False]


def test_an_areas_rated_count_is_of_its_applicable_dimensions_with_not_applicable_said_apart() -> None:
    fw = framework()
    marked = assessment(fw)
    marked.set_rating("quality", "accuracy", "lead", "na")
    text = render(score(fw, marked), "markdown")
    quality = next(line for line in text.splitlines() if line.startswith("| Quality |"))
    assert "| 1/1 (+1 n/a) |" in quality, quality
    workflow = next(line for line in text.splitlines() if line.startswith("| Workflow |"))
    assert "| 2/2 |" in workflow, workflow
