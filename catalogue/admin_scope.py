"""The lending initiatives a user may choose in the catalogue admin (forms and filters).

Who may act on which row is one rule for the whole admin: ``initiatives.scope``.
"""

from initiatives.models import InitiativePage
from initiatives.teams import initiative_keys_of

from .models import default_language


def initiative_choices(request):
    """The lending initiatives a user works for, once each (in the default language)."""
    initiatives = InitiativePage.objects.filter(
        lends_items=True, locale__language_code=default_language()
    )
    keys = initiative_keys_of(request.user) if request is not None else set()
    return initiatives if keys is None else initiatives.filter(translation_key__in=keys)
