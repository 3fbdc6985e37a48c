"""course_helpers.django_setup with a database: the learner's models, their tables, counted queries,
and a clean database at every run. Run in a fresh interpreter: Django reads its database settings
once per process, and this process also serves the samples' Django settings."""

import subprocess
import sys
import textwrap

from courseware.project import PROJECT_ROOT

SCRIPT = textwrap.dedent(
    """
    import asyncio, warnings
    from django.db.models import Count
    from course_helpers.django_setup import configure_django, counting_queries, create_tables, use_database

    def define():
        from django.db import models

        class Author(models.Model):
            name = models.CharField(max_length=50)

            class Meta:
                app_label = "library"

        class Book(models.Model):
            title = models.CharField(max_length=50)
            author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="books")

            class Meta:
                app_label = "library"

        return Author, Book

    for run in range(2):  # the page's Run, twice: same models, a fresh database, no warning
        warnings.simplefilter("error")
        asyncio.run(use_database())
        # As in the page, where Pyodide's event loop is marked running at all times.
        asyncio._set_running_loop(asyncio.new_event_loop())
        configure_django()
        Author, Book = define()
        create_tables(Author, Book)
        author = Author.objects.create(name="Le Guin")
        Book.objects.bulk_create([Book(title=f"Book {i}", author=author) for i in range(3)])
        with counting_queries() as lazy:
            [book.author.name for book in Book.objects.all()]
        with counting_queries() as joined:
            [book.author.name for book in Book.objects.select_related("author")]
        print(run, Book.objects.count(), len(lazy), len(joined), "JOIN" in joined[0]["sql"])
        # Relations work both ways: the learner's app is installed.
        print(run, "reverse", Author.objects.annotate(n=Count("books")).get().n, author.books.count())
        create_tables(Author, Book)  # again: a new scenario on empty tables
        print(run, "again", Author.objects.count(), Book.objects.count())
        asyncio._set_running_loop(None)
    """
)


def test_models_tables_and_counted_queries_start_clean_at_every_run():
    done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.splitlines() == [
        "0 3 4 1 True",
        "0 reverse 3 3",
        "0 again 0 0",
        "1 3 4 1 True",
        "1 reverse 3 3",
        "1 again 0 0",
    ], done.stdout


def test_a_project_that_configured_django_itself_keeps_its_guards_and_tables():
    """In the test suite, the samples configure Django; configure_django() must not lift Django's
    refusal of synchronous queries from async code there (a samples test relies on it)."""
    probe = textwrap.dedent(
        """
        import os
        from django.conf import settings
        import django
        settings.configure(DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}})
        django.setup()
        from course_helpers.django_setup import configure_django
        configure_django()
        print("DJANGO_ALLOW_ASYNC_UNSAFE" in os.environ)
        """
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.split() == ["False"]
