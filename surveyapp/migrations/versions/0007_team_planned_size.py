"""team planned_size: how many people a team is meant to have (the base of the response rate)

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 03:35:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('teams', schema=None) as batch_op:
        batch_op.add_column(sa.Column('planned_size', sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table('teams', schema=None) as batch_op:
        batch_op.drop_column('planned_size')
