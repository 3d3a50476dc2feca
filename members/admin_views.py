"""Members and memberships in the admin, scoped like the catalogue (docs/architecture.md).

Who sees what:

- Coordinators (``initiatives.teams.is_coordinator``) see every member with every field, edit
  them, and alone set the social tariff; its "verified by" and "verified on" are filled in by
  the form. They also see the tariff each membership applied.
- A volunteer sees the members who have a membership at, or a reservation of an item of, one
  of their initiatives (``admin_scope.py``): member number, name, postal code, language and the
  memberships at their own initiatives. No e-mail or phone (the desk shows none either:
  ``initiatives.scope.can_see_contact_details``), and nothing about the social tariff, except
  "social price applies: yes/no" when they register a membership. They register and change
  memberships of their own initiatives only.

Every address that names a member or a membership answers 404 outside the user's scope
(``scope_patterns``), and the permission policies say the same to the rest of Wagtail. The
columns, search and filters of the listings are in ``admin_columns.py``.
"""

from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import CreateView, EditView, IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from core.params import positive_int
from initiatives.scope import can_see_contact_details, manages_social_tariff, scope_patterns
from initiatives.teams import initiative_keys_of

from .admin_columns import (
    CoordinatorMemberFilterSet,
    MembershipFilterSet,
    VolunteerMemberFilterSet,
    member_label,
    member_name,
    membership_state,
    search_people,
    social_tariff_summary,
)
from .admin_forms import MembershipForm
from .admin_panels import coordinator_panel, desk_panel
from .admin_scope import (
    member_policy,
    membership_policy,
    scope_members,
    scope_memberships,
)
from .models import Member, Membership

MEMBER_NOT_FOUND = _("This member does not exist or is not a member of your initiatives.")
MEMBERSHIP_NOT_FOUND = _("This membership does not exist or belongs to another initiative.")


# Members --------------------------------------------------------------------------------------


class MemberFormMixin:
    """Coordinators get the whole form, anyone else the postal code and the language."""

    def get_panel(self):
        return coordinator_panel() if manages_social_tariff(self.request.user) else desk_panel()

    def get_form_class(self):
        return self.panel.get_form_class()

    def get_success_url(self):
        return reverse(self.inspect_url_name, args=[quote(self.object.pk)])


class MemberIndexView(IndexView):
    membership_add_url_name = None

    def get_base_queryset(self):
        return scope_members(Member.objects.select_related("user"), self.request.user)

    @cached_property
    def filterset_class(self):
        if manages_social_tariff(self.request.user):
            return CoordinatorMemberFilterSet
        return VolunteerMemberFilterSet

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return search_people(
            queryset,
            self.search_query,
            with_email=can_see_contact_details(self.request.user),
        )

    @cached_property
    def columns(self):
        user = self.request.user
        title_column = self._get_title_column_class(TitleColumn)
        columns = [
            title_column(
                "member_number",
                label=_("Member number"),
                get_url=lambda member: self.get_edit_url(member) or self.get_inspect_url(member),
                sort_key="member_number",
            ),
            Column("name", label=_("Name"), accessor=member_name, sort_key="user__last_name"),
        ]
        if can_see_contact_details(user):
            columns.append(Column("email", label=_("E-mail"), accessor="user.email"))
        columns += [
            Column("postal_code", label=_("Postal code"), sort_key="postal_code"),
            Column(
                "preferred_language",
                label=_("Language"),
                accessor="get_preferred_language_display",
                sort_key="preferred_language",
            ),
        ]
        if manages_social_tariff(user):
            columns.append(
                Column(
                    "tariff",
                    label=_("Tariff"),
                    accessor=social_tariff_summary,
                    sort_key="social_valid_until",
                )
            )
        return columns

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.membership_add_url_name and membership_policy().user_has_permission(
            self.request.user, "add"
        ):
            buttons.append(
                HeaderButton(
                    gettext("Register a membership"),
                    url=reverse(self.membership_add_url_name),
                    icon_name="plus",
                )
            )
        return buttons


class MemberCreateView(MemberFormMixin, CreateView):
    inspect_url_name = None

    def dispatch(self, request, *args, **kwargs):
        # A new member needs a name and an account: the coordinators' form only.
        if not manages_social_tariff(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class MemberEditView(MemberFormMixin, EditView):
    def get_queryset(self):
        return scope_members(Member.objects.select_related("user"), self.request.user)

    def get_page_subtitle(self):
        return member_label(self.object)


class MemberInspectView(InspectView):
    template_name = "members/admin/member_inspect.html"
    membership_add_url_name = None
    membership_edit_url_name = None

    def get_object(self, queryset=None):
        return get_object_or_404(
            scope_members(Member.objects.select_related("user"), self.request.user), pk=self.pk
        )

    def get_page_title(self):
        return gettext("Member")

    def get_page_subtitle(self):
        return member_label(self.object)

    def get_fields_context(self):
        member = self.object
        user = self.request.user
        rows = [
            (_("Member number"), member.member_number),
            (_("Name"), member_name(member)),
        ]
        if can_see_contact_details(user):
            rows += [
                (_("E-mail"), member.user.email or "–"),
                (_("Phone"), member.phone or "–"),
            ]
        rows += [
            (_("Postal code"), member.postal_code or "–"),
            (_("Language for our e-mails"), member.get_preferred_language_display()),
        ]
        if manages_social_tariff(user):
            verifier = member.social_verified_by
            rows += [
                (_("Tariff"), social_tariff_summary(member)),
                (_("Social tariff evidence"), member.get_social_evidence_display() or "–"),
                (
                    _("Social tariff verified by"),
                    (verifier.get_full_name() or verifier.get_username()) if verifier else "–",
                ),
                (_("Social tariff verified on"), member.social_verified_on or "–"),
            ]
        return [{"label": label, "value": value, "component": None} for label, value in rows]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        policy = membership_policy()
        memberships = scope_memberships(
            self.object.memberships.select_related("initiative", "plan").order_by("-end", "pk"),
            user,
        )
        can_change = policy.user_has_permission(user, "change")
        today = timezone.localdate()
        context["memberships"] = [
            {
                "membership": membership,
                "state": membership_state(membership, today),
                "edit_url": (
                    reverse(self.membership_edit_url_name, args=[quote(membership.pk)])
                    if can_change
                    else None
                ),
            }
            for membership in memberships
        ]
        context["show_membership_tariff"] = manages_social_tariff(user)
        context["membership_add_url"] = (
            f"{reverse(self.membership_add_url_name)}?member={quote(self.object.pk)}"
            if policy.user_has_permission(user, "add")
            else None
        )
        context["only_my_initiatives"] = initiative_keys_of(user) is not None
        return context


class MemberViewSet(ModelViewSet):
    model = Member
    name = "member_admin"
    url_prefix = "members"
    icon = "group"
    menu_label = _("Members")
    menu_order = 100
    index_view_class = MemberIndexView
    add_view_class = MemberCreateView
    edit_view_class = MemberEditView
    inspect_view_class = MemberInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    ordering = ["member_number"]
    list_per_page = 50
    # Searched by ``MemberIndexView.search_queryset``; this only turns the search box on.
    search_fields = ["member_number"]
    search_backend_name = None
    add_to_reference_index = False
    # Not a generic form: get_panel() chooses the panels per user.
    form_fields = ["postal_code", "preferred_language"]

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        # No delete (a member erases their own data, members/privacy.py), copy or usage.
        view_kwargs["delete_url_name"] = None
        view_kwargs["usage_url_name"] = None
        return view_kwargs

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            membership_add_url_name="membership_admin:add", **kwargs
        )

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            membership_add_url_name="membership_admin:add",
            membership_edit_url_name="membership_admin:edit",
            **kwargs,
        )

    def get_urlpatterns(self):
        patterns = [
            pattern
            for pattern in super().get_urlpatterns()
            if pattern.name not in {"delete", "usage"}
        ]
        return scope_patterns(patterns, Member, message=MEMBER_NOT_FOUND)


# Memberships ----------------------------------------------------------------------------------


class MembershipIndexView(IndexView):
    def get_base_queryset(self):
        return scope_memberships(
            Membership.objects.select_related("member", "member__user", "initiative", "plan"),
            self.request.user,
        )

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return search_people(
            queryset,
            self.search_query,
            prefix="member__",
            with_email=can_see_contact_details(self.request.user),
        )

    @cached_property
    def columns(self):
        title_column = self._get_title_column_class(TitleColumn)
        columns = [
            title_column(
                "member",
                label=_("Member"),
                accessor=lambda membership: member_label(membership.member),
                get_url=self.get_edit_url,
                sort_key="member__member_number",
            ),
            Column(
                "initiative",
                label=_("Initiative"),
                accessor="initiative.title",
                sort_key="initiative__title",
            ),
            Column("plan", label=_("Plan"), accessor=lambda m: m.plan.name if m.plan else "–"),
            Column("start", label=_("Start"), sort_key="start"),
            Column("end", label=_("End"), sort_key="end"),
            Column("state", label=_("Period"), accessor=membership_state),
        ]
        if manages_social_tariff(self.request.user):
            columns.append(
                Column(
                    "tariff",
                    label=_("Tariff applied"),
                    accessor="get_tariff_display",
                    sort_key="tariff",
                )
            )
        return columns


class MembershipFormMixin:
    member_inspect_url_name = "member_admin:inspect"

    def get_success_url(self):
        member = self.object.member
        if member_policy().user_has_permission_for_instance(self.request.user, "view", member):
            return reverse(self.member_inspect_url_name, args=[quote(member.pk)])
        return reverse(self.index_url_name)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        instance = self.form.instance
        if manages_social_tariff(self.request.user) and instance.pk:
            context["tariff_applied"] = instance.get_tariff_display()
        return context


class MembershipCreateView(MembershipFormMixin, CreateView):
    template_name = "members/admin/membership_form.html"
    submit_button_label = _("Check the price")

    def get_initial(self):
        initial = super().get_initial()
        pk = positive_int(self.request.GET.get("member", ""))
        if pk is not None:
            member = scope_members(Member.objects.filter(pk=pk), self.request.user).first()
            if member is not None:
                initial["member_number"] = member.member_number
        return initial

    def form_valid(self, form):
        if form.needs_confirmation:
            # Show what to ask the member to pay; the next submit saves it.
            self.form = form
            data = form.data.copy()
            data[form.add_prefix("confirmation")] = form.token
            form.data = data
            return self.render_to_response(self.get_context_data(form=form, preview=form.preview()))
        return super().form_valid(form)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if context.get("preview"):
            context["submit_button_label"] = gettext("Register the membership")
        return context

    def get_success_message(self, instance):
        return gettext("Membership of %(initiative)s registered for %(member)s.") % {
            "initiative": instance.initiative.title,
            "member": member_label(instance.member),
        }


class MembershipEditView(MembershipFormMixin, EditView):
    template_name = "members/admin/membership_form.html"

    def get_queryset(self):
        return scope_memberships(
            Membership.objects.select_related("member", "member__user", "initiative"),
            self.request.user,
        )

    def get_page_subtitle(self):
        return f"{member_label(self.object.member)} · {self.object.initiative.title}"


class MembershipViewSet(ModelViewSet):
    model = Membership
    name = "membership_admin"
    url_prefix = "memberships"
    icon = "user"
    menu_label = _("Memberships")
    menu_order = 200
    index_view_class = MembershipIndexView
    add_view_class = MembershipCreateView
    edit_view_class = MembershipEditView
    filterset_class = MembershipFilterSet
    copy_view_enabled = False
    ordering = ["-end", "pk"]
    list_per_page = 50
    search_fields = ["member__member_number"]
    search_backend_name = None
    add_to_reference_index = False

    def get_form_class(self, for_update=False):
        return MembershipForm

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        view_kwargs["usage_url_name"] = None
        return view_kwargs

    def get_urlpatterns(self):
        patterns = [pattern for pattern in super().get_urlpatterns() if pattern.name != "usage"]
        return scope_patterns(patterns, Membership, message=MEMBERSHIP_NOT_FOUND)
