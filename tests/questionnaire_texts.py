"""Questionnaire texts for the tests: a valid file with every item type, and ways to break it."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from surveyapp.questionnaire import (
    Problem,
    QuestionnaireError,
    load_questionnaire,
)

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "questionnaires" / "bildungsbuero-reflexion.v1.yaml"

VALID = textwrap.dedent(
    """\
    id: team-check
    version: 1
    estimated_minutes: 5
    title: {de: Team-Check, en: Team check}
    introduction: {de: Einleitung, en: Introduction}
    privacy_note: {de: Datenschutz, en: Privacy}
    dimensions:
      cooperation: {de: Zusammenarbeit, en: Cooperation}
    sections:
      - key: about
        title: {de: Zu Ihrer Person, en: About you}
        items:
          - key: role
            type: single_choice
            attribute: true
            required: true
            label: {de: Rolle, en: Role}
            options:
              - key: leitung
                label: {de: Leitung, en: Head}
              - key: team
                label: {de: Team, en: Staff}
      - key: work
        title: {de: Arbeit, en: Work}
        intro: {de: "Wie arbeiten Sie?", en: "How do you work?"}
        items:
          - key: coop_good
            type: likert
            dimension: cooperation
            allow_na: true
            label: {de: Wir arbeiten gut zusammen., en: We work well together.}
          - key: coop_silos
            type: likert
            dimension: cooperation
            reverse: true
            label: {de: Jeder arbeitet für sich., en: Everyone works alone.}
          - key: fn_coord
            type: importance_performance
            label: {de: Koordination, en: Coordination}
          - key: topics
            type: multi_choice
            max_choices: 2
            label: {de: Themen, en: Topics}
            options:
              - key: schule
                label: {de: Schule, en: School}
              - key: kita
                label: {de: Kita, en: Nursery}
              - key: beruf
                label: {de: Beruf, en: Work}
          - key: priorities
            type: ranking
            top_n: 2
            label: {de: Prioritäten, en: Priorities}
            options:
              - key: fn_a
                label: {de: A, en: A}
              - key: fn_b
                label: {de: B, en: B}
              - key: fn_c
                label: {de: C, en: C}
          - key: wish
            type: text
            max_length: 20
            label: {de: Wunsch, en: Wish}
          - key: fte
            type: number
            min: 0
            max: 10
            unit: {de: Stellen, en: positions}
            label: {de: Stellen, en: Positions}
    """
)


def edit(text: str, *replacements: tuple[str, str]) -> str:
    """Apply replacements that must each match exactly once."""
    for old, new in replacements:
        assert text.count(old) == 1, f"{old!r} must occur once"
        text = text.replace(old, new)
    return text


def line_of(text: str, snippet: str, occurrence: int = 1) -> int:
    """Return the 1-based line of the n-th occurrence of ``snippet``."""
    position = -1
    for _ in range(occurrence):
        position = text.index(snippet, position + 1)
    return text.count("\n", 0, position) + 1


def problems_of(tmp_path: Path, text: str | bytes, name: str = "broken.yaml") -> list[Problem]:
    """Write a broken file, load it and return the problems it raised."""
    path = tmp_path / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    with pytest.raises(QuestionnaireError) as caught:
        load_questionnaire(path)
    assert all(problem.file == str(path) for problem in caught.value.problems)
    return caught.value.problems


def only_problem(tmp_path: Path, text: str) -> Problem:
    problems = problems_of(tmp_path, text)
    assert len(problems) == 1, problems
    return problems[0]


def write(directory: Path, name: str, text: str) -> Path:
    directory.mkdir(exist_ok=True)
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path
