import pytest
from django.conf import settings

from charter import content
from charter.models import Questionnaire
from tests import factories


@pytest.fixture
def questionnaire(db):
    """Two themes of two questions, answers non/un-peu/en-partie/oui scored 0 to 3."""
    return factories.questionnaire_with_content()


@pytest.fixture
def shipped_questionnaire(db):
    """The questionnaire shipped in content/diagnostic/questionnaire.yml."""
    content.load_content(settings.BASE_DIR / "content")
    return Questionnaire.objects.with_content().current()


def all_questions(questionnaire):
    return [q for theme in questionnaire.themes.all() for q in theme.questions.all()]
