"""Membership applications in the admin: the queue, deciding one, and the referral letter
(docs/architecture.md, "Joining online").

Volunteers see and decide the applications at the standard tariff at their own initiatives;
an application that asks for the social tariff is for the coordinators alone (that someone
asked is itself a social-tariff detail). The letter is shown to coordinators only, from
private storage, and is gone once the application is decided.
"""

from __future__ import annotations

import mimetypes

from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from initiatives.scope import can_see_contact_details, scope

from . import applications
from .admin_scope import membership_policy
from .models import MembershipApplication

Status = MembershipApplication.Status


def may_handle_applications(user) -> bool:
    """Who works the queue: whoever may add memberships (volunteers and coordinators)."""
    return user.is_authenticated and membership_policy().user_has_permission(user, "add")


def scoped_applications(user):
    """The applications at the user's initiatives (every one for a coordinator)."""
    if not may_handle_applications(user):
        return MembershipApplication.objects.none()
    rows = MembershipApplication.objects.select_related(
        "member", "member__user", "initiative", "plan", "decided_by"
    )
    if not can_see_contact_details(user):
        # Whether someone asked for the social tariff is itself a social-tariff detail.
        rows = rows.filter(social_route="")
    return scope(rows, user, via="initiative")


def may_decide(user, application) -> bool:
    return not application.asks_social_tariff or can_see_contact_details(user)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("reject", _("Reject"))], widget=forms.HiddenInput
    )
    social = forms.TypedChoiceField(
        label=_("Tariff"),
        choices=[("1", _("Social tariff: the evidence is right")), ("0", _("Standard tariff"))],
        coerce=lambda value: value == "1",
        required=False,
        widget=forms.RadioSelect,
    )
    social_valid_until = forms.DateField(
        label=_("Social tariff valid until"),
        required=False,
        help_text=_("Leave empty for a year from today, or the end date on the letter or UiTPAS."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    reason = forms.CharField(
        label=_("Why not? The member reads this in the e-mail."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "reject" and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", gettext("Say why, so that the member knows what to do."))
        until = cleaned.get("social_valid_until")
        if until and until < timezone.localdate():
            self.add_error("social_valid_until", gettext("This date has passed."))
        return cleaned


class QueueView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "members/admin/applications/index.html"
    page_title = _("Membership applications")
    header_icon = "user"
    viewset = None

    def dispatch(self, request, *args, **kwargs):
        if not may_handle_applications(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = scoped_applications(self.request.user)
        waiting = list(rows.filter(status=Status.SUBMITTED).order_by("created_at", "pk"))
        decided = list(rows.exclude(status=Status.SUBMITTED).order_by("-decided_at", "-pk")[:30])
        for row in waiting + decided:
            row.detail_url = reverse(self.viewset.get_url_name("detail"), args=[row.pk])
        context.update(waiting=waiting, decided=decided)
        return context


class DetailView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "members/admin/applications/detail.html"
    page_title = _("Membership application")
    header_icon = "user"
    viewset = None

    def dispatch(self, request, pk):
        self.application = get_object_or_404(scoped_applications(request.user), pk=pk)
        return super().dispatch(request, pk)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.viewset.get_url_name("index")), "label": gettext("Applications")},
            {"url": "", "label": str(self.application.member)},
        ]

    def post(self, request, pk):
        form = DecisionForm(request.POST)
        application = self.application
        if application.status != Status.SUBMITTED:
            messages.info(request, gettext("This application has been decided already."))
            return redirect(self.viewset.get_url_name("index"))
        if not may_decide(request.user, application):
            messages.error(request, gettext("A coordinator decides on the social tariff."))
            return redirect(self.viewset.get_url_name("detail"), pk)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        data = form.cleaned_data
        if data["decision"] == "reject":
            applications.reject(application, request.user, data["reason"])
            messages.success(
                request, gettext("Rejected; the member gets an e-mail with the reason.")
            )
        else:
            social = data["social"] if application.asks_social_tariff else False
            applications.approve(
                application,
                request.user,
                social=bool(social),
                social_valid_until=data.get("social_valid_until"),
            )
            messages.success(
                request, gettext("Approved: the membership is made and the member gets an e-mail.")
            )
        return redirect(self.viewset.get_url_name("index"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.application
        user = self.request.user
        coordinator = can_see_contact_details(user)
        context.update(
            application=application,
            may_decide=may_decide(user, application) and application.status == Status.SUBMITTED,
            # Social-tariff details are for coordinators only.
            show_social=coordinator,
            evidence_url=(
                reverse(self.viewset.get_url_name("evidence"), args=[application.pk])
                if coordinator and application.evidence
                else ""
            ),
            index_url=reverse(self.viewset.get_url_name("index")),
        )
        context.setdefault("form", DecisionForm(initial={"social": "1"}))
        return context


def evidence(request, pk):
    """The referral letter, to coordinators only; 404 for anyone else and once it is gone."""
    if not can_see_contact_details(request.user):
        raise Http404
    application = get_object_or_404(scoped_applications(request.user), pk=pk)
    if not application.evidence:
        raise Http404
    try:
        handle = application.evidence.open("rb")
    except OSError as error:
        raise Http404 from error
    content_type = mimetypes.guess_type(application.evidence.name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response


class ApplicationsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_handle_applications(request.user)


class ApplicationViewSet(ViewSet):
    name = "applications"
    icon = "user"
    menu_label = _("Applications")
    menu_item_class = ApplicationsMenuItem

    def get_urlpatterns(self):
        return [
            path("", QueueView.as_view(viewset=self), name="index"),
            path("<int:pk>/", DetailView.as_view(viewset=self), name="detail"),
            path("<int:pk>/letter/", evidence, name="evidence"),
        ]


class WaitingApplicationsPanel(Component):
    """The dashboard's line about applications waiting for this user."""

    name = "membership_applications"
    order = 20
    template_name = "members/admin/applications/panel.html"

    def __init__(self, count, url):
        self.count, self.url = count, url

    def get_context_data(self, parent_context):
        return {"count": self.count, "url": self.url}


def add_applications_panel(request, panels):
    if not may_handle_applications(request.user):
        return
    count = scoped_applications(request.user).filter(status=Status.SUBMITTED).count()
    panels.insert(0, WaitingApplicationsPanel(count, reverse("applications:index")))
