"""samples/migrations/alembic_price_cents.py: the revision script, upgraded and downgraded on in-memory SQLite.

First through Alembic's Operations API, which is what `op` stands for while a script runs; then
through `alembic upgrade` / `alembic downgrade` themselves, with the script in a temporary
versions directory and the in-memory connection handed to env.py.
"""

import shutil
import textwrap
from decimal import Decimal

import pytest
from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy import (
    Column,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    create_engine,
    event,
    insert,
    inspect,
    select,
    text,
)
from sqlalchemy.exc import IntegrityError

from courseware.project import PROJECT_ROOT
from samples.migrations import alembic_price_cents

PRICES = ["4.20", "19.99", "0.00", "12345.67", "0.10", "0.29", "1.15"]

previous = MetaData()
product = Table(
    "product",
    previous,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("price", Numeric(10, 2), nullable=False),
)


@pytest.fixture
def connection():
    """The database as revision 8d4e0b6a2c15 left it: products with a price and no price_cents."""
    engine = create_engine("sqlite://")
    with engine.connect() as connection:
        previous.create_all(connection)
        connection.execute(
            insert(product), [{"name": f"Product {i}", "price": Decimal(p)} for i, p in enumerate(PRICES)]
        )
        connection.commit()
        yield connection
    engine.dispose()


def run(connection, step):
    """Run upgrade() or downgrade() as Alembic does: `op` is the Operations of this connection."""
    with Operations.context(MigrationContext.configure(connection)):
        step()


def columns(connection):
    return {c["name"]: c["nullable"] for c in inspect(connection).get_columns("product")}


def cents(connection):
    return connection.scalars(text("SELECT price_cents FROM product ORDER BY id")).all()


@pytest.mark.parametrize("batch_size", [1000, 3, 1])
def test_upgrade_adds_fills_and_constrains_the_column(connection, monkeypatch, batch_size):
    monkeypatch.setattr(alembic_price_cents, "BATCH_SIZE", batch_size)
    run(connection, alembic_price_cents.upgrade)
    assert columns(connection) == {"id": False, "name": False, "price": False, "price_cents": False}
    assert cents(connection) == [420, 1999, 0, 1234567, 10, 29, 115]
    with pytest.raises(IntegrityError):
        connection.execute(text("INSERT INTO product (name, price) VALUES ('Old code', 1)"))


def test_the_backfill_updates_batch_by_batch(connection, monkeypatch):
    monkeypatch.setattr(alembic_price_cents, "BATCH_SIZE", 3)
    statements = []
    event.listen(connection, "before_cursor_execute", lambda _c, _cur, statement, *_: statements.append(statement))
    run(connection, alembic_price_cents.upgrade)
    assert sum(statement.startswith("UPDATE product") for statement in statements) == 3  # 7 rows, 3 at a time


def test_downgrade_removes_the_column_and_keeps_the_rows(connection):
    run(connection, alembic_price_cents.upgrade)
    run(connection, alembic_price_cents.downgrade)
    assert columns(connection) == {"id": False, "name": False, "price": False}
    assert connection.scalars(select(product.c.price).order_by(product.c.id)).all() == [Decimal(p) for p in PRICES]


ENV_PY = """
from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=None)
with context.begin_transaction():
    context.run_migrations()
"""

FIRST_REVISION = '''
"""create product

Revision ID: 8d4e0b6a2c15
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "8d4e0b6a2c15"
down_revision = None


def upgrade():
    op.create_table(
        "product",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("price", sa.Numeric(10, 2), nullable=False),
    )


def downgrade():
    op.drop_table("product")
'''


def test_alembic_upgrade_and_downgrade_run_the_script_by_its_revision(tmp_path):
    versions = tmp_path / "versions"
    versions.mkdir()
    (tmp_path / "env.py").write_text(ENV_PY)
    (versions / "8d4e0b6a2c15_create_product.py").write_text(textwrap.dedent(FIRST_REVISION))
    shutil.copy(PROJECT_ROOT / "samples/migrations/alembic_price_cents.py", versions / "3f2a9c1d7b64_price_cents.py")
    config = Config()
    config.set_main_option("script_location", str(tmp_path))
    engine = create_engine("sqlite://")
    with engine.connect() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "8d4e0b6a2c15")
        connection.execute(insert(product), [{"name": "Teapot", "price": Decimal("19.99")}])
        connection.commit()

        command.upgrade(config, "head")
        assert MigrationContext.configure(connection).get_current_revision() == "3f2a9c1d7b64"
        assert columns(connection)["price_cents"] is False and cents(connection) == [1999]

        command.downgrade(config, "-1")
        assert MigrationContext.configure(connection).get_current_revision() == "8d4e0b6a2c15"
        assert "price_cents" not in columns(connection)
    engine.dispose()
