"""Arbitrary input gives a questionnaire or its QuestionnaireError, never anything else."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from surveyapp.questionnaire import (
    Questionnaire,
    QuestionnaireError,
    parse_questionnaire,
)
from tests.questionnaire_texts import (
    VALID,
)

# -- arbitrary input: only QuestionnaireError, never anything else -------------------------------


def _load_or_refuse(raw: str | bytes) -> None:
    try:
        result = parse_questionnaire(raw, "fuzz.yaml")
    except QuestionnaireError as exc:
        assert exc.problems and all(isinstance(p.message, str) for p in exc.problems)
        str(exc)
    else:
        assert isinstance(result, Questionnaire)


scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=12)
    | st.sampled_from(["de", "en", "likert", "ranking", "key", "options", "cooperation"])
)
yaml_values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(scalars.filter(lambda v: not isinstance(v, float)), children, max_size=4)
    ),
    max_leaves=25,
)
VALID_DATA = yaml.safe_load(VALID)


def _paths(value: object, prefix: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Return every path into a nested structure of dicts and lists."""
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _paths(child, (*prefix, index))
    return found


VALID_PATHS = _paths(VALID_DATA)[1:]


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_arbitrary_text_gives_a_questionnaire_or_its_error(text: str) -> None:
    _load_or_refuse(text)


@settings(max_examples=200, deadline=None)
@given(st.binary())
def test_arbitrary_bytes_give_a_questionnaire_or_its_error(raw: bytes) -> None:
    _load_or_refuse(raw)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, len(VALID)), st.integers(0, 5), st.text(max_size=5)),
        min_size=1,
        max_size=4,
    )
)
def test_edited_questionnaire_text_gives_a_questionnaire_or_its_error(
    edits: list[tuple[int, int, str]],
) -> None:
    text = VALID
    for position, length, insert in edits:
        text = text[:position] + insert + text[position + length :]
    _load_or_refuse(text)


@settings(max_examples=200, deadline=None)
@given(yaml_values)
def test_arbitrary_yaml_structures_give_a_questionnaire_or_its_error(value: object) -> None:
    _load_or_refuse(yaml.safe_dump(value, allow_unicode=True))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(VALID_PATHS), yaml_values), min_size=1, max_size=3))
def test_mutated_questionnaires_give_a_questionnaire_or_its_error(
    mutations: list[tuple[tuple[object, ...], object]],
) -> None:
    import copy

    data = copy.deepcopy(VALID_DATA)
    for path, value in mutations:
        node = data
        try:
            for step in path[:-1]:
                node = node[step]
            node[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed or replaced this path
    _load_or_refuse(yaml.safe_dump(data, allow_unicode=True))
