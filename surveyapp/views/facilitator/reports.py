"""Report downloads: a team's report (PDF) and the round's workshop brief (PDF).

Who may download what (``surveyapp.access``): a team's report goes to whoever runs its
round and to the team's own municipality contacts; the brief, which names every team,
to the round's facilitators only. Everybody else gets 404, as if there were nothing. Each
PDF is rendered on the first request for its inputs and then served from a cache keyed by
their fingerprint; one operation returns it and writes the download to the audit log.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from flask import Response, current_app
from flask_babel import get_locale
from flask_login import current_user

from surveyapp import access
from surveyapp.db import db
from surveyapp.operations import reports as report_ops
from surveyapp.views import organiser
from surveyapp.views.facilitator.base import (
    ANY_ACCOUNT,
    STAFF,
    allow,
    bp,
    download,
    round_or_404,
    team_or_404,
)
from surveyapp.views.facilitator.results import round_analysis

PDF = "application/pdf"


def _options() -> dict[str, Any]:
    """What both downloads need besides their subject: templates, cache, language, who."""
    return {
        "templates": report_ops.Templates.load(current_app.config["SURVEYAPP_REPORTS"]),
        "cache": Path(current_app.instance_path) / "report-cache",
        "lang": "en" if str(get_locale() or "de").startswith("en") else "de",
        "organiser": organiser().name,
        "actor": current_user,
    }


@bp.get("/teams/<id:team_id>/report.pdf")
@allow(*ANY_ACCOUNT)
def team_report_pdf(team_id: int) -> Response:
    """The team's report: for its round's facilitators and the team's own contacts."""
    team = team_or_404(team_id, access.can_view_team)
    analysis = partial(round_analysis, team.round)
    filename, pdf = report_ops.download_team_report(
        db.session, team, analysis=analysis, **_options()
    )
    db.session.commit()
    return download(pdf, filename, PDF)


@bp.get("/rounds/<id:round_id>/brief.pdf")
@allow(*STAFF)
def brief_pdf(round_id: int) -> Response:
    """The round's workshop brief, with every team: for the round's facilitators."""
    survey_round = round_or_404(round_id)
    analysis = partial(round_analysis, survey_round)
    filename, pdf = report_ops.download_brief(
        db.session, survey_round, analysis=analysis, **_options()
    )
    db.session.commit()
    return download(pdf, filename, PDF)
