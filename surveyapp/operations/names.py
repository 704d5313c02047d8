"""How names typed into a form are stored and compared."""

from __future__ import annotations


def clean_name(text: str) -> str:
    """Collapse runs of white space to one space and trim the ends."""
    return " ".join(text.split())
