from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.http import require_GET

from .sitemap import sitemap  # noqa: F401


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def bad_request(request, exception=None):
    """A request that could not be understood: say so, without needing the database."""
    try:
        content = loader.get_template("400.html").render({}, request)
    except Exception:  # the error page itself must never fail
        content = "<h1>Bad Request (400)</h1>"
    return HttpResponseBadRequest(content)


def server_error(request):
    """The 500 page, rendered without context processors: it must not need the database."""
    try:
        content = loader.get_template("500.html").render({})
    except Exception:  # the error page itself must never fail
        content = "<h1>Server Error (500)</h1>"
    return HttpResponseServerError(content)


def error_preview(request, code):
    """The error pages as a visitor sees them, in development only (DEBUG shows Django's own
    pages instead): /<language>/errors/404/ and /errors/400/, /errors/500/. Answers 200."""
    views = {
        400: bad_request,
        404: page_not_found,
        500: lambda request, exception=None: server_error(request),
    }
    if code not in views:
        return page_not_found(request)
    response = views[code](request, None)
    response.status_code = 200
    return response
