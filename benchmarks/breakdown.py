"""Where `ladder-tui summary` of a 500-dimension assessment spends its time, phase by phase, in a fresh process.

    python benchmarks/breakdown.py

The phases run in one fresh child process, imports in the order `summary` does them (after one untimed run that
writes the bytecode files and the framework cache); add the interpreter's own start-up (`python -c pass`, about
10-15 ms) to get roughly what `benchmarks/run.py` measures for the command. Then what a cold cache adds.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import synth  # noqa: E402

PHASES = r"""
import time, sys, os
marks = []
def mark(name, since):
    marks.append((name, time.perf_counter() - since))
t = time.perf_counter(); import argparse; mark("import argparse", t)
t = time.perf_counter(); import ladder_tui.cli; mark("import ladder_tui.cli", t)
t = time.perf_counter(); import ladder_tui.core.fastpath, ladder_tui.core.files, ladder_tui.core.paths
mark("import fastpath, files, paths (views, tomli)", t)
t = time.perf_counter(); import ladder_tui.core.scoring; mark("import core.scoring", t)
t = time.perf_counter(); import ladder_tui.core.report, ladder_tui.core.termtext
mark("import core.report, termtext", t)
from pathlib import Path
from ladder_tui.core import fastpath, views
from ladder_tui.core.files import find_assessment, read_assessment_data
from ladder_tui.core.paths import framework_dirs
from ladder_tui.core.scoring import score
from ladder_tui.core.report import render
folders = [folder for folder, _origin in framework_dirs()]
t = time.perf_counter(); path = find_assessment("synthetic-500-review"); data = read_assessment_data(path)
mark("read + parse the assessment (45 KB, tomli)", t)
t = time.perf_counter(); assessment = views.strict_assessment_view(data); mark("strict check of the assessment", t)
t = time.perf_counter(); compiled = fastpath.find_framework("synthetic-500", folders)
mark("find the framework: hash its bytes, load its cached validated data", t)
t = time.perf_counter(); framework = views.framework_view(compiled.data); mark("framework view", t)
t = time.perf_counter(); warnings = views.framework_warnings(assessment, framework, compiled.content_hash)
mark("warnings (orphans, unknown levels, changed framework)", t)
t = time.perf_counter(); result = score(framework, assessment); mark("score", t)
t = time.perf_counter(); text = render(result, "text", color=False, width=100); mark("render text", t)
assert "pydantic" not in sys.modules and "rich" not in sys.modules
print("warm cache (every run after the first):")
for name, seconds in marks:
    print(f"{seconds * 1000:7.1f} ms  {name}")
marks.clear()
import tomli
fw_path = Path(os.environ["LADDER_TUI_HOME"]) / "frameworks" / "synthetic-500.toml"
t = time.perf_counter(); import ladder_tui.core.framework; mark("import pydantic and build the framework models", t)
t = time.perf_counter(); raw = tomli.loads(fw_path.read_text())
mark("parse the 500-dimension framework (528 KB, tomli)", t)
t = time.perf_counter(); model = ladder_tui.core.framework.Framework.model_validate(raw); mark("validate it", t)
t = time.perf_counter(); model.content_hash(); model.model_dump(); mark("its content hash and dump for the cache", t)
print("cold cache (first run after a framework file changed), in addition:")
for name, seconds in marks:
    print(f"{seconds * 1000:7.1f} ms  {name}")
"""


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="ladder-breakdown-") as temp:
        home = Path(temp)
        framework_path = synth.write_framework(home / "frameworks", 500)
        synth.write_assessment(home / "assessments", framework_path, assessment_id="synthetic-500-review")
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["LADDER_TUI_HOME"] = str(home)
        # Once for the bytecode files and the framework cache, then the run that is printed.
        warm = [sys.executable, "-m", "ladder_tui", "summary", "synthetic-500-review"]
        subprocess.run(warm, env=env, check=True, capture_output=True)
        subprocess.run([sys.executable, "-c", PHASES], env=env, check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
