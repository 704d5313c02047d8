"""The participant's form, pure: field names, reading a page, form state, merging, progress."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from surveyapp.demo.answers import sample_answers
from surveyapp.participant.form import (
    anchor_id,
    field_name,
    form_state,
    item_field_names,
    option_id,
    parse_section,
)
from surveyapp.participant.merge import (
    base_after,
    base_of,
    decode_base,
    encode_base,
    fingerprint,
    merge_page,
)
from surveyapp.participant.progress import (
    describe_answer,
    missing_required,
    neighbours,
    resume_section,
    step_of,
)
from surveyapp.questionnaire import (
    Item,
    Option,
    QuestionnaireRegistry,
    Section,
    Text,
)
from surveyapp.questionnaire.model import BUILTIN_SCALES, RESERVED_SECTION_KEYS

ROOT = Path(__file__).resolve().parent.parent
QUESTIONNAIRES = QuestionnaireRegistry.from_directory(ROOT / "questionnaires")
REFLEXION = QUESTIONNAIRES.get("bildungsbuero-reflexion", 1)  # the factory rounds' version


def T(text: str) -> Text:
    return Text(text, text)


def options(*keys: str) -> tuple[Option, ...]:
    return tuple(Option(key, T(key.title())) for key in keys)


LIKERT = Item(
    "mood", "likert", T("Stimmung"), allow_na=True, scale=BUILTIN_SCALES["agreement"], dimension="x"
)
STRICT_LIKERT = Item("strict", "likert", T("Streng"), scale=BUILTIN_SCALES["agreement"])
IP = Item(
    "fn",
    "importance_performance",
    T("Funktion"),
    importance_scale=BUILTIN_SCALES["importance"],
    performance_scale=BUILTIN_SCALES["performance"],
)
SINGLE = Item("role", "single_choice", T("Rolle"), required=True, options=options("a", "b", "c"))
MULTI = Item(
    "topics", "multi_choice", T("Themen"), options=options("a", "b", "c", "d"), max_choices=2
)
RANKING = Item("prio", "ranking", T("Prioritäten"), options=options("a", "b", "c", "d"), top_n=3)
TEXT = Item("note", "text", T("Notiz"), multiline=True, max_length=10)
NUMBER = Item("fte", "number", T("Stellen"), min=0, max=100, unit=T("VZÄ"))
COUNT = Item("count", "number", T("Anzahl"), min=1, integer=True)
SECTION = Section(
    "page", T("Seite"), (LIKERT, STRICT_LIKERT, IP, SINGLE, MULTI, RANKING, TEXT, NUMBER, COUNT)
)


def parse(**fields: str | list[str]):
    data = {name: value if isinstance(value, list) else [value] for name, value in fields.items()}
    return parse_section(SECTION, data)


def only_error(page, key: str):
    assert list(page.errors) == [key], page.errors
    (error,) = page.errors[key]
    return error


# --- names ----------------------------------------------------------------------------------


def test_field_names_depend_on_the_item_key_only():
    assert item_field_names(LIKERT) == ["q_mood"]
    assert item_field_names(IP) == ["q_fn__importance", "q_fn__performance"]
    assert item_field_names(RANKING) == ["q_prio__1", "q_prio__2", "q_prio__3"]
    assert item_field_names(MULTI) == ["q_topics"]
    assert option_id(field_name("mood"), "na") == "q_mood-na"


def test_an_item_s_anchor_is_its_first_control():
    assert anchor_id(LIKERT) == "q_mood-1"
    assert anchor_id(IP) == "q_fn__importance-1"
    assert anchor_id(SINGLE) == "q_role-a"
    assert anchor_id(RANKING) == "q_prio__1"
    assert anchor_id(TEXT) == "q_note"


def test_no_section_of_a_shipped_questionnaire_is_named_like_a_participant_route():
    for questionnaire in QUESTIONNAIRES.all():
        assert not RESERVED_SECTION_KEYS & {section.key for section in questionnaire.sections}


# --- reading a page: one test per rule ------------------------------------------------------


def test_an_empty_page_stores_nothing_and_reports_nothing():
    page = parse()
    assert page.values == {} and page.errors == {}
    assert page.empty == {item.key for item in SECTION.items}


def test_likert_reads_ratings_and_cannot_judge_as_none():
    assert parse(q_mood="4").values["mood"] == 4
    assert parse(q_mood="na").values["mood"] is None


@pytest.mark.parametrize("value", ["0", "6", "x", "4.0"])
def test_likert_refuses_values_that_were_not_offered(value):
    assert only_error(parse(q_mood=value), "mood").code == "invalid"


def test_cannot_judge_is_refused_where_the_item_does_not_offer_it():
    assert only_error(parse(q_strict="na"), "strict").code == "invalid"


def test_importance_performance_needs_both_ratings():
    page = parse(q_fn__importance="5", q_fn__performance="2")
    assert page.values["fn"] == {"importance": 5, "performance": 2}
    error = only_error(parse(q_fn__importance="5"), "fn")
    assert (error.code, error.field_id) == ("incomplete", "q_fn__performance-1")
    error = only_error(parse(q_fn__performance="5"), "fn")
    assert (error.code, error.field_id) == ("incomplete", "q_fn__importance-1")
    assert only_error(parse(q_fn__importance="9", q_fn__performance="1"), "fn").code == "invalid"


def test_single_choice_takes_an_offered_option_only():
    assert parse(q_role="b").values["role"] == "b"
    assert only_error(parse(q_role="z"), "role").code == "invalid"


def test_multi_choice_keeps_questionnaire_order_and_refuses_too_many():
    assert parse(q_topics=["c", "a"]).values["topics"] == ["a", "c"]
    error = only_error(parse(q_topics=["a", "b", "c"]), "topics")
    assert (error.code, error.params) == ("too_many", {"limit": 2, "count": 3})
    assert only_error(parse(q_topics=["a", "zz"]), "topics").code == "invalid"


def test_ranking_reads_places_in_order():
    assert parse(q_prio__1="c", q_prio__2="a").values["prio"] == ["c", "a"]


def test_ranking_refuses_an_option_on_two_places_and_points_at_the_second():
    error = only_error(parse(q_prio__1="a", q_prio__2="b", q_prio__3="a"), "prio")
    assert (error.code, error.field_id) == ("repeated", "q_prio__3")
    assert error.params == {"option": "a", "first": 1, "second": 3}


@pytest.mark.parametrize(
    ("fields", "empty_place"),
    [({"q_prio__1": "a", "q_prio__3": "b"}, 2), ({"q_prio__2": "a"}, 1)],
)
def test_ranking_refuses_gaps_and_points_at_the_empty_place(fields, empty_place):
    error = only_error(parse(**fields), "prio")
    assert (error.code, error.field_id) == ("gap", f"q_prio__{empty_place}")


def test_ranking_refuses_unknown_options():
    assert only_error(parse(q_prio__1="zz"), "prio").code == "invalid"


def test_text_is_trimmed_and_line_breaks_normalised_before_counting():
    assert parse(q_note="  a\r\nb  ").values["note"] == "a\nb"
    assert parse(q_note="x" * 9 + "\r\n").values["note"] == "x" * 9
    assert parse(q_note="0123456789").values["note"] == "0123456789"


def test_text_longer_than_allowed_is_refused_and_kept_as_typed():
    page = parse(q_note="01234567890")
    error = only_error(page, "note")
    assert (error.code, error.params) == ("too_long", {"length": 11, "max": 10})
    assert page.state["q_note"] == ["01234567890"]


@pytest.mark.parametrize(
    ("typed", "stored"), [("2,5", 2.5), ("2.5", 2.5), ("3", 3), (" 12 ", 12), ("0", 0)]
)
def test_numbers_take_a_decimal_comma_or_point(typed, stored):
    value = parse(q_fte=typed).values["fte"]
    assert value == stored and type(value) is type(stored)


@pytest.mark.parametrize("typed", ["viele", "1e3", "nan", "inf", "1.000,5", "2,", ",5"])
def test_anything_but_a_plain_number_is_refused(typed):
    assert only_error(parse(q_fte=typed), "fte").code == "not_a_number"


@pytest.mark.parametrize("typed", ["-1", "100,5", "101"])
def test_numbers_outside_the_range_are_refused_with_the_range_named(typed):
    error = only_error(parse(q_fte=typed), "fte")
    assert (error.code, error.params) == ("out_of_range", {"min": 0, "max": 100})


def test_whole_numbers_only_where_the_item_says_so():
    assert parse(q_count="4").values["count"] == 4
    assert only_error(parse(q_count="2,5"), "count").code == "not_integer"
    assert only_error(parse(q_count="0"), "count").code == "out_of_range"


def test_a_rejected_page_keeps_everything_typed_including_valid_fields():
    page = parse(q_mood="2", q_note="far too long", q_topics=["a", "b"], q_prio__2="c")
    assert set(page.errors) == {"note", "prio"}
    assert page.values == {"mood": 2, "topics": ["a", "b"]}
    assert page.state == {
        "q_mood": ["2"],
        "q_note": ["far too long"],
        "q_topics": ["a", "b"],
        "q_prio__2": ["c"],
    }


# --- stored values back into the form -------------------------------------------------------


def test_form_state_shows_stored_values_as_fields():
    stored = {
        "mood": None,
        "fn": {"importance": 4, "performance": 1},
        "prio": ["b", "a"],
        "fte": 2.5,
        "topics": ["a"],
    }
    assert form_state(SECTION, stored) == {
        "q_mood": ["na"],
        "q_fn__importance": ["4"],
        "q_fn__performance": ["1"],
        "q_prio__1": ["b"],
        "q_prio__2": ["a"],
        "q_fte": ["2,5"],
        "q_topics": ["a"],
    }
    assert form_state(SECTION, {"fte": 2.5}, "en") == {"q_fte": ["2.5"]}


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(min_value=0, max_value=10**6), locale=st.sampled_from(["de", "en"]))
def test_any_valid_answer_survives_the_round_trip_through_the_form(seed, locale):
    answers = sample_answers(REFLEXION, random.Random(seed))
    for section in REFLEXION.sections:
        stored = {item.key: answers[item.key] for item in section.items}
        page = parse_section(section, form_state(section, stored, locale))
        assert page.errors == {}
        for item in section.items:
            if item.type == "multi_choice":  # the form lists choices in questionnaire order
                stored[item.key] = [key for key in item.option_keys if key in stored[item.key]]
        assert {key: fingerprint(v) for key, v in page.values.items()} == base_of(section, stored)


# --- merging a page into what is stored -----------------------------------------------------


def test_without_a_base_every_value_is_written_and_every_empty_field_cleared():
    page = parse(q_mood="3")
    changes = merge_page(SECTION, page, None, {"mood": 1, "note": "old"})
    assert changes.write == {"mood": 3}
    assert changes.clear == {"note"}


def test_a_field_left_as_loaded_is_not_written_so_another_tab_s_change_stays():
    loaded = {"mood": 1}
    page = parse(q_mood="1", q_note="new")
    now_stored = {"mood": 5}  # another tab changed it meanwhile
    changes = merge_page(SECTION, page, base_of(SECTION, loaded), now_stored)
    assert changes.write == {"note": "new"}
    assert changes.clear == set()


def test_a_field_empty_when_loaded_and_still_empty_keeps_what_another_tab_saved():
    page = parse(q_mood="2", q_role="a")
    stored = {"note": "from the other tab", "role": "b"}
    changes = merge_page(SECTION, page, base_of(SECTION, {}), stored)
    assert changes.clear == set()
    assert changes.kept == {"note": "from the other tab"}
    assert changes.write == {"mood": 2, "role": "a"}


def test_emptying_a_field_that_was_filled_when_loaded_clears_it():
    loaded = {"note": "old", "mood": 3}
    changes = merge_page(SECTION, parse(q_mood="3"), base_of(SECTION, loaded), loaded)
    assert changes.clear == {"note"}
    assert changes.write == {}


def test_an_unchanged_value_missing_from_storage_is_written_again():
    loaded = {"mood": 3}
    changes = merge_page(SECTION, parse(q_mood="3"), base_of(SECTION, loaded), {})
    assert changes.write == {"mood": 3}


def test_required_items_count_as_answered_when_another_tab_answered_them():
    assert [e.item_key for e in merge_page(SECTION, parse(), {}, {}).missing] == ["role"]
    assert merge_page(SECTION, parse(), {}, {"role": "a"}).missing == []
    missing = merge_page(SECTION, parse(), base_of(SECTION, {"role": "a"}), {"role": "a"}).missing
    assert [(e.code, e.field_id) for e in missing] == [("required", "q_role-a")]


def test_items_in_error_change_nothing():
    changes = merge_page(SECTION, parse(q_note="x" * 50), None, {"note": "old"})
    assert "note" not in changes.write and "note" not in changes.clear


def test_the_base_travels_as_a_compact_field_and_malformed_ones_are_ignored():
    base = base_of(SECTION, {"mood": 2, "note": "x"})
    assert decode_base(SECTION, encode_base(base)) == base
    assert decode_base(SECTION, "") == {}
    assert decode_base(SECTION, None) is None
    assert decode_base(SECTION, "mood:nothex") is None
    assert decode_base(SECTION, f"other:{'0' * 16}") == {}


def test_after_a_partial_save_the_base_shows_what_is_now_stored():
    page = parse(q_mood="2", q_note="too long text")
    base = base_of(SECTION, {"note": "old", "fte": 3})
    changes = merge_page(SECTION, page, base, {"note": "old", "fte": 3, "count": 7})
    after = base_after(SECTION, base, changes, page)
    assert after == {
        "mood": fingerprint(2),
        "note": base["note"],  # in error: not saved, still the old answer
        "count": fingerprint(7),  # kept from another tab, now shown
    }


def test_fingerprints_treat_whole_floats_as_integers():
    assert fingerprint(3.0) == fingerprint(3)
    assert fingerprint({"a": 1, "b": 2}) == fingerprint({"b": 2, "a": 1})
    assert fingerprint(None) != fingerprint("")


# --- progress and review --------------------------------------------------------------------


def test_steps_and_neighbours_follow_the_questionnaire():
    keys = [section.key for section in REFLEXION.sections]
    assert step_of(REFLEXION, keys[0]) == 1
    assert step_of(REFLEXION, keys[-1]) == len(keys)
    assert neighbours(REFLEXION, keys[0]) == (None, keys[1])
    assert neighbours(REFLEXION, keys[-1]) == (keys[-2], None)


def test_resume_goes_to_the_first_section_not_completed_then_to_the_review():
    keys = [section.key for section in REFLEXION.sections]
    assert resume_section(REFLEXION, []) == keys[0]
    assert resume_section(REFLEXION, [keys[0], keys[2]]) == keys[1]
    assert resume_section(REFLEXION, keys) is None


def test_missing_required_lists_items_with_their_section():
    missing = missing_required(REFLEXION, {"role": "team"})
    assert [(m.section.key, m.item.key) for m in missing] == [("about", "level")]


def test_answers_are_described_in_words_for_the_review():
    assert describe_answer(LIKERT, 4) == ["4 – stimme eher zu"]
    assert describe_answer(LIKERT, None, "en") == ["cannot judge"]
    assert describe_answer(IP, {"importance": 5, "performance": 2}) == [
        "Wie wichtig ist dies für das Bildungsbüro?: 5 – sehr wichtig",
        "Wie gut gelingt dies dem Bildungsbüro heute?: 2 – eher nicht gut",
    ]
    assert describe_answer(RANKING, ["c", "a"]) == ["1. C", "2. A"]
    assert describe_answer(MULTI, ["a", "d"]) == ["A", "D"]
    assert describe_answer(NUMBER, 2.5) == ["2,5 VZÄ"]
    assert describe_answer(TEXT, "a\nb") == ["a", "b"]


def test_number_bounds_are_inclusive():
    assert parse_section(SECTION, {"q_fte": ["100"]}).values["fte"] == 100
    assert parse_section(SECTION, {"q_fte": ["0"]}).values["fte"] == 0
