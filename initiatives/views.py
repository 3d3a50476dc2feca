"""iCalendar feeds: the events of one initiative, and of the whole building."""

import datetime

from icalendar import Calendar, Event

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from wagtail.models import Locale

from core.links import absolute_url

from .models import EventPage, InitiativePage

FEED_PAST_DAYS = 90


def _calendar(name, events, request):
    calendar = Calendar()
    calendar.add("prodid", "-//De Deelfabriek//Agenda//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Brussels")
    stamp = timezone.now()
    for page in events:
        event = Event()
        event.add("uid", f"event-{page.translation_key}@deelfabriek")
        event.add("dtstamp", stamp)
        event.add("dtstart", page.start)
        event.add("dtend", page.end)
        event.add("summary", page.title)
        if page.intro:
            event.add("description", page.intro)
        location = page.location or "De Deelfabriek, Rijkswachtstraat 5, 8500 Kortrijk"
        event.add("location", location)
        event.add("url", absolute_url(page, request))
        event.add("last-modified", page.last_published_at or stamp)
        calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="agenda.ics"'
    return response


def _events(locale):
    since = timezone.now() - datetime.timedelta(days=FEED_PAST_DAYS)
    return EventPage.objects.live().public().filter(locale=locale, end__gte=since).order_by("start")


@require_GET
def initiative_calendar(request, page_id):
    initiative = InitiativePage.objects.live().public().filter(pk=page_id).first()
    if initiative is None:
        raise Http404("No such initiative")
    # The feed URL has no language prefix: the initiative's own language decides.
    events = _events(initiative.locale_id).descendant_of(initiative)
    return _calendar(f"{initiative.title} – De Deelfabriek", events, request)


@require_GET
def building_calendar(request):
    return _calendar("De Deelfabriek", _events(Locale.get_active()), request)
