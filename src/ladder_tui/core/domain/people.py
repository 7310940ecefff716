"""Who is who on a served team: each person's name, public keys and whom they lead (the people file), and what each
may open: their own assessments (by subject) and those of the people they lead."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


def person_key(subject: str) -> str:
    """Who a subject names, as people type it: case and spacing do not make another person."""
    return " ".join(subject.casefold().split())


def same_person(left: str, right: str) -> bool:
    return person_key(left) == person_key(right)


@dataclass(frozen=True)
class Person:
    name: str
    #: Public keys as authorized_keys lines hold them ("ssh-ed25519 AAAA... comment").
    keys: tuple[str, ...]
    leads: tuple[str, ...]


@dataclass(frozen=True)
class People:
    """The people file: everyone on the team."""

    persons: tuple[Person, ...]

    def named(self, name: str) -> Person | None:
        return next((person for person in self.persons if person_key(person.name) == person_key(name)), None)

    def subjects_for(self, person: Person | None) -> frozenset[str]:
        """Whose assessments this person may open, as person keys: their own and their reports'. Nobody's for
        someone the file does not name."""
        if person is None:
            return frozenset()
        return frozenset(person_key(name) for name in (person.name, *person.leads))


def may_open(subjects: Iterable[str] | None, subject: str) -> bool:
    """Whether an assessment about `subject` is among `subjects` (person keys); None means no limit (no people
    file: every authorised key may open every assessment)."""
    return subjects is None or person_key(subject) in set(subjects)
