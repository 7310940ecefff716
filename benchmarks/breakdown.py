"""Where `ladder-tui summary` of a 500-dimension assessment spends its time, phase by phase, in a fresh process.

    python benchmarks/breakdown.py               # summary
    python benchmarks/breakdown.py --keypress    # and a key press of the walk beside the bare app's (about 1 min)

The phases run in one fresh child process (`summary_phases.py`), each import in the order `summary` does it (after
one untimed run that writes the bytecode files and the framework cache), each phase measured alone: the imports a
later phase would trigger are made in their own phase first. Add the interpreter's own start-up (`python -c pass`,
printed last) to get roughly what `benchmarks/run.py` measures for the command. Then what the first run after the
framework file changed adds (its cache entry rebuilt), and whole processes: the command and the references.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import synth  # noqa: E402

REFERENCES = {
    "python -c pass": "pass",
    'python -c "import rich.console, pydantic" (the bar\'s reference)': "import rich.console, pydantic",
    "the same with pydantic.BaseModel loaded": "import rich.console, pydantic; pydantic.BaseModel",
}


def timed(argv: list[str], env: dict[str, str], runs: int = 7) -> float:
    """Median wall time of `argv`, after one untimed run."""
    times = []
    for number in range(runs + 1):
        start = time.perf_counter()
        subprocess.run(argv, env=env, check=True, capture_output=True)
        if number:
            times.append(time.perf_counter() - start)
    return sorted(times)[len(times) // 2]


def keypress_phases(home: Path, env: dict[str, str], presses: int) -> None:
    """Where a key press of the walk spends its time, beside the bare-cards reference (keypress.py --phases)."""
    import json
    import statistics

    from keypress import percentile

    framework_path = synth.write_framework(home / "kp-frameworks", 500)
    folder = home / "kp-assessments"
    folder.mkdir()
    script = [sys.executable, str(HERE / "keypress.py")]
    base = [str(framework_path), str(folder), "--presses", str(presses)]

    def run(*args: str) -> list[dict[str, float]]:
        done = subprocess.run([*script, *args], env=env, check=True, capture_output=True, text=True)
        return json.loads(done.stdout.strip().splitlines()[-1])

    walk_file = home / "walk.json"
    walk_file.write_text(json.dumps(run("walk", *base)), encoding="utf-8")
    real = run("walk", *base, "--phases")
    saving = run("reference", *base, "--lengths", str(walk_file), "--phases", "--save")
    bare = run("reference", *base, "--lengths", str(walk_file), "--phases")
    print(f"a key press, phase by phase ({len(real)} presses within an area; ms, p50 / p95):")
    print(f"{'':45s}  {'ladder-tui':>15s}  {'bare + save':>15s}  {'bare cards':>15s}")
    for name in [*real[0], "total"]:

        def values(presses: list[dict[str, float]], name: str = name) -> list[float]:
            return [sum(press.values()) if name == "total" else press[name] for press in presses]

        cells = [
            f"{statistics.median(values(side)):6.2f} / {percentile(values(side), 95):6.2f}"
            for side in (real, saving, bare)
        ]
        print(f"{name:45s}  {cells[0]:>15s}  {cells[1]:>15s}  {cells[2]:>15s}")


def main() -> int:
    with_keypress = "--keypress" in sys.argv[1:]
    with tempfile.TemporaryDirectory(prefix="ladder-breakdown-") as temp:
        home = Path(temp)
        framework_path = synth.write_framework(home / "frameworks", 500)
        synth.write_assessment(home / "assessments", framework_path, assessment_id="synthetic-500-review")
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["LADDER_TUI_HOME"] = str(home)
        # Once for the bytecode files and the framework cache, then the run that is printed.
        warm = [sys.executable, "-m", "ladder_tui", "summary", "synthetic-500-review"]
        subprocess.run(warm, env=env, check=True, capture_output=True)
        subprocess.run([sys.executable, str(HERE / "summary_phases.py")], env=env, check=True)
        print("whole processes (median of 7):")
        print(f"{timed(warm, env) * 1000:7.1f} ms  ladder-tui summary synthetic-500-review")
        for name, code in REFERENCES.items():
            print(f"{timed([sys.executable, '-c', code], env) * 1000:7.1f} ms  {name}")
        if with_keypress:
            keypress_phases(home, env, 200)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
