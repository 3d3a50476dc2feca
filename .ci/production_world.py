"""Content for the production run (.ci/production.py), made as an editor would have made it.

python .ci/production_world.py lending <image title>   an initiative that lends, an item with
    that uploaded photo, a member with a password; prints JSON with the addresses to use
python .ci/production_world.py scheduled               a news page saved with a go-live time
    that has passed (not published: the scheduler must publish it); prints its address
python .ci/production_world.py mails                   the outbox rows as JSON
"""

import datetime
import json
import os
import sys
from pathlib import Path

sys.path.insert(1, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "deelfabriek.settings.production")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.utils import timezone  # noqa: E402

from wagtail.images import get_image_model  # noqa: E402

from catalogue.models import ItemImage  # noqa: E402
from home.models import CatalogueIndexPage, HomePage  # noqa: E402
from lending.models import OutgoingMail  # noqa: E402
from tests import factories  # noqa: E402

PASSWORD = os.environ["WORLD_PASSWORD"]
EVERY_DAY = tuple((str(day), "08:00", "22:00") for day in range(7))


def home():
    return HomePage.objects.get(locale__language_code="nl")


def catalogue():
    """The catalogue page that setup_site made (or one, if it made none)."""
    page = CatalogueIndexPage.objects.live().filter(locale__language_code="nl").first()
    if page is None:
        page = home().add_child(instance=CatalogueIndexPage(title="Catalogus", slug="catalogus"))
        factories.publish(page)
    return page


def lending(image_title):
    index = factories.build_index(home())
    initiative = factories.build_initiative(
        index,
        title="Instrumentheek",
        slug="instrumentheek",
        slots=EVERY_DAY,
        lends_items=True,
        reservations_enabled=True,
        auto_confirm=True,
        requires_membership=False,
        max_loan_days=14,
    )
    category = factories.build_category("Boren", "boren")
    image = get_image_model().objects.get(title=image_title)
    item = factories.build_item(initiative, category, "Klopboormachine", "IN-0001", loan_days=7)
    ItemImage.objects.create(item=item, image=image, sort_order=0)
    user = get_user_model().objects.create_user(
        username="an.production", email="an@deelfabriek.example", password=PASSWORD
    )
    factories.MemberFactory(user=user)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    return {
        "item_url": catalogue().item_url(item),
        "item_id": item.pk,
        "member_email": user.email,
        "pickup": tomorrow.isoformat(),
        "return": (tomorrow + datetime.timedelta(days=3)).isoformat(),
    }


def scheduled():
    page = factories.NewsIndexPageFactory(parent=home(), title="Nieuws", slug="nieuws")
    factories.publish(page)
    news = factories.NewsPageFactory(
        parent=page, title="Repair café in december", slug="repair-cafe-december", live=False
    )
    revision = news.save_revision()
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    revision.save(update_fields=["approved_go_live_at"])
    news.live = False
    news.save(update_fields=["live"])
    return {"path": "/nl/nieuws/repair-cafe-december/"}


def mails():
    return [
        {
            "kind": row.kind,
            "status": row.status,
            "attempts": row.attempts,
            "next_attempt_at": row.next_attempt_at.isoformat() if row.next_attempt_at else None,
            "last_error": row.last_error,
        }
        for row in OutgoingMail.objects.order_by("pk")
    ]


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    result = {"lending": lending, "scheduled": scheduled, "mails": mails}[command](*args)
    print(json.dumps(result))
