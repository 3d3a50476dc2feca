"""Which members and memberships an admin user sees, and who manages the social tariff.

A coordinator sees every member. A volunteer sees the members who have a membership at, or a
reservation of an item of, one of their initiatives, and the memberships at their own
initiatives (docs/architecture.md, "Who sees what"). The reservations are reached through
``Member.reservations``, the reverse relation the lending app declares, so that this app
imports nothing of lending (docs/architecture.md, "Apps").
"""

from django.db.models import Q

from wagtail.permissions import policy_registry

from initiatives.scope import ScopedPermissionPolicy, scope
from initiatives.teams import initiative_keys_of

from .models import Member, Membership


def scope_members(queryset, user):
    """Members with a membership at, or a reservation at, one of the user's initiatives."""
    keys = initiative_keys_of(user)
    if keys is None:
        return queryset
    if not keys:
        return queryset.none()
    memberships = Membership.objects.filter(initiative__translation_key__in=keys)
    borrowers = Member.objects.filter(reservations__item__initiative__translation_key__in=keys)
    return queryset.filter(
        Q(pk__in=memberships.values("member_id")) | Q(pk__in=borrowers.values("pk"))
    )


def scope_memberships(queryset, user):
    return scope(queryset, user, via="initiative")


class MemberPermissionPolicy(ScopedPermissionPolicy):
    scoper = staticmethod(scope_members)


class MembershipPermissionPolicy(ScopedPermissionPolicy):
    scoper = staticmethod(scope_memberships)


def membership_policy():
    return policy_registry.get_by_type(Membership)


def member_policy():
    return policy_registry.get_by_type(Member)
