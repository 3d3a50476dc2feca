"""Language handling for the public site that leaves the admin's own answers alone."""

from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware

UNPREFIXED = ("/admin/", "/django-admin/", "/documents/")


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware turns a 404 into a redirect to the same path with a language
    prefix when that path exists; the site's catch-all page route always exists, so a 404 of
    the admin (an item of another initiative, say) would become a redirect to a public page."""

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(UNPREFIXED):
            return response
        return super().process_response(request, response)
