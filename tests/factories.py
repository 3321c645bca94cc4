"""Factories for every test in the project, in one place."""

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from accounts.models import FACILITATORS, MODERATORS, User

PASSWORD = "un mot de passe solide 2026"


class UserFactory(factory.django.DjangoModelFactory):
    """A member whose email address is confirmed, able to sign in with PASSWORD."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"membre{n}@example.org")
    display_name = factory.Sequence(lambda n: f"Membre {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create:
            self.save()
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for name in extracted or []:
            self.groups.add(Group.objects.get(name=name))


def facilitator(**kwargs) -> User:
    return UserFactory(roles=[FACILITATORS], **kwargs)


def moderator(**kwargs) -> User:
    return UserFactory(roles=[MODERATORS], **kwargs)


def admin(**kwargs) -> User:
    return UserFactory(is_staff=True, is_superuser=True, **kwargs)


def document(*, text="Premier paragraphe.\n\nDeuxième paragraphe.\n", data=None, author=None, **kw):
    """A document with one accepted revision (the engine's own test subject)."""
    from revisions.services import document_create

    author = author or UserFactory()
    revision = document_create(
        kind=kw.pop("kind", "test"),
        title=kw.pop("title", "Page d’essai"),
        path=kw.pop("path", "/essai/"),
        text=text,
        data=data or {},
        author=author,
        review=False,
        **kw,
    )
    return revision.document
