"""The catalogue's landing page: what a visitor sees before searching or filtering.

Category tiles (each with its number of items and a photo of one of them), the newest items,
and every initiative that lends things with its number of items; each tile and link opens the
search page filtered on it. The counts and the newest items come from one search through
``search.api``, so they agree with the facets of the results; the tiles' photos are looked up
once and kept with the layout cache. The initiative page's link to its own items
(``home/templatetags/catalogue_tags.py``) counts in the same index.
"""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from wagtail.images import get_image_model

from catalogue.models import ItemImage
from core.layout_cache import cached, locale_for
from search.api import CatalogueQuery
from search.models import ItemDocument

logger = logging.getLogger(__name__)

# The query-string names that make the catalogue page a search (see catalogue_views): with
# none of them it is the landing page. An empty ``q`` (the search button pressed on an empty
# box) is a search for everything.
SEARCH_PARAMETERS = {
    "q",
    "initiative",
    "category",
    "age",
    "available",
    "from",
    "to",
    "sort",
    "page",
}
NEW_ITEMS = 4
TILE_PHOTO = "fill-320x240|format-webp"


def is_landing(request) -> bool:
    return SEARCH_PARAMETERS.isdisjoint(request.GET)


def landing_query(language: str) -> CatalogueQuery:
    """Everything in the catalogue, newest first: its facets count the tiles, its first page
    holds the newest items."""
    return CatalogueQuery(language=language, sort="newest", per_page=NEW_ITEMS)


def filtered(**parameters) -> str:
    return "?" + urlencode(parameters)


def landing_context(result, language: str) -> dict:
    """The tiles, the initiatives and the links of the landing page, from the landing search."""
    photos = tile_photos(language)
    categories = [
        {
            "name": value.label,
            "icon": value.icon,
            "count": value.count,
            "url": filtered(category=value.key),
            "photo": photos.get(value.key),
        }
        for value in result.facets.get("category", [])
    ]
    initiatives = [
        {"name": value.label, "count": value.count, "url": filtered(initiative=value.key)}
        for value in result.facets.get("initiative", [])
    ]
    return {
        "landing": True,
        "categories": categories,
        "lending_initiatives": initiatives,
        # One card per item: its copies are one item (docs/architecture.md, "Items and copies").
        "new_items": result.items,
        "all_url": filtered(sort="name"),
        "newest_url": filtered(sort="newest"),
    }


def tile_photos(language: str) -> dict[str, dict]:
    """{main category slug: the url, width and height of a small photo of one of its items}."""
    return cached(f"catalogue-tile-photos:{language}", lambda: _tile_photos(language))


def _tile_photos(language: str) -> dict[str, dict]:
    if locale_for(language) is None:
        return {}
    documents = ItemDocument.objects.filter(language=language)
    main_category = {
        item_id: parent or category
        for item_id, category, parent in documents.values_list(
            "item_id", "category", "parent_category"
        )
    }
    first_photo: dict[str, int] = {}
    photos = (
        ItemImage.objects.filter(item_id__in=documents.values("item_id"))
        .order_by("item_id", "sort_order")
        .values_list("item_id", "image_id")
    )
    for item_id, image_id in photos:
        first_photo.setdefault(main_category.get(item_id, ""), image_id)
    images = get_image_model().objects.filter(pk__in=first_photo.values())
    by_id = {image.pk: image for image in images.prefetch_related("renditions")}
    tiles = {}
    for slug, image_id in first_photo.items():
        try:
            rendition = by_id[image_id].get_rendition(TILE_PHOTO)
        except (KeyError, OSError):
            logger.warning("no photo for the catalogue tile %s", slug)
            continue
        tiles[slug] = {"url": rendition.url, "width": rendition.width, "height": rendition.height}
    return tiles
