"""The admin as a volunteer meets it (docs/architecture.md, "An admin for volunteers"): the
dashboard leads with their own work (the desk's day, the applications, their initiative's
pages) without Wagtail's site-wide counts; the menu leaves out what a volunteer never uses
(snippets, documents, reports); publishing is the primary action of the edit forms.
"""

from __future__ import annotations

from .teams import is_coordinator

# Main menu items a volunteer never needs: snippets (items have their own Catalogue menu),
# documents and the reports (the coordinators' overviews).
HIDDEN_FROM_VOLUNTEERS = {"snippets", "documents", "reports"}


def is_volunteer(user) -> bool:
    return user.is_authenticated and not is_coordinator(user)


def hide_site_summary(request, summary_items):
    """ "123 pages, 1 image, 0 documents" says nothing to a volunteer."""
    if is_volunteer(request.user):
        summary_items.clear()


def hide_unused_menu_items(request, menu_items):
    if is_volunteer(request.user):
        menu_items[:] = [item for item in menu_items if item.name not in HIDDEN_FROM_VOLUNTEERS]


def publish_first(menu_items, request, context):
    """Make "Publish" the big button where the user may publish: saving a draft is the
    exception for the people who keep their own initiative's pages up to date."""
    for index, item in enumerate(menu_items):
        if item.name == "action-publish":
            menu_items.insert(0, menu_items.pop(index))
            return
