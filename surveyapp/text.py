"""Text as the app stores it: no control characters (pure; the web edge and the CLI use it)."""

from __future__ import annotations

import re

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: Lone surrogates: what ``surrogateescape`` makes of bytes that are not UTF-8.
_UNDECODABLE = re.compile("[\udc80-\udcff]")
REPLACEMENT = "\ufffd"


def clean_text(value: str) -> str:
    """Drop control characters except tab, line feed and carriage return."""
    return _CONTROL.sub("", value)


def readable(value: str) -> tuple[str, bool]:
    """Return the value with undecodable bytes shown as U+FFFD, and whether there were none."""
    shown, count = _UNDECODABLE.subn(REPLACEMENT, value)
    return shown, count == 0
