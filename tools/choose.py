"""Help to choose: compare 2 to 4 tools side by side, and the guided finder.

Both are plain GET forms: nothing is stored, no account is needed, the address can be shared.
"""

from dataclasses import dataclass, field

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from core.cache import anonymous_page
from tools import filters
from tools.criteria import CRITERIA, breakdown
from tools.models import Hoster, Service, Tool

COMPARE_MIN, COMPARE_MAX = 2, 4


@require_safe
def tool_compare(request):
    key = ("tools", request.get_full_path(), filters.directory_generation())
    return anonymous_page(request, key, lambda: _tool_compare(request))


def _tool_compare(request):
    wanted = list(dict.fromkeys(request.GET.getlist("outils")))  # order kept, duplicates dropped
    found = {
        tool.slug: tool
        for tool in Tool.objects.filter(published=True, slug__in=wanted[:50])
        .select_related("document__current_revision")
        .prefetch_related("categories", "platforms", "protocols", "offers__hoster")
    }
    unknown = [slug for slug in wanted if slug not in found]
    tools = [found[slug] for slug in wanted if slug in found]
    problem = ""
    if len(tools) < COMPARE_MIN:
        problem = _("Choose at least two tools to compare them.")
    elif len(tools) > COMPARE_MAX:
        problem = _(
            "You chose %(count)s tools; a comparison shows 2 to 4 side by side so that it stays "
            "readable. Keep at most four of them below."
        ) % {"count": len(tools)}
    return render(
        request,
        "tools/tool_compare.html",
        {
            "tools": tools,
            "unknown": unknown,
            "problem": problem,
            "rows": [] if problem else _rows(tools),
        },
        status=200,
    )


def _rows(tools) -> list[dict]:
    """One row per fact, one cell per tool, in the order of the columns."""
    criteria = [breakdown(tool, tool.document.current_revision.data) for tool in tools]
    rows = [
        {"label": _("Summary"), "cells": [tool.summary for tool in tools]},
        {"label": _("Licence"), "cells": [tool.licence or "—" for tool in tools]},
        {
            "label": _("Can be self-hosted"),
            "cells": [_("yes") if tool.self_hostable else _("no") for tool in tools],
        },
        {
            "label": _("Skill needed to use it"),
            "cells": [tool.get_skill_level_display() or "—" for tool in tools],
        },
        {"label": _("Audience"), "cells": [tool.get_audience_display() or "—" for tool in tools]},
        {
            "label": _("Platforms"),
            "cells": [", ".join(p.name for p in tool.platforms.all()) or "—" for tool in tools],
        },
        {
            "label": _("Federation"),
            "cells": [", ".join(p.name for p in tool.protocols.all()) or "—" for tool in tools],
        },
        {
            "label": _("Hosted by"),
            "cells": [
                ", ".join(sorted({o.hoster.name for o in tool.offers.all()})) or "—"
                for tool in tools
            ],
        },
        {
            "label": _("Last checked"),
            "cells": [
                tool.last_checked.isoformat() if tool.last_checked else "—" for tool in tools
            ],
        },
    ]
    for index, (_key, label) in enumerate([("licence", _("Free licence")), *CRITERIA]):
        rows.append(
            {
                "label": label,
                "criterion": True,
                "cells": [column[index] for column in criteria],
            }
        )
    return rows


# The guided finder -------------------------------------------------------------------------

NEEDS = [
    ("site", gettext_lazy("a website"), ["editeurs-de-site"]),
    ("blog", gettext_lazy("a blog"), ["editeurs-de-blog"]),
    (
        "reseaux",
        gettext_lazy("to be present on social networks"),
        ["reseaux-sociaux", "microblogage"],
    ),
    ("lettre", gettext_lazy("a newsletter or a mailing list"), ["lettres-et-listes"]),
    (
        "ecrire",
        gettext_lazy("to write documents together"),
        ["ecriture-collaborative", "bureautique"],
    ),
    ("evenements", gettext_lazy("to organise events or polls"), ["evenements-et-sondages"]),
    ("visio", gettext_lazy("video meetings"), ["visioconference"]),
    ("discuter", gettext_lazy("to talk within the team"), ["messagerie-instantanee", "forums"]),
    ("formulaires", gettext_lazy("forms and surveys"), ["formulaires"]),
    ("fichiers", gettext_lazy("to share files and calendars"), ["hebergement-et-stockage"]),
    ("dons", gettext_lazy("to collect donations or memberships"), ["dons-et-paiements"]),
    ("gerer", gettext_lazy("to manage members and accounts"), ["gestion-associative"]),
    ("vendre", gettext_lazy("to sell online"), ["boutiques-et-commerce-equitable"]),
    ("audience", gettext_lazy("to measure the audience of a site"), ["mesure-d-audience"]),
]
SKILLS = ["debutant", "intermediaire", "avance"]
HOSTING = [
    ("heberge", gettext_lazy("hosted by someone else (an account to open)")),
    ("auto", gettext_lazy("installed on our own server")),
    ("egal", gettext_lazy("either")),
]
BUDGETS = [
    ("zero", gettext_lazy("nothing: it must be free of charge")),
    ("petit", gettext_lazy("a few euros a month")),
    ("egal", gettext_lazy("we can pay for a good service")),
]
FINDER_RESULTS = 5


@dataclass
class Suggestion:
    tool: Tool
    score: int = 0
    reasons: list[str] = field(default_factory=list)
    cautions: list[str] = field(default_factory=list)


@require_safe
def tool_finder(request):
    key = ("tools", request.get_full_path(), filters.directory_generation())
    return anonymous_page(request, key, lambda: _tool_finder(request))


def _tool_finder(request):
    answers, errors = _answers(request.GET)
    suggestions = _suggest(answers) if answers and not errors else []
    return render(
        request,
        "tools/tool_finder.html",
        {
            "needs": NEEDS,
            "skills": Tool.Skill.choices,
            "hosting": HOSTING,
            "budgets": BUDGETS,
            "services": Service.objects.order_by("name").only("slug", "name"),
            "answers": answers,
            "errors": errors,
            "suggestions": suggestions,
        },
    )


def _answers(params) -> tuple[dict, list[str]]:
    if "besoin" not in params:
        return {}, []
    answers, errors = {}, []
    needs = {key: categories for key, _label, categories in NEEDS}
    if params.get("besoin") in needs:
        answers["besoin"] = params["besoin"]
    else:
        errors.append(_("Say what you need: choose one of the answers."))
    if params.get("actuel"):
        service = Service.objects.filter(slug=params["actuel"]).first()
        answers["actuel"] = service
    answers["niveau"] = params.get("niveau") if params.get("niveau") in SKILLS else "debutant"
    answers["hebergement"] = (
        params.get("hebergement") if params.get("hebergement") in dict(HOSTING) else "egal"
    )
    answers["budget"] = params.get("budget") if params.get("budget") in dict(BUDGETS) else "egal"
    return answers, errors


def _suggest(answers) -> list[Suggestion]:
    categories = next(c for key, _label, c in NEEDS if key == answers["besoin"])
    level = SKILLS.index(answers["niveau"])
    candidates = (
        Tool.objects.filter(published=True, reviewed=True, categories__slug__in=categories)
        .distinct()
        .prefetch_related("offers__hoster", "replaces")
    )
    if answers["hebergement"] == "auto":
        candidates = candidates.filter(self_hostable=True)
    suggestions = [_score(tool, answers, level) for tool in candidates]
    suggestions = [s for s in suggestions if s is not None]
    suggestions.sort(key=lambda s: (-s.score, s.tool.name))
    return suggestions[:FINDER_RESULTS]


def _score(tool, answers, level) -> Suggestion | None:
    suggestion = Suggestion(tool=tool)
    ethical_hosters = [
        o.hoster
        for o in tool.offers.all()
        if o.hoster.type in (Hoster.Type.ASSOCIATION, Hoster.Type.COOPERATIVE)
    ]
    free_offers = [o for o in tool.offers.all() if _free_of_charge(o.price)]
    hosted_elsewhere = tool.offers.all() or tool.criteria.get("ethical_hosting") in ("bon", "moyen")
    if answers["hebergement"] == "heberge" and tool.self_hostable and not hosted_elsewhere:
        return None  # it has to be installed, and nobody is known to offer it hosted
    if tool.skill_level in SKILLS and SKILLS.index(tool.skill_level) > level:
        suggestion.score -= 2
        suggestion.cautions.append(
            _("it asks for more skill (%(level)s)") % {"level": tool.get_skill_level_display()}
        )
    if tool.is_free:
        suggestion.score += 3
        suggestion.reasons.append(_("free licence: you keep control and can move elsewhere"))
    if ethical_hosters:
        suggestion.score += 2
        names = ", ".join(sorted({h.name for h in ethical_hosters})[:3])
        suggestion.reasons.append(
            _("offered by associative or cooperative hosters (%(names)s)") % {"names": names}
        )
    if answers["budget"] == "zero" and answers["hebergement"] != "auto":
        if free_offers:
            suggestion.score += 1
            suggestion.reasons.append(_("a free-of-charge offer exists"))
        elif tool.offers.all():
            suggestion.cautions.append(_("no free-of-charge offer is listed"))
    current = answers.get("actuel")
    if current and current in tool.replaces.all():
        suggestion.score += 3
        suggestion.reasons.append(_("replaces %(name)s") % {"name": current.name})
    good = [label for key, label in CRITERIA if tool.criteria.get(key) == "bon"]
    suggestion.score += len(good)
    if good:
        suggestion.reasons.append(
            _("good on: %(criteria)s") % {"criteria": ", ".join(map(str, good))}
        )
    if tool.audience == Tool.Audience.MASS:
        suggestion.score += 1 if answers["besoin"] == "reseaux" else 0
        suggestion.cautions.append(
            _("a mass platform: large audience, but your data and your reach depend on it")
        )
    if tool.tracking == "publicite-ciblee":
        suggestion.score -= 3
        suggestion.cautions.append(_("targeted advertising and tracking of your audience"))
    elif tool.tracking == "mesure-audience":
        suggestion.score -= 1
        suggestion.cautions.append(_("it measures the audience of your visitors"))
    return suggestion


def _free_of_charge(price: str) -> bool:
    price = (price or "").lower()
    return "gratuit" in price or "free" in price or price.strip() in ("0", "0 €")
