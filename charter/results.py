"""What a set of answers means: scores by theme, the overall score and the action plan.

Pure computation on a questionnaire whose content is prefetched (`with_content()`): the same
numbers for the page, the JSON download and the API.
"""

import dataclasses
import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _

from charter.models import DONT_KNOW, Action, Questionnaire

IMPROVE, LEARN = "improve", "learn"
# Quick wins first: the strongest impact, then the smallest effort.
IMPACT_ORDER = {Action.Impact.HIGH: 0, Action.Impact.MEDIUM: 1, Action.Impact.LOW: 2}
EFFORT_ORDER = {Action.Effort.LOW: 0, Action.Effort.MEDIUM: 1, Action.Effort.HIGH: 2}


def percent(points: int, possible: int) -> int | None:
    return math.floor(100 * points / possible + 0.5) if possible else None


@dataclass(frozen=True)
class ThemeScore:
    slug: str
    title: str
    questions: int
    answered: int  # with a scored answer
    dont_know: int
    points: int
    possible: int
    previous: int | None = None  # the score of the earlier result compared with, if any

    @property
    def score(self) -> int | None:
        return percent(self.points, self.possible)

    @property
    def unanswered(self) -> int:
        return self.questions - self.answered - self.dont_know

    @property
    def change(self) -> int | None:
        if self.score is None or self.previous is None:
            return None
        return self.score - self.previous


@dataclass(frozen=True)
class PlanItem:
    question: str
    question_text: str
    theme: str
    kind: str  # IMPROVE: do the action; LEARN: "I don't know", find out first
    title: str
    text: str
    effort: str
    impact: str
    links: tuple[dict, ...]
    position: int

    def get_effort_display(self) -> str:
        return str(Action.Effort(self.effort).label)

    def get_impact_display(self) -> str:
        return str(Action.Impact(self.impact).label)


@dataclass(frozen=True)
class DiagnosticResult:
    version: int
    title: str
    answers: Mapping[str, str]
    themes: tuple[ThemeScore, ...]
    plan: tuple[PlanItem, ...]
    taken_at: datetime | None = None
    previous_taken_at: datetime | None = None
    previous_overall: int | None = None

    @property
    def overall(self) -> int | None:
        """The mean of the themes' scores: each theme counts the same."""
        exact = [100 * t.points / t.possible for t in self.themes if t.possible]
        return math.floor(sum(exact) / len(exact) + 0.5) if exact else None

    @property
    def questions(self) -> int:
        return sum(theme.questions for theme in self.themes)

    @property
    def answered(self) -> int:
        return sum(theme.answered for theme in self.themes)

    @property
    def dont_know(self) -> int:
        return sum(theme.dont_know for theme in self.themes)

    @property
    def unanswered(self) -> int:
        return sum(theme.unanswered for theme in self.themes)

    @property
    def method(self) -> str:
        return method_text()

    @property
    def overall_change(self) -> int | None:
        if self.overall is None or self.previous_overall is None:
            return None
        return self.overall - self.previous_overall

    def compared_with(self, earlier: "DiagnosticResult | None") -> "DiagnosticResult":
        """This result with the scores of an earlier one beside it, theme by theme."""
        if earlier is None:
            return self
        before = {theme.slug: theme.score for theme in earlier.themes}
        themes = tuple(dataclasses.replace(t, previous=before.get(t.slug)) for t in self.themes)
        return dataclasses.replace(
            self,
            themes=themes,
            previous_taken_at=earlier.taken_at,
            previous_overall=earlier.overall,
        )

    def as_json(self) -> dict:
        return {
            "questionnaire": {"version": self.version, "title": self.title},
            "taken_at": self.taken_at.isoformat() if self.taken_at else None,
            "method": method_text(),
            "overall": {
                "score": self.overall,
                "questions": self.questions,
                "answered": self.answered,
                "dont_know": self.dont_know,
                "unanswered": self.unanswered,
            },
            "themes": [
                {
                    "slug": t.slug,
                    "title": t.title,
                    "score": t.score,
                    "questions": t.questions,
                    "answered": t.answered,
                    "dont_know": t.dont_know,
                    "previous_score": t.previous,
                }
                for t in self.themes
            ],
            "answers": dict(self.answers),
            "plan": [
                {
                    "question": item.question,
                    "kind": item.kind,
                    "title": item.title,
                    "text": item.text,
                    "effort": item.effort,
                    "impact": item.impact,
                    "links": list(item.links),
                }
                for item in self.plan
            ],
        }


def method_text() -> str:
    return _(
        "Each answer is worth 0 to 3 points. The score of a theme is the points obtained divided "
        "by the points possible on the questions answered, as a percentage. “I don't know” and "
        "unanswered questions are left out of the score: “I don't know” leads to something to "
        "find out instead. The overall score is the mean of the themes' scores, each theme "
        "counting the same. The action plan lists an action for each answer that leaves room for "
        "progress, the strongest impact first, then the smallest effort."
    )


def score(questionnaire: Questionnaire, answers: Mapping[str, str]) -> DiagnosticResult:
    """Score valid answers (see answers.answers_clean) on a questionnaire with its content."""
    themes, plan, position = [], [], 0
    for theme in questionnaire.themes.all():
        counts = {"answered": 0, "dont_know": 0, "points": 0, "possible": 0}
        questions = theme.questions.all()
        for question in questions:
            position += 1
            item = _score_question(question, answers.get(question.key), counts)
            if item is not None:
                plan.append(dataclasses.replace(item, theme=theme.title, position=position))
        themes.append(
            ThemeScore(slug=theme.slug, title=theme.title, questions=len(questions), **counts)
        )
    plan.sort(key=lambda i: (IMPACT_ORDER[i.impact], EFFORT_ORDER[i.effort], i.position))
    return DiagnosticResult(
        version=questionnaire.version,
        title=questionnaire.title,
        answers=dict(answers),
        themes=tuple(themes),
        plan=tuple(plan),
    )


def _score_question(question, value: str | None, counts: dict) -> PlanItem | None:
    """Count one answer into `counts`; the plan item it calls for, if any."""
    action = getattr(question, "action", None)
    if value == DONT_KNOW:
        counts["dont_know"] += 1
        return _plan_item(question, action, LEARN) if action else None
    chosen = next((a for a in question.answers.all() if a.value == value), None)
    if chosen is None:
        return None
    best = max(answer.score for answer in question.answers.all())
    counts["answered"] += 1
    counts["points"] += chosen.score
    counts["possible"] += best
    return _plan_item(question, action, IMPROVE) if action and chosen.score < best else None


def _plan_item(question, action, kind: str) -> PlanItem:
    learn = kind == LEARN
    return PlanItem(
        question=question.key,
        question_text=question.text,
        theme="",
        kind=kind,
        title=action.title,
        text=question.why if learn else action.text,
        # Finding out is a small step whatever the action that may follow.
        effort=Action.Effort.LOW if learn else action.effort,
        impact=action.impact,
        links=tuple(action.links or ()),
        position=0,
    )


@dataclass(frozen=True)
class QuestionDetail:
    key: str
    text: str
    why: str
    answer: str | None  # the label of the answer given, None when unanswered
    dont_know: bool
    item: PlanItem | None


def theme_detail(questionnaire: Questionnaire, result: DiagnosticResult, slug: str):
    """(the theme's score, its questions with the answer given and the action) or None."""
    theme = next((t for t in questionnaire.themes.all() if t.slug == slug), None)
    if theme is None:
        return None
    items = {item.question: item for item in result.plan}
    details = []
    for question in theme.questions.all():
        value = result.answers.get(question.key)
        chosen = next((a.label for a in question.answers.all() if a.value == value), None)
        details.append(
            QuestionDetail(
                key=question.key,
                text=question.text,
                why=question.why,
                answer=chosen,
                dont_know=value == DONT_KNOW,
                item=items.get(question.key),
            )
        )
    score = next(t for t in result.themes if t.slug == slug)
    return score, details
