"""HTML as the neutral document model, parsed by selectolax's HTML5 parser (lexbor): saved web pages, a wiki's or a
document editor's "download as HTML", and raw HTML inside Markdown.

The page's chrome is left out: scripts, styles, forms, navigation, headers, footers, sidebars and tables of
contents (by element, by ARIA role, and by the ids and classes sites give them), and anything hidden. When the page
marks its main content (``<main>``, ``role=main``, one ``<article>``) only that is read. Tables have their
``rowspan``/``colspan`` resolved (a spanned cell carries the text of the cell that spans it, marked as a copy).
Every walk over the tree is iterative: a page nested thousands of elements deep is read like any other.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from ladder_tui.core.importer._document import (
    Block,
    Document,
    Heading,
    Item,
    ItemList,
    MarkupStats,
    Paragraph,
    Table,
)
from ladder_tui.core.importer._model import Cell, Grid, ImportProblem
from ladder_tui.core.importer._text import fold, key

if TYPE_CHECKING:
    from selectolax.lexbor import LexborNode

SKIP_TAGS = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "head",
        "iframe",
        "object",
        "embed",
        "canvas",
        "button",
        "select",
        "option",
        "input",
        "textarea",
        "form",
        "nav",
        "aside",
        "footer",
        "map",
        "audio",
        "video",
        "picture",
        "source",
        "meta",
        "link",
        "title",
        "base",
    ]
)
HEADING_TAGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
INLINE_TAGS = frozenset(
    [
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "big",
        "cite",
        "code",
        "data",
        "del",
        "dfn",
        "em",
        "font",
        "i",
        "ins",
        "kbd",
        "label",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "sup",
        "time",
        "tt",
        "u",
        "var",
        "wbr",
        "nobr",
    ]
)
BOLD_TAGS = frozenset({"strong", "b"})
#: Block elements that break a line inside a cell or an item.
BREAKING = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "table",
        "tr",
        "blockquote",
        "pre",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "main",
        "figure",
        "figcaption",
        "details",
        "summary",
        "hr",
        "center",
        "address",
    ]
)
#: Ids and classes sites give their chrome (matched as whole words of the id or class).
_CHROME = re.compile(
    r"(?:^|[-_\s])(?:nav|navbar|navigation|menu|menubar|sidebar|side-bar|toc|breadcrumbs?|footer|masthead|"
    r"cookies?|cookie-banner|skip-link|site-header|page-header|topbar|top-bar|toolbar|pagination|share|social)"
    r"(?:$|[-_\s\d])",
    re.IGNORECASE,
)
_CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar"})
#: Spans beyond these are taken as these: no real table spans more, and a hostile one must not allocate without end.
MAX_COLSPAN = 50
MAX_ROWSPAN = 500
#: Elements nested deeper than this are refused before parsing: no page nests so deep, and the HTML5 tree builder
#: takes time that grows with the square of the depth (100,000 unclosed <div>s took 21 s).
MAX_DEPTH = 1_000
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)")
#: Elements that never hold others (no closing tag), and those a new sibling closes implicitly.
_VOID_NAMES = "area base br col embed hr img input link meta source track wbr p li dt dd tr td th option"
_VOID = frozenset(_VOID_NAMES.split()) | frozenset(_VOID_NAMES.upper().split())


def _check_depth(name: str, text: str) -> None:
    """Refuse HTML nested deeper than MAX_DEPTH, counted over its tags in one linear pass."""
    if text.count("<") <= MAX_DEPTH:
        return
    depth = 0
    for closing, tag in _TAG.findall(text):
        if tag in _VOID:
            continue
        if closing:
            depth = max(0, depth - 1)
        else:
            depth += 1
            if depth > MAX_DEPTH:
                raise ImportProblem(f"{name}: HTML nested more than {MAX_DEPTH} elements deep, which no ladder is")


def read_html(name: str, text: str) -> Document:
    """A saved web page as the document model."""
    from selectolax.lexbor import LexborHTMLParser

    _check_depth(name, text)
    tree = LexborHTMLParser(text)
    doc = Document(name, "html")
    title_node = tree.css_first("title")
    if title_node is not None:
        doc.title = fold(title_node.text(deep=True)) or None
    root = _main(tree)
    if root is None:
        return doc
    tabs = {_attr(tab, "id"): fold(tab.text(deep=True)) for tab in tree.css('[role="tab"]') if _attr(tab, "id")}
    walker = _Walker(doc.markup, 1, tabs)
    doc.blocks = walker.blocks(root)
    doc.skipped.update(walker.skipped)
    _nearest_headings(doc.blocks)
    if doc.title:
        # "How we level engineers | by Jo Doe | Acme Engineering | Medium": the page's own heading (even inside
        # the page's header), without the site's and the author's names the window title adds.
        headings = (fold(h1.text(deep=True)) for h1 in tree.css("h1"))
        own = next((text for text in headings if text and key(doc.title).startswith(key(text) + " ")), None)
        if own is not None:
            doc.title = own
    return doc


def html_blocks(name: str, fragment: str, line: int) -> tuple[list[Block], MarkupStats]:
    """The blocks of an HTML fragment (raw HTML inside Markdown), numbered from `line`."""
    from selectolax.lexbor import LexborHTMLParser

    _check_depth(name, fragment)
    tree = LexborHTMLParser(fragment)
    markup = MarkupStats()
    root = tree.body
    if root is None:
        return [], markup
    walker = _Walker(markup, line)
    return walker.blocks(root), markup


def _main(tree: object) -> LexborNode | None:
    """The page's main content when it marks it, else its body."""
    from selectolax.lexbor import LexborHTMLParser

    assert isinstance(tree, LexborHTMLParser)
    for selector in ("main", "[role=main]"):
        node = tree.css_first(selector)
        if node is not None:
            return node
    articles = tree.css("article")
    if len(articles) == 1:
        return articles[0]
    return tree.body


def _children(node: LexborNode) -> Iterator[LexborNode]:
    child = node.child
    while child is not None:
        yield child
        child = child.next


def _attr(node: LexborNode, name: str) -> str:
    value = node.attributes.get(name)
    return value or ""


def summary_depth(blocks: Sequence[Block]) -> int:
    """The depth of a disclosure's summary as a heading: that of the summaries before it (its siblings), else one
    below the last heading before the first disclosure."""
    headings = [block for block in blocks if isinstance(block, Heading)]
    earlier = next((h.depth for h in headings if h.summary and h.depth), None)
    if earlier is not None:
        return earlier
    above = next((h.depth or 0 for h in reversed(headings)), 0)
    return min(above + 1, 6)


_FLAT_LIST = re.compile(r"\blst-kix_[\w-]+?-(\d+)\b")


def _flat_list_depth(node: LexborNode) -> int:
    """The depth a Google Docs export gives a flat list in its class (``lst-kix_abc-1``): 0 when none."""
    found = _FLAT_LIST.search(_attr(node, "class"))
    return int(found.group(1)) if found else 0


def _hidden(node: LexborNode) -> bool:
    attributes = node.attributes
    if "hidden" in attributes or _attr(node, "aria-hidden").lower() == "true":
        return True
    style = _attr(node, "style").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _chrome(node: LexborNode) -> bool:
    """Navigation, banners, sidebars and the like: by role, id or class (never a table's own cells)."""
    if node.tag in ("td", "th", "tr", "tbody", "thead", "table", "li", "p", "strong", "b", "em", "i"):
        return False
    if _attr(node, "role").lower() in _CHROME_ROLES:
        return True
    if node.tag == "header":
        return True
    marks = f"{_attr(node, 'id')} {_attr(node, 'class')}"
    return bool(marks.strip()) and bool(_CHROME.search(marks))


class _Inline:
    """Collects inline text: lines, a leading bold label, links and images."""

    def __init__(self, markup: MarkupStats) -> None:
        self.markup = markup
        self.lines: list[str] = [""]
        self.label: list[str] | None = None
        self.label_done = False
        self.links = 0
        self.outside_link = False

    def text(self, text: str, bold: bool, in_link: bool) -> None:
        text = text.replace("\n", " ").replace("\r", " ")
        if text.strip():
            if not in_link:
                self.outside_link = True
            if not self.label_done:
                if bold and (self.label is not None or not "".join(self.lines).strip()):
                    self.label = (self.label or []) + [text]
                elif self.label is None:
                    self.label_done = True
        elif self.label is not None and not self.label_done:
            self.label.append(text)
        self.lines[-1] += text

    def end_bold(self) -> None:
        if self.label is not None and not self.label_done:
            self.label_done = True

    def newline(self, bullet: bool = False) -> None:
        if self.lines[-1].strip():
            self.lines.append("")
        if bullet:
            self.lines[-1] = "• "
        if self.label is not None:
            self.label_done = True

    def result(self) -> tuple[list[str], str | None, bool, str, bool]:
        lines = [fold(line) for line in self.lines]
        lines = [line for line in lines if line and line != "•"]
        label: str | None = None
        colon = False
        rest = ""
        if self.label is not None:
            text = fold("".join(self.label or []))
            whole = fold(" ".join(lines))
            if text and whole.startswith(text):
                rest = whole[len(text) :].strip()
                colon = text.endswith(":") or rest.startswith(":")
                label = text.rstrip(":").strip() or None
                rest = rest.removeprefix(":").strip()
        link_only = self.links == 1 and not self.outside_link
        return lines, label, colon, rest, link_only


class _Walker:
    def __init__(self, markup: MarkupStats, line: int, tab_labels: dict[str, str] | None = None) -> None:
        self.markup = markup
        self.line = line
        self.skipped: dict[str, int] = {}
        #: The names of a page's tabs by their ids: each heads the panel it labels.
        self.tab_labels = tab_labels or {}

    def _skip(self, kind: str) -> None:
        self.skipped[kind] = self.skipped.get(kind, 0) + 1

    def _next_line(self) -> int:
        self.line += 1
        return self.line

    # ----- inline text -----

    def inline(self, nodes: list[LexborNode], *, cell: bool = False) -> _Inline:
        """The text of inline content (and, in a cell or an item, of its block children, each on its own line)."""
        out = _Inline(self.markup)
        # (node, entering); bold and link depth are counted on the way in and out.
        stack: list[tuple[LexborNode, bool]] = [(node, True) for node in reversed(nodes)]
        bold = 0
        link = 0
        while stack:
            node, entering = stack.pop()
            tag = node.tag
            if not entering:
                if tag in BOLD_TAGS:
                    bold -= 1
                    if bold == 0:
                        out.end_bold()
                elif tag == "a":
                    link -= 1
                elif tag in BREAKING:
                    out.newline()
                continue
            if tag == "-text":
                out.text(node.text_content or "", bold > 0, link > 0)
                continue
            if tag == "-comment" or tag in SKIP_TAGS or _hidden(node):
                continue
            if tag == "br":
                out.newline()
                continue
            if tag == "img":
                self.markup.images += 1
                continue
            if tag in ("ul", "ol") and not cell:
                continue  # an item's sub-list is its children, not its text
            if tag in BOLD_TAGS:
                bold += 1
            elif tag == "a":
                link += 1
                out.links += 1
                self.markup.links += 1
            elif tag in BREAKING:
                out.newline(bullet=cell and tag == "li")
            stack.append((node, False))
            stack.extend((child, True) for child in reversed(list(_children(node))))
        return out

    # ----- blocks -----

    def blocks(self, root: LexborNode) -> list[Block]:
        blocks: list[Block] = []
        run: list[LexborNode] = []

        def flush() -> None:
            if run:
                inline = self.inline(run)
                lines, label, colon, rest, _link = inline.result()
                if lines:
                    blocks.append(Paragraph(lines, self._next_line(), label, colon, rest))
                run.clear()

        stack: list[Iterator[LexborNode]] = [_children(root)]
        flat_list: Block | None = None
        flat_chain: list[Item] = []
        while stack:
            node = next(stack[-1], None)
            if node is None:
                stack.pop()
                flush()
                continue
            tag = node.tag
            if tag == "-text":
                if (node.text_content or "").strip():
                    run.append(node)
                continue
            if tag == "-comment":
                continue
            role = _attr(node, "role").lower()
            if role == "tablist":
                continue  # the tabs' names head their panels (below), not a paragraph of their own
            if role == "tabpanel" and not _chrome(node):
                # A tab's panel (hidden until its tab is chosen): its tab's name heads what it holds.
                flush()
                tab_name = self.tab_labels.get(_attr(node, "aria-labelledby"), "")
                if tab_name:
                    blocks.append(Heading(summary_depth(blocks), tab_name, self._next_line(), summary=True))
                stack.append(_children(node))
                continue
            if tag in SKIP_TAGS or _hidden(node) or _chrome(node):
                self._skip("chrome" if tag not in ("script", "style") else "script")
                continue
            if tag in ("tabitem", "tab-item") and (_attr(node, "label") or _attr(node, "title")):
                # A documentation site's tab (MDX's <TabItem label="Senior">): its label heads what it holds.
                flush()
                name = fold(_attr(node, "label") or _attr(node, "title"))
                blocks.append(Heading(summary_depth(blocks), name, self._next_line(), summary=True))
                stack.append(_children(node))
                continue
            if "expand-control-text" in _attr(node, "class").split():
                # A wiki's expand macro: its control's text names the section it opens (like a summary).
                flush()
                control = fold(node.text(deep=True))
                if control:
                    blocks.append(Heading(summary_depth(blocks), control, self._next_line(), summary=True))
                continue
            if tag in INLINE_TAGS or tag in ("br", "img"):
                run.append(node)
                continue
            flush()
            if tag in HEADING_TAGS or tag == "summary":
                lines, *_ = self.inline(list(_children(node))).result()
                # An accordion's heading holds its name in a button, which inline text leaves out.
                title = fold(" ".join(lines)) or fold(node.text(deep=True))
                if title and tag == "summary":
                    # A disclosure's summary (a toggle per level) heads what the disclosure holds.
                    blocks.append(Heading(summary_depth(blocks), title, self._next_line(), summary=True))
                elif title:
                    blocks.append(Heading(HEADING_TAGS[tag], title, self._next_line()))
            elif tag == "p":
                lines, label, colon, rest, _link = self.inline(list(_children(node))).result()
                if lines:
                    blocks.append(Paragraph(lines, self._next_line(), label, colon, rest))
            elif tag in ("ul", "ol") and node.css_first("details") is not None:
                stack.append(_children(node))  # a list of disclosures (Notion's toggles): read as containers
            elif tag in ("ul", "ol"):
                items = self.items(node)
                depth = _flat_list_depth(node)
                if items and depth and blocks and blocks[-1] is flat_list and len(flat_chain) >= depth:
                    # Google Docs writes a nested list as flat lists, each item's depth in its class
                    # (lst-kix_x-0, lst-kix_x-1): put each under the last item one level up.
                    flat_chain[depth - 1].children.extend(items)
                    flat_chain[depth:] = [items[-1]]
                elif items:
                    blocks.append(ItemList(items, self._next_line()))
                    flat_list, flat_chain = blocks[-1], [items[-1]]
            elif tag == "dl":
                blocks.extend(self.definitions(node))
            elif tag == "table":
                table = self.table(node)
                if table is not None:
                    blocks.append(table)
            elif tag == "pre":
                self._skip("code")
            elif tag == "hr":
                continue
            else:
                stack.append(_children(node))  # a container: its children, in order
        return blocks

    def items(self, list_node: LexborNode) -> list[Item]:
        """A list's items, nested lists as their children (iteratively)."""
        top: list[Item] = []
        work: list[tuple[LexborNode, list[Item]]] = [(list_node, top)]
        while work:
            node, into = work.pop(0)
            for child in _children(node):
                if child.tag != "li" or _hidden(child):
                    continue
                own = [c for c in _children(child) if c.tag not in ("ul", "ol")]
                lines, label, colon, rest, link_only = self.inline(own).result()
                item = Item(lines, self._next_line(), label, colon, rest, link_only)
                into.append(item)
                for sub in _children(child):
                    if sub.tag in ("ul", "ol"):
                        work.append((sub, item.children))
        return top

    def definitions(self, node: LexborNode) -> list[Block]:
        """A definition list: each term a label holding its definitions."""
        items: list[Item] = []
        for child in _children(node):
            if child.tag == "dt":
                lines, *_ = self.inline(list(_children(child))).result()
                if lines:
                    text = fold(" ".join(lines))
                    items.append(Item([text], self._next_line(), label=text.rstrip(":").strip() or None))
            elif child.tag == "dd" and items:
                lines, label, colon, rest, link_only = self.inline(list(_children(child)), cell=True).result()
                if lines:
                    items[-1].children.append(Item(lines, self._next_line(), label, colon, rest, link_only))
        return [ItemList(items, self._next_line())] if items else []

    def table(self, node: LexborNode) -> Table | None:
        rows: list[LexborNode] = []
        for child in _children(node):
            if child.tag == "tr":
                rows.append(child)
            elif child.tag in ("thead", "tbody", "tfoot"):
                rows.extend(row for row in _children(child) if row.tag == "tr")
        grid: Grid = []
        #: (row, column) -> the cell a span copies into it
        spans: dict[tuple[int, int], Cell] = {}
        header_cells = 0
        first_row_cells = 0
        for r, row in enumerate(rows):
            out: list[Cell] = []
            c = 0
            for cell_node in _children(row):
                if cell_node.tag not in ("td", "th"):
                    continue
                while (r, c) in spans:
                    out.append(spans.pop((r, c)))
                    c += 1
                inline = self.inline(list(_children(cell_node)), cell=True)
                lines, label, _colon, rest, link_only = inline.result()
                text = fold(" ".join(lines))
                bold = bool(label) and not rest and fold(label or "") == text.rstrip(":")
                cell = Cell(lines, bold=bold, link=link_only)
                if r == 0:
                    first_row_cells += 1
                    header_cells += cell_node.tag == "th"
                width = _span(_attr(cell_node, "colspan"), MAX_COLSPAN)
                height = _span(_attr(cell_node, "rowspan"), MAX_ROWSPAN)
                for dc in range(width):
                    copy = Cell(list(lines), bold=bold, merged=True, link=link_only)
                    out.append(cell if dc == 0 else copy)
                    for dr in range(1, height):
                        spans[(r + dr, c + dc)] = copy
                c += width
            while (r, c) in spans:
                out.append(spans.pop((r, c)))
                c += 1
            if out:
                grid.append(out)
        # Spans past the last row (a rowspan taller than the table) make rows of their own.
        leftover = sorted(spans)
        for r, c in leftover:
            while len(grid) <= r:
                grid.append([])
            row_cells = grid[r]
            while len(row_cells) < c:
                row_cells.append(Cell([]))
            row_cells.append(spans[(r, c)])
        if not grid:
            return None
        header_known = first_row_cells > 0 and header_cells == first_row_cells
        return Table(grid, self._next_line(), None, header_known=header_known)


def _span(value: str, limit: int) -> int:
    try:
        number = int(value.strip() or "1")
    except ValueError:
        return 1
    return max(1, min(number, limit))


def _nearest_headings(blocks: list[Block]) -> None:
    heading: str | None = None
    for block in blocks:
        if isinstance(block, Heading):
            heading = block.text
        elif isinstance(block, Table) and block.heading is None:
            block.heading = heading
