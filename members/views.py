"""Sign up, log in and out, password reset, "my account", and the member's own data.

"My account" shows the profile and the memberships; other apps add their sections through the
``member_account_context`` hook: each hook is called with ``(request, member, today)`` and
returns a dict merged into the page's context (lending: the reservations, and the address to
cancel one, in ``lending/account.py``).
"""

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from wagtail import hooks
from wagtail.models import Locale

from core.languages import translations_in
from members import accounts, privacy
from members.card import qr_svg
from members.forms import (
    DeleteAccountForm,
    EmailAuthenticationForm,
    MemberPasswordResetForm,
    ProfileForm,
    SignUpForm,
)
from members.models import Member, MembershipApplication, Payment, Tariff
from members.throttling import reset_lockout


def _member(request):
    return Member.objects.filter(user=request.user).first()


def _member_or_404(request):
    member = _member(request)
    if member is None:
        raise Http404("This account has no member profile.")
    return member


# Signing up ---------------------------------------------------------------------------------


@never_cache
def sign_up(request):
    if request.user.is_authenticated:
        return redirect("members:account")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # The address of an existing account gets the same answer as a new one, and the
        # account is left as it is: its owner is told by e-mail (members/accounts.py).
        result = accounts.sign_up(
            request,
            email=data["email"],
            password=data["password1"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            postal_code=data["postal_code"],
            preferred_language=data["preferred_language"],
        )
        request.session["members_signed_up"] = {
            "email": data["email"],
            "mail_sent": result.mail_sent,
        }
        return redirect("members:sign_up_done")
    return render(request, "members/sign_up.html", {"form": form}, status=_status(request, form))


def _status(request, form):
    return 400 if request.method == "POST" and form.errors else 200


@never_cache
def sign_up_done(request):
    signed_up = request.session.get("members_signed_up")
    if not signed_up:
        return redirect("members:sign_up")
    return render(request, "members/sign_up_done.html", signed_up)


@never_cache
def confirm_email(request, token):
    # A GET only shows the button: mail scanners that open links must not confirm anything.
    try:
        if request.method == "POST":
            accounts.confirm(token)
            messages.success(request, _("Your e-mail address is confirmed. You can log in now."))
            return redirect("members:login")
        user = accounts.user_for_token(token)
    except accounts.ConfirmationError as error:
        return render(request, "members/confirm.html", {"problem": error.reason}, status=400)
    return render(request, "members/confirm.html", {"email": user.email})


# Logging in and out, passwords ------------------------------------------------------------


class LoginView(auth_views.LoginView):
    template_name = "members/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        # The address shown after signing up has served its purpose.
        self.request.session.pop("members_signed_up", None)
        return response

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class LogoutView(auth_views.LogoutView):
    next_page = "/"


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "members/password_reset.html"
    form_class = MemberPasswordResetForm
    email_template_name = "members/email/password_reset.txt"
    subject_template_name = "members/email/password_reset_subject.txt"
    success_url = reverse_lazy("members:password_reset_done")
    extra_email_context = {"site_name": settings.WAGTAIL_SITE_NAME}


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "members/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "members/password_reset_confirm.html"
    success_url = reverse_lazy("members:password_reset_complete")
    title = gettext_lazy("Choose a new password")

    def form_valid(self, form):
        # The link came by mail to the account's address: for an account waiting for
        # confirmation, choosing a password through it confirms the address too.
        pending = accounts.is_pending(form.user)
        response = super().form_valid(form)
        if pending:
            accounts.activate(form.user)
        # Whoever can read the mailbox may log in again at once.
        reset_lockout(form.user.email)
        reset_lockout(form.user.get_username())
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "members/password_reset_complete.html"


# My account ---------------------------------------------------------------------------------


@login_required
@never_cache
def account(request):
    member = _member(request)
    if member is None:
        return render(request, "members/no_profile.html")
    today = timezone.localdate()
    context = {
        "member": member,
        "memberships": _memberships(member),
        "applications": _applications(member),
        "qr": qr_svg(member.member_number),
        "today": today,
        "social_until": (member.social_valid_until if member.has_social_tariff(today) else None),
        "Tariff": Tariff,
    }
    # Other apps add their sections (lending: the reservations, lending/account.py) through
    # this hook, so that members knows none of them (docs/architecture.md, "Apps").
    for hook in hooks.get_hooks("member_account_context"):
        context.update(hook(request, member, today))
    return render(request, "members/account.html", context)


def _applications(member):
    """The member's applications that still say something: waiting, or decided in the last
    90 days (a rejection's reason, an approval), named in the page's language."""
    since = timezone.now() - datetime.timedelta(days=90)
    rows = list(
        member.applications.select_related("initiative")
        .filter(Q(status=MembershipApplication.Status.SUBMITTED) | Q(decided_at__gte=since))
        .exclude(status=MembershipApplication.Status.WITHDRAWN)
        .order_by("-created_at")
    )
    initiatives = translations_in([row.initiative for row in rows], Locale.get_active())
    for row in rows:
        row.shown_initiative = initiatives[row.initiative.translation_key]
    return rows


def _memberships(member):
    """The member's memberships, the latest first, named in the page's language."""
    due = Payment.objects.filter(status=Payment.Status.DUE)
    memberships = list(
        member.memberships.select_related("initiative", "plan")
        .prefetch_related(Prefetch("payments", queryset=due, to_attr="due_payments"))
        .order_by("-end")
    )
    locale = Locale.get_active()
    initiatives = translations_in([m.initiative for m in memberships], locale)
    plans = translations_in([m.plan for m in memberships], locale)
    for membership in memberships:
        membership.shown_initiative = initiatives[membership.initiative.translation_key]
        membership.shown_plan = plans[membership.plan.translation_key] if membership.plan else None
    return memberships


@login_required
@never_cache
def edit_profile(request):
    member = _member_or_404(request)
    form = ProfileForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your details have been saved."))
        return redirect("members:account")
    context = {"form": form, "member": member}
    return render(request, "members/profile_form.html", context, status=_status(request, form))


# Privacy ------------------------------------------------------------------------------------


@login_required
@never_cache
def download_data(request):
    response = HttpResponse(
        privacy.export_json(request.user), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="deelfabriek-my-data.json"'
    return response


@login_required
@never_cache
def delete_account(request):
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        privacy.erase(user)
        return redirect("members:deleted")
    return render(
        request, "members/delete_account.html", {"form": form}, status=_status(request, form)
    )


def account_deleted(request):
    return render(request, "members/deleted.html")
