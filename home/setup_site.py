"""What a real installation needs before editors can work, and nothing of the demo
(``manage.py setup_site``; README, "A new installation").

The languages, the home page and the catalogue page in Dutch with their French and English
translations (through wagtail-localize, so editors translate them in the admin), the Wagtail
site with the installation's host name, the coordinators' group, and a first account. Every
step looks before it makes, so running it again changes nothing.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from wagtail.models import Locale, Page, Site
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.operations import translate_object

from initiatives.teams import ensure_coordination_group

from .models import CatalogueIndexPage, HomePage

# Neutral first titles, which editors then change; the slug is the same in every language.
HOME = {"slug": "home", "nl": "De Deelfabriek", "fr": "De Deelfabriek", "en": "De Deelfabriek"}
CATALOGUE = {"slug": "catalogus", "nl": "Catalogus", "fr": "Catalogue", "en": "Catalogue"}


LABEL = r"[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?"
HOST_NAME = re.compile(rf"^(?=.{{1,253}}$){LABEL}(\.{LABEL})*$")


class SetupError(ValueError):
    """What the person running the set-up must correct (the message says how)."""


def check_hostname(hostname):
    """A bare host name such as deelfabriek.kortrijk.be (no scheme, port or path), lower case."""
    name = hostname.strip().lower()
    if not HOST_NAME.match(name):
        raise SetupError(
            f"{hostname!r} is not a host name: give the name only, such as deelfabriek.kortrijk.be "
            "(no https://, no port, no path)."
        )
    return name


def site_address(hostname=None, port=None):
    """(host name, port) from the arguments, else from WAGTAILADMIN_BASE_URL."""
    parts = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    try:
        base_port = parts.port
    except ValueError:
        raise SetupError(
            f"WAGTAILADMIN_BASE_URL {settings.WAGTAILADMIN_BASE_URL!r} has no valid port."
        ) from None
    default_port = 443 if parts.scheme == "https" else 80
    if hostname:
        return check_hostname(hostname), int(port or default_port)
    return parts.hostname or "localhost", int(port or base_port or default_port)


def remove_welcome_page(root):
    """Wagtail's untouched "Welcome to your new Wagtail site!" page goes; its site moves to
    the root until the home page takes it."""
    welcome = root.get_children().filter(
        content_type=ContentType.objects.get_for_model(Page), numchild=0
    )
    Site.objects.filter(root_page__in=welcome).update(root_page=root)
    for page in welcome:
        page.delete()


class SiteSetup:
    def __init__(self, say):
        self.say = say
        self.changed = False

    def note(self, what, made):
        self.say(f"{what}: {'created' if made else 'already there'}")
        self.changed = self.changed or made

    @transaction.atomic
    def structure(self, hostname=None, port=None):
        locales = self.locales()
        home = self.home_page(locales)
        self.catalogue_page(home, locales)
        self.site(home, hostname, port)
        ensure_coordination_group()
        self.say("groups: coordinators' group and its permissions in place")
        return home

    def locales(self):
        locales = {}
        for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
            locales[code], made = Locale.objects.get_or_create(language_code=code)
            self.note(f"language {code}", made)
        return locales

    def home_page(self, locales):
        default = locales[settings.LANGUAGE_CODE]
        home = HomePage.objects.filter(locale=default).first()
        made = home is None
        if made:
            root = Page.get_first_root_node()
            remove_welcome_page(root)
            title = HOME[default.language_code]
            home = root.add_child(instance=HomePage(title=title, slug=HOME["slug"], locale=default))
            home.save_revision().publish()
        self.note(f"home page in {default.language_code}", made)
        self._translations(home, locales, HOME, "home page")
        return home

    def catalogue_page(self, home, locales):
        page = CatalogueIndexPage.objects.child_of(home).first()
        made = page is None
        if made:
            title = CATALOGUE[home.locale.language_code]
            page = home.add_child(instance=CatalogueIndexPage(title=title, slug=CATALOGUE["slug"]))
            page.save_revision().publish()
        self.note(f"catalogue page in {home.locale.language_code}", made)
        self._translations(page, locales, CATALOGUE, "catalogue page")

    def _translations(self, page, locales, titles, label):
        missing = [
            locale
            for code, locale in locales.items()
            if code != page.locale.language_code and not page.has_translation(locale)
        ]
        if not missing:
            self.say(f"{label} translations: already there")
            return
        # Synced translations, which editors go on translating in the admin; the title in each
        # language is a translated string of the source, so a later sync keeps it.
        translate_object(page, missing)
        source = TranslationSource.objects.get_for_instance(page)
        title = StringSegment.objects.filter(source=source, context__path="title").first()
        for locale in missing:
            if title is not None:
                StringTranslation.objects.update_or_create(
                    translation_of_id=title.string_id,
                    context_id=title.context_id,
                    locale=locale,
                    defaults={"data": titles[locale.language_code], "translation_type": "manual"},
                )
            Translation.objects.get(source=source, target_locale=locale).save_target(publish=True)
            self.note(f"{label} in {locale.language_code}", True)

    def site(self, home, hostname=None, port=None):
        """The default site shows the home page; its address is set when given, or when it is
        still Wagtail's own "localhost:80"."""
        site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
        untouched = site is None or (site.hostname, site.port) == ("localhost", 80)
        if not (hostname or port or untouched):
            hostname, port = site.hostname, site.port
        hostname, port = site_address(hostname, port)
        wanted = {
            "hostname": hostname,
            "port": port,
            "root_page_id": home.pk,
            "is_default_site": True,
            # A name an editor gave the site is theirs.
            "site_name": (site and site.site_name) or settings.WAGTAIL_SITE_NAME,
        }
        if site is not None and all(getattr(site, k) == v for k, v in wanted.items()):
            self.note(f"site {hostname}:{port}", False)
            return
        site = site or Site()
        for name, value in wanted.items():
            setattr(site, name, value)
        site.save()
        self.say(f"site: {hostname}:{port} shows the home page")
        self.changed = True


def create_coordinator(username, email, password):
    """The first account: a superuser in the coordinators' group (it can then make the others)."""
    User = get_user_model()
    user = User.objects.create_superuser(username=username, email=email, password=password)
    user.groups.add(ensure_coordination_group())
    return user
