"""YAML and JSON files as data, read safely: PyYAML's safe loader (libyaml when present) with anchors and aliases
refused (one alias can stand for a whole tree, and nested ones for more data than fits in memory), the standard
library's JSON; either nested too deeply is refused rather than crashing."""

from __future__ import annotations

import json
from typing import Any

from ladder_tui.core.importer._document import Document
from ladder_tui.core.importer._model import ImportProblem

#: Deeper nesting than this is refused: no ladder is this deep, and the loaders recurse.
MAX_DEPTH = 100


def load_yaml(text: str, name: str) -> Any:
    """The data of a YAML text (several documents: a list of them); ImportProblem when it is not YAML, or uses
    anchors and aliases, or nests too deeply."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    depth = 0
    try:
        # A first pass over the parser's events (no objects are built): refuse what a safe loader still allows.
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise ImportProblem(
                    f"{name}: YAML with anchors or aliases (& and *), which the importer refuses (an alias can "
                    "stand for any amount of data); write the repeated parts out"
                )
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise ImportProblem(f"{name}: YAML nested more than {MAX_DEPTH} levels deep, which no ladder is")
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
        documents = [doc for doc in yaml.load_all(text, Loader=loader) if doc is not None]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise ImportProblem(f"{name}: not valid YAML{where}: {problem}") from None
    except RecursionError:
        raise ImportProblem(f"{name}: YAML nested too deeply to read") from None
    if len(documents) == 1:
        return documents[0]
    return documents or None


def load_json(text: str, name: str) -> Any:
    """The data of a JSON text; ImportProblem when it is not JSON or nests too deeply."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportProblem(f"{name}: not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}") from None
    except RecursionError:
        raise ImportProblem(f"{name}: JSON nested too deeply to read") from None
    if _depth(data) > MAX_DEPTH:
        raise ImportProblem(f"{name}: JSON nested more than {MAX_DEPTH} levels deep, which no ladder is")
    return data


def _depth(value: Any) -> int:
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return deepest


def read_data(name: str, text: str, kind: str) -> Document:
    """A YAML or JSON file as a document that holds only data."""
    data = load_yaml(text, name) if kind == "yaml" else load_json(text, name)
    doc = Document(name, kind, data=data)
    if isinstance(data, dict):
        title = data.get("title") or data.get("name")
        if isinstance(title, str) and title.strip():
            doc.title = " ".join(title.split())
    return doc
