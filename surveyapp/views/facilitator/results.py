"""Results pages: the round overview, a team's page, the comparison of teams, and the
round-over-round view of one municipality; hiding a single open answer.

Who may see what (``surveyapp.access``): the facilitators of a round see all of its pages;
a municipality contact sees the page of their own team and nothing else. Every number comes
from the analysis, every figure from ``surveyapp.charts.web`` through the page builders in
``surveyapp.dashboard``. Both the analysis and the built pages are kept per process in a
``ResultsCache`` until the round's fingerprint changes (a response submitted or deleted, an
answer hidden), so a page view does not recompute a round.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import sqlalchemy as sa
from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import joinedload

from surveyapp import access
from surveyapp.analysis import RoundAnalysis
from surveyapp.dashboard.round import compare_page, round_page
from surveyapp.dashboard.team import team_page
from surveyapp.db import db
from surveyapp.extensions import dashboard_page
from surveyapp.forms import ActionForm
from surveyapp.models import Answer, ResponseStatus, SurveyRound, Team
from surveyapp.operations.analysis import analyse, analysis_fingerprint
from surveyapp.operations.open_answers import set_answer_hidden, team_open_answers
from surveyapp.operations.progress import progress_by_round
from surveyapp.operations.questionnaires import questionnaire_for_round
from surveyapp.questionnaire import UnknownQuestionnaire
from surveyapp.results_cache import ResultsCache
from surveyapp.views.assets import PLOTLY_FILE
from surveyapp.views.facilitator.base import (
    ANY_ACCOUNT,
    STAFF,
    allow,
    bp,
    registry,
    round_or_404,
    team_or_404,
)

T = TypeVar("T")
MIN_COMPARED, MAX_COMPARED = 2, 6


def results_cache() -> ResultsCache:
    """The process's cache of analyses and built pages (made at first use)."""
    return current_app.extensions.setdefault("results_cache", ResultsCache())


def _cached(survey_round: SurveyRound, key: tuple[object, ...], build: Callable[[], T]) -> T:
    """``build()`` once per fingerprint of the round, its teams and its earlier rounds."""
    fingerprint = analysis_fingerprint(db.session, survey_round)
    return results_cache().get((survey_round.id, *key), fingerprint, build)


def _team_names(survey_round: SurveyRound) -> dict[int, str]:
    """The round's teams by id with their names (municipalities in the same query)."""
    query = (
        sa.select(Team)
        .options(joinedload(Team.municipality))
        .where(Team.round_id == survey_round.id)
        .order_by(Team.id)
    )
    return {team.id: team.display_name for team in db.session.scalars(query)}


def round_analysis(survey_round: SurveyRound) -> RoundAnalysis:
    """The round's analysis, computed once per fingerprint."""
    return _cached(
        survey_round, ("analysis",), lambda: analyse(db.session, registry(), survey_round)
    )


def _locale() -> str:
    return str(get_locale() or "de")


def _render(template: str, *, charts: bool, **context: object) -> str:
    return render_template(template, has_charts=charts, plotly_file=PLOTLY_FILE, **context)


@bp.get("/rounds/<id:round_id>/results")
@allow(*STAFF)
@dashboard_page
def results_overview(round_id: int) -> str:
    """The round at a glance: progress, the teams × dimensions heatmap, priorities."""
    survey_round = round_or_404(round_id)
    names = _team_names(survey_round)
    locale = _locale()
    page = _cached(
        survey_round,
        ("overview", locale, tuple(names.items())),
        lambda: round_page(round_analysis(survey_round), names, locale),
    )
    return _render(
        "results/overview.html",
        charts=True,
        survey_round=survey_round,
        progress=progress_by_round(db.session, [survey_round.id])[survey_round.id],
        page=page,
    )


@bp.get("/teams/<id:team_id>/results")
@allow(*ANY_ACCOUNT)
@dashboard_page
def results_team(team_id: int) -> str:
    """A team's results: for the facilitators of its round and the team's own contacts."""
    team = team_or_404(team_id, access.can_view_team)
    page = _team_page(team)
    manage = access.can_manage_team(current_user, team)
    moderation = None
    if manage and not page.withheld:
        keys = [group.item_key for group in (*page.open_answers, *page.consultation)]
        moderation = team_open_answers(db.session, team.id, keys)
    return _render(
        "results/team.html",
        charts=not page.withheld,
        team=team,
        page=page,
        manage=manage,
        moderation=moderation,
        action_form=ActionForm(),
    )


def _team_page(team: Team):  # a TeamPage
    survey_round, locale = team.round, _locale()

    def build():
        analysis = round_analysis(survey_round)
        result = analysis.team(team.id)
        earlier = next(
            (e.label for e in analysis.earlier if e.round_id == result.earlier_round_id), ""
        )
        return team_page(result, team.display_name, locale, earlier_label=earlier)

    return _cached(survey_round, ("team", team.id, team.display_name, locale), build)


@bp.get("/rounds/<id:round_id>/compare")
@allow(*STAFF)
@dashboard_page
def results_compare(round_id: int) -> str:
    """Two to six chosen teams side by side (chosen with check boxes, sent by GET)."""
    survey_round = round_or_404(round_id)
    names = _team_names(survey_round)
    chosen = [int(v) for v in request.args.getlist("team") if v.isdigit() and int(v) in names]
    chosen = list(dict.fromkeys(chosen))
    page = None
    if MIN_COMPARED <= len(chosen) <= MAX_COMPARED:
        locale = _locale()
        picked = {team_id: names[team_id] for team_id in chosen}
        page = _cached(
            survey_round,
            ("compare", locale, tuple(picked.items())),
            lambda: compare_page(round_analysis(survey_round), chosen, picked, locale),
        )
    return _render(
        "results/compare.html",
        charts=page is not None,
        survey_round=survey_round,
        teams=names,
        chosen=set(chosen),
        asked=bool(request.args.getlist("team")),
        page=page,
        limits=(MIN_COMPARED, MAX_COMPARED),
    )


@bp.get("/teams/<id:team_id>/over-time")
@allow(*STAFF)
@dashboard_page
def results_trend(team_id: int) -> str:
    """The municipality's team now and in its earlier round."""
    team = team_or_404(team_id)
    page = _team_page(team)
    return _render("results/trend.html", charts=not page.trend.reason, team=team, page=page)


def _is_open_question(answer: Answer) -> bool:
    survey_round = answer.response.team.round
    try:
        questionnaire = questionnaire_for_round(registry(), survey_round)
        return questionnaire.item(answer.item_key).type == "text"
    except (KeyError, UnknownQuestionnaire):
        return False


@bp.post("/answers/<id:answer_id>/<any(hide, show):action>")
@allow(*STAFF)
def hide_answer(answer_id: int, action: str) -> Response:
    """Hide a single open answer from the team's page and report, or show it again."""
    answer = db.session.get(Answer, answer_id)
    if (
        answer is None
        or answer.response.status is not ResponseStatus.SUBMITTED
        or not access.can_manage_team(current_user, answer.response.team)
        or not _is_open_question(answer)
    ):
        abort(404)
    team_id = answer.response.team_id
    if ActionForm().validate_on_submit():
        if set_answer_hidden(db.session, answer, hidden=action == "hide", actor=current_user):
            db.session.commit()
            flash(
                _("Die Antwort ist ausgeblendet.")
                if action == "hide"
                else _("Die Antwort wird wieder gezeigt."),
                "success",
            )
    return redirect(url_for("facilitator.results_team", team_id=team_id, _anchor="open-answers"))
