"""Each initiative gets its own team of volunteers, created with its page."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import InitiativePage
from .teams import grant_team_permissions


@receiver(post_save, sender=InitiativePage)
def create_volunteer_team(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    grant_team_permissions(instance, skip_if_granted=not created)
