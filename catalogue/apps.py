from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "catalogue"

    def ready(self):
        from core.layout_cache import changes_layout

        from .models import Category

        changes_layout(Category)  # the catalogue menu lists the categories

        from . import translations

        translations.connect()
