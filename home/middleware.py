"""Language handling for the public site that leaves the admin's own answers alone, and a
clear 400 for a form that arrives without the fields its page always sends."""

import logging

from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation
from django.utils.datastructures import MultiValueDictKeyError

UNPREFIXED = ("/admin/", "/django-admin/", "/documents/", "/media/")


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware turns a 404 into a redirect to the same path with a language
    prefix when that path exists; the site's catch-all page route always exists, so a 404 of
    the admin (an item of another initiative, say) would become a redirect to a public page."""

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(UNPREFIXED):
            return response
        return super().process_response(request, response)


logger = logging.getLogger(__name__)


class IncompleteFormMiddleware:
    """A POST that lacks a field its form always sends (a StreamField's block count, a
    formset's management form: Wagtail's editor reads them with ``request.POST[...]``) is a
    malformed request, not a server error: answer 400 with the "form arrived incomplete" page.
    Nothing has been saved at that point, as the form is read before anything is written."""

    def __init__(self, get_response):
        self.get_response = get_response

    # Admin views that read a field of the posted form without checking it is there (a crafted
    # POST without it fails inside Wagtail): the field each needs, by URL name, formatted with
    # the URL's arguments.
    REQUIRED_FIELDS = {
        "wagtailadmin_choose_page_external_link": "external-link-chooser-url",
        "wagtaildocs:create_multiple_from_uploaded_document": (
            "uploaded-document-{uploaded_file_id}-title"
        ),
        "wagtailimages:create_multiple_from_uploaded_image": (
            "uploaded-image-{uploaded_file_id}-title"
        ),
    }

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        required = self.REQUIRED_FIELDS.get(match.view_name if match else None)
        if (
            request.method == "POST"
            and required
            and required.format(**view_kwargs) not in request.POST
        ):
            from .views import bad_request

            with translation.override(self.language_of(request)):
                return bad_request(request)
        return None

    def process_exception(self, request, exception):
        if request.method == "POST" and isinstance(exception, MultiValueDictKeyError):
            from .views import bad_request

            logger.warning("Incomplete form posted to %s (missing %s)", request.path, exception)
            with translation.override(self.language_of(request)):
                return bad_request(request, exception)
        return None

    @staticmethod
    def language_of(request):
        """The admin speaks the user's admin language; the public site its page language."""
        user = getattr(request, "user", None)
        if request.path_info.startswith("/admin/") and user is not None and user.is_authenticated:
            from wagtail.users.models import UserProfile

            return UserProfile.get_for_user(user).get_preferred_language()
        return translation.get_language()
