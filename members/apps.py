"""The members app: accounts, member profiles, memberships and the social tariff."""

from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "members"

    def ready(self):
        from django.db.models.signals import post_delete

        from .applications import delete_evidence_with_the_application
        from .models import MembershipApplication

        post_delete.connect(
            delete_evidence_with_the_application,
            sender=MembershipApplication,
            dispatch_uid="members-evidence-with-application",
        )
