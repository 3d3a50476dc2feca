"""Factories for every model the public site shows, and builders for a small page tree.

The page factories only create pages; `publish()` gives them a published revision the way
the admin does, and `translate()` copies a page (and any missing parents) into another
language and publishes the copy.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import factory
import wagtail_factories

from django.contrib.auth import get_user_model
from django.utils import timezone

from wagtail.models import Locale, Page, Site

from home.models import ContentPage, HomePage, NewsIndexPage, NewsPage
from initiatives.models import (
    EventPage,
    InitiativeIndexPage,
    InitiativePage,
    MembershipPlan,
    OpeningException,
    OpeningSlot,
)

LANGUAGES = ("nl", "fr", "en")


def _time(value):
    return value if isinstance(value, datetime.time) else datetime.time.fromisoformat(value)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "secret-pass-123")

    @factory.post_generation
    def groups(self, create, groups, **kwargs):
        if groups:
            self.groups.add(*groups)
        self.save()

    @factory.post_generation
    def admin_language(self, create, language, **kwargs):
        """The admin interface language, e.g. `UserFactory(admin_language="en")`."""
        if language:
            from wagtail.users.models import UserProfile

            profile = UserProfile.get_for_user(self)
            profile.preferred_language = language
            profile.save()


def volunteer_of(page, client=None, **fields):
    """A volunteer in the team of this initiative (English admin), logged in on ``client``."""
    from initiatives.models import VolunteerTeam

    group = VolunteerTeam.objects.get(translation_key=page.translation_key).group
    user = UserFactory(groups=[group], admin_language="en", **fields)
    if client is not None:
        client.force_login(user)
    return user


def coordinator(client=None, **fields):
    """A member of the city's coordination group (English admin), logged in on ``client``."""
    from initiatives.teams import ensure_coordination_group

    user = UserFactory(groups=[ensure_coordination_group()], admin_language="en", **fields)
    if client is not None:
        client.force_login(user)
    return user


# Pages ------------------------------------------------------------------------------------


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Welkom in De Deelfabriek"
    slug = "home"
    intro = "Delen in Kortrijk"


class InitiativeIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = InitiativeIndexPage

    title = "Initiatieven"
    slug = "initiatieven"
    show_in_menus = True


class InitiativePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = InitiativePage

    title = factory.Sequence(lambda n: f"Initiatief {n}")
    intro = factory.LazyAttribute(lambda page: f"Wat {page.title} doet")
    contact_email = "team@example.org"
    contact_phone = "056 11 22 33"
    location_in_building = "Unit 3"


class EventPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EventPage

    title = factory.Sequence(lambda n: f"Repair Café {n}")
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    end = factory.LazyAttribute(lambda event: event.start + datetime.timedelta(hours=3))
    intro = "Samen herstellen"
    location = "Markthal"


class ContentPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ContentPage

    title = "Tarieven"
    slug = "tarieven"
    intro = "Standaard en sociaal tarief"
    show_in_menus = True
    body = factory.LazyFunction(
        lambda: [{"type": "paragraph", "value": "<p>Het sociaal tarief is de helft.</p>"}]
    )


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsIndexPage

    title = "Nieuws"
    slug = "nieuws"


class NewsPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsPage

    title = factory.Sequence(lambda n: f"Nieuwsbericht {n}")
    date = datetime.date(2026, 11, 2)
    intro = "Nieuws uit de Deelfabriek"


# Inline rows of an initiative ------------------------------------------------------------


class OpeningSlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningSlot

    weekday = 0
    opens = datetime.time(9)
    closes = datetime.time(12)


class OpeningExceptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningException

    locale = factory.LazyAttribute(lambda exception: exception.page.locale)
    start_date = datetime.date(2026, 11, 18)
    closed = True
    reason = "Inventaris"


class MembershipPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MembershipPlan

    locale = factory.LazyAttribute(lambda plan: plan.page.locale)
    name = "Jaarabonnement"
    duration = "1 jaar"
    standard_price = Decimal("20")
    social_price = Decimal("10")
    deposit = Decimal("40")


# Builders ---------------------------------------------------------------------------------


def locales():
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES}


def publish(page):
    """Publish the page's current state as a revision, as the admin's publish button does."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def build_home(**fields):
    """A Dutch home page as the default site's root, replacing Wagtail's welcome page."""
    locale = locales()["nl"]
    root = Page.get_first_root_node()
    root.get_children().exclude(locale__language_code__in=LANGUAGES[1:]).delete()
    home = HomePageFactory(parent=root, locale=locale, **fields)
    publish(home)
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True)
    return home


def build_index(home):
    return publish(InitiativeIndexPageFactory(parent=home))


DEFAULT_SLOTS = (("0", "09:00", "12:00"), ("2", "14:00", "18:00"))
DEFAULT_PLANS = (("Jaarabonnement", "20", "10", "40"),)


def build_initiative(
    index,
    title=None,
    slots=DEFAULT_SLOTS,
    exceptions=(),
    plans=DEFAULT_PLANS,
    live_revision=True,
    **fields,
):
    """An initiative with weekly slots (weekday, opens, closes[, valid_from[, valid_until]]),
    exceptions (dicts of OpeningException fields) and plans (name, standard, social, deposit).
    """
    if title:
        fields["title"] = title
    page = InitiativePageFactory(parent=index, **fields)
    for weekday, opens, closes, *season in slots:
        OpeningSlotFactory(
            page=page,
            weekday=int(weekday),
            opens=_time(opens),
            closes=_time(closes),
            valid_from=season[0] if season else None,
            valid_until=season[1] if len(season) > 1 else None,
        )
    for exception in exceptions:
        OpeningExceptionFactory(page=page, **exception)
    for name, standard, social, deposit in plans:
        MembershipPlanFactory(
            page=page,
            name=name,
            standard_price=Decimal(standard),
            social_price=Decimal(social),
            deposit=Decimal(deposit) if deposit else None,
        )
    return publish(page) if live_revision else page


def build_event(initiative, title=None, start=None, hours=3, live_revision=True):
    start = start or timezone.now() + datetime.timedelta(days=7)
    fields = {"title": title} if title else {}
    event = EventPageFactory(
        parent=initiative, start=start, end=start + datetime.timedelta(hours=hours), **fields
    )
    return publish(event) if live_revision else event


def build_content_page(parent, title="Tarieven", slug="tarieven"):
    return publish(ContentPageFactory(parent=parent, title=title, slug=slug))


def build_news(home):
    index = publish(NewsIndexPageFactory(parent=home))
    article = publish(
        NewsPageFactory(
            parent=index,
            title="Europese prijs voor de Deelfabriek",
            slug="europese-prijs",
            date=datetime.date(2026, 11, 2),
        )
    )
    return index, article


def translate(page, code, **fields):
    """The page in another language, published; parents missing in that language are
    copied and published first."""
    locale = locales()[code]
    page = page.specific_class.objects.get(pk=page.pk)
    translated = page.copy_for_translation(locale, copy_parents=True)
    for ancestor in translated.get_ancestors().filter(depth__gt=1, live=False).specific():
        publish(ancestor)
    for name, value in fields.items():
        setattr(translated, name, value)
    return publish(translated)


@dataclass
class Tree:
    """One language's pages of the small site built by `build_site_tree()`."""

    home: HomePage
    index: InitiativeIndexPage
    initiative: InitiativePage
    event: EventPage
    content: ContentPage
    news_index: NewsIndexPage
    news: NewsPage


def build_site_tree(languages=LANGUAGES):
    """One page of every type in Dutch, translated (with a marked title) into `languages`."""
    home = build_home()
    index = build_index(home)
    initiative = build_initiative(index, "Gereedschapsbib")
    event = build_event(initiative, "Repair Café")
    content = build_content_page(home)
    news_index, news = build_news(home)
    trees = {"nl": Tree(home, index, initiative, event, content, news_index, news)}
    for code in languages:
        if code == "nl":
            continue
        pages = [
            translate(page, code, title=f"{page.title} [{code}]")
            for page in (home, index, initiative, event, content, news_index, news)
        ]
        trees[code] = Tree(*pages)
    return trees


# The catalogue ------------------------------------------------------------------------------


def build_category(name, slug, parent=None, icon="box", translations=None):
    """A Dutch category and its translations ({"fr": "Outils", ...}), parents first."""
    from catalogue.models import Category

    category = Category.objects.create(
        name=name, slug=slug, parent=parent, icon=icon, locale=locales()["nl"]
    )
    for code, translated_name in (translations or {}).items():
        copy = category.copy_for_translation(locales()[code])
        copy.name = translated_name
        copy.save()
    return category


def build_item(initiative, category, name, code, translations=None, **fields):
    """A live Dutch item and its translations ({"fr": {"name": ..., "description": ...}})."""
    from catalogue.models import Item

    item = Item.objects.create(
        initiative=initiative,
        category=category,
        name=name,
        code=code,
        locale=locales()["nl"],
        live=True,
        **fields,
    )
    for language, values in (translations or {}).items():
        copy = item.copy_for_translation(locales()[language])
        for field, value in values.items():
            setattr(copy, field, value)
        copy.save()
    return item


# Members ----------------------------------------------------------------------------------


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "members.Member"

    user = factory.SubFactory(
        UserFactory,
        first_name=factory.Sequence(lambda n: f"Lid{n}"),
        last_name="Janssens",
    )
    phone = "0470 12 34 56"
    postal_code = "8500"
    preferred_language = "nl"


class MembershipFactory(factory.django.DjangoModelFactory):
    """A year's membership from `start` (pass the default-language initiative)."""

    class Meta:
        model = "members.Membership"

    member = factory.SubFactory(MemberFactory)
    start = datetime.date(2026, 1, 1)
    end = factory.LazyAttribute(
        lambda membership: (
            membership.start.replace(year=membership.start.year + 1) - datetime.timedelta(days=1)
        )
    )
    tariff = "standard"
