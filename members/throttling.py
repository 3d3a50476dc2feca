"""Login throttling with django-axes: one e-mail address (or admin username) is locked after a
few failures; the hooks named in the AXES_* settings live here."""

from django.conf import settings
from django.forms.utils import ErrorDict
from django.template.response import TemplateResponse
from django.utils.translation import gettext, ngettext


def username_for_lockout(request, credentials):
    """The key attempts are counted under: the typed e-mail or username, case and spaces aside."""
    source = credentials if credentials else getattr(request, "POST", {})
    value = source.get("username") or source.get("email") or ""
    return value.strip().lower() or None


def lockout_message():
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    return ngettext(
        "Too many failed attempts to log in with this e-mail address. For your safety it is "
        "locked for %(minutes)d minute. Try again later, or reset your password.",
        "Too many failed attempts to log in with this e-mail address. For your safety it is "
        "locked for %(minutes)d minutes. Try again later, or reset your password.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    """The log-in page again, with what was typed and the lockout explained (HTTP 429)."""
    from members.forms import EmailAuthenticationForm

    form = EmailAuthenticationForm(request, data=request.POST or None)
    # Only the lockout is reported: whether the password was right stays unsaid.
    form.cleaned_data = {}
    form._errors = ErrorDict()
    form.add_error(None, lockout_message())
    context = {"form": form, "locked_out": True, "title": gettext("Log in")}
    return TemplateResponse(request, "members/login.html", context, status=429).render()


def reset_lockout(email):
    """Forget the failed attempts of an address, e.g. once its password has been reset."""
    from axes.utils import reset

    reset(username=(email or "").strip().lower())
