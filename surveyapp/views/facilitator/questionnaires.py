"""Questionnaires: every loaded version, and a read-only preview of it page by page.

The preview renders each section with the participant's own item templates, so what a
facilitator sees is what participants will see; it has no form and writes nothing (no
response, no audit entry): navigation is by plain links.
"""

from __future__ import annotations

from flask import abort, render_template
from flask_babel import get_locale

from surveyapp.participant import form as pf
from surveyapp.participant.progress import neighbours, step_of
from surveyapp.questionnaire import (
    IMPORTANCE_QUESTION,
    PERFORMANCE_QUESTION,
    Questionnaire,
    Section,
    UnknownQuestionnaire,
)
from surveyapp.questionnaire.timing import estimate_minutes
from surveyapp.views.facilitator.base import STAFF, allow, bp, registry


def _questionnaire_or_404(qid: str, version: int) -> Questionnaire:
    try:
        return registry().get(qid, version)
    except UnknownQuestionnaire:
        abort(404)


def _section_or_404(questionnaire: Questionnaire, section_key: str) -> Section:
    try:
        return questionnaire.section(section_key)
    except KeyError:
        abort(404)


@bp.get("/questionnaires")
@allow(*STAFF)
def questionnaires() -> str:
    """Every loaded questionnaire version, with its size and estimated duration."""
    loaded = registry().all()
    latest = {q.id: registry().latest(q.id).version for q in loaded}
    return render_template(
        "facilitator/questionnaires.html",
        questionnaires=loaded,
        latest=latest,
        estimate_minutes=estimate_minutes,
    )


@bp.get("/questionnaires/<qid>/v<id:version>/")
@allow(*STAFF)
def preview_questionnaire(qid: str, version: int) -> str:
    """A questionnaire version's welcome text and the list of its pages."""
    questionnaire = _questionnaire_or_404(qid, version)
    return render_template(
        "facilitator/preview_overview.html",
        questionnaire=questionnaire,
        estimated=estimate_minutes(questionnaire),
    )


@bp.get("/questionnaires/<qid>/v<id:version>/<section_key>")
@allow(*STAFF)
def preview_section(qid: str, version: int, section_key: str) -> str:
    """One page of a questionnaire version, as a participant sees it, without a form."""
    questionnaire = _questionnaire_or_404(qid, version)
    section = _section_or_404(questionnaire, section_key)
    before, after = neighbours(questionnaire, section.key)
    return render_template(
        "facilitator/preview_section.html",
        questionnaire=questionnaire,
        section=section,
        step=step_of(questionnaire, section.key),
        steps=len(questionnaire.sections),
        before=before,
        after=after,
        # what the participant's item templates read: an empty page without errors
        locale=str(get_locale() or "de"),
        pf=pf,
        state={},
        errors={},
        ip_questions={"importance": IMPORTANCE_QUESTION, "performance": PERFORMANCE_QUESTION},
    )
