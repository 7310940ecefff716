"""Starting an assessment: from a framework, or from a person's earlier cycle (its answers shown as "last time",
its questions and target carried unless given). The New form and `ladder-tui new` both come through here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from ladder_tui.core.domain.assessment import Assessment, Mode, new_assessment
from ladder_tui.core.domain.framework import Framework
from ladder_tui.core.errors import LadderError


class Carry(Enum):
    """Not given: taken from the earlier cycle (or, with none, the framework's default)."""

    FROM_EARLIER = "from the earlier cycle"


FROM_EARLIER = Carry.FROM_EARLIER


class StartProblem(LadderError):
    """A request that cannot start an assessment; `field` says which part (the CLI names its flag)."""

    def __init__(self, field: str, message: str, value: str | None = None) -> None:
        super().__init__(message)
        self.field = field
        #: The value refused (a question's id), when there is one.
        self.value = value


@dataclass(frozen=True)
class NewAssessment:
    """What starting an assessment takes."""

    framework: Framework
    subject: str
    mode: Mode = "self"
    #: A framework file outside the catalog, recorded in the assessment; None: the catalog knows it by its id.
    framework_path: Path | None = None
    #: The answers to the framework's questions; FROM_EARLIER: the earlier cycle's (else the framework's defaults).
    questions: Mapping[str, bool] | Carry = FROM_EARLIER
    #: The target level id (None: no target); FROM_EARLIER: the earlier cycle's.
    target: str | Carry | None = FROM_EARLIER
    #: The person's earlier cycle to start from: its effective ratings become this cycle's "last time".
    earlier: Assessment | None = None


def checked(request: NewAssessment) -> Assessment:
    """The new assessment the request describes (not yet saved); StartProblem when the request is wrong."""
    from ladder_tui.core.domain.cycles import carried_from
    from ladder_tui.core.storage.assessments import assessment_id_for

    framework, earlier = request.framework, request.earlier
    subject = request.subject.strip()
    if not subject or not subject.isprintable():
        raise StartProblem("subject", "give the name of the person being assessed (printable text)")
    if earlier is not None and earlier.framework.id != framework.id:
        raise StartProblem("earlier", f"{earlier.id} is on {earlier.framework.id}, not {framework.id}")
    target = request.target
    if isinstance(target, Carry):
        target = earlier.target_level if earlier is not None else None
    if target is not None and not framework.has_level(target):
        levels = ", ".join(framework.level_ids)
        raise StartProblem("target", f"{framework.id} has no level {target!r} (levels: {levels})")
    known = {question.id for question in framework.questions}
    questions = request.questions
    if isinstance(questions, Carry):
        questions = dict(earlier.questions) if earlier is not None else {}
    else:
        for question in questions:
            if question not in known:
                listed = ", ".join(sorted(known)) or "none"
                raise StartProblem(
                    "questions", f"{framework.id} asks no question {question!r} (its questions: {listed})"
                )
    assessment = new_assessment(
        framework,
        subject,
        request.mode,
        assessment_id=assessment_id_for(subject, framework.id),
        framework_path=str(request.framework_path) if request.framework_path is not None else None,
        questions={question: value for question, value in questions.items() if question in known},
        target_level=target,
        previous=carried_from(framework, earlier) if earlier is not None else None,
    )
    if earlier is not None:
        from ladder_tui.core.services.planning import carried_actions

        assessment.plan = carried_actions(earlier)  # the open actions go on into the new cycle, marked carried
    return assessment


def start_assessment(request: NewAssessment) -> Path:
    """Create the assessment file (private, never over another) and return its path."""
    from ladder_tui.core.storage.assessments import create_assessment

    return create_assessment(checked(request))
