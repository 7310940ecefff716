"""Ladders kept as data (YAML, JSON, a Markdown file's front matter), as the tools that keep them shape it.

No tool's format is assumed by name. The data is searched for a collection of dimensions: two or more objects,
each with a name and a container of per-level text, which is one of
* a list with one entry per level (Snowflake's ``milestones``: summary, signals, examples);
* a list of entries that each say their level (a progression site's ``content: [{level: 1, criteria: [...]}]``);
* a mapping keyed by level (``level_descriptions: {0: ..., 1: ...}``, ``behavioral_indicators: {1: [...]}``).
The levels' names come from a list elsewhere in the files that defines those levels (``skill_levels: [{level: 0,
name: ...}]``), else from the container (``Milestone 1``, ``Level 2``). A field that groups the dimensions
(``category``) or the object holding them (a file's ``category: {name: ...}``) names the areas. A list of skills
with no per-level text plus a scale that defines levels is a mastery scale: every skill shares the scale's words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from ladder_tui.core.importer._document import Document
from ladder_tui.core.importer._model import AreaSpec, DimSpec, Ladder, LevelSpec
from ladder_tui.core.importer._text import fold
from ladder_tui.core.text import plural

NAME_FIELDS = ("title", "displayName", "display_name", "name", "label", "skill", "competency", "topic", "id", "key")
DESCRIPTION_FIELDS = ("description", "summary", "definition", "about", "overview", "intro")
GROUP_FIELDS = ("category", "area", "group", "pillar", "section", "domain", "theme", "family", "track", "cluster")
LEVEL_KEY_FIELDS = ("level", "milestone", "step", "rank", "grade", "stage", "tier", "band", "number", "index")
#: Fields of a level entry that hold no statement.
META_FIELDS = frozenset(
    [
        "id",
        "slug",
        "key",
        "uuid",
        "url",
        "urls",
        "link",
        "links",
        "href",
        "path",
        "level",
        "levels",
        "milestone",
        "milestones",
        "step",
        "rank",
        "order",
        "sort",
        "index",
        "number",
        "points",
        "point",
        "score",
        "scores",
        "weight",
        "weights",
        "min",
        "max",
        "minpoints",
        "maxpoints",
        "value",
        "type",
        "kind",
        "icon",
        "emoji",
        "color",
        "colour",
        "image",
        "images",
        "resources",
        "resource",
        "references",
        "reference",
        "tags",
        "tag",
        "tools",
        "related",
        "owner",
        "author",
        "updated",
        "created",
        "date",
        "version",
        "status",
    ]
)
#: Fields whose text illustrates a statement rather than being one.
EXAMPLE_FIELDS = frozenset({"examples", "example", "exemples", "exemple", "ejemplos"})
#: The key a dimension object's sub-dimensions or level entries are never under.
MAX_NODES = 200_000


@dataclass
class _Found:
    """One collection of dimensions found in the data."""

    #: (group name or None, name, description, {level key: statements})
    dims: list[tuple[str | None, str, list[str], dict[str, list[str]]]]
    #: The level keys in order.
    keys: list[str]
    #: How the level keys were found: "list" (one entry per level), "entries" (entries saying their level),
    #: "mapping" (keyed by level).
    how: str
    #: The container's field name, for naming levels ("milestones" -> "Milestone 1").
    container: str
    notes: list[str] = field(default_factory=list)
    left_out: dict[str, int] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return sum(len(s) for _, _, _, cells in self.dims for texts in cells.values() for s in texts)


def _walk(value: Any) -> Iterator[tuple[tuple[str, ...], Any, Any]]:
    """(path, container, parent) for every dict and list in the data, iteratively, at most MAX_NODES of them."""
    stack: list[tuple[tuple[str, ...], Any, Any]] = [((), value, None)]
    seen = 0
    while stack and seen < MAX_NODES:
        path, item, parent = stack.pop()
        if isinstance(item, dict):
            seen += 1
            yield path, item, parent
            stack.extend(
                ((*path, str(k)), v, item) for k, v in reversed(list(item.items())) if isinstance(v, dict | list)
            )
        elif isinstance(item, list):
            seen += 1
            yield path, item, parent
            stack.extend(
                ((*path, str(i)), v, item) for i, v in reversed(list(enumerate(item))) if isinstance(v, dict | list)
            )


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        text = fold(value)
        return text or None
    return None


def _humanize(slug: str) -> str:
    """``knowledgeandimpact`` stays, ``problem_solving`` -> ``Problem solving``, ``WEB_CLIENT`` -> ``Web client``."""
    text = re.sub(r"[_-]+", " ", slug).strip()
    if text.isupper():
        text = text.lower()
    return text[:1].upper() + text[1:] if text else slug


def _name(obj: dict[str, Any], fallback: str | None) -> str | None:
    for name_field in NAME_FIELDS:
        text = _text(obj.get(name_field))
        if text:
            # A slug in place of a title ("communication", "problem_solving") reads as words.
            return _humanize(text) if name_field in ("id", "key") or text == text.lower() else text
    return _humanize(fallback) if fallback else None


def _statements(value: Any, left_out: dict[str, int]) -> list[str]:
    """The statements a level entry holds: its strings, its lists of strings, its examples marked as such."""
    out: list[str] = []
    stack: list[tuple[Any, str | None]] = [(value, None)]
    while stack:
        item, field_name = stack.pop()
        example = field_name is not None and field_name.lower() in EXAMPLE_FIELDS
        if isinstance(item, str):
            text = fold(item)
            if text:
                out.append(f"Example: {text}" if example else text)
        elif isinstance(item, int | float) and not isinstance(item, bool):
            continue
        elif isinstance(item, list):
            stack.extend((child, field_name) for child in reversed(item))
        elif isinstance(item, dict):
            children: list[tuple[Any, str | None]] = []
            for k, v in item.items():
                name = str(k)
                if name.lower().replace("_", "") in META_FIELDS or name.lower() in META_FIELDS:
                    if v not in (None, "", [], {}):
                        left_out[name] = left_out.get(name, 0) + 1
                    continue
                children.append((v, name if name.lower() in EXAMPLE_FIELDS else field_name))
            stack.extend(reversed(children))
    return out


def _level_key(value: Any) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return str(int(value)) if float(value).is_integer() else str(value)
    text = _text(value)
    return text if text and len(text) <= 40 else None


def _container(obj: dict[str, Any], left_out: dict[str, int]) -> list[tuple[str, str, dict[str, list[str]]]]:
    """The per-level containers of a dimension object: (field, how, {level key: statements})."""
    found: list[tuple[str, str, dict[str, list[str]]]] = []
    for field_name, value in obj.items():
        name = str(field_name)
        if name.lower() in META_FIELDS - {"levels", "milestones", "level"} and name.lower() not in ("levels",):
            continue
        if isinstance(value, list) and len(value) >= 2:
            if all(isinstance(entry, dict) for entry in value):
                level_field = next(
                    (f for f in LEVEL_KEY_FIELDS if all(_level_key(entry.get(f)) is not None for entry in value)), None
                )
                if level_field is not None:
                    cells: dict[str, list[str]] = {}
                    for entry in value:
                        level = _level_key(entry[level_field]) or ""
                        rest = {k: v for k, v in entry.items() if k != level_field}
                        cells.setdefault(level, []).extend(_statements(rest, left_out))
                    if sum(1 for texts in cells.values() if texts) >= 2:
                        found.append((name, "entries", cells))
                    continue
            if all(isinstance(entry, str | dict | list) for entry in value):
                cells = {str(i + 1): _statements(entry, left_out) for i, entry in enumerate(value)}
                texts = [t for t in cells.values() if t]
                # A list of sentences is one level's statements, not one entry per level: per-level entries are
                # objects or lists, or very few long texts.
                if len(texts) >= 2 and not all(isinstance(entry, str) for entry in value):
                    found.append((name, "list", cells))
        elif isinstance(value, dict) and len(value) >= 2:
            keys = [_level_key(k) for k in value]
            if all(k is not None for k in keys) and all(
                isinstance(v, str | list | dict) or v is None for v in value.values()
            ):
                cells = {str(k): _statements(v, left_out) for k, v in zip(keys, value.values(), strict=True)}
                numeric = sum(1 for k in cells if re.fullmatch(r"-?\d+(?:\.\d+)?", k))
                if sum(1 for t in cells.values() if t) >= 2 and numeric * 2 >= len(cells):
                    found.append((name, "mapping", cells))
    return found


def _order(keys: Sequence[str]) -> list[str]:
    unique = list(dict.fromkeys(keys))
    if all(re.fullmatch(r"-?\d+(?:\.\d+)?", k) for k in unique):
        return sorted(unique, key=float)
    return unique


def _group_of(obj: dict[str, Any], parent_groups: dict[int, str | None], holder: Any) -> str | None:
    for group_field in GROUP_FIELDS:
        value = obj.get(group_field)
        text = _text(value)
        if text:
            return f"{group_field.capitalize()} {text}" if len(text) <= 2 else text
        if isinstance(value, dict):
            named = _name(value, None)
            if named:
                return named
    return parent_groups.get(id(holder))


def _collections(doc: Document) -> list[_Found]:
    """Every collection of dimensions in one document's data."""
    data = doc.data
    found: list[_Found] = []
    # The group a whole file (or object) gives its members: `category: {name: Soft Skills}` beside `skills: [...]`.
    holder_groups: dict[int, str | None] = {}
    for _path, item, _parent in _walk(data):
        if isinstance(item, dict):
            for group_field in GROUP_FIELDS:
                value = item.get(group_field)
                if isinstance(value, dict) and _name(value, None):
                    for member in item.values():
                        if isinstance(member, list | dict) and member is not value:
                            holder_groups[id(member)] = _name(value, None)
    for path, item, _parent in _walk(data):
        members: list[tuple[str | None, Any]] = (
            [(None, entry) for entry in item] if isinstance(item, list) else list(item.items())
        )
        objects = [(str(k) if k is not None else None, v) for k, v in members if isinstance(v, dict)]
        if len(objects) < 2:
            continue
        left_out: dict[str, int] = {}
        dims: list[tuple[str | None, str, list[str], dict[str, list[str]]]] = []
        hows: set[str] = set()
        containers: list[str] = []
        for member_key, obj in objects:
            containers_found = _container(obj, left_out)
            if not containers_found:
                continue
            name = _name(obj, member_key)
            if not name:
                continue
            cells: dict[str, list[str]] = {}
            for field_name, how, found_cells in containers_found:
                hows.add(how)
                containers.append(field_name)
                for level, texts in found_cells.items():
                    cells.setdefault(level, []).extend(texts)
            description = [t for t in (_text(obj.get(f)) for f in DESCRIPTION_FIELDS) if t][:1]
            group = _group_of(obj, holder_groups, item)
            dims.append((group, name, description, cells))
        if len(dims) < 2 and not (dims and len(objects) == 1):
            continue
        keys = _order([k for _, _, _, cells in dims for k in cells])
        if len(keys) < 2:
            continue
        how = "entries" if "entries" in hows else ("mapping" if "mapping" in hows else "list")
        container = max(set(containers), key=containers.count) if containers else "levels"
        found.append(_Found(dims, keys, how, container, left_out=left_out))
        del path
    return found


def _level_definitions(docs: Sequence[Document], keys: Sequence[str]) -> dict[str, tuple[str, list[str]]]:
    """Names (and descriptions) of the level keys, from lists elsewhere that define them."""
    wanted = set(keys)
    names: dict[str, tuple[str, list[str]]] = {}
    for doc in docs:
        for _path, item, _parent in _walk(doc.data):
            if not isinstance(item, list) or not all(isinstance(entry, dict) for entry in item) or len(item) < 1:
                continue
            for entry in item:
                key_value = next(
                    (_level_key(entry.get(f)) for f in ("level", "id", "value", "index", "number") if f in entry), None
                )
                label = _text(entry.get("name")) or _text(entry.get("label")) or _text(entry.get("title"))
                if key_value in wanted and label and key_value not in names:
                    description = [t for t in (_text(entry.get(f)) for f in DESCRIPTION_FIELDS) if t]
                    names[key_value] = (label, description)
    return names


def _singular(word: str) -> str:
    word = _humanize(word)
    if word.lower().endswith("ies"):
        return word[:-3] + "y"
    if word.lower().endswith("s") and not word.lower().endswith("ss"):
        return word[:-1]
    return word


def read_structured(docs: Sequence[Document], where: str) -> Ladder | None:
    """The ladder the documents' data holds, or None when none of it is shaped like one."""
    with_data = [doc for doc in docs if doc.data is not None]
    if not with_data:
        return None
    collections: list[tuple[Document, _Found]] = [(doc, found) for doc in with_data for found in _collections(doc)]
    if not collections:
        return _mastery_scale(with_data, where)
    # The collections with the most text that share their level keys make one ladder (one file per category).
    best_doc, best = max(collections, key=lambda pair: pair[1].size)
    same = [(doc, found) for doc, found in collections if found.keys == best.keys and found.size * 20 >= best.size]
    same = [pair for pair in same if pair[1] is best or pair[0] is not best_doc]
    definitions = _level_definitions(with_data, best.keys)
    levels: list[LevelSpec] = []
    for level_key in best.keys:
        if level_key in definitions:
            label, description = definitions[level_key]
            levels.append(LevelSpec(label, description))
        else:
            unit = "Level" if best.how in ("entries", "mapping") else _singular(best.container)
            levels.append(LevelSpec(f"{unit} {level_key}"))
    areas: dict[str | None, AreaSpec] = {}
    left_out: dict[str, int] = {}
    notes: list[str] = []
    for doc, found in same:
        for group, name, description, cells in found.dims:
            area_name = group
            if area_name is None and len(same) > 1:
                area_name = doc.title
            area = areas.setdefault(area_name, AreaSpec(area_name))
            index = {k: i for i, k in enumerate(best.keys)}
            area.dims.append(DimSpec(name, {index[k]: texts for k, texts in cells.items() if texts}, description))
        for name, count in found.left_out.items():
            left_out[name] = left_out.get(name, 0) + count
    dim_count = sum(len(area.dims) for area in areas.values())
    files = ", ".join(doc.name.replace("\\", "/").rsplit("/", 1)[-1] for doc, _ in same)
    shown_levels = ", ".join(level.name for level in levels[:6]) + (", ..." if len(levels) > 6 else "")
    how = {
        "list": "one entry per level",
        "entries": "entries that say their level",
        "mapping": "text keyed by level",
    }[best.how]
    notes.append(
        f"read the data of {files}: {plural(dim_count, 'dimension')} with {how} (levels: {shown_levels}"
        + ("; named by the files' level definitions" if definitions else "")
        + ")"
    )
    if left_out:
        listed = ", ".join(f"{name} ({count})" for name, count in sorted(left_out.items())[:6])
        notes.append(f"fields that hold no statement left out: {listed}")
    unused = [doc.name for doc in with_data if all(doc is not d for d, _ in same) and not _defines(doc, definitions)]
    if unused:
        notes.append(
            f"{plural(len(unused), 'file')} with no dimensions of these levels left out: {', '.join(unused[:4])}"
        )
    title = next((doc.title for doc in docs if doc.title), None) if len(same) == 1 else _common_title(with_data)
    ladder = Ladder(levels, list(areas.values()), title, notes, kind="data")
    if all(not any(dim.cells.values()) for area in ladder.areas for dim in area.dims) and definitions:
        ladder.scale = "mastery"
    return ladder


def _defines(doc: Document, definitions: dict[str, tuple[str, list[str]]]) -> bool:
    return (
        bool(definitions)
        and any(isinstance(item, list) for _p, item, _parent in _walk(doc.data))
        and doc.kind in ("yaml", "json")
    )


def _common_title(docs: Sequence[Document]) -> str | None:
    titles = [doc.title for doc in docs if doc.title]
    return titles[0] if len(set(titles)) == 1 and titles else None


def _mastery_scale(docs: Sequence[Document], where: str) -> Ladder | None:
    """A list of skills (names, descriptions, no per-level text) and, in another file, a scale defining levels."""
    scale: list[tuple[str, list[str]]] = []
    skills: list[tuple[str | None, str, list[str]]] = []
    scale_doc: Document | None = None
    for doc in docs:
        for _path, item, _parent in _walk(doc.data):
            if not isinstance(item, list) or len(item) < 2 or not all(isinstance(e, dict) for e in item):
                continue
            levelled = [e for e in item if any(_level_key(e.get(f)) is not None for f in ("level", "value", "rank"))]
            named = [e for e in item if _name(e, None)]
            if len(levelled) == len(item) and len(named) == len(item) and not scale:
                scale = [
                    (_name(e, None) or "", [t for t in (_text(e.get(f)) for f in DESCRIPTION_FIELDS) if t])
                    for e in sorted(
                        item, key=lambda e: float(_level_key(e.get("level", e.get("value", e.get("rank")))) or 0)
                    )
                ]
                scale_doc = doc
            elif len(named) == len(item) and doc is not scale_doc:
                group = doc.title
                for entry in item:
                    description = [t for t in (_text(entry.get(f)) for f in DESCRIPTION_FIELDS) if t][:1]
                    skills.append((_group_of(entry, {}, None) or group, _name(entry, None) or "", description))
    if len(scale) < 2 or not skills:
        return None
    levels = [LevelSpec(name, description) for name, description in scale]
    areas: dict[str | None, AreaSpec] = {}
    for group, name, description in skills:
        areas.setdefault(group, AreaSpec(group)).dims.append(DimSpec(name, {}, description))
    note = (
        f"a list of {plural(len(skills), 'skill')} and a scale of {plural(len(levels), 'level')} "
        f"({', '.join(level.name for level in levels[:5])}): read as a mastery scale, every skill rated on it"
    )
    ladder = Ladder(levels, list(areas.values()), None, [note], kind="data")
    ladder.scale = "mastery"
    del where
    return ladder


def data_kind_problem(docs: Sequence[Document], where: str) -> str:
    """Why data with no ladder shape was refused, in one line."""
    kinds = sorted({doc.kind.upper() if doc.kind in ("yaml", "json") else "front matter" for doc in docs})
    return (
        f"{where}: {' and '.join(kinds)} with no ladder in it (looked for two or more named dimensions each with text "
        "per level: a list with one entry per level, entries that say their level, or text keyed by level; or a list "
        "of skills with a scale of levels)"
    )
