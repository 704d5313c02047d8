"""The migrations build exactly the schema the models describe, on every database."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from surveyapp.db import db


def test_migrations_and_models_agree(app):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, db.metadata)
    assert differences == []


def test_migrated_database_is_at_the_latest_revision(app):
    from alembic.script import ScriptDirectory
    from flask_migrate import Migrate

    config = app.extensions["migrate"].migrate.get_config()
    assert isinstance(app.extensions["migrate"].migrate, Migrate)
    head = ScriptDirectory.from_config(config).get_current_head()
    with db.engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    assert current == head


def test_a_database_in_use_goes_down_to_the_first_revision_and_back_keeping_its_rows(
    app, session, factory
):
    """Every migration, both ways, on a database with rows in every table that others refer
    to (on SQLite batch mode rebuilds tables, which foreign keys must not stop)."""
    from flask_migrate import downgrade, upgrade

    team = factory.team(factory.round(), factory.municipality("Altstadt"))
    factory.response(team, seed=1)
    factory.invitation(team)
    session.commit()
    counts = {
        table.name: session.scalar(sa.select(sa.func.count()).select_from(table))
        for table in db.metadata.sorted_tables
    }
    assert all(counts[name] for name in ("municipalities", "teams", "responses", "answers"))
    session.remove()
    try:
        downgrade(revision="0001")
        with db.engine.connect() as connection:
            assert MigrationContext.configure(connection).get_current_revision() == "0001"
    finally:
        upgrade()
    with db.engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            assert connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        leftovers = sa.inspect(connection).get_table_names()
    assert not [name for name in leftovers if name.startswith("_alembic_tmp")]
    assert {
        table.name: session.scalar(sa.select(sa.func.count()).select_from(table))
        for table in db.metadata.sorted_tables
        if table.name != "login_throttles"  # made by 0005, so empty after it was dropped
    } == {name: count for name, count in counts.items() if name != "login_throttles"}
