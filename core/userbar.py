"""Whether a page shows Wagtail's user bar ("edit this page"): to people who may use the admin.

Asking the permission on every page costs two queries for every logged-in member, who never
gets the bar; the answer is taken once, when the person logs in, and kept in the session.
"""

from django.contrib.auth.signals import user_logged_in

SESSION_KEY = "deelfabriek_userbar"


def remember_admin_access(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = user.has_perm("wagtailadmin.access_admin")


def connect():
    user_logged_in.connect(remember_admin_access, dispatch_uid="deelfabriek-userbar")


def context(request):
    """Context processor: ``show_userbar`` for templates/base.html (a session from before the
    log-in hook asks once and keeps the answer)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"show_userbar": False}
    if SESSION_KEY not in request.session:
        request.session[SESSION_KEY] = user.has_perm("wagtailadmin.access_admin")
    return {"show_userbar": bool(request.session[SESSION_KEY])}
