"""The command line, run for real as `python -m ladder_tui ...` in a subprocess against a temporary data folder."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from conftest import (
    BUILTIN_DIR,
    FIXTURES,
    PYTHON,
    all_keys,
    builtin_framework,
    ladder_env,
    make_assessment,
    rate_all,
    run_cli,
)
from ladder_tui import __version__
from ladder_tui.core.presentation.text import cell_len
from ladder_tui.core.storage.assessments import load_assessment

BUILTIN_IDS = [
    "customer-support-l1-l5",
    "happiness-skills-tree",
    "product-support-skills-matrix",
    "support-specialist-l2-l4",
]
PRODUCT = "product-support-skills-matrix"
TINY = FIXTURES / "tiny-ladder.toml"


run = run_cli


def assert_clean_error(result: subprocess.CompletedProcess[str], *needles: str) -> str:
    """Exit status 2, one line on stderr naming the problem, no traceback, nothing on stdout."""
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    return lines[0]


# ----------------------------------------------------------------- basics


def test_version(ladder_home: Path) -> None:
    result = run(ladder_home, "--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"ladder-tui {__version__}"


def test_help_names_every_command(ladder_home: Path) -> None:
    result = run(ladder_home, "--help")
    assert result.returncode == 0
    for command in ("new", "open", "list", "summary", "frameworks", "serve"):
        assert re.search(rf"^\s+{command}\s", result.stdout, re.MULTILINE), command
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", ["new", "open", "summary", "frameworks"])
def test_help_of_each_command(ladder_home: Path, command: str) -> None:
    result = run(ladder_home, command, "--help")
    assert result.returncode == 0
    assert result.stdout.startswith(f"usage: ladder-tui {command}")


def test_unknown_command_is_a_usage_error(ladder_home: Path) -> None:
    result = run(ladder_home, "frobnicate")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "invalid choice" in result.stderr


# ----------------------------------------------------------------- frameworks


def test_frameworks_list_shows_the_four_built_in_ids(ladder_home: Path) -> None:
    result = run(ladder_home, "frameworks", "list")
    assert result.returncode == 0, result.stderr
    rows = result.stdout.splitlines()
    assert rows[0].split()[:2] == ["ID", "NAME"]
    ids = [row.split()[0] for row in rows[1:]]
    assert ids == BUILTIN_IDS
    product = next(row for row in rows if row.startswith(PRODUCT))
    assert re.search(r"\s5\s+7\s+25\s+built-in$", product), product
    assert result.stderr == ""


def test_frameworks_list_includes_a_user_framework_and_skips_a_broken_one(ladder_home: Path) -> None:
    user_dir = ladder_home / "frameworks"
    user_dir.mkdir()
    (user_dir / "tiny-ladder.toml").write_text(TINY.read_text(encoding="utf-8"), encoding="utf-8")
    (user_dir / "broken.toml").write_text("id = [", encoding="utf-8")
    result = run(ladder_home, "frameworks", "list")
    assert result.returncode == 0
    assert [row.split()[0] for row in result.stdout.splitlines()[1:]] == [*BUILTIN_IDS, "tiny-ladder"]
    assert "broken.toml" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("framework_id", BUILTIN_IDS)
def test_frameworks_show(ladder_home: Path, framework_id: str) -> None:
    fw = builtin_framework(framework_id)
    result = run(ladder_home, "frameworks", "show", framework_id)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{fw.name}  ({framework_id}, version {fw.version})")
    for level in fw.levels:
        assert f"{level.name} [{level.id}]" in result.stdout
    for area in fw.areas:
        assert f"{area.name} [{area.id}]" in result.stdout
        for dim in area.dimensions:
            assert f"[{dim.id}]" in result.stdout


def test_frameworks_show_a_path_and_an_unknown_id(ladder_home: Path) -> None:
    result = run(ladder_home, "frameworks", "show", str(TINY))
    assert result.returncode == 0
    assert "Tiny Ladder" in result.stdout and "(only if manager)" in result.stdout
    assert_clean_error(run(ladder_home, "frameworks", "show", "no-such-ladder"), "no-such-ladder")


@pytest.mark.parametrize("name", sorted(p.name for p in BUILTIN_DIR.glob("*.toml")))
def test_frameworks_validate_built_in_files(ladder_home: Path, name: str) -> None:
    result = run(ladder_home, "frameworks", "validate", str(BUILTIN_DIR / name))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{BUILTIN_DIR / name}: ok (")
    assert result.stderr == ""


def test_frameworks_validate_several_files_at_once(ladder_home: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('id = "x"\n', encoding="utf-8")
    result = run(ladder_home, "frameworks", "validate", str(TINY), str(bad), *map(str, BUILTIN_DIR.glob("*.toml")))
    assert result.returncode == 2
    assert result.stdout.count(": ok (") == 5
    assert "bad.toml" in result.stderr and "Traceback" not in result.stderr


def _tiny() -> str:
    return TINY.read_text(encoding="utf-8")


BAD_FRAMEWORKS: dict[str, tuple[bytes | str, list[str]]] = {
    # name: (content, text the one error line must contain)
    "malformed": (
        _tiny().replace('name = "Tiny Ladder"', 'name = "Tiny Ladder'),
        ["malformed TOML", "bad.toml:4:20:"],
    ),
    "missing-key": (
        _tiny().replace('id = "tiny-ladder"\n', ""),
        ["missing required key 'id'"],
    ),
    "duplicate-level": (
        _tiny().replace("[[questions]]", '[[levels]]\nid = "mid"\nname = "Mid again"\n\n[[questions]]'),
        ["levels[3].id", "duplicate level id 'mid'", "bad.toml:25:"],
    ),
    "unknown-level-descriptor": (
        _tiny().replace('senior = "Teaches others to get the facts right"', 'lead = "Teaches others"'),
        ["areas[0].dimensions[0].levels.lead", "no level with id 'lead'", "bad.toml:40:"],
    ),
    "no-levels": (
        'id = "x"\nname = "X"\nlevels = []\n\n[[areas]]\nid = "a"\nname = "A"\n\n'
        '[[areas.dimensions]]\nid = "d"\nname = "D"\n',
        ["levels", "at least one"],
    ),
    "no-dimensions": (
        'id = "x"\nname = "X"\n\n[[levels]]\nid = "one"\nname = "One"\n\n[[areas]]\nid = "a"\nname = "A"\n'
        "dimensions = []\n",
        ["areas[0].dimensions", "at least one"],
    ),
    "not-utf8": (b'id = "x"\nname = "caf\xe9"\n', ["not UTF-8", "bad.toml:2:"]),
    "unknown-key": (_tiny().replace('version = "1"', 'version = "1"\ncolour = "red"'), ["unknown key 'colour'"]),
    "not-toml-at-all": (b"\x00\x01\x02", ["bad.toml"]),
}


@pytest.mark.parametrize("case", sorted(BAD_FRAMEWORKS))
def test_frameworks_validate_bad_file(ladder_home: Path, tmp_path: Path, case: str) -> None:
    content, needles = BAD_FRAMEWORKS[case]
    bad = tmp_path / "bad.toml"
    if isinstance(content, bytes):
        bad.write_bytes(content)
    else:
        bad.write_text(content, encoding="utf-8")
    line = assert_clean_error(run(ladder_home, "frameworks", "validate", str(bad)), str(bad), *needles)
    assert line.startswith(str(bad))
    assert ": ok" not in line


def test_missing_top_level_key_is_not_pinned_on_another_tables_line(ladder_home: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(_tiny().replace('name = "Tiny Ladder"\n', ""), encoding="utf-8")
    line = assert_clean_error(run(ladder_home, "frameworks", "validate", str(bad)), "missing required key 'name'")
    # Line 13 is `name = "Junior"` of the first level: not where anything is missing.
    assert not re.match(rf"{re.escape(str(bad))}:\d+:", line), line


def test_frameworks_validate_a_directory_and_a_missing_file(ladder_home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    assert_clean_error(run(ladder_home, "frameworks", "validate", str(folder)), str(folder), "directory")
    missing = tmp_path / "missing.toml"
    assert_clean_error(run(ladder_home, "frameworks", "validate", str(missing)), str(missing), "no such file")


def test_frameworks_schema_is_json_schema(ladder_home: Path) -> None:
    result = run(ladder_home, "frameworks", "schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert schema["type"] == "object"
    assert {"id", "name", "levels", "areas"} <= set(schema["required"])
    assert {"levels", "areas", "questions", "scoring", "pathways"} <= set(schema["properties"])


# ----------------------------------------------------------------- list, summary, new, open


def test_list_when_empty(ladder_home: Path) -> None:
    result = run(ladder_home, "list")
    assert result.returncode == 0
    assert "No assessments yet" in result.stdout


def test_list_columns_line_up_with_wide_characters_and_a_very_long_name_is_cut(ladder_home: Path) -> None:
    make_assessment(PRODUCT, "Zoë 客户服务", assessment_id="zoe")
    make_assessment(PRODUCT, "Al", assessment_id="al")
    make_assessment(PRODUCT, "客" * 200, assessment_id="long")
    result = run(ladder_home, "list")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    # Where FRAMEWORK starts, counted in terminal cells: the same on every line.
    starts = {cell_len(line[: line.index(PRODUCT if number else "FRAMEWORK")]) for number, line in enumerate(lines)}
    assert len(starts) == 1, lines
    assert "客" * 19 + "…" in result.stdout and max(map(cell_len, lines)) < 120  # the id names it whole


def test_list_shows_progress_and_last_saved(ladder_home: Path) -> None:
    from datetime import UTC, datetime

    fw = builtin_framework(PRODUCT)
    keys = all_keys(fw)
    ratings = {key: "advanced" for key in keys[:7]}
    ratings[keys[7]] = "skip"  # a skip is not an answer
    make_assessment(fw, "Ana Lima", ratings={"self": ratings}, when=datetime(2026, 3, 2, 9, 30, tzinfo=UTC))
    make_assessment(
        "support-specialist-l2-l4",
        "Bo",
        "lead",
        questions={"people-manager": True},
        when=datetime(2026, 1, 2, tzinfo=UTC),
    )
    (ladder_home / "assessments" / "junk.toml").write_text("not = [toml", encoding="utf-8")
    result = run(ladder_home, "list")
    assert result.returncode == 0, result.stderr
    rows = [row.split() for row in result.stdout.splitlines()]
    assert rows[0] == ["ID", "SUBJECT", "FRAMEWORK", "MODE", "PROGRESS", "LAST", "SAVED"]
    assert rows[1] == [f"ana-lima-{PRODUCT}", "Ana", "Lima", PRODUCT, "self", "7/25", "2026-03-02"]
    assert rows[2] == ["bo-support-specialist-l2-l4", "Bo", "support-specialist-l2-l4", "lead", "0/16", "2026-01-02"]
    assert len(rows) == 3
    assert "junk.toml" in result.stderr and "Traceback" not in result.stderr


@pytest.fixture
def rated(ladder_home: Path) -> Path:
    fw = builtin_framework(PRODUCT)
    return make_assessment(
        fw,
        "Ana Lima",
        "lead",
        assessment_id="ana",
        ratings={
            "self": rate_all(fw, ["advanced", "senior", "advanced", "intermediate"]),
            "lead": rate_all(fw, ["advanced", "advanced", "lead"]),
        },
    )


def test_summary_text(ladder_home: Path, rated: Path) -> None:
    result = run(ladder_home, "summary", "ana")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Summary: Ana Lima")
    assert "Suggested level: Advanced" in result.stdout
    assert "\x1b[" not in result.stdout  # not a terminal: no colour codes
    assert "Calibration" in result.stdout


def test_summary_markdown(ladder_home: Path, rated: Path) -> None:
    result = run(ladder_home, "summary", str(rated), "--format", "markdown")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# ")
    assert "Ana Lima" in result.stdout and "Advanced" in result.stdout
    assert re.search(r"^\|.*\|$", result.stdout, re.MULTILINE)


def test_summary_json(ladder_home: Path, rated: Path) -> None:
    result = run(ladder_home, "summary", "ana", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    for key in (
        "subject",
        "framework",
        "suggested_level",
        "confidence",
        "explanation",
        "focus",
        "strengths",
        "calibration",
        "areas",
    ):
        assert key in data, key
    assert data["subject"] == "Ana Lima"
    assert data["suggested_level"]["id"] == "advanced"
    assert data["confidence"] == 1
    assert len(data["focus"]) == 3
    assert {"area", "dimension", "current", "next"} <= set(data["focus"][0])
    assert data["calibration"]


def test_summary_html_to_a_private_file(ladder_home: Path, rated: Path, tmp_path: Path) -> None:
    out = tmp_path / "ana.html"
    result = run(ladder_home, "summary", "ana", "--format", "html", "--output", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    html = out.read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html")
    assert "Ana Lima" in html and "</html>" in html
    assert "<script" not in html.lower()
    assert out.stat().st_mode & 0o777 == 0o600


def test_summary_of_bad_input(ladder_home: Path, tmp_path: Path) -> None:
    assert_clean_error(run(ladder_home, "summary", "nobody"), "nobody", "no such assessment")
    not_toml = tmp_path / "notes.toml"
    not_toml.write_text("hello there\n", encoding="utf-8")
    assert_clean_error(run(ladder_home, "summary", str(not_toml)), str(not_toml), "malformed TOML")


def test_new_with_an_unknown_framework_creates_nothing(ladder_home: Path) -> None:
    line = assert_clean_error(run(ladder_home, "new", "--framework", "no-such", "--subject", "Ana"), "no-such")
    assert "unknown framework" in line
    assert not (ladder_home / "assessments").exists() or not list((ladder_home / "assessments").iterdir())


def test_a_mistyped_framework_id_names_the_one_that_was_meant(ladder_home: Path) -> None:
    line = assert_clean_error(run(ladder_home, "new", "-f", "product-suport-skills", "-s", "Ana"), "product-suport")
    assert "did you mean 'product-support-skills-matrix'?" in line


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--framework", PRODUCT, "--subject", "  "], "--subject"),
        (["--framework", PRODUCT, "--subject", "Ana", "--target", "wizard"], "wizard"),
        (["--framework", PRODUCT, "--subject", "Ana", "--yes", "people-manager"], "people-manager"),
        (["--framework", "/no/such/ladder.toml", "--subject", "Ana"], "/no/such/ladder.toml"),
    ],
)
def test_new_with_bad_options_creates_nothing(ladder_home: Path, args: list[str], needle: str) -> None:
    assert_clean_error(run(ladder_home, "new", *args), needle)
    assert not (ladder_home / "assessments").exists() or not list((ladder_home / "assessments").iterdir())


def test_open_a_file_that_is_not_an_assessment(ladder_home: Path, tmp_path: Path) -> None:
    other = tmp_path / "pyproject.toml"
    other.write_text('[project]\nname = "x"\n', encoding="utf-8")
    before = other.read_bytes()
    assert_clean_error(run(ladder_home, "open", str(other)), str(other), "not a ladder-tui assessment")
    assert other.read_bytes() == before
    assert_clean_error(run(ladder_home, "open", "nobody"), "nobody")
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    assert_clean_error(run(ladder_home, "open", str(folder)), "directory")
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b"\xff\xfe\x00")
    assert_clean_error(run(ladder_home, "open", str(binary)), "UTF-8")


def test_open_an_assessment_of_an_uninstalled_framework(ladder_home: Path) -> None:
    path = make_assessment(PRODUCT, "Ana", assessment_id="ana")
    path.write_text(path.read_text(encoding="utf-8").replace(f'id = "{PRODUCT}"', 'id = "gone"'), encoding="utf-8")
    before = path.read_bytes()
    assert_clean_error(run(ladder_home, "open", "ana"), "gone", "not installed")
    assert path.read_bytes() == before
    assert load_assessment(path).framework.id == "gone"


# ----------------------------------------------------------------- no Textual where it is not needed


def imported_modules(stderr: str) -> set[str]:
    names = set()
    for line in stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            name = line.rsplit("|", 1)[1].strip()
            if name != "package":
                names.add(name)
    return names


@pytest.mark.parametrize(
    "args",
    [
        ["frameworks", "list"],
        ["frameworks", "show", PRODUCT],
        ["frameworks", "validate", str(BUILTIN_DIR / f"{PRODUCT}.toml")],
        ["frameworks", "schema"],
        ["list"],
        ["summary", "ana"],
        ["summary", "ana", "--format", "html"],
        ["--version"],
    ],
    ids=lambda args: "-".join(a for a in args if "/" not in a),
)
def test_commands_that_print_do_not_import_textual(ladder_home: Path, rated: Path, args: list[str]) -> None:
    result = subprocess.run(
        [PYTHON, "-X", "importtime", "-m", "ladder_tui", *args],
        env=ladder_env(ladder_home),
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    modules = imported_modules(result.stderr)
    assert "ladder_tui.cli" in modules  # the parse works
    textual = sorted(name for name in modules if name == "textual" or name.startswith("textual."))
    assert textual == []
    assert "asyncssh" not in modules


def test_without_a_terminal_the_app_says_so_at_once_instead_of_spinning(ladder_home: Path) -> None:
    """Input from /dev/null, output to a pipe: Textual would read the closed input for ever at full CPU."""
    assert_clean_error(run(ladder_home, timeout=20), "needs a terminal")
    line = assert_clean_error(run(ladder_home, "new", "-f", PRODUCT, "-s", "Ana", timeout=20), "needs a terminal")
    (created,) = (ladder_home / "assessments").glob("ana-*.toml")
    assert f"created {created}" in line and f"ladder-tui open {created.stem}" in line
    assert_clean_error(run(ladder_home, "open", created.stem, timeout=20), "needs a terminal", created.stem)
