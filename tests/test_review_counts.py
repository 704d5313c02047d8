"""The review page says how many questions are still unanswered and links to each."""

from __future__ import annotations

import re

from tests.test_participant_views import save


def test_the_review_counts_the_unanswered_questions_and_links_to_them(
    client, factory, session, registry
):
    invitation, token = factory.invitation()
    session.commit()
    client.post(f"/s/{token}/start")
    save(client, token, "about", {"q_role": "team", "q_level": "operativ"})
    page = client.get(f"/s/{token}/review").text
    questionnaire = registry.get(
        invitation.team.round.questionnaire_id, invitation.team.round.questionnaire_version
    )
    open_items = len(questionnaire.items) - 2
    assert f"{open_items} Fragen sind noch unbeantwortet" in page
    links = re.findall(r'<li><a href="(/s/[^"]+#[^"]+)"', page)
    assert len(links) == open_items
    assert f"/s/{token}/mandate#q_placement-stabsstelle" in links
    assert not [link for link in links if f"/s/{token}/about#" in link]  # complete page
