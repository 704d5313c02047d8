"""The data-protection notice: the organiser's configuration and what participants are told."""

from __future__ import annotations

import pytest

from surveyapp.config import ConfigError, from_environment
from surveyapp.organiser import DEFAULT_LEGAL_BASIS, Organiser, OrganiserConfigError, load_organiser
from surveyapp.questionnaire.model import Text

DEMO_ORGANISER = Organiser(
    name="Transferagentur für Großstädte",
    contact_name="Dr. Maria Beispiel",
    email="umfrage@transferagentur.example",
    phone="+49 30 1234567",
    address="Musterstraße 1 | 10115 Berlin",
    controller="Beispielverein e. V. | Musterstraße 1 | 10115 Berlin",
    dpo="Datenschutzbeauftragte, datenschutz@transferagentur.example",
    legal_basis=Text("Einwilligung nach Art. 6 Abs. 1 Buchst. a DSGVO.", "Consent, Art. 6(1)(a)."),
    supervisory_authority=Text("Berliner Beauftragte für Datenschutz", "Berlin commissioner"),
)


def test_the_organiser_comes_from_a_file_and_variables_override_it(tmp_path):
    path = tmp_path / "organiser.yaml"
    path.write_text(
        "name: Bildungsagentur Nord\n"
        "email: info@nord.example\n"
        "address: |\n  Hafenweg 2\n  20457 Hamburg\n"
        "legal_basis:\n  de: Öffentliche Aufgabe.\n  en: Public task.\n",
        encoding="utf-8",
    )
    organiser = load_organiser(
        {"SURVEYAPP_ORGANISER_FILE": str(path), "SURVEYAPP_ORGANISER_EMAIL": "neu@nord.example"}
    )
    assert organiser.name == "Bildungsagentur Nord"
    assert organiser.email == "neu@nord.example"
    assert organiser.address_lines == ["Hafenweg 2", "20457 Hamburg"]
    assert organiser.legal_basis.get("en") == "Public task."
    # without a controller of its own, the organiser is the controller
    assert organiser.controller_lines == ["Bildungsagentur Nord", "Hafenweg 2", "20457 Hamburg"]


def test_without_configuration_the_defaults_say_consent_and_name_the_organiser():
    organiser = load_organiser({})
    assert organiser.name == "Transferagentur für Großstädte"
    assert organiser.legal_basis == DEFAULT_LEGAL_BASIS
    assert not organiser.has_contact


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("nmae: Tippfehler\n", "unknown keys nmae"),
        ("- a list\n", "must hold a mapping"),
        ("legal_basis: {de: nur deutsch}\n", "legal_basis: expected a text or a mapping"),
        ("name: [a, b]\n", "name: expected a text"),
    ],
)
def test_a_malformed_organiser_file_is_refused_with_its_problem(tmp_path, content, message):
    path = tmp_path / "organiser.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(OrganiserConfigError, match=message):
        load_organiser({"SURVEYAPP_ORGANISER_FILE": str(path)})


def test_a_missing_organiser_file_stops_the_configuration_naming_the_variable(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("SURVEYAPP_ORGANISER_FILE", str(tmp_path / "missing.yaml"))
    with pytest.raises(ConfigError, match="SURVEYAPP_ORGANISER_FILE: cannot read"):
        from_environment(str(tmp_path))


@pytest.fixture
def app_config(app_config):
    app_config["SURVEYAPP_ORGANISER_INFO"] = DEMO_ORGANISER
    app_config["SURVEYAPP_RETENTION_DAYS"] = 120
    return app_config


ART_13_HEADINGS = [
    "Verantwortlich und Kontakt",
    "Zweck",
    "Rechtsgrundlage",
    "Freiwilligkeit",
    "Was gespeichert wird",
    "Wie lange",
    "Wer was erhält",
    "Ihre Rechte",
    "Beschwerde",
]


def test_the_privacy_page_gives_every_point_of_article_13(client):
    page = client.get("/datenschutz").text
    for heading in ART_13_HEADINGS:
        assert heading in page
    for fact in (
        "Beispielverein e. V.",
        "Dr. Maria Beispiel",
        'href="mailto:umfrage@transferagentur.example"',
        "+49 30 1234567",
        "10115 Berlin",
        "datenschutz@transferagentur.example",
        "Einwilligung nach Art. 6 Abs. 1 Buchst. a DSGVO.",
        "spätestens 120 Tage nach dem Ende",
        "Berliner Beauftragte für Datenschutz",
        "Art. 15 DSGVO",
        "freiwillig",
    ):
        assert fact in page, fact


def test_the_privacy_page_is_english_when_english_is_chosen(client):
    page = client.get("/datenschutz?lang=en").text
    assert "Legal basis" in page
    assert "Consent, Art. 6(1)(a)." in page
    assert "Berlin commissioner" in page


def test_a_participants_privacy_page_names_the_rounds_threshold(client, factory, session):
    survey_round = factory.round()
    survey_round.min_group_size = 4
    _, token = factory.invitation(factory.team(survey_round))
    session.commit()
    page = client.get(f"/s/{token}/datenschutz").text
    assert survey_round.name in page
    assert "mindestens 4 Personen" in page
    assert f'href="/s/{token}"' in page


def test_the_welcome_page_says_who_sees_what_and_whom_to_ask(client, factory, session):
    _, token = factory.invitation()
    session.commit()
    page = client.get(f"/s/{token}").text
    assert "Wer was sieht" in page
    assert "sieht alle Antworten, aber ohne Namen" in page
    assert "Die Ansprechperson Ihrer Kommune sieht nur" in page
    assert 'href="mailto:umfrage@transferagentur.example"' in page
    assert f'href="/s/{token}/datenschutz"' in page


def test_an_error_page_says_whom_to_ask(client):
    page = client.get("/s/not-a-real-token").text
    assert "umfrage@transferagentur.example" in page
    assert 'href="/datenschutz"' in page


def test_the_demos_organiser_file_is_valid_and_complete():
    from tests.conftest import ROOT

    organiser = load_organiser(
        {"SURVEYAPP_ORGANISER_FILE": str(ROOT / "examples" / "organiser.demo.yaml")}
    )
    assert organiser.has_contact and organiser.dpo and organiser.controller
    assert organiser.supervisory_authority.get("en").startswith("Berlin Commissioner")
