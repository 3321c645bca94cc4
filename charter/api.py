"""The self-diagnostic in the API: the questionnaire, and the scoring of answers (stateless)."""

from django.db.models import Q
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.decorators import api_view, authentication_classes, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from charter import services
from charter.answers import answers_clean
from charter.models import DONT_KNOW, Questionnaire


class ScoreRequestSerializer(serializers.Serializer):
    answers = serializers.DictField(
        child=serializers.CharField(max_length=80),
        help_text='{"question id": "answer value"}; "ne-sait-pas" means “I don\'t know”.',
    )
    version = serializers.IntegerField(
        min_value=1,
        required=False,
        help_text="Version of the questionnaire; the current one if absent.",
    )


def _not_found(message):
    return Response({"message": message}, status=status.HTTP_404_NOT_FOUND)


def questionnaire_json(questionnaire: Questionnaire) -> dict:
    return {
        "version": questionnaire.version,
        "title": questionnaire.title,
        "intro": questionnaire.intro,
        "dont_know": DONT_KNOW,
        "themes": [
            {
                "slug": theme.slug,
                "title": theme.title,
                "description": theme.description,
                "questions": [_question_json(question) for question in theme.questions.all()],
            }
            for theme in questionnaire.themes.all()
        ],
    }


def _question_json(question) -> dict:
    action = getattr(question, "action", None)
    return {
        "id": question.key,
        "text": question.text,
        "why": question.why,
        "answers": [
            {"value": answer.value, "label": answer.label, "score": answer.score}
            for answer in question.answers.all()
        ],
        "action": None
        if action is None
        else {
            "title": action.title,
            "text": action.text,
            "effort": action.effort,
            "impact": action.impact,
            "links": action.links,
        },
    }


QUESTIONNAIRE_RESPONSES = {
    200: OpenApiResponse(description="The questionnaire: themes, questions, answers, actions."),
    404: OpenApiResponse(description="No such version, or none published yet."),
}


@extend_schema(operation_id="diagnostic_questionnaire_current", responses=QUESTIONNAIRE_RESPONSES)
@api_view(["GET"])
@permission_classes([AllowAny])
def questionnaire_current(request):
    """The questionnaire of the self-diagnostic that visitors take now."""
    return _questionnaire_response(Questionnaire.objects.with_content().current())


@extend_schema(operation_id="diagnostic_questionnaire_version", responses=QUESTIONNAIRE_RESPONSES)
@api_view(["GET"])
@permission_classes([AllowAny])
def questionnaire_version(request, version):
    """A given version of the questionnaire, such as the one a saved result was taken on."""
    return _questionnaire_response(_visible_versions().filter(version=version).first())


def _visible_versions():
    """Published versions, and older ones that saved results were taken on; never drafts."""
    return (
        Questionnaire.objects.with_content()
        .filter(Q(is_published=True) | Q(diagnostics__isnull=False))
        .distinct()
    )


def _questionnaire_response(questionnaire):
    if questionnaire is None:
        return _not_found(_("There is no such questionnaire."))
    return Response(questionnaire_json(questionnaire))


@extend_schema(
    request=ScoreRequestSerializer,
    responses={
        200: inline_serializer(
            "DiagnosticResult",
            {
                "questionnaire": serializers.DictField(),
                "method": serializers.CharField(),
                "overall": serializers.DictField(),
                "themes": serializers.ListField(child=serializers.DictField()),
                "answers": serializers.DictField(),
                "plan": serializers.ListField(child=serializers.DictField()),
            },
        ),
        400: OpenApiResponse(description="Unknown questions or answers, or an invalid payload."),
        404: OpenApiResponse(description="No such version, or none published yet."),
    },
)
@api_view(["POST"])
@authentication_classes([])
@permission_classes([AllowAny])
def diagnostic_score(request):
    """Score a set of answers: scores by theme, overall score, action plan. Nothing is stored."""
    serializer = ScoreRequestSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    version = serializer.validated_data.get("version")
    questionnaires = Questionnaire.objects.with_content()
    if version is None:
        questionnaire = questionnaires.current()
    else:
        questionnaire = _visible_versions().filter(version=version).first()
    if questionnaire is None:
        return _not_found(_("There is no such questionnaire."))
    answers = serializer.validated_data["answers"]
    _valid, errors = answers_clean(questionnaire=questionnaire, answers=answers)
    if errors:
        message = _("Some answers do not match the questionnaire: nothing was scored.")
        return Response(
            {"message": message, "errors": {"answers": errors}},
            status=status.HTTP_400_BAD_REQUEST,
        )
    result = services.diagnostic_score(questionnaire=questionnaire, answers=answers)
    return Response(result.as_json())
