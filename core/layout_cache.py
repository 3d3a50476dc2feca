"""The shared parts of every page (header, menus, footer) are cached as rendered fragments.

Their cache keys carry a version number that any change to a page or to the site settings
bumps, so an editor's publish shows at once; otherwise they expire after a few minutes.
With a shared cache (for example Redis in production) all processes see the same version.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

VERSION_KEY = "layout-version"


def layout_version():
    return cache.get_or_set(VERSION_KEY, 1, timeout=None)


def bump(**kwargs):
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def layout(request):
    """Context processor: the version to put in fragment cache keys."""
    return {"layout_version": layout_version()}


# The models whose saves and deletes change what the shared fragments show. Each app names
# its own in its ``AppConfig.ready`` (``changes_layout(...)``), so this module knows none.
_LAYOUT_MODELS: list[type] = []


def changes_layout(*models: type) -> None:
    """Bump the layout version whenever an instance of one of these models is saved or deleted
    (subclasses included: naming an abstract model covers every concrete one)."""
    _LAYOUT_MODELS.extend(model for model in models if model not in _LAYOUT_MODELS)


def _changed(sender, instance, **kwargs):
    from .models import SiteSettings

    if isinstance(instance, SiteSettings) and kwargs.get("created"):
        return  # made on first use with empty values: what was rendered still holds
    if isinstance(instance, tuple(_LAYOUT_MODELS)):
        bump()


def connect():
    post_save.connect(_changed, dispatch_uid="layout-cache-save")
    post_delete.connect(_changed, dispatch_uid="layout-cache-delete")


def cached(name, build, timeout=300):
    """A value built from the database and kept until the layout changes (or a timeout)."""
    key = f"layout:{layout_version()}:{name}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout)
    return value


def locale_for(language):
    """The Locale of a language code (or None), without a query once known."""
    from wagtail.models import Locale

    return (
        cached(
            f"locale:{language}",
            lambda: Locale.objects.filter(language_code=language).first() or False,
        )
        or None
    )
