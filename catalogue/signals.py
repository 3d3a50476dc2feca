"""Signals the catalogue app sends, so that the apps above it can follow without the catalogue
importing them (docs/architecture.md, "Apps": search sits above the catalogue).

``items_published`` is sent once per bulk write of items (``bulk_publish.reindex``, after the
CSV import's batches), in the transaction of that write, because such writes send no
``post_save`` for each item. Its arguments:

- ``sender``: the model written (``catalogue.models.Item``);
- ``ids``: the ids of the rows created, changed or saved as a draft;
- ``translation_keys``: their translation keys, in the same order (with repeats when an item
  and its translations were both written).

A receiver updates what the save signals of these rows would have updated: the search app
re-indexes the items with these translation keys, all their translations included.
"""

from django.dispatch import Signal

items_published = Signal()
