"""Headings-and-bullets documents as ladders, in either nesting, one file or one file per level.

The document becomes a tree of headings and list labels holding statements. Every statement has a path of
titles (``IC1 > Impact`` or ``Skill > Technical > L1``). The levels are one position on those paths: the
outermost one (level headings hold the areas and dimensions) or the innermost one (dimension headings hold the
level headings). The position chosen is the one whose values are named like levels and under which the same
areas and dimensions repeat; the other titles on the path are the area and the dimension.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from ladder_tui.core.importer._document import Block, Document, Heading, Item, ItemList, MarkupStats, Paragraph
from ladder_tui.core.importer._model import AreaSpec, DimSpec, Ladder, LevelSpec
from ladder_tui.core.importer._text import fold, key, level_like, question_like
from ladder_tui.core.presentation.text import plural

#: Deeper list nesting than this is read as if it were this deep (hostile documents nest without end).
MAX_LIST_DEPTH = 16
#: Headings whose depth the text does not give are nested at most this deep.
MAX_INFERRED_DEPTH = 6
LAST = -1
T = TypeVar("T")
#: A reading that finds more distinct levels than this is not considered (a framework has at most 50).
MAX_CANDIDATE_LEVELS = 200


@dataclass
class Node:
    title: str
    kind: str  # "root", "heading" or "label"
    line: int = 0
    children: list[Node] = field(default_factory=list)
    #: ("bullet" | "para" | "desc", text) in document order; "desc" describes the node itself.
    items: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class _RawBullet:
    text: str
    line: int
    children: list[_RawBullet] = field(default_factory=list)
    label: str | None = None
    colon: bool = False
    rest: str = ""
    link_only: bool = False
    #: A bold paragraph standing for a list that follows it (``<p><strong>Impact</strong></p><ul>``): its rest
    #: describes what it labels rather than being a statement.
    heading_like: bool = False


@dataclass
class _Section:
    node: Node
    #: Paragraphs and top-level list items in order.
    content: list[_RawBullet | str] = field(default_factory=list)


@dataclass
class OutlineStats:
    inferred_depths: bool = False
    flattened: int = 0
    navigation: int = 0
    inline_labels: int = 0
    #: Sub-folders read as headings of their own (a folder per area).
    folders: int = 0
    empty_sections: Counter[str] = field(default_factory=Counter)
    markup: MarkupStats = field(default_factory=MarkupStats)
    #: The levels hold paragraphs and nothing else (no bullets, no sub-headings): an essay about the levels.
    prose_only: bool = False


# ----- from blocks to a tree -----


def _infer_depths(doc: Document) -> list[int | None]:
    """Depths for headings that carry none (``Title #``): a run of headings without content right-aligns.

    Headings directly followed by bullets or text hold statements (the deepest tier); a run of k headings with
    nothing between them opens k tiers above it. ``L1 #, Skill #, Technical #, - ...`` nests L1 > Skill >
    Technical, and a later ``Engagement #, Ownership #`` puts Engagement beside Skill.
    """
    blocks = doc.blocks
    headings = [index for index, block in enumerate(blocks) if isinstance(block, Heading)]
    unknown = [index for index in headings if blocks[index].depth is None]  # type: ignore[union-attr]
    depths: list[int | None] = [block.depth if isinstance(block, Heading) else None for block in blocks]
    if not unknown:
        return depths
    has_content: dict[int, bool] = {}
    for position, index in enumerate(headings):
        end = headings[position + 1] if position + 1 < len(headings) else len(blocks)
        has_content[index] = end > index + 1
    runs: list[list[int]] = []
    run: list[int] = []
    for index in unknown:
        run.append(index)
        if has_content[index]:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    longest = min(max(len(r) for r in runs), MAX_INFERRED_DEPTH)
    known = [block.depth for block in blocks if isinstance(block, Heading) and block.depth is not None]
    offset = max(known) if known else 0
    for r in runs:
        for position, index in enumerate(r):
            depth = max(longest - len(r) + position, 0) if len(r) <= longest else min(position, longest)
            depths[index] = offset + 1 + depth
    return depths


def _raw(item: Item, depth: int) -> _RawBullet:
    """A list item and its sub-items as raw bullets; past MAX_LIST_DEPTH sub-items hang at that depth."""
    top = _RawBullet(item.text, item.line, [], item.label, item.colon, item.rest, item.link_only)
    work: list[tuple[Item, _RawBullet, int]] = [(item, top, depth)]
    while work:
        source, into, level = work.pop()
        for child in source.children:
            raw = _RawBullet(child.text, child.line, [], child.label, child.colon, child.rest, child.link_only)
            into.children.append(raw)
            # Too deep: the grandchildren go beside this child rather than under it.
            work.append((child, raw if level + 1 < MAX_LIST_DEPTH else into, level + 1))
    return top


def _label_paragraph(block: Paragraph) -> bool:
    """A paragraph that is a short bold label (``**Impact**``, ``<strong>Scope</strong> <em>...</em>``)."""
    return block.label is not None and _label_words(block.label)


def _without_parent(title: str, parent: str) -> str:
    """A sub-heading without its level's name in front ("Junior Engineer Responsibilities" under "Junior
    Engineer" is "Responsibilities"), so that it recurs under every level ("Business Impact" under "Business", an
    area, keeps its name)."""
    if parent and level_like(parent) and len(title) > len(parent) + 1 and key(title).startswith(key(parent) + " "):
        rest = title[len(parent) :].strip(" :-–—")
        return rest[:1].upper() + rest[1:] if rest else title
    return title


def _sections(doc: Document, root: Node, stats: OutlineStats) -> list[_Section]:
    depths = _infer_depths(doc)
    if any(isinstance(b, Heading) and b.depth is None for b in doc.blocks):
        stats.inferred_depths = True
    sections = [_Section(root)]
    stack: list[tuple[int, Node]] = [(0, root)]
    blocks = doc.blocks
    for index, block in enumerate(blocks):
        if isinstance(block, Heading):
            depth = depths[index] or 1
            while len(stack) > 1 and stack[-1][0] >= depth:
                stack.pop()
            node = Node(_without_parent(block.text, stack[-1][1].title), "heading", block.line)
            stack[-1][1].children.append(node)
            stack.append((depth, node))
            sections.append(_Section(node))
        elif isinstance(block, ItemList):
            previous = sections[-1].content[-1] if sections[-1].content else None
            items = [_raw(item, 1) for item in block.items]
            if isinstance(previous, _RawBullet) and previous.heading_like and not previous.children:
                previous.children = items  # the bold paragraph above labels this list
            else:
                sections[-1].content.extend(items)
        elif isinstance(block, Paragraph):
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if _label_paragraph(block) and isinstance(following, ItemList):
                label = block.label or ""
                sections[-1].content.append(
                    _RawBullet(block.text, block.line, [], label, block.colon, block.rest, heading_like=True)
                )
            elif _label_paragraph(block) and block.colon and block.rest:
                # "**Scope:** Owns a queue." on its own: a label and its text, as the same line in a list would be.
                sections[-1].content.append(_RawBullet(block.text, block.line, [], block.label, True, block.rest))
            else:
                sections[-1].content.append(block.text)
    return sections


_PLAIN_LABEL = re.compile(r"^(?P<label>[^:\n]{1,60}?)[ \t]*:(?:[ \t]+(?P<rest>.*))?$", re.S)


def _label_words(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 6 and not text.endswith((".", "!", "?"))


def _candidate(raw: _RawBullet) -> str | None:
    """The label a list item may be (``Impact:`` holding sub-items, ``Scope: text``), as a comparison key."""
    if raw.label and _label_words(raw.label):
        return key(raw.label)
    text = fold(raw.text)
    if raw.children:
        label = text.rstrip(":").strip()
        return key(label) if _label_words(label) else None
    plain = _PLAIN_LABEL.match(text)
    if plain and plain.group("rest") and _label_words(plain.group("label")):
        return key(plain.group("label"))
    return None


def _count_labels(all_sections: Sequence[list[_Section]]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for sections in all_sections:
        for section in sections:
            pending = [item for item in section.content if isinstance(item, _RawBullet)]
            while pending:
                raw = pending.pop()
                candidate = _candidate(raw)
                if candidate:
                    counts[candidate] += 1
                pending.extend(raw.children)
    return counts


def _flatten(raw: _RawBullet, stats: OutlineStats) -> list[str]:
    """A list item's sub-items, depth first, as statements."""
    out: list[str] = []
    pending = list(reversed(raw.children))
    while pending:
        child = pending.pop()
        if child.link_only:
            stats.navigation += 1
        else:
            text = fold(child.text)
            if text:
                out.append(text)
                stats.flattened += 1
        pending.extend(reversed(child.children))
    return out


def _fill(section: _Section, labels: Counter[str], stats: OutlineStats) -> None:
    """Turn a section's list items into statements and label nodes (``- Impact:`` with items under it)."""
    work: list[tuple[Node, list[_RawBullet | str]]] = [(section.node, section.content)]
    while work:
        node, content = work.pop()
        for item in content:
            if isinstance(item, str):
                text = fold(item)
                if text:
                    node.items.append(("para", text))
                continue
            if item.link_only:
                stats.navigation += 1
                continue
            bold_label = (item.label or "").rstrip(":").strip()
            bold_ok = bool(item.label) and _label_words(bold_label)
            rest = fold(item.rest)
            colon = item.colon
            text = fold(item.text)
            if item.children:
                label: str | None = None
                rest_text = ""
                if bold_ok and (not rest or item.heading_like):
                    label = bold_label
                elif _label_words(text.rstrip(":").strip()) and labels[key(text)] >= 2:
                    label = text.rstrip(":").strip()
                elif bold_ok and colon and labels[key(bold_label)] >= 1:
                    label, rest_text = bold_label, rest
                if label:
                    child = Node(label, "label", item.line)
                    node.children.append(child)
                    if item.heading_like and rest:
                        child.items.append(("desc", rest))
                    elif rest_text:
                        child.items.append(("bullet", rest_text))
                    work.append((child, list(item.children)))
                    continue
                if text:
                    node.items.append(("bullet", text))
                node.items.extend(("bullet", s) for s in _flatten(item, stats))
                continue
            label = None
            if bold_ok and colon and rest:
                label = bold_label
            else:
                plain = _PLAIN_LABEL.match(text)
                if (
                    plain
                    and plain.group("rest")
                    and _label_words(plain.group("label"))
                    and labels[key(plain.group("label"))] >= 2
                ):
                    label, rest = plain.group("label").strip(), fold(plain.group("rest"))
            if label and rest:
                stats.inline_labels += 1
                child = Node(label, "label", item.line)
                child.items.append(("bullet", rest))
                node.children.append(child)
            elif text:
                node.items.append(("bullet", text))


def _list_depth(items: Sequence[Item]) -> int:
    return 1 + max((_list_depth(item.children) for item in items if item.children), default=0)


def lists_as_headings(doc: Document) -> Document:
    """A ladder kept as one nested list (an area over its competencies over "Level: text" items) and no headings
    under the title: each item holding a list is read as a heading one deeper than its parent, so the list reads
    like the same ladder written with headings."""
    headings = [block for block in doc.blocks if isinstance(block, Heading)]
    lists = [block for block in doc.blocks if isinstance(block, ItemList)]
    # Only when nothing else reads it (a numbered list of levels over their dimensions reads as it is).
    if len(headings) > 1 or not lists or max(_list_depth(block.items) for block in lists) < 3:
        return doc
    base = headings[0].depth or 1 if headings else 0
    blocks: list[Block] = []

    def unfold(items: Sequence[Item], depth: int) -> None:
        if not any(item.children for item in items):
            blocks.append(ItemList(list(items), items[0].line))
            return
        for item in items:
            if not item.children:
                blocks.append(ItemList([item], item.line))
                continue
            blocks.append(Heading(min(depth, 6), fold(item.label or item.text), item.line))
            unfold(item.children, depth + 1)

    for block in doc.blocks:
        if isinstance(block, ItemList) and _list_depth(block.items) >= 3:
            unfold(block.items, base + 1)
        else:
            blocks.append(block)
    return dataclasses.replace(doc, blocks=blocks)


def build_tree(doc: Document, labels: Counter[str] | None, stats: OutlineStats) -> tuple[Node, list[_Section]]:
    root = Node(doc.title or "", "root")
    sections = _sections(doc, root, stats)
    if labels is not None:
        for section in sections:
            _fill(section, labels, stats)
    return root, sections


def _collapse(root: Node, limit: int | None = None) -> tuple[Node, list[str]]:
    """Descend while a node holds one heading and nothing but prose (at most `limit` steps): the titles passed are
    the document's."""
    chain = [root.title] if root.title else []
    node = root
    steps = 0
    while len(node.children) == 1 and all(kind == "para" for kind, _ in node.items):
        if limit is not None and steps >= limit:
            break
        node = node.children[0]
        chain.append(node.title)
        steps += 1
    return node, chain


def _depth_of_collapse(root: Node) -> int:
    return len(_collapse(root)[1]) - (1 if root.title else 0)


# ----- reading the tree as a ladder -----


@dataclass(frozen=True)
class _Item:
    titles: tuple[str, ...]
    keys: tuple[str, ...]
    leaf: bool
    kind: str
    text: str


def _items(top: Sequence[Node], stats: OutlineStats) -> list[_Item]:
    out: list[_Item] = []
    stack: list[tuple[Node, tuple[str, ...]]] = [(node, (node.title,)) for node in reversed(top)]
    while stack:
        node, titles = stack.pop()
        keys = tuple(key(title) for title in titles)
        leaf = not node.children
        for kind, text in node.items:
            out.append(_Item(titles, keys, leaf, kind, text))
        if leaf and not node.items:
            stats.empty_sections[node.title] += 1
        stack.extend((child, (*titles, child.title)) for child in reversed(node.children))
    return out


def merge_order(sequences: Sequence[Sequence[T]]) -> list[T]:
    """One order for names seen in several orders: a new name goes right after the name it followed.

    A doubly linked list, so that thousands of names stay linear.
    """
    after: dict[T, T | None] = {}
    before: dict[T, T | None] = {}
    head: list[T | None] = [None]
    tail: list[T | None] = [None]

    def insert_after(anchor: T | None, name: T) -> None:
        nxt = after[anchor] if anchor is not None else head[0]
        after[name], before[name] = nxt, anchor
        if anchor is None:
            head[0] = name
        else:
            after[anchor] = name
        if nxt is None:
            tail[0] = name
        else:
            before[nxt] = name

    for sequence in sequences:
        previous: T | None = None
        for position, name in enumerate(sequence):
            if name not in after:
                if previous is not None:
                    insert_after(previous, name)
                else:
                    following = next((n for n in sequence[position + 1 :] if n in after), None)
                    insert_after(before[following] if following is not None else tail[0], name)
            previous = name
    order: list[T] = []
    node = head[0]
    while node is not None:
        order.append(node)
        node = after[node]
    return order


@dataclass
class _Reading:
    position: int
    levels: list[str]  # keys, in order
    score: float
    covered: int
    dropped: list[str]
    grid: float
    likeness: float
    #: The level headings are (mostly) the innermost ones, holding the statements.
    inner: bool


def _level_of(item: _Item, position: int) -> int | None:
    """Where on this item's path the level is, under one reading; None: the item is outside the levels."""
    if position == LAST:
        return len(item.keys) - 1 if item.leaf and item.keys else None
    return position if len(item.keys) > position else None


def _is_statement(item: _Item) -> bool:
    return item.kind == "bullet" or (item.leaf and item.kind == "para")


def _evaluate(items: Sequence[_Item], position: int, display: dict[str, str]) -> _Reading | None:
    per_level: dict[str, set[tuple[str, ...]]] = {}
    sequences: dict[tuple[str, ...], tuple[list[str], set[str]]] = {}
    total = 0
    for item in items:
        if not _is_statement(item):
            continue
        total += 1
        index = _level_of(item, position)
        if index is None:
            continue
        level = item.keys[index]
        rest = item.keys[:index] + item.keys[index + 1 :]
        per_level.setdefault(level, set())
        if rest:
            per_level[level].add(rest)
        sequence, members = sequences.setdefault(item.keys[:index], ([], set()))
        if level not in members:
            members.add(level)
            sequence.append(level)
        if len(per_level) > MAX_CANDIDATE_LEVELS:
            return None  # not a ladder read this way (a framework has at most 50 levels)
    levels = merge_order([sequence for sequence, _ in sequences.values()])
    dropped: list[str] = []
    if len(levels) >= 2:
        kept = [level for level in levels if not question_like(display.get(level, level))]
        if len(kept) >= 2:
            dropped += [level for level in levels if level not in kept]
            levels = kept
    if len(levels) >= 2:
        counts: Counter[tuple[str, ...]] = Counter()
        for level in levels:
            counts.update(per_level[level])
        shared = [level for level in levels if any(counts[rest] >= 2 for rest in per_level[level])]
        if len(shared) >= 2:
            dropped += [level for level in levels if level not in shared]
            levels = shared
    if len(levels) < 2:
        return None
    counts = Counter()
    for level in levels:
        counts.update(per_level[level])
    grid = sum(counts.values()) / (len(counts) * len(levels)) if counts else 0.0
    likeness = sum(1 for level in levels if level_like(display.get(level, level))) / len(levels)
    if not any(count >= 2 for count in counts.values()) and likeness < 0.5:
        # Nothing repeats under these headings and they are not named like levels: sections of a document
        # (Install, Usage, License), not the rungs of a ladder.
        return None
    kept_set = set(levels)
    covered = innermost = 0
    for item in items:
        if _is_statement(item):
            index = _level_of(item, position)
            if index is not None and item.keys[index] in kept_set:
                covered += 1
                innermost += index == len(item.keys) - 1
    coverage = covered / total if total else 0.0
    score = grid + 0.75 * likeness + 0.5 * coverage
    return _Reading(position, levels, score, covered, dropped, grid, likeness, innermost * 2 > covered)


def read(
    files: Sequence[tuple[str, Document]],
    *,
    levels_in: str | None,
    stats: OutlineStats,
    doc_name: str,
) -> Ladder | None:
    """The ladder an outline holds, or None when no reading finds at least two levels."""
    trees = [build_tree(doc, None, stats) for _, doc in files]
    labels = _count_labels([sections for _, sections in trees])
    tops: list[tuple[Node, list[str]]] = []
    for _, sections in trees:
        for section in sections:
            _fill(section, labels, stats)
    # Several files descend alike (no deeper than the file that holds the most under its title), so that their
    # parts line up: a file with one dimension is not read one heading deeper than the others.
    limit = min(_depth_of_collapse(root) for root, _ in trees) if len(trees) > 1 else None
    for root, _ in trees:
        tops.append(_collapse(root, limit))
    title: str | None
    #: The innermost heading passed on the way down, below the document's title ("## Customer care" over the
    #: dimensions): the one area's name when the levels are innermost (it would be lost with the passed headings).
    area_hint: str | None = None
    if len(files) == 1:
        top_node, chain = tops[0]
        top = top_node.children
        title = next((t for t in chain if t), None)
        passed = [t for t in chain if t]
        area_hint = passed[-1] if len(passed) >= 2 else None
    else:
        # One node per file; its title is the first title of its chain that differs from file to file.
        stems = [re.sub(r"\.[A-Za-z0-9]+$", "", name.replace("\\", "/").rsplit("/", 1)[-1]) for name, _ in files]
        chains = [chain if chain else [stem] for stem, (_, chain) in zip(stems, tops, strict=True)]
        chosen = None
        for depth in range(max(len(c) for c in chains) - 1, -1, -1):
            names = [c[min(depth, len(c) - 1)] for c in chains]
            if len({key(n) for n in names}) == len(names) and all(names):
                chosen = names
                break
        if chosen is None:
            # Each file's own first heading, when they differ from file to file (a saved page per level, all
            # with the site's title): the file is that heading, and what the heading holds is the file's.
            firsts = [node.children[0].title if node.children else "" for node, _ in tops]
            if all(firsts) and len({key(n) for n in firsts}) == len(firsts):
                for node, _ in tops:
                    heading = node.children.pop(0)
                    node.children[:0] = heading.children
                    node.items[:0] = heading.items
                chosen = firsts
        per_file_names = chosen or stems
        top = []
        folders: dict[str, Node] = {}
        for (node, _), name, (_, doc) in zip(tops, per_file_names, files, strict=True):
            node.title = name
            if doc.folder is None:
                top.append(node)
                continue
            # A folder per area: its files are read under a heading named after it.
            if doc.folder not in folders:
                folders[doc.folder] = Node(doc.folder.rsplit("/", 1)[-1], "heading")
                top.append(folders[doc.folder])
            folders[doc.folder].children.append(node)
        if folders:
            stats.folders = len(folders)
        title = _common_title([c[0] for c in chains if c])
        if title is not None and all(key(name).startswith(key(title)) for name in per_file_names):
            title = None  # "Level" of "Level 1", "Level 2": what the levels share, not the ladder's name
    items = _items(top, stats)
    if not items:
        return None
    display: dict[str, str] = {}
    for item in items:
        for k, t in zip(item.keys, item.titles, strict=True):
            display.setdefault(k, t)
    max_len = max(len(item.keys) for item in items)
    positions = [*range(max_len), LAST]
    readings = [r for r in (_evaluate(items, p, display) for p in positions) if r is not None]
    if levels_in in ("outer", "inner"):
        readings = [r for r in readings if r.inner == (levels_in == "inner")]
    if not readings:
        return None
    best = max(
        readings, key=lambda r: (round(r.score, 6), -len(r.levels), not r.inner, r.position != LAST, -r.position)
    )
    ladder = _ladder(items, best, display, title, doc_name, stats)
    if best.inner and area_hint and len(ladder.areas) == 1 and ladder.areas[0].name is None:
        ladder.areas[0].name = area_hint
    if best.inner:
        where = "innermost"
    elif best.position == 0:
        where = "outermost"
    else:
        where = f"level-{best.position + 1}"
    shown = ", ".join(display[level] for level in best.levels[:8]) + (", ..." if len(best.levels) > 8 else "")
    if len(files) > 1 and best.position == 0:
        ladder.notes.insert(0, f"each file is one level ({shown})")
    ladder.notes.insert(
        0,
        f"levels are the {where} headings ({shown})"
        + (
            " (as asked with --levels-in)"
            if levels_in
            else f" (guessed: the same areas and dimensions repeat under them; --levels-in "
            f"{'outer' if best.inner else 'inner'} to change)"
        ),
    )
    if best.dropped:
        shown = ", ".join(repr(display[d]) for d in best.dropped[:5]) + (" ..." if len(best.dropped) > 5 else "")
        ladder.notes.append(f"sections that are not levels were left out: {shown}")
    uncovered = sum(1 for item in items if _is_statement(item)) - best.covered
    if uncovered:
        ladder.notes.append(f"{plural(uncovered, 'statement')} outside the levels left out (introductions, notes)")
    return ladder


def _common_title(titles: Sequence[str]) -> str | None:
    if not titles:
        return None
    words = [t.split() for t in titles]
    common: list[str] = []
    for group in zip(*words, strict=False):
        if len(set(group)) != 1:
            break
        common.append(group[0])
    text = " ".join(common).rstrip(":-–—|· ").strip()
    return text or None


def _ladder(
    items: Sequence[_Item],
    reading: _Reading,
    display: dict[str, str],
    title: str | None,
    doc_name: str,
    stats: OutlineStats,
) -> Ladder:
    level_index = {level: index for index, level in enumerate(reading.levels)}
    level_desc: dict[int, list[str]] = {}
    direct: dict[int, list[str]] = {}
    dims: dict[tuple[tuple[str, ...], str], DimSpec] = {}
    # The order of areas, and of dimensions in each area, as each level gives it (merged: a dimension that the
    # first level lacks still goes where the other levels put it).
    area_seq: dict[int, list[tuple[str, ...]]] = {}
    area_names: dict[tuple[str, ...], str | None] = {}
    dim_seq: dict[tuple[int, tuple[str, ...]], list[str]] = {}
    descriptions: list[tuple[tuple[str, ...], str]] = []
    dim_descriptions: list[tuple[tuple[str, ...], str, str]] = []
    long_paths = 0
    skipped_paras = bullets = 0
    wrapper = _wrapper(items, reading, level_index)
    for item in items:
        index = _level_of(item, reading.position)
        if item.kind == "desc":
            # A dimension's own description (a bold label's subtitle), said at every level: kept once.
            if index is not None and item.keys[index] in level_index:
                path = _path(item.keys[:index] + item.keys[index + 1 :], item.titles, wrapper)
                if path is not None:
                    dim_descriptions.append((path[0], path[2], item.text))
            continue
        if not _is_statement(item):
            # A paragraph under a heading that holds other headings: it describes that heading.
            if index is not None and index == len(item.keys) - 1 and item.keys[index] in level_index:
                level_desc.setdefault(level_index[item.keys[index]], []).append(item.text)
            elif reading.position == LAST:
                descriptions.append((item.keys, item.text))
            elif reading.position < len(item.keys) and item.keys[reading.position] in level_index:
                skipped_paras += 1
            continue
        if index is None or item.keys[index] not in level_index:
            continue
        level = level_index[item.keys[index]]
        rest_keys = item.keys[:index] + item.keys[index + 1 :]
        rest_titles = item.titles[:index] + item.titles[index + 1 :]
        if not rest_keys:
            direct.setdefault(level, []).append(item.text)
            bullets += item.kind == "bullet"
            continue
        if wrapper is not None and len(rest_keys) >= 3 and rest_keys[0] == wrapper:
            rest_keys, rest_titles = rest_keys[1:], rest_titles[1:]
        if len(rest_keys) == 1:
            area_key: tuple[str, ...] = ()
            area_name: str | None = None
            dim_key, dim_name = rest_keys[0], rest_titles[0]
        else:
            area_key, area_name = rest_keys[:1], rest_titles[0]
            dim_key = " / ".join(rest_keys[1:])
            dim_name = " / ".join(rest_titles[1:])
            if len(rest_keys) > 2:
                long_paths += 1
        area_names.setdefault(area_key, area_name)
        seq = area_seq.setdefault(level, [])
        if not seq or seq[-1] != area_key:
            seq.append(area_key)
        dseq = dim_seq.setdefault((level, area_key), [])
        if not dseq or dseq[-1] != dim_key:
            dseq.append(dim_key)
        if (area_key, dim_key) not in dims:
            dims[(area_key, dim_key)] = DimSpec(dim_name)
        dims[(area_key, dim_key)].cells.setdefault(level, []).append(item.text)
    levels = [LevelSpec(display[level]) for level in reading.levels]
    notes: list[str] = []
    area_order = merge_order([_dedupe(seq) for _, seq in sorted(area_seq.items())])
    per_area: dict[tuple[str, ...], list[list[str]]] = {}
    for (_, area_key), dims_seen in sorted(dim_seq.items(), key=lambda entry: entry[0][0]):
        per_area.setdefault(area_key, []).append(_dedupe(dims_seen))
    area_dims = {area_key: merge_order(per_area.get(area_key, [])) for area_key in area_order}
    if not dims and direct:
        stats.prose_only = not bullets
        # Bullets right under each level and nothing else: one dimension, named after the document.
        name = title or doc_name
        area_names[()] = None
        area_order.append(())
        area_dims[()] = [key(name)]
        dims[((), key(name))] = DimSpec(name, {level: list(s) for level, s in direct.items()})
        notes.append(f"the levels hold bullets and no sub-headings: read as one dimension named {name!r}")
        direct = {}
    for level, texts in direct.items():
        level_desc.setdefault(level, []).extend(texts)
    for level, texts in level_desc.items():
        levels[level].description = texts
    if level_desc:
        notes.append(f"text right under {plural(len(level_desc), 'level heading')} read as the level's description")
    area_desc: dict[tuple[str, ...], list[str]] = {}
    for keys, text in descriptions:
        # Innermost levels: a paragraph under a dimension (or area) heading describes it.
        dim_spec = None
        if len(keys) == 1:
            dim_spec = dims.get(((), keys[0]))
            if dim_spec is None and keys in area_names:
                area_desc.setdefault(keys, []).append(text)
        elif len(keys) >= 2:
            dim_spec = dims.get((keys[:1], " / ".join(keys[1:])))
        if dim_spec is not None:
            dim_spec.description.append(text)
    for dim_path_key, dim_key_text, text in dim_descriptions:
        described = dims.get((dim_path_key, dim_key_text))
        if described is not None and text not in described.description:
            described.description.append(text)
    if wrapper is not None:
        notes.append(
            f"the heading {display.get(wrapper, wrapper)!r} only groups the areas under it: left out of their names"
        )
    if skipped_paras:
        notes.append(f"{plural(skipped_paras, 'paragraph')} under area headings inside levels left out")
    if long_paths:
        notes.append(
            f"{plural(long_paths, 'statement')} more than two headings below their level: the dimension is "
            "named after the headings joined with ' / '"
        )
    areas = []
    for area_key in area_order:
        spec = AreaSpec(area_names[area_key], description=area_desc.get(area_key, []))
        spec.dims = [dims[(area_key, dim_key)] for dim_key in area_dims[area_key]]
        areas.append(spec)
    return Ladder(levels, areas, title, notes, kind="outline")


def _wrapper(items: Sequence[_Item], reading: _Reading, level_index: dict[str, int]) -> str | None:
    """A heading that every path more than two headings below its level passes, and no shorter one: it groups the
    areas ("Core Responsibilities" over Results, Direction...) and names none of them."""
    firsts: set[str] = set()
    short_firsts: set[str] = set()
    for item in items:
        if not _is_statement(item):
            continue
        index = _level_of(item, reading.position)
        if index is None or item.keys[index] not in level_index:
            continue
        rest = item.keys[:index] + item.keys[index + 1 :]
        if len(rest) >= 3:
            firsts.add(rest[0])
        elif len(rest) == 2:
            short_firsts.add(rest[0])
    if len(firsts) == 1 and not firsts & short_firsts:
        return next(iter(firsts))
    return None


def _path(
    rest_keys: tuple[str, ...], titles: tuple[str, ...], wrapper: str | None
) -> tuple[tuple[str, ...], str, str] | None:
    """(area key, dimension key, dimension key text) of a path below its level, as the statements use them."""
    if wrapper is not None and len(rest_keys) >= 3 and rest_keys[0] == wrapper:
        rest_keys = rest_keys[1:]
    if not rest_keys:
        return None
    if len(rest_keys) == 1:
        return (), rest_keys[0], rest_keys[0]
    return rest_keys[:1], " / ".join(rest_keys[1:]), " / ".join(rest_keys[1:])


def _dedupe(seq: Sequence[T]) -> list[T]:
    seen: set[T] = set()
    out: list[T] = []
    for x in seq:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out
