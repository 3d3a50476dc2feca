"""Volunteer teams: one Wagtail group per initiative, allowed to edit that initiative only.

A team is keyed by the initiative's translation key, so that renaming the page or adding
a translation keeps the same group. Every translation of the page gets the same grants,
because each language has its own page tree.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from core.languages import source_of

COORDINATION_GROUP = "Coördinatie"
TEAM_SUFFIX = " – vrijwilligers"
PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")
IMAGE_PERMISSIONS = ("add_image", "change_image", "choose_image")
DOCUMENT_PERMISSIONS = ("add_document", "change_document", "choose_document")
ITEM_PERMISSIONS = ("add_item", "change_item", "delete_item", "publish_item")
COPY_PERMISSIONS = ("add_copy", "change_copy", "delete_copy")
CATEGORY_PERMISSIONS = ("add_category", "change_category", "delete_category")
# The catalogue's search words (search.models.Synonym), for the whole catalogue.
SYNONYM_PERMISSIONS = ("add_synonym", "change_synonym", "delete_synonym")
# The reservation desk: see reservations and move them along (confirm, hand out, take back,
# cancel, no-show, walk-in loans). Reservations are never edited or deleted by hand.
RESERVATION_PERMISSIONS = ("view_reservation", "change_reservation")
# Members: volunteers see the members of their own initiatives (members/admin_scope.py scopes
# every view) and register and change memberships there; members themselves, their contact
# details and the social tariff are the coordinators'.
TEAM_MEMBER_PERMISSIONS = ("view_member",)
TEAM_MEMBERSHIP_PERMISSIONS = ("view_membership", "add_membership", "change_membership")
MEMBER_PERMISSIONS = ("view_member", "add_member", "change_member")
MEMBERSHIP_PERMISSIONS = (*TEAM_MEMBERSHIP_PERMISSIONS, "delete_membership")


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _collection_for(page):
    root = Collection.get_first_root_node()
    name = page.title
    existing = root.get_children().filter(name=name).first()
    return existing or root.add_child(name=name)


@transaction.atomic
def grant_team_permissions(page, *, skip_if_granted=False):
    """Create (or update) the team of an initiative and grant it the page and its collection.

    With ``skip_if_granted`` (every later save of the page), a page whose team already holds
    its page permissions costs two queries instead of a dozen.
    """
    from .models import VolunteerTeam

    team = VolunteerTeam.objects.filter(translation_key=page.translation_key).first()
    if (
        skip_if_granted
        and team is not None
        and GroupPagePermission.objects.filter(group_id=team.group_id, page_id=page.pk).count()
        >= len(PAGE_PERMISSIONS)
    ):
        return team
    if team is None:
        source = source_of(page)
        group, _created = Group.objects.get_or_create(name=f"{source.title}{TEAM_SUFFIX}"[:150])
        team = VolunteerTeam.objects.create(
            translation_key=page.translation_key,
            group=group,
            collection=_collection_for(source),
        )
    group = team.group
    group.permissions.add(
        _permission("wagtailadmin", "access_admin"),
        _permission("wagtail_localize", "submit_translation"),
        # Items of their own initiative only: the catalogue admin scopes every view.
        *(_permission("catalogue", codename) for codename in ITEM_PERMISSIONS),
        *(_permission("catalogue", codename) for codename in COPY_PERMISSIONS),
        # Reservations of their own initiative only: the desk scopes every view.
        *(_permission("lending", codename) for codename in RESERVATION_PERMISSIONS),
        # Members and memberships of their own initiative only: the members admin scopes them.
        *(_permission("members", codename) for codename in TEAM_MEMBER_PERMISSIONS),
        *(_permission("members", codename) for codename in TEAM_MEMBERSHIP_PERMISSIONS),
    )
    for codename in PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=Page.objects.get(pk=page.pk),
            permission=_permission("wagtailcore", codename),
        )
    for app_label, codenames in (
        ("wagtailimages", IMAGE_PERMISSIONS),
        ("wagtaildocs", DOCUMENT_PERMISSIONS),
    ):
        for codename in codenames:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=team.collection,
                permission=_permission(app_label, codename),
            )
    return team


def teams_of(user):
    """The volunteer teams a user belongs to."""
    from .models import VolunteerTeam

    return VolunteerTeam.objects.filter(group__user=user)


def initiative_keys_of(user):
    """Translation keys of the initiatives a volunteer works for; None means all of them."""
    if is_coordinator(user):
        return None
    return set(teams_of(user).values_list("translation_key", flat=True))


def is_coordinator(user):
    return user.is_superuser or user.groups.filter(name=COORDINATION_GROUP).exists()


@transaction.atomic
def ensure_coordination_group():
    """The city's coordinators edit every page, image and document and the site settings."""
    group, _created = Group.objects.get_or_create(name=COORDINATION_GROUP)
    group.permissions.add(
        _permission("wagtailadmin", "access_admin"),
        _permission("wagtail_localize", "submit_translation"),
        *Permission.objects.filter(
            content_type__app_label="core", codename__in=["change_sitesettings"]
        ),
        *(_permission("catalogue", codename) for codename in ITEM_PERMISSIONS),
        *(_permission("catalogue", codename) for codename in COPY_PERMISSIONS),
        *(_permission("catalogue", codename) for codename in CATEGORY_PERMISSIONS),
        *(_permission("search", codename) for codename in SYNONYM_PERMISSIONS),
        *(_permission("lending", codename) for codename in RESERVATION_PERMISSIONS),
        *(_permission("members", codename) for codename in MEMBER_PERMISSIONS),
        *(_permission("members", codename) for codename in MEMBERSHIP_PERMISSIONS),
    )
    for root in Page.objects.filter(depth=1):
        for codename in (*PAGE_PERMISSIONS, "delete_page", "lock_page", "unlock_page"):
            GroupPagePermission.objects.get_or_create(
                group=group, page=root, permission=_permission("wagtailcore", codename)
            )
    collection = Collection.get_first_root_node()
    for app_label, codenames in (
        ("wagtailimages", (*IMAGE_PERMISSIONS, "delete_image")),
        ("wagtaildocs", (*DOCUMENT_PERMISSIONS, "delete_document")),
    ):
        for codename in codenames:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=_permission(app_label, codename)
            )
    return group
