"""Opening hours on fixed dates: DST, overlaps, seasons, exceptions and public holidays."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from initiatives.hours import Exception_, Presence, Schedule, Slot, open_today, status_at
from initiatives.models import InitiativePage, OpeningException, OpeningSlot
from tests import factories
from tests.admin_forms import PUBLISH, initiative_edit_form

UTC = datetime.UTC
BRUSSELS = ZoneInfo("Europe/Brussels")
T = datetime.time
D = datetime.date
CLOSING_BEFORE_OPENING = "The closing time must be later than the opening time."


def utc(*args):
    return datetime.datetime(*args, tzinfo=UTC)


def local(*args):
    return datetime.datetime(*args, tzinfo=BRUSSELS)


# The weekly pattern used by most tests: Monday 09–12, Wednesday 14–18, Saturday 10–13.
WEEK = [Slot(0, T(9), T(12)), Slot(2, T(14), T(18)), Slot(5, T(10), T(13))]


# Summer time: 29 March 2026 (02:00 → 03:00) and 25 October 2026 (03:00 → 02:00). ----------


def test_next_opening_after_the_spring_change_is_monday_nine_in_summer_time():
    schedule = Schedule(WEEK)
    # Saturday 28 March 2026, 20:00 local (still UTC+1).
    nxt = schedule.next_opening(utc(2026, 3, 28, 19, 0))
    assert nxt == local(2026, 3, 30, 9, 0)
    assert nxt.utcoffset() == datetime.timedelta(hours=2)
    assert nxt.astimezone(UTC) == utc(2026, 3, 30, 7, 0)


def test_next_opening_after_the_autumn_change_is_monday_nine_in_winter_time():
    schedule = Schedule(WEEK)
    # Saturday 24 October 2026, 20:00 local (still UTC+2).
    nxt = schedule.next_opening(utc(2026, 10, 24, 18, 0))
    assert nxt == local(2026, 10, 26, 9, 0)
    assert nxt.utcoffset() == datetime.timedelta(hours=1)
    assert nxt.astimezone(UTC) == utc(2026, 10, 26, 8, 0)


def test_open_at_follows_the_local_clock_across_the_spring_change():
    schedule = Schedule(WEEK)
    # Saturday 28 March (UTC+1): 10:30 local is 09:30 UTC; 08:30 UTC is 09:30 local, closed.
    assert schedule.is_open_at(utc(2026, 3, 28, 9, 30))
    assert not schedule.is_open_at(utc(2026, 3, 28, 8, 30))
    # Monday 30 March (UTC+2): 09:30 local is 07:30 UTC; 10:30 UTC is 12:30 local, closed.
    assert schedule.is_open_at(utc(2026, 3, 30, 7, 30))
    assert not schedule.is_open_at(utc(2026, 3, 30, 6, 30))
    assert schedule.is_open_at(utc(2026, 3, 30, 9, 59))
    assert not schedule.is_open_at(utc(2026, 3, 30, 10, 30))


def test_open_at_follows_the_local_clock_across_the_autumn_change():
    schedule = Schedule(WEEK)
    # Saturday 24 October (UTC+2): 10:30 local is 08:30 UTC.
    assert schedule.is_open_at(utc(2026, 10, 24, 8, 30))
    assert not schedule.is_open_at(utc(2026, 10, 24, 7, 30))
    # Monday 26 October (UTC+1): 09:30 local is 08:30 UTC; 07:30 UTC is 08:30 local.
    assert schedule.is_open_at(utc(2026, 10, 26, 8, 30))
    assert not schedule.is_open_at(utc(2026, 10, 26, 7, 30))


def test_a_slot_in_the_night_of_the_change_is_found():
    schedule = Schedule([Slot(6, T(2, 30), T(4))])
    assert schedule.next_opening(utc(2026, 3, 28, 12)).date() == D(2026, 3, 29)
    # 25 October: 01:30 UTC is 02:30 local (UTC+1, after the clocks went back).
    assert schedule.is_open_at(utc(2026, 10, 25, 1, 30))


# Slots ------------------------------------------------------------------------------------


def test_overlapping_slots_are_merged():
    schedule = Schedule([Slot(0, T(10), T(13)), Slot(0, T(12), T(16)), Slot(0, T(18), T(20))])
    day = schedule.day(D(2026, 11, 16))
    assert day.periods == ((T(10), T(16)), (T(18), T(20)))
    assert schedule.is_open_at(local(2026, 11, 16, 12, 30))
    assert not schedule.is_open_at(local(2026, 11, 16, 17, 0))


@translation.override("en")
def test_a_slot_that_ends_before_it_starts_is_refused_by_the_model():
    slot = OpeningSlot(weekday=0, opens=T(14), closes=T(10))
    with pytest.raises(ValidationError) as error:
        slot.clean()
    assert error.value.message_dict == {"closes": [CLOSING_BEFORE_OPENING]}


@translation.override("en")
def test_special_hours_that_end_before_they_start_are_refused_by_the_model():
    exception = OpeningException(start_date=D(2026, 11, 18), closed=False, opens=T(16), closes=T(9))
    with pytest.raises(ValidationError) as error:
        exception.clean()
    assert error.value.message_dict == {"closes": [CLOSING_BEFORE_OPENING]}


@pytest.mark.django_db
def test_a_slot_that_ends_before_it_starts_is_refused_in_the_admin(client, index):
    page = factories.build_initiative(index, "Instrumentheek")
    revisions = page.revisions.count()
    client.force_login(factories.UserFactory(is_superuser=True, admin_language="en"))
    data = initiative_edit_form(
        page,
        extra_slots=[{"weekday": 3, "opens": "14:00", "closes": "10:00"}],
        intro="Dit mag niet bewaard worden",
        **PUBLISH,
    )

    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)

    assert response.status_code == 200
    assert CLOSING_BEFORE_OPENING in response.content.decode()
    page = InitiativePage.objects.get(pk=page.pk)
    assert not page.opening_slots.filter(weekday=3).exists()
    assert page.intro != "Dit mag niet bewaard worden"
    assert page.revisions.count() == revisions


def test_seasonal_slots_apply_only_within_their_dates():
    schedule = Schedule(
        [
            Slot(5, T(10), T(12), valid_from=D(2026, 4, 1), valid_until=D(2026, 9, 30)),
            Slot(2, T(14), T(17)),
        ]
    )
    assert not schedule.is_open_on(D(2026, 3, 28))  # the Saturday before the season
    assert schedule.is_open_on(D(2026, 4, 4))  # the first Saturday in it
    assert schedule.is_open_on(D(2026, 6, 6))
    assert not schedule.is_open_on(D(2026, 10, 3))  # the first Saturday after it
    assert schedule.is_open_on(D(2026, 11, 18))  # Wednesdays all year
    assert [s.weekday for s in schedule.regular_slots(D(2026, 11, 18))] == [2]


# Exceptions -------------------------------------------------------------------------------


def test_an_exception_closes_a_normal_day_with_its_reason():
    schedule = Schedule(WEEK, [Exception_(D(2026, 11, 18), None, True, reason="Inventaris")])
    day = schedule.day(D(2026, 11, 18))
    assert not day.is_open
    assert day.reason == "Inventaris"
    assert not schedule.is_open_at(local(2026, 11, 18, 15))
    assert schedule.is_open_on(D(2026, 11, 25))


def test_an_exception_range_closes_every_day_in_it():
    schedule = Schedule(WEEK, [Exception_(D(2026, 12, 21), D(2027, 1, 3), True, reason="Kerst")])
    assert not any(schedule.is_open_on(D(2026, 12, 21) + datetime.timedelta(n)) for n in range(14))
    assert schedule.day(D(2026, 12, 30)).reason == "Kerst"
    assert schedule.is_open_on(D(2027, 1, 4))
    assert schedule.next_opening(utc(2026, 12, 20, 12)) == local(2027, 1, 4, 9)


def test_special_hours_replace_the_weekly_hours():
    schedule = Schedule(WEEK, [Exception_(D(2026, 11, 21), None, False, T(13), T(16), "Ruilbeurs")])
    day = schedule.day(D(2026, 11, 21))
    assert day.periods == ((T(13), T(16)),)
    assert day.is_exception and day.reason == "Ruilbeurs"
    assert not schedule.is_open_at(local(2026, 11, 21, 10, 30))
    assert schedule.is_open_at(local(2026, 11, 21, 15))


def test_special_hours_open_a_day_without_weekly_hours():
    schedule = Schedule(WEEK, [Exception_(D(2026, 11, 22), None, False, T(10), T(12), "Markt")])
    assert schedule.next_opening(local(2026, 11, 21, 14)) == local(2026, 11, 22, 10)


def test_upcoming_exceptions_leave_out_the_past_ones():
    past = Exception_(D(2026, 11, 2), None, True, reason="Voorbij")
    running = Exception_(D(2026, 11, 10), D(2026, 11, 20), True, reason="Verbouwing")
    later = Exception_(D(2026, 12, 24), None, True, reason="Kerstavond")
    schedule = Schedule(WEEK, [later, past, running])
    upcoming = schedule.upcoming_exceptions(D(2026, 11, 16))
    assert [e.reason for e in upcoming] == ["Verbouwing", "Kerstavond"]


# Public holidays --------------------------------------------------------------------------


def test_a_public_holiday_is_closed_with_its_name():
    schedule = Schedule(WEEK)
    with translation.override("nl"):
        easter_monday = schedule.day(D(2026, 4, 6))
    assert not easter_monday.is_open
    assert easter_monday.holiday == easter_monday.reason == "Paasmaandag"
    assert schedule.is_open_on(D(2026, 4, 13))  # the Monday after is a normal Monday


@pytest.mark.parametrize(
    ("date", "name"),
    [
        (D(2026, 7, 21), "Nationale feestdag"),  # a Tuesday
        (D(2026, 5, 1), "Dag van de Arbeid"),  # a Friday
        (D(2026, 11, 11), "Wapenstilstand"),  # a Wednesday
    ],
)
def test_belgian_federal_holidays_are_closed(date, name):
    schedule = Schedule([Slot(weekday, T(9), T(17)) for weekday in range(7)])
    with translation.override("nl"):
        day = schedule.day(date)
    assert (day.is_open, day.holiday) == (False, name)


def test_the_flemish_holiday_of_11_july_is_not_a_federal_holiday():
    schedule = Schedule([Slot(5, T(10), T(13))])
    day = schedule.day(D(2026, 7, 11))  # a Saturday
    assert day.is_open and not day.holiday


def test_holiday_names_follow_the_visitors_language():
    with translation.override("fr"):
        assert Schedule(WEEK).day(D(2026, 4, 6)).reason == "Lundi de Pâques"
    with translation.override("en"):
        assert Schedule(WEEK).day(D(2026, 4, 6)).reason == "Easter Monday"


def test_next_opening_skips_a_public_holiday():
    schedule = Schedule(WEEK)
    # Sunday 5 April 2026; Monday 6 April is Easter Monday; the next opening is Wednesday.
    assert schedule.next_opening(utc(2026, 4, 5, 12)) == local(2026, 4, 8, 14)


def test_an_exception_with_hours_opens_a_public_holiday():
    schedule = Schedule(WEEK, [Exception_(D(2026, 4, 6), None, False, T(10), T(12), "Paasmarkt")])
    day = schedule.day(D(2026, 4, 6))
    assert day.periods == ((T(10), T(12)),)
    assert day.reason == "Paasmarkt"
    assert schedule.next_opening(utc(2026, 4, 5, 12)) == local(2026, 4, 6, 10)


# The week and several pages ---------------------------------------------------------------


def test_the_week_starts_on_monday():
    week = Schedule(WEEK).week(D(2026, 11, 19))  # a Thursday
    assert [day.date for day in week] == [D(2026, 11, 16) + datetime.timedelta(n) for n in range(7)]
    assert [day.is_open for day in week] == [True, False, True, False, False, True, False]


def test_a_week_with_a_holiday_shows_it_closed():
    week = Schedule(WEEK).week(D(2026, 4, 8))
    assert week[0].date == D(2026, 4, 6)
    assert not week[0].is_open and week[0].holiday


def test_no_slots_means_no_next_opening():
    assert Schedule([]).next_opening(utc(2026, 11, 16, 12)) is None


@pytest.mark.django_db
def test_open_today_lists_only_the_initiatives_open_that_day(index):
    factories.build_initiative(index, "Maandagploeg", slots=[("0", "09:00", "12:00")])
    factories.build_initiative(index, "Woensdagploeg", slots=[("2", "14:00", "17:00")])
    closed = factories.build_initiative(
        index,
        "Gesloten",
        slots=[("0", "13:00", "15:00")],
        exceptions=[{"start_date": D(2026, 11, 16), "closed": True, "reason": "Opleiding"}],
    )
    factories.build_initiative(
        index,
        "Zomerploeg",
        slots=[("0", "10:00", "12:00", D(2026, 6, 1), D(2026, 8, 31))],
    )
    pages = list(InitiativePage.objects.live().order_by("title"))

    assert [page.title for page in open_today(pages, D(2026, 11, 16))] == ["Maandagploeg"]
    assert [p.today.reason for p in pages if p.pk == closed.pk] == ["Opleiding"]
    assert [page.title for page in open_today(pages, D(2026, 11, 18))] == ["Woensdagploeg"]
    assert open_today(pages, D(2026, 4, 6)) == []  # Easter Monday


# One rule for "open": the building joins its own hours, its initiatives' and sessions. -------


def test_the_building_is_open_while_one_of_its_initiatives_is():
    building = Schedule([Slot(0, T(13), T(17))])
    evening = Schedule([Slot(0, T(17), T(19)), Slot(1, T(18), T(21))])
    joined = Presence(base=building, parts=[evening])
    assert joined.day(D(2026, 11, 16)).periods == ((T(13), T(19)),)  # touching periods join
    assert joined.day(D(2026, 11, 17)).periods == ((T(18), T(21)),)
    status = status_at(joined, local(2026, 11, 16, 18))
    assert status["open_now"] and status["open_until"] == local(2026, 11, 16, 19)
    status = status_at(joined, local(2026, 11, 16, 20))
    assert status["next_opening"] == local(2026, 11, 17, 18) and not status["later_today"]


def test_a_session_opens_a_place_without_weekly_hours_and_a_holiday_stays_named():
    session = (local(2026, 11, 11, 13, 30), local(2026, 11, 11, 16, 30))  # Armistice Day
    cafe = Presence(base=Schedule(), sessions=[session])
    with translation.override("nl"):
        day = cafe.day(D(2026, 11, 11))
    assert day.periods == ((T(13, 30), T(16, 30)),) and day.holiday == "Wapenstilstand"
    assert not day.is_exception and not day.reason
    assert cafe.is_open_at(local(2026, 11, 11, 14))
    assert cafe.next_opening(local(2026, 11, 10, 9)) == session[0]
    assert cafe.next_opening(local(2026, 11, 11, 17)) is None
