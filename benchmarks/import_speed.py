"""The importer against its parser library alone, on the same file, in one process (issue 25): a generated 5 MB
Markdown ladder (markdown-it-py, configured as the importer configures it) and the largest public ladder in
../shared/ladders (its format's library). Prints JSON: {name: {"import": s, "parser": s, "bytes": n, "what": str}}.

Usage: python benchmarks/import_speed.py RUNS WORK_DIR"""

from __future__ import annotations

import datetime
import io
import json
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synth import _sentence  # noqa: E402

SHARED_LADDERS = HERE.parent.parent / "shared" / "ladders"
TODAY = datetime.date(2026, 12, 6)


def markdown_ladder(target_bytes: int = 5_000_000) -> str:
    """Areas of 40 dimensions in tables, five levels as columns, sentences of 14 words: about `target_bytes`."""
    rng = random.Random(7)
    levels = ["Associate", "Engineer", "Senior", "Staff", "Principal"]
    parts = ["# Generated Ladder\n\n"]
    size = area = 0
    while size < target_bytes:
        area += 1
        header = f"## Area {area}\n\n| Competency | " + " | ".join(levels) + " |\n|---|" + "---|" * len(levels) + "\n"
        rows = [
            f"| Dimension {area}-{d} | " + " | ".join(_sentence(rng, 14) for _ in levels) + " |\n" for d in range(40)
        ]
        block = header + "".join(rows) + "\n"
        parts.append(block)
        size += len(block)
    return "".join(parts)


def parser_for(name: str) -> Callable[[bytes], object]:
    """The library the importer reads a file of this kind with, doing only its own part."""
    suffix = Path(name).suffix.lower()
    if suffix in (".md", ".markdown"):
        from ladder_tui.core.importer._markdown import _parser

        return lambda raw: _parser().parse(raw.decode("utf-8"))
    if suffix in (".xlsx", ".xlsm"):
        import openpyxl

        return lambda raw: openpyxl.load_workbook(io.BytesIO(raw), read_only=False, data_only=True)
    if suffix in (".html", ".htm"):
        from selectolax.lexbor import LexborHTMLParser

        return lambda raw: LexborHTMLParser(raw.decode("utf-8", "replace"))
    if suffix in (".yaml", ".yml"):
        import yaml

        return lambda raw: yaml.safe_load(raw.decode("utf-8"))
    if suffix == ".json":
        return lambda raw: json.loads(raw)
    if suffix == ".docx":
        import docx

        return lambda raw: docx.Document(io.BytesIO(raw))
    import csv

    return lambda raw: list(csv.reader(io.StringIO(raw.decode("utf-8"))))


def largest_public_ladder() -> Path | None:
    """The largest file in ../shared/ladders the importer reads as a ladder (None when the folder is absent)."""
    from ladder_tui.core.importer import EXTENSIONS, ImportProblem, import_ladder

    if not SHARED_LADDERS.is_dir():
        return None
    files = sorted(
        (path for path in SHARED_LADDERS.rglob("*") if path.is_file() and path.suffix.lower() in EXTENSIONS),
        key=lambda path: path.stat().st_size,
        reverse=True,
    )
    for path in files:
        try:
            import_ladder([(path.name, path.read_bytes())], today=TODAY)
        except ImportProblem:
            continue
        return path
    return None


def median_time(work: Callable[[], object], runs: int) -> float:
    work()  # warm: modules imported, caches filled, as for every later import in a session
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(name: str, raw: bytes, runs: int, what: str) -> dict[str, object]:
    from ladder_tui.core.importer import import_ladder

    parse = parser_for(name)
    return {
        "import": median_time(lambda: import_ladder([(name, raw)], today=TODAY), runs),
        "parser": median_time(lambda: parse(raw), runs),
        "bytes": len(raw),
        "what": what,
    }


def main() -> None:
    runs, work = int(sys.argv[1]), Path(sys.argv[2])
    work.mkdir(parents=True, exist_ok=True)
    figures: dict[str, object] = {}
    generated = work / "generated-ladder.md"
    generated.write_text(markdown_ladder(), encoding="utf-8")
    figures["markdown"] = measure(generated.name, generated.read_bytes(), runs, "a generated Markdown ladder")
    public = largest_public_ladder()
    if public is not None:
        where = public.relative_to(SHARED_LADDERS)
        figures["public"] = measure(public.name, public.read_bytes(), runs, f"the largest public ladder, {where}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
