"""Text helpers: decoding bytes, repairing mojibake, statements, slugs, level names, marks and metadata words."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

# ----- decoding -----


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    crlf: bool


def decode(raw: bytes) -> Decoded:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252 (else Latin-1)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        text, encoding = raw[3:].decode("utf-8", errors="replace"), "UTF-8 with BOM"
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, encoding = raw.decode("utf-16", errors="replace"), "UTF-16 with BOM"
    else:
        try:
            text, encoding = raw.decode("utf-8"), "UTF-8"
        except UnicodeDecodeError:
            try:
                text, encoding = raw.decode("cp1252"), "Windows-1252 (it is not valid UTF-8)"
            except UnicodeDecodeError:
                text, encoding = raw.decode("latin-1"), "Latin-1 (it is neither UTF-8 nor Windows-1252)"
    crlf = "\r" in text
    if crlf:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Decoded(text, encoding, crlf)


#: The control characters (Unicode category Cc) but tab and line breaks: one regex pass, not a lookup per character.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def control_character(text: str) -> str | None:
    """The first control character of text that is binary data rather than a document (a NUL, or more than one
    character in a hundred a control character other than tab and line breaks), as `0x01`; None for text."""
    controls = _CONTROL.findall(text)
    if "\x00" in text or len(controls) > max(2, len(text) // 100):
        return f"0x{ord(controls[0]):02x}"
    return None


# ----- mojibake -----


class Fixer:
    """Repairs mojibake (``doesnâ€™t``) with ftfy, touching nothing else; counts what it changed."""

    def __init__(self) -> None:
        self.count = 0
        self.example: tuple[str, str] | None = None
        self._fix: Callable[[str], str] | None = None

    def _fixer(self) -> Callable[[str], str]:
        import ftfy  # deferred: only text with non-ASCII characters needs it

        config = ftfy.TextFixerConfig(
            # Repair encoding damage only: quotes, widths, ligatures, entities, escapes and controls stay.
            uncurl_quotes=False,
            fix_character_width=False,
            fix_latin_ligatures=False,
            normalization=None,
            unescape_html=False,
            remove_terminal_escapes=False,
            remove_control_chars=False,
            fix_line_breaks=False,
            explain=False,
        )

        def fix(text: str) -> str:
            return ftfy.fix_text(text, config)

        return fix

    def fix(self, text: str) -> str:
        if text.isascii():
            return text
        if self._fix is None:
            self._fix = self._fixer()
        fixed = self._fix(text)
        if fixed != text and "\ufffd" in _difference(text, fixed)[1]:
            # Mojibake missing a byte ("fansâ€�") decodes to a replacement character, which is no repair:
            # the text stays word for word as the file has it.
            return text
        if fixed != text:
            self.count += 1
            if self.example is None:
                self.example = _difference(text, fixed)
        return fixed


def _difference(before: str, after: str) -> tuple[str, str]:
    """The changed word(s) of a repair, for the report."""
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    end_b, end_a = len(before), len(after)
    while end_b > start and end_a > start and before[end_b - 1] == after[end_a - 1]:
        end_b -= 1
        end_a -= 1
    while start > 0 and not before[start - 1].isspace():
        start -= 1
    while end_b < len(before) and not before[end_b].isspace():
        end_b += 1
        end_a += 1
    return before[start:end_b][:40], after[start:end_a][:40]


# ----- whitespace, statements -----

_SPACE = re.compile(r"[ \t\n\r\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")


#: Characters that take no room (a web page's hash-link anchor holds one): never part of a name or statement.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def fold(text: str) -> str:
    """Whitespace runs become one space, invisible characters go; the ends are trimmed."""
    if text.isascii() and "\x1c" not in text and "\x1d" not in text and "\x1e" not in text and "\x1f" not in text:
        # The common case, four times faster: no invisible character is ASCII, and without the information
        # separators (which str.split() also splits on) str.split() splits on just _SPACE's ASCII characters.
        return " ".join(text.split())
    return _SPACE.sub(" ", _INVISIBLE.sub("", text)).strip()


BULLET = re.compile(r"^[ \t]*(?:[-*+•·◦▪▸‣⁃–]|\d{1,3}[.)])[ \t]+(?=\S)")


def statements(lines: Iterable[str]) -> list[str]:
    """A cell's statements: one per bullet when it has bullets (wrapped lines joined), else one per line."""
    lines = [line for line in lines if line.strip()]
    bulleted = any(BULLET.match(line) for line in lines)
    items: list[str] = []
    for line in lines:
        match = BULLET.match(line)
        if match:
            items.append(line[match.end() :])
        elif bulleted and items:
            items[-1] += " " + line
        else:
            items.append(line)
    return [text for text in (fold(item) for item in items) if text]


# ----- ids -----

_NON_ID = re.compile(r"[^a-z0-9]+")
RESERVED_LEVEL_IDS = frozenset({"below", "na", "skip"})


def slug(name: str, fallback: str) -> str:
    """An id made from a name: ASCII-folded, lowercase, ``[a-z0-9][a-z0-9_-]*``, at most 64 characters."""
    folded = unicodedata.normalize("NFKD", name)
    ascii_text = "".join(ch for ch in folded if not unicodedata.combining(ch)).encode("ascii", "ignore").decode()
    text = _NON_ID.sub("-", ascii_text.lower()).strip("-")
    text = text[:64].rstrip("-")
    return text or fallback


class IdMaker:
    """Unique ids within one list: ``technical``, ``technical-2``, ..."""

    def __init__(self, reserved: Iterable[str] = ()) -> None:
        self._used: set[str] = set()
        self._reserved = frozenset(reserved)

    def make(self, name: str, fallback: str) -> str:
        base = slug(name, fallback)
        if base in self._reserved:
            base = f"{base}-{fallback}"
        candidate, number = base, 2
        while candidate in self._used:
            suffix = f"-{number}"
            candidate = base[: 64 - len(suffix)].rstrip("-") + suffix
            number += 1
        self._used.add(candidate)
        return candidate


def key(name: str) -> str:
    """How names are compared: case, whitespace and a trailing colon do not matter."""
    return fold(name).rstrip(":").strip().casefold()


# ----- level names -----


def words(text: str) -> frozenset[str]:
    """A set of words written as one text (easier to read and extend than a long list)."""
    return frozenset(text.split())


_LEVEL_WORDS = words(
    """junior intermediate senior staff principal lead leads associate entry mid middle expert novice beginner
    advanced level grade tier rung band apprentice rookie pro master fellow distinguished trainee intern
    graduate proficient competent foundational emerging developing journeyman craftsman practitioner specialist
    leader architect manager director head chief executive partner consultant engineer developer designer analyst
    agent representative coordinator officer supervisor foundation skilled learner learning aware awareness
    knowledgeable mastery experienced exceptional member reviewer approver maintainer contributor committer"""
)
_LEVEL_CODE = re.compile(
    r"(?<![A-Za-z0-9])(?:[A-Z]{1,4}-?\d{1,2}|[A-Z]{0,4}\d{1,2}(?:\.\d)?|II|III|IV|VI|VII|VIII)(?![A-Za-z0-9])"
)
_WORD = re.compile(r"[A-Za-z]+")


def level_like(name: str) -> bool:
    """Whether a name looks like a level: a number or level code, or a word such as Senior or Level."""
    text = fold(name)
    if not text or text.endswith("?") or len(text.split()) > 10:
        return False
    if _LEVEL_CODE.search(text) or re.search(r"(?:^|\s)I$", text):
        return True
    return any(word.lower() in _LEVEL_WORDS for word in _WORD.findall(text))


#: Words that answer a question or fill an answer column: a ladder's levels are never named like this.
ANSWER_WORDS = words(
    """yes no y n x ok true false maybe somewhat nope partially partly sometimes always never often rarely usually
    agree disagree neutral n/a na tbd todo none done pending met unmet pass fail passed failed"""
)
#: Headers of metadata columns and fields (a site's data, a scoring sheet), which are neither levels nor areas.
METADATA_WORDS = words(
    """id ids slug slugs key keys uuid url urls link links href path rank ranks order sort index weight weights
    point points score scores min max minimum maximum total sum average avg formula salary pay tag tags related
    tools owner author updated created date version status type kind range"""
)
_MARK = re.compile(r"^(?:[✓✔✗✘☑☐•*+-]|-?\d+(?:[.,]\d+)?%?)$")


def is_mark(text: str) -> bool:
    """A cell that marks rather than describes: yes/no and other answers, a tick or a cross, a number."""
    folded = fold(text).casefold().rstrip(".!")
    return bool(folded) and (folded in ANSWER_WORDS or bool(_MARK.match(folded)))


#: The words of a header over a column of answers or scores beside the statements ("Answer", "Self score").
MARK_HEADER_WORDS = words(
    """answer answers score scores rating ratings result results point points mark marks value values self manager
    lead peer my your assessment evaluation done met"""
)


def mark_header(text: str) -> bool:
    """A header naming a column of answers or scores ("Answer", "Score", "Manager rating"), or a metadata one."""
    parts = re.findall(r"[a-z]+|\d+", fold(text).casefold())
    return metadata_name(text) or (bool(parts) and all(part in MARK_HEADER_WORDS for part in parts))


def metadata_name(text: str) -> bool:
    """A name that is metadata (id, url, rank, score, "Min P", related, tools...) rather than a level or an area:
    its every word a metadata word or a lone letter or number."""
    parts = re.findall(r"[a-z]+|\d+", fold(text).casefold())
    return (
        bool(parts)
        and any(part in METADATA_WORDS for part in parts)
        and all(part in METADATA_WORDS or len(part) == 1 or part.isdigit() for part in parts)
    )


def question_like(name: str) -> bool:
    text = fold(name)
    return text.endswith("?") or len(text.split()) > 10


_CODE_IN_NAME = re.compile(
    r"\(\s*([A-Za-z]{1,4}\s?-?\d{1,2})\s*\)|(?<![A-Za-z0-9])([A-Z]{1,4}-?\d{1,2})(?![A-Za-z0-9])"
)


def short_names(names: Sequence[str]) -> list[str | None]:
    """An obvious short form per long level name: its code (``L1``), or what differs from the other names."""
    shorts: list[str | None] = []
    for name in names:
        codes = [m.group(1) or m.group(2) for m in _CODE_IN_NAME.finditer(name)]
        shorts.append(codes[-1].strip() if len(codes) == 1 or (codes and name.rstrip().endswith(")")) else None)
    if len(names) >= 2 and any(short is None for short in shorts):
        words = [name.split() for name in names]
        prefix = 0
        while all(len(w) > prefix + 1 for w in words) and len({w[prefix] for w in words}) == 1:
            prefix += 1
        suffix = 0
        while all(len(w) > prefix + suffix + 1 for w in words) and len({w[-1 - suffix] for w in words}) == 1:
            suffix += 1
        if prefix and all(len(w) - suffix == prefix + 1 and w[prefix].isdigit() for w in words):
            prefix -= 1  # "... Level 2": the short form is "Level 2", not "2"
        if prefix or suffix:
            rests = [" ".join(w[prefix : len(w) - suffix]) for w in words]
            if len(set(rests)) == len(rests) and all(rest and len(rest) <= 20 for rest in rests):
                shorts = [short if short is not None else rest for short, rest in zip(shorts, rests, strict=True)]
    return [short if short and len(short) + 4 <= len(name) else None for short, name in zip(shorts, names, strict=True)]
