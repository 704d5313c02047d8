"""A large, never-changing file kept in memory compressed once, for every client's encoding.

Used for plotly's JavaScript (4.8 MB raw): compressing it on every request would cost a
second of CPU each time; compressing it once per process costs that second once.
"""

from __future__ import annotations

import gzip
import threading
from collections.abc import Callable

import brotli

#: Brotli quality 9 packs plotly.min.js to 1.23 MB in about one second here; quality 11
#: would save another 0.1 MB but takes 14 s, which the first visitor would wait for.
BROTLI_QUALITY = 9
GZIP_LEVEL = 9
#: Encodings we offer, best first.
ENCODINGS = ("br", "gzip")


class CompressedFile:
    """The bytes of one file as identity, gzip and brotli, each made at its first use."""

    def __init__(self, read: Callable[[], bytes]) -> None:
        self._read = read
        self._variants: dict[str, bytes] = {}
        self._lock = threading.Lock()

    def variant(self, encoding: str) -> bytes:
        """Return the file in ``encoding`` ("identity", "gzip" or "br")."""
        cached = self._variants.get(encoding)
        if cached is not None:
            return cached
        with self._lock:  # two first visitors must not both spend the second
            if encoding not in self._variants:
                self._variants[encoding] = self._make(encoding)
        return self._variants[encoding]

    def _make(self, encoding: str) -> bytes:
        raw = self._variants.get("identity") or self._read()
        self._variants.setdefault("identity", raw)
        if encoding == "identity":
            return raw
        if encoding == "gzip":
            return gzip.compress(raw, compresslevel=GZIP_LEVEL, mtime=0)
        if encoding == "br":
            return brotli.compress(raw, quality=BROTLI_QUALITY)
        raise ValueError(f"unknown encoding {encoding!r}")
