"""URL converters: ids in addresses stay within what every database can hold."""

from __future__ import annotations

from typing import Any

from werkzeug.routing import IntegerConverter, Map

#: The largest id a table can hold: PostgreSQL's ``integer`` (SQLite's are 64-bit).
MAX_ID = 2**31 - 1


class IdConverter(IntegerConverter):
    """``<id:name>``: a row id from 1 to MAX_ID; anything else does not match, so 404."""

    def __init__(self, map: Map, *args: Any, **kwargs: Any) -> None:  # werkzeug's name
        kwargs.setdefault("min", 1)
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


def parse_id(text: str) -> int:
    """Read an id from a query argument; raises ValueError outside 1..MAX_ID."""
    value = int(text)
    if not 1 <= value <= MAX_ID:
        raise ValueError(f"id out of range: {value}")
    return value
