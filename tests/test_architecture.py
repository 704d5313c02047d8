"""The architecture of DESIGN.md, checked: operations never commit, nothing loads from afar."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "surveyapp"


def _calls(path: Path, name: str) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == name
    ]


def test_operations_never_commit_their_callers_do():
    offenders = {
        str(path.relative_to(PACKAGE)): lines
        for path in (PACKAGE / "operations").glob("*.py")
        if (lines := _calls(path, "commit"))
    }
    assert offenders == {}


def test_no_code_path_creates_tables_outside_migrations():
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "migrations" not in path.parts and _calls(path, "create_all")
    ]
    assert offenders == []


def test_templates_and_static_files_load_nothing_from_other_hosts():
    remote = re.compile(r"""(?:src|href|url)\s*[=(]\s*["']?(?:https?:)?//""", re.IGNORECASE)
    offenders = [
        str(path.relative_to(PACKAGE))
        for folder in ("templates", "static")
        for path in (PACKAGE / folder).rglob("*")
        if path.is_file()
        and path.suffix in {".html", ".css", ".js"}
        and remote.search(path.read_text(encoding="utf-8", errors="replace"))
    ]
    assert offenders == []


def test_every_recorded_audit_action_is_listed_and_labelled():
    from surveyapp.operations.audit import ACTIONS
    from surveyapp.views.facilitator.audit_log import ACTION_LABELS

    recorded = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            is_record = (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "record"
                and len(node.args) >= 2
            )
            if is_record and isinstance(node.args[1], ast.Constant):
                recorded.add(node.args[1].value)
    assert recorded, "the scan found the audit calls"
    assert recorded <= set(ACTIONS), sorted(recorded - set(ACTIONS))
    assert set(ACTIONS) == set(ACTION_LABELS)
