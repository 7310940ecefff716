"""The phases of `ladder-tui summary synthetic-500-review`, timed one by one in this process (see breakdown.py).

Run by breakdown.py in a fresh child, with LADDER_TUI_HOME holding the synthetic framework and assessment, after a
run that wrote the bytecode files and the loader's caches. Each import is made in its own phase, in the order the
command makes it, before the phase that would trigger it. Then what a cache miss adds: the assessment's (the first
summary after any walk) and the framework's (the first after the framework file changed).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager

marks: list[tuple[str, float]] = []


@contextmanager
def phase(name: str) -> Iterator[None]:
    start = time.perf_counter()
    yield
    marks.append((name, time.perf_counter() - start))


def show(title: str) -> None:
    print(title)
    for name, seconds in marks:
        print(f"{seconds * 1000:7.1f} ms  {name}")
    print(f"{sum(seconds for _name, seconds in marks) * 1000:7.1f} ms  total")
    marks.clear()


def main() -> None:
    with phase("import argparse"):
        import argparse  # noqa: F401
    with phase("import ladder_tui.cli (errors; dataclasses, pathlib: shared with the reference's imports)"):
        import ladder_tui.cli
    with phase("import core.catalog, core.storage (loader, tomli, tomli_w, assessment, framework, rules, files)"):
        import ladder_tui.core.storage.assessments
        import ladder_tui.core.storage.catalog
    with phase("import core.cycles, core.scoring"):
        import ladder_tui.core.domain.cycles
        import ladder_tui.core.domain.scoring
    with phase("import core.report (core.document)"):
        import ladder_tui.core.presentation.report
    with phase("import rich.console (what the reference imports)"):
        import rich.console
    with phase("  import rich.table, rule, box, text (the layout)"):
        import rich.box
        import rich.rule
        import rich.table
        import rich.text  # noqa: F401
    import sys
    from pathlib import Path

    from ladder_tui.core.domain import rules
    from ladder_tui.core.domain.scoring import score
    from ladder_tui.core.presentation.document import summary_document
    from ladder_tui.core.presentation.report import render_text
    from ladder_tui.core.storage import loader
    from ladder_tui.core.storage.assessments import find_assessment, real_path
    from ladder_tui.core.storage.catalog import FrameworkCatalog

    with phase("parse the command line"):
        args = ladder_tui.cli._parser().parse_args(["summary", "synthetic-500-review"])
    with phase("find the assessment"):
        path = real_path(find_assessment(args.assessment))
    with phase(f"read + validate it with the loader ({path.stat().st_size // 1024} KB; cached: hash, marshal, build)"):
        assessment = loader.load_assessment(path)
    catalog = FrameworkCatalog()
    with phase("framework from the cache: the catalog loads every framework file (hash, marshal, build)"):
        framework = catalog.for_assessment(assessment.framework.id, assessment.framework.path)
    assert framework is not None
    with phase("framework warnings"):
        rules.framework_warnings(framework, assessment)
    with phase("score"):
        result = score(framework, assessment)
    with phase("the earlier cycle (core.cycles.since: the person's other files)"):
        moved = ladder_tui.core.domain.cycles.since(assessment, framework, path.parent, catalog)
    earlier = (moved.before.updated[:10], moved.since_line()) if moved is not None else None
    with phase("summary document"):
        doc = summary_document(result, earlier)
    with phase("Rich layout"):
        text = render_text(doc, color=False, width=100)
    again = time.perf_counter()
    render_text(doc, color=False, width=100)
    again = time.perf_counter() - again
    with phase("write it"), open(os.devnull, "w", encoding="utf-8") as sink:
        sink.write(text)
    pydantic_loaded = "pydantic" in sys.modules
    show("warm caches (every run after the first), after the interpreter's start-up:")
    print(f"  ({len(catalog.entries())} framework files in the catalog; {len(text.splitlines())} lines of text;")
    print(f"  the Rich layout again in the same process: {again * 1000:.1f} ms; pydantic imported: {pydantic_loaded})")

    import hashlib
    import json
    import marshal

    raw = path.read_bytes()
    with phase(f"parse the assessment ({len(raw) // 1024} KB, tomli, and the nesting check)"):
        data = loader.parse_toml(loader.decode(raw, "a"), "a")
    with phase("import pydantic"):
        import pydantic  # noqa: F401
    with phase("  pydantic.BaseModel (the model machinery)"):
        from pydantic import BaseModel  # noqa: F401
    with phase("  import core.schema: build every model (framework and assessment)"):
        import ladder_tui.core.storage.schema
    with phase("validate it (AssessmentSpec) and dump it"):
        dump = ladder_tui.core.storage.schema.AssessmentSpec.model_validate(data).model_dump(mode="json")
    with phase("marshal it (then written atomically)"):
        marshal.dumps({"ok": True, "dump": dump})
    show("first run after the assessment file changed (after any walk; its cache entry rebuilt), in addition:")

    fw_path = Path(os.environ["LADDER_TUI_HOME"]) / "frameworks" / "synthetic-500.toml"
    raw = fw_path.read_bytes()
    with phase(f"parse the 500-dimension framework ({len(raw) // 1024} KB, tomli)"):
        fw_data = loader.parse_toml(loader.decode(raw, "fw"), "fw")
    with phase("validate it (FrameworkSpec)"):
        spec = ladder_tui.core.storage.schema.FrameworkSpec.model_validate(fw_data)
    with phase("its content hash (canonical JSON, sha256)"):
        dumped = ladder_tui.core.storage.schema.hashable_dump(spec.model_dump(mode="json"))
        canonical = json.dumps(dumped, sort_keys=True, ensure_ascii=False)
        digest = hashlib.sha256(canonical.encode()).hexdigest()[:16]
    with phase("its dump for the cache"):
        fw_dump = spec.model_dump(mode="python")
    with phase("marshal it (then written atomically)"):
        marshal.dumps({"ok": True, "hash": digest, "dump": fw_dump})
    show("first run after the framework file changed (its cache entry rebuilt), in addition (+ pydantic, above):")


if __name__ == "__main__":
    main()
