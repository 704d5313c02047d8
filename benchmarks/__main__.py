"""Run every benchmark module and print one table: ``python -m benchmarks [module …]``.

A benchmark module is any ``benchmarks/<name>.py`` without a leading underscore that has a
``run() -> list[dict]`` (see benchmarks/README.md). The table is also written as JSON.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import pkgutil
import platform
import sys
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import benchmarks

RESULTS = Path(__file__).resolve().parent / "results.json"
COLUMNS = ("name", "value", "unit", "floor", "ratio", "peak_mib")


def modules() -> list[str]:
    """The names of the benchmark modules, in alphabetical order."""
    return sorted(
        info.name
        for info in pkgutil.iter_modules(benchmarks.__path__)
        if not info.name.startswith("_")
    )


def collect(names: list[str], seconds: dict[str, float]) -> list[dict[str, Any]]:
    """Run each module's ``run()``; a module that fails gives one row saying so.

    How long each module took goes into ``seconds``.
    """
    rows: list[dict[str, Any]] = []
    for name in names:
        module = importlib.import_module(f"benchmarks.{name}")
        if not hasattr(module, "run"):
            continue
        print(f"running benchmarks.{name} …", file=sys.stderr, flush=True)
        start = time.monotonic()
        try:
            produced = module.run()
        except Exception:  # one broken benchmark must not hide the others
            traceback.print_exc()
            produced = [{"name": "FAILED (see the output above)", "value": None, "unit": ""}]
        for item in produced:
            rows.append({"module": name, **item})
        seconds[name] = round(time.monotonic() - start, 1)
        print(f"  {seconds[name]:.0f} s", file=sys.stderr, flush=True)
    return rows


def _cell(value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 10 else f"{value:,.1f}"
    return str(value)


def table(rows: list[dict[str, Any]]) -> str:
    """The rows as one Markdown table (readable in a terminal and in the README)."""
    header = ["module", *COLUMNS, "target"]
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join("---" for _ in header) + "|",
    ]
    for item in rows:
        cells = [_cell(item.get(key)) for key in header]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("module", nargs="*", help=f"only these (of: {', '.join(modules())})")
    parser.add_argument("--json", type=Path, default=RESULTS, help="where to write the JSON")
    args = parser.parse_args(argv)
    unknown = set(args.module) - set(modules())
    if unknown:
        parser.error(f"no benchmark module {', '.join(sorted(unknown))}")
    seconds: dict[str, float] = {}
    load_before = os.getloadavg()[0]
    rows = collect(args.module or modules(), seconds)
    print(table(rows))
    load = {"before": round(load_before, 2), "after": round(os.getloadavg()[0], 2)}
    print(
        f"\n{len(seconds)} modules in {sum(seconds.values()) / 60:.1f} min "
        f"(load average {load['before']} before, {load['after']} after): "
        + ", ".join(f"{name} {spent:.0f} s" for name, spent in seconds.items())
    )
    document = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {platform.python_implementation()} "
        f"{platform.python_version()}",
        "load_average": load,
        "seconds": seconds,
        "rows": rows,
    }
    args.json.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    print(f"\nwritten to {args.json}", file=sys.stderr)
    return 1 if any(item.get("value") is None for item in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
