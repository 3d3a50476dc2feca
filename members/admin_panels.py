"""The member form's panels: the whole form for coordinators, postal code and language for
anyone else (``MemberFormMixin`` in ``admin_views.py`` chooses per user)."""

from functools import cache

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList

from .admin_forms import MemberAdminForm, MemberDeskForm
from .models import Member


@cache
def coordinator_panel():
    return ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("first_name"), FieldPanel("last_name")]),
                    FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
                    FieldRowPanel([FieldPanel("postal_code"), FieldPanel("preferred_language")]),
                ],
                heading=_("Member"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("tariff"),
                    FieldRowPanel(
                        [FieldPanel("social_evidence"), FieldPanel("social_valid_until")]
                    ),
                    FieldRowPanel(
                        [
                            VerificationPanel("social_verified_by", read_only=True),
                            VerificationPanel("social_verified_on", read_only=True),
                        ]
                    ),
                ],
                heading=_("Social tariff (coordinators only)"),
            ),
        ],
        base_form_class=MemberAdminForm,
    ).bind_to_model(Member)


@cache
def desk_panel():
    return ObjectList(
        [FieldRowPanel([FieldPanel("postal_code"), FieldPanel("preferred_language")])],
        base_form_class=MemberDeskForm,
    ).bind_to_model(Member)


class VerificationPanel(FieldPanel):
    """Who verified the social tariff and when: shown, never typed."""

    def format_value_for_display(self, value):
        if value is None or value == "":
            return gettext("filled in when you save a social tariff")
        if hasattr(value, "get_full_name"):
            return value.get_full_name() or value.get_username()
        return super().format_value_for_display(value)
