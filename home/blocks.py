"""Blocks only content pages offer, on top of the shared ones (core/blocks.py): they show what
the site knows rather than what the editor types.

- ``tariffs_overview``: every initiative's membership plans on one page, standard and social
  tariff side by side, read from the initiatives' own pages in the page's language;
- ``account_data``: the links to a member's own data in "My account" (download, delete), in
  the visitor's language, for the privacy notice.
"""

import unicodedata

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.models import Locale, Page

from core.blocks import BodyBlock


def _alphabetical(title):
    """A title as a reader sorts it: "Épicerie" with the E's, "'t Velootje" with the T's."""
    letters = unicodedata.normalize("NFKD", title.casefold())
    return "".join(c for c in letters if c.isalnum() or c == " ").strip()


def initiatives_with_plans(locale_id):
    """The live, public initiatives of one language by title, with their plans (2 queries)."""
    from initiatives.models import InitiativePage, MembershipPlan

    plans = MembershipPlan.objects.order_by("sort_order", "pk")
    initiatives = (
        InitiativePage.objects.live()
        .public()
        .filter(locale_id=locale_id)
        .prefetch_related(Prefetch("plans", queryset=plans))
    )
    return sorted(initiatives, key=lambda page: _alphabetical(page.title))


class TariffsOverviewBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120, required=False)

    class Meta:
        icon = "table"
        label = _("Tariffs of all initiatives")
        help_text = _(
            "Every initiative's plans, standard and social tariff side by side, as the "
            "initiatives' own pages show them."
        )
        template = "blocks/tariffs_overview.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        page = (parent_context or {}).get("page")
        # The page's own language, so the plans read like the text around them.
        locale_id = page.locale_id if isinstance(page, Page) else Locale.get_active().pk
        context["initiatives"] = initiatives_with_plans(locale_id)
        return context


class AccountDataBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120, required=False)
    text = blocks.TextBlock(label=_("Text"), required=False)

    class Meta:
        icon = "user"
        label = _("Links to a member's own data")
        help_text = _("Links to download one's data and to delete one's account, in My account.")
        template = "blocks/account_data.html"


class ContentBodyBlock(BodyBlock):
    tariffs_overview = TariffsOverviewBlock()
    account_data = AccountDataBlock()

    class Meta:
        block_counts = {"tariffs_overview": {"max_num": 1}}
