"""A function's two halves may each be "kann ich nicht beurteilen" (``allow_na``): the form
offers it, reads it as null for that half only, shows it again and describes it in words."""

from __future__ import annotations

import textwrap

import pytest

from surveyapp.participant.form import form_state, parse_section
from surveyapp.participant.progress import describe_answer
from surveyapp.questionnaire import parse_questionnaire

QUESTIONNAIRE = parse_questionnaire(
    textwrap.dedent(
        """
        id: na-check
        version: 1
        estimated_minutes: 1
        title: {de: T, en: T}
        introduction: {de: I, en: I}
        privacy_note: {de: P, en: P}
        sections:
          - key: functions
            title: {de: Funktionen, en: Functions}
            items:
              - key: fn_monitoring
                type: importance_performance
                allow_na: true
                label: {de: Bildungsmonitoring, en: Monitoring}
              - key: fn_quality
                type: importance_performance
                label: {de: Qualität, en: Quality}
        """
    )
)
SECTION = QUESTIONNAIRE.section("functions")


def parse(**fields: str):
    return parse_section(SECTION, {name: [value] for name, value in fields.items()})


@pytest.mark.parametrize(
    ("importance", "performance", "stored"),
    [
        ("5", "na", {"importance": 5, "performance": None}),
        ("na", "2", {"importance": None, "performance": 2}),
        ("na", "na", {"importance": None, "performance": None}),
    ],
)
def test_either_half_may_be_cannot_judge_and_is_stored_as_null(importance, performance, stored):
    page = parse(q_fn_monitoring__importance=importance, q_fn_monitoring__performance=performance)
    assert page.errors == {}
    assert page.values == {"fn_monitoring": stored}
    assert form_state(SECTION, page.values)["q_fn_monitoring__performance"] == [performance]


def test_cannot_judge_on_one_half_still_asks_for_the_other():
    page = parse(q_fn_monitoring__performance="na")
    assert [error.code for error in page.errors["fn_monitoring"]] == ["incomplete"]


def test_a_function_without_allow_na_refuses_cannot_judge():
    page = parse(q_fn_quality__importance="4", q_fn_quality__performance="na")
    assert [error.code for error in page.errors["fn_quality"]] == ["invalid"]


def test_the_review_describes_a_half_not_judged_in_words():
    item = QUESTIONNAIRE.item("fn_monitoring")
    lines = describe_answer(item, {"importance": None, "performance": 2}, "en")
    assert lines[0].endswith(": cannot judge")
    assert lines[1].endswith(": 2 – not very well")


def test_the_page_offers_cannot_judge_on_both_halves_only_where_allowed(app):
    from flask import render_template_string

    from surveyapp.participant import form as pf
    from surveyapp.questionnaire import IMPORTANCE_QUESTION, PERFORMANCE_QUESTION

    with app.test_request_context():
        html = render_template_string(
            '{% import "participant/_items.html" as items with context %}'
            "{% for item in section.items %}{{ items.item_field(item) }}{% endfor %}",
            section=SECTION,
            pf=pf,
            state={"q_fn_monitoring__performance": ["na"]},
            errors={},
            locale="de",
            ip_questions={"importance": IMPORTANCE_QUESTION, "performance": PERFORMANCE_QUESTION},
        )
    for part in ("importance", "performance"):
        assert f'id="q_fn_monitoring__{part}-na" value="na"' in html
        assert f'id="q_fn_quality__{part}-na"' not in html
    assert 'id="q_fn_monitoring__performance-na" value="na" checked' in html
