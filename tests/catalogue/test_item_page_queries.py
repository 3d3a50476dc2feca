"""The item page's query budget whatever the number of copies (docs/architecture.md, "Items
and copies"), and Wagtail's user bar only for people who may use the admin (core/userbar.py).
"""

import pytest

from django.contrib.auth.models import Permission

from catalogue.models import Copy
from home.models import CatalogueIndexPage
from tests import factories
from tests.lending.world import build_lending_world

pytestmark = pytest.mark.django_db

ITEM_NL = "/nl/catalogus/instrumentheek/klopboormachine/"
ITEM_FR = "/fr/catalogue/instrumentheek/klopboormachine/"
USERBAR = "<wagtail-userbar"


@pytest.fixture
def world(db, freeze_time):
    freeze_time(2026, 11, 2, 10)
    world = build_lending_world(initiative_fields={"slug": "instrumentheek"})
    for language, title, slug in (
        ("nl", "Catalogus", "catalogus"),
        ("fr", "Catalogue", "catalogue"),
    ):
        catalogue = CatalogueIndexPage(title=title, slug=slug)
        world["trees"][language].home.add_child(instance=catalogue)
        factories.publish(catalogue)
    return world


@pytest.mark.parametrize("copies", [1, 30])
@pytest.mark.parametrize(
    "url, name, of",
    [(ITEM_NL, "Klopboormachine", "van"), (ITEM_FR, "Perceuse à percussion", "sur")],
)
def test_a_member_gets_the_item_page_in_at_most_ten_queries(
    client, world, django_assert_max_num_queries, copies, url, name, of
):
    for number in range(2, copies + 1):
        Copy.objects.create(item=world["item"], code=f"IN-0001-{number:02d}")
    client.force_login(world["member"].user)
    client.get(url)  # the header, footer and locales are cached after the first page
    with django_assert_max_num_queries(10):
        response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert f"<h1>{name}</h1>" in page or f">{name}<" in page
    if copies > 1:
        assert f"{copies} {of} {copies}" in page


def test_a_member_gets_no_user_bar_and_a_volunteer_does(client, world):
    client.force_login(world["member"].user)
    assert USERBAR not in client.get(ITEM_NL).content.decode()
    client.logout()

    volunteer = factories.UserFactory()
    volunteer.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(volunteer)
    assert USERBAR in client.get(ITEM_NL).content.decode()
