"""Errors raised by operations, carrying the field at fault for the form that shows them."""

from __future__ import annotations


class OperationError(Exception):
    """A refused change; ``field`` names the form field at fault, if any."""

    def __init__(self, message: object, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = str(message)
        self.field = field
