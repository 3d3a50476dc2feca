"""Template tags of the initiative and event pages."""

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import npgettext

from core.languages import source_of
from core.links import absolute_url
from core.models import SiteSettings

register = template.Library()


@register.simple_tag(takes_context=True)
def event_structured_data(context, event, initiative=None):
    """schema.org Event of an event page, for search engines (no queries of its own)."""
    request = context.get("request")
    site = SiteSettings.of(request)
    place = {
        "@type": "Place",
        "name": event.location or site.name,
        "address": site.postal_address(),
    }
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "startDate": timezone.localtime(event.start).isoformat(),
        "endDate": timezone.localtime(event.end).isoformat(),
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "eventStatus": "https://schema.org/EventScheduled",
        "location": place,
        "url": absolute_url(event, request),
        "inLanguage": event.locale.language_code,
    }
    if event.intro:
        data["description"] = event.intro
    if initiative is not None:
        data["organizer"] = {
            "@type": "Organization",
            "name": initiative.title,
            "url": absolute_url(initiative, request),
        }
    return data


@register.filter
def soon(moment):
    """A coming moment said briefly: "today, 14:00", "tomorrow, 09:30", "Saturday 09:30"
    within a week, "Saturday 6 March, 10:00" further off."""
    if not moment:
        return ""
    local = timezone.localtime(moment)
    days = (local.date() - timezone.localdate()).days
    time = date_format(local, "H:i")
    if days == 0:
        return _("today, %(time)s") % {"time": time}
    if days == 1:
        return _("tomorrow, %(time)s") % {"time": time}
    if 1 < days < 7:
        return date_format(local, "l H:i")
    return date_format(local, "l j F, H:i")


@register.simple_tag
def renewal_terms(initiative):
    """The sentence about extending a loan, in the active language, made from the lending
    rules so that the page cannot say otherwise than the rules do ("" if it lends nothing)."""
    rules = source_of(initiative)  # the rules belong to the initiative, not to a language
    if not rules.lends_items:
        return ""
    times = rules.renewals_allowed
    if not times:
        return _("Loans cannot be extended.")
    how_often = npgettext("extending a loan", "once", "up to %(count)d times", times) % {
        "count": times
    }
    if rules.renewal_days:
        days = rules.renewal_days
        length = npgettext("extending a loan", "%(count)d day", "%(count)d days", days) % {
            "count": days
        }
        return _("You can extend a loan %(how_often)s by %(length)s.") % {
            "how_often": how_often,
            "length": length,
        }
    return _("You can extend a loan %(how_often)s by another loan period.") % {
        "how_often": how_often
    }
