"""Who may import items, and into which initiatives.

An import creates, changes and publishes items (``IMPORT_PERMISSIONS``), for an initiative
that lends items and that the user works for (a coordinator: every one). The rule "the
initiatives a user works for" is ``initiatives.teams.initiative_keys_of``; see
docs/architecture.md, "Who sees what".
"""

from __future__ import annotations

from ..models import Item

# Permissions an import exercises: it creates, changes and publishes items.
IMPORT_PERMISSIONS = ("add", "change", "publish")


def user_can_import(user) -> bool:
    from wagtail.permission_policies import ModelPermissionPolicy

    policy = ModelPermissionPolicy(Item)
    return all(policy.user_has_permission(user, action) for action in IMPORT_PERMISSIONS)


def importable_initiatives(user):
    """The lending initiatives the user works for (default-language pages, by title)."""
    from initiatives.scope import lending_initiatives_of

    return lending_initiatives_of(user)


def may_import_into(user, initiative) -> bool:
    """Whether ``user`` works for ``initiative`` and holds the permissions an import needs."""
    from initiatives.teams import initiative_keys_of

    keys = initiative_keys_of(user)
    outside = keys is not None and initiative.translation_key not in keys
    return not outside and user_can_import(user)
