"""The import preview: what the importer understood, part by part (each level, area and dimension with its role,
the files or sheets read, and what it left out), keys to correct it (leave a part out or take it back, join a
dimension named differently at other levels into its other name, the level axis, the sheet, the files, the id and
the name), the framework it makes shown live (counts and one dimension's
words at each level), and nothing written until ctrl+s. The choices go into the framework's `[import]` table, so
`frameworks import --update` makes them again."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ladder_tui.core.errors import LadderError
from ladder_tui.core.importer import FORMAT_NAMES, ImportResult
from ladder_tui.core.storage.catalog import FrameworkCatalog
from ladder_tui.tui import commands
from ladder_tui.tui.commands import Keyed
from ladder_tui.tui.text import inert, one_line
from ladder_tui.tui.widgets.key_hints import KeyHints

#: The level axis, as `a` cycles it: detected first, then each reading the importer offers.
AXES: tuple[str | None, ...] = (None, "columns", "rows", "outer", "inner")
AXIS_WORDS = {
    None: "detected",
    "columns": "levels are the columns",
    "rows": "levels are the rows",
    "outer": "level headings hold the rest",
    "inner": "level headings sit innermost",
}
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


@dataclass(frozen=True)
class Part:
    """One row of the preview: what it is in the framework (or was, when left out) and how a recipe names it."""

    role: str  # "level", "area", "dimension", "joined", "file", "left out"
    name: str
    key: str = ""  # part_key for levels, areas and dimensions; the file's name for files; "" when not a choice
    area: str | None = None
    #: Where its words are in the data: (area index, dimension index) for a dimension.
    place: tuple[int, int] | None = None
    #: A joined dimension: the name of the one it is joined into.
    into: str | None = None
    #: A dimension the importer thinks may be one with another (named differently at other levels): that one's name.
    maybe: str | None = None


@dataclass(frozen=True)
class Reading:
    """How the files are read: the options that need the importer to read them again."""

    levels_in: str | None = None
    sheet: str | None = None
    #: Files (as read) left out.
    exclude: frozenset[str] = frozenset()


class ImportPreviewScreen(Keyed, Screen[Path | None]):
    """Full screen, keys only: the parts list on top, the live framework below."""

    COMMAND_TABLE = "import_preview"
    BINDINGS: ClassVar[list[BindingType]] = list(commands.bindings(COMMAND_TABLE))

    def __init__(self, names: list[str], result: ImportResult, folder: Path, catalog: FrameworkCatalog) -> None:
        super().__init__()
        self.names = names
        self.folder = folder
        self.catalog = catalog
        #: The import with nothing left out (every part listed, to be left out or taken back).
        self.full = result
        recipe = result.data.get("import", {})
        self.reading = Reading(recipe.get("levels_in"), recipe.get("sheet"))
        self.ignore: set[str] = set()
        #: Dimensions joined into another (part keys, in the order chosen).
        self.joins: dict[str, str] = {}
        self.framework_id = result.framework_id
        self.framework_name = str(result.data.get("name", ""))
        #: ctrl+s was pressed once over a framework of the same id: the next one replaces it.
        self.replacing = False

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        with Vertical(id="preview-body"):
            yield Static("", id="preview-options")
            yield OptionList(id="preview-parts")
            yield Static("", id="preview-framework")
        yield KeyHints()

    def on_mount(self) -> None:
        self.title = "Import a ladder"
        self.sub_title = "Preview: nothing is written until ctrl+s"
        self._show()
        self.query_one(OptionList).focus()

    # ----- what is shown -----

    def result(self) -> ImportResult:
        """The framework as the choices make it (the full import, less what is left out, with the id and name)."""

        data, said = self._shaped(self.ignore)
        report = list(self.full.report) + said
        recipe = data.setdefault("import", {})
        if self.framework_name != data["name"]:
            recipe["name"] = self.framework_name  # chosen, as --name would be: --update keeps it
        data["id"], data["name"] = self.framework_id, self.framework_name
        if self.ignore:
            recipe["ignore"] = sorted(self.ignore)
        if self.joins:
            recipe["join"] = [[source, target] for source, target in self.joins.items()]
        return ImportResult(data, report, self.framework_id, self.full.format, self.full.files, self.full.sheets)

    def parts(self) -> list[Part]:
        from ladder_tui.core.services.importing import join_candidates, part_key

        data = self.full.data
        rows: list[Part] = []
        maybe: dict[tuple[str, str], str] = {}
        for area_name, fewer, more in join_candidates(data):
            maybe[(area_name, fewer)] = more
            maybe[(area_name, more)] = fewer
        if len(self.full.files) > 1 or self.reading.exclude:
            rows += [Part("file", Path(name).name, name) for name in self.full.files]
            rows += [Part("file", Path(name).name, name) for name in sorted(self.reading.exclude)]
        rows += [Part("level", level["name"], part_key("level", level["name"])) for level in data["levels"]]
        for a, area in enumerate(data["areas"]):
            rows.append(Part("area", area["name"], part_key("area", area["name"])))
            names = {part_key("dimension", dim["name"], area["name"]): dim["name"] for dim in area["dimensions"]}
            for d, dim in enumerate(area["dimensions"]):
                key = part_key("dimension", dim["name"], area["name"])
                into = names.get(self.joins.get(key, ""))
                other = None if into or key in self.joins.values() else maybe.get((area["name"], dim["name"]))
                role = "joined" if into else "dimension"
                rows.append(Part(role, dim["name"], key, area["name"], (a, d), into, other))
        left = [line for line in self.full.report if "left out" in line and not line.startswith("left out as chosen")]
        rows += [Part("left out", line) for line in left]
        return rows

    def _kept(self, part: Part) -> bool:
        if part.role == "file":
            return part.key not in self.reading.exclude
        if part.role in ("dimension", "joined") and part.area is not None:
            from ladder_tui.core.services.importing import part_key

            if part_key("area", part.area) in self.ignore:
                return False
        return part.key not in self.ignore

    def _label(self, part: Part) -> Content:
        kept = self._kept(part)
        role = part.role if kept or part.role == "left out" else "ignored"
        indent = "  " if part.role in ("dimension", "joined") else ""
        mark = "✔" if kept and part.role != "left out" else "✘"
        style = "" if kept and part.role != "left out" else "dim"
        name = f"{part.name} → {part.into}" if part.into else part.name
        if part.maybe:
            name += f" (one with {part.maybe}? j)"
        words = one_line(name, max(self.size.width - 18, 30))
        what = f" ({part.role})" if role == "ignored" else ""
        return Content.assemble((f"{mark} {role:<9} ", "bold" if kept else "dim"), (f"{indent}{words}{what}", style))

    def _show(self, *, keep: int | None = None) -> None:
        options = self.query_one(OptionList)
        highlighted = options.highlighted if keep is None else keep
        self._parts = self.parts()
        options.clear_options()
        options.add_options([Option(self._label(part)) for part in self._parts])
        if self._parts:
            options.highlighted = min(max(highlighted or 0, 0), len(self._parts) - 1)
        self._show_options()
        self._show_framework()

    def _show_options(self) -> None:
        files = len(self.full.files)
        where = ", ".join(Path(name).name for name in self.full.files[:3]) + (", ..." if files > 3 else "")
        sheet = f" · sheet: {self.reading.sheet or 'every sheet'} (s)" if self.full.sheets else ""
        text = (
            f"{where} ({FORMAT_NAMES[self.full.format]}) · levels: {AXIS_WORDS[self.reading.levels_in]} (a){sheet}\n"
            f"id: {self.framework_id} (i) · name: {self.framework_name} (n)"
        )
        self.query_one("#preview-options", Static).update(Content(inert(text)))

    def _show_framework(self) -> None:
        from ladder_tui.core.services import importing
        from ladder_tui.core.storage.loader import framework_from_data

        result = self.result()
        box = self.query_one("#preview-framework", Static)
        try:
            framework = framework_from_data(result.data, "the imported framework")
        except LadderError as exc:
            box.update(Content.styled(inert(one_line(str(exc), 300)), "bold"))
            return
        # The counts, then one dimension's words at each level (the parts above already name the levels and areas):
        # the highlighted dimension's, else the one describing the most levels.
        lines = importing.preview(framework, width=max(self.size.width - 4, 40))
        part = self._current()
        if part is not None and part.role in ("dimension", "joined") and self._kept(part):
            lines = lines[:1] + self._words(framework, part)
        else:
            lines = lines[:1] + lines[3:]
        box.update(Content(inert("\n".join(lines))))

    def _words(self, framework: object, part: Part) -> list[str]:
        from ladder_tui.core.domain.framework import Framework

        assert isinstance(framework, Framework)
        width = max(self.size.width - 6, 40)
        wanted = part.into or part.name  # a joined dimension's words are now the other's
        for area in framework.areas:
            for dimension in area.dimensions:
                if area.name == part.area and dimension.name == wanted:
                    lines = [one_line(f"{area.name} › {dimension.name}:", width)]
                    for level in framework.levels:
                        words = " ".join(framework.descriptor(dimension, level.id)) or "(not described at this level)"
                        lines.append("  " + one_line(f"{level.name}: {words}", width))
                    return lines
        return []

    def _current(self) -> Part | None:
        highlighted = self.query_one(OptionList).highlighted
        parts = getattr(self, "_parts", [])
        return parts[highlighted] if highlighted is not None and 0 <= highlighted < len(parts) else None

    @on(OptionList.OptionHighlighted)
    def _moved(self) -> None:
        self._show_framework()

    # ----- the choices -----

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "sheet" and not self.full.sheets:
            return None  # shown greyed: only a workbook has sheets
        return True

    def action_leave_out(self) -> None:
        """Leave the highlighted part out, or take it back."""
        part = self._current()
        if part is None or part.role == "left out":
            self.notify("The importer left this out itself; the axis (a) or the sheet (s) reads it another way.")
            return
        if part.role == "joined":
            self.notify(f"Joined into {part.into}: j takes it apart again first.", severity="warning")
            return
        if part.role == "file":
            files = self.reading.exclude ^ {part.key}
            if len(files) >= len(self.full.files) + len(self.reading.exclude):
                self.notify("Keep at least one file.", severity="warning")
                return
            self._reread(replace(self.reading, exclude=files))
            return
        if part.role == "dimension" and part.area is not None:
            from ladder_tui.core.services.importing import part_key

            if part_key("area", part.area) in self.ignore:
                self.notify("Its area is left out: take the area back first.", severity="warning")
                return
        joined_in = [source for source, target in self.joins.items() if target == part.key]
        if joined_in and part.key not in self.ignore:
            self.notify("Another dimension is joined into it: j on that one takes it apart first.", severity="warning")
            return
        chosen = self.ignore ^ {part.key}
        if part.key in chosen and not self._leaves_some(chosen):
            self.notify("A framework needs at least one level and one dimension.", severity="warning")
            return
        self.ignore = chosen
        self.replacing = False
        self._show()

    def action_join(self) -> None:
        """Join the highlighted dimension with the one it may be (named otherwise at other levels), or take a join
        apart again."""
        from ladder_tui.core.services.importing import part_key

        part = self._current()
        if part is None or part.role not in ("dimension", "joined") or part.area is None:
            self.notify("j joins a dimension into another: one named differently at other levels.")
            return
        if part.key in self.joins:
            del self.joins[part.key]
            self.notify(f"{part.name} taken apart again.")
            self.replacing = False
            self._show()
            return
        pair = self._partner(part)
        if pair is None:
            self.notify(
                f"Nothing to join it with: every other dimension of {part.area} has text at some of its levels.",
                severity="warning",
            )
            return
        source, target = (part_key("dimension", name, part.area) for name in pair)
        if target in self.joins or source in self.joins.values():
            self.notify("One of them is already joined: take that join apart first (j on it).", severity="warning")
            return
        if {source, target, part_key("area", part.area)} & self.ignore:
            self.notify("One of them is left out: space takes it back first.", severity="warning")
            return
        self.joins[source] = target
        self.replacing = False
        self.notify(f"Joined {pair[0]} into {pair[1]}.")
        self._show()

    def _partner(self, part: Part) -> tuple[str, str] | None:
        """(the dimension to join, the one it joins into): the importer's suggestion for this dimension when there
        is one; else this one into the nearest dimension of its area with text at none of its levels."""
        from ladder_tui.core.services.importing import join_candidates

        # As joined so far: a dimension that took another's words has text at those levels too.
        data, _ = self._shaped(set())
        for area, fewer, more in join_candidates(data):
            if area == part.area and part.name in (fewer, more):
                return fewer, more
        dims = next(a["dimensions"] for a in data["areas"] if a["name"] == part.area)
        index = next(n for n, dim in enumerate(dims) if dim["name"] == part.name)
        mine = {key for key, value in dims[index]["levels"].items() if value}
        for n in sorted(range(len(dims)), key=lambda n: (abs(n - index), n)):
            other = {key for key, value in dims[n]["levels"].items() if value}
            if n != index and other and not other & mine and dims[n]["name"] != part.name:
                return part.name, dims[n]["name"]
        return None

    def _leaves_some(self, ignore: set[str]) -> bool:
        data, _ = self._shaped(ignore)
        return bool(data["levels"]) and bool(data["areas"])

    def _shaped(self, ignore: set[str]) -> tuple[dict[str, Any], list[str]]:
        """A copy of the full import with the joins made and the parts in `ignore` left out, as `read_ladder` makes
        them for a recipe (joins first), and the report's lines saying so."""
        from ladder_tui.core.services import importing

        data = copy.deepcopy(self.full.data)
        said = importing.join_dimensions(data, self.joins.items())
        return data, said + importing.leave_out(data, ignore)

    def action_axis(self) -> None:
        """The next reading of the levels: detected, columns, rows, outer headings, inner headings."""
        if not self._next_reading(
            [replace(self.reading, levels_in=axis) for axis in AXES],
            AXES.index(self.reading.levels_in),
            lambda reading: f"Read again: {AXIS_WORDS[reading.levels_in]}.",
        ):
            self.notify("No other reading of the levels works for this document.", severity="warning")

    def action_sheet(self) -> None:
        """The next sheet to read alone (then every sheet again)."""
        if not self.full.sheets:
            self.notify("Only a workbook has sheets.", severity="warning")
            return
        choices: list[str | None] = [None, *self.full.sheets]
        if not self._next_reading(
            [replace(self.reading, sheet=sheet) for sheet in choices],
            choices.index(self.reading.sheet) if self.reading.sheet in choices else 0,
            lambda r: f"Read again: {'every sheet' if r.sheet is None else f'the sheet {r.sheet!r} alone'}.",
        ):
            self.notify("No other sheet holds a ladder.", severity="warning")

    def _next_reading(self, readings: list[Reading], current: int, said: Callable[[Reading], str]) -> bool:
        """Read the documents the next way after `current` that makes a ladder (round to the start); False when
        none but the current one does."""
        for step in range(1, len(readings)):
            reading = readings[(current + step) % len(readings)]
            if self._reread(reading, quiet=True):
                self.notify(said(reading))
                return True
        return False

    def _reread(self, reading: Reading, *, quiet: bool = False) -> bool:
        """Import again the way `reading` says; False (the reason shown unless `quiet`) when that reads no ladder."""
        from ladder_tui.core.services import importing

        try:
            result = importing.read_ladder(
                self.names, sheet=reading.sheet, levels_in=reading.levels_in, exclude=reading.exclude
            )
        except LadderError as exc:
            if not quiet:
                self.notify(one_line(str(exc), 300), title="Not read that way", severity="warning", timeout=8)
            return False
        self.full = result
        self.reading = reading
        self.replacing = False
        self._show(keep=0)
        return True

    def action_edit_id(self) -> None:
        def edited(value: str | None) -> None:
            if value is None:
                return
            if not _ID.match(value):
                self.notify(
                    "An id is lowercase letters, digits, '-' and '_', starting with a letter or digit.",
                    severity="warning",
                )
                return
            self.framework_id = value
            self.replacing = False
            self._show()

        self.app.push_screen(TextPrompt("The framework's id (its file's name)", self.framework_id), edited)

    def action_edit_name(self) -> None:
        def edited(value: str | None) -> None:
            if value is not None and value.strip():
                self.framework_name = " ".join(value.split())
                self._show()

        self.app.push_screen(TextPrompt("The framework's name", self.framework_name), edited)

    # ----- writing -----

    def action_save(self) -> None:
        from ladder_tui.core.services import importing

        result = self.result()
        target = self.folder / f"{self.framework_id}.toml"
        taken = importing.taken(result, target, self.catalog)
        if taken and not self.replacing:
            self.replacing = True
            self.notify(
                f"{taken[:1].upper()}{taken[1:]}; ctrl+s again replaces it.", title="Replace?", severity="warning"
            )
            return
        try:
            importing.save(result, target, force=self.replacing)
        except LadderError as exc:
            self.notify(str(exc), title="Not saved", severity="error", timeout=10)
            return
        self.dismiss(target)

    def action_cancel(self) -> None:
        self.dismiss(None)


class TextPrompt(Keyed, ModalScreen[str | None]):
    """One line of text: enter keeps it, escape leaves it as it was."""

    COMMAND_TABLE = "prompt"
    BINDINGS: ClassVar[list[BindingType]] = list(commands.bindings(COMMAND_TABLE))

    def __init__(self, title: str, value: str) -> None:
        super().__init__()
        self.title_text = title
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="prompt-dialog"):
            yield Label(Content(self.title_text), classes="dialog-title")
            yield Input(self.value, id="prompt-input")
            yield Label("Enter keeps it; escape leaves it as it was.", classes="muted")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _done(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
