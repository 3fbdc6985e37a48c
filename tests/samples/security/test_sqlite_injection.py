"""samples/security/sqlite_injection.py: the same payloads against the f-string query and the bound one."""

import pytest

from samples.security.sqlite_injection import list_books, new_shop, search_titles, search_titles_unsafe

UNION_PAYLOAD = "zzz' UNION SELECT email, password_hash FROM users --"


@pytest.fixture
def db():
    db = new_shop()
    yield db
    db.close()


def test_both_versions_agree_on_ordinary_input(db):
    assert search_titles_unsafe(db, "Dune") == search_titles(db, "Dune") == [("Dune", 1965)]


def test_a_union_payload_dumps_the_users_table_through_the_f_string(db):
    assert search_titles_unsafe(db, UNION_PAYLOAD) == [("ada@example.com", "pbkdf2_sha256$1000000$...")]


def test_the_bound_parameter_finds_no_book_with_that_odd_title(db):
    assert search_titles(db, UNION_PAYLOAD) == []


def test_an_always_true_condition_returns_every_row_unsafely_and_nothing_safely(db):
    payload = "' OR '1'='1"
    assert len(search_titles_unsafe(db, payload)) == 3
    assert search_titles(db, payload) == []


def test_an_apostrophe_in_a_real_title_breaks_the_f_string_query(db):
    with pytest.raises(Exception, match="syntax error"):
        search_titles_unsafe(db, "L'Œuvre")
    assert search_titles(db, "L'Œuvre") == [("L'Œuvre", 1886)]


def test_a_placeholder_cannot_name_a_column(db):
    # Bound as a value, "published" is a constant string: every row compares equal, the order is unchanged.
    rows = db.execute("SELECT title FROM books ORDER BY ?, id", ["published"]).fetchall()
    assert [title for (title,) in rows] == ["Dune", "Beloved", "L'Œuvre"]


def test_the_allow_listed_sort(db):
    assert [t for t, _ in list_books(db)] == ["Beloved", "Dune", "L'Œuvre"]
    assert [y for _, y in list_books(db, "year")] == [1886, 1965, 1987]
    assert [y for _, y in list_books(db, "-year")] == [1987, 1965, 1886]


@pytest.mark.parametrize(
    "sort", ["published", "title; DROP TABLE books", "(SELECT password_hash FROM users)", "TITLE", ""]
)
def test_anything_off_the_list_is_refused(db, sort):
    with pytest.raises(ValueError, match="cannot sort by"):
        list_books(db, sort)
    assert db.execute("SELECT count(*) FROM books").fetchone() == (3,)
