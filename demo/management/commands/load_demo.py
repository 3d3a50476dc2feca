"""Build the demo site of De Deelfabriek: pages in Dutch with French and English translations,
opening hours, tariffs, events, illustrations, site settings, the catalogue, demo accounts for
staff, and demo members with their memberships and reservations (demo/members.py).

Idempotent. Everything is looked up before it is made (pages by slug under their parent and by
translation key, images by title and collection, users by username, members by e-mail,
reservations by member and item), and what exists is left as it is: a second run reports
"already loaded" and writes nothing, so edits made in the admin survive. The only things a later
run adds are events that have come into its window (the Repair Café's monthly sessions for the
coming months), so there are always upcoming events. Dates of the demo reservations are relative
to the day of the first load and are not moved by later runs.

Translations are real texts (the data modules of demo/), made with copy_for_translation and then
registered with wagtail-localize (demo/localize.py) so that editors can sync them from the admin.
Slugs are the same in every language (wagtail-localize synchronises them): /nl/initiatieven/
instrumentheek/ is /fr/initiatieven/instrumentheek/ in French.

This module reads the options, runs the steps and prints the report; the steps live in the demo
app: demo/loader.py (how a page is made), demo/site.py, demo/initiative_pages.py,
demo/accounts.py, demo/catalogue.py and demo/members.py.
"""

import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from wagtail.images import get_image_model
from wagtail.models import Page

from demo import initiative_pages, site
from demo import members as demo_members
from demo import waiting as demo_waiting
from demo.accounts import ADMIN_URL, PASSWORD, staff_accounts
from demo.loader import LANGUAGES, DemoLoader


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
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load the demo even under settings that forbid it (production).",
        )

    def say(self, message):
        if not self.quiet:
            self.stdout.write(message)

    def handle(self, *args, quiet=False, synthetic=0, force=False, **options):
        if not getattr(settings, "DEMO_ALLOWED", True) and not force:
            raise CommandError(
                "These settings are for production: the demo would add some twenty accounts "
                f"whose password ({PASSWORD}) is published in the README. Use "
                "`manage.py setup_site` for a real installation, or --force for a "
                "demonstration server."
            )
        if synthetic < 0 or synthetic > 1_000_000:
            raise CommandError("--synthetic takes a number of items between 0 and 1,000,000.")
        self.quiet = quiet
        started = time.monotonic()
        today = timezone.localdate()
        loader = DemoLoader(today, self.say)
        with transaction.atomic():
            self.pages(loader)
            accounts = staff_accounts(loader)
        site.catalogue(loader, synthetic)
        demo_members.build_members(today, PASSWORD, say=self.say, warn=self.stderr.write)
        demo_waiting.build_waiting(today, say=self.say)
        self.summary(loader, time.monotonic() - started)
        self.print_logins(accounts, demo_members.logins())

    def pages(self, loader):
        """The pages in the order of the menu, then the site settings that point at them."""
        loader.load_locales()
        loader.load_images()
        home = site.home_page(loader)
        index = site.initiative_index(loader, home)
        site.content_pages(loader, home)
        site.news(loader, home)
        initiative_pages.initiatives(loader, index)
        site.site_settings(loader, home)

    # report -------------------------------------------------------------------------------

    def summary(self, loader, seconds):
        counts = ", ".join(
            f"{code} {Page.objects.filter(locale=loader.locales[code], depth__gt=1).count()}"
            for code in LANGUAGES
        )
        self.say(
            f"pages per language: {counts}; images: {get_image_model().objects.count()}; "
            f"users: {get_user_model().objects.count()} ({seconds:.1f} s)"
        )
        if loader.unregistered:
            self.stderr.write(
                "Not registered with wagtail-localize (made by an older demo, the languages "
                "differ in shape; they remain plain, editable pages): "
                + ", ".join(loader.unregistered)
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
