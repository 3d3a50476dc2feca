"""Hostile input on every public form, query parameter and address segment.

Each case sends a fixed set of bad values (empty, very long, a NUL byte, digits that only
look like digits, huge and negative numbers, bytes that are not UTF-8, markup, impossible
and far-away dates), one parameter at a time, and expects no server error and no markup
sent back unescaped. The parameters of a form come from the form class itself, so a field
added later is covered without touching this file.
"""

import datetime
import html
from urllib.parse import quote, urlencode

import pytest

from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext

from home import catalogue_views
from home.models import CatalogueIndexPage
from lending.forms import ReservationForm
from members import views as member_views
from members.forms import DeleteAccountForm, ProfileForm, SignUpForm
from tests import factories
from tests.lending.world import build_lending_world

pytestmark = pytest.mark.django_db

MARKUP = "<script>alert(1)</script>"

# Strings are sent percent-encoded; the bytes (not UTF-8 on purpose) go percent-encoded into
# addresses and raw into form bodies.
HOSTILE = {
    "empty": "",
    "long-text": "a" * 10_000,
    "long-digits": "9" * 10_000,
    "nul-byte": "a\x00b",
    "superscript-two": "²",
    "arabic-indic-one": "١",
    "minus-one": "-1",
    "forty-digits": "1" * 40,
    "invalid-utf8": b"\xff\xfe",
    "markup": MARKUP,
    "february-30": "2026-02-30",
    "year-9999": "9999-12-31",
}

ITEM = "/nl/catalogus/instrumentheek/klopboormachine/"
# The catalogue's query parameters: the facets it names, and the rest of what a search keeps.
CATALOGUE_PARAMETERS = [*catalogue_views.PARAMETERS, "available", "from", "to", "sort", "page"]


def in_query(value):
    return quote(value, safe="") if isinstance(value, str) else "".join(f"%{b:02x}" for b in value)


def in_body(value):
    return quote(value, safe="").encode() if isinstance(value, str) else value


def in_path(value):
    # An empty segment would name another route; "-" stands in for it.
    return in_query(value) or "-"


def url(name, **kwargs):
    with translation.override("nl"):
        return reverse(name, kwargs=kwargs or None)


@pytest.fixture
def world(db):
    world = build_lending_world(
        languages=("nl",), initiative_fields={"slug": "instrumentheek", "auto_confirm": True}
    )
    catalogue = CatalogueIndexPage(title="Catalogus", slug="catalogus")
    world["trees"]["nl"].home.add_child(instance=catalogue)
    factories.publish(catalogue)
    return world


def anonymous():
    return Client(raise_request_exception=False)


def logged_in(world):
    client = Client(raise_request_exception=False)
    client.force_login(world["member"].user)
    return client


def problems(response, label):
    """What is wrong with one answer: a server error, or the markup sent back as markup."""
    found = []
    if response.status_code >= 500:
        found.append(f"{label}: HTTP {response.status_code}")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if MARKUP.encode() in body:
        found.append(f"{label}: the markup comes back unescaped")
    return found


def assert_no_problems(found):
    assert not found, "\n".join(found)


# Query parameters ---------------------------------------------------------------------------

# (case, path, parameters, logged in, status without parameters). Views that read no
# parameter get an unknown one, which must not trouble them either.
GET_CASES = [
    ("catalogue-search", "/nl/catalogus/", CATALOGUE_PARAMETERS, False, 200),
    ("search-suggestions", lambda: url("catalogue_suggestions"), ["q"], False, 200),
    ("site-search", lambda: url("site_search"), ["q"], False, 200),
    ("item-page", ITEM, ["reservation"], True, 200),
    ("reservation-confirmation", ITEM + "reserve/", ["reservation"], True, 302),
    ("reservation-confirmation-anonymous", ITEM + "reserve/", ["reservation"], False, 302),
    ("log-in", lambda: url("members:login"), ["next"], False, 200),
    ("my-data-export", lambda: url("members:download_data"), ["format"], True, 200),
    ("building-calendar", "/agenda.ics", ["language"], False, 200),
    ("home-page", "/nl/", ["untranslated"], False, 200),
]


@pytest.mark.parametrize(
    "path,parameters,member,plain",
    [case[1:] for case in GET_CASES],
    ids=[case[0] for case in GET_CASES],
)
def test_query_parameters_never_cause_a_server_error(world, path, parameters, member, plain):
    client = logged_in(world) if member else anonymous()
    path = path() if callable(path) else path
    assert client.get(path).status_code == plain, "the view itself answers"
    found = []
    for parameter in parameters:
        for label, value in HOSTILE.items():
            response = client.get(f"{path}?{parameter}={in_query(value)}")
            found += problems(response, f"GET {path}?{parameter}= {label}")
    assert_no_problems(found)


def test_the_catalogue_answers_hostile_values_in_every_parameter_at_once(world):
    client = anonymous()
    found = []
    for label, value in HOSTILE.items():
        query = "&".join(f"{name}={in_query(value)}" for name in CATALOGUE_PARAMETERS)
        found += problems(client.get(f"/nl/catalogus/?{query}"), f"all parameters {label}")
    assert_no_problems(found)


def test_hostile_request_headers_never_cause_a_server_error(world):
    client = anonymous()
    found = []
    for label, value in HOSTILE.items():
        if isinstance(value, bytes):
            value = value.decode("latin-1")  # as a server hands over undecodable header bytes
        for path in ("/agenda.ics", "/nl/catalogus/"):
            response = client.get(path, headers={"accept-language": value})
            found += problems(response, f"{path} Accept-Language {label}")
    assert_no_problems(found)


def test_numbers_that_only_look_like_numbers_get_an_answer_not_an_error(world):
    with translation.override("nl"):
        message = gettext("That page of results does not exist.")
    for page in ("²", "١", "0", "401", "9" * 10_000):
        response = anonymous().get(f"/nl/catalogus/?page={quote(page)}")
        assert response.status_code == 400, page
        assert message in html.unescape(response.content.decode()), page
    for number in ("²", "١", "-1", "1" * 40):
        response = logged_in(world).get(f"{ITEM}reserve/?reservation={quote(number)}")
        assert (response.status_code, response["Location"]) == (302, ITEM + "#reserve"), number


# Address segments ---------------------------------------------------------------------------

PATH_CASES = [
    ("initiative-calendar", lambda v: f"/agenda/{in_path(v)}.ics", "GET", False),
    (
        "cancel-reservation",
        lambda v: url("lending:cancel_reservation", pk=1).replace("/1/", f"/{in_path(v)}/"),
        "POST",
        True,
    ),
    ("item-code", lambda v: f"/nl/catalogus/instrumentheek/{in_path(v)}/", "GET", False),
    (
        "reserve-item-code",
        lambda v: f"/nl/catalogus/instrumentheek/{in_path(v)}/reserve/",
        "GET",
        True,
    ),
    ("confirm-email-token", lambda v: url("members:confirm", token=in_path(v)), "GET", False),
    (
        "password-reset-link",
        lambda v: url("members:password_reset_confirm", uidb64=in_path(v), token=in_path(v)),
        "GET",
        False,
    ),
]


@pytest.mark.parametrize(
    "make_path,method,member", [case[1:] for case in PATH_CASES], ids=[c[0] for c in PATH_CASES]
)
def test_address_segments_never_cause_a_server_error(world, make_path, method, member):
    client = logged_in(world) if member else anonymous()
    found = []
    for label, value in HOSTILE.items():
        path = make_path(value)
        response = client.post(path) if method == "POST" else client.get(path)
        found += problems(response, f"{method} {path[:80]} {label}")
    assert_no_problems(found)


def test_an_initiative_calendar_with_an_id_no_database_holds_is_not_found(world):
    client = anonymous()
    initiative = world["initiative"]
    assert client.get(f"/agenda/{initiative.pk}.ics").status_code == 200
    for number in ("9" * 19, "1" * 23, "1" * 40, "0"):
        assert client.get(f"/agenda/{number}.ics").status_code == 404, number


# Forms --------------------------------------------------------------------------------------


def _next_open_day():
    day = timezone.localdate() + datetime.timedelta(days=7)
    while day.weekday() != 0:  # the lending world opens on Mondays
        day += datetime.timedelta(days=1)
    return day


def _reset_form_path(world, client):
    """The set-password address, after opening a genuine reset link (as a member does)."""
    user = world["member"].user
    link = url(
        "members:password_reset_confirm",
        uidb64=urlsafe_base64_encode(force_bytes(user.pk)),
        token=default_token_generator.make_token(user),
    )
    response = client.get(link)
    assert response.status_code == 302, "a genuine link leads to the form"
    return response["Location"]


def _pickup():
    return _next_open_day().isoformat()


def _return():
    return (_next_open_day() + datetime.timedelta(days=2)).isoformat()


# (case, form class, path, valid data, logged in). Every field of the form gets every value
# while the other fields keep a valid value, so each value reaches the checks behind the first.
FORM_CASES = [
    (
        "sign-up",
        SignUpForm,
        lambda world, client: url("members:sign_up"),
        {
            "email": "nieuw@example.be",
            "first_name": "Lotte",
            "last_name": "Claes",
            "postal_code": "8500",
            "preferred_language": "nl",
            "password1": "kortrijk-deelt-2026",
            "password2": "kortrijk-deelt-2026",
        },
        False,
    ),
    (
        "log-in",
        member_views.LoginView.authentication_form,
        lambda world, client: url("members:login"),
        {"username": "lid@example.be", "password": "kortrijk-deelt-2026"},
        False,
    ),
    (
        "password-reset-request",
        member_views.PasswordResetView.form_class,
        lambda world, client: url("members:password_reset"),
        {"email": "lid@example.be"},
        False,
    ),
    (
        "password-reset-confirm",
        member_views.PasswordResetConfirmView.form_class,
        _reset_form_path,
        {"new_password1": "een-nieuw-wachtwoord-42", "new_password2": "een-nieuw-wachtwoord-42"},
        False,
    ),
    (
        "profile",
        ProfileForm,
        lambda world, client: url("members:profile"),
        {
            "first_name": "An",
            "last_name": "Peeters",
            "phone": "056 12 34 56",
            "postal_code": "8500",
            "preferred_language": "nl",
        },
        True,
    ),
    (
        "delete-account",
        DeleteAccountForm,
        lambda world, client: url("members:delete"),
        {"password": "not-the-password"},
        True,
    ),
    (
        "reservation",
        ReservationForm,
        lambda world, client: ITEM + "reserve/",
        {"pickup_date": _pickup, "return_date": _return},
        True,
    ),
]


@pytest.mark.parametrize(
    "form_class,make_path,valid,member",
    [case[1:] for case in FORM_CASES],
    ids=[case[0] for case in FORM_CASES],
)
def test_forms_never_cause_a_server_error(world, form_class, make_path, valid, member):
    client = logged_in(world) if member else anonymous()
    path = make_path(world, client)
    valid = {name: value() if callable(value) else value for name, value in valid.items()}
    fields = list(form_class.base_fields)
    # The form is really there: its page (the item page for a reservation) shows every field.
    page = client.get(ITEM if form_class is ReservationForm else path).content.decode()
    assert all(f'name="{field}"' in page for field in fields), fields
    found = []
    for field in fields:
        others = urlencode({name: value for name, value in valid.items() if name != field})
        for label, value in HOSTILE.items():
            body = others.encode() + b"&" + field.encode() + b"=" + in_body(value)
            response = client.generic(
                "POST", path, body, content_type="application/x-www-form-urlencoded"
            )
            found += problems(response, f"POST {path} {field}= {label}")
    assert_no_problems(found)


def test_the_admin_item_import_answers_a_bad_initiative_number_with_not_found(world):
    client = Client(raise_request_exception=False)
    factories.coordinator(client)
    path = reverse("wagtailsnippets_catalogue_item:import")
    assert client.get(path, {"initiative": world["initiative"].pk}).status_code == 200
    for label, value in HOSTILE.items():
        if value == "":
            continue  # no initiative asked for: the form offers all of them
        response = client.get(f"{path}?initiative={in_query(value)}")
        assert response.status_code == 404, label
