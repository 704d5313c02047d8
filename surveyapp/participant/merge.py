"""Merging a submitted page into the answers already stored, so that two tabs lose nothing.

Every page carries the hidden field ``_base``: a fingerprint of each answer as the page
showed it when it was loaded (``item_key:fingerprint`` pairs, comma-separated). A field the
participant left as loaded is not written, so two tabs open on the same page write only what
each of them changed; an empty field clears an answer only if it was filled when loaded.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from surveyapp.participant.form import FieldError, ParsedPage, anchor_id
from surveyapp.questionnaire.model import Item, Section

BASE_FIELD = "_base"
_DIGEST = re.compile(r"^[0-9a-f]{16}$")


def _canonical(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {key: _canonical(part) for key, part in value.items()}
    if isinstance(value, list):
        return [_canonical(part) for part in value]
    return value


def fingerprint(value: Any) -> str:
    """Return a short, stable fingerprint of a stored value (3 and 3.0 are the same)."""
    text = json.dumps(_canonical(value), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def base_of(section: Section, values: Mapping[str, Any]) -> dict[str, str]:
    """Return the fingerprints of a section's stored answers: the base of a freshly shown page."""
    return {item.key: fingerprint(values[item.key]) for item in section.items if item.key in values}


def encode_base(base: Mapping[str, str]) -> str:
    """Write fingerprints into the ``_base`` field."""
    return ",".join(f"{key}:{digest}" for key, digest in base.items())


def decode_base(section: Section, raw: str | None) -> dict[str, str] | None:
    """Read the ``_base`` field; None when it is missing or malformed (merge then trusts all)."""
    if raw is None:
        return None
    keys = {item.key for item in section.items}
    base: dict[str, str] = {}
    for pair in filter(None, raw.split(",")):
        key, sep, digest = pair.partition(":")
        if not sep or not _DIGEST.match(digest):
            return None
        if key in keys:
            base[key] = digest
    return base


@dataclass
class PageChanges:
    """What saving a page writes and removes, and which required items are still missing."""

    #: Answers to store: the ones this page changed, or that are not stored.
    write: dict[str, Any] = field(default_factory=dict)
    #: Items this page emptied although they were filled when it was loaded.
    clear: set[str] = field(default_factory=set)
    #: Stored answers this page did not show (another tab gave them); left as they are.
    kept: dict[str, Any] = field(default_factory=dict)
    #: Required items without an answer after the merge.
    missing: list[FieldError] = field(default_factory=list)


def required_error(item: Item) -> FieldError:
    """Return the error for a required item that has no answer."""
    return FieldError(item.key, anchor_id(item), "required")


def merge_page(
    section: Section,
    page: ParsedPage,
    base: Mapping[str, str] | None,
    stored: Mapping[str, Any],
) -> PageChanges:
    """Decide what a submitted page changes, given what the page showed and what is stored.

    A field the participant left as loaded is not written, so a change made meanwhile in
    another tab stays; an empty field clears an answer only if it was filled when loaded.
    Without a base every value is written and every empty field cleared. Items in error
    change nothing.
    """
    changes = PageChanges()
    for item in section.items:
        key = item.key
        if key in page.errors:
            continue
        if key in page.values:
            value = page.values[key]
            unchanged = base is not None and base.get(key) == fingerprint(value)
            if not (unchanged and key in stored):
                changes.write[key] = value
        elif base is None or key in base:
            if key in stored:
                changes.clear.add(key)
        elif key in stored:
            changes.kept[key] = stored[key]
        answered = key in page.values or key in changes.kept
        if item.required and not answered:
            changes.missing.append(required_error(item))
    return changes


def base_after(
    section: Section, base: Mapping[str, str] | None, changes: PageChanges, page: ParsedPage
) -> dict[str, str]:
    """Return the base for a page shown again after saving: what it now shows as saved."""
    after = dict(base or {})
    for key, value in {**page.values, **changes.kept}.items():
        after[key] = fingerprint(value)
    for key in page.empty:
        if key not in changes.kept:
            after.pop(key, None)
    return {item.key: after[item.key] for item in section.items if item.key in after}


def empty_unconfirmed(
    section: Section,
    page: ParsedPage,
    changes: PageChanges,
    *,
    confirmed: bool,
    passed_empty_before: bool,
) -> bool:
    """Tell whether this page is left without any answer and the participant has not said
    that this is meant; going on from it then first asks "nothing answered: go on anyway?",
    and saving it does not count it as done (opening the link again returns to it).

    A page counts as empty when, after the merge, none of the section's items has an answer
    and nothing on it is wrong (errors and missing required answers are said instead). The
    participant confirms it with this post (``confirmed``: the notice's button, or going on
    once more), or did so earlier by going on from the page while it was empty
    (``passed_empty_before``), which is not asked again. A page whose answers were all
    cleared asks too: emptying a whole page is worth a second look.
    """
    if confirmed or passed_empty_before or not section.items:
        return False
    if page.errors or changes.missing:
        return False
    return not page.values and not changes.kept


def passed_empty(section: Section, completed: list[str], stored: Mapping[str, Any]) -> bool:
    """Tell whether the participant went on from this section before with nothing answered."""
    return section.key in completed and not any(item.key in stored for item in section.items)
