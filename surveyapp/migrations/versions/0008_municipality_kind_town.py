"""municipality kind 'town': a kreisangehörige Stadt or Gemeinde beside city and district

The kind is a VARCHAR with a named CHECK constraint (the same on SQLite and PostgreSQL), so
the constraint is replaced; batch mode rebuilds the table on SQLite.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29 04:50:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

CONSTRAINT = 'municipality_kind'


def _kinds_check(batch_op, kinds):
    batch_op.drop_constraint(CONSTRAINT, type_='check')
    listed = ', '.join(f"'{kind}'" for kind in kinds)
    batch_op.create_check_constraint(CONSTRAINT, f'kind IN ({listed})')


def upgrade():
    with op.batch_alter_table('municipalities', schema=None) as batch_op:
        _kinds_check(batch_op, ('city', 'district', 'town'))


def downgrade():
    op.execute("UPDATE municipalities SET kind = 'city' WHERE kind = 'town'")
    with op.batch_alter_table('municipalities', schema=None) as batch_op:
        _kinds_check(batch_op, ('city', 'district'))
