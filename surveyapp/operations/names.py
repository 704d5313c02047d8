"""How names typed into a form are stored and compared."""

from __future__ import annotations

from surveyapp.text import clean_text


def clean_name(text: str) -> str:
    """Drop control characters, collapse runs of white space to one space, trim the ends."""
    return " ".join(clean_text(text).split())
