"""The levels in ascending order, lowest first, as a framework keeps them: a ladder written from the top down
(``L4, L3, L2, L1``) is turned round, and levels that came in the order of their files' names (``junior.md,
lead.md, mid.md``) are put in the order of their seniority words."""

from __future__ import annotations

import re
from itertools import pairwise

from ladder_tui.core.importer._model import Ladder

_NUMBER = re.compile(r"\d+")
#: Seniority words, lowest first; words on one rung are never told apart.
_RANKS: dict[str, int] = {}
for _position, _names in enumerate(
    (
        "intern trainee apprentice",
        "associate junior entry graduate beginner novice",
        "mid intermediate regular competent",
        "senior advanced experienced proficient",
        "staff lead expert",
        "principal master",
        "distinguished fellow",
    )
):
    _RANKS.update(dict.fromkeys(_names.split(), _position))


_MID = _RANKS["mid"]


def _number(name: str) -> int | None:
    found = _NUMBER.findall(name)
    return int(found[0]) if len(found) == 1 else None


def _rank(name: str) -> int | None:
    ranks = {_RANKS[word] for word in re.findall(r"[a-z]+", name.casefold()) if word in _RANKS}
    return ranks.pop() if len(ranks) == 1 else None


def _reorder(ladder: Ladder, order: list[int]) -> None:
    ladder.levels = [ladder.levels[i] for i in order]
    new_index = {old: new for new, old in enumerate(order)}
    for area in ladder.areas:
        for dim in area.dims:
            dim.cells = {
                new_index[old]: texts for old, texts in sorted(dim.cells.items(), key=lambda p: new_index[p[0]])
            }


def ascending(ladder: Ladder, *, from_file_names: bool) -> str | None:
    """Put the levels lowest first when their names say the order; the report's line, or None when unchanged."""
    names = [level.name for level in ladder.levels]
    if len(names) < 2:
        return None
    numbers = [number for number in map(_number, names) if number is not None]
    if len(numbers) == len(names) and all(a > b for a, b in pairwise(numbers)):
        _reorder(ladder, list(reversed(range(len(names)))))
        return f"the levels ran from the highest down ({names[0]} to {names[-1]}): turned round, lowest first"
    if from_file_names:
        found = [_rank(name) for name in names]
        if found.count(None) == 1 and _MID not in found:
            # One plain title among ranked ones ("Engineer" beside "Senior Engineer"): the rung between.
            found = [_MID if rank is None else rank for rank in found]
        ranks = [rank for rank in found if rank is not None]
        if len(ranks) == len(names) and len(set(ranks)) == len(ranks):
            order = sorted(range(len(names)), key=lambda i: ranks[i])
            if order != list(range(len(names))):
                _reorder(ladder, order)
                shown = ", ".join(ladder.levels[i].name for i in range(len(names)))
                return f"the levels came in their files' alphabetical order: put in order of seniority ({shown})"
    return None
