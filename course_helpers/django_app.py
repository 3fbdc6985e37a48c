"""The Django app that holds the learner's models in the page: `class Meta: app_label = "library"`.

`course_helpers.django_setup` installs it. A model whose app is not installed works one way
only: Django lists the models of installed apps when it looks for the relations pointing at a
model, so `author.books` and `Count("books")` would fail with an unknown field.
"""

from django.apps import AppConfig


class LearnerModels(AppConfig):
    name = "course_helpers"  # a real package, so Django finds the app's folder; it has no models module
    label = "library"
    default_auto_field = "django.db.models.AutoField"


__all__ = ["LearnerModels"]
