"""`manage.py setup_site`: a real installation on an empty database, without the demo."""

import io

import pytest

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from wagtail.models import Page, Site

from home.models import CatalogueIndexPage, HomePage

pytestmark = pytest.mark.django_db

PASSWORD = "een-lang-wachtwoord-voor-de-stad"


@pytest.fixture
def setup_site(monkeypatch, django_capture_on_commit_callbacks):
    """Run the command as on a real database: what waits for the commit runs."""

    def run(*args, password=PASSWORD):
        monkeypatch.setenv("SETUP_COORDINATOR_PASSWORD", password)
        out = io.StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("setup_site", "--no-input", *args, stdout=out)
        return out.getvalue()

    return run


def test_an_empty_installation_gets_its_pages_site_and_first_account(client, setup_site):
    output = setup_site(
        "--username",
        "stad",
        "--email",
        "it@kortrijk.example",
        "--hostname",
        "testserver",
        "--port",
        "80",
    )
    assert "Set up." in output
    titles = {(p.locale.language_code, p.title) for p in CatalogueIndexPage.objects.all()}
    assert titles == {("nl", "Catalogus"), ("fr", "Catalogue"), ("en", "Catalogue")}
    assert HomePage.objects.count() == 3
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_page.specific_class) == ("testserver", 80, HomePage)
    for path in ("/nl/", "/fr/", "/en/", "/nl/catalogus/", "/fr/catalogus/", "/en/catalogus/"):
        assert client.get(path).status_code == 200, path
    assert "Catalogue" in client.get("/fr/catalogus/").content.decode()
    # Wagtail's "Welcome" page is gone, and no demo account exists.
    assert not Page.objects.filter(title__startswith="Welcome").exists()
    assert list(get_user_model().objects.values_list("username", flat=True)) == ["stad"]
    client.post("/admin/login/", {"username": "stad", "password": PASSWORD})
    assert client.get("/admin/").status_code == 200


def test_running_it_again_changes_nothing(setup_site):
    setup_site("--username", "stad", "--email", "it@kortrijk.example")
    counts = (Page.objects.count(), Site.objects.count(), get_user_model().objects.count())
    output = setup_site()
    assert "Already set up: nothing changed." in output
    assert (Page.objects.count(), Site.objects.count(), get_user_model().objects.count()) == counts


def test_without_input_it_needs_the_account_details_before_making_anything(setup_site):
    with pytest.raises(CommandError, match="give --username and --email"):
        setup_site()
    with pytest.raises(CommandError, match="set the password in SETUP_COORDINATOR_PASSWORD"):
        setup_site("--username", "stad", "--email", "it@kortrijk.example", password="")
    with pytest.raises(CommandError, match="The password is refused: This password is too short"):
        setup_site("--username", "stad", "--email", "it@kortrijk.example", password="kort")
    with pytest.raises(CommandError, match="is not an e-mail address"):
        setup_site("--username", "stad", "--email", "kortrijk")
    assert not HomePage.objects.exists()


def test_the_demo_refuses_production_settings_unless_forced(settings):
    settings.DEMO_ALLOWED = False
    with pytest.raises(CommandError, match="These settings are for production"):
        call_command("load_demo", "--quiet")
    assert not HomePage.objects.exists()


def test_a_new_installation_has_no_empty_initiatives_heading(client, setup_site):
    setup_site("--username", "stad", "--email", "it@kortrijk.example", "--hostname", "testserver")
    assert "Onze initiatieven" not in client.get("/nl/").content.decode()


@pytest.mark.parametrize(
    "hostname", ["https://deelfabriek.kortrijk.be", "deelfabriek.kortrijk.be:8443", "deel fabriek"]
)
def test_a_host_name_with_a_scheme_port_or_space_is_refused_before_anything_is_made(
    setup_site, hostname
):
    with pytest.raises(CommandError, match="is not a host name: give the name only"):
        setup_site("--username", "stad", "--email", "it@kortrijk.example", "--hostname", hostname)
    assert not HomePage.objects.exists() and not get_user_model().objects.exists()


def test_an_address_already_in_use_is_refused_and_the_account_left_alone(setup_site):
    get_user_model().objects.create_user("lid", email="it@kortrijk.example", password="x")
    with pytest.raises(CommandError, match="An account with IT@kortrijk.example exists already"):
        setup_site("--username", "stad", "--email", "IT@kortrijk.example")
    assert not HomePage.objects.exists()
    assert list(get_user_model().objects.values_list("username", flat=True)) == ["lid"]


def test_stopping_at_a_question_says_so_without_a_traceback(monkeypatch):
    def stopped(prompt):
        raise KeyboardInterrupt

    monkeypatch.setattr("builtins.input", stopped)
    with pytest.raises(CommandError, match="Stopped: nothing was created."):
        call_command("setup_site", stdout=io.StringIO())
    assert not HomePage.objects.exists()


def test_a_site_name_an_editor_changed_is_kept_on_a_second_run(setup_site):
    setup_site("--username", "stad", "--email", "it@kortrijk.example")
    Site.objects.update(site_name="Deelfabriek Kortrijk")
    assert "Already set up: nothing changed." in setup_site()
    assert Site.objects.get().site_name == "Deelfabriek Kortrijk"
