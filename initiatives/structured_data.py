"""An initiative page's schema.org description (``InitiativePage.structured_data``)."""

from django.utils import timezone

from core.links import absolute_url
from core.models import SiteSettings


def initiative_structured_data(page, request=None):
    """schema.org description with OpeningHoursSpecification, for search engines."""
    site = SiteSettings.of(request)
    today = timezone.localdate()
    day_names = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    regular = []
    for slot in page.schedule.regular_slots(today):
        spec = {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": f"https://schema.org/{day_names[slot.weekday]}",
            "opens": slot.opens.strftime("%H:%M"),
            "closes": slot.closes.strftime("%H:%M"),
        }
        if slot.valid_from:
            spec["validFrom"] = slot.valid_from.isoformat()
        if slot.valid_until:
            spec["validThrough"] = slot.valid_until.isoformat()
        regular.append(spec)
    special = []
    for exception in page.schedule.upcoming_exceptions(today, limit=20):
        spec = {
            "@type": "OpeningHoursSpecification",
            "validFrom": exception.start_date.isoformat(),
            "validThrough": exception.last_date.isoformat(),
            "opens": "00:00" if exception.closed else exception.opens.strftime("%H:%M"),
            "closes": "00:00" if exception.closed else exception.closes.strftime("%H:%M"),
        }
        special.append(spec)
    data = {
        "@context": "https://schema.org",
        "@type": "LocalBusiness",
        "name": page.title,
        "description": page.intro,
        "url": absolute_url(page, request),
        "address": site.postal_address(),
        "openingHoursSpecification": regular,
    }
    if special:
        data["specialOpeningHoursSpecification"] = special
    if page.contact_email:
        data["email"] = page.contact_email
    if page.contact_phone:
        data["telephone"] = page.contact_phone
    return data
