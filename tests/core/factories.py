"""Builders every app's tests share: the languages, users (volunteers, coordinators), and
publishing and translating a page the way the admin does."""

import datetime

import factory

from django.contrib.auth import get_user_model

from wagtail.models import Locale

LANGUAGES = ("nl", "fr", "en")


def as_time(value):
    return value if isinstance(value, datetime.time) else datetime.time.fromisoformat(value)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "secret-pass-123")

    @factory.post_generation
    def groups(self, create, groups, **kwargs):
        if groups:
            self.groups.add(*groups)
        self.save()

    @factory.post_generation
    def admin_language(self, create, language, **kwargs):
        """The admin interface language, e.g. `UserFactory(admin_language="en")`."""
        if language:
            from wagtail.users.models import UserProfile

            profile = UserProfile.get_for_user(self)
            profile.preferred_language = language
            profile.save()


def volunteer_of(page, client=None, **fields):
    """A volunteer in the team of this initiative (English admin), logged in on ``client``."""
    from initiatives.models import VolunteerTeam

    group = VolunteerTeam.objects.get(translation_key=page.translation_key).group
    user = UserFactory(groups=[group], **{"admin_language": "en", **fields})
    if client is not None:
        client.force_login(user)
    return user


def coordinator(client=None, **fields):
    """A member of the city's coordination group (English admin), logged in on ``client``."""
    from initiatives.teams import ensure_coordination_group

    user = UserFactory(groups=[ensure_coordination_group()], **{"admin_language": "en", **fields})
    if client is not None:
        client.force_login(user)
    return user


def locales():
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES}


def publish(page):
    """Publish the page's current state as a revision, as the admin's publish button does."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def translate(page, code, **fields):
    """The page in another language, published; parents missing in that language are
    copied and published first."""
    locale = locales()[code]
    page = page.specific_class.objects.get(pk=page.pk)
    translated = page.copy_for_translation(locale, copy_parents=True)
    for ancestor in translated.get_ancestors().filter(depth__gt=1, live=False).specific():
        publish(ancestor)
    for name, value in fields.items():
        setattr(translated, name, value)
    return publish(translated)
