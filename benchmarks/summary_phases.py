"""The phases of `ladder-tui summary synthetic-500-review`, timed one by one in this process (see breakdown.py).

Run by breakdown.py in a fresh child, with LADDER_TUI_HOME holding the synthetic framework and assessment, after a
run that wrote the bytecode files and the framework cache. Each import is made in its own phase, in the order the
command makes it, before the phase that would trigger it.
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
    with phase("import ladder_tui.cli (errors)"):
        import ladder_tui.cli
    with phase("import core.catalog, core.storage (loader, tomli, tomli_w, assessment, framework, rules, files)"):
        import ladder_tui.core.catalog
        import ladder_tui.core.storage
    with phase("import core.scoring"):
        import ladder_tui.core.scoring
    with phase("import core.report (core.document)"):
        import ladder_tui.core.report
    with phase("import pydantic (lazy: what the reference imports)"):
        import pydantic  # noqa: F401
    with phase("  pydantic.BaseModel (the model machinery)"):
        from pydantic import BaseModel  # noqa: F401
    with phase("  import core.schema: build every model (framework and assessment)"):
        import ladder_tui.core.schema
    with phase("import rich.console (what the reference imports)"):
        import rich.console
    with phase("  import rich.table, rule, box, text (the layout)"):
        import rich.box
        import rich.rule
        import rich.table
        import rich.text  # noqa: F401
    from pathlib import Path

    from ladder_tui.core import files, loader, rules
    from ladder_tui.core.catalog import FrameworkCatalog
    from ladder_tui.core.document import summary_document
    from ladder_tui.core.report import render_text
    from ladder_tui.core.scoring import score
    from ladder_tui.core.storage import find_assessment, real_path

    with phase("parse the command line"):
        args = ladder_tui.cli._parser().parse_args(["summary", "synthetic-500-review"])
    with phase("find and read the assessment"):
        path = real_path(find_assessment(args.assessment))
        raw = files.read_bytes(path)
    with phase(f"parse it ({len(raw) // 1024} KB, tomli, and the nesting check)"):
        data = loader.parse_toml(loader.decode(raw, str(path)), str(path))
    with phase("validate it (AssessmentSpec) and build the runtime objects"):
        assessment = loader.assessment_from_data(data, str(path))
    catalog = FrameworkCatalog()
    with phase("framework from the cache: the catalog loads every framework file (hash, marshal, build)"):
        framework = catalog.for_assessment(assessment.framework.id, assessment.framework.path)
    assert framework is not None
    with phase("framework warnings"):
        rules.framework_warnings(framework, assessment)
    with phase("score"):
        result = score(framework, assessment)
    with phase("summary document"):
        doc = summary_document(result)
    with phase("Rich layout"):
        text = render_text(doc, color=False, width=100)
    again = time.perf_counter()
    render_text(doc, color=False, width=100)
    again = time.perf_counter() - again
    with phase("write it"), open(os.devnull, "w", encoding="utf-8") as sink:
        sink.write(text)
    show("warm cache (every run after the first), after the interpreter's start-up:")
    print(f"  ({len(catalog.entries())} framework files in the catalog; {len(text.splitlines())} lines of text;")
    print(f"  the Rich layout again in the same process: {again * 1000:.1f} ms)")

    fw_path = Path(os.environ["LADDER_TUI_HOME"]) / "frameworks" / "synthetic-500.toml"
    alone = time.perf_counter()
    loader.load_framework(fw_path)
    alone = time.perf_counter() - alone
    raw = fw_path.read_bytes()
    with phase(f"parse the 500-dimension framework ({len(raw) // 1024} KB, tomli)"):
        fw_data = loader.parse_toml(loader.decode(raw, "fw"), "fw")
    with phase("validate it (FrameworkSpec)"):
        spec = ladder_tui.core.schema.FrameworkSpec.model_validate(fw_data)
    import hashlib
    import json
    import marshal

    with phase("its content hash (canonical JSON, sha256)"):
        dumped = ladder_tui.core.schema.hashable_dump(spec.model_dump(mode="json"))
        canonical = json.dumps(dumped, sort_keys=True, ensure_ascii=False)
        digest = hashlib.sha256(canonical.encode()).hexdigest()[:16]
    with phase("its dump for the cache"):
        dump = spec.model_dump(mode="python")
    with phase("marshal it (then written atomically)"):
        marshal.dumps({"ok": True, "hash": digest, "dump": dump})
    show("first run after the framework file changed (its cache entry rebuilt), in addition:")
    print(f"  (for comparison, that framework alone from the cache: {alone * 1000:.1f} ms)")


if __name__ == "__main__":
    main()
