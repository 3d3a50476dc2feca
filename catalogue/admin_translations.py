"""wagtail-localize's translation views, kept to the volunteer's own initiatives for items.

Submitting an item for translation and updating its translations create and change item rows,
so another initiative's item answers 404 there as it does in the item admin. These views sit
in front of wagtail-localize's own at the same addresses (site/urls.py).
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from wagtail_localize.models import TranslationSource
from wagtail_localize.views.submit_translations import SubmitSnippetTranslationView
from wagtail_localize.views.update_translations import UpdateTranslationsView

from .admin_scope import scope
from .models import Item


def _refuse_outside_scope(request, translation_key):
    if not scope(Item.objects.filter(translation_key=translation_key), request.user).exists():
        raise Http404(_("This item does not exist or belongs to another initiative."))


def submit_item_translation(request, pk):
    item = get_object_or_404(Item, pk=pk)
    _refuse_outside_scope(request, item.translation_key)
    view = SubmitSnippetTranslationView.as_view()
    return view(request, app_label="catalogue", model_name="item", pk=str(pk))


def update_translations(request, translation_source_id):
    source = get_object_or_404(TranslationSource, id=translation_source_id)
    model = source.specific_content_type.model_class()
    if model is not None and issubclass(model, Item):
        _refuse_outside_scope(request, source.object.translation_key)
    return UpdateTranslationsView.as_view()(request, translation_source_id=translation_source_id)
