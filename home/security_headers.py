"""Security headers on every response: the content security policy, with the admin's own
policy under its URL prefixes, and Cross-Origin-Resource-Policy.

The policies themselves are settings (``CONTENT_SECURITY_POLICY`` for the public site,
``ADMIN_CONTENT_SECURITY_POLICY`` for the admin); Permissions-Policy comes from
django-permissions-policy and Cross-Origin-Opener-Policy from Django's SecurityMiddleware.
"""

from csp.middleware import CSPMiddleware
from csp.utils import default_config

from django.conf import settings


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, giving paths under the admin's prefixes the admin policy.

    A view's own ``@csp`` policy still wins; ``@csp_update`` and ``@csp_replace`` change
    whichever policy applies."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and self.is_admin(request):
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        return parts

    @staticmethod
    def is_admin(request):
        prefixes = tuple(settings.ADMIN_CONTENT_SECURITY_POLICY["URL_PREFIXES"])
        return request.path_info.startswith(prefixes)


class CrossOriginResourcePolicyMiddleware:
    """Sets Cross-Origin-Resource-Policy (``SECURE_CROSS_ORIGIN_RESOURCE_POLICY``) on every
    response that has none: other sites cannot embed the pages, data or files of this one."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = getattr(settings, "SECURE_CROSS_ORIGIN_RESOURCE_POLICY", "same-origin")

    def __call__(self, request):
        response = self.get_response(request)
        if self.policy:
            response.headers.setdefault("Cross-Origin-Resource-Policy", self.policy)
        return response
