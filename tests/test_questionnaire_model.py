"""The questionnaire model: what a valid file becomes, texts, scales, the stored answer shape."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from surveyapp.questionnaire import (
    Item,
    Problem,
    Questionnaire,
    Text,
    load_questionnaire,
    parse_questionnaire,
)
from tests.questionnaire_texts import (
    ROOT,
    VALID,
    edit,
    line_of,
)

# -- the format ---------------------------------------------------------------------------------


def test_valid_file_loads_into_the_model(tmp_path: Path) -> None:
    path = tmp_path / "ok.yaml"
    path.write_text(VALID, encoding="utf-8")
    q = load_questionnaire(path)
    assert (q.id, q.version, q.estimated_minutes, q.source) == ("team-check", 1, 5, path)
    assert q.title == Text("Team-Check", "Team check")
    assert [s.key for s in q.sections] == ["about", "work"]
    assert [i.key for i in q.items][:3] == ["role", "coop_good", "coop_silos"]
    assert q.section("work").intro.en == "How do you work?"
    assert q.dimensions == {"cooperation": Text("Zusammenarbeit", "Cooperation")}
    assert [i.key for i in q.attributes] == ["role"]
    assert q.item("coop_good").line == line_of(VALID, "- key: coop_good")
    assert q.item("coop_silos").reverse and not q.item("coop_silos").allow_na
    assert len(q.item("coop_good").scale) == 5
    assert q.item("topics").max_choices == 2
    assert q.item("priorities").top_n == 2
    assert q.item("fte").unit == Text("Stellen", "positions")
    assert q.item("wish").max_length == 20
    with pytest.raises(KeyError):
        q.item("nope")


def test_content_hash_is_the_sha256_of_the_raw_bytes(tmp_path: Path) -> None:
    import hashlib

    path = tmp_path / "ok.yaml"
    path.write_text(VALID, encoding="utf-8")
    assert load_questionnaire(path).content_hash == hashlib.sha256(path.read_bytes()).hexdigest()


def test_text_falls_back_to_german() -> None:
    text = Text("Hallo", "Hello")
    assert (text.get("de"), text.get("en"), text.get("en_GB"), text.get("fr")) == (
        "Hallo",
        "Hello",
        "Hello",
        "Hallo",
    )
    assert text.get(None) == "Hallo"


def test_scales_can_be_declared_at_top_level_and_chosen_per_item() -> None:
    labels = "\n".join(f"    - {{de: P{n}, en: P{n}}}" for n in range(1, 6))
    text = edit(
        VALID,
        ("dimensions:\n", f"scales:\n  frequency:\n{labels}\ndimensions:\n"),
        ("    reverse: true\n", "    reverse: true\n        scale: frequency\n"),
    )
    q = parse_questionnaire(text)
    assert [t.de for t in q.item("coop_silos").scale] == ["P1", "P2", "P3", "P4", "P5"]
    assert q.item("coop_good").scale[0].de == "stimme gar nicht zu"


def test_readme_example_is_a_valid_questionnaire() -> None:
    readme = (ROOT / "questionnaires" / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(.*?)```", readme, re.S)
    assert example is not None
    q = parse_questionnaire(example.group(1), "README.md")
    assert q.id == "team-check"


def test_questionnaire_is_hashable_and_comparable(small: Questionnaire) -> None:
    again = parse_questionnaire(VALID, "small.yaml")
    assert again == small and hash(again) == hash(small)


def test_problem_reads_file_line_item_message() -> None:
    assert str(Problem("q.yaml", "role", 12, "boom")) == "q.yaml:12: item 'role': boom"
    assert str(Problem("q.yaml", None, 3, "boom")) == "q.yaml:3: boom"
    assert str(Problem("q.yaml", None, None, "boom")) == "q.yaml: boom"


# -- stored answer values -----------------------------------------------------------------------

CHECKS = [
    ("coop_good", 1, True),
    ("coop_good", 5, True),
    ("coop_good", None, True),
    ("coop_silos", None, False),
    ("coop_good", 0, False),
    ("coop_good", 6, False),
    ("coop_good", "3", False),
    ("coop_good", True, False),
    ("coop_good", 3.0, False),
    ("fn_coord", {"importance": 5, "performance": 2}, True),
    ("fn_coord", {"importance": 5}, False),
    ("fn_coord", {"importance": 5, "performance": 6}, False),
    ("fn_coord", {"importance": 5, "performance": 2, "why": 1}, False),
    ("fn_coord", [5, 2], False),
    ("role", "leitung", True),
    ("role", "boss", False),
    ("role", ["leitung"], False),
    ("topics", ["schule", "beruf"], True),
    ("topics", [], True),
    ("topics", ["schule", "schule"], False),
    ("topics", ["schule", "kita", "beruf"], False),
    ("topics", ["uni"], False),
    ("topics", "schule", False),
    ("priorities", ["fn_c", "fn_a"], True),
    ("priorities", ["fn_c", "fn_a", "fn_b"], False),
    ("priorities", ["fn_c", "fn_c"], False),
    ("priorities", [["fn_a"]], False),
    ("wish", "Mehr Zeit", True),
    ("wish", "x" * 21, False),
    ("wish", 5, False),
    ("fte", 0, True),
    ("fte", 7.5, True),
    ("fte", 10.5, False),
    ("fte", -1, False),
    ("fte", "5", False),
    ("fte", True, False),
    ("fte", float("nan"), False),
]


@pytest.mark.parametrize(("key", "value", "valid"), CHECKS)
def test_check_value_accepts_only_the_stored_shape(
    small: Questionnaire, key: str, value: object, valid: bool
) -> None:
    problems = small.item(key).check_value(value)
    assert (problems == []) is valid, problems
    assert all(isinstance(p, str) and p for p in problems)


def test_integer_number_item_refuses_fractions() -> None:
    item = Item(key="n", type="number", label=Text("n", "n"), min=0, max=9, integer=True)
    assert item.check_value(3) == [] and item.check_value(3.0) == []
    assert item.check_value(3.5) == ["expected a whole number, got 3.5"]
