"""wagtail-localize's views, Wagtail's site history and the page editor, as another
initiative's volunteer: refused, and nothing changes (initiatives/admin_localize.py,
initiatives/admin_reports.py)."""

import pytest

from django.urls import reverse

from wagtail.log_actions import log
from wagtail.models import Locale, Revision
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from initiatives.models import InitiativePage
from tests import factories

pytestmark = pytest.mark.django_db


def localize(obj, code):
    """A wagtail-localize translation of `obj` into `code`, saved and published."""
    source, _created = TranslationSource.get_or_create_from_instance(obj)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=Locale.objects.get_or_create(language_code=code)[0]
    )
    translation.save_target(publish=True)
    return translation


@pytest.fixture
def translated(home, index):
    tools = factories.build_initiative(index, "Instrumentheek", lends_items=True)
    baby = factories.build_initiative(index, "Babytheek", lends_items=True)
    for page in (home, index):
        localize(page, "fr")
    category = factories.build_category("Gereedschap", "gereedschap")
    drill = factories.build_item(tools, category, "Klopboormachine", "IN-0001")
    pram = factories.build_item(baby, category, "Kinderwagen", "BA-0001")
    return {
        "tools": tools,
        "baby": baby,
        "home": home,
        "tools_fr": localize(tools, "fr"),
        "baby_fr": localize(baby, "fr"),
        "home_fr": localize(home, "fr"),
        "drill_fr": localize(drill, "fr"),
        "pram_fr": localize(pram, "fr"),
    }


def revisions_of(translation):
    return Revision.page_revisions.filter(
        object_id=str(translation.get_target_instance().pk)
    ).count()


def update_url(translation):
    return reverse("wagtail_localize:update_translations", args=[translation.source_id])


def test_a_volunteer_publishes_their_own_initiatives_translations(client, translated):
    factories.volunteer_of(translated["tools"], client)
    before = revisions_of(translated["tools_fr"])
    response = client.post(update_url(translated["tools_fr"]), {"publish_translations": "on"})
    assert response.status_code == 302
    assert revisions_of(translated["tools_fr"]) == before + 1


@pytest.mark.parametrize("other", ["baby_fr", "home_fr"])
def test_a_volunteer_cannot_publish_other_pages_translations(client, translated, other):
    factories.volunteer_of(translated["tools"], client)
    translation = translated[other]
    before = revisions_of(translation)
    assert client.get(update_url(translation)).status_code == 404
    response = client.post(update_url(translation), {"publish_translations": "on"})
    assert response.status_code == 404
    assert revisions_of(translation) == before


def editor_urls(translation):
    segment = StringSegment.objects.filter(source=translation.source).first()
    return {
        "edit": reverse(
            "wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk]
        ),
        "download": reverse("wagtail_localize:download_pofile", args=[translation.pk]),
        "upload": reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        "disable": reverse("wagtail_localize:stop_translation", args=[translation.pk]),
    }


def test_another_initiatives_item_translation_cannot_be_edited(client, translated):
    factories.volunteer_of(translated["tools"], client)
    translation = translated["pram_fr"]
    urls = editor_urls(translation)
    before = StringTranslation.objects.count()

    edit = client.put(
        urls["edit"], "value=Injected", content_type="application/x-www-form-urlencoded"
    )
    assert edit.status_code == 404
    assert client.get(urls["download"]).status_code == 404
    upload = client.post(urls["upload"], {"file": b""})
    assert upload.status_code == 404
    assert client.post(urls["disable"]).status_code == 404

    assert StringTranslation.objects.count() == before
    assert Translation.objects.get(pk=translation.pk).enabled


def test_a_volunteer_translates_their_own_item(client, translated):
    factories.volunteer_of(translated["tools"], client)
    urls = editor_urls(translated["drill_fr"])
    download = client.get(urls["download"])
    assert download.status_code == 200
    assert "Klopboormachine" in download.content.decode()
    edit = client.put(
        urls["edit"],
        "value=Perceuse+%C3%A0+percussion",
        content_type="application/x-www-form-urlencoded",
    )
    assert edit.status_code in (200, 201)
    assert StringTranslation.objects.filter(data="Perceuse à percussion").exists()


def test_the_translations_report_is_for_coordinators(client, translated):
    report = reverse("wagtail_localize:translations_report")
    factories.volunteer_of(translated["tools"], client)
    assert client.get(report).status_code == 404
    assert report not in client.get(reverse("wagtailadmin_home")).content.decode()
    factories.coordinator(client)
    assert client.get(report).status_code == 200


def test_site_history_shows_only_the_volunteers_own_initiative(client, translated):
    volunteer = factories.volunteer_of(translated["tools"], client)
    other_volunteer = factories.volunteer_of(translated["baby"], username="babyvrijwilliger")
    member = factories.MemberFactory(user__first_name="Zoltan", user__last_name="Quispel")
    theirs = factories.MembershipFactory(member=member, initiative=translated["baby"])
    ours = factories.MembershipFactory(initiative=translated["tools"])
    log(instance=theirs, action="wagtail.edit", user=other_volunteer, title="Lid Zoltan Quispel")
    log(instance=ours, action="wagtail.edit", user=volunteer, title="Lid van de Instrumentheek")

    for url in (
        reverse("wagtailadmin_reports:site_history"),
        reverse("wagtailadmin_reports:site_history") + "?export=csv",
        reverse("wagtailadmin_reports:site_history_results"),
    ):
        response = client.get(url)
        assert response.status_code == 200
        body = b"".join(response) if response.streaming else response.content
        text = body.decode()
        assert "Lid van de Instrumentheek" in text
        assert "Zoltan" not in text and "babyvrijwilliger" not in text

    factories.coordinator(client)
    html = client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert "Zoltan" in html


def test_an_incomplete_form_is_a_bad_request_and_changes_nothing(client, translated):
    tools = translated["tools"]
    factories.volunteer_of(tools, client)
    for url in (
        reverse("wagtailadmin_pages:edit", args=[tools.pk]),
        reverse("wagtailadmin_pages:add", args=["initiatives", "eventpage", tools.pk]),
    ):
        response = client.post(url, {"title": "Leeg"})
        assert response.status_code == 400
        assert "The form arrived incomplete" in response.content.decode()
    assert InitiativePage.objects.get(pk=tools.pk).title == "Instrumentheek"
    assert not InitiativePage.objects.filter(title="Leeg").exists()


def test_the_site_history_export_neutralises_formulas(client, translated):
    factories.coordinator(client)
    membership = factories.MembershipFactory(initiative=translated["tools"])
    log(instance=membership, action="wagtail.edit", title='=HYPERLINK("http://x")')
    response = client.get(reverse("wagtailadmin_reports:site_history") + "?export=csv")
    text = b"".join(response).decode()
    assert "'=HYPERLINK" in text
    assert ",=HYPERLINK" not in text
