"""SQLAlchemy 2.0 models of the same library, and the engine the samples run on.

Declarative mapping: each class is mapped to a Table held in Base.metadata. The classes know
nothing about saving themselves; a Session does that (the data mapper pattern).
"""

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint, create_engine, event
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.pool import StaticPool


class Base(DeclarativeBase):
    pass


class Author(Base):
    __tablename__ = "authors"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    # The collection side. cascade: adding an author adds its books; deleting it deletes them;
    # a book removed from the list is deleted ("delete-orphan").
    books: Mapped[list["Book"]] = relationship(back_populates="author", cascade="all, delete-orphan")


class Book(Base):
    __tablename__ = "books"
    __table_args__ = (
        UniqueConstraint("author_id", "title", name="uq_books_author_title"),
        CheckConstraint("stock >= 0", name="ck_books_stock_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    # SQLAlchemy does not index a foreign key column unless asked (index=True). Here the unique
    # constraint's index, which starts with author_id, serves lookups by author as well.
    author_id: Mapped[int] = mapped_column(ForeignKey("authors.id"))
    published: Mapped[int]
    stock: Mapped[int] = mapped_column(default=0)
    author: Mapped[Author] = relationship(back_populates="books")


def new_memory_engine(echo=False):
    """A new, empty SQLite database in memory, for one test or one demo.

    A real application creates one engine at start-up from its configuration, such as
    create_engine("postgresql+psycopg://app@db/library", pool_pre_ping=True).
    """
    engine = create_engine(
        "sqlite://",
        echo=echo,  # True logs every statement (the "sqlalchemy.engine" logger)
        # An in-memory database lives in one connection: StaticPool hands that same connection to
        # every session, and check_same_thread=False lets a test client's threads use it in turn.
        poolclass=StaticPool,
        connect_args={"check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, connection_record):
        dbapi_connection.execute("PRAGMA foreign_keys = ON")  # SQLite ignores foreign keys without it

    return engine
