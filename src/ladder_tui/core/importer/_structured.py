"""Ladders kept as data (YAML, JSON, a Markdown file's front matter), as the tools that keep them shape it.

No tool's format is assumed by name. The data is searched for collections of dimensions: two or more objects,
each with a name and a container of per-level text, which is one of
* a list with one entry per level (Snowflake's ``milestones``: summary, signals, examples);
* a list of entries that each say their level (a progression site's ``content: [{level: 1, criteria: [...]}]``);
* a mapping keyed by level (``level_descriptions: {0: ..., 1: ...}``, ``progressions: {"1. Emerging": ...}``):
  numbered keys, or keys that a list elsewhere defines as levels, or a field named for levels; the same keys
  recur across the dimensions.
Every collection with the same levels joins the ladder (one per file, one per area object). The levels' names come
from a list in the files that defines those levels (``skill_levels: [{level: 0, name: ...}]``), else from the keys
themselves or the container (``Milestone 1``, ``Level 2``). A field that groups the dimensions (``category``), the
named object holding them (``areas: [{name: ..., dimensions: [...]}]``) or a file's own ``category: {name: ...}``
names the areas. A list of skills with no per-level text plus a scale defining levels is a mastery scale: every
skill is rated on the scale's words. Fields that hold no statement (urls, scores, tools, resources) are left out and
counted; so are the data's other parts (titles and points, roles and their expected levels).
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from ladder_tui.core.importer._document import Document
from ladder_tui.core.importer._markdown import markdown_statements
from ladder_tui.core.importer._model import AreaSpec, DimSpec, Ladder, LevelSpec
from ladder_tui.core.importer._text import fold, level_like, words
from ladder_tui.core.presentation.text import plural

NAME_FIELDS = ("title", "displayName", "display_name", "name", "label", "skill", "competency", "topic", "id", "key")
DESCRIPTION_FIELDS = ("description", "summary", "definition", "about", "overview", "intro")
GROUP_FIELDS = ("category", "area", "group", "pillar", "section", "domain", "theme", "family", "track", "cluster")
LEVEL_KEY_FIELDS = ("level", "milestone", "step", "rank", "grade", "stage", "tier", "band", "number", "index")
#: Fields of a level entry that hold no statement.
META_FIELDS = words(
    """id slug key uuid url urls link links href path level levels milestone milestones step rank order sort index
    number points point score scores weight weights min max minpoints maxpoints value type kind icon emoji color
    colour image images resources resource references reference tags tag tools related owner author updated
    created date version status"""
)
#: Fields whose text illustrates a statement rather than being one.
EXAMPLE_FIELDS = words("examples example exemples exemple ejemplos beispiele")
#: Names of fields that hold text per level (a mapping keyed by level names under one of these is a ladder's).
LEVEL_CONTAINERS = words(
    """levels level_descriptions leveldescriptions descriptions descriptors progressions progression milestones
    stages steps expectations rubric bands tiers grades behaviours behaviors behavioral_indicators
    behaviouralindicators indicators criteria proficiencies proficiency"""
)
#: Fields whose list of sentences is one per level (``levels: ["Follows runbooks.", "Finds root causes."]``).
LEVEL_LISTS = words(
    "levels level_descriptions descriptions descriptors progression progressions milestones stages bands tiers grades"
)
#: Fields whose list of short names names the levels (``levels: [Associate, Senior]`` at the top of a file).
LEVEL_NAME_LISTS = words("levels level_names levelnames scale grades titles stages bands tiers ranks milestones")
#: Containers and objects visited at most (a hostile file must not make the search run for ever).
MAX_NODES = 200_000
_NUMBERED = re.compile(r"^-?\d+(?:\.\d+)?\b")


@dataclass
class _Dimension:
    group: str | None
    name: str
    description: list[str]
    cells: dict[str, list[str]]


@dataclass
class _Collection:
    """Dimensions found side by side in the data, with the level keys they use."""

    doc: Document
    path: tuple[str, ...]
    dims: list[_Dimension]
    keys: list[str]
    #: "list" (one entry per level), "entries" (entries saying their level) or "mapping" (keyed by level).
    how: str
    #: The container field most dimensions use ("milestones" names levels "Milestone 1").
    container: str
    left_out: Counter[str] = field(default_factory=Counter)

    @property
    def lone(self) -> bool:
        """One dimension alone (a file of one): it joins a ladder that others make, never makes one."""
        return len(self.dims) < 2

    @property
    def size(self) -> int:
        return sum(len(text) for dim in self.dims for texts in dim.cells.values() for text in texts)


def walk_data(value: Any) -> Iterator[tuple[tuple[str, ...], Any, Any]]:
    """(path, container, the dict or list holding it) for every dict and list in the data, iteratively."""
    stack: list[tuple[tuple[str, ...], Any, Any]] = [((), value, None)]
    seen = 0
    while stack and seen < MAX_NODES:
        path, item, parent = stack.pop()
        seen += 1
        yield path, item, parent
        children = list(item.items()) if isinstance(item, dict) else list(enumerate(item))
        for key, child in reversed(children):
            if isinstance(child, dict | list):
                stack.append(((*path, str(key)), child, item))


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        return fold(value) or None
    return None


def _humanize(slug: str) -> str:
    """``problem_solving`` -> ``Problem solving``, ``WEB_CLIENT`` -> ``Web client``, ``knowledge`` -> ``Knowledge``."""
    text = re.sub(r"[_-]+", " ", slug).strip()
    if text.isupper():
        text = text.lower()
    return text[:1].upper() + text[1:] if text else slug


def _get(obj: dict[str, Any], wanted: str) -> Any:
    """A field by its name, whatever its case (``Name``, ``name``, ``NAME``)."""
    if wanted in obj:
        return obj[wanted]
    folded = wanted.casefold()
    return next((value for key, value in obj.items() if str(key).casefold() == folded), None)


def _name(obj: dict[str, Any], fallback: str | None = None) -> str | None:
    for name_field in NAME_FIELDS:
        text = _text(_get(obj, name_field))
        if text:
            # A slug in place of a title ("communication", "problem_solving") reads as words.
            return _humanize(text) if name_field in ("id", "key") or text == text.lower() else text
    # Last, a field that says it is a name ("SkillName", "competency_name").
    text = next((_text(v) for k, v in obj.items() if str(k).casefold().endswith("name") and _text(v)), None)
    if text:
        return text
    return _humanize(fallback) if fallback else None


def _description(obj: dict[str, Any]) -> list[str]:
    return [text for text in (_text(_get(obj, f)) for f in DESCRIPTION_FIELDS) if text][:1]


def _named(entry: Any) -> bool:
    """An object that names itself (a dimension or an area), which is never one level's entry."""
    return isinstance(entry, dict) and any(_text(_get(entry, f)) for f in ("name", "title", "displayName", "label"))


def _meta(name: str) -> bool:
    folded = name.lower()
    return folded in META_FIELDS or folded.replace("_", "") in META_FIELDS


#: A string in data written in Markdown: bullet lines, bold or emphasis, links.
_MARKDOWN_TEXT = re.compile(r"(?m)^\s*(?:[-*+]|\d{1,3}[.)])\s+\S|\*\*\S|__\S|\]\([^)\s]+\)")


def _statements(value: Any, left_out: Counter[str]) -> list[str]:
    """The statements a level entry holds: its strings and lists of strings, its examples marked as such."""
    out: list[str] = []
    stack: list[tuple[Any, bool]] = [(value, False)]
    while stack:
        item, example = stack.pop()
        if isinstance(item, str):
            texts = markdown_statements(item) if _MARKDOWN_TEXT.search(item) else [fold(item)]
            out.extend(f"Example: {text}" if example else text for text in texts if text)
        elif isinstance(item, list):
            stack.extend((child, example) for child in reversed(item))
        elif isinstance(item, dict):
            children: list[tuple[Any, bool]] = []
            for key, child in item.items():
                name = str(key)
                if _meta(name):
                    if child not in (None, "", [], {}):
                        left_out[name] += 1
                    continue
                children.append((child, example or name.lower() in EXAMPLE_FIELDS))
            stack.extend(reversed(children))
    return out


def _level_key(value: Any) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return str(int(value)) if float(value).is_integer() else str(value)
    text = _text(value)
    return text if text and len(text) <= 40 else None


def _containers(obj: dict[str, Any], left_out: Counter[str]) -> list[tuple[str, str, dict[str, list[str]]]]:
    """The containers of per-level text in a dimension object: (field, how, {level key: statements})."""
    found: list[tuple[str, str, dict[str, list[str]]]] = []
    for key, value in obj.items():
        name = str(key)
        if _meta(name) and name.lower() not in LEVEL_CONTAINERS:
            continue
        if isinstance(value, list) and len(value) >= 2 and all(isinstance(entry, str) for entry in value):
            if name.lower() in LEVEL_LISTS and not _names_list(value):
                found.append(
                    (name, "list", {str(i + 1): _statements(entry, left_out) for i, entry in enumerate(value)})
                )
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
            # One entry per level: objects or lists. A list of sentences is one level's statements, and a list of
            # named objects is dimensions (or areas), not levels.
            if all(isinstance(entry, dict | list) for entry in value) and sum(map(_named, value)) * 2 < len(value):
                cells = {str(i + 1): _statements(entry, left_out) for i, entry in enumerate(value)}
                if sum(1 for texts in cells.values() if texts) >= 2:
                    found.append((name, "list", cells))
        elif isinstance(value, dict) and len(value) >= 2:
            keys = [_level_key(k) for k in value]
            if any(k is None for k in keys) or not all(isinstance(v, str | list | dict) for v in value.values()):
                continue
            cells = {str(k): _statements(v, left_out) for k, v in zip(keys, value.values(), strict=True)}
            if sum(1 for texts in cells.values() if texts) >= 2:
                found.append((name, "mapping", cells))
    return found


def _names_list(value: list[Any]) -> bool:
    """A list of short names (``[Associate, Intermediate, Senior]``), not of sentences."""
    return all(isinstance(v, str) and 0 < len(v.split()) <= 4 and not v.rstrip().endswith(".") for v in value)


def _order(keys: Sequence[str]) -> list[str]:
    unique = list(dict.fromkeys(keys))
    numbers = [_NUMBERED.match(k) for k in unique]
    if all(numbers):
        return sorted(unique, key=lambda k: float(_NUMBERED.match(k).group(0)))  # type: ignore[union-attr]
    return unique


def _group(obj: dict[str, Any]) -> str | None:
    """The area a dimension object names for itself (``category: A``, ``area: {name: ...}``)."""
    for group_field in GROUP_FIELDS:
        value = _get(obj, group_field)
        text = _text(value)
        if text:
            # A code ("A") reads as "Category A"; a name as itself.
            return f"{group_field.capitalize()} {text}" if len(text) <= 2 else text
        if isinstance(value, dict):
            named = _name(value)
            if named:
                return named
    return None


def _collections(doc: Document) -> list[_Collection]:
    """Every collection of dimensions in one document's data."""
    found: list[_Collection] = []
    # The area a whole object gives the list beside it: a file's `category: {name: Soft Skills}` and `skills: [...]`.
    sibling_groups: dict[int, str] = {}
    for _path, item, _parent in walk_data(doc.data):
        if isinstance(item, dict):
            for group_field in GROUP_FIELDS:
                value = item.get(group_field)
                named = _name(value) if isinstance(value, dict) else None
                if named:
                    for member in item.values():
                        if isinstance(member, list | dict) and member is not value:
                            sibling_groups[id(member)] = named
    for path, item, parent in walk_data(doc.data):
        members = [(None, entry) for entry in item] if isinstance(item, list) else list(item.items())
        objects = [(None if k is None else str(k), v) for k, v in members if isinstance(v, dict)]
        if not objects:
            continue
        left_out: Counter[str] = Counter()
        # Each dimension's containers, by field: the field with the most text holds the levels; other fields join
        # it when they use the same level keys (`behavioral_indicators` beside `level_descriptions`), and the rest
        # (`improvement_tips` keyed "1→2", roles and their expected levels) is left out.
        per_member: list[tuple[str, dict[str, Any], dict[str, tuple[str, dict[str, list[str]]]]]] = []
        field_size: Counter[str] = Counter()
        field_keys: dict[str, set[str]] = {}
        # The named object holding the list (`areas: [{name: Customers, dimensions: [...]}]`) names its area.
        holder = _name(parent) if isinstance(parent, dict) and path and path[-1] in parent else None
        holder = holder or sibling_groups.get(id(item))
        for member_key, obj in objects:
            name = _name(obj, member_key)
            found_containers = _containers(obj, left_out)
            if not found_containers or not name:
                continue
            by_field = {container_field: (how, cells) for container_field, how, cells in found_containers}
            per_member.append((name, obj, by_field))
            for container_field, (_how, cells) in by_field.items():
                field_size[container_field] += sum(len(t) for texts in cells.values() for t in texts)
                field_keys.setdefault(container_field, set()).update(k for k, texts in cells.items() if texts)
        if not field_size:
            continue
        main_field = field_size.most_common(1)[0][0]
        joined = {
            f
            for f in field_size
            if f == main_field or len(field_keys[f] & field_keys[main_field]) * 5 >= len(field_keys[f]) * 4
        }
        # In the order the source writes them (a level's description before its indicators).
        fields = [f for f in dict.fromkeys(f for _, _, by_field in per_member for f in by_field) if f in joined]
        dims: list[_Dimension] = []
        hows: Counter[str] = Counter()
        for name, obj, by_field in per_member:
            merged: dict[str, list[str]] = {}
            for container_field in fields:
                if container_field in by_field:
                    how, container_cells = by_field[container_field]
                    hows[how] += 1
                    for level, texts in container_cells.items():
                        merged.setdefault(level, []).extend(texts)
            if not any(merged.values()):
                continue
            for key, value in obj.items():
                known = key in fields or key in NAME_FIELDS or key in DESCRIPTION_FIELDS or key in GROUP_FIELDS
                if not known and value not in (None, "", [], {}):
                    left_out[str(key)] += 1
            dims.append(_Dimension(_group(obj) or holder, name, _description(obj), merged))
        if not dims:
            continue
        keys = _order([key for dim in dims for key in dim.cells])
        # The level keys recur: most dimensions have text at most of them.
        recurring = [k for k in keys if sum(1 for dim in dims if dim.cells.get(k)) * 2 >= len(dims)]
        if len(recurring) < 2:
            continue
        found.append(_Collection(doc, path, dims, keys, hows.most_common(1)[0][0], main_field, left_out))
    return found


def _definitions(docs: Sequence[Document], keys: Sequence[str]) -> dict[str, tuple[str, list[str]]]:
    """Names (and descriptions) of the level keys, from lists elsewhere that define them."""
    wanted = set(keys)
    names: dict[str, tuple[str, list[str]]] = {}
    for doc in docs:
        for _path, item, _parent in walk_data(doc.data):
            if not isinstance(item, list) or not all(isinstance(entry, dict) for entry in item):
                continue
            for entry in item:
                key_value = next(
                    (_level_key(entry.get(f)) for f in ("level", "id", "key", "code", "value", "index") if f in entry),
                    None,
                )
                label = _text(entry.get("name")) or _text(entry.get("label")) or _text(entry.get("title"))
                if key_value in wanted and label and key_value not in names:
                    names[key_value] = (label, [t for t in (_text(entry.get(f)) for f in DESCRIPTION_FIELDS) if t])
    return names


def _named_levels(docs: Sequence[Document], keys: Sequence[str]) -> dict[str, tuple[str, list[str]]]:
    """Names for levels kept one entry per level, from a list of as many short names (``levels: [Junior, Senior]``)."""
    for doc in docs:
        for path, item, _parent in walk_data(doc.data):
            if (
                path
                and path[-1].lower() in LEVEL_NAME_LISTS
                and isinstance(item, list)
                and len(item) == len(keys)
                and _names_list(item)
            ):
                return {key: (fold(name), []) for key, name in zip(keys, item, strict=True)}
            if (
                path
                and path[-1].lower() in LEVEL_NAME_LISTS
                and isinstance(item, list)
                and len(item) == len(keys)
                and all(_named(entry) for entry in item)
            ):
                # ``levels: [{title: Senior, summary: ...}]``: the entries name the levels (and describe them).
                return {
                    key: (_name(entry) or "", [t for t in (_text(entry.get(f)) for f in DESCRIPTION_FIELDS) if t])
                    for key, entry in zip(keys, item, strict=True)
                }
    return {}


def _believable(collection: _Collection, definitions: dict[str, tuple[str, list[str]]]) -> bool:
    """Mapping keys are levels when they are numbered, named like levels, defined elsewhere as levels, or held
    under a field named for levels; a mapping of anything else (examples keyed by name) is not a ladder."""
    if collection.how != "mapping":
        return True
    keys = collection.keys
    if sum(1 for k in keys if _NUMBERED.match(k)) * 2 >= len(keys):
        return True
    if sum(1 for k in keys if k in definitions) * 2 >= len(keys):
        return True
    if collection.container.lower() in LEVEL_CONTAINERS:
        return True
    return sum(1 for k in keys if level_like(k)) * 2 >= len(keys)


def _singular(word: str) -> str:
    word = _humanize(word)
    if word.lower().endswith("ies"):
        return word[:-3] + "y"
    if word.lower().endswith("s") and not word.lower().endswith("ss"):
        return word[:-1]
    return word


def _level_name(collection: _Collection, level_key: str) -> str:
    if not re.fullmatch(r"-?\d+(?:\.\d+)?", level_key):
        return level_key  # the key is the level's name ("1. Emerging", "Senior")
    unit = "Level" if collection.how in ("entries", "mapping") else _singular(collection.container)
    return f"{unit} {level_key}"


#: Fields of a level definition that other parts of the data use to refer to the level.
_CODE_FIELDS = ("code", "id", "key", "slug", "level", "name", "title")


def _level_codes(docs: Sequence[Document]) -> set[str]:
    """What lists of level definitions call their levels (``levels: [{code: D1, name: ...}]``), by any field."""
    codes: set[str] = set()
    for doc in docs:
        for path, item, _parent in walk_data(doc.data):
            # Under a field naming levels, or the whole of a file named for them (``levels.yml``).
            defining = path[-1].lower() in LEVEL_NAME_LISTS if path else "level" in _base(doc.name).casefold()
            if defining and isinstance(item, list) and len(item) >= 2 and all(_named(entry) for entry in item):
                codes.update(
                    code for entry in item for f in _CODE_FIELDS if (code := _level_key(entry.get(f))) is not None
                )
    return codes


def _level_major(item: Any, path: tuple[str, ...], codes: set[str]) -> list[tuple[str, dict[str, Any]]] | None:
    """The entries of a container holding the ladder level by level, each level's dimensions inside it
    (``junior: {technical: [...], delivery: [...]}``, ``levels: [{name: M1, competencies: {Coaching: ...}}]``)."""
    entries: list[tuple[str, dict[str, Any]]] = []
    if isinstance(item, dict) and len(item) >= 2 and all(isinstance(v, dict) for v in item.values()):
        if not all(str(k) in codes or level_like(str(k)) for k in item):
            return None
        entries = [(str(k), v) for k, v in item.items()]
    elif isinstance(item, list) and len(item) >= 2 and path and path[-1].lower() in LEVEL_NAME_LISTS:
        for entry in item:
            if not _named(entry):
                return None
            inner = [v for v in entry.values() if isinstance(v, dict) and len(v) >= 2]
            if len(inner) != 1:
                return None
            entries.append((_name(entry) or "", inner[0]))
    else:
        return None
    counts = Counter(k for _, inner in entries for k in inner)
    recurring = [k for k, n in counts.items() if n * 2 >= len(entries)]
    texty = all(isinstance(v, str | list) for _, inner in entries for v in inner.values())
    return entries if len(recurring) >= 2 and texty else None


def _level_files(docs: Sequence[Document]) -> Document | None:
    """A file per level (``level-1.yaml``: a name and its dimensions' text), read as one document kept level by
    level; None unless every file is one named level whose dimensions recur from file to file."""
    if len(docs) < 2:
        return None
    entries: list[tuple[str, dict[str, Any]]] = []
    for doc in docs:
        data = doc.data
        if not _named(data):
            return None
        held = [v for v in data.values() if isinstance(v, dict) and len(v) >= 2]
        if len(held) != 1:
            return None
        entries.append((_name(data) or "", held[0]))
    counts = Counter(k for _, inner in entries for k in inner)
    if sum(1 for n in counts.values() if n * 2 >= len(entries)) < 2:
        return None
    dims: dict[str, dict[str, Any]] = {}
    for level, inner in entries:
        for dim, value in inner.items():
            dims.setdefault(str(dim), {})[level] = value
    data = {"dimensions": [{"name": _humanize(dim), "levels": cells} for dim, cells in dims.items()]}
    return dataclasses.replace(docs[0], data=data, folder=None, title=None)


def _reshaped(docs: Sequence[Document]) -> list[Document]:
    """The documents with two shapes turned into the one the search knows (dimensions holding their levels):
    data kept level by level, and dimension objects with a field per level code (``{name: X, D1: ..., D2: ...}``)."""
    codes = _level_codes(docs)
    out: list[Document] = []
    for doc in docs:
        data = doc.data
        for path, item, _parent in walk_data(doc.data):
            entries = _level_major(item, path, codes)
            if entries is not None:
                dims: dict[str, dict[str, Any]] = {}
                for level, inner in entries:
                    for dim, value in inner.items():
                        dims.setdefault(str(dim), {})[level] = value
                data = {"dimensions": [{"name": _humanize(dim), "levels": cells} for dim, cells in dims.items()]}
                break
        if codes and data is doc.data:
            data = _coded_fields(doc.data, codes)
        if data is doc.data:
            out.append(doc)
        else:
            out.append(dataclasses.replace(doc, data=data))
    return out


def _coded_fields(value: Any, codes: set[str]) -> Any:
    """The data with each named object's fields named by level codes gathered under ``levels``."""
    if isinstance(value, list):
        return [_coded_fields(entry, codes) for entry in value]
    if not isinstance(value, dict):
        return value
    coded = {k: v for k, v in value.items() if str(k) in codes and isinstance(v, str | list)}
    if len(coded) >= 2 and _named(value):
        rest = {k: _coded_fields(v, codes) for k, v in value.items() if k not in coded}
        return {**rest, "levels": coded}
    return {k: _coded_fields(v, codes) for k, v in value.items()}


def read_structured(docs: Sequence[Document], where: str) -> Ladder | None:
    """The ladder the documents' data holds, or None when none of it is shaped like one."""
    with_data = _reshaped([doc for doc in docs if doc.data is not None])
    per_level = _level_files(with_data)
    if per_level is not None:
        with_data = [per_level]
    if not with_data:
        return None
    collections = [found for doc in with_data for found in _collections(doc)]
    all_keys = [key for found in collections for key in found.keys]
    definitions = _definitions(with_data, all_keys)
    collections = [found for found in collections if _believable(found, definitions)]
    if not any(not found.lone for found in collections):
        return _mastery_scale(with_data)
    # The level keys with the most text win; every collection with those keys joins (a file per category, an
    # object per area), and none nested inside another.
    sizes: dict[tuple[str, ...], int] = {}
    for found in collections:
        if found.lone:
            continue
        sizes[tuple(found.keys)] = sizes.get(tuple(found.keys), 0) + found.size
    keys = list(max(sizes.items(), key=lambda pair: pair[1])[0])
    chosen = [found for found in collections if found.keys == keys]
    chosen = [
        found
        for found in chosen
        if not any(
            other is not found and other.doc is found.doc and _inside(found.path, other.path) for other in chosen
        )
    ]
    first = next(found for found in chosen if not found.lone)
    if first.how == "list" and not any(key in definitions for key in keys):
        definitions = _named_levels(with_data, keys)
    levels = [
        LevelSpec(*definitions[key]) if key in definitions else LevelSpec(_level_name(first, key)) for key in keys
    ]
    index = {key: i for i, key in enumerate(keys)}
    areas: dict[str | None, AreaSpec] = {}
    left_out: Counter[str] = Counter()
    for found in chosen:
        several = len({id(f.doc) for f in chosen}) > 1
        for dim in found.dims:
            area_name = (
                dim.group if dim.group is not None else (found.doc.folder or (found.doc.title if several else None))
            )
            area = areas.setdefault(area_name, AreaSpec(area_name))
            cells = {index[k]: texts for k, texts in dim.cells.items() if texts and k in index}
            area.dims.append(DimSpec(dim.name, cells, dim.description))
        left_out.update(found.left_out)
    files = ", ".join(dict.fromkeys(_base(found.doc.name) for found in chosen))
    dim_count = sum(len(area.dims) for area in areas.values())
    shown = ", ".join(level.name for level in levels[:6]) + (", ..." if len(levels) > 6 else "")
    how = {"list": "one entry per level", "entries": "entries that say their level", "mapping": "text keyed by level"}
    notes = [
        f"read the data of {files}: {plural(dim_count, 'dimension')} with {how[first.how]} (levels: {shown}"
        + ("; named by the files' level definitions" if any(k in definitions for k in keys) else "")
        + ")"
    ]
    if left_out:
        listed = ", ".join(f"{name} ({count})" for name, count in sorted(left_out.items())[:8])
        notes.append(f"fields that hold no statement left out: {listed}")
    unused = _unused_parts(with_data, chosen, definitions)
    if unused:
        notes.append(f"other parts of the data left out: {', '.join(unused[:8])}{', ...' if len(unused) > 8 else ''}")
    titles = {doc.title for doc in {id(f.doc): f.doc for f in chosen}.values() if doc.title}
    title = next(iter(titles)) if len(titles) == 1 and len({id(f.doc) for f in chosen}) == 1 else None
    return Ladder(levels, list(areas.values()), title, notes, kind="data")


def _inside(path: tuple[str, ...], other: tuple[str, ...]) -> bool:
    return len(path) > len(other) and path[: len(other)] == other


def _base(name: str) -> str:
    return name.replace("\\", "/").rsplit("/", 1)[-1]


def _unused_parts(
    docs: Sequence[Document], chosen: Sequence[_Collection], definitions: dict[str, tuple[str, list[str]]]
) -> list[str]:
    """The top-level keys of the data that hold neither the dimensions nor the levels' names."""
    out: list[str] = []
    for doc in docs:
        if not isinstance(doc.data, dict):
            continue
        used = {found.path[0] for found in chosen if found.doc is doc and found.path}
        for key, value in doc.data.items():
            name = str(key)
            if name in used or not isinstance(value, dict | list) or name.lower() in GROUP_FIELDS:
                continue
            if definitions and _defines_levels(value, definitions):
                continue
            out.append(name)
    return out


def _defines_levels(value: Any, definitions: dict[str, tuple[str, list[str]]]) -> bool:
    names = {label for label, _ in definitions.values()}
    return any(isinstance(item, dict) and _text(item.get("name")) in names for _p, item, _parent in walk_data(value))


def _mastery_scale(docs: Sequence[Document]) -> Ladder | None:
    """A list of skills (names, descriptions, no per-level text) and, in another file, a scale defining levels."""
    scale: list[tuple[str, list[str]]] = []
    scale_doc: Document | None = None
    skills: list[tuple[str | None, str, list[str]]] = []
    for doc in docs:
        for _path, item, _parent in walk_data(doc.data):
            if not isinstance(item, list) or len(item) < 2 or not all(isinstance(e, dict) for e in item):
                continue
            keyed = [(_level_key(next((e[f] for f in ("level", "value", "rank") if f in e), None)), e) for e in item]
            named = [e for e in item if _name(e)]
            if all(k is not None for k, _ in keyed) and len(named) == len(item) and not scale:
                ordered = sorted(keyed, key=lambda pair: float(pair[0] or 0) if _NUMBERED.match(pair[0] or "") else 0.0)
                scale = [(_name(e) or "", _description(e)) for _, e in ordered]
                scale_doc = doc
            elif len(named) == len(item) and doc is not scale_doc:
                skills += [(_group(e) or doc.title, _name(e) or "", _description(e)) for e in item]
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
    return ladder


def data_kind_problem(docs: Sequence[Document], where: str) -> str:
    """Why data with no ladder shape was refused, in one line."""
    kinds = sorted({doc.kind.upper() if doc.kind in ("yaml", "json") else "front matter" for doc in docs})
    return (
        f"{where}: {' and '.join(kinds)} with no ladder in it (looked for two or more named dimensions each with text "
        "per level: a list with one entry per level, entries that say their level, or text keyed by level; or a list "
        "of skills with a scale of levels)"
    )
