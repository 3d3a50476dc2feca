"""The item queryset: what an item card, an item page and the rules service read in one query
(docs/architecture.md, "Items and copies"). Models are looked up when a query is built, as
this module is imported by catalogue/models.py."""

from django.apps import apps
from django.db import models
from django.db.models import Exists, F, Func, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce

from core.languages import in_default_language


def _model(name):
    return apps.get_model("catalogue", name)


def count_of(queryset):
    """A subquery counting the rows of ``queryset`` (correlated through an OuterRef), 0 if none."""
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted[:1]), Value(0))


def source_of_outer_item():
    """The default-language row of the item row in the outer query."""
    return in_default_language(
        _model("Item").objects.filter(translation_key=OuterRef("translation_key"))
    )


def copies_of_item():
    """The copies of the item row in the outer query, whatever its language."""
    return _model("Copy").objects.filter(item__translation_key=OuterRef("translation_key"))


class ItemQuerySet(models.QuerySet):
    def with_source_text(self):
        """Annotate ``source_name`` and ``source_description``, the default-language row's:
        a translation still showing the source text can then say which language it is."""
        source = source_of_outer_item()
        return self.annotate(
            source_name=Subquery(source.values("name")[:1]),
            source_description=Subquery(source.values("description")[:1]),
        )

    def with_loan_days(self):
        """Annotate ``loan_days_in_force``: the loan days of the default-language row, else
        its initiative's maximum, whatever the language of the rows asked for."""
        days = Coalesce("loan_days", "initiative__max_loan_days")
        return self.annotate(
            loan_days_in_force=Subquery(source_of_outer_item().values(days=days)[:1])
        )

    def with_copy_counts(self):
        """Annotate ``copies_count`` (copies in the collection: not retired) and
        ``copies_ready`` (copies that can be lent: not in repair either)."""
        copies = copies_of_item()
        return self.annotate(
            copies_count=count_of(copies.exclude(status=_model("Copy").Status.RETIRED)),
            copies_ready=count_of(copies.filter(status=_model("Copy").Status.AVAILABLE)),
        )

    def for_cards(self):
        """With what an item card or page shows, in a fixed number of queries: the initiative,
        category, locale and copy counts, and the photos in order with their renditions."""
        photos = (
            _model("ItemImage")
            .objects.select_related("image")
            .prefetch_related("image__renditions")
        )
        return (
            self.with_copy_counts()
            .select_related("initiative", "category", "locale")
            .prefetch_related(Prefetch("images", queryset=photos.order_by("sort_order")))
        )

    def public(self):
        """Published items with at least one copy in the collection, as the public catalogue
        shows them."""
        in_collection = copies_of_item().exclude(status=_model("Copy").Status.RETIRED)
        return self.filter(live=True).filter(Exists(in_collection))
