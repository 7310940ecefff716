"""The reference for the `list` bar: the floor of any lister that reads every saved assessment.

    python benchmarks/tomllib_list.py FOLDER

Globs the folder, reads each file, parses it with the standard library's `tomllib`, and prints one line per file
(id, subject, framework, mode, last saved). No validation, no counting, no sorting: SPEC section 8 asks that
`ladder-tui list` over 2,000 assessments stays within 1.5x of this.
"""

import sys
import tomllib
from pathlib import Path


def main(folder: str) -> int:
    lines = []
    for path in sorted(Path(folder).glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        framework = data.get("framework", {})
        lines.append(
            f"{data.get('id')}  {data.get('subject')}  {framework.get('id')}  {data.get('mode')}  {data.get('updated')}"
        )
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
