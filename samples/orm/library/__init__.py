"""The Django app of the ORM chapter: authors, books and reviews (models.py)."""
