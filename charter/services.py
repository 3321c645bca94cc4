"""Every write of the charter app, and the scoring that views, API and downloads share."""

import dataclasses
from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from charter import results
from charter.answers import answers_clean
from charter.loaded import questionnaires_edited
from charter.models import (
    DONT_KNOW,
    MAX_SCORE,
    Action,
    Answer,
    Diagnostic,
    Question,
    Questionnaire,
    Theme,
)
from core.site import ensure_writable


class QuestionnaireDataError(ValueError):
    """The questionnaire file does not follow content/README.md; says where."""


@transaction.atomic
def questionnaire_load(
    *, data: Mapping, link_labels: Mapping[str, str] | None = None
) -> tuple[Questionnaire, bool]:
    """Create and publish the version of the questionnaire described by `data` (the YAML file).

    Idempotent: a version that already exists is left as it is (admins may have corrected it),
    so loading the same file twice changes nothing; a new `version` in the file adds a version.
    Returns the questionnaire and whether it was created.
    """
    _check_questionnaire_data(data)
    existing = Questionnaire.objects.filter(version=data["version"]).first()
    if existing is not None:
        return existing, False
    questionnaire = Questionnaire.objects.create(
        version=data["version"], title=data["title"], intro=data.get("intro", ""), is_published=True
    )
    themes = Theme.objects.bulk_create(
        Theme(
            questionnaire=questionnaire,
            slug=item["slug"],
            title=item["title"],
            description=item.get("description", ""),
            position=position,
        )
        for position, item in enumerate(data["themes"], start=1)
    )
    theme_by_slug = {theme.slug: theme for theme in themes}
    questions = Question.objects.bulk_create(
        Question(
            theme=theme_by_slug[item["theme"]],
            key=item["id"],
            text=item["text"],
            why=item.get("why", "").strip(),
            position=position,
        )
        for position, item in enumerate(data["questions"], start=1)
    )
    _create_answers_and_actions(questions, data["questions"], link_labels or {})
    return questionnaire, True


def _create_answers_and_actions(questions, items, link_labels):
    answers, actions = [], []
    for question, item in zip(questions, items, strict=True):
        answers += [
            Answer(
                question=question, value=a["value"], label=a["label"], score=a["score"], position=i
            )
            for i, a in enumerate(item["answers"], start=1)
        ]
        action = item["action"]
        actions.append(
            Action(
                question=question,
                title=action["title"],
                text=action["text"].strip(),
                effort=action["effort"],
                impact=action["impact"],
                links=[_link(link, link_labels) for link in action.get("links") or []],
            )
        )
    Answer.objects.bulk_create(answers)
    Action.objects.bulk_create(actions)


def _link(link, link_labels) -> dict:
    if isinstance(link, str):
        return {"url": link, "label": link_labels.get(link, link)}
    return {"url": link["url"], "label": link.get("label") or link_labels.get(link["url"], "")}


def _check_questionnaire_data(data: Mapping) -> None:
    problems = []
    if not isinstance(data.get("version"), int) or data["version"] < 1:
        problems.append("version: a whole number from 1")
    if not data.get("title"):
        problems.append("title: missing")
    slugs = [theme.get("slug") for theme in data.get("themes") or []]
    if not slugs or len(set(slugs)) != len(slugs) or not all(slugs):
        problems.append("themes: each needs a slug, different from the others")
    keys = [question.get("id") for question in data.get("questions") or []]
    if not keys or len(set(keys)) != len(keys):
        problems.append("questions: each needs an id, different from the others")
    for question in data.get("questions") or []:
        problems += _question_problems(question, set(slugs))
    if problems:
        raise QuestionnaireDataError("; ".join(problems[:10]))


def _question_problems(question: Mapping, theme_slugs: set) -> list[str]:
    where = f"question {question.get('id')}"
    problems = []
    if question.get("theme") not in theme_slugs or not question.get("text"):
        problems.append(f"{where}: an existing theme and a text are needed")
    values = [answer.get("value") for answer in question.get("answers") or []]
    if not values or len(set(values)) != len(values) or DONT_KNOW in values:
        problems.append(f"{where}: answers need distinct values (not “{DONT_KNOW}”)")
    for answer in question.get("answers") or []:
        if not isinstance(answer.get("score"), int) or not 0 <= answer["score"] <= MAX_SCORE:
            problems.append(f"{where}: scores go from 0 to {MAX_SCORE}")
    action = question.get("action") or {}
    if action.get("effort") not in Action.Effort.values:
        problems.append(f"{where}: effort is one of {', '.join(Action.Effort.values)}")
    if action.get("impact") not in Action.Impact.values:
        problems.append(f"{where}: impact is one of {', '.join(Action.Impact.values)}")
    if not action.get("title") or not action.get("text"):
        problems.append(f"{where}: the action needs a title and a text")
    return problems


@transaction.atomic
def questionnaire_copy(*, questionnaire: Questionnaire) -> Questionnaire:
    """A new, unpublished version with the same content, to edit without changing saved results."""
    top = Questionnaire.objects.aggregate(top=Max("version"))["top"] or 0
    source = Questionnaire.objects.with_content().get(pk=questionnaire.pk)
    copy = Questionnaire.objects.create(
        version=top + 1, title=source.title, intro=source.intro, is_published=False
    )
    for theme in source.themes.all():
        questions = list(theme.questions.all())
        theme.pk, theme.questionnaire = None, copy
        theme.save()
        for question in questions:
            answers, action = list(question.answers.all()), getattr(question, "action", None)
            question.pk, question.theme = None, theme
            question.save()
            for answer in answers:
                answer.pk, answer.question = None, question
            Answer.objects.bulk_create(answers)
            if action is not None:
                action.pk, action.question = None, question
                action.save()
    return copy


@transaction.atomic
def questionnaire_publish(*, questionnaire: Questionnaire) -> Questionnaire:
    """Publish a version: the highest published version is the one visitors take."""
    if not Question.objects.filter(theme__questionnaire=questionnaire).exists():
        raise ValidationError(_("A questionnaire without questions cannot be published."))
    questionnaire.is_published = True
    questionnaire.save(update_fields=["is_published"])
    questionnaires_edited()
    return questionnaire


def diagnostic_score(
    *, questionnaire: Questionnaire, answers: Mapping[str, str], taken_at=None
) -> results.DiagnosticResult:
    """The result of `answers` on `questionnaire` (prefetched with `with_content()`).

    Answers that match no question or no answer are left out: callers that must refuse them
    (the API) check them first with `answers.answers_clean`.
    """
    valid, _errors = answers_clean(questionnaire=questionnaire, answers=answers)
    result = results.score(questionnaire, valid)
    return result if taken_at is None else dataclasses.replace(result, taken_at=taken_at)


def diagnostic_result(*, diagnostic: Diagnostic, questionnaires: dict | None = None):
    """The result of a saved diagnostic, on the version it was taken on.

    `questionnaires` caches versions already fetched (a list of results needs each only once).
    """
    cache = {} if questionnaires is None else questionnaires
    if diagnostic.questionnaire_id not in cache:
        cache[diagnostic.questionnaire_id] = Questionnaire.objects.with_content().get(
            pk=diagnostic.questionnaire_id
        )
    return diagnostic_score(
        questionnaire=cache[diagnostic.questionnaire_id],
        answers=diagnostic.answers,
        taken_at=diagnostic.created_at,
    )


@transaction.atomic
def diagnostic_save(
    *, questionnaire: Questionnaire, answers: Mapping[str, str], owner=None
) -> Diagnostic:
    """Keep a result behind a new private link, in the member's account if there is one."""
    ensure_writable()
    valid, _errors = answers_clean(questionnaire=questionnaire, answers=answers)
    if not valid:
        raise ValidationError(_("There is no answer to save yet."))
    return Diagnostic.objects.create(
        questionnaire=questionnaire,
        answers=valid,
        owner=owner if owner is not None and owner.is_authenticated else None,
    )


@transaction.atomic
def diagnostic_revoke(*, diagnostic: Diagnostic) -> Diagnostic | None:
    """Make the private link stop working at once.

    A result kept in a member's account gets a new private link (the member still finds it in
    their account); a result nobody owns could never be reached again, so it is deleted.
    """
    if diagnostic.owner_id is None:
        diagnostic.delete()
        return None
    diagnostic.token = Diagnostic._meta.get_field("token").get_default()
    diagnostic.save(update_fields=["token"])
    return diagnostic


@transaction.atomic
def diagnostic_attach(*, diagnostic: Diagnostic, owner) -> Diagnostic:
    """Keep a result reached by its private link in the signed-in member's account."""
    ensure_writable()
    if diagnostic.owner_id not in (None, owner.pk):
        raise PermissionDenied(_("This result is kept in another member's account."))
    diagnostic.owner = owner
    diagnostic.save(update_fields=["owner"])
    return diagnostic


@transaction.atomic
def diagnostic_publish(*, diagnostic: Diagnostic, organisation_name: str) -> Diagnostic:
    """Publish a member's result under the name of their organisation, at a public address."""
    ensure_writable()
    name = " ".join(organisation_name.split())
    if diagnostic.owner_id is None:
        raise ValidationError(_("Keep the result in your account before publishing it."))
    if not name:
        raise ValidationError(_("Give the name of your organisation."))
    if diagnostic.public_slug is None or name != diagnostic.organisation_name:
        diagnostic.public_slug = _free_public_slug(name, exclude=diagnostic.pk)
    diagnostic.organisation_name = name
    diagnostic.published_at = timezone.now()
    diagnostic.save(update_fields=["organisation_name", "public_slug", "published_at"])
    return diagnostic


def _free_public_slug(name: str, *, exclude: int) -> str:
    base = slugify(name)[:60].strip("-") or "organisation"
    taken = set(
        Diagnostic.objects.filter(public_slug__startswith=base)
        .exclude(pk=exclude)
        .values_list("public_slug", flat=True)
    )
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def diagnostic_unpublish(*, diagnostic: Diagnostic) -> Diagnostic:
    diagnostic.public_slug = None
    diagnostic.published_at = None
    diagnostic.save(update_fields=["public_slug", "published_at"])
    return diagnostic


def personal_data_export(user) -> list[dict]:
    """The member's saved results, for their data download (accounts.personal_data)."""
    return [
        {
            "taken_at": diagnostic.created_at.isoformat(),
            "questionnaire_version": diagnostic.questionnaire.version,
            "answers": diagnostic.answers,
            "private_link": diagnostic.get_absolute_url(),
            "organisation_name": diagnostic.organisation_name,
            "public_link": diagnostic.get_public_url() if diagnostic.is_published else None,
        }
        for diagnostic in Diagnostic.objects.owned_by(user).select_related("questionnaire")
    ]
