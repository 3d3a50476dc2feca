"""A copy back from repair is offered to the first in its item's waiting line
(``lending/waiting.py``); the other ways a copy comes back go through the rules service. A
decided membership application is mailed through the outbox (``members/applications.py``)."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from catalogue.models import Copy
from members.accounts import account_mail_requested
from members.applications import application_decided

from .waiting import offer_after_commit


@receiver(post_save, sender=Copy)
def copy_saved(sender, instance, created=False, raw=False, **kwargs):
    if raw or instance.status != Copy.Status.AVAILABLE:
        return
    offer_after_commit(instance.item)


@receiver(account_mail_requested)
def account_mail_to_outbox(sender, user, template, **kwargs):
    """Sign-up and password mails go through the outbox like every other mail."""
    from .mail import queue_account_mail

    queue_account_mail(user, template)
    return True


@receiver(application_decided)
def application_decided_mail(sender, application, **kwargs):
    """The member hears how their membership application was decided, in their language."""
    from .mail import queue_application

    queue_application(application)
