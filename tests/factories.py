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
            self.groups.add(Group.objects.get_or_create(name=name)[0])


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


# Charter and self-diagnostic (charter app)


class QuestionnaireFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "charter.Questionnaire"

    version = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Autodiagnostic {n}")
    intro = "Faites le point sur votre présence en ligne."
    is_published = True


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "charter.Theme"

    questionnaire = factory.SubFactory(QuestionnaireFactory)
    slug = factory.Sequence(lambda n: f"theme-{n}")
    title = factory.Sequence(lambda n: f"Thème {n}")
    description = "Ce que recouvre ce thème."
    position = factory.Sequence(lambda n: n)


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "charter.Question"

    theme = factory.SubFactory(ThemeFactory)
    key = factory.Sequence(lambda n: f"question-{n}")
    text = factory.Sequence(lambda n: f"Question numéro {n} ?")
    why = "Parce que cela compte."
    position = factory.Sequence(lambda n: n)


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "charter.Answer"

    question = factory.SubFactory(QuestionFactory)
    value = factory.Sequence(lambda n: f"reponse-{n}")
    label = factory.Sequence(lambda n: f"Réponse {n}")
    score = 0
    position = factory.Sequence(lambda n: n)


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "charter.Action"

    question = factory.SubFactory(QuestionFactory)
    title = factory.Sequence(lambda n: f"Action {n}")
    text = "Ce qu'il faut faire, en quelques phrases."
    effort = "moyen"
    impact = "moyen"
    links = factory.LazyFunction(lambda: [{"url": "/charte/", "label": "La charte"}])


class DiagnosticFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "charter.Diagnostic"

    questionnaire = factory.SubFactory(QuestionnaireFactory)
    answers = factory.LazyFunction(dict)


SCORED_ANSWERS = [("non", 0), ("un-peu", 1), ("en-partie", 2), ("oui", 3)]


def questionnaire_with_content(*, themes: int = 2, questions: int = 2, **kwargs):
    """A published questionnaire: `themes` themes of `questions` questions each, every question
    with the answers non/un-peu/en-partie/oui scored 0 to 3 and an action."""
    from charter.models import Questionnaire

    questionnaire = QuestionnaireFactory(**kwargs)
    for t in range(1, themes + 1):
        theme = ThemeFactory(questionnaire=questionnaire, slug=f"theme-{t}", title=f"Thème {t}")
        for q in range(1, questions + 1):
            question = QuestionFactory(theme=theme, key=f"t{t}-q{q}")
            for value, score in SCORED_ANSWERS:
                AnswerFactory(question=question, value=value, label=value, score=score)
            ActionFactory(question=question, title=f"Agir sur t{t}-q{q}")
    return Questionnaire.objects.with_content().get(pk=questionnaire.pk)


def trusted_member(*, new_account: bool = False, **kwargs):
    """A member past the review of first edits (three accepted pages of their own).

    With new_account=False (the default) the account is also older than REVIEW_NEW_ACCOUNT_DAYS,
    so adding a link does not send an edit to review either.
    """
    user = UserFactory(**kwargs)
    if not new_account:
        user.date_joined = user.date_joined.replace(year=2020)
        user.save(update_fields=["date_joined"])
    for n in range(3):
        document(author=user, path=f"/essai-{user.pk}-{n}/")
    return user


def tool(*, slug: str, name: str | None = None, author=None, **data):
    """A published tool entry (through the service), in the category `forums` unless told."""
    from accounts.models import system_user
    from tools import services
    from tools.models import Category

    for category in data.get("categories", ["forums"]):
        Category.objects.get_or_create(slug=category, defaults={"name": category.title()})
    fields = {
        "name": name or slug.title(),
        "summary": f"Résumé de {name or slug}.",
        "categories": ["forums"],
        "description": "Premier paragraphe.\n\nDeuxième paragraphe.\n",
        "licence": "AGPL-3.0-or-later",
        "website": f"https://{slug}.example.org/",
        "self_hostable": True,
        **data,
    }
    return services.tool_create(
        slug=slug, data=fields, author=author or system_user(), review=False
    )
