"""What one run of load_demo shares while it builds pages, and the one way a page is made.

A `DemoLoader` holds the locales, the drawn images and the Dutch pages made so far (by slug,
for the "@slug" links in bodies). `ensure` makes a Dutch page with its French and English
translations when it is missing, leaves it alone when it exists, and registers the
translations with wagtail-localize (demo/localize.py). The page builders in demo/site.py and
demo/initiative_pages.py all go through it.
"""

import uuid

from django.core.management.base import CommandError
from django.utils.text import slugify

from wagtail.coreutils import find_available_slug
from wagtail.models import Collection, Locale

from demo import pages as demo_pages
from demo.blocks import shape
from demo.dates import exception_fields
from demo.images import demo_image
from demo.localize import is_registered, register_translation
from home.models import HomePage

LANGUAGES = ("nl", "fr", "en")
TRANSLATIONS = ("fr", "en")
BLOCK_IDS = uuid.UUID("6f1d3c52-4b0e-4d8e-9a57-0d3e1f6c2b10")


class DemoLoader:
    def __init__(self, today, say):
        self.today = today
        self.say = say
        self.locales = {}
        self.images = {}
        self.pages = {}  # slug -> Dutch page, for the "@slug" links in bodies
        self.unregistered = []  # translations wagtail-localize could not take, for the summary

    # locales and images -------------------------------------------------------------------

    def load_locales(self):
        created = []
        for code in LANGUAGES:
            self.locales[code], new = Locale.objects.get_or_create(language_code=code)
            if new:
                created.append(code)
        self.say(
            f"locales: {', '.join(LANGUAGES)} "
            + (f"(created {', '.join(created)})" if created else "already loaded")
        )

    def load_images(self):
        root = Collection.get_first_root_node()
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
                f"A demo page links to {slug!r}, which must come earlier in the demo data "
                "(demo/pages.py, then demo/initiatives.py)."
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

    @staticmethod
    def publish(page):
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
            if self.ensure_translation(page, code, translate):
                report.append(code)
        if report:
            self.say(f"{label}: {page.title} – created ({', '.join(report)})")
        else:
            self.say(f"{label}: {page.title} – already loaded")
        return page

    def ensure_translation(self, page, code, translate):
        """Make the translation of `page` in `code` when missing; True when it was made."""
        locale = self.locales[code]
        translated = page.get_translation_or_none(locale)
        made = translated is None
        if made:
            translated = page.copy_for_translation(locale, copy_parents=True, alias=False)
            translate(translated, code)
            wanted = demo_pages.TRANSLATED_SLUGS.get(page.slug, {}).get(code)
            translated.slug = translated_slug(translated, wanted)
            self.publish(translated)
        if not is_registered(page, locale):
            missing = register_translation(page, translated)
            if missing:
                self.unregistered.append(f"{translated.url_path} ({missing} sentences)")
        return made

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

    # opening exceptions -------------------------------------------------------------------

    def exception(self, spec):
        """(model fields in Dutch, reasons by language) of an exception in the demo data."""
        return exception_fields(spec, self.today)

    @staticmethod
    def child_reasons(page, exceptions):
        """Translated reasons of the Dutch page's exceptions, keyed by translation key."""
        relation = "building_exceptions" if isinstance(page, HomePage) else "opening_exceptions"
        children = list(getattr(page, relation).order_by("sort_order", "pk"))
        return {
            child.translation_key: {"reason": reasons}
            for child, (_fields, reasons) in zip(children, exceptions, strict=False)
        }


def translated_slug(page, wanted=None):
    """The address of a translation reads in its language: its slug is `wanted` or comes from
    its translated title ("/fr/initiatives/bebetheque/", "/en/catalogue/"); wagtail-localize
    keeps a translation's slug as one of its translated strings, so syncing later does not
    undo it. A home page keeps its slug (the language code is its address)."""
    if page.depth <= 2:
        return page.slug
    slug = slugify(wanted or page.title) or page.slug
    return find_available_slug(page.get_parent(), slug, ignore_page_id=page.pk)
