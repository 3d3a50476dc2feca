"""One import point for the tests' factories, and the small site that spans the apps.

Each app's factories live with its tests (``tests/<app>/factories.py``: core for users,
languages and publishing); they are named here too, so that a test writes
``factories.build_item(...)`` whatever app it is about. ``build_site_tree()`` builds one page
of every type in each language.
"""

from dataclasses import dataclass

from home.models import ContentPage, HomePage, NewsIndexPage, NewsPage
from initiatives.models import EventPage, InitiativeIndexPage, InitiativePage
from tests.catalogue.factories import build_category, build_item
from tests.core.factories import (
    LANGUAGES,
    UserFactory,
    coordinator,
    locales,
    publish,
    translate,
    volunteer_of,
)
from tests.home.factories import (
    ContentPageFactory,
    HomePageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    build_content_page,
    build_home,
    build_news,
)
from tests.initiatives.factories import (
    DEFAULT_PLANS,
    DEFAULT_SLOTS,
    EventPageFactory,
    InitiativeIndexPageFactory,
    InitiativePageFactory,
    MembershipPlanFactory,
    OpeningExceptionFactory,
    OpeningSlotFactory,
    build_event,
    build_index,
    build_initiative,
)
from tests.members.factories import MemberFactory, MembershipFactory

__all__ = [
    "DEFAULT_PLANS",
    "DEFAULT_SLOTS",
    "LANGUAGES",
    "ContentPageFactory",
    "EventPageFactory",
    "HomePageFactory",
    "InitiativeIndexPageFactory",
    "InitiativePageFactory",
    "MemberFactory",
    "MembershipFactory",
    "MembershipPlanFactory",
    "NewsIndexPageFactory",
    "NewsPageFactory",
    "OpeningExceptionFactory",
    "OpeningSlotFactory",
    "Tree",
    "UserFactory",
    "build_category",
    "build_content_page",
    "build_event",
    "build_home",
    "build_index",
    "build_initiative",
    "build_item",
    "build_news",
    "build_site_tree",
    "coordinator",
    "locales",
    "publish",
    "translate",
    "volunteer_of",
]


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
