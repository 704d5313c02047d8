"""A small questionnaire and hand-made answers for the analysis tests."""

from __future__ import annotations

import textwrap
from typing import Any

from surveyapp.questionnaire import Questionnaire, parse_questionnaire

HAND_YAML = textwrap.dedent(
    """\
    id: hand
    version: 2
    estimated_minutes: 5
    title: {de: Hand, en: Hand}
    introduction: {de: Einleitung, en: Introduction}
    privacy_note: {de: Datenschutz, en: Privacy}
    dimensions:
      coop: {de: Zusammenarbeit, en: Cooperation}
    sections:
      - key: about
        title: {de: Person, en: Person}
        items:
          - key: role
            type: single_choice
            attribute: true
            compare: [leitung, team]
            label: {de: Rolle, en: Role}
            options:
              - {key: leitung, label: {de: Leitung, en: Head}}
              - {key: team, label: {de: Team, en: Staff}}
              - {key: partner, label: {de: Partner, en: Partner}}
              - {key: keine_angabe, label: {de: keine Angabe, en: not stated}}
      - key: work
        title: {de: Arbeit, en: Work}
        items:
          - {key: c1, type: likert, dimension: coop, label: {de: C1, en: C1}}
          - {key: c2, type: likert, dimension: coop, reverse: true, label: {de: C2, en: C2}}
          - key: c3
            type: likert
            dimension: coop
            allow_na: true
            previous_key: c3_old
            label: {de: C3, en: C3}
          - {key: f_a, type: importance_performance, label: {de: A, en: A}}
          - {key: f_b, type: importance_performance, label: {de: B, en: B}}
          - {key: f_c, type: importance_performance, label: {de: C, en: C}}
          - {key: f_d, type: importance_performance, allow_na: true, label: {de: D, en: D}}
          - key: prio
            type: ranking
            top_n: 2
            label: {de: Prioritäten, en: Priorities}
            options:
              - {key: f_a, label: {de: A, en: A}}
              - {key: f_b, label: {de: B, en: B}}
              - {key: f_c, label: {de: C, en: C}}
              - {key: f_d, label: {de: D, en: D}}
          - key: topics
            type: multi_choice
            label: {de: Themen, en: Topics}
            options:
              - {key: kita, label: {de: Kita, en: Nursery}}
              - {key: schule, label: {de: Schule, en: School}}
          - {key: fte, type: number, min: 0, max: 50, label: {de: Stellen, en: Staff}}
          - {key: wish, type: text, consultation: true, label: {de: Frage, en: Question}}
          - {key: note, type: text, label: {de: Notiz, en: Note}}
    """
)


def hand_questionnaire(version: int = 2) -> Questionnaire:
    text = HAND_YAML
    if version == 1:
        text = text.replace("version: 2", "version: 1")
        text = text.replace("        previous_key: c3_old\n", "")
        text = text.replace("- key: c3\n", "- key: c3_old\n")
    return parse_questionnaire(text, f"hand.v{version}.yaml")


def ip(importance: int | None, performance: int | None) -> dict[str, int | None]:
    return {"importance": importance, "performance": performance}


#: The team of four whose figures the tests write out by hand.
TEAM_OF_FOUR: list[dict[str, Any]] = [
    {
        "role": "leitung",
        "c1": 5,
        "c2": 1,
        "c3": 4,
        "f_a": ip(5, 2),
        "f_b": ip(4, 4),
        "f_c": ip(3, 3),
        "f_d": ip(4, 1),
        "prio": ["f_a", "f_d"],
        "topics": ["kita", "schule"],
        "fte": 2,
        "wish": "Wie steuern wir?",
        "note": "  ",
    },
    {
        "role": "team",
        "c1": 4,
        "c2": 2,
        "c3": None,
        "f_a": ip(5, 1),
        "f_b": ip(4, 3),
        "f_c": ip(2, 4),
        "f_d": ip(None, 2),
        "prio": ["f_a", "f_b"],
        "topics": ["schule"],
        "fte": 3.5,
        "wish": "anders arbeiten",
    },
    {
        "role": "team",
        "c1": 1,
        "c2": 5,
        "c3": 2,
        "f_a": ip(4, 3),
        "f_b": ip(5, 4),
        "f_c": ip(3, 2),
        "f_d": ip(5, None),
        "prio": ["f_d", "f_a"],
        "topics": [],
        "fte": 10,
        "wish": "Bessere Daten",
    },
    {
        "c1": 2,
        "c2": 4,
        "c3": 1,
        "f_a": ip(4, 2),
        "f_b": ip(3, 5),
        "f_c": ip(2, 3),
        "f_d": ip(4, 2),
        "prio": ["f_b", "f_c"],
        "fte": 4,
    },
]
