"""``manage.py setup_site``: a real installation on an empty database, without the demo.

Makes the languages, the home and catalogue pages in every language, the site with its host
name, the coordinators' group and a first account (home/setup_site.py). Asks for the account's
name, address and password; with ``--no-input`` they come from ``--username``, ``--email`` and
the environment variable SETUP_COORDINATOR_PASSWORD. Safe to run again: it changes nothing that
is there.
"""

import getpass
import os

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, no_translations
from django.core.validators import validate_email

from home.setup_site import SetupError, SiteSetup, check_hostname, create_coordinator

PASSWORD_VARIABLE = "SETUP_COORDINATOR_PASSWORD"


class Command(BaseCommand):
    help = "Set up a new installation: languages, home pages, site, groups and a first account."

    def add_arguments(self, parser):
        parser.add_argument(
            "--hostname", help="the site's host name (default: from WAGTAILADMIN_BASE_URL)"
        )
        parser.add_argument("--port", type=int, help="the site's port (default: 443 for https)")
        parser.add_argument("--username", help="the first coordinator's user name")
        parser.add_argument("--email", help="the first coordinator's e-mail address")
        parser.add_argument(
            "--no-input",
            action="store_false",
            dest="interactive",
            help=f"ask nothing: the password comes from {PASSWORD_VARIABLE}",
        )

    @no_translations
    def handle(
        self,
        *args,
        hostname=None,
        port=None,
        username=None,
        email=None,
        interactive=True,
        **options,
    ):
        if port is not None and not 0 < port < 65536:
            raise CommandError("--port takes a port number between 1 and 65535.")
        try:
            if hostname is not None:
                hostname = check_hostname(hostname)
            self.set_up(hostname, port, username, email, interactive)
        except SetupError as error:
            raise CommandError(str(error)) from None
        except (KeyboardInterrupt, EOFError):
            raise CommandError("Stopped: nothing was created.") from None

    def set_up(self, hostname, port, username, email, interactive):
        User = get_user_model()
        account = None
        if User.objects.filter(is_superuser=True).exists() and not username:
            existing = "first account: already there"
        elif username and User.objects.filter(username=username).exists():
            existing = f"first account: {username} already there, left as it is"
        else:
            # Asked and checked before anything is made.
            existing, account = "", self.account_details(username, email, interactive)
        setup = SiteSetup(self.stdout.write)
        setup.structure(hostname, port)
        if account:
            create_coordinator(*account)
            self.stdout.write(f"first account: {account[0]} created (a coordinator and superuser)")
            setup.changed = True
        else:
            self.stdout.write(existing)
        self.stdout.write(
            self.style.SUCCESS("Set up." if setup.changed else "Already set up: nothing changed.")
        )

    def account_details(self, username, email, interactive):
        if not interactive and not (username and email):
            raise CommandError(
                "With --no-input, give --username and --email for the first account."
            )
        username = username or self.ask("User name of the first coordinator: ")
        email = email or self.ask("Their e-mail address: ")
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"{email!r} is not an e-mail address.") from None
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise CommandError(
                f"An account with {email} exists already: give another address, or give its "
                "user name with --username to leave it as it is."
            )
        password = self.password(interactive, get_user_model()(username=username, email=email))
        return username, email, password

    def ask(self, prompt):
        value = input(prompt).strip()
        if not value:
            raise CommandError("Nothing was given; nothing was created.")
        return value

    def password(self, interactive, user):
        if interactive:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The two passwords differ; nothing was created.")
        else:
            password = os.environ.get(PASSWORD_VARIABLE, "")
            if not password:
                raise CommandError(f"With --no-input, set the password in {PASSWORD_VARIABLE}.")
        try:
            password_validation.validate_password(password, user)
        except ValidationError as error:
            raise CommandError("The password is refused: " + " ".join(error.messages)) from None
        return password
