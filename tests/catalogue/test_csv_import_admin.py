"""Importing catalogue items from a CSV file in the admin: the form, the report page, the
example file, and who may import into which initiative.
"""

import re

import pytest

from django.contrib import messages
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.models import ModelLogEntry

from catalogue.models import Item
from tests import factories
from tests.catalogue.test_csv_import import BAD_ROWS, COPIES_FILE, ENGLISH_FILE, dutch, run

pytestmark = pytest.mark.django_db

IMPORT_URL = "wagtailsnippets_catalogue_item:import"


def upload(content, name="items.csv"):
    if isinstance(content, str):
        content = content.encode("utf-8")
    return SimpleUploadedFile(name, content, content_type="text/csv")


def options(html):
    select = re.search(r'<select name="initiative".*?</select>', html, re.DOTALL).group(0)
    return re.findall(r'<option value="(\d+)"( selected)?>([^<]+)</option>', select)


def text_of(response):
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_items_listing_links_to_the_import(client, lenders):
    factories.volunteer_of(lenders["tools"], client)

    html = client.get(reverse("wagtailsnippets_catalogue_item:list")).content.decode()

    assert f'href="{reverse(IMPORT_URL)}"' in html
    assert "Import from CSV" in html


def test_a_volunteer_is_offered_only_their_own_initiative_preselected(client, lenders):
    factories.volunteer_of(lenders["tools"], client)

    response = client.get(reverse(IMPORT_URL))

    assert response.status_code == 200
    assert options(response.content.decode()) == [
        (str(lenders["tools"].pk), " selected", "Instrumentheek")
    ]
    page = text_of(response)
    assert "leeftijd_van_maanden" in page and "age_min_months" in page
    example = reverse("wagtailsnippets_catalogue_item:import_example")
    assert f'href="{example}"' in response.content.decode()
    download = client.get(example)
    assert download["Content-Type"] == "text/csv; charset=utf-8"
    assert download.content.startswith(b"\xef\xbb\xbfcode;naam;categorie;")


def test_a_volunteer_imports_and_sees_the_rejected_rows(client, lenders):
    factories.volunteer_of(lenders["tools"], client)

    response = client.post(
        reverse(IMPORT_URL), {"initiative": lenders["tools"].pk, "file": upload(BAD_ROWS)}
    )

    assert response.status_code == 200
    page = text_of(response)
    assert "Imported 8 rows: 2 created, 0 updated, 0 unchanged, 6 rejected." in page
    assert "Items: 2 new, 0 changed. Copies: 2 new, 0 changed." in page
    assert "6 rows rejected" in page
    rows = re.findall(
        r'<tr class="csv-import-rejected">\s*<td>(\d+)</td>\s*<td>([^<]*)</td>',
        response.content.decode(),
    )
    assert rows == [
        ("3", "BAD-1"),
        ("4", "BAD-2"),
        ("5", "OK-1"),
        ("6", "BAD-3"),
        ("7", "BAD-4"),
        ("8", "BAD-5"),
    ]
    assert "naam: This field cannot be blank." in page
    assert "leeftijd_tot_maanden: The upper age must be at least the lower age." in page
    assert "Created (2)" in page
    edit = reverse("wagtailsnippets_catalogue_item:edit", args=[dutch("OK-1").pk])
    assert f'href="{edit}"' in response.content.decode()
    assert Item.objects.filter(initiative=lenders["tools"]).count() == 2


def test_the_page_explains_copies_and_the_report_shows_the_codes_of_each_row(client, lenders):
    factories.volunteer_of(lenders["tools"], client)

    help_page = text_of(client.get(reverse(IMPORT_URL)))
    assert "Each row is one copy" in help_page
    assert "Rows with the same name and brand are copies of one item" in help_page
    assert "aantal" in help_page and "copies" in help_page

    response = client.post(
        reverse(IMPORT_URL), {"initiative": lenders["tools"].pk, "file": upload(COPIES_FILE)}
    )

    page = text_of(response)
    assert "Imported 4 rows: 4 created, 0 updated, 0 unchanged, 0 rejected." in page
    assert "Items: 3 new, 0 changed. Copies: 7 new, 0 changed." in page
    rows = re.findall(
        r'<tr class="csv-import-created">\s*<td>(\d+)</td>\s*<td>([^<]*)</td>',
        response.content.decode(),
    )
    assert rows == [
        ("2", "IN-0100 – IN-0102"),
        ("3", "IN-0200"),
        ("4", "IN-0300"),
        ("5", "IN-0400 – IN-0401"),
    ]
    # Both rows of the first item link to it.
    edit = reverse("wagtailsnippets_catalogue_item:edit", args=[dutch("IN-0200").pk])
    assert response.content.decode().count(f'href="{edit}"') == 2


def test_a_check_only_upload_saves_nothing(client, lenders):
    factories.volunteer_of(lenders["tools"], client)

    response = client.post(
        reverse(IMPORT_URL),
        {"initiative": lenders["tools"].pk, "file": upload(ENGLISH_FILE), "dry_run": "on"},
    )

    page = text_of(response)
    assert "Check only: nothing was saved" in page
    assert "Would be created (2)" in page
    assert not Item.objects.exists()


def test_a_volunteer_cannot_import_into_another_initiative(client, lenders):
    factories.volunteer_of(lenders["tools"], client)

    response = client.post(
        reverse(IMPORT_URL), {"initiative": lenders["baby"].pk, "file": upload(ENGLISH_FILE)}
    )

    assert response.status_code == 200
    assert "Select a valid choice" in text_of(response)
    assert not Item.objects.exists()
    addressed = client.get(reverse(IMPORT_URL), {"initiative": lenders["baby"].pk})
    assert addressed.status_code == 404


def test_the_import_itself_refuses_a_user_outside_the_initiative(client, lenders):
    volunteer = factories.volunteer_of(lenders["tools"], client)

    with pytest.raises(PermissionDenied):
        run(lenders["baby"], ENGLISH_FILE, user=volunteer)
    assert not Item.objects.exists()
    report = run(lenders["tools"], ENGLISH_FILE, user=volunteer)
    assert len(report.created) == 2
    log = ModelLogEntry.objects.filter(action="wagtail.publish", user=volunteer)
    assert log.count() == 4  # two items, one of them with two translations


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The submitted file is empty."),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a CSV file"),
        (b"code;naam\nX;Y\n", "Required columns are missing: categorie."),
        ("code;naam;categorie\n".encode("utf-16"), "holds no items"),
    ],
)
def test_a_bad_upload_is_a_form_error(client, lenders, content, message):
    factories.volunteer_of(lenders["tools"], client)

    response = client.post(
        reverse(IMPORT_URL), {"initiative": lenders["tools"].pk, "file": upload(content)}
    )

    assert response.status_code == 200
    assert message in text_of(response)
    assert 'name="file"' in response.content.decode()  # the form again, to try another file
    assert not Item.objects.exists()


def test_a_coordinator_imports_for_any_lending_initiative(client, lenders):
    factories.coordinator(client)

    response = client.get(reverse(IMPORT_URL))
    offered = [title for _pk, _selected, title in options(response.content.decode())]
    assert offered == ["Babytheek", "Instrumentheek"]  # not the Repair Café: it lends nothing

    response = client.post(
        reverse(IMPORT_URL), {"initiative": lenders["baby"].pk, "file": upload(ENGLISH_FILE)}
    )
    assert "2 created" in text_of(response)
    assert Item.objects.filter(initiative=lenders["baby"], locale__language_code="nl").count() == 2
    assert client.get(reverse(IMPORT_URL), {"initiative": lenders["tools"].pk}).status_code == 200


def test_an_anonymous_visitor_is_sent_to_log_in(client, lenders):
    for url in (reverse(IMPORT_URL), reverse("wagtailsnippets_catalogue_item:import_example")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login"))
    response = client.post(
        reverse(IMPORT_URL), {"initiative": lenders["tools"].pk, "file": upload(ENGLISH_FILE)}
    )
    assert response.status_code == 302
    assert not Item.objects.exists()


def test_an_editor_without_item_permissions_is_refused(client, lenders):
    from django.contrib.auth.models import Permission

    group = Group.objects.create(name="Redactie")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(factories.UserFactory(groups=[group], admin_language="en"))

    listing = client.get(reverse("wagtailsnippets_catalogue_item:list"))
    assert f'href="{reverse(IMPORT_URL)}"' not in listing.content.decode()
    response = client.post(
        reverse(IMPORT_URL), {"initiative": lenders["tools"].pk, "file": upload(ENGLISH_FILE)}
    )
    if response.status_code != 403:  # Wagtail turns PermissionDenied into a redirect home
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
        assert messages.ERROR in [m.level for m in get_messages(response.wsgi_request)]
    assert not Item.objects.exists()
