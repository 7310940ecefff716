"""Import the ladders teams already have as framework data, word for word, and never a wrong one with success.

Each format is read by its field's library into one document model (`_document`): Markdown by markdown-it-py,
HTML by selectolax, YAML by PyYAML's safe loader, JSON and CSV by the standard library, XLSX by openpyxl. One
detector reads the model: data shaped like a ladder (`_structured`), tables (`_table`), headings and lists
(`_outline`); the most plausible reading wins, and a reading that is not plausible is refused (`_plausible`) with
one line saying what was seen and what resolves it.

Pure functions: the caller reads the files and passes their bytes; nothing here touches the file system, and
nothing imports Textual. Each parser is imported only when a file of its format is read, pydantic only to check
the result.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ladder_tui.core.importer._document import Document
from ladder_tui.core.importer._model import ImportProblem
from ladder_tui.core.importer._text import Decoded, control_character, decode

__all__ = ["EXTENSIONS", "FORMATS", "FORMAT_NAMES", "ImportProblem", "ImportResult", "import_ladder"]

FORMATS = ("markdown", "html", "yaml", "json", "csv", "xlsx", "docx")
LEVELS_IN = ("columns", "rows", "outer", "inner")

#: The file name endings the importer reads, and the format of each.
EXTENSIONS = {
    **dict.fromkeys((".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".mdx"), "markdown"),
    **dict.fromkeys((".html", ".htm", ".xhtml"), "html"),
    **dict.fromkeys((".yaml", ".yml"), "yaml"),
    ".json": "json",
    **dict.fromkeys((".csv", ".tsv", ".tab"), "csv"),
    **dict.fromkeys((".xlsx", ".xlsm"), "xlsx"),
    ".docx": "docx",
}
#: Formats people may try: what each is, and what to do instead.
_REFUSED_EXT = {
    ".xls": ("an old binary Excel workbook (.xls)", "save it as .xlsx or CSV"),
    ".ods": ("an OpenDocument spreadsheet", "save it as .xlsx or CSV"),
    ".numbers": ("a Numbers spreadsheet", "export it as .xlsx or CSV"),
    ".toml": ("TOML", "a framework file is checked with `ladder-tui frameworks validate`, not imported"),
    ".doc": ("an old Word document", "save it as HTML or Markdown"),
    ".odt": ("an OpenDocument text", "save it as HTML or Markdown"),
    ".rtf": ("RTF", "save it as HTML or Markdown"),
    ".pages": ("a Pages document", "export it as HTML or Markdown"),
    ".pdf": (
        "a PDF",
        "its text keeps no table or heading structure to read reliably: export the document as HTML, Markdown or "
        "a spreadsheet",
    ),
}
_READS = "it reads Markdown, HTML, YAML, JSON, CSV/TSV, XLSX and DOCX"
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
FORMAT_NAMES = {
    "markdown": "Markdown",
    "html": "HTML",
    "yaml": "YAML",
    "json": "JSON",
    "csv": "CSV/TSV",
    "xlsx": "XLSX",
    "docx": "DOCX",
}


@dataclass(frozen=True)
class ImportResult:
    """Framework data as a framework TOML file holds it, what the import understood, and the framework's id."""

    data: dict[str, Any]
    report: list[str]
    framework_id: str
    #: The format the files were read as (one of FORMATS).
    format: str = "markdown"
    #: The files read (as named), and a workbook's worksheets: what an import may leave out or choose.
    files: tuple[str, ...] = ()
    sheets: tuple[str, ...] = ()


def _ext(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1].lower()
    return base[base.rfind(".") :] if "." in base else ""


def _guess_format(name: str, raw: bytes) -> tuple[str, str]:
    """The format of one file and why: from its name, else from its content."""
    ext = _ext(name)
    if ext in EXTENSIONS:
        return EXTENSIONS[ext], f"from the name {ext}"
    if ext in _REFUSED_EXT or raw.startswith(b"%PDF"):
        what, instead = _REFUSED_EXT[ext if ext in _REFUSED_EXT else ".pdf"]
        raise ImportProblem(f"{name}: {what}, which the importer does not read ({_READS}); {instead}")
    if raw.startswith(b"PK\x03\x04"):
        return (_zip_kind(raw) or "xlsx"), "from the content: a zip archive"
    text = decode(raw[:200_000]).text
    head = text.lstrip()[:500].lower()
    if head.startswith(("<!doctype html", "<html")) or ("<html" in head and head.startswith("<?xml")):
        return "html", "from the content: an HTML page"
    stripped = text.strip()
    if stripped.startswith(("{", "[")) and stripped.endswith(("}", "]")):
        return "json", "from the content: it is written as JSON"
    first = next((line for line in stripped.splitlines() if line.strip() and not line.startswith("#")), "")
    if re.match(r"^[A-Za-z_][\w -]{0,40}:(?:\s|$)", first) and _yaml_mapping(text):
        return "yaml", "from the content: it is a YAML mapping"
    from ladder_tui.core.importer._markdown import has_structure

    if has_structure(text[:200_000]):
        return "markdown", "from the content: it has Markdown headings, tables or lists"
    from ladder_tui.core.importer import _delimited

    if _delimited.looks_delimited(text):
        return "csv", "from the content: its lines split evenly at a delimiter"
    return "markdown", "from the content (no table, heading or delimited lines were seen)"


def _zip_kind(raw: bytes) -> str | None:
    """Which office document a zip archive is (by the part it holds), or None when it cannot tell."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, EOFError):
        return None
    return "docx" if "word/document.xml" in names else "xlsx" if "xl/workbook.xml" in names else None


def _yaml_mapping(text: str) -> bool:
    from ladder_tui.core.importer._data import load_yaml

    try:
        data = load_yaml(text[:200_000], "sample")
    except ImportProblem:
        return False
    return isinstance(data, dict) and len(data) >= 2 and any(isinstance(v, dict | list) for v in data.values())


def _sub_folder(name: str, folder: str | None) -> str | None:
    """The sub-folder of the imported folder a file is in (None: the folder itself, or no folder imported)."""
    if folder is None:
        return None
    parts = name.replace("\\", "/").split("/")
    base = folder.replace("\\", "/").rstrip("/").split("/")
    inside = parts[len(base) : -1] if parts[: len(base)] == base else []
    return "/".join(inside) or None


def _read_line(name: str, decoded: Decoded) -> str:
    crlf = ", CRLF line ends" if decoded.crlf else ""
    return f"read {name} ({decoded.encoding}{crlf})"


def read_document(name: str, raw: bytes, fmt: str, sheet: str | None) -> tuple[Document, str]:
    """One file as the document model, by its format's reader, and the report's line about reading it."""
    if fmt == "xlsx":
        from ladder_tui.core.importer import _xlsx

        doc = _xlsx.read(raw, name, sheet)
        line = f"read {name} (XLSX workbook, {doc.notes[0]})"
        del doc.notes[0]
        return doc, line
    if sheet is not None:
        raise ImportProblem(f"--sheet {sheet!r}: only an XLSX workbook has sheets")
    if fmt == "docx":
        from ladder_tui.core.importer import _docx

        return _docx.read(raw, name), f"read {name} (Word document)"
    decoded = decode(raw)
    control = control_character(decoded.text)
    if control is not None:
        raise ImportProblem(
            f"{name}: binary data, not a text document (control characters such as {control}), "
            f"which the importer does not read ({_READS})"
        )
    text = decoded.text
    line = _read_line(name, decoded)
    if fmt == "markdown":
        from ladder_tui.core.importer._markdown import read_markdown

        return read_markdown(name, text), line
    if fmt == "html":
        from ladder_tui.core.importer._html import read_html

        return read_html(name, text), line
    if fmt in ("yaml", "json"):
        from ladder_tui.core.importer._data import read_data

        return read_data(name, text, fmt), line
    from ladder_tui.core.importer import _delimited
    from ladder_tui.core.importer._document import Table

    grid, how = _delimited.read(text, name, _ext(name) in (".tsv", ".tab"))
    doc = Document(name, "csv", [Table(grid, 1, None, [how], header_known=False)])
    return doc, line


def import_ladder(
    sources: Sequence[tuple[str, bytes]],
    *,
    fmt: str | None = None,
    sheet: str | None = None,
    levels_in: str | None = None,
    framework_id: str | None = None,
    name: str | None = None,
    today: datetime.date,
    folder: str | None = None,
    notes: Sequence[str] = (),
) -> ImportResult:
    """Read one or more documents as one framework; raise ImportProblem (one line) when they hold no ladder, or
    only one the checks find implausible.

    `sources`: (the name to show, such as the path given; the file's bytes). `fmt`: one of FORMATS, or None to
    guess each file's from its name and content. `folder`: the folder the files were found in, when a folder was
    imported (its name names the framework when the files do not); `notes`: what was passed over finding the files.
    `levels_in`: for tables "columns" or "rows", for outlines "outer"
    (level headings hold the others) or "inner" (level headings sit innermost); None detects.
    """
    if not sources:
        raise ImportProblem("no file to import")
    where = ", ".join(source_name for source_name, _ in sources)
    if fmt is not None and fmt not in FORMATS:
        raise ImportProblem(f"--format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if levels_in is not None and levels_in not in LEVELS_IN:
        raise ImportProblem(f"--levels-in {levels_in!r}: choose columns or rows (tables), outer or inner (outlines)")
    if framework_id is not None and (not _ID.match(framework_id) or len(framework_id) > 64):
        raise ImportProblem(
            f"--id {framework_id!r}: an id is lowercase letters, digits, '-' and '_', starting with a letter or digit"
        )
    if name is not None and not name.strip():
        raise ImportProblem("--name: give a name with some text")
    guesses = [
        _guess_format(source_name, raw) if fmt is None else (fmt, "as asked with --format")
        for source_name, raw in sources
    ]
    kinds = {kind for kind, _ in guesses}
    if len(kinds) > 1:
        shown = ", ".join(f"{n} is {FORMAT_NAMES[g[0]]}" for g, (n, _) in zip(guesses, sources, strict=True))
        raise ImportProblem(f"{where}: give files of one format ({shown})")
    docs: list[Document] = []
    head: list[str] = list(notes)
    for (source_name, raw), (file_format, _why) in zip(sources, guesses, strict=True):
        doc, line = read_document(source_name, raw, file_format, sheet)
        doc.folder = _sub_folder(source_name, folder)
        docs.append(doc)
        head.append(line)
        head.extend(doc.notes)
    file_format, why = guesses[0]
    if fmt is None:
        head.append(f"format: {FORMAT_NAMES[file_format]} (guessed {why}; --format to change)")
    else:
        head.append(f"format: {FORMAT_NAMES[file_format]} (as asked with --format)")
    from ladder_tui.core.importer._detect import detect

    ladder = detect(docs, levels_in=levels_in, where=where)
    from ladder_tui.core.importer._build import build

    data, report, fid = build(
        ladder,
        files=[n for n, _ in sources],
        where=where,
        head=head,
        framework_id=framework_id,
        name=name,
        today=today,
        forced=levels_in is not None,
        folder=folder,
    )
    sheets = tuple(sheet for doc in docs for sheet in doc.sheets)
    return ImportResult(data, report, fid, file_format, tuple(n for n, _ in sources), sheets)
