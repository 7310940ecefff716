"""The summary's text layout against the size of one unbroken note: `long_note.py RUNS` prints JSON medians (s).

A note of one word of 1 MB and of 4 MB (no spaces: the case Rich alone lays out in quadratic time) on the first
dimension of a built-in ladder, scored once, then rendered as text at 100 columns `RUNS` times each.
"""

from __future__ import annotations

import json
import statistics
import sys
import time


def main() -> int:
    from ladder_tui.core.domain.assessment import new_assessment
    from ladder_tui.core.domain.scoring import score
    from ladder_tui.core.presentation.report import render
    from ladder_tui.core.storage.catalog import FrameworkCatalog

    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    framework = FrameworkCatalog().get("customer-support-l1-l5")
    area_id, dim_id = framework.dimension_keys()[0]
    medians: dict[str, float] = {}
    chars: dict[str, int] = {}
    for megabytes in (1, 4):
        assessment = new_assessment(framework, "Long Note", "self", assessment_id="long-note")
        assessment.set_rating(area_id, dim_id, "self", framework.level_ids[0])
        assessment.set_note(area_id, dim_id, "self", "x" * (megabytes * 1024 * 1024))
        result = score(framework, assessment)
        timings = []
        for _ in range(runs):
            start = time.perf_counter()
            text = render(result, "text", color=False, width=100)
            timings.append(time.perf_counter() - start)
        medians[str(megabytes)] = statistics.median(timings)
        chars[str(megabytes)] = len(text)
    print(json.dumps({**medians, "chars": chars}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
