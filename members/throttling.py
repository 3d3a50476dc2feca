"""Login throttling with django-axes: an e-mail address (or admin username) is locked after a
few failures *for the client that failed*, so that nobody can lock its owner out from
elsewhere (the reasons are in the AXES_* settings). The hooks those settings name live here.
"""

import ipaddress

from django.conf import settings
from django.forms.utils import ErrorDict
from django.template.response import TemplateResponse
from django.utils.translation import gettext, ngettext


def username_for_lockout(request, credentials):
    """The key attempts are counted under: the typed e-mail or username, case and spaces aside."""
    source = credentials if credentials else getattr(request, "POST", {})
    value = source.get("username") or source.get("email") or ""
    return value.strip().lower() or None


def client_address(request):
    """The address failures are counted under, for the client of this request.

    REMOTE_ADDR, or with ``TRUSTED_PROXY_COUNT`` reverse proxies in front of the application,
    the address the outermost of them saw: that many entries from the end of
    X-Forwarded-For, which each proxy extends (anything further left the client may have
    typed itself). An IPv6 client counts as its /64 network, which a single connection
    usually holds whole; otherwise a new address would mean new attempts.
    """
    ip = None
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if len(hops) >= proxies:
            ip = _ip_address(hops[-proxies])
    if ip is None:
        ip = _ip_address(request.META.get("REMOTE_ADDR", ""))
    if ip is None:
        return None
    if ip.version == 6 and ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    if ip.version == 6:
        return str(ipaddress.IPv6Address(int(ip) >> 64 << 64))
    return str(ip)


def _ip_address(text):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


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
