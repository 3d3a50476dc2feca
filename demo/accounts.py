"""The demo accounts of the staff: the coordinator and one volunteer per initiative.

Every demo account, of the staff and of the members (demo/members.py), has the published
password PASSWORD. Users are looked up by username; an existing one keeps its password and
details and is only put back in its group when it left it.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from wagtail.users.models import UserProfile

from demo.initiatives import INITIATIVES
from demo.members import COORDINATOR
from initiatives.models import VolunteerTeam
from initiatives.teams import ensure_coordination_group

PASSWORD = "deelfabriek-demo"  # noqa: S105 - the published password of the demo accounts
ADMIN_URL = "http://127.0.0.1:8000/admin/"


def _account(username, first_name, last_name, group, password):
    """The user `username` in `group`, made when missing; returns (user, made)."""
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    made = user is None
    if made:
        user = User(
            username=username,
            email=f"{username}@deelfabriek.example",
            first_name=first_name,
            last_name=last_name,
            password=password,
        )
        user.save()
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "nl"
        profile.save()
    if not user.groups.filter(pk=group.pk).exists():
        user.groups.add(group)
    return user, made


def staff_accounts(loader):
    """The staff accounts, after the initiative pages; returns [(username, description)]."""
    password = make_password(PASSWORD)  # hashed once: every demo account shares it
    accounts = []
    made = []

    def account(username, first_name, last_name, group, description):
        _user, new = _account(username, first_name, last_name, group, password)
        if new:
            made.append(username)
        accounts.append((username, description))

    coordination = ensure_coordination_group()
    account(COORDINATOR, "Charlotte", "Coördinator (demo)", coordination, "coördinatie: alles")
    for data in INITIATIVES:
        page = loader.pages[data["slug"]]
        team = VolunteerTeam.objects.select_related("group").get(
            translation_key=page.translation_key
        )
        account(
            f"vrijwilliger-{data['slug']}",
            "Vrijwilliger",
            f"{data['title']['nl']} (demo)",
            team.group,
            f"vrijwilliger: {data['title']['nl']}",
        )
    loader.say(f"users: {len(made)} created" if made else "users: already loaded")
    return accounts
