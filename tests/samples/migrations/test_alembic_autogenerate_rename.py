"""samples/migrations/alembic_autogenerate_rename.py: autogenerate sees a rename as an add and a drop."""

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, insert, inspect, select

from samples.migrations.alembic_autogenerate_rename import Product, proposed_changes, rename_name_to_title


@pytest.fixture
def connection():
    """An in-memory database as the previous release left it: product.name, with data in it."""
    engine = create_engine("sqlite://")
    previous = MetaData()
    product = Table(
        "product",
        previous,
        Column("id", Integer, primary_key=True),
        Column("name", String(200), nullable=False),
        Column("price_cents", Integer, nullable=False),
    )
    with engine.connect() as connection:
        previous.create_all(connection)
        connection.execute(
            insert(product), [{"name": "Teapot", "price_cents": 1999}, {"name": "Thé", "price_cents": 450}]
        )
        yield connection
    engine.dispose()


def test_the_rename_comes_out_as_an_added_and_a_removed_column(connection):
    changes = proposed_changes(connection)
    assert [(change[0], change[2], change[3].name) for change in changes] == [
        ("add_column", "product", "title"),
        ("remove_column", "product", "name"),
    ]
    # Applied as proposed, the upgrade would drop `name` and every value in it.


def test_the_hand_written_rename_keeps_the_data_and_leaves_nothing_to_propose(connection):
    rename_name_to_title(connection)
    assert [column["name"] for column in inspect(connection).get_columns("product")] == ["id", "title", "price_cents"]
    assert proposed_changes(connection) == []
    rows = connection.execute(select(Product.title, Product.price_cents).order_by(Product.id)).all()
    assert rows == [("Teapot", 1999), ("Thé", 450)]
