"""login_throttles: failed logins per e-mail address with a growing delay;
audit_events.target holds a whole e-mail address (254 characters, as every form allows)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 02:00:00

"""
from alembic import op
import sqlalchemy as sa




# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.alter_column(
            'target', existing_type=sa.String(length=200), type_=sa.String(length=254)
        )
    op.create_table(
        'login_throttles',
        sa.Column('email_digest', sa.String(length=64), nullable=False),
        sa.Column('failures', sa.Integer(), nullable=False),
        sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True),
        sa.Column('last_failure_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('email_digest', name=op.f('pk_login_throttles')),
    )
    with op.batch_alter_table('login_throttles', schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f('ix_login_throttles_last_failure_at'), ['last_failure_at'], unique=False
        )


def downgrade():
    with op.batch_alter_table('login_throttles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_login_throttles_last_failure_at'))
    op.drop_table('login_throttles')
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.alter_column(
            'target', existing_type=sa.String(length=254), type_=sa.String(length=200)
        )
