"""The members app: accounts, member profiles, memberships and the social tariff."""

from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "members"
