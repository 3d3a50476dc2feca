"""Opening hours as they are stored: weekly slots and dated exceptions (closures, other hours).

Abstract, so that the initiatives' pages and the building's home page each keep their own rows;
what the hours mean on a given day is ``initiatives/hours.py``.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


class AbstractOpeningSlot(Orderable):
    """A weekly period during which a place is open, optionally only within a season."""

    weekday = models.PositiveSmallIntegerField(_("day"), choices=WEEKDAYS)
    opens = models.TimeField(_("opens at"))
    closes = models.TimeField(_("closes at"))
    valid_from = models.DateField(
        _("valid from"), null=True, blank=True, help_text=_("Leave empty if always valid.")
    )
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("Leave empty if always valid.")
    )

    panels = [
        FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")]),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")]),
    ]

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")

    def clean(self):
        super().clean()
        if self.opens is not None and self.closes is not None and self.closes <= self.opens:
            raise ValidationError(
                {"closes": _("The closing time must be later than the opening time.")}
            )
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError(
                {"valid_until": _("The end of the period cannot be before its start.")}
            )

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class AbstractOpeningException(TranslatableMixin, Orderable):
    """Dates on which the weekly hours do not apply: closed, or open at other hours."""

    start_date = models.DateField(_("from"))
    end_date = models.DateField(
        _("until"), null=True, blank=True, help_text=_("Leave empty for a single day.")
    )
    closed = models.BooleanField(
        _("closed"), default=True, help_text=_("Untick to give special opening hours instead.")
    )
    opens = models.TimeField(_("opens at"), null=True, blank=True)
    closes = models.TimeField(_("closes at"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("closed"),
        FieldRowPanel([FieldPanel("opens"), FieldPanel("closes")]),
        FieldPanel("reason"),
    ]

    translatable_fields = [
        TranslatableField("reason"),
        SynchronizedField("start_date"),
        SynchronizedField("end_date"),
        SynchronizedField("closed"),
        SynchronizedField("opens"),
        SynchronizedField("closes"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        abstract = True
        verbose_name = _("exception to the opening hours")
        verbose_name_plural = _("exceptions to the opening hours")

    @property
    def last_date(self):
        return self.end_date or self.start_date

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The last day cannot be before the first day.")
        if not self.closed:
            if self.opens is None or self.closes is None:
                errors["opens"] = _("Give the special opening and closing times, or tick closed.")
            elif self.closes <= self.opens:
                errors["closes"] = _("The closing time must be later than the opening time.")
        if errors:
            raise ValidationError(errors)

    def __str__(self):
        return self.reason or str(self.start_date)
