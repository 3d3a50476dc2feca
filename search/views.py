"""The search boxes' suggestions (the site-wide search page is ``home/site_search.py``)."""

from django.http import JsonResponse
from django.utils import translation
from django.views.decorators.http import require_GET

from .api import autocomplete


@require_GET
def suggestions(request):
    """Item names that start like what is typed, for the search boxes' datalist."""
    language = translation.get_language()
    names = autocomplete(request.GET.get("q", "")[:200], language)
    response = JsonResponse({"suggestions": names})
    response["Cache-Control"] = "public, max-age=300"
    return response
