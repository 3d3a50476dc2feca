"""Absolute addresses of pages, built from the request the visitor made.

Wagtail's ``get_full_url`` uses the Site record's hostname, which is right in production but
wrong behind a development server or a proxy; the request knows the address the visitor used.
"""


def absolute_url(page, request=None):
    if request is None:
        return page.get_full_url()
    url = page.get_url(request)
    return request.build_absolute_uri(url) if url else ""
