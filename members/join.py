"""Joining an initiative online, on the public site: /<language>/account/join/<initiative>/
(docs/architecture.md, "Joining online").

A visitor who is not logged in is sent to log in (or sign up) first and comes back. A member
who is a member already, or whose application waits, is told so instead of getting the form
again. The form keeps what was typed when something is missing; a file cannot be kept by a
browser, so the page then asks to choose it again.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.languages import in_default_language
from initiatives.models import InitiativePage

from . import applications, uitpas
from .join_forms import JoinForm
from .models import Member, MembershipApplication

Route = MembershipApplication.SocialRoute


def _member_or_404(request):
    member = Member.objects.filter(user=request.user).first()
    if member is None:
        raise Http404("This account has no member profile.")
    return member


def _initiative_or_404(slug):
    """The initiative (default-language page) of a slug, when it takes members online."""
    initiative = (
        in_default_language(InitiativePage.objects.live().filter(slug=slug))
        .prefetch_related("plans")
        .first()
    )
    if initiative is None or not initiative.plans.exists():
        raise Http404(_("This initiative does not take members online."))
    return initiative


def join_url(initiative) -> str:
    """The address of the join form of an initiative (any language's page)."""
    return reverse("members:join", args=[initiative.hours_source.slug])


def _local(initiative):
    """The initiative's page in the active language, for its title and plans."""
    return initiative.localized or initiative


@never_cache
@login_required
def join(request, initiative):
    member = _member_or_404(request)
    initiative = _initiative_or_404(initiative)
    local = _local(initiative)
    today = timezone.localdate()
    context = {"initiative": local, "member": member}
    waiting = applications.open_application(member, initiative)
    if waiting is not None or applications.has_membership(member, initiative, today):
        context["application"] = waiting
        context["membership"] = member.memberships.filter(
            initiative=initiative, start__lte=today, end__gte=today
        ).first()
        return TemplateResponse(request, "members/join_status.html", context)
    plans = list(local.plans.all()) or list(initiative.plans.all())
    form = JoinForm(
        request.POST or None,
        request.FILES or None,
        plans=plans,
        initiative_name=local.title,
        rules_url=local.url or "",
    )
    if request.method == "POST" and form.is_valid():
        check = _uitpas_check(form)
        if not form.errors:
            return _submitted(request, form, member, initiative, local, check)
    context.update(form=form, plans=plans, file_again=request.method == "POST")
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, "members/join.html", context, status=status)


def _uitpas_check(form):
    """Ask publiq about an UiTPAS number when the city has credentials: a card without a
    valid kansentarief is an error on the form, with what the API says; a service that does
    not answer leaves the card to be checked by hand ("unchecked"). None: not asked."""
    data = form.cleaned_data
    client = uitpas.checker()
    if data["social_route"] != Route.UITPAS or client is None:
        return None
    try:
        check = client.check(data["uitpas_number"])
    except uitpas.UiTPASUnavailable:
        return applications.UNCHECKED
    if check.active:
        return check
    if check.status == uitpas.EXPIRED and check.end_date:
        reason = _("The kansentarief of this UiTPAS ended on %(date)s.") % {
            "date": formats.date_format(check.end_date, "DATE_FORMAT")
        }
    else:
        reason = _("This UiTPAS has no kansentarief.")
    advice = _("Choose a referral letter or the standard tariff, or ask at the UiTPAS desk.")
    form.add_error("uitpas_number", " ".join([reason, *check.messages, advice]))
    return check


def _submitted(request, form, member, initiative, local, check):
    data = form.cleaned_data
    try:
        applications.submit(
            member,
            initiative,
            form.chosen_plan(),
            social_route=data["social_route"],
            referred_by=data.get("referred_by") or "",
            evidence=data.get("evidence"),
            uitpas_number=data.get("uitpas_number") or "",
            uitpas_check=check,
        )
    except applications.ApplicationRefused as refused:
        messages.error(request, str(refused))
        return redirect("members:join", initiative.slug)
    messages.success(
        request,
        _(
            "Thank you. Your application for %(initiative)s waits for a volunteer; "
            "you get an e-mail when it is handled."
        )
        % {"initiative": local.title},
    )
    if check == applications.UNCHECKED:
        messages.info(
            request,
            _("We could not check your UiTPAS just now; a coordinator checks it by hand."),
        )
    elif check is not None:
        until = formats.date_format(check.end_date, "DATE_FORMAT") if check.end_date else ""
        messages.info(
            request,
            _("Your UiTPAS gives you the kansentarief until %(date)s.") % {"date": until}
            if until
            else _("Your UiTPAS gives you the kansentarief."),
        )
        for text in check.messages:
            messages.info(request, text)
    return redirect("members:account")


@require_POST
@login_required
def withdraw(request, pk):
    member = _member_or_404(request)
    application = MembershipApplication.objects.filter(pk=pk, member=member).first()
    if application is None:
        raise Http404(_("This application is not yours."))
    if applications.withdraw(application):
        messages.success(request, _("Your application is withdrawn."))
    return redirect("members:account")
