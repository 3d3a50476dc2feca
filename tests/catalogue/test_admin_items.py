"""Volunteers manage their own initiative's items in the admin, and never another's."""

import pytest

from django.contrib.auth.models import Group
from django.urls import reverse

from catalogue.models import Item
from initiatives.teams import COORDINATION_GROUP, ensure_coordination_group
from tests import factories
from tests.catalogue.factories import first_copy

pytestmark = pytest.mark.django_db


@pytest.fixture
def lenders(index):
    tools = factories.build_initiative(index, "Instrumentheek", lends_items=True)
    baby = factories.build_initiative(index, "Babytheek", lends_items=True)
    category = factories.build_category("Gereedschap", "gereedschap")
    return {
        "tools": tools,
        "baby": baby,
        "drill": factories.build_item(tools, category, "Klopboormachine", "IN-0001"),
        "pram": factories.build_item(baby, category, "Kinderwagen", "BA-0001"),
    }


def url(name, *args):
    return reverse(f"wagtailsnippets_catalogue_item:{name}", args=args)


def test_a_volunteer_lists_only_their_own_items(client, lenders):
    factories.volunteer_of(lenders["tools"], client)
    response = client.get(url("list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Klopboormachine" in html
    assert "Kinderwagen" not in html


def test_a_volunteer_edits_their_own_item(client, lenders):
    factories.volunteer_of(lenders["tools"], client)
    drill = lenders["drill"]
    response = client.get(url("edit", drill.pk))
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.fields["initiative"].queryset) == [lenders["tools"]]


@pytest.mark.parametrize("view", ["edit", "delete", "inspect", "history", "usage", "unpublish"])
def test_another_initiatives_item_is_not_found(client, lenders, view):
    factories.volunteer_of(lenders["tools"], client)
    response = client.get(url(view, lenders["pram"].pk))
    assert response.status_code == 404


def test_a_post_to_another_initiatives_item_changes_nothing(client, lenders):
    factories.volunteer_of(lenders["tools"], client)
    pram = lenders["pram"]
    response = client.post(url("edit", pram.pk), {"name": "Gestolen", "code": "X"})
    assert response.status_code == 404
    assert Item.objects.get(pk=pram.pk).name == "Kinderwagen"
    assert client.post(url("delete", pram.pk)).status_code == 404
    assert Item.objects.filter(pk=pram.pk).exists()


def test_a_coordinator_sees_every_item(client, lenders):
    ensure_coordination_group()
    user = factories.UserFactory(
        groups=[Group.objects.get(name=COORDINATION_GROUP)], admin_language="en"
    )
    client.force_login(user)
    html = client.get(url("list")).content.decode()
    assert "Klopboormachine" in html and "Kinderwagen" in html
    assert client.get(url("edit", lenders["pram"].pk)).status_code == 200


def test_another_initiatives_item_cannot_be_submitted_for_translation(client, lenders):
    from wagtail.models import Locale

    french = Locale.objects.get_or_create(language_code="fr")[0]
    factories.volunteer_of(lenders["tools"], client)
    submit = "/admin/localize/submit/snippet/catalogue/item/{}/"
    assert client.get(submit.format(lenders["drill"].pk)).status_code == 200
    assert client.get(submit.format(lenders["pram"].pk)).status_code == 404
    response = client.post(submit.format(lenders["pram"].pk), {"locales": [french.pk]})
    assert response.status_code == 404
    assert not Item.objects.filter(locale=french).exists()


def test_another_initiatives_translations_cannot_be_updated(client, lenders):
    from wagtail_localize.models import TranslationSource

    own, _created = TranslationSource.get_or_create_from_instance(lenders["drill"])
    other, _created = TranslationSource.get_or_create_from_instance(lenders["pram"])
    factories.volunteer_of(lenders["tools"], client)
    assert client.get(f"/admin/localize/update/{own.pk}/").status_code == 200
    assert client.get(f"/admin/localize/update/{other.pk}/").status_code == 404
    assert client.post(f"/admin/localize/update/{other.pk}/").status_code == 404


def test_the_item_list_search_finds_the_volunteers_items(client, lenders):
    factories.volunteer_of(lenders["tools"], client)
    response = client.get(url("list") + "?q=klopboor")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Klopboormachine" in html and "Kinderwagen" not in html


def test_the_item_chooser_leaves_out_another_initiatives_unpublished_items(client, lenders):
    Item.objects.filter(pk=lenders["pram"].pk).update(live=False)
    factories.volunteer_of(lenders["tools"], client)
    chooser = reverse("wagtailsnippetchoosers_catalogue_item:choose")
    for query in ("", "?q=kinderwagen"):
        html = client.get(chooser + query).content.decode()
        assert "Kinderwagen" not in html
    assert "Klopboormachine" in client.get(chooser).content.decode()
    chosen = reverse("wagtailsnippetchoosers_catalogue_item:chosen", args=[lenders["pram"].pk])
    assert client.get(chosen).status_code == 404


def test_an_item_with_reservations_is_retired_not_deleted(client, lenders):
    import datetime

    from lending.models import Reservation

    drill = lenders["drill"]
    member = factories.MemberFactory()
    Reservation.objects.create(
        item=drill,
        copy=first_copy(drill),
        member=member,
        pickup_date=datetime.date(2026, 11, 9),
        return_date=datetime.date(2026, 11, 11),
    )
    factories.volunteer_of(lenders["tools"], client)
    for address in (
        url("delete", drill.pk),
        reverse("wagtail_bulk_action", args=["catalogue", "item", "delete"]) + f"?id={drill.pk}",
    ):
        response = client.post(address, follow=True)
        assert response.status_code == 200
        assert "has reservations, so it cannot be deleted" in response.content.decode()
        assert Item.objects.filter(pk=drill.pk).exists()
