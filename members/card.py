"""The member card: the member number as a QR code, in my account and on a printable card.

A desk's barcode scanner reads the code and types the number followed by Enter, so the desk's
member search and walk-in form take it as typed. The code holds the member number only:
nothing else about the member.
"""

import segno

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache

from .models import Member


def qr_svg(number: str, scale: int = 5) -> str:
    """An inline SVG QR code of the number (dark modules on white, a quiet zone around)."""
    code = segno.make(number, error="m", micro=False)
    return mark_safe(  # noqa: S308 - segno's own SVG of a member number
        code.svg_inline(scale=scale, dark="#111", light="#fff", omitsize=True)
    )


@never_cache
@login_required
def card(request):
    member = Member.objects.select_related("user").filter(user=request.user).first()
    if member is None:
        raise Http404("This account has no member profile.")
    return render(
        request, "members/card.html", {"member": member, "qr": qr_svg(member.member_number)}
    )
