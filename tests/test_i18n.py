"""Every German source string has an English translation, and the catalogue has no leftovers."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "surveyapp" / "translations" / "en" / "LC_MESSAGES" / "messages.po"
METHODS = [("**.py", "python"), ("**/templates/**.html", "jinja2")]
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "lazy_gettext": None,
    "lazy_ngettext": (1, 2),
    "_l": None,
}


def _source_messages() -> set[str]:
    found: set[str] = set()
    sources = [(ROOT / "surveyapp", METHODS), (ROOT / "reports", [("**.html", "jinja2")])]
    for folder, methods in sources:
        for _file, _line, message, _comments, _context in extract_from_dir(
            folder, methods, keywords=KEYWORDS
        ):
            found.add(message[0] if isinstance(message, tuple) else message)
    return found


def _catalogue():
    with CATALOGUE.open("rb") as handle:
        return read_po(handle)


def test_every_source_string_is_in_the_english_catalogue():
    catalogue = _catalogue()
    missing = sorted(m for m in _source_messages() if m not in catalogue)
    assert not missing, "run `make extract-messages` and translate:\n" + "\n".join(missing)


def test_every_catalogue_entry_is_translated_and_not_fuzzy():
    catalogue = _catalogue()
    untranslated = [
        m.id
        for m in catalogue
        if m.id and (not m.string or m.fuzzy or (m.pluralizable and not all(m.string)))
    ]
    assert not untranslated, "untranslated or fuzzy:\n" + "\n".join(map(str, untranslated))


def test_placeholders_survive_translation():
    import re

    placeholder = re.compile(r"%\(\w+\)[sd]")

    def names(text: str) -> list[str]:
        # %(num)d may be spelled out in a singular ("one link"); every other name must stay
        return sorted(n for n in placeholder.findall(text) if n != "%(num)d")

    for message in _catalogue():
        if not message.id or not message.string:
            continue
        sources = message.id if message.pluralizable else (message.id,)
        targets = message.string if message.pluralizable else (message.string,)
        for target in targets:
            assert names(target) == names(sources[-1]), message.id
