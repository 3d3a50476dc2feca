"""A panel of the item form (catalogue/models.py): the item's copies."""

from django.urls import reverse

from wagtail.admin.panels import Panel


class CopiesPanel(Panel):
    """On the item form: the item's copies with their status, each a link to its form, and a
    link that adds one. Read-only: copies are saved on their own form, so saving or
    publishing the item never undoes a copy's status set at the desk meanwhile."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "catalogue/admin/copies_panel.html"

        def is_shown(self):
            return self.instance is not None and self.instance.pk is not None

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            source = self.instance.source()
            copies = list(source.copies.all())
            context.update(
                copies=[
                    (copy, reverse("wagtailsnippets_catalogue_copy:edit", args=[copy.pk]))
                    for copy in copies
                ],
                add_url=reverse("wagtailsnippets_catalogue_copy:add") + f"?item={source.pk}",
                is_source=source.pk == self.instance.pk,
            )
            return context
