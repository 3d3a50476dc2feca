"""Create the coordination group and every initiative's volunteer team, with their rights."""

from django.core.management.base import BaseCommand

from initiatives.models import InitiativePage
from initiatives.teams import ensure_coordination_group, grant_team_permissions


class Command(BaseCommand):
    help = (
        "Create the 'Coördinatie' group and a volunteer group for each initiative page "
        "(safe to run again: existing groups are kept and completed)."
    )

    def handle(self, *args, **options):
        group = ensure_coordination_group()
        self.stdout.write(f"group {group.name}: ready")
        for page in InitiativePage.objects.select_related("locale").order_by("path"):
            team = grant_team_permissions(page)
            self.stdout.write(f"group {team.group.name}: {page.title} ({page.locale})")
