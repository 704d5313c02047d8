"""Run every benchmark and print its table: ``python -m benchmarks``."""

from __future__ import annotations

import sys

from benchmarks import participant


def main() -> int:
    """Run the benchmarks one after the other; each prints its own table."""
    participant.main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
