"""Measure every bar of SPEC section 8 in one run and print each figure beside its bar: `python benchmarks/run.py`.

Everything runs against throw-away data folders (LADDER_TUI_HOME in a temp dir); nothing of yours is read or written.
Options: --runs N (subprocess repetitions, default 7), --quick (fewer runs and key presses, for a smoke test),
--json FILE (also write the figures as JSON), --strict (exit 1 when a bar is missed); see benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
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
#: What `summary` imports on its way (the fast path: no pydantic, no Rich), for the "imports alone" context figure.
SUMMARY_IMPORTS = (
    "import argparse, ladder_tui.cli, ladder_tui.core.fastpath, ladder_tui.core.files, ladder_tui.core.paths,"
    " ladder_tui.core.scoring, ladder_tui.core.report, ladder_tui.core.termtext"
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
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "textual": version("textual"),
        "pydantic": version("pydantic"),
        "load average at start": " ".join(f"{value:.2f}" for value in load),
    }


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
    from ladder_tui.core.assessment import new_assessment
    from ladder_tui.core.catalog import FrameworkCatalog
    from ladder_tui.core.storage import assessment_to_toml

    rng = random.Random(seed)
    frameworks = FrameworkCatalog(home=home).frameworks()
    folder = home / "assessments"
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        framework = frameworks[number % len(frameworks)]
        assessment = new_assessment(
            framework,
            f"Person {number}",
            rng.choice(("self", "lead", "pair")),
            assessment_id=f"person-{number:04d}-{framework.id}",
        )
        keys = framework.dimension_keys()
        levels = [level.id for level in framework.levels]
        for area_id, dim_id in keys[: rng.randrange(len(keys) + 1)]:
            assessment.set_rating(area_id, dim_id, assessment.slot, rng.choice(levels))
        path = folder / f"{assessment.id}.toml"
        path.write_text(assessment_to_toml(assessment), encoding="utf-8")
        path.chmod(0o600)


def bench_startup(work: Path, runs: int) -> list[Row]:
    rows: list[Row] = []
    scenarios = {
        "empty data folder": 0,
        "3 saved assessments": 3,
    }
    bare = [PYTHON, str(HERE / "bare_app.py")]
    app = [PYTHON, "-m", "ladder_tui"]
    for label, count in scenarios.items():
        home = work / f"start-{count}"
        home.mkdir()
        prepare_home_with_assessments(home, count)
        env = env_for(home)
        marker = "No saved assessments" if count == 0 else "Person 0"
        launches: dict[str, list[ptyrun.Launch]] = {"bare": [], "app": []}
        for attempt in range(runs + 1):  # the first round warms the disk cache and .pyc files, and is dropped
            bare_launch = ptyrun.first_screen(bare, env, ["Bare Textual app ready", "palette"])
            app_launch = ptyrun.first_screen(app, env, [marker, "palette"])
            if attempt:
                launches["bare"].append(bare_launch)
                launches["app"].append(app_launch)
        bare_time = statistics.median(launch.seconds for launch in launches["bare"])
        app_time = statistics.median(launch.seconds for launch in launches["app"])
        bare_rss = statistics.median(launch.maxrss_kb for launch in launches["bare"])
        app_rss = statistics.median(launch.maxrss_kb for launch in launches["app"])
        app_times = [launch.seconds for launch in launches["app"]]
        bare_cpu = statistics.median(launch.cpu_seconds for launch in launches["bare"])
        app_cpu = statistics.median(launch.cpu_seconds for launch in launches["app"])
        spread = (
            f"app runs {ms(min(app_times))} to {ms(max(app_times))}; CPU time start to quit (steadier on a busy"
            f" machine): app {ms(app_cpu)}, bare app {ms(bare_cpu)}, {app_cpu / bare_cpu:.2f}x"
        )
        rows.append(
            Row(
                f"start to Home, {label} (80x24 pty, median of {runs})",
                ms(app_time),
                f"bare app {ms(bare_time)}",
                app_time / bare_time,
                "<= 1.25x",
                app_time / bare_time <= 1.25,
                [spread],
            )
        )
        rows.append(
            Row(
                f"peak memory at Home, {label}",
                f"{app_rss / 1024:.1f} MB",
                f"bare app {bare_rss / 1024:.1f} MB",
                app_rss / bare_rss,
                "<= 1.3x",
                app_rss / bare_rss <= 1.3,
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


def bench_keypress(work: Path, quick: bool, compare_gc: bool, walks: int) -> list[Row]:
    from keypress import percentile

    home = work / "keypress"
    framework_path = synth.write_framework(home / "frameworks", 500)
    folder = home / "assessments"
    folder.mkdir(parents=True)
    env = env_for(home)
    presses = ["--presses", "60"] if quick else []
    base = [str(framework_path), str(folder), *presses]

    def walk(*extra: str) -> tuple[list[float], list[float], bool]:
        """`walks` walks, each in a fresh process, their presses pooled; and whether every answer was saved."""
        dims: list[float] = []
        areas: list[float] = []
        saved = True
        for _ in range(walks):
            result = keypress_run(env, "walk", *base, *extra)
            dims += result["dimension_ms"]
            areas += result["area_ms"]
            presses = len(result["dimension_ms"]) + len(result["area_ms"])
            saved = saved and result["saves"] == presses == result["file_answers"]
        return dims, areas, saved

    dims, areas, saved = walk()
    both = dims + areas
    p50, p95 = statistics.median(dims), percentile(dims, 95)
    autosave = keypress_run(env, "autosave", str(framework_path), str(folder))
    per_walk = "" if walks == 1 else f", {walks} walks pooled"
    rows = [
        Row(
            f"key '1' -> next dimension painted + saved, 500 dims ({len(dims)} presses{per_walk})",
            f"p50 {p50:.1f} ms, p95 {p95:.1f} ms",
            bar="p95 < 25 ms",
            ok=p95 < 25 and saved,
            notes=[f"max {max(dims):.1f} ms; every answer saved before its next screen: {saved}"],
        ),
        Row(
            f"key '1' -> next area's intro painted + saved ({len(areas)} presses)",
            f"p50 {statistics.median(areas or [0]):.1f} ms, p95 {percentile(areas, 95):.1f} ms",
            notes=[f"all {len(both)} presses together: p95 {percentile(both, 95):.1f} ms"],
        ),
        Row(
            "autosave alone (WalkSession.answer, 500 dims, fsync)",
            f"p50 {statistics.median(autosave):.2f} ms, p95 {percentile(autosave, 95):.2f} ms",
            notes=[f"last 50 (file nearly full): p95 {percentile(autosave[-50:], 95):.2f} ms"],
        ),
    ]
    if compare_gc:
        plain, _areas, _saved = walk("--default-gc")
        rows.append(
            Row(
                "  the same walk with Python's default GC settings (no cli.tune_gc)",
                f"p50 {statistics.median(plain):.1f} ms, p95 {percentile(plain, 95):.1f} ms",
                notes=[f"max {max(plain):.1f} ms"],
            )
        )
    return rows


def bench_summary(work: Path, runs: int) -> list[Row]:
    home = work / "summary"
    framework_path = synth.write_framework(home / "frameworks", 500)
    synth.write_assessment(home / "assessments", framework_path, assessment_id="synthetic-500-review")
    env = env_for(home)
    summary = [PYTHON, "-m", "ladder_tui", "summary", "synthetic-500-review"]
    cache = home / "cache"

    def cold() -> float:
        # The first summary after a framework file changed: its validated-data cache is rebuilt (pydantic, TOML).
        shutil.rmtree(cache, ignore_errors=True)
        return run_cmd(summary, env)()

    commands = {
        "summary": run_cmd(summary, env),
        "cold": cold,
        "json": run_cmd([PYTHON, "-m", "ladder_tui", "summary", "synthetic-500-review", "--format", "json"], env),
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
    return [
        Row(
            f"summary (text) of a 500-dimension assessment (median of {runs})",
            ms(text),
            f"import rich.console, pydantic {ms(base)}",
            text / base,
            "<= 1.5x",
            text / base <= 1.5,
            [
                f"first run after the framework file changed (its cache rebuilt): {ms(first)} ({first / base:.2f}x)",
                f"--format json {ms(as_json)} ({as_json / base:.2f}x)",
                f"reference with pydantic.BaseModel loaded: {ms(basemodel)}; summary is {text / basemodel:.2f}x that",
                f"importing summary's modules alone (no work): {ms(imports)} ({imports / base:.2f}x the reference)",
            ],
        )
    ]


def bench_list(work: Path, runs: int) -> list[Row]:
    home = work / "list"
    prepare_home_with_assessments(home, 1000)
    env = env_for(home)
    results = median_runs({"list": run_cmd([PYTHON, "-m", "ladder_tui", "list"], env)}, max(3, runs // 2))
    return [Row("list over 1,000 saved assessments", ms(statistics.median(results["list"])), notes=["no bar"])]


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


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="repetitions of each subprocess measurement")
    parser.add_argument("--quick", action="store_true", help="fewer runs and presses: a smoke test, not figures")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--strict", action="store_true", help="exit with status 1 when a bar is missed (for CI)")
    parser.add_argument("--walks", type=int, default=1, help="key-press walks to pool (each about a minute)")
    parser.add_argument(
        "--compare-gc", action="store_true", help="also walk without the CLI's GC settings, to show what they buy"
    )
    parser.add_argument(
        "--only", choices=("startup", "keypress", "summary", "list"), action="append", help="run only these"
    )
    args = parser.parse_args(argv)
    runs = 3 if args.quick else args.runs
    info = machine()
    wanted = args.only or ["startup", "keypress", "summary", "list"]
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="ladder-bench-") as temp:
        work = Path(temp)
        os.environ["LADDER_TUI_HOME"] = str(work / "unused-home")
        if "startup" in wanted:
            rows += bench_startup(work, runs)
        if "summary" in wanted:
            rows += bench_summary(work, runs)
        if "list" in wanted:
            rows += bench_list(work, runs)
        if "keypress" in wanted:
            rows += bench_keypress(work, args.quick, args.compare_gc, args.walks)
    print_table(rows, info)
    if args.json:
        Path(args.json).write_text(
            json.dumps({"machine": info, "rows": [row.__dict__ for row in rows]}, indent=2), encoding="utf-8"
        )
    return 1 if args.strict and any(row.ok is False for row in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
