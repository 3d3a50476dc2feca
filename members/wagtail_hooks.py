"""Members and memberships in the admin menu; the views live in admin_views, their scoping in
admin_scope."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permissions import register_permission_policy

from .admin_applications import ApplicationViewSet, add_applications_panel
from .admin_scope import MemberPermissionPolicy, MembershipPermissionPolicy
from .admin_views import MembershipViewSet, MemberViewSet
from .models import Member, Membership


class MembersGroup(ViewSetGroup):
    menu_label = _("Members")
    menu_icon = "group"
    menu_order = 260
    items = (MemberViewSet, MembershipViewSet, ApplicationViewSet)


register_permission_policy(Member, MemberPermissionPolicy(Member))
register_permission_policy(Membership, MembershipPermissionPolicy(Membership))


@hooks.register("register_admin_viewset")
def register_members_admin():
    return MembersGroup()


hooks.register("construct_homepage_panels", add_applications_panel)
