"""The ``surveyapp`` command line: Flask's CLI group with the project's own commands."""

from __future__ import annotations

import click
import sqlalchemy.exc
from flask import Flask
from flask.cli import FlaskGroup

from surveyapp.cli.questionnaire import questionnaire_cli
from surveyapp.config import ConfigError
from surveyapp.questionnaire import QuestionnaireError


class SurveyappGroup(FlaskGroup):
    """Flask's group, but a user's configuration mistake ends in one line, not a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except ConfigError as error:
            raise click.ClickException(str(error)) from None
        except QuestionnaireError as error:
            lines = "\n".join(str(problem) for problem in error.problems)
            raise click.ClickException(f"invalid questionnaire files:\n{lines}") from None
        except (sqlalchemy.exc.OperationalError, sqlalchemy.exc.ProgrammingError) as error:
            raise click.ClickException(describe_database_error(error)) from None


def describe_database_error(error: sqlalchemy.exc.DBAPIError) -> str:
    """Turn a driver error into one line that names DATABASE_URL and what to do."""
    detail = str(getattr(error, "orig", error)).strip().splitlines()[0]
    lowered = detail.lower()
    if "no such table" in lowered or ("relation" in lowered and "does not exist" in lowered):
        return (
            "DATABASE_URL: the database has no tables yet; run `surveyapp db upgrade` first "
            f"({detail})"
        )
    return f"DATABASE_URL: cannot use the database: {detail}"


def _create_app() -> Flask:
    from surveyapp import create_app

    return create_app()


cli = SurveyappGroup(
    create_app=_create_app,
    help="surveyapp: surveys, dashboards and reports for Bildungsbüros.",
)
# On the root group, not the app's: checking files must work while the app refuses to start.
cli.add_command(questionnaire_cli)


def main() -> None:
    """Entry point of the ``surveyapp`` console script."""
    cli.main(prog_name="surveyapp")


def register_commands(app: Flask) -> None:
    """Add the project's commands to the app's CLI group."""
    from surveyapp.cli.demo import demo_command

    app.cli.add_command(demo_command)
    from surveyapp.cli.analysis import analysis_cli

    app.cli.add_command(analysis_cli)
    from surveyapp.cli.invitations import invitations_cli
    from surveyapp.cli.reports import reports_cli
    from surveyapp.cli.rounds import rounds_cli
    from surveyapp.cli.teams import teams_cli
    from surveyapp.cli.users import users_cli

    app.cli.add_command(users_cli)
    app.cli.add_command(rounds_cli)
    app.cli.add_command(teams_cli)
    app.cli.add_command(invitations_cli)
    app.cli.add_command(reports_cli)
