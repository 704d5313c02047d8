"""The server log holds no invitation tokens and no answers.

Tokens appear in request paths (``/s/<token>/…``): every log record of the process, the
app's, Werkzeug's and gunicorn's alike, has them cut to their first four characters when it
is created, tracebacks included. Answers could only reach the log as SQL parameters, which
the engine never logs (``hide_parameters``, set in ``create_app``).
"""

from __future__ import annotations

import logging
import re
from typing import Any

_TOKEN = re.compile(r"(/s/[A-Za-z0-9_-]{4})[A-Za-z0-9_-]{4,}")
MASK = "…"


def mask_tokens(text: str) -> str:
    """Cut every invitation token in a path or link to its first four characters."""
    return _TOKEN.sub(r"\1" + MASK, text)


def _mask_record(record: logging.LogRecord) -> None:
    try:
        message = record.getMessage()
    except Exception:  # a malformed record is logging's to report
        return
    masked = mask_tokens(message)
    if masked != message:
        record.msg, record.args = masked, None
    if record.exc_info and not record.exc_text:
        record.exc_text = mask_tokens(logging.Formatter().formatException(record.exc_info))
    if record.stack_info:
        record.stack_info = mask_tokens(record.stack_info)


def install_token_masking() -> None:
    """Mask tokens in every log record this process creates (once; later calls do nothing)."""
    previous = logging.getLogRecordFactory()
    if getattr(previous, "masks_tokens", False):
        return

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        _mask_record(record)
        return record

    factory.masks_tokens = True
    logging.setLogRecordFactory(factory)
