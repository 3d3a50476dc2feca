"""A copy back from repair is offered to the first in its item's waiting line
(``lending/waiting.py``); the other ways a copy comes back go through the rules service."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from catalogue.models import Copy

from .waiting import offer_after_commit


@receiver(post_save, sender=Copy)
def copy_saved(sender, instance, created=False, raw=False, **kwargs):
    if raw or instance.status != Copy.Status.AVAILABLE:
        return
    offer_after_commit(instance.item)
