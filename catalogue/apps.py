from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "catalogue"

    def ready(self):
        from core.layout_cache import changes_layout
        from core.page_cache import shows_on_pages

        from .models import Category, Copy, Item, ItemImage

        changes_layout(Category)  # the catalogue menu lists the categories
        # The catalogue and item pages show items, their photos and how many copies are free.
        shows_on_pages(Item, Copy, ItemImage)

        from . import translations

        translations.connect()
