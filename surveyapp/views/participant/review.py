"""The review of all answers, the submit, and the thank-you page."""

from __future__ import annotations

from flask import (
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from surveyapp.db import db
from surveyapp.operations.responses import (
    submit_response,
)
from surveyapp.participant import form as pf
from surveyapp.participant.progress import (
    describe_answer,
    missing_required,
)
from surveyapp.questionnaire import (
    Questionnaire,
)
from surveyapp.views.participant.base import (
    Visit,
    answering,
    bp,
    csrf_ok,
    current_locale,
    load_visit,
    render,
    see_other,
    sent_to,
)


def _render_review(visit: Visit, *, notice: str | None = None, status: int = 200):
    answers = visit.answers()
    locale = current_locale()
    described = {
        key: describe_answer(visit.questionnaire.item(key), value, locale)
        for key, value in answers.items()
        if _known_item(visit.questionnaire, key)
    }
    missing_links = [
        (
            url_for(".section", token=visit.token, section_key=missing.section.key)
            + "#"
            + pf.anchor_id(missing.item),
            missing.item.label.get(locale),
        )
        for missing in missing_required(visit.questionnaire, answers)
    ]
    unanswered = [
        (
            section,
            [
                (
                    url_for(".section", token=visit.token, section_key=section.key)
                    + "#"
                    + pf.anchor_id(item),
                    item.label.get(locale),
                )
                for item in section.items
                if item.key not in answers
            ],
        )
        for section in visit.questionnaire.sections
    ]
    unanswered = [(section, links) for section, links in unanswered if links]
    return render(
        "participant/review.html",
        visit,
        status,
        described=described,
        missing_links=missing_links,
        unanswered=unanswered,
        unanswered_count=sum(len(links) for _section, links in unanswered),
        show_errors=status == 422,
        notice=notice,
        steps=len(visit.questionnaire.sections),
    )


def _known_item(questionnaire: Questionnaire, key: str) -> bool:
    try:
        questionnaire.item(key)
    except KeyError:
        return False
    return True


@bp.get("/<token>/review")
@answering(when_submitted=sent_to(".welcome"))
def review(visit: Visit) -> ResponseReturnValue:
    """All answers, a change link per section, and the submit button."""
    return _render_review(visit)


@bp.post("/<token>/submit")
@answering(when_submitted=sent_to(".done"))
def submit(visit: Visit) -> ResponseReturnValue:
    """Submit once; a second click (or a second tab) lands on the thank-you page too."""
    if not csrf_ok():
        notice = _("Bitte klicken Sie noch einmal auf „Antworten abschicken“.")
        return _render_review(visit, notice=notice, status=400)
    if visit.response is None or missing_required(visit.questionnaire, visit.answers()):
        return _render_review(visit, status=422)
    submit_response(db.session, visit.response)
    db.session.commit()
    return see_other(url_for(".done", token=visit.token))


@bp.get("/<token>/done")
def done(token: str) -> ResponseReturnValue:
    """The thank-you page; shows no answers."""
    visit = load_visit(token)
    if not visit.submitted:
        return see_other(url_for(".welcome", token=token))
    return render("participant/done.html", visit)
