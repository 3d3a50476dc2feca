"""French and English pages have addresses in their own language; an address with another
language's slugs leads to the page with a permanent redirect (core/routing.py,
docs/architecture.md "Phone first")."""

import pytest

from django.core.cache import cache
from django.utils import timezone

from wagtail.models import Locale
from wagtail_localize.models import TranslationSource

from demo import pages as demo_pages
from demo import site as demo_site
from demo.loader import DemoLoader
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(home, index):
    cache.clear()
    babytheek = factories.build_initiative(index, "Babytheek", slug="babytheek")
    tariffs = factories.build_content_page(home, title="Tarieven", slug="tarieven")
    factories.translate(home, "fr")
    french = {"index": factories.translate(index, "fr", title="Initiatives", slug="initiatives")}
    french["babytheek"] = factories.translate(
        babytheek, "fr", title="Bébéthèque", slug="bebetheque"
    )
    french["tarieven"] = factories.translate(tariffs, "fr", title="Tarifs", slug="tarifs")
    cache.clear()
    return french


def test_a_french_page_has_a_french_address(client, tree):
    assert tree["babytheek"].specific.url == "/fr/initiatives/bebetheque/"
    assert client.get("/fr/initiatives/bebetheque/").status_code == 200


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/fr/initiatieven/babytheek/", "/fr/initiatives/bebetheque/"),
        ("/fr/initiatieven/", "/fr/initiatives/"),
        ("/fr/tarieven/?utm_source=flyer", "/fr/tarifs/?utm_source=flyer"),
    ],
)
def test_an_address_with_dutch_slugs_redirects_to_the_french_address(client, tree, old, new):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new
    assert client.get(new).status_code == 200


def test_the_dutch_address_still_serves_the_dutch_page(client, tree):
    assert client.get("/nl/initiatieven/babytheek/").status_code == 200
    response = client.get("/nl/initiatives/bebetheque/")
    assert (response.status_code, response["Location"]) == (301, "/nl/initiatieven/babytheek/")


@pytest.mark.parametrize(
    "unknown", ["/fr/nulle-part/", "/fr/initiatieven/nergens/", "/fr/initiatives/bebetheque/x/"]
)
def test_an_address_no_language_has_stays_a_404(client, tree, unknown):
    assert client.get(unknown).status_code == 404


def test_a_page_without_a_translation_is_not_redirected_to_another_language(client, tree, index):
    factories.build_initiative(index, "Alleen in het Nederlands", slug="alleen-nl")
    cache.clear()
    assert client.get("/fr/initiatieven/alleen-nl/").status_code == 404


# The demo ---------------------------------------------------------------------------------


def load_trust_pages(home):
    loader = DemoLoader(timezone.localdate(), say=lambda message: None)
    loader.load_locales()
    return [demo_site.content_page(loader, home, data) for data in demo_pages.TRUST_PAGES]


def test_the_demo_gives_translations_addresses_in_their_language(client, home):
    privacy, accessibility = load_trust_pages(home)
    urls = {
        page.get_translation(Locale.objects.get(language_code=code)).url
        for page in (privacy, accessibility)
        for code in ("fr", "en")
    }
    assert urls == {
        "/fr/confidentialite/",
        "/fr/accessibilite/",
        "/en/privacy/",
        "/en/accessibility/",
    }
    cache.clear()
    response = client.get("/fr/toegankelijkheid/")
    assert (response.status_code, response["Location"]) == (301, "/fr/accessibilite/")


def test_loading_the_demo_again_or_syncing_a_translation_keeps_its_address(home):
    privacy, _accessibility = load_trust_pages(home)
    load_trust_pages(home)
    french = Locale.objects.get(language_code="fr")
    privacy.title = "Privacyverklaring van De Deelfabriek"
    privacy.save_revision().publish()
    source, _created = TranslationSource.update_or_create_from_instance(privacy)
    source.create_or_update_translation(french, publish=True, fallback=True)
    assert privacy.get_translation(french).url == "/fr/confidentialite/"
