"""One transaction per administrative command, and its errors as one line each."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import click
from flask import current_app

from surveyapp.db import db
from surveyapp.operations.errors import OperationError

P = ParamSpec("P")
R = TypeVar("R")


def in_transaction(command: Callable[P, R]) -> Callable[P, R]:
    """Run a command body in one transaction: commit at the end, roll back on any error.

    An ``OperationError`` becomes a one-line error (exit 1) naming the option at fault.
    The body runs inside a request context asking for English (the command line speaks
    English), because the operations' messages are translated lazily for a request.
    """

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        with current_app.test_request_context(query_string={"lang": "en"}):
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
