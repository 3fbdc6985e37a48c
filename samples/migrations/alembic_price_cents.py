"""Add product.price_cents: the expand step, its backfill and its constraint, with a downgrade.

Revision ID: 3f2a9c1d7b64
Revises: 8d4e0b6a2c15
Create Date: 2026-11-30 14:00:00
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "3f2a9c1d7b64"
down_revision = "8d4e0b6a2c15"  # the revision that created the product table
branch_labels = None
depends_on = None

BATCH_SIZE = 1000

# A lightweight table for the data step: only the columns it needs, never the application's model,
# which will have changed by the time someone runs this script on a fresh database.
product = sa.table(
    "product",
    sa.column("id", sa.Integer),
    sa.column("price", sa.Numeric(10, 2)),
    sa.column("price_cents", sa.Integer),
)


def upgrade():
    op.add_column("product", sa.Column("price_cents", sa.Integer(), nullable=True))

    connection = op.get_bind()
    last_id = 0
    while True:
        ids = connection.scalars(
            sa.select(product.c.id)
            .where(product.c.id > last_id, product.c.price_cents.is_(None))
            .order_by(product.c.id)
            .limit(BATCH_SIZE)
        ).all()
        if not ids:
            break
        # round() first: SQLite keeps the price as a float, and 19.99 * 100 is 1998.9999999999998.
        cents = sa.cast(sa.func.round(product.c.price * 100), sa.Integer)
        op.execute(product.update().where(product.c.id.in_(ids)).values(price_cents=cents))
        last_id = ids[-1]

    # SQLite has no ALTER COLUMN: batch mode copies the table into a new one with the constraint.
    # On PostgreSQL the same lines emit ALTER TABLE product ALTER COLUMN price_cents SET NOT NULL.
    with op.batch_alter_table("product") as batch_op:
        batch_op.alter_column("price_cents", existing_type=sa.Integer(), nullable=False)


def downgrade():
    with op.batch_alter_table("product") as batch_op:
        batch_op.drop_column("price_cents")
