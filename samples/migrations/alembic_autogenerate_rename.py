"""What autogenerate proposes when a model's column is renamed: a new column and a dropped one.

The model below renamed Product.name to Product.title. The database still has `name`, full of
data. Autogenerate compares the two by name only, so the rename looks like two changes.
"""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy import Connection, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Product(Base):
    __tablename__ = "product"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))  # was `name` in the previous release
    price_cents: Mapped[int]


def proposed_changes(connection: Connection) -> list:
    """The differences `alembic revision --autogenerate` would turn into operations."""
    context = MigrationContext.configure(connection)
    return compare_metadata(context, Base.metadata)


def rename_name_to_title(connection: Connection) -> None:
    """What the reviewed migration does instead: one rename, and the data stays where it is."""
    operations = Operations(MigrationContext.configure(connection))
    with operations.batch_alter_table("product") as batch_op:  # SQLite: batch mode, as in upgrade()
        batch_op.alter_column("name", new_column_name="title")
