"""The architecture of DESIGN.md, checked: operations never commit, nothing loads from afar."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

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


def _records_audit_events(path: Path) -> list[int]:
    """Lines that import the audit log's writer or call ``audit.record``."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "surveyapp.operations.audit":
            lines += [node.lineno for alias in node.names if alias.name == "record"]
        elif (
            isinstance(node, ast.Attribute)
            and node.attr == "record"
            and isinstance(node.value, ast.Name)
            and node.value.id == "audit"
        ):
            lines.append(node.lineno)
    return lines


def test_only_operations_write_the_audit_log():
    offenders = {
        str(path.relative_to(PACKAGE)): lines
        for path in PACKAGE.rglob("*.py")
        if "operations" not in path.relative_to(PACKAGE).parts
        and (lines := _records_audit_events(path))
    }
    assert offenders == {}
    writers = [p for p in (PACKAGE / "operations").glob("*.py") if _records_audit_events(p)]
    assert len(writers) >= 6, "the scan finds the operations that record events"


def test_every_audit_action_carries_its_label():
    from surveyapp.operations.audit import AuditAction

    for action in AuditAction:
        assert str(action.label) and action == action.value


#: The pure core: plain data in, plain data out; the front doors translate and store.
PURE_PACKAGES = ("questionnaire", "participant", "analysis", "charts", "dashboard", "reporting")
FORBIDDEN_IN_PURE = re.compile(r"^(flask\w*|sqlalchemy|surveyapp\.models|surveyapp\.db)(\.|$)")


def _imports(path: Path, source: str | None = None) -> list[tuple[int, str]]:
    """The modules a file imports, each with its line; relative imports made absolute."""
    package = path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1]
    modules = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8") if source is None else source)):
        if isinstance(node, ast.Import):
            modules += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            parent = package[: len(package) - node.level + 1] if node.level else ()
            base = ".".join([*parent, *([node.module] if node.module else [])])
            modules.append((node.lineno, base))
            modules += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return modules


@pytest.mark.parametrize("package", PURE_PACKAGES)
def test_the_pure_core_imports_no_flask_and_no_database(package):
    offenders = [
        f"{path.relative_to(PACKAGE)}:{line}: {module}"
        for path in sorted((PACKAGE / package).rglob("*.py"))
        for line, module in _imports(path)
        if FORBIDDEN_IN_PURE.match(module)
    ]
    assert offenders == []


def test_the_purity_check_recognises_each_forbidden_import():
    for module in ("flask", "flask_babel", "flask_sqlalchemy.model", "sqlalchemy.orm"):
        assert FORBIDDEN_IN_PURE.match(module), module
    for module in ("surveyapp.models", "surveyapp.db", "surveyapp.models.rounds"):
        assert FORBIDDEN_IN_PURE.match(module), module
    for module in ("surveyapp.questionnaire", "surveyapp.dbx", "pandas", "yaml"):
        assert not FORBIDDEN_IN_PURE.match(module), module


def test_the_purity_check_sees_through_relative_imports():
    source = "from ..models import User\nfrom .. import db\nfrom . import items\n"
    found = {module for _line, module in _imports(PACKAGE / "analysis" / "new.py", source)}
    assert {"surveyapp.models.User", "surveyapp.db", "surveyapp.analysis.items"} <= found


def _selected_rules() -> tuple[str, ...]:
    import tomllib

    pyproject = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))
    return tuple(pyproject["tool"]["ruff"]["lint"]["select"])


#: Spelt in two pieces so that this file does not match itself.
TYPE_IGNORE = "type: " + "ignore"


NOQA = re.compile(r"#\s*noqa\b(:\s*(?P<codes>[A-Z0-9, ]+))?", re.IGNORECASE)


def _silences_what_does_not_run(line: str, selected: tuple[str, ...]) -> bool:
    """A bare ``noqa`` (every rule), one naming a rule ruff does not check, or a type-ignore."""
    if TYPE_IGNORE in line:
        return True
    found = NOQA.search(line)
    if found is None:
        return False
    codes = [code.strip() for code in (found["codes"] or "").split(",") if code.strip()]
    return not codes or any(not code.startswith(selected) for code in codes)


def test_the_comment_check_recognises_each_silencer():
    selected = ("B", "E", "F")
    noqa = "x = 1  # " + "noqa"  # spelt in two pieces, as TYPE_IGNORE
    for line in (noqa, f"{noqa}: PLR2004", f"{noqa}: E501, D100", f"x = f()  # {TYPE_IGNORE}"):
        assert _silences_what_does_not_run(line, selected), line
    for line in (f"{noqa}: E501", f"{noqa}: F401 (registers)", "# no quarrel"):
        assert not _silences_what_does_not_run(line, selected), line


def test_no_comment_silences_a_rule_or_a_checker_that_does_not_run():
    selected = _selected_rules()
    files = [PACKAGE.parent.glob("*.py")]
    files += [
        (PACKAGE.parent / folder).rglob("*.py") for folder in ("surveyapp", "tests", "benchmarks")
    ]
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}:{number}"
        for found in files
        for path in found
        if "versions" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if _silences_what_does_not_run(line, selected)
    ]
    assert offenders == []
