"""answers (response_id, hidden) index: the round fingerprint reads no answer rows

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 02:30:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('answers', schema=None) as batch_op:
        batch_op.create_index('ix_answers_response_id_hidden', ['response_id', 'hidden'])


def downgrade():
    with op.batch_alter_table('answers', schema=None) as batch_op:
        batch_op.drop_index('ix_answers_response_id_hidden')
