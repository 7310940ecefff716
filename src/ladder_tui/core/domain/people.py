"""Who is who on a served team: each person's name, public keys and whom they lead (the people file), and what each
may open: their own assessments (by subject) and those of the people they lead."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ladder_tui.core.domain.assessment import Mode


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


@dataclass(frozen=True)
class RoomRoles:
    """Who of an assessment's people is in a shared room: its subject, and someone who leads them."""

    subject_here: bool
    lead_here: bool

    @property
    def suggested_mode(self) -> Mode | None:
        """The mode the room suggests: self for the subject alone, lead for their lead alone, pair for both; None
        when neither is here (or nobody can tell)."""
        if self.subject_here and self.lead_here:
            return "pair"
        if self.subject_here:
            return "self"
        if self.lead_here:
            return "lead"
        return None


def roles_in_room(people: People | None, subject: str, present: Iterable[str]) -> RoomRoles:
    """Which roles the people `present` (by name) hold for an assessment of `subject`; a lead is someone the people
    file says leads them (without a people file nobody is known to)."""
    here = [person_key(name) for name in present]
    subject_here = person_key(subject) in here
    lead_here = False
    if people is not None:
        for name in here:
            person = people.named(name)
            if person is not None and any(same_person(led, subject) for led in person.leads):
                lead_here = lead_here or not same_person(person.name, subject)
    return RoomRoles(subject_here, lead_here)
