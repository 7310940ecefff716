"""Where `ladder-tui summary` of a 500-dimension assessment spends its time, phase by phase, in a fresh process.

    python benchmarks/breakdown.py

The phases run in one fresh child process, imports in the order `summary` does them; add the interpreter's own
start-up (`python -c pass`, about 10-15 ms) to get roughly what `benchmarks/run.py` measures for the command.
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
t = time.perf_counter(); import argparse, rich.console; mark("import argparse, rich.console (in the reference)", t)
t = time.perf_counter(); from pydantic import BaseModel; mark("import pydantic.BaseModel (the reference does not)", t)
t = time.perf_counter(); import ladder_tui.core.framework; mark("import core.framework (9 models built)", t)
t = time.perf_counter(); import ladder_tui.core.assessment; mark("import core.assessment (6 models)", t)
t = time.perf_counter(); import ladder_tui.core.catalog, ladder_tui.core.storage; mark("import catalog, storage", t)
t = time.perf_counter(); import ladder_tui.core.scoring; mark("import core.scoring (17 dataclasses)", t)
t = time.perf_counter(); import ladder_tui.core.report; mark("import core.report", t)
import tomllib
from pathlib import Path
from ladder_tui.core.catalog import FrameworkCatalog
from ladder_tui.core.framework import Framework
from ladder_tui.core.storage import find_assessment, load_assessment, framework_for
from ladder_tui.core.scoring import score
from ladder_tui.core.report import render
fw_path = Path(os.environ["LADDER_TUI_HOME"]) / "frameworks" / "synthetic-500.toml"
t = time.perf_counter(); path = find_assessment("synthetic-500-review"); a = load_assessment(path)
mark("read + validate the assessment (45 KB)", t)
t = time.perf_counter(); catalog = FrameworkCatalog(); catalog.entries()
mark("catalog: read + validate 4 built-in + the 500-dim framework", t)
t = time.perf_counter(); data = tomllib.loads(fw_path.read_text())
mark("  of which tomllib parse of the 500-dim framework alone", t)
t = time.perf_counter(); fw = Framework.model_validate(data); mark("  of which pydantic validation of it", t)
t = time.perf_counter(); opened = framework_for(a, path, catalog)
mark("framework_for (content hash, orphan checks)", t)
t = time.perf_counter(); result = score(opened.framework, opened.assessment); mark("score", t)
t = time.perf_counter(); text = render(result, "text", color=False, width=100); mark("render text (Rich)", t)
for name, seconds in marks:
    print(f"{seconds * 1000:7.1f} ms  {name}")
"""


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="ladder-breakdown-") as temp:
        home = Path(temp)
        framework_path = synth.write_framework(home / "frameworks", 500)
        synth.write_assessment(home / "assessments", framework_path, assessment_id="synthetic-500-review")
        env = {**os.environ, "LADDER_TUI_HOME": str(home)}
        subprocess.run([sys.executable, "-c", PHASES], env=env, check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
