"""The data Wagtail's page editor posts, built with wagtail.test.utils.form_data."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from initiatives.models import InitiativePage


def _slot_form(slot):
    return {
        "id": slot.pk,
        "weekday": slot.weekday,
        "opens": f"{slot.opens:%H:%M}",
        "closes": f"{slot.closes:%H:%M}",
    }


def initiative_edit_form(page, extra_slots=(), **changes):
    """The edit form of an initiative page as saved, plus `extra_slots` and `changes`.

    `extra_slots` are dicts of new opening-slot fields (weekday, opens, closes).
    """
    page = InitiativePage.objects.get(pk=page.pk)
    slots = list(page.opening_slots.all())
    plans = list(page.plans.all())
    data = {
        "title": page.title,
        "slug": page.slug,
        "intro": page.intro,
        "offers": rich_text("<p>Boren en zagen</p>"),
        "body": streamfield([]),
        "location_in_building": page.location_in_building,
        "contact_email": page.contact_email,
        "contact_phone": page.contact_phone,
        "default_loan_days": page.default_loan_days,
        "max_loan_days": page.max_loan_days,
        "max_active_reservations": page.max_active_reservations,
        "renewals_allowed": page.renewals_allowed,
        "renewal_days": page.renewal_days or "",
        "offer_days": page.offer_days,
        "requires_membership": "on",
        "opening_slots": inline_formset(
            [_slot_form(slot) for slot in slots] + list(extra_slots), initial=len(slots)
        ),
        "opening_exceptions": inline_formset([]),
        "plans": inline_formset(
            [
                {
                    "id": plan.pk,
                    "name": plan.name,
                    "duration": plan.duration,
                    "standard_price": plan.standard_price,
                    "social_price": plan.social_price,
                    "deposit": plan.deposit or "",
                }
                for plan in plans
            ],
            initial=len(plans),
        ),
    }
    data.update(changes)
    return nested_form_data(data)


PUBLISH = {"action-publish": "action-publish"}
