"""Django for every sample test: one settings module, samples/django_settings.py, set up once per
process before any sample is imported. Each test module picks its sample's URLconf with
override_settings(ROOT_URLCONF=...)."""

import os

import django

os.environ["DJANGO_SETTINGS_MODULE"] = "samples.django_settings"
django.setup()
