"""Build the demo site of De Deelfabriek: pages in Dutch with French and English translations,
opening hours, tariffs, events, illustrations, site settings, the catalogue, demo accounts for
staff, and demo members with their memberships and reservations (home/demo/members.py).

Idempotent. Everything is looked up before it is made (pages by slug under their parent and by
translation key, images by title and collection, users by username, members by e-mail,
reservations by member and item), and what exists is left as it is: a second run reports
"already loaded" and writes nothing, so edits made in the admin survive. The only things a later
run adds are events that have come into its window (the Repair Café's monthly sessions for the
coming months), so there are always upcoming events. Dates of the demo reservations are relative
to the day of the first load and are not moved by later runs.

Translations are real texts (home/demo/), made with copy_for_translation and then registered
with wagtail-localize (home/demo/localize.py) so that editors can sync them from the admin.
Slugs are the same in every language (wagtail-localize synchronises them): /nl/initiatieven/
instrumentheek/ is /fr/initiatieven/instrumentheek/ in French.
"""

import datetime
import time
import uuid
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format

from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site
from wagtail.users.models import UserProfile

from catalogue.models import CatalogueIndexPage
from home.demo import catalogue as demo_catalogue
from home.demo import members as demo_members
from home.demo import pages as demo_pages
from home.demo.blocks import shape
from home.demo.images import demo_image
from home.demo.initiatives import INITIATIVES, LENDING_BODY
from home.demo.localize import is_registered, register_translation
from home.models import (
    BuildingOpeningException,
    BuildingOpeningSlot,
    ContentPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    SiteSettings,
)
from initiatives.models import (
    EventPage,
    InitiativeIndexPage,
    InitiativePage,
    MembershipPlan,
    OpeningException,
    OpeningSlot,
    VolunteerTeam,
)
from initiatives.teams import ensure_coordination_group

LANGUAGES = ("nl", "fr", "en")
TRANSLATIONS = ("fr", "en")
PASSWORD = "deelfabriek-demo"  # noqa: S105 - the published password of the demo accounts
ADMIN_URL = "http://127.0.0.1:8000/admin/"
BLOCK_IDS = uuid.UUID("6f1d3c52-4b0e-4d8e-9a57-0d3e1f6c2b10")


# dates ---------------------------------------------------------------------------------------


def _next_month_day(month_day, on_or_after):
    month, day = (int(part) for part in month_day.split("-"))
    candidate = datetime.date(on_or_after.year, month, day)
    if candidate < on_or_after:
        candidate = datetime.date(on_or_after.year + 1, month, day)
    return candidate


def relative_date(spec, today):
    """A date relative to the load day: "weekday W +N", "yearly MM-DD" or "days +N"."""
    kind, *args = spec.split()
    if kind == "weekday":
        weekday, weeks = int(args[0]), int(args[1].lstrip("+"))
        base = today + datetime.timedelta(weeks=weeks)
        return base + datetime.timedelta(days=(weekday - base.weekday()) % 7)
    if kind == "yearly":
        return _next_month_day(args[0], today)
    if kind == "days":
        return today + datetime.timedelta(days=int(args[0].lstrip("+")))
    raise CommandError(f"Unknown date in the demo data: {spec!r}")


def nth_weekday(month_start, nth, weekday):
    first = month_start + datetime.timedelta(days=(weekday - month_start.weekday()) % 7)
    return first + datetime.timedelta(weeks=nth - 1)


def add_months(day, months):
    month = day.month - 1 + months
    return datetime.date(day.year + month // 12, month % 12 + 1, 1)


def parse_time(text):
    return datetime.time.fromisoformat(text)


def parse_slot(text, today):
    """ "2 14:00-18:00", seasonal "5 10:00-12:00 04-01..09-30", ending "5 10:00-12:00 ..+75"."""
    parts = text.split()
    weekday = int(parts[0])
    opens, closes = (parse_time(t) for t in parts[1].split("-"))
    slot = {"weekday": weekday, "opens": opens, "closes": closes}
    if len(parts) == 3:
        start, end = parts[2].split("..")
        if not start:
            # ends N days from now, on the last such weekday before
            limit = today + datetime.timedelta(days=int(end.lstrip("+")))
            slot["valid_until"] = limit - datetime.timedelta(days=(limit.weekday() - weekday) % 7)
        else:
            until = _next_month_day(end, today)
            since = datetime.date(until.year, *(int(p) for p in start.split("-")))
            slot["valid_from"], slot["valid_until"] = since, until
    return slot


def localised_date(day, code, fmt="j F Y"):
    with translation.override(code):
        return date_format(day, fmt)


# the command ---------------------------------------------------------------------------------


class Command(BaseCommand):
    help = "Load the demo content of De Deelfabriek (safe to run again: nothing is duplicated)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--quiet", action="store_true", help="Print only the log-ins, no progress."
        )
        parser.add_argument(
            "--synthetic",
            type=int,
            default=0,
            metavar="N",
            help="Also add N synthetic catalogue items (Dutch only), for scale tests.",
        )

    def say(self, message):
        if not self.quiet:
            self.stdout.write(message)

    def handle(self, *args, quiet=False, synthetic=0, **options):
        if synthetic < 0 or synthetic > 1_000_000:
            raise CommandError("--synthetic takes a number of items between 0 and 1,000,000.")
        self.quiet = quiet
        started = time.monotonic()
        self.today = timezone.localdate()
        self.unregistered = []
        self.pages = {}  # slug -> Dutch page, for the "@slug" links in bodies
        with transaction.atomic():
            self.load()
            accounts = self.users()
        self.catalogue(synthetic)
        demo_members.build_members(self.today, PASSWORD, say=self.say, warn=self.stderr.write)
        self.summary(time.monotonic() - started)
        self.print_logins(accounts, demo_members.logins())

    def load(self):
        self.locales = {}
        created = []
        for code in LANGUAGES:
            self.locales[code], new = Locale.objects.get_or_create(language_code=code)
            if new:
                created.append(code)
        self.say(
            f"locales: {', '.join(LANGUAGES)} "
            + (f"(created {', '.join(created)})" if created else "already loaded")
        )
        self.load_images()
        home = self.home_page()
        index = self.simple_page(
            home, InitiativeIndexPage, demo_pages.INDEXES["initiatives"], "initiatives overview"
        )
        for data in demo_pages.CONTENT_PAGES:
            self.content_page(home, data)
        news_index = self.simple_page(
            home, NewsIndexPage, demo_pages.INDEXES["news"], "news overview"
        )
        for data in demo_pages.NEWS:
            self.news_page(news_index, data)
        for number, data in enumerate(INITIATIVES, start=1):
            self.initiative(index, data, number)
        self.site_settings(home)

    # the catalogue ------------------------------------------------------------------------

    def catalogue(self, synthetic):
        locales = {code: Locale.objects.get(language_code=code) for code in LANGUAGES}
        home = HomePage.objects.get(locale=locales["nl"], depth=2)
        self.simple_page(home, CatalogueIndexPage, demo_catalogue.CATALOGUE_PAGE, "catalogue")
        initiatives = {
            page.slug: page
            for page in InitiativePage.objects.filter(locale=locales["nl"], lends_items=True)
        }
        demo_catalogue.build_items(initiatives, locales, say=self.say)
        if synthetic:
            demo_catalogue.build_synthetic(synthetic, initiatives, locales, say=self.say)

    # images -------------------------------------------------------------------------------

    def load_images(self):
        root = Collection.get_first_root_node()
        self.images = {}
        made = 0
        for key, (title, colour, building) in demo_pages.IMAGES.items():
            self.images[key], new = demo_image(title, colour, root, building=building)
            made += new
        self.say(
            f"images of the building and the news: {made} drawn"
            if made
            else "images of the building and the news: already loaded"
        )

    # bodies -------------------------------------------------------------------------------

    def stream(self, key, blocks, code):
        """StreamField data with block ids that are the same in every language."""

        def block_id(*parts):
            return str(uuid.uuid5(BLOCK_IDS, "/".join(str(p) for p in (key, *parts))))

        data = []
        for index, (kind, value) in enumerate(blocks):
            value = dict(value) if isinstance(value, dict) else value
            if kind == "image":
                value["image"] = self.images[value["image"].lstrip("@")].pk
            elif kind == "call_to_action":
                value["page"] = self.link(value["page"].lstrip("@"), code).pk
            elif kind == "faq":
                value["items"] = [
                    {"type": "item", "value": item, "id": block_id(index, number)}
                    for number, item in enumerate(value["items"])
                ]
            data.append({"type": kind, "value": value, "id": block_id(index)})
        return data

    def link(self, slug, code):
        page = self.pages.get(slug)
        if page is None:
            raise CommandError(
                f"A demo page links to {slug!r}, which must come earlier in home/demo/."
            )
        if code == "nl":
            return page
        return page.get_translation_or_none(self.locales[code]) or page

    def bodies(self, key, body):
        """A function giving the body in a language; checks that all languages match."""
        reference = shape(body["nl"])
        for code in TRANSLATIONS:
            if shape(body[code]) != reference:
                raise CommandError(f"The {code} body of {key} does not have the Dutch shape.")
        return lambda code: self.stream(key, body[code], code)

    # pages --------------------------------------------------------------------------------

    def publish(self, page):
        page.save_revision().publish()

    def ensure(self, parent, model, slug, label, build, translate, after_add=None):
        """The Dutch page `slug` under `parent`, with its translations; made when missing.

        `build()` returns the unsaved Dutch page; `after_add(page)` may complete it once it
        is in the tree; `translate(page, code)` writes the texts of a fresh copy in `code`.
        """
        page = model.objects.child_of(parent).filter(slug=slug).first()
        report = []
        if page is None:
            page = build()
            parent.add_child(instance=page)
            if after_add is not None:
                after_add(page)
            self.publish(page)
            page = model.objects.get(pk=page.pk)
            report.append("nl")
        self.pages[slug] = page
        for code in TRANSLATIONS:
            locale = self.locales[code]
            translated = page.get_translation_or_none(locale)
            if translated is None:
                translated = page.copy_for_translation(locale, copy_parents=True, alias=False)
                translate(translated, code)
                self.publish(translated)
                report.append(code)
            if not is_registered(page, locale):
                missing = register_translation(page, translated)
                if missing:
                    self.unregistered.append(f"{translated.url_path} ({missing} sentences)")
        if report:
            self.say(f"{label}: {page.title} – created ({', '.join(report)})")
        else:
            self.say(f"{label}: {page.title} – already loaded")
        return page

    @staticmethod
    def set_texts(page, texts, code):
        for name, value in texts.items():
            setattr(page, name, value(code) if callable(value) else value[code])

    @staticmethod
    def set_child_texts(children, texts_by_key, code):
        """Write the translated texts of copied inline objects, matched by translation key."""
        for child in children:
            texts = texts_by_key.get(child.translation_key)
            if texts is None:
                continue
            for name, value in texts.items():
                setattr(child, name, value.get(code, value.get("nl", "")))
            child.save()

    def home_page(self):
        data = demo_pages.HOME
        nl = self.locales["nl"]
        root = Page.get_first_root_node()
        body = self.bodies("home", data["body"])
        exceptions = [self.exception(spec) for spec in demo_pages.BUILDING_EXCEPTIONS]

        def build():
            # Wagtail's "Welcome to your new Wagtail site!" page goes; the site moves over.
            welcome = root.get_children().filter(
                content_type=ContentType.objects.get_for_model(Page), numchild=0
            )
            Site.objects.filter(root_page__in=welcome).update(root_page=root)
            for page in welcome:
                page.delete()
            return HomePage(
                slug=data["slug"],
                locale=nl,
                title=data["title"]["nl"],
                intro=data["intro"]["nl"],
                hero_image=self.images[data["image"]],
                body=body("nl"),
                building_slots=[
                    BuildingOpeningSlot(sort_order=i, **parse_slot(slot, self.today))
                    for i, slot in enumerate(demo_pages.BUILDING_HOURS)
                ],
                building_exceptions=[
                    BuildingOpeningException(sort_order=i, locale=nl, **fields)
                    for i, (fields, _reasons) in enumerate(exceptions)
                ],
            )

        def translate(page, code):
            self.set_texts(page, {"title": data["title"], "intro": data["intro"]}, code)
            page.body = body(code)
            self.set_child_texts(
                page.building_exceptions.all(),
                self.child_reasons(self.pages[data["slug"]], exceptions),
                code,
            )

        home = self.ensure(root, HomePage, data["slug"], "home page", build, translate)
        self.site(home)
        return home

    def child_reasons(self, page, exceptions):
        """Translated reasons of the Dutch page's exceptions, keyed by translation key."""
        relation = "building_exceptions" if isinstance(page, HomePage) else "opening_exceptions"
        children = list(getattr(page, relation).order_by("sort_order", "pk"))
        return {
            child.translation_key: {"reason": reasons}
            for child, (_fields, reasons) in zip(children, exceptions, strict=False)
        }

    def exception(self, spec):
        """(model fields in Dutch, reasons by language) of an exception in the demo data."""
        start = relative_date(spec["start"], self.today)
        end = None
        if "end" in spec:
            end = _next_month_day(spec["end"].split()[1], start)
        elif spec.get("days", 1) > 1:
            end = start + datetime.timedelta(days=spec["days"] - 1)
        fields = {
            "start_date": start,
            "end_date": end,
            "closed": spec["closed"],
            "opens": parse_time(spec["opens"]) if "opens" in spec else None,
            "closes": parse_time(spec["closes"]) if "closes" in spec else None,
            "reason": spec["reason"]["nl"],
        }
        return fields, spec["reason"]

    def site(self, home):
        site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
        wanted = {
            "hostname": "localhost",
            "port": 80,
            "root_page_id": home.pk,
            "is_default_site": True,
            "site_name": "De Deelfabriek",
        }
        if site is None:
            Site.objects.create(**wanted)
            self.say("site: localhost:80 – created")
        elif any(getattr(site, name) != value for name, value in wanted.items()):
            for name, value in wanted.items():
                setattr(site, name, value)
            site.save()
            self.say("site: localhost:80 – now shows the home page")
        else:
            self.say("site: localhost:80 – already loaded")

    def simple_page(self, parent, model, data, label):
        def build():
            return model(
                slug=data["slug"],
                locale=self.locales["nl"],
                title=data["title"]["nl"],
                intro=data["intro"]["nl"],
                show_in_menus=True,
            )

        def translate(page, code):
            self.set_texts(page, {"title": data["title"], "intro": data["intro"]}, code)

        return self.ensure(parent, model, data["slug"], label, build, translate)

    def content_page(self, home, data):
        body = self.bodies(f"content/{data['slug']}", data["body"])

        def build():
            return ContentPage(
                slug=data["slug"],
                locale=self.locales["nl"],
                title=data["title"]["nl"],
                intro=data["intro"]["nl"],
                body=body("nl"),
                show_in_menus=True,
            )

        def translate(page, code):
            self.set_texts(
                page, {"title": data["title"], "intro": data["intro"], "body": body}, code
            )

        return self.ensure(home, ContentPage, data["slug"], "content page", build, translate)

    def news_page(self, index, data):
        body = self.bodies(f"news/{data['slug']}", data["body"])

        def build():
            return NewsPage(
                slug=data["slug"],
                locale=self.locales["nl"],
                date=datetime.date.fromisoformat(data["date"]),
                title=data["title"]["nl"],
                intro=data["intro"]["nl"],
                image=self.images[data["image"]],
                body=body("nl"),
            )

        def translate(page, code):
            self.set_texts(
                page, {"title": data["title"], "intro": data["intro"], "body": body}, code
            )

        return self.ensure(index, NewsPage, data["slug"], "news", build, translate)

    # initiatives --------------------------------------------------------------------------

    def initiative(self, index, data, number):
        nl = self.locales["nl"]
        slots = [parse_slot(text, self.today) for text in data["hours"] + data.get("seasonal", [])]
        stop = min(
            (s["valid_until"] for s in slots if "valid_until" in s and "valid_from" not in s),
            default=None,
        )

        def text(value):
            """A text in every language, with {stop} filled in."""
            if stop is None:
                return value
            return {code: value[code].format(stop=localised_date(stop, code)) for code in value}

        texts = {
            "title": data["title"],
            "intro": text(data["intro"]),
            "offers": data["offers"],
            "location_in_building": data["place"],
            "tariff_note": text(data.get("tariff_note", dict.fromkeys(LANGUAGES, ""))),
            "hours_note": text(data.get("hours_note", dict.fromkeys(LANGUAGES, ""))),
        }
        body_data = data.get("body") or (
            LENDING_BODY if data.get("lending", {}).get("lends_items") else None
        )
        body = (
            self.bodies(f"initiative/{data['slug']}", body_data) if body_data else (lambda code: [])
        )
        exceptions = [self.exception(spec) for spec in data.get("exceptions", [])]

        def build():
            page = InitiativePage(
                slug=data["slug"],
                locale=nl,
                contact_name=f"Team {data['title']['nl']}",
                contact_email=f"{data['slug']}@deelfabriek.example",
                contact_phone=f"056 00 01 {number:02d}",
                body=body("nl"),
                opening_slots=[OpeningSlot(sort_order=i, **slot) for i, slot in enumerate(slots)],
                opening_exceptions=[
                    OpeningException(sort_order=i, locale=nl, **fields)
                    for i, (fields, _reasons) in enumerate(exceptions)
                ],
                plans=[
                    MembershipPlan(sort_order=i, locale=nl, **self.plan_fields(plan))
                    for i, plan in enumerate(data["plans"])
                ],
                **data.get("lending", {}),
            )
            self.set_texts(page, texts, "nl")
            return page

        def translate(page, code):
            self.set_texts(page, {**texts, "body": body}, code)
            source = self.pages[data["slug"]]
            plans = list(source.plans.order_by("sort_order", "pk"))
            self.set_child_texts(
                page.plans.all(),
                {
                    plan.translation_key: {
                        "name": spec["name"],
                        "duration": spec["duration"],
                        "description": spec["description"],
                    }
                    for plan, spec in zip(plans, data["plans"], strict=False)
                },
                code,
            )
            self.set_child_texts(
                page.opening_exceptions.all(), self.child_reasons(source, exceptions), code
            )

        def after_add(page):
            # The volunteer team and its image collection exist once the page is saved.
            team = VolunteerTeam.objects.get(translation_key=page.translation_key)
            page.image, _new = demo_image(data["title"]["nl"], data["colour"], team.collection)

        page = self.ensure(
            index, InitiativePage, data["slug"], "initiative", build, translate, after_add
        )
        for event in data.get("events", []):
            self.events(page, event)
        return page

    @staticmethod
    def plan_fields(plan):
        def money(value):
            return None if value is None else Decimal(value)

        return {
            "name": plan["name"]["nl"],
            "duration": plan["duration"]["nl"],
            "duration_months": plan["months"],
            "standard_price": money(plan["price"]),
            "social_price": money(plan["social"]),
            "deposit": money(plan["deposit"]),
            "social_deposit": money(plan.get("social_deposit")),
            "description": plan["description"].get("nl", ""),
        }

    def event_dates(self, spec):
        if "monthly" in spec:
            nth, weekday = (int(part) for part in spec["monthly"].split())
            this_month = self.today.replace(day=1)
            days = [nth_weekday(add_months(this_month, m), nth, weekday) for m in range(-1, 8)]
            past = (
                [d for d in days if d < self.today][-spec.get("past", 0) :]
                if spec.get("past")
                else []
            )
            upcoming = [d for d in days if d >= self.today][: spec["count"]]
            return past + upcoming
        return [relative_date(spec["date"], self.today)]

    def events(self, initiative, spec):
        tz = timezone.get_current_timezone()
        start, end = (parse_time(t) for t in spec["time"].split("-"))
        for day in self.event_dates(spec):
            slug = f"{spec['slug']}-{day.isoformat()}"

            def titled(code, day=day):
                return f"{spec['title'][code]} – {localised_date(day, code, 'j F')}"

            def build(day=day, slug=slug):
                return EventPage(
                    slug=slug,
                    locale=self.locales["nl"],
                    title=titled("nl"),
                    start=datetime.datetime.combine(day, start, tzinfo=tz),
                    end=datetime.datetime.combine(day, end, tzinfo=tz),
                    intro=spec["intro"]["nl"],
                    location=spec["location"]["nl"],
                    registration_required=spec.get("registration_required", False),
                )

            def translate(page, code, titled=titled):
                page.title = titled(code)
                page.intro = spec["intro"][code]
                page.location = spec["location"][code]

            self.ensure(initiative, EventPage, slug, "  event", build, translate)

    # settings and users -------------------------------------------------------------------

    def site_settings(self, home):
        site = Site.objects.get(root_page=home)
        settings = SiteSettings.for_site(site)
        changed = []
        for name, value in demo_pages.SITE.items():
            if name != "name" and not getattr(settings, name):
                setattr(settings, name, value)
                changed.append(name)
        if settings.tariffs_page_id is None and "tarieven" in self.pages:
            settings.tariffs_page = self.pages["tarieven"]
            changed.append("tariffs_page")
        if changed:
            settings.save()
            self.say(f"site settings: {', '.join(changed)} – set")
        else:
            self.say("site settings: already loaded")

    def users(self):
        User = get_user_model()
        password = make_password(PASSWORD)  # hashed once: every demo account shares it
        accounts = []
        made = []

        def account(username, first_name, last_name, group, description):
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User(
                    username=username,
                    email=f"{username}@deelfabriek.example",
                    first_name=first_name,
                    last_name=last_name,
                    password=password,
                )
                user.save()
                profile = UserProfile.get_for_user(user)
                profile.preferred_language = "nl"
                profile.save()
                made.append(username)
            if not user.groups.filter(pk=group.pk).exists():
                user.groups.add(group)
            accounts.append((username, description))

        coordination = ensure_coordination_group()
        account(
            "coordinator", "Charlotte", "Coördinator (demo)", coordination, "coördinatie: alles"
        )
        for data in INITIATIVES:
            page = self.pages[data["slug"]]
            team = VolunteerTeam.objects.select_related("group").get(
                translation_key=page.translation_key
            )
            account(
                f"vrijwilliger-{data['slug']}",
                "Vrijwilliger",
                f"{data['title']['nl']} (demo)",
                team.group,
                f"vrijwilliger: {data['title']['nl']}",
            )
        self.say(f"users: {len(made)} created" if made else "users: already loaded")
        return accounts

    # report -------------------------------------------------------------------------------

    def summary(self, seconds):
        counts = ", ".join(
            f"{code} {Page.objects.filter(locale=self.locales[code], depth__gt=1).count()}"
            for code in LANGUAGES
        )
        self.say(
            f"pages per language: {counts}; images: {get_image_model().objects.count()}; "
            f"users: {get_user_model().objects.count()} ({seconds:.1f} s)"
        )
        if self.unregistered:
            self.stderr.write(
                "Not registered with wagtail-localize (made by an older demo, the languages "
                "differ in shape; they remain plain, editable pages): "
                + ", ".join(self.unregistered)
            )

    def print_logins(self, accounts, members=()):
        self.stdout.write("")
        self.stdout.write(f"Demo log-ins at {ADMIN_URL} (password for every account: {PASSWORD})")
        for username, description in accounts:
            self.stdout.write(f"  {username:<32} {description}")
        if not members:
            return
        self.stdout.write("")
        self.stdout.write(
            f"Member log-ins at {demo_members.login_url()} (e-mail address, same password)"
        )
        width = max(32, *(len(login.email) + 1 for login in members))
        for login in members:
            self.stdout.write(f"  {login.email:<{width}} {login.describe()}")
