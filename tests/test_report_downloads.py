"""Report downloads in the browser: who gets which PDF, its name, the cache and the audit log."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from surveyapp.models import AuditEvent, Role
from tests.factories import login
from tests.pdf_reading import flat, pdf_tags, pdf_text
from tests.report_round import make_report_round


def _events(session, action: str) -> list[AuditEvent]:
    return list(session.scalars(sa.select(AuditEvent).where(AuditEvent.action == action)))


def test_the_facilitator_downloads_a_team_report_rendered_once_and_audited(
    app, client, session, factory
):
    world = make_report_round(factory)
    login(client, world.facilitator)
    url = f"/f/teams/{world.lindenfeld.id}/report.pdf"
    cache = Path(app.instance_path) / "report-cache"
    before = set(cache.glob("*.pdf"))

    first = client.get(url)
    assert first.status_code == 200
    assert first.mimetype == "application/pdf"
    assert 'filename="2026-herbst_lindenfeld_bericht.pdf"' in first.headers["Content-Disposition"]
    assert first.headers["Cache-Control"] == "no-store"
    assert "Lindenfeld" in flat(pdf_text(first.data))

    rendered = set(cache.glob("*.pdf")) - before
    assert len(rendered) == 1
    second = client.get(url)
    assert second.data == first.data
    assert set(cache.glob("*.pdf")) - before == rendered
    events = _events(session, "report.download")
    assert len(events) == 2
    assert events[0].target == "Lindenfeld" and events[0].actor == world.facilitator.email


def test_the_team_contact_gets_the_own_report_and_no_other(client, session, factory):
    world = make_report_round(factory)
    contact = factory.user(Role.CONTACT, email="kontakt@lindenfeld.example")
    world.lindenfeld.contacts.append(contact)
    session.commit()
    login(client, contact)
    assert client.get(f"/f/teams/{world.lindenfeld.id}/report.pdf").status_code == 200
    assert client.get(f"/f/teams/{world.birkenau.id}/report.pdf").status_code == 404
    assert client.get(f"/f/rounds/{world.survey_round.id}/brief.pdf").status_code == 403
    page = client.get(f"/f/my/teams/{world.lindenfeld.id}")
    assert f"/f/teams/{world.lindenfeld.id}/report.pdf" in page.get_data(as_text=True)


def test_another_facilitator_gets_neither_report_nor_brief(client, session, factory):
    world = make_report_round(factory)
    stranger = factory.user(Role.FACILITATOR, email="fremd@example.org")
    session.commit()
    login(client, stranger)
    assert client.get(f"/f/teams/{world.lindenfeld.id}/report.pdf").status_code == 404
    assert client.get(f"/f/rounds/{world.survey_round.id}/brief.pdf").status_code == 404
    assert _events(session, "report.download") == []


def test_the_facilitator_downloads_the_brief_in_english(client, session, factory):
    world = make_report_round(factory)
    login(client, world.facilitator)
    round_page = client.get(f"/f/rounds/{world.survey_round.id}").get_data(as_text=True)
    assert "Workshop-Unterlage (PDF)" in round_page

    response = client.get(f"/f/rounds/{world.survey_round.id}/brief.pdf?lang=en")
    assert response.status_code == 200
    assert 'filename="2026-herbst_workshop-brief.pdf"' in response.headers["Content-Disposition"]
    assert pdf_tags(response.data).lang == "en"
    text = flat(pdf_text(response.data))
    assert "Workshop brief" in text and "Birkenau" in text
    assert [e.target for e in _events(session, "brief.download")] == ["Herbst 2026"]
