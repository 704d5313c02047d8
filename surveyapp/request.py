"""What the app does with text input, decided once at the edge for every form of both audiences.

Every submitted form field passes through :func:`clean_text` before any view, form or
rate-limit key reads it:

- control characters are dropped: U+0000 (NUL, which PostgreSQL refuses in text and JSON),
  U+0001–U+0008, U+000B, U+000C, U+000E–U+001F (which spreadsheets refuse), DEL and the C1
  controls U+0080–U+009F. Tab, line feed and carriage return stay: they are typed.
- bytes that are not UTF-8 are never guessed at: the field is listed in
  ``request.unreadable_fields`` (its value shows U+FFFD where they were), and the page that
  reads it refuses it with a message at the field (participant pages) or refuses the whole
  form (everything else, see ``refuse_unreadable``).
"""

from __future__ import annotations

import typing as t
from urllib.parse import parse_qsl

from flask import Request, request
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.exceptions import BadRequest
from werkzeug.formparser import FormDataParser

from surveyapp.text import clean_text, readable


class _StrictFormDataParser(FormDataParser):
    """Keeps bytes that are not UTF-8 recognisable instead of quoting or dropping them.

    Werkzeug keeps percent-encoded invalid bytes as the literal text ``%FF`` and drops the
    whole form when the body itself holds one: both would silently change what was sent.
    """

    def _parse_urlencoded(
        self,
        stream: t.IO[bytes],
        mimetype: str,
        content_length: int | None,
        options: dict[str, str],
    ) -> tuple[t.IO[bytes], ImmutableMultiDict, ImmutableMultiDict]:
        body = stream.read().decode("utf-8", "surrogateescape")
        items = parse_qsl(body, keep_blank_values=True, encoding="utf-8", errors="surrogateescape")
        return stream, self.cls(items), self.cls()


class CleanRequest(Request):
    """The app's request: form fields arrive cleaned (see the module's docstring)."""

    form_data_parser_class = _StrictFormDataParser

    def _load_form_data(self) -> None:
        if "form" in self.__dict__:
            return
        super()._load_form_data()
        unreadable: set[str] = set()
        cleaned: list[tuple[str, str]] = []
        for raw_name, raw_value in self.__dict__["form"].items(multi=True):
            name, name_ok = readable(clean_text(raw_name))
            value, value_ok = readable(clean_text(raw_value))
            if not (name_ok and value_ok):
                unreadable.add(name)
            cleaned.append((name, value))
        self.__dict__["form"] = self.parameter_storage_class(cleaned)
        self._unreadable = frozenset(unreadable)

    @property
    def unreadable_fields(self) -> frozenset[str]:
        """Names of the form fields that held bytes which are not UTF-8."""
        self._load_form_data()
        return getattr(self, "_unreadable", frozenset())


class UnreadableInput(BadRequest):
    """A form held bytes that are not UTF-8 (no browser sends them)."""


#: Blueprints whose views refuse unreadable fields themselves, at the field.
REFUSED_AT_THE_FIELD = frozenset({"participant"})


def refuse_unreadable() -> None:
    """Before every request: a form with bytes that are not UTF-8 is refused whole (400),
    except on pages that refuse them at the field and keep the rest."""
    if request.blueprint in REFUSED_AT_THE_FIELD:
        return
    if request.unreadable_fields:
        raise UnreadableInput()
