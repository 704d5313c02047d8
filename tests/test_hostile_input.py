"""Hostile input everywhere, checked on the server: the corpus (tests/hostile.py) goes into
every free-text answer, every name (round, municipality, team, contact) and every
facilitator form; then every page, export and results page is asked for.

Nothing may give a 5xx, no page may carry a payload's markup unescaped, and no CSV or XLSX
cell may start a formula (as Excel reads it: after leading blanks, at semicolons too).
The browser half (nothing runs, long strings wrap) is in test_hostile_browser.py.
"""

from __future__ import annotations

import csv
import io
import itertools
import random
import subprocess

import openpyxl
import pytest
import sqlalchemy as sa

from surveyapp.demo.answers import sample_answers
from surveyapp.models import Invitation, Municipality, Role, SurveyRound, Team, User
from surveyapp.questionnaire import ItemType
from tests.factories import DEFAULT_VERSION, QUESTIONNAIRE_ID, SHIPPED_SECTIONS, login
from tests.hostile import CONTROL, CORPUS, TARGETED, sample
from tests.servers import InProcess, Participant

#: Markup of the targeted payloads that must never reach a page as markup.
RAW_MARKERS = (
    "<script>alert",
    "<img src=x",
    "<svg onload",
    "<svg><script",
    "<iframe src",
    '<a href="javascript:',
    '<div style="position:fixed',
)
FORMULA_STARTS = ("=", "+", "-", "@")
#: The names get the whole corpus; the other fields (whose checks refuse most of it before
#: anything is stored) a deterministic sample that holds every targeted payload.
SAMPLED = set(sample(50))
K = 3


def unescaped(html: str) -> list[str]:
    return [marker for marker in RAW_MARKERS if marker in html]


def formula_cells(data: bytes, kind: str) -> list[str]:
    """Cells a spreadsheet would run: CSV read at commas and at semicolons, XLSX as stored."""
    cells: list[str] = []
    if kind == "csv":
        text = data.decode("utf-8-sig")
        for delimiter in (",", ";"):
            cells += [c for row in csv.reader(io.StringIO(text), delimiter=delimiter) for c in row]
    else:
        book = openpyxl.load_workbook(io.BytesIO(data))
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.data_type == "f":
                        return [f"formula cell {sheet.title}!{cell.coordinate}: {cell.value}"]
                    if isinstance(cell.value, str):
                        cells.append(cell.value)
    return [cell[:60] for cell in cells if cell.lstrip(" \t\r\n").startswith(FORMULA_STARTS)]


class Checker:
    """Asks for pages and collects everything that is wrong with them."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.asked = 0
        self.pdf_texts: dict[str, str] = {}

    def check(self, response, what: str) -> None:
        self.asked += 1
        if response.status_code >= 500:
            self.problems.append(f"{what}: {response.status_code}")
        if response.mimetype == "text/html":
            found = unescaped(response.get_data(as_text=True))
            if found:
                self.problems.append(f"{what}: unescaped {found}")
        elif response.mimetype in ("text/csv", "text/plain") or what.endswith(".csv"):
            bad = formula_cells(response.get_data(), "csv")
            if bad:
                self.problems.append(f"{what}: formula cells {bad[:3]}")
        elif response.mimetype == "application/pdf":
            rendered = subprocess.run(
                ["pdftotext", "-", "-"], input=response.get_data(), capture_output=True, timeout=60
            )
            text = rendered.stdout.decode("utf-8", "replace")
            if rendered.returncode != 0 or not text.strip():
                self.problems.append(f"{what}: the PDF does not render as text")
            self.pdf_texts[what] = text
        elif "spreadsheetml" in response.mimetype:
            bad = formula_cells(response.get_data(), "xlsx")
            if bad:
                self.problems.append(f"{what}: formula cells {bad[:3]}")
        response.close()


def fill_facilitator_forms(client, checker: Checker, round_id: int, team_id: int) -> None:
    """Every facilitator form, each text field given each payload."""
    questionnaire = "bildungsbuero-reflexion@2"
    for number, text in enumerate(CORPUS):
        checker.check(
            client.post(
                "/f/rounds/new",
                data={"name": text, "questionnaire": questionnaire, "min_group_size": "3"},
            ),
            f"new round {number}",
        )
        checker.check(
            client.post("/f/municipalities/new", data={"name": text + " M", "kind": "city"}),
            f"new municipality {number}",
        )
        checker.check(
            client.post(
                f"/f/rounds/{round_id}/teams/new",
                data={"municipality": "new", "new_name": text, "new_kind": "city", "name": text},
            ),
            f"new team {number}",
        )
        if text in SAMPLED:  # a new account each: hashing its password is slow
            checker.check(
                client.post(
                    f"/f/teams/{team_id}/contacts",
                    data={"email": f"kontakt{number}@example.org", "name": text, "password": ""},
                ),
                f"contact name {number}",
            )
        if text not in SAMPLED:
            continue
        anonymous = client.application.test_client()
        for data in (
            {"email": text, "password": text},
            {"email": "f@example.org", "password": text},
        ):
            checker.check(anonymous.post("/login", data=data), f"login {number}")
        for url, data in (
            (f"/f/teams/{team_id}/contacts", {"email": text, "name": "x"}),
            (f"/f/rounds/{round_id}/facilitators", {"email": text}),
            (f"/f/teams/{team_id}/invitations", {"count": text}),
            (f"/f/rounds/{round_id}/delete-responses", {"confirm_name": text}),
            (f"/f/rounds/{round_id}/edit", {"name": text, "min_group_size": text}),
        ):
            checker.check(client.post(url, data=data), f"{url} {number}")


def hostile_answers(questionnaire, texts: list[str], seed: int) -> dict[str, object]:
    answers = sample_answers(questionnaire, random.Random(seed))
    text_items = [item for item in questionnaire.items if item.type is ItemType.TEXT]
    for item, text in zip(text_items, texts, strict=False):
        answers[item.key] = text
    return answers


def answer_with_payloads(
    app,
    session,
    factory,
    team,
    checker: Checker,
    texts: list[str] = CORPUS,
):
    """Participants whose free-text answers are ``texts`` (the corpus); returns their tokens."""
    questionnaire = factory.registry.get(
        team.round.questionnaire_id, team.round.questionnaire_version
    )
    per_response = sum(1 for item in questionnaire.items if item.type is ItemType.TEXT)
    chunks = [texts[i : i + per_response] for i in range(0, len(texts), per_response)]
    tokens = [factory.invitation(team)[1] for _ in chunks]
    session.commit()
    for number, (token, texts) in enumerate(zip(tokens, chunks, strict=True)):
        participant = Participant(
            "",
            token,
            questionnaire,
            hostile_answers(questionnaire, texts, number),
            http=InProcess(app.test_client()),
        )
        participant.start()
        for index in range(len(questionnaire.sections)):
            status = participant.try_save(index)
            if status not in (303, 422):  # 422: a field message (e.g. too long)
                checker.problems.append(f"participant {number} page {index}: {status}")
            if unescaped(participant.last_page):
                checker.problems.append(f"participant {number} page {index}: unescaped")
        participant.http.client.post(f"/s/{token}/submit")
        for path in ("review", "done", ""):
            checker.check(participant.http.client.get(f"/s/{token}/{path}"), f"/s/…/{path}")
    return tokens


def visit_everything(app, session, checker: Checker, admin, contact, first: dict) -> None:
    """Every GET route of the facilitator side, for a sample of the hostile objects (the
    round and team with the answers first). PDFs, slow to render, only for those two and
    the team named with the first targeted payload."""
    session.expire_all()
    pick = random.Random(14)
    rounds = [r for r in session.scalars(sa.select(SurveyRound.id)) if r != first["round_id"]]
    teams = [t for t in session.scalars(sa.select(Team.id)) if t != first["team_id"]]
    script_team = session.scalar(sa.select(Team.id).where(Team.name == TARGETED[0]))
    values = {
        "round_id": [first["round_id"], *pick.sample(rounds, min(11, len(rounds)))],
        "team_id": [first["team_id"], *pick.sample(teams, min(11, len(teams)))],
        "municipality_id": pick.sample(list(session.scalars(sa.select(Municipality.id))), 8),
        "invitation_id": list(session.scalars(sa.select(Invitation.id).limit(1))),
        "user_id": [contact.id],
        # the questionnaire preview shows files, not the hostile objects: one page of each
        "qid": [QUESTIONNAIRE_ID],
        "version": [DEFAULT_VERSION],
        "section_key": [SHIPPED_SECTIONS[0]],
    }
    as_admin, as_contact = app.test_client(), app.test_client()
    login(as_admin, admin)
    login(as_contact, contact)
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or not rule.endpoint.startswith(("facilitator.", "main.")):
            continue
        client = (
            as_contact
            if rule.endpoint.startswith("facilitator.my")
            or (rule.endpoint == "facilitator.contact_team")
            else as_admin
        )
        if set(rule.arguments) - values.keys() - {"fmt"}:
            pytest.fail(f"{rule.endpoint}: say in visit_everything which values {rule.arguments}")
        names = sorted(rule.arguments)
        choices = {
            name: sorted(rule._converters[name].items) if name == "fmt" else values[name]
            for name in names
        }
        if rule.rule.endswith(".pdf"):
            choices = {name: values[name][:1] for name in names}
            if names == ["team_id"] and script_team is not None:
                choices["team_id"] = [first["team_id"], script_team]
        for combination in itertools.product(*(choices[name] for name in names)):
            url = app.url_map.bind("surveyapp.test").build(
                rule.endpoint, dict(zip(names, combination, strict=True))
            )
            checker.check(client.get(url), url)
    if any(rule.rule.endswith(".pdf") for rule in app.url_map.iter_rules()):
        assert any(what.startswith(f"/f/teams/{script_team}/") for what in checker.pdf_texts)
    for what, text in checker.pdf_texts.items():
        if what.startswith(f"/f/teams/{script_team}/"):
            # the payload in the team's name is shown as text, not lost and not run
            assert 'alert("xss-script")' in "".join(text.split()), what
    session.rollback()


def test_the_corpus_everywhere_gives_no_server_error_no_markup_and_no_formula(
    app, session, factory
):
    facilitator = factory.user(Role.FACILITATOR, email="f@example.org")
    admin = factory.user(Role.ADMIN, email="admin@example.org")
    contact = factory.user(Role.CONTACT, email="c@example.org")
    survey_round = factory.round(
        name="Feindliche Runde", facilitators=[facilitator], min_group_size=K
    )
    team = factory.team(survey_round, factory.municipality("Feindstadt"), contacts=[contact])
    session.commit()
    checker = Checker()
    answer_with_payloads(app, session, factory, team, checker)
    client = app.test_client()
    login(client, facilitator)
    fill_facilitator_forms(client, checker, survey_round.id, team.id)
    # the contact is also in every hostile team, to see them
    session.expire_all()
    for other in session.scalars(sa.select(Team).where(Team.round_id == survey_round.id)):
        if contact not in other.contacts:
            other.contacts.append(session.get(User, contact.id))
    session.commit()
    visit_everything(
        app, session, checker, admin, contact, {"round_id": survey_round.id, "team_id": team.id}
    )

    assert not checker.problems, "\n".join(checker.problems[:40])
    assert checker.asked > 800


@pytest.mark.parametrize("text", CONTROL)
def test_control_characters_in_an_answer_break_neither_the_page_nor_the_exports(
    app, session, factory, text
):
    facilitator = factory.user(Role.FACILITATOR, email="f@example.org")
    survey_round = factory.round(facilitators=[facilitator])
    team = factory.team(survey_round, factory.municipality("Steuerstadt"))
    session.commit()
    checker = Checker()
    answer_with_payloads(app, session, factory, team, checker, [text])
    client = app.test_client()
    login(client, facilitator)
    for fmt in ("csv", "xlsx"):
        checker.check(client.get(f"/f/rounds/{survey_round.id}/export.{fmt}"), fmt)
    assert not checker.problems, checker.problems
