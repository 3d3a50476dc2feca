"""Template tags of the initiative and event pages."""

from django import template
from django.utils import timezone

from home.links import absolute_url

register = template.Library()


@register.simple_tag(takes_context=True)
def event_structured_data(context, event, initiative=None):
    """schema.org Event of an event page, for search engines (no queries of its own)."""
    from home.models import SiteSettings

    request = context.get("request")
    site = SiteSettings.for_request(request) if request is not None else SiteSettings()
    place = {
        "@type": "Place",
        "name": event.location or site.name,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": site.street,
            "postalCode": site.postal_code,
            "addressLocality": site.city,
            "addressCountry": "BE",
        },
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
