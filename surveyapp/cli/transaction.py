"""One transaction per administrative command, and its errors as one line each."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import click
from flask_babel import force_locale

from surveyapp.db import db
from surveyapp.operations.errors import OperationError

ENGLISH = "en"
P = ParamSpec("P")
R = TypeVar("R")


def in_transaction(command: Callable[P, R]) -> Callable[P, R]:
    """Run a command body in one transaction: commit at the end, roll back on any error.

    An ``OperationError`` becomes a one-line error (exit 1) naming the option at fault.
    The command line speaks English: the operations' messages are translated in it.
    """

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        with force_locale(ENGLISH):
            try:
                result = command(*args, **kwargs)
                db.session.commit()
                return result
            except OperationError as error:
                db.session.rollback()
                where = f"--{error.field.replace('_', '-')}: " if error.field else ""
                raise click.ClickException(f"{where}{error.message}") from None
            except BaseException:
                db.session.rollback()
                raise

    return run
