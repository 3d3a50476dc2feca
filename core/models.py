"""Site-wide settings: the building's contact details, shown in the footer and the
structured data of every app's pages."""

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


def linked_page(verbose_name, help_text):
    """A page the site links to from its layout, chosen in the settings (optional)."""
    return models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=help_text,
    )


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Contact details of the building, shown in the footer and the structured data."""

    name = models.CharField(_("name"), max_length=100, default="De Deelfabriek")
    street = models.CharField(_("street and number"), max_length=120, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=60, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    facebook_url = models.URLField(_("Facebook page"), blank=True)
    instagram_url = models.URLField(_("Instagram page"), blank=True)
    tariffs_page = linked_page(
        _("page about the tariffs"),
        _("Linked from every initiative's tariffs: who gets the social tariff, and how."),
    )
    privacy_page = linked_page(
        _("privacy notice"), _("Linked from the footer of every page and from the sign-up form.")
    )
    accessibility_page = linked_page(
        _("accessibility statement"),
        _("Linked from the footer of every page, as public-sector sites must."),
    )

    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [FieldPanel("street"), FieldPanel("postal_code"), FieldPanel("city")],
            heading=_("Address"),
        ),
        MultiFieldPanel([FieldPanel("email"), FieldPanel("phone")], heading=_("Contact")),
        MultiFieldPanel(
            [FieldPanel("facebook_url"), FieldPanel("instagram_url")], heading=_("Social media")
        ),
        MultiFieldPanel(
            [
                FieldPanel("tariffs_page"),
                FieldPanel("privacy_page"),
                FieldPanel("accessibility_page"),
            ],
            heading=_("Linked pages"),
        ),
    ]

    class Meta:
        db_table = "home_sitesettings"  # the table from before the core app existed
        verbose_name = _("site settings")

    @classmethod
    def of(cls, request=None):
        """The settings of the request's site; unsaved defaults without a request."""
        return cls.for_request(request) if request is not None else cls()

    def postal_address(self) -> dict:
        """The building's address as a schema.org PostalAddress, for structured data."""
        return {
            "@type": "PostalAddress",
            "streetAddress": self.street,
            "postalCode": self.postal_code,
            "addressLocality": self.city,
            "addressCountry": "BE",
        }

    @cached_property
    def address_line(self):
        return ", ".join(
            part for part in [self.street, f"{self.postal_code} {self.city}".strip()] if part
        )


class ScheduledRun(models.Model):
    """When a scheduled job last started and how it ended (core/scheduled.py). A job is
    started by the one scheduler that moves ``started_at`` forward, so two hosts running the
    scheduler (or cron on both) never run the same job twice in one period."""

    name = models.CharField(_("job"), max_length=50, unique=True)
    started_at = models.DateTimeField(_("last started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("last finished"), null=True, blank=True)
    succeeded = models.BooleanField(_("last run succeeded"), null=True)

    class Meta:
        verbose_name = _("scheduled job run")
        verbose_name_plural = _("scheduled job runs")

    def __str__(self):
        return self.name
