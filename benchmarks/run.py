"""Measure every bar of SPEC section 8 in one run and print each figure as a ratio against its reference, measured in
the same run: `python benchmarks/run.py`.

Everything runs against throw-away data folders (LADDER_TUI_HOME in a temp dir); nothing of yours is read or written.
Options: --runs N (subprocess repetitions, default 7), --quick (fewer runs and key presses, for a smoke test),
--walks N (rounds of key-press walks to pool, default 2), --kills N (kill -9 rounds, default 10), --json FILE (also
write the figures as JSON), --strict (exit 1 when a bar is missed), --only PART (startup, home2000, list, summary,
team, longnote, import, keypress, kill; repeatable); see benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import ptyrun  # noqa: E402
import synth  # noqa: E402

PYTHON = sys.executable
#: What `summary` imports on its way with warm caches (the loader, scoring, cycles, the document, Rich's table
#: layout; no pydantic), for the "imports alone" context figure.
SUMMARY_IMPORTS = (
    "import argparse, ladder_tui.cli, ladder_tui.core.storage.catalog, ladder_tui.core.storage.assessments,"
    " ladder_tui.core.domain.cycles, ladder_tui.core.domain.scoring, ladder_tui.core.presentation.report,"
    " rich.console, rich.table, rich.rule"
)


@dataclass
class Row:
    name: str
    figure: str
    reference: str = ""
    ratio: float | None = None
    bar: str = ""
    ok: bool | None = None
    notes: list[str] = field(default_factory=list)


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from importlib.metadata import version

    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    return {
        "code": code_version(),
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "textual": version("textual"),
        "pydantic": version("pydantic"),
        "load average at start": " ".join(f"{value:.2f}" for value in load),
    }


def code_version() -> str:
    """The commit measured, and whether src/ had changes not yet committed (the figures are of the working tree)."""

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=HERE.parent, capture_output=True, text=True, check=False)
        return done.stdout.strip() if done.returncode == 0 else ""

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    return commit + (" + uncommitted changes in src/" if git("status", "--porcelain", "--", "src") else "")


#: Variables the children must not inherit. PYTHONDONTWRITEBYTECODE (set in some sandboxes and CI images) would make
#: Python compile ladder-tui's source on every start while the references' packages load pip's .pyc files: not what
#: a user's machine does, and unfair to whichever side is not installed from a wheel.
SCRUBBED = ("TEXTUAL", "PYTHONPROFILE", "PYTHONDONTWRITEBYTECODE")


def env_for(home: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(SCRUBBED)}
    env["LADDER_TUI_HOME"] = str(home)
    env.pop("NO_COLOR", None)
    return env


def median_runs(commands: dict[str, Callable[[], float]], runs: int, warmup: int = 1) -> dict[str, list[float]]:
    """Run each command `warmup` times untimed, then `runs` times interleaved (so drift hits every command alike)."""
    for command in commands.values():
        for _ in range(warmup):
            command()
    results: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            results[name].append(command())
    return results


def run_cmd(argv: Sequence[str], env: dict[str, str]) -> Callable[[], float]:
    def go() -> float:
        start = time.perf_counter()
        done = subprocess.run(argv, env=env, capture_output=True, check=False)
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            raise RuntimeError(f"{argv} exited {done.returncode}: {done.stderr.decode(errors='replace')[-2000:]}")
        return elapsed

    return go


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


# ----- the measurements -----


def prepare_home_with_assessments(home: Path, count: int, seed: int = 7) -> None:
    """`count` assessments over the built-in frameworks, partly answered, in `home`."""
    from ladder_tui.core.domain.assessment import MODE_SLOT, new_assessment
    from ladder_tui.core.storage.assessments import assessment_to_toml
    from ladder_tui.core.storage.catalog import FrameworkCatalog

    rng = random.Random(seed)
    frameworks = FrameworkCatalog(home=home).frameworks()
    folder = home / "assessments"
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        framework = frameworks[number % len(frameworks)]
        mode = rng.choice(("self", "lead", "pair"))
        assessment = new_assessment(
            framework, f"Person {number}", mode, assessment_id=f"person-{number:04d}-{framework.id}"
        )
        keys = framework.dimension_keys()
        levels = framework.level_ids
        for area_id, dim_id in keys[: rng.randrange(len(keys) + 1)]:
            assessment.set_rating(area_id, dim_id, MODE_SLOT[mode], rng.choice(levels))
        path = folder / f"{assessment.id}.toml"
        path.write_text(assessment_to_toml(assessment), encoding="utf-8")
        path.chmod(0o600)


#: Seconds of the first `ladder-tui list` over each shared folder, right after its files were written: every file
#: is new to the loader's cache (measured once, when the folder is made).
FIRST_LIST: dict[int, float] = {}


def shared_home(work: Path, count: int) -> Path:
    """A data folder with `count` saved assessments, made once per run (Home with 2,000 and `list` share it).

    A first `ladder-tui list` fills the loader's caches (timed once: `FIRST_LIST`), so that every measured run
    afterwards, of Home or of `list`, finds them warm, as a person's second and later runs do."""
    home = work / f"home-{count}"
    if not home.exists():
        home.mkdir()
        prepare_home_with_assessments(home, count)
        FIRST_LIST[count] = run_cmd([PYTHON, "-m", "ladder_tui", "list"], env_for(home))()
    return home


#: The bare app's first frame: its Static and the Footer's last key.
BARE_STAGES: list[ptyrun.Stage] = [("first frame", ["Bare Textual app ready", "palette"])]
#: Home's first interactive frame: its section title and the key hints' last item ("^p palette"); then the rows.
HOME = ["Resume an assessment", "palette"]


def bench_startup(work: Path, runs: int, counts: Sequence[int]) -> list[Row]:
    rows: list[Row] = []
    bare = [PYTHON, str(HERE / "bare_app.py")]
    app = [PYTHON, "-m", "ladder_tui"]
    for count in counts:
        if count == 0:
            home = work / "start-0"
            home.mkdir()
            stages: list[ptyrun.Stage] = [("first frame", [*HOME, "No saved assessments yet"])]
        else:
            home = shared_home(work, count)
            # Rows are read in a worker after Home's first frame: the first frame says "Reading the saved
            # assessments…" (or already shows rows); "Person " is in every row's subject.
            stages = [("first frame", HOME), ("rows", ["Person 0" if count <= 3 else "Person "])]
        env = env_for(home)
        bare_runs: list[ptyrun.Launch] = []
        app_runs: list[ptyrun.Launch] = []
        for attempt in range(runs + 1):  # the first round warms the disk cache and .pyc files, and is dropped
            bare_launch = ptyrun.launch(bare, env, BARE_STAGES)
            app_launch = ptyrun.launch(app, env, stages)
            if attempt:
                bare_runs.append(bare_launch)
                app_runs.append(app_launch)
        rows += startup_rows(count, runs, bare_runs, app_runs)
    return rows


def startup_rows(count: int, runs: int, bare: list[ptyrun.Launch], app: list[ptyrun.Launch]) -> list[Row]:
    def median(launches: list[ptyrun.Launch], what: Callable[[ptyrun.Launch], float]) -> float:
        return statistics.median(what(launch) for launch in launches)

    label = {0: "empty data folder", 3: "3 saved assessments"}.get(count, f"{count:,} saved assessments")
    bar = 1.25 if count <= 3 else 1.5
    bare_first = median(bare, lambda launch: launch.marks["first frame"])
    app_first = median(app, lambda launch: launch.marks["first frame"])
    firsts = [launch.marks["first frame"] for launch in app]
    bare_cpu, app_cpu = median(bare, lambda x: x.cpu_seconds), median(app, lambda x: x.cpu_seconds)
    bare_settled, app_settled = median(bare, lambda x: x.seconds), median(app, lambda x: x.seconds)
    notes = [
        f"app runs {ms(min(firsts))} to {ms(max(firsts))}; CPU time start to quit (steadier on a busy machine):"
        f" app {ms(app_cpu)}, bare app {ms(bare_cpu)}, {app_cpu / bare_cpu:.2f}x",
        f"last byte before 250 ms of quiet (the old measure): app {ms(app_settled)}, bare app {ms(bare_settled)},"
        f" {app_settled / bare_settled:.2f}x",
    ]
    if count:
        reading = sum("Reading the saved assessments" in launch.screens["first frame"] for launch in app)
        notes.append(f"the first frame said 'Reading the saved assessments…' in {reading} of {len(app)} runs")
    name = f"start to Home, {label}" if count <= 3 else f"Home with {label}"
    rows = [
        Row(
            f"{name}: first frame [bar] (80x24 pty, median of {runs})",
            ms(app_first),
            f"bare app {ms(bare_first)}",
            app_first / bare_first,
            f"<= {bar}x",
            app_first / bare_first <= bar,
            notes,
        )
    ]
    if count:
        app_rows = median(app, lambda launch: launch.marks["rows"])
        spread = [launch.marks["rows"] for launch in app]
        rows.append(
            Row(
                f"  {label}: rows on screen (reported beside the bar)",
                ms(app_rows),
                f"bare app's first frame {ms(bare_first)}",
                app_rows / bare_first,
                notes=[f"runs {ms(min(spread))} to {ms(max(spread))}"],
            )
        )
    bare_rss, app_rss = median(bare, lambda x: x.maxrss_kb), median(app, lambda x: x.maxrss_kb)
    at_first = median(app, lambda x: x.hwm_kb.get("first frame", 0))
    memory_bar = count <= 3
    rows.append(
        Row(
            f"peak memory at Home, {label}" + ("" if memory_bar else " (no bar)"),
            f"{app_rss / 1024:.1f} MB",
            f"bare app {bare_rss / 1024:.1f} MB",
            app_rss / bare_rss,
            "<= 1.3x" if memory_bar else "",
            app_rss / bare_rss <= 1.3 if memory_bar else None,
            [
                "ru_maxrss at quit (after the rows were read);"
                f" the peak so far at the first frame (VmHWM): {at_first / 1024:.1f} MB ({at_first / bare_rss:.2f}x)"
            ],
        )
    )
    return rows


def keypress_run(env: dict[str, str], *args: str) -> Any:
    done = subprocess.run(
        [PYTHON, str(HERE / "keypress.py"), *args], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"keypress.py {args[0]} failed: {done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def bench_keypress(work: Path, quick: bool, walks: int) -> list[Row]:
    from keypress import percentile

    home = work / "keypress"
    framework_path = synth.write_framework(home / "frameworks", 500)
    folder = home / "assessments"
    folder.mkdir(parents=True)
    env = env_for(home)
    presses = ["--presses", "60"] if quick else []
    base = [str(framework_path), str(folder), *presses]
    lengths_file = home / "walk.json"

    tuned: list[float] = []
    areas: list[float] = []
    plain: list[float] = []
    reference: list[float] = []
    saving: list[float] = []
    saved = True
    cards = 0
    # Each walk in a fresh process, as the real app runs; the three kinds interleaved, and in reverse order every
    # other round, so that a machine growing busier or quieter hits them alike.
    for number in range(walks):
        result = keypress_run(env, "walk", *base)
        lengths_file.write_text(json.dumps(result), encoding="utf-8")
        tuned += result["dimension_ms"]
        areas += result["area_ms"]
        cards = result["cards"]
        total = len(result["dimension_ms"]) + len(result["area_ms"])
        saved = saved and result["saves"] == total == result["file_answers"]
        others = [
            ("reference", "--lengths", str(lengths_file)),
            ("reference", "--lengths", str(lengths_file), "--save"),
            ("walk", "--default-gc"),
        ]
        for kind, *extra in others if number % 2 == 0 else reversed(others):
            timings = keypress_run(env, kind, *base, *extra)
            if kind == "reference":
                (saving if "--save" in extra else reference).extend(timings)
            else:
                plain += timings["dimension_ms"]
    p50, p95 = statistics.median(tuned), percentile(tuned, 95)
    ref50, ref95 = statistics.median(reference), percentile(reference, 95)
    save50, save95 = statistics.median(saving), percentile(saving, 95)
    both = tuned + areas
    per_walk = "" if walks == 1 else f", {walks} walks pooled"
    rows = [
        Row(
            f"key '1' -> next dimension painted + saved, 500 dims, 120x40 ({len(tuned)} presses{per_walk})",
            f"p50 {p50:.1f} ms, p95 {p95:.1f} ms",
            f"bare app, {cards} cards, saving a file of the same size: p50 {save50:.1f} ms, p95 {save95:.1f} ms",
            p95 / save95,
            "p95 <= 1.5x",
            p95 / save95 <= 1.5 and saved,
            [
                f"against the bare app without the save (p50 {ref50:.1f} ms, p95 {ref95:.1f} ms): p95 ratio"
                f" {p95 / ref95:.2f}x, p50 ratio {p50 / ref50:.2f}x",
                f"max {max(tuned):.1f} ms (saving bare app {max(saving):.1f} ms); p50 ratio {p50 / save50:.2f}x;"
                f" every answer saved before its next screen: {saved}",
            ],
        ),
        Row(
            f"key '1' -> next area's intro painted + saved ({len(areas)} presses)",
            f"p50 {statistics.median(areas or [0]):.1f} ms, p95 {percentile(areas, 95):.1f} ms",
            notes=[f"all {len(both)} presses together: p95 {percentile(both, 95):.1f} ms"],
        ),
    ]
    autosave: list[float] = []
    uncached: list[float] = []
    for _ in range(1 if quick else 2):
        autosave += keypress_run(env, "autosave", str(framework_path), str(folder))
        uncached += keypress_run(env, "autosave", str(framework_path), str(folder), "--no-format-cache")
    rows.append(
        Row(
            "autosave alone (WalkController.answer, 500 dims, fsync)",
            f"p50 {statistics.median(autosave):.2f} ms, p95 {percentile(autosave, 95):.2f} ms",
            notes=[f"last 50 (file nearly full): p95 {percentile(autosave[-50:], 95):.2f} ms"],
        )
    )
    rows += tuning_rows(tuned, plain, autosave, uncached)
    return rows


def tuning_rows(tuned: list[float], plain: list[float], cached: list[float], uncached: list[float]) -> list[Row]:
    """What each process-wide tuning still buys: the same measure with it and without it (no bar)."""
    from keypress import percentile

    def pair(values: list[float], digits: int) -> str:
        return f"p50 {statistics.median(values):.{digits}f} ms, p95 {percentile(values, 95):.{digits}f} ms"

    full = [value for index, value in enumerate(cached) if index % 500 >= 450]
    full_plain = [value for index, value in enumerate(uncached) if index % 500 >= 450]
    return [
        Row(
            "tuning: key press with Python's default GC (no cli.tune_gc, no tui/idle_gc.py)",
            pair(plain, 1),
            f"with them: {pair(tuned, 1)}",
            percentile(plain, 95) / percentile(tuned, 95),
            notes=[f"max {max(plain):.1f} ms without, {max(tuned):.1f} ms with"],
        ),
        Row(
            "tuning: autosave without the formatting cache (storage._cached_area_toml = _area_toml)",
            pair(uncached, 2),
            f"with it: {pair(cached, 2)}",
            percentile(uncached, 95) / percentile(cached, 95),
            notes=[
                f"last 50 saves (file nearly full): p50 {statistics.median(full_plain):.2f} ms without,"
                f" {statistics.median(full):.2f} ms with"
            ],
        ),
    ]


def bench_summary(work: Path, runs: int) -> list[Row]:
    home = work / "summary"
    framework_path = synth.write_framework(home / "frameworks", 500)
    synth.write_assessment(home / "assessments", framework_path, assessment_id="synthetic-500-review")
    env = env_for(home)
    assessment_path = home / "assessments" / "synthetic-500-review.toml"
    summary = [PYTHON, "-m", "ladder_tui", "summary", "synthetic-500-review"]
    edits = iter(range(1_000_000))

    def changed(path: Path) -> Callable[[], float]:
        # The first summary after a file changed: a comment added, so its bytes (the loader's cache key) differ and
        # its cache entry is rebuilt (TOML, pydantic), while its content stays the same.
        def go() -> float:
            with path.open("a", encoding="utf-8") as handle:
                handle.write(f"# edited {next(edits)}\n")
            return run_cmd(summary, env)()

        return go

    commands = {
        "summary": run_cmd(summary, env),
        "cold": changed(framework_path),
        "cold assessment": changed(assessment_path),
        "json": run_cmd([*summary, "--format", "json"], env),
        "baseline": run_cmd([PYTHON, "-c", "import rich.console, pydantic"], env),
        # Context for the ratio: `import pydantic` is lazy (it does not load BaseModel), and what merely importing
        # the modules `summary` needs costs, before it reads a byte.
        "basemodel": run_cmd([PYTHON, "-c", "import rich.console, pydantic; pydantic.BaseModel"], env),
        "imports": run_cmd([PYTHON, "-c", SUMMARY_IMPORTS], env),
    }
    results = median_runs(commands, runs)
    text, as_json, base = (statistics.median(results[name]) for name in ("summary", "json", "baseline"))
    basemodel, imports = statistics.median(results["basemodel"]), statistics.median(results["imports"])
    first = statistics.median(results["cold"])
    first_assessment = statistics.median(results["cold assessment"])
    return [
        Row(
            f"summary (text) of a 500-dimension assessment, warm cache (median of {runs})",
            ms(text),
            f"import rich.console, pydantic {ms(base)}",
            text / base,
            "<= 2.5x",
            text / base <= 2.5,
            [
                f"runs {ms(min(results['summary']))} to {ms(max(results['summary']))}",
                f"--format json {ms(as_json)} ({as_json / base:.2f}x)",
                f"reference with pydantic.BaseModel loaded: {ms(basemodel)}; summary is {text / basemodel:.2f}x that",
                f"importing summary's modules alone (no work): {ms(imports)} ({imports / base:.2f}x the reference)",
            ],
        ),
        Row(
            "  summary, first run after the framework file changed (its cache entry rebuilt)",
            ms(first),
            f"import rich.console, pydantic {ms(base)}",
            first / base,
        ),
        Row(
            "  summary, first run after the assessment changed (as after any walk)",
            ms(first_assessment),
            f"import rich.console, pydantic {ms(base)}",
            first_assessment / base,
        ),
    ]


def bench_list(work: Path, runs: int) -> list[Row]:
    home = shared_home(work, 2000)
    env = env_for(home)
    folder = home / "assessments"
    commands = {
        "list": run_cmd([PYTHON, "-m", "ladder_tui", "list"], env),
        "tomllib": run_cmd([PYTHON, str(HERE / "tomllib_list.py"), str(folder)], env),
    }
    results = median_runs(commands, runs)
    ours, base = statistics.median(results["list"]), statistics.median(results["tomllib"])
    first = FIRST_LIST[2000]
    return [
        Row(
            f"list over 2,000 saved assessments, warm cache (median of {runs})",
            ms(ours),
            f"tomllib_list.py {ms(base)}",
            ours / base,
            "<= 1.5x",
            ours / base <= 1.5,
            [f"runs {ms(min(results['list']))} to {ms(max(results['list']))}"],
        ),
        Row(
            "  list, the first run after the 2,000 files were written (every file new to the cache; 1 run)",
            ms(first),
            f"tomllib_list.py {ms(base)}",
            first / base,
        ),
    ]


TEAM_FRAMEWORK = "product-support-skills-matrix"


def prepare_team(home: Path, people: int, seed: int = 14) -> None:
    """`people` assessments of one built-in framework, every dimension rated by self and lead, a fifth with notes."""
    from ladder_tui.core.domain.assessment import new_assessment
    from ladder_tui.core.storage.assessments import assessment_to_toml
    from ladder_tui.core.storage.catalog import FrameworkCatalog

    rng = random.Random(seed)
    framework = FrameworkCatalog(home=home).get(TEAM_FRAMEWORK)
    folder = home / "assessments"
    folder.mkdir(parents=True, exist_ok=True)
    levels = framework.level_ids
    for number in range(people):
        assessment = new_assessment(
            framework, f"Person {number}", "lead", assessment_id=f"person-{number:04d}-{framework.id}"
        )
        for area_id, dim_id in framework.dimension_keys():
            base = rng.randrange(len(levels))
            assessment.set_rating(area_id, dim_id, "self", levels[min(len(levels) - 1, base + rng.choice((0, 1)))])
            assessment.set_rating(area_id, dim_id, "lead", levels[base])
            if rng.random() < 0.2:
                assessment.set_note(
                    area_id, dim_id, "lead", f"Evidence for person {number}, ticket {rng.randrange(99999)}"
                )
        path = folder / f"{assessment.id}.toml"
        path.write_text(assessment_to_toml(assessment), encoding="utf-8")
        path.chmod(0o600)


def bench_team(work: Path, runs: int, people: int = 200) -> list[Row]:
    """Issue 14: `team` over 200 assessments within 3x of `summary` of one of them (warm caches, both processes)."""
    home = work / "team"
    home.mkdir()
    prepare_team(home, people)
    env = env_for(home)
    commands = {
        "team": run_cmd([PYTHON, "-m", "ladder_tui", "team", "--framework", TEAM_FRAMEWORK], env),
        "team csv": run_cmd(
            [PYTHON, "-m", "ladder_tui", "team", "--framework", TEAM_FRAMEWORK, "--format", "csv"], env
        ),
        "summary": run_cmd([PYTHON, "-m", "ladder_tui", "summary", f"person-0000-{TEAM_FRAMEWORK}"], env),
    }
    results = median_runs(commands, runs)
    team, as_csv, one = (statistics.median(results[name]) for name in ("team", "team csv", "summary"))
    return [
        Row(
            f"team over {people} assessments (text heatmap, warm cache, median of {runs})",
            ms(team),
            f"summary of one of them {ms(one)}",
            team / one,
            "<= 3x",
            team / one <= 3,
            [
                f"runs {ms(min(results['team']))} to {ms(max(results['team']))}",
                f"--format csv {ms(as_csv)} ({as_csv / one:.2f}x)",
            ],
        )
    ]


def bench_long_note(work: Path, runs: int) -> list[Row]:
    """Issue 11: text layout is linear; the summary of a 4 MB unbroken note within about 4x of a 1 MB one."""
    done = subprocess.run(
        [PYTHON, str(HERE / "long_note.py"), str(max(3, runs))],
        env=env_for(work / "long-note"),
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"long_note.py failed: {done.stderr[-3000:]}")
    figures = json.loads(done.stdout)
    one, four = figures["1"], figures["4"]
    return [
        Row(
            "summary text of an assessment with one unbroken 4 MB note (render only, in-process)",
            ms(four),
            f"the same with a 1 MB note {ms(one)}",
            four / one,
            "about 4x (<= 4.4x)",
            four / one <= 4.4,  # the "about 4x": linear, give or take a tenth
            [f"text of {figures['chars']['4']:,} characters for the 4 MB note"],
        )
    ]


def bench_import(work: Path, runs: int) -> list[Row]:
    """Issue 25: an import within 3x of its parser library alone on the same file (in-process, medians)."""
    done = subprocess.run(
        [PYTHON, str(HERE / "import_speed.py"), str(max(3, runs // 2)), str(work / "import")],
        env=env_for(work / "import-home"),
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"import_speed.py failed: {done.stderr[-3000:]}")
    figures = json.loads(done.stdout)
    rows = []
    for key in ("markdown", "public"):
        figure = figures.get(key)
        if figure is None:
            rows.append(Row("import the largest public ladder", "not measured", "../shared/ladders is absent here"))
            continue
        ratio = figure["import"] / figure["parser"]
        rows.append(
            Row(
                f"import {figure['what']} ({figure['bytes'] / 1e6:.1f} MB, in-process, median)",
                ms(figure["import"]),
                f"its parser library alone on the same file {ms(figure['parser'])}",
                ratio,
                "<= 3x",
                ratio <= 3.0,
            )
        )
    return rows


def bench_kill(work: Path, rounds: int) -> list[Row]:
    from killwalk import kill_rounds

    home = work / "kill"
    framework_path = synth.write_framework(home / "frameworks", 500)
    folder = home / "assessments"
    folder.mkdir(parents=True)
    results = kill_rounds(framework_path, folder, env_for(home), rounds)
    intact = sum(result.ok for result in results)
    in_order = sum(result.in_order for result in results)
    typed = sum(result.typed for result in results)
    shown = sum(result.shown for result in results)
    on_disk = sum(result.on_disk for result in results)
    return [
        Row(
            f"nothing lost: kill -9 at a random moment of a walk, then reopen ({rounds} kills)",
            f"{intact} of {rounds} intact",
            bar="all intact",
            ok=intact == rounds,
            notes=[
                f"{typed} digits typed, {shown} answers counted on screen before the kills, {on_disk} on disk after;"
                " intact = the file parses, holds every answer the screen counted with no gap, and reopens writable"
                " at the first unanswered dimension",
                *[f"NOT intact: {result}" for result in results if not result.ok],
            ],
        ),
        Row(
            "  the same rounds: every answer on the dimension its digit was typed for (no bar)",
            f"{in_order} of {rounds} rounds",
            notes=[f"out of order: {result.mismatch}" for result in results if result.ok and not result.in_order],
        ),
    ]


# ----- output -----


def print_table(rows: list[Row], info: dict[str, str]) -> None:
    print()
    print("ladder-tui benchmarks (SPEC section 8)")
    print("machine: " + ", ".join(f"{key} {value}" for key, value in info.items()))
    print("children run with bytecode caching on (as Python does by default), after one untimed warm-up round")
    print()
    header = ("measure", "figure", "reference", "ratio", "bar", "result")
    table = [header]
    for row in rows:
        result = "" if row.ok is None else ("ok" if row.ok else "MISSED")
        ratio = f"{row.ratio:.2f}x" if row.ratio is not None else ""
        table.append((row.name, row.figure, row.reference, ratio, row.bar, result))
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]
    for number, line in enumerate(table):
        print("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip())
        if number == 0:
            print("  ".join("-" * width for width in widths))
    notes = [(row.name, note) for row in rows for note in row.notes]
    if notes:
        print()
        for name, note in notes:
            print(f"  {name}: {note}")
    missed = [row.name for row in rows if row.ok is False]
    print()
    print("all bars met" if not missed else f"{len(missed)} bar(s) missed: " + "; ".join(missed))


PARTS = ("startup", "home2000", "list", "summary", "team", "longnote", "import", "keypress", "kill")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure every bar of SPEC section 8 as a ratio to its reference.")
    parser.add_argument("--runs", type=int, default=7, help="repetitions of each subprocess measurement")
    parser.add_argument("--quick", action="store_true", help="fewer runs and presses: a smoke test, not figures")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--strict", action="store_true", help="exit with status 1 when a bar is missed (for CI)")
    parser.add_argument(
        "--walks", type=int, default=2, help="rounds of key-press walks to pool (each about three minutes)"
    )
    parser.add_argument("--kills", type=int, default=10, help="kill -9 rounds of the nothing-lost check")
    parser.add_argument("--only", choices=PARTS, action="append", help="run only these parts (repeatable)")
    args = parser.parse_args(argv)
    runs = 3 if args.quick else args.runs
    info = machine()
    wanted = args.only or list(PARTS)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="ladder-bench-") as temp:
        work = Path(temp)
        os.environ["LADDER_TUI_HOME"] = str(work / "unused-home")
        if "startup" in wanted:
            rows += bench_startup(work, runs, (0, 3))
        if "home2000" in wanted:
            rows += bench_startup(work, runs, (2000,))
        if "list" in wanted:
            rows += bench_list(work, runs)
        if "summary" in wanted:
            rows += bench_summary(work, runs)
        if "team" in wanted:
            rows += bench_team(work, runs)
        if "longnote" in wanted:
            rows += bench_long_note(work, runs)
        if "import" in wanted:
            rows += bench_import(work, runs)
        if "keypress" in wanted:
            rows += bench_keypress(work, args.quick, 1 if args.quick else args.walks)
        if "kill" in wanted:
            rows += bench_kill(work, 3 if args.quick else args.kills)
    info["load average at end"] = " ".join(f"{value:.2f}" for value in os.getloadavg())
    print_table(rows, info)
    if args.json:
        Path(args.json).write_text(
            json.dumps({"machine": info, "rows": [row.__dict__ for row in rows]}, indent=2), encoding="utf-8"
        )
    return 1 if args.strict and any(row.ok is False for row in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
