"""What the members and memberships listings show, search and filter on.

Labels and states for the columns and page titles, the search (every word must match the
member number or a name; the e-mail only for those who may see it, ``can_see_contact_details``
in ``initiatives/scope.py``) and the filters. The views using them are in ``admin_views.py``.
"""

import datetime

import django_filters

from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet

from .admin_forms import EXPIRY_WARNING_DAYS, expires_in_days, initiatives_for
from .models import Member, Membership, Tariff

# At most this many words of a search are used (each must match).
MAX_SEARCH_TERMS = 5


# Labels ---------------------------------------------------------------------------------------


def member_name(member):
    return member.user.get_full_name() or "–"


def member_label(member):
    name = member.user.get_full_name()
    return f"{member.member_number} · {name}" if name else member.member_number


def social_tariff_summary(member, today=None):
    """For coordinators: whether the social tariff applies, and until when."""
    if member.tariff != Tariff.SOCIAL:
        return gettext("standard")
    days = expires_in_days(member, today)
    if days is None:
        return gettext("social (no end date)")
    until = formats.date_format(member.social_valid_until, "DATE_FORMAT")
    if days < 0:
        return gettext("social, ended on %(date)s") % {"date": until}
    if days <= EXPIRY_WARNING_DAYS:
        return ngettext(
            "social until %(date)s (ends in %(days)d day)",
            "social until %(date)s (ends in %(days)d days)",
            days,
        ) % {"date": until, "days": days}
    return gettext("social until %(date)s") % {"date": until}


def membership_state(membership, today=None):
    today = today or timezone.localdate()
    if membership.end < today:
        return gettext("ended")
    if membership.start > today:
        return gettext("starts later")
    return gettext("current")


def search_terms(query):
    return [term[:100] for term in (query or "").split()[:MAX_SEARCH_TERMS]]


def search_people(queryset, query, *, prefix="", with_email=False):
    """Every word must match the member number, first or last name (or e-mail, if asked)."""
    for term in search_terms(query):
        match = (
            Q(**{f"{prefix}member_number__icontains": term})
            | Q(**{f"{prefix}user__first_name__icontains": term})
            | Q(**{f"{prefix}user__last_name__icontains": term})
        )
        if with_email:
            match |= Q(**{f"{prefix}user__email__icontains": term})
        queryset = queryset.filter(match)
    return queryset


# Filters --------------------------------------------------------------------------------------


def _initiative_choices(request):
    return initiatives_for(request.user if request is not None else None)


class SocialStatus:
    VALID = "valid"
    EXPIRING = "expiring"
    EXPIRED = "expired"
    choices = [
        (VALID, _("Social tariff valid today")),
        (EXPIRING, _("Social tariff ends within 30 days")),
        (EXPIRED, _("Social tariff ended")),
    ]


class VolunteerMemberFilterSet(WagtailFilterSet):
    initiative = django_filters.ModelChoiceFilter(
        label=_("Membership of"), queryset=_initiative_choices, method="filter_initiative"
    )
    preferred_language = django_filters.ChoiceFilter(
        label=_("Language"), choices=Member.Language.choices
    )

    class Meta:
        model = Member
        fields = ["initiative", "preferred_language"]

    def filter_initiative(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(
            pk__in=Membership.objects.filter(initiative=value).values("member_id")
        )


class CoordinatorMemberFilterSet(VolunteerMemberFilterSet):
    tariff = django_filters.ChoiceFilter(label=_("Tariff"), choices=Tariff.choices)
    social_status = django_filters.ChoiceFilter(
        label=_("Social tariff"), choices=SocialStatus.choices, method="filter_social_status"
    )

    class Meta:
        model = Member
        fields = ["tariff", "social_status", "initiative", "preferred_language"]

    def filter_social_status(self, queryset, name, value):
        today = timezone.localdate()
        social = queryset.filter(tariff=Tariff.SOCIAL)
        if value == SocialStatus.VALID:
            return social.filter(social_verified_on__lte=today, social_valid_until__gte=today)
        if value == SocialStatus.EXPIRING:
            soon = today + datetime.timedelta(days=EXPIRY_WARNING_DAYS)
            return social.filter(social_valid_until__gte=today, social_valid_until__lte=soon)
        if value == SocialStatus.EXPIRED:
            return social.filter(social_valid_until__lt=today)
        return queryset


class MembershipFilterSet(WagtailFilterSet):
    initiative = django_filters.ModelChoiceFilter(
        label=_("Initiative"), queryset=_initiative_choices
    )
    state = django_filters.ChoiceFilter(
        label=_("Period"),
        choices=[
            ("current", _("Current")),
            ("ended", _("Ended")),
            ("later", _("Starts later")),
        ],
        method="filter_state",
    )

    class Meta:
        model = Membership
        fields = ["initiative", "state"]

    def filter_state(self, queryset, name, value):
        today = timezone.localdate()
        if value == "current":
            return queryset.filter(start__lte=today, end__gte=today)
        if value == "ended":
            return queryset.filter(end__lt=today)
        if value == "later":
            return queryset.filter(start__gt=today)
        return queryset
