"""The demo content: a De Deelfabriek with its initiatives, pages, items, members and
reservations, loaded by ``manage.py load_demo`` (never in production)."""

from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "demo"
    verbose_name = "Demo content"
