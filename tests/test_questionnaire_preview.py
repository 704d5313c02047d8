"""The read-only preview of every questionnaire version, page by page, for facilitators.

It shows each page with the participant's own item templates, says that nothing is stored,
has no form that could store anything, and writes nothing to the database.
"""

from __future__ import annotations

import re

from markupsafe import escape

from surveyapp.participant.form import item_field_names
from tests.factories import QUESTIONNAIRE_ID
from tests.routes import snapshot

BANNER = "Vorschau – Antworten werden nicht gespeichert"


def preview_url(version: int, section_key: str = "") -> str:
    return f"/f/questionnaires/{QUESTIONNAIRE_ID}/v{version}/{section_key}"


def test_the_list_names_every_loaded_version_with_pages_and_duration(logged_in, registry):
    page = logged_in.get("/f/questionnaires")
    assert page.status_code == 200
    loaded = registry.all()
    assert {q.version for q in loaded if q.id == QUESTIONNAIRE_ID} >= {1, 2}
    for questionnaire in loaded:
        assert preview_url(questionnaire.version) in page.text
        assert escape(questionnaire.title.de) in page.text
        assert f"etwa {questionnaire.estimated_minutes} Minuten" in page.text
        row = page.text.split(preview_url(questionnaire.version))[1].split("</tr>")[0]
        cells = re.findall(r'<td class="num">(\d+)</td>', row)
        assert cells[:3] == [
            str(questionnaire.version),
            str(len(questionnaire.sections)),
            str(len(questionnaire.items)),
        ]
    assert 'aria-current="page"' in page.text.split("Fragebögen</a>")[0].rsplit("<li>", 1)[1]


def test_walking_every_page_of_both_versions_shows_each_item_and_stores_nothing(
    logged_in, registry, session, factory
):
    factory.round()  # a round and its team exist: nothing of theirs may change either
    session.commit()
    before = snapshot(session)
    for version in (1, 2):
        questionnaire = registry.get(QUESTIONNAIRE_ID, version)
        overview = logged_in.get(preview_url(version))
        assert overview.status_code == 200 and BANNER in overview.text
        for section in questionnaire.sections:
            assert preview_url(version, section.key) in overview.text
        steps = len(questionnaire.sections)
        for number, section in enumerate(questionnaire.sections, start=1):
            page = logged_in.get(preview_url(version, section.key))
            assert page.status_code == 200, section.key
            text = page.text
            assert BANNER in text and f"Schritt {number} von {steps}" in text
            assert escape(section.title.de) in text
            for item in section.items:
                for name in item_field_names(item):
                    assert f'name="{name}"' in text, (version, item.key)
            # nothing that could send the answers anywhere: the only form is the logout
            assert re.findall(r"<form[^>]*>", text) == [
                '<form method="post" action="/logout" class="inline-form">'
            ]
            assert "<button" not in text.replace('<button type="submit" class="link-button">', "")
            links = re.findall(r'<a class="button[^"]*" href="([^"]+)">([^<]+)</a>', text)
            expected = []
            if number < steps:
                expected.append(
                    (preview_url(version, questionnaire.sections[number].key), "Nächste Seite")
                )
            if number > 1:
                expected.append(
                    (
                        preview_url(version, questionnaire.sections[number - 2].key),
                        "Vorherige Seite",
                    )
                )
            expected.append((preview_url(version), "Alle Seiten"))
            assert links == expected
    assert snapshot(session) == before


def test_unknown_questionnaires_versions_and_pages_are_not_found(logged_in):
    for url in (
        "/f/questionnaires/kein-fragebogen/v1/",
        f"/f/questionnaires/{QUESTIONNAIRE_ID}/v99/",
        f"/f/questionnaires/{QUESTIONNAIRE_ID}/v0/",
        f"/f/questionnaires/{QUESTIONNAIRE_ID}/v2/keine-seite",
        f"/f/questionnaires/{QUESTIONNAIRE_ID}/v1/strategy-x",
        f"/f/questionnaires/{QUESTIONNAIRE_ID}/vzwei/",
        f"/f/questionnaires/{QUESTIONNAIRE_ID}/v2/about/mehr",
    ):
        assert logged_in.get(url).status_code == 404, url


def test_the_round_page_links_to_the_preview_of_the_rounds_version(
    logged_in, facilitator, session, factory
):
    survey_round = factory.round(version=2, facilitators=[facilitator])
    session.commit()
    page = logged_in.get(f"/f/rounds/{survey_round.id}").text
    assert f'<a href="{preview_url(2)}">Fragebogen ansehen</a>' in page


def test_the_preview_speaks_english_too(logged_in, registry):
    questionnaire = registry.get(QUESTIONNAIRE_ID, 2)
    section = questionnaire.sections[1]
    logged_in.get("/language/en?next=/f/questionnaires")
    page = logged_in.get(preview_url(2, section.key)).text
    assert 'lang="en"' in page and "Preview – answers are not saved" in page
    assert escape(section.title.en) in page and f"Step 2 of {len(questionnaire.sections)}" in page
    assert escape(section.items[0].label.en) in page
