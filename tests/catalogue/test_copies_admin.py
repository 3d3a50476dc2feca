"""Copies in the admin (docs/architecture.md, "Items and copies"): Catalogue › Copies lists a
volunteer's own copies only, a copy's form sets its status, the item form lists its copies
with a link that adds one with the next code, and a copy that was ever reserved stays."""

import datetime
import html as html_lib
import re

import pytest

from django.urls import reverse

from catalogue.models import Copy
from home.models import CatalogueIndexPage
from lending.models import Reservation
from tests import factories

pytestmark = pytest.mark.django_db

RESERVED = (
    "Copy IN-0002 has been reserved, so it stays in the history. Set its status to retired instead."
)


@pytest.fixture
def lenders(home, index):
    """Instrumentheek (A) with a drill in two copies and a sander whose copies run up to
    IN-0007, Babytheek (B) with a pram; a public catalogue."""
    tools = factories.build_initiative(
        index, "Instrumentheek", slug="instrumentheek", lends_items=True
    )
    baby = factories.build_initiative(index, "Babytheek", slug="babytheek", lends_items=True)
    catalogue = CatalogueIndexPage(title="Catalogus", slug="catalogus")
    home.add_child(instance=catalogue)
    factories.publish(catalogue)
    category = factories.build_category("Gereedschap", "gereedschap")
    drill = factories.build_item(tools, category, "Klopboormachine", "IN-0001")
    Copy.objects.create(item=drill, code="IN-0002", status="available")
    sander = factories.build_item(tools, category, "Schuurmachine", "IN-0003")
    for number in (4, 5, 7):  # IN-0006 was never used: the next is after the highest
        Copy.objects.create(item=sander, code=f"IN-{number:04}")
    pram = factories.build_item(baby, category, "Kinderwagen", "BA-0001")
    return {"tools": tools, "baby": baby, "drill": drill, "sander": sander, "pram": pram}


def url(name, *args):
    return reverse(f"wagtailsnippets_catalogue_copy:{name}", args=args)


def copy(code):
    return Copy.objects.get(code=code)


def text_of(response):
    html = re.sub(r"(?s)<(script|style).*?</\1>", " ", response.content.decode())
    return html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def codes_listed(response):
    assert response.status_code == 200
    return set(re.findall(r"\b(?:IN|BA)-\d{4}\b", text_of(response)))


def form_data(copy_row, **changes):
    data = {
        "item": copy_row.item_id,
        "code": copy_row.code,
        "status": copy_row.status,
        "condition": copy_row.condition,
        "notes": copy_row.notes,
        "acquired_on": "",
    }
    return {**data, **changes}


def reserve(copy_row):
    return Reservation.objects.create(
        item=copy_row.item,
        copy=copy_row,
        member=factories.MemberFactory(),
        pickup_date=datetime.date(2026, 10, 5),
        return_date=datetime.date(2026, 10, 7),
        status="returned",
    )


def test_a_volunteer_lists_only_their_own_initiatives_copies(client, lenders):
    factories.volunteer_of(lenders["tools"], client)
    codes = codes_listed(client.get(url("list")))
    assert codes == {f"IN-{n:04}" for n in (1, 2, 3, 4, 5, 7)}
    assert "BA-0001" not in codes
    found = codes_listed(client.get(url("list"), {"q": "BA-0001"}))
    assert "BA-0001" not in found
    factories.volunteer_of(lenders["baby"], client)
    assert codes_listed(client.get(url("list"))) == {"BA-0001"}


def test_a_volunteer_sets_the_status_of_their_own_copy(client, lenders):
    factories.volunteer_of(lenders["tools"], client)
    drill_copy = copy("IN-0002")
    assert client.get(url("edit", drill_copy.pk)).status_code == 200
    response = client.post(url("edit", drill_copy.pk), form_data(drill_copy, status="in_repair"))
    assert response.status_code == 302, text_of(response)[:2000]
    assert copy("IN-0002").status == Copy.Status.IN_REPAIR


@pytest.mark.parametrize("view", ["edit", "delete"])
def test_another_initiatives_copy_is_not_found(client, lenders, view):
    factories.volunteer_of(lenders["tools"], client)
    pram_copy = copy("BA-0001")
    assert client.get(url(view, pram_copy.pk)).status_code == 404
    response = client.post(url(view, pram_copy.pk), form_data(pram_copy, status="retired"))
    assert response.status_code == 404
    assert copy("BA-0001").status == Copy.Status.AVAILABLE


def test_a_new_copy_from_an_item_has_that_item_and_the_next_code(client, lenders):
    """The item form's "Add a copy" link (``?item=<pk>``) opens a form filled in with that item
    and the code after the initiative's highest."""
    factories.volunteer_of(lenders["tools"], client)
    sander = lenders["sander"]
    response = client.get(url("add"), {"item": sander.pk})
    assert response.status_code == 200
    html = response.content.decode()
    code = re.search(r'<input[^>]*name="code"[^>]*>', html).group(0)
    assert 'value="IN-0008"' in code, code
    # The item field is Wagtail's item chooser: its hidden input holds the chosen item.
    chosen = re.search(r'<input[^>]*name="item"[^>]*>', html).group(0)
    assert f'value="{sander.pk}"' in chosen, chosen
    form = response.context["form"]
    assert (form.initial.get("item"), form.initial.get("code")) == (sander.pk, "IN-0008")
    assert list(form.fields["item"].queryset) == [lenders["drill"], sander], "own items only"
    # Another initiative's item is not offered, nor its numbering.
    other = client.get(url("add"), {"item": lenders["pram"].pk}).context["form"]
    assert (other.initial.get("item"), other.initial.get("code")) == (None, "")


def test_the_next_code_follows_the_highest_code_of_the_initiative(lenders):
    from catalogue.admin_copies import next_code

    assert next_code(lenders["sander"]) == "IN-0008"
    assert next_code(lenders["drill"]) == "IN-0008", "numbered per initiative, not per item"
    assert next_code(lenders["pram"]) == "BA-0002"


def test_a_new_copy_is_saved_on_its_item(client, lenders):
    factories.volunteer_of(lenders["tools"], client)
    sander = lenders["sander"]
    data = {"item": sander.pk, "code": "IN-0008", "status": "available", "condition": "new"}
    response = client.post(url("add"), {**data, "notes": "", "acquired_on": ""})
    assert response.status_code == 302
    assert copy("IN-0008").item_id == sander.pk
    refused = client.post(url("add"), {**data, "code": "BA-0002", "item": lenders["pram"].pk})
    assert refused.status_code == 200, "another initiative's item is not a choice"
    assert not Copy.objects.filter(code="BA-0002").exists()


def test_the_item_form_lists_its_copies_and_a_link_that_adds_one(client, lenders):
    factories.volunteer_of(lenders["tools"], client)
    drill = lenders["drill"]
    response = client.get(reverse("wagtailsnippets_catalogue_item:edit", args=[drill.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    for code in ("IN-0001", "IN-0002"):
        assert f'<a href="{url("edit", copy(code).pk)}">{code}</a>' in html
    assert "IN-0003" not in html, "the sander's copies are not the drill's"
    add = re.search(r'<a[^>]*href="([^"]+)"[^>]*>\s*Add a copy\s*</a>', html)
    assert add and html_lib.unescape(add.group(1)) == f"{url('add')}?item={drill.pk}"
    assert "This item has 2 copies." in text_of(response)


def test_a_copy_that_was_reserved_is_not_deleted(client, lenders):
    factories.volunteer_of(lenders["tools"], client)
    reserved = copy("IN-0002")
    reserve(reserved)
    for response in (
        client.get(url("delete", reserved.pk)),
        client.post(url("delete", reserved.pk)),
    ):
        assert response.status_code == 302
        assert response["Location"] == url("edit", reserved.pk)
    page = client.get(url("edit", reserved.pk))
    assert RESERVED in text_of(page)
    assert Copy.objects.filter(pk=reserved.pk).exists()
    assert Reservation.objects.filter(copy=reserved).exists()


def test_a_copy_that_was_never_reserved_is_deleted(client, lenders):
    factories.volunteer_of(lenders["tools"], client)
    spare = copy("IN-0007")
    assert client.get(url("delete", spare.pk)).status_code == 200
    response = client.post(url("delete", spare.pk))
    assert response.status_code == 302
    assert not Copy.objects.filter(code="IN-0007").exists()
    assert Copy.objects.filter(code="IN-0005").exists()


def result_names(client, text):
    response = client.get("/nl/catalogus/", {"q": text})
    assert response.status_code == 200
    return re.findall(
        r'class="item-card__title"><a href="[^"]+">([^<]+)</a>', response.content.decode()
    )


def test_retiring_the_only_copy_takes_the_item_out_of_the_catalogue(client, lenders):
    pram = copy("BA-0001")
    assert result_names(client, "kinderwagen") == ["Kinderwagen"]
    factories.volunteer_of(lenders["baby"], client)
    response = client.post(url("edit", pram.pk), form_data(pram, status="retired"))
    assert response.status_code == 302
    client.logout()
    assert result_names(client, "kinderwagen") == []
    assert client.get("/nl/catalogus/babytheek/kinderwagen/").status_code == 404
    # An item with another copy left stays.
    drill_copy = copy("IN-0002")
    factories.volunteer_of(lenders["tools"], client)
    client.post(url("edit", drill_copy.pk), form_data(drill_copy, status="retired"))
    client.logout()
    assert result_names(client, "klopboormachine") == ["Klopboormachine"]
