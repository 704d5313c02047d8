"""``surveyapp questionnaire …``: check questionnaire files without starting the app."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from surveyapp.questionnaire import (
    Problem,
    Questionnaire,
    QuestionnaireError,
    QuestionnaireRegistry,
    load_questionnaire,
)

questionnaire_cli = AppGroup("questionnaire", help="Validate and inspect questionnaire files.")


def _expand(paths: tuple[Path, ...], problems: list[Problem]) -> list[Path]:
    """Return the given files, with each directory replaced by its ``*.yaml`` files."""
    files: list[Path] = []
    for path in paths:
        if not path.is_dir():
            files.append(path)
            continue
        found = sorted(path.glob("*.yaml"))
        if not found:
            problems.append(Problem(str(path), None, None, "no *.yaml files in this directory"))
        files.extend(found)
    return files


@questionnaire_cli.command("check", with_appcontext=False)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
def check_command(paths: tuple[Path, ...]) -> None:
    """Validate questionnaire files (or directories of them); exit 1 if any is invalid."""
    loaded: list[Questionnaire] = []
    problems: list[Problem] = []
    for path in _expand(paths, problems):
        try:
            loaded.append(load_questionnaire(path))
        except QuestionnaireError as exc:
            problems.extend(exc.problems)
        else:
            click.echo(f"{path}: OK")
    try:
        QuestionnaireRegistry(loaded)
    except QuestionnaireError as exc:
        problems.extend(exc.problems)
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        raise SystemExit(1)
