# --- PYODIDE:env --- #
from course_helpers.packages import import_after_require as _import_after_require, require as _require

await _require("django")
from course_helpers.django_setup import configure_django as _configure_django, use_database as _use_database
from course_helpers.feedback import learner_line as _learner_line, message_of as _message_of

_configure_django()
await _use_database()

_IntegrityError, _OperationalError, _connection, migrations, models, _transaction = _import_after_require(
    "django.db", "IntegrityError", "OperationalError", "connection", "migrations", "models", "transaction"
)
_IrreversibleError = _import_after_require("django.db.migrations.exceptions", "IrreversibleError")
_Operation = _import_after_require("django.db.migrations.operations.base", "Operation")
_ProjectState = _import_after_require("django.db.migrations.state", "ProjectState")

BATCH_SIZE = 100  # at most this many rows per UPDATE statement (the checks change it)

# library/migrations/0001_initial.py, applied long ago: the table as production has it today.
_INITIAL_OPERATIONS = [
    migrations.CreateModel(
        name="Author",
        fields=[
            ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
            ("first_name", models.CharField(blank=True, max_length=100)),
            ("last_name", models.CharField(max_length=100)),
        ],
    ),
]


# library/models.py as it is today, at the end of the history: sort_name is the field of your
# migration, 0002; country comes from 0003, a migration written after yours.
class Author(models.Model):
    id = models.BigAutoField(primary_key=True)
    first_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100)
    sort_name = models.CharField(max_length=202)
    country = models.CharField(max_length=2, blank=True, default="")

    class Meta:
        app_label = "library"


def _sort_name_of(first_name, last_name):
    """The value the statement asks for, computed in plain Python."""
    return f"{last_name}, {first_name}" if first_name else last_name


def _sql(query, params=()):
    with _connection.cursor() as cursor:
        cursor.execute(query, params)
        return cursor.fetchall()


def _columns():
    """{column: may it be NULL?} of library_author, as SQLite reports them; {} without the table."""
    with _connection.cursor() as cursor:
        if "library_author" not in _connection.introspection.table_names(cursor):
            return {}
        return {c.name: c.null_ok for c in _connection.introspection.get_table_description(cursor, "library_author")}


def _start_database(authors):
    """A database as production has it before your migration: 0001 applied, then `authors`
    [(first_name, last_name), ...] inserted in this order. Returns the project state after 0001."""
    for (table,) in _sql("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"):
        _sql(f'DROP TABLE "{table}"')
    initial = migrations.Migration("0001_initial", "library")
    initial.operations = _INITIAL_OPERATIONS
    with _connection.schema_editor() as editor:
        state = initial.apply(_ProjectState(), editor)
    with _connection.cursor() as cursor:
        cursor.executemany("INSERT INTO library_author (first_name, last_name) VALUES (%s, %s)", authors)
    return state


def _authors_table():
    """Every row, by id: (first_name, last_name) before your migration, with sort_name after it."""
    wanted = "first_name, last_name, sort_name" if "sort_name" in _columns() else "first_name, last_name"
    return _sql(f"SELECT {wanted} FROM library_author ORDER BY id")


class _Watch:
    """Sees every SQL statement while a migration runs: the rows each UPDATE of library_author
    changed, and a stop when there are far too many statements (a backfill that never ends)."""

    def __init__(self, rows):
        self.rows = rows
        self.limit = 60 + 4 * rows
        self.count = 0
        self.updated = []
        self.added = None  # the definition of sort_name right after the AddField

    def __call__(self, execute, query, params, many, context):
        self.count += 1
        if self.count == self.limit + 1:  # once: the statements that undo the migration must run
            raise AssertionError(
                f"Your migration ran more than {self.limit} SQL statements for {self.rows} rows: its "
                "backfill seems to loop forever. Hint: each pass must fill the rows it read and save them "
                "(bulk_update(batch, ['sort_name'])), so that the next pass finds fewer rows without a sort_name."
            )
        result = execute(query, params, many, context)
        if query.lstrip().upper().startswith("UPDATE") and '"library_author"' in query and not many:
            self.updated.append(context["cursor"].rowcount)
        return result


def _checked_operations(operations):
    """`operations` as the learner wrote it, or a failed check that says what is wrong with it."""
    assert isinstance(operations, list), (
        f"operations should be a list of migration operations, got {type(operations).__name__}. "
        "Hint: operations = [migrations.AddField(...), migrations.RunPython(...), migrations.AlterField(...)]"
    )
    for item in operations:
        assert isinstance(item, _Operation), (
            f"operations holds {item!r}, which is not a migration operation. Hint: put the operations themselves in "
            "the list, such as migrations.RunPython(fill_sort_names, ...), not the functions they call."
        )
    return operations


def _migrate_forwards(operations, state, old_code_author=("Ursula K.", "Le Guin")):
    """Apply the operations to the database as Migration.apply does (in one transaction, as SQLite and
    PostgreSQL allow), one by one. Right after the AddField, the release still running inserts
    `old_code_author`, without a sort_name: it does not know the column. Returns the state after,
    and the Watch of the SQL statements. Every problem becomes a failed check with a hint."""
    operations = _checked_operations(operations)
    watch = _Watch(len(_authors_table()) + 1)
    done = []
    operation = nulls_left = None
    try:
        with _connection.execute_wrapper(watch), _connection.schema_editor(atomic=True) as editor:
            for operation in operations:
                if isinstance(operation, migrations.AlterField) and "sort_name" in _columns():
                    nulls_left = _sql("SELECT first_name, last_name FROM library_author WHERE sort_name IS NULL")
                before = state.clone()
                operation.state_forwards("library", state)
                # A savepoint per operation: when one fails, the transaction is still usable on the way out
                # (SQLite's schema editor runs a query as it closes).
                with _transaction.atomic():
                    operation.database_forwards("library", editor, before, state)
                done.append(operation)
                if isinstance(operation, migrations.AddField) and watch.added is None:
                    added = state.models["library", "author"].fields.get("sort_name")
                    watch.added = _field_definition(added) if added is not None else ()
                if isinstance(operation, migrations.AddField) and old_code_author:
                    try:
                        _sql("INSERT INTO library_author (first_name, last_name) VALUES (%s, %s)", old_code_author)
                    except _IntegrityError as error:
                        raise AssertionError(
                            f"Right after your AddField, the release still running could not insert an author: "
                            f"{_message_of(error)}. It does not know sort_name, so it writes no value there. Hint: add "
                            "the field with null=True and no default; the NOT NULL comes last, with AlterField."
                        ) from None
                    old_code_author = None
    except AssertionError:
        raise
    except Exception as error:  # noqa: BLE001 - the learner's operations may raise anything
        failing = type(operation).__name__
        kinds = [type(op).__name__ for op in done]
        if isinstance(operation, migrations.RunPython) and isinstance(error, _OperationalError):
            advice = (
                "a backfill must use the model as it is at this point of the history, apps.get_model('library', "
                "'Author'), never the class of models.py: that one has fields (country) that later migrations add, "
                "so its queries name columns this database does not have yet."
            )
        elif isinstance(operation, migrations.AlterField) and isinstance(error, _IntegrityError):
            if "RunPython" not in kinds:
                advice = (
                    "AlterField to NOT NULL ran before any backfill, while every row still had NULL: put "
                    "RunPython(...) between AddField and AlterField."
                )
            else:
                example = ", ".join(repr(row) for row in (nulls_left or [])[:3])
                advice = (
                    f"your backfill left {len(nulls_left or [])} row(s) without a sort_name ({example}...). It must "
                    "reach every row: repeat until no row without a sort_name is left; offsets over rows you are "
                    "updating skip some of them."
                )
        else:
            advice = f"the line that raised it is {_learner_line(error)}."
        raise AssertionError(
            f"Applying your migration failed in operation {len(done) + 1} ({failing}, after {kinds or 'nothing'}): "
            f"{type(error).__name__}: {_message_of(error)}\nHint: {advice}"
        ) from None
    return state, watch


def _migrate_backwards(operations, state_before):
    """Unapply the operations as `migrate library 0001` does."""
    migration = migrations.Migration("0002_author_sort_name", "library")
    migration.operations = _checked_operations(operations)
    try:
        with _connection.schema_editor(atomic=True) as editor, _transaction.atomic():
            migration.unapply(state_before, editor)
    except _IrreversibleError as error:
        raise AssertionError(
            f"Unapplying your migration (migrate library 0001) failed: {_message_of(error)}. Hint: give RunPython a "
            "reverse function, reverse_code=...; migrations.RunPython.noop is enough here, since unapplying the "
            "AddField drops the column and its values anyway."
        ) from None
    except Exception as error:  # noqa: BLE001 - the learner's operations may raise anything
        raise AssertionError(
            f"Unapplying your migration (migrate library 0001) raised {type(error).__name__}: {_message_of(error)}\n"
            f"Hint: the line that raised it is {_learner_line(error)}. The reverse runs the operations backwards."
        ) from None


def _field_definition(field):
    """What makemigrations compares: the field's class and its arguments."""
    _, path, args, kwargs = field.deconstruct()
    return path, args, kwargs


def _check_migrated(authors, state, watch, old_code_author):
    """The checks after a migration forwards: the column, NOT NULL, every row's value, the batches, the field's record."""
    assert "sort_name" in _columns(), (
        f"After your migration, library_author has the columns {sorted(_columns())}, without sort_name. "
        "Hint: start with migrations.AddField(model_name='author', name='sort_name', field=...)."
    )
    assert _columns()["sort_name"] is False, (
        "After your migration, sort_name still allows NULL. Hint: end with migrations.AlterField(...) to "
        "models.CharField(max_length=202), once every row has a value."
    )
    rows = [*authors, old_code_author] if old_code_author else list(authors)
    want = [(first, last, _sort_name_of(first, last)) for first, last in rows]
    got = _authors_table()
    assert len(got) == len(want), (
        f"After your migration the table has {len(got)} authors instead of {len(want)}. Hint: a migration that adds a "
        "column must keep every row; fill sort_name with bulk_update or save, never by creating or deleting authors."
    )
    for (first, last, wanted), row in zip(want, got):
        if row[2] == wanted:
            continue
        if not first and row[2] == f"{last}, ":
            advice = "an author with no first name ('') sorts by the last name alone, without a comma."
        elif row[2] == "":
            advice = (
                "'' is a default, not a sort name: a default in AddField is written into every existing row, and a "
                "backfill that looks for NULL then skips them. Add the field with null=True and no default."
            )
        else:
            advice = "the sort name is f'{last_name}, {first_name}', or the last name alone when first_name is empty."
        raise AssertionError(
            f"After your migration the author {(first, last)!r} has the sort_name {row[2]!r}, expected {wanted!r}. "
            f"Hint: {advice}"
        )
    too_big = [count for count in watch.updated if count > BATCH_SIZE]
    assert not too_big, (
        f"With BATCH_SIZE = {BATCH_SIZE} and {len(rows)} authors, one UPDATE of your backfill changed {max(too_big)} "
        "rows. Hint: work in batches: read at most BATCH_SIZE authors without a sort_name (a slice, [:BATCH_SIZE]), "
        "fill them, save them, and start again until none is left. Use the name BATCH_SIZE: the checks change it."
    )
    path, args, kwargs = _field_definition(Author._meta.get_field("sort_name"))
    nullable = (path, args, {**kwargs, "null": True})
    assert watch.added == nullable, (
        f"Right after your AddField, Django's record of sort_name is {watch.added}; it should be the field of "
        f"models.py with null=True, {nullable}. Hint: the backfill writes sort names of up to 202 characters, and "
        "PostgreSQL refuses a longer value than a varchar's length: add models.CharField(max_length=202, null=True)."
    )
    final = state.models["library", "author"].fields.get("sort_name")
    wanted_field = _field_definition(Author._meta.get_field("sort_name"))
    got_field = _field_definition(final) if final is not None else None
    assert got_field == wanted_field, (
        f"After your migration, Django's record of the field sort_name is {got_field}, while models.py has "
        f"{wanted_field}: makemigrations would write one more migration. Hint: the AlterField must give the field "
        "exactly as models.py has it: models.CharField(max_length=202), no null, no default."
    )


# No query here: env runs with top-level await, where Django refuses database work. The checks do it.

# --- PYODIDE:code --- #
from django.db import migrations, models


def fill_sort_names(apps, schema_editor):
    """Give every author without a sort_name its sort name, at most BATCH_SIZE rows per UPDATE."""


operations = []

# --- PYODIDE:corr --- #
from django.db import migrations, models


def fill_sort_names(apps, schema_editor):
    """Give every author without a sort_name its sort name, at most BATCH_SIZE rows per UPDATE."""
    Author = apps.get_model("library", "Author")
    todo = Author.objects.filter(sort_name__isnull=True)
    while batch := list(todo[:BATCH_SIZE]):
        for author in batch:
            author.sort_name = f"{author.last_name}, {author.first_name}" if author.first_name else author.last_name
        Author.objects.bulk_update(batch, ["sort_name"])


operations = [
    migrations.AddField(
        model_name="author",
        name="sort_name",
        field=models.CharField(max_length=202, null=True),
    ),
    migrations.RunPython(fill_sort_names, reverse_code=migrations.RunPython.noop),
    migrations.AlterField(
        model_name="author",
        name="sort_name",
        field=models.CharField(max_length=202),
    ),
]

# --- PYODIDE:tests --- #
_AUTHORS = [("Octavia E.", "Butler"), ("", "Colette"), ("Frank", "Herbert")]
_state_0001 = _start_database(_AUTHORS)
_state_0002, _watch = _migrate_forwards(operations, _state_0001.clone())

_check_migrated(_AUTHORS, _state_0002, _watch, ("Ursula K.", "Le Guin"))

_migrate_backwards(operations, _state_0001.clone())
assert _columns() == {"id": False, "first_name": False, "last_name": False}, (
    f"After unapplying your migration, library_author has the columns {_columns()}. Hint: the reverse of AddField "
    "drops sort_name; keep AddField first in the list."
)

# --- PYODIDE:secrets --- #
import random as _random

_rng = _random.Random(20261130)
_FIRST = ["Ada", "", "Émile", "Mary", "Chinua", "Italo", "", "Sei", "Ngũgĩ wa", "Jean-Paul", "Olga", "Zoë"]
_LAST = ["Lovelace", "Colette", "Zola", "Shelley", "Achebe", "Calvino", "Homer", "Shōnagon", "Thiong'o", "Sartre"]
_LONGEST = ("Ñ" * 100, "Ø" * 100)  # the longest sort name: 202 characters


def _authors_of(count):
    return [(_rng.choice(_FIRST), _rng.choice(_LAST)) for _ in range(count)]


# Many sizes, around the batch size too: empty table, one row, exactly a batch, one more, several batches.
for _batch_size, _count, _old_code in (
    (3, 0, None),
    (3, 1, None),
    (3, 3, None),
    (3, 4, ("", "Sappho")),
    (4, 11, None),
    (100, 37, _LONGEST),
    (1, 6, ("Ada", "Lovelace")),
):
    BATCH_SIZE = _batch_size
    _authors = _authors_of(_count)
    _state_0001 = _start_database(_authors)
    _state_0002, _watch = _migrate_forwards(operations, _state_0001.clone(), old_code_author=_old_code)
    _check_migrated(_authors, _state_0002, _watch, _old_code)

    _migrate_backwards(operations, _state_0001.clone())
    assert _columns() == {"id": False, "first_name": False, "last_name": False}, (
        f"After unapplying your migration, library_author has the columns {_columns()}. Hint: the reverse must leave "
        "the table as 0001 made it: AddField first in the list, so that its reverse, which drops the column, runs last."
    )
    _rows = [*_authors, _old_code] if _old_code else _authors
    assert _authors_table() == _rows, (
        f"Unapplying your migration changed the authors: {_authors_table()[:4]}..., expected {_rows[:4]}... "
        "Hint: the reverse of a backfill may do nothing (RunPython.noop): the column goes away with AddField's reverse."
    )

    # Forwards again after the way back: the same result.
    _state_0002, _watch = _migrate_forwards(operations, _state_0001.clone(), old_code_author=None)
    _check_migrated(_rows, _state_0002, _watch, None)
BATCH_SIZE = 100
