import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from charter import services
from charter.answers import answers_from_request
from charter.chart import profile_chart
from charter.content import charter_document
from charter.forms import PublishForm, ThemeAnswersForm
from charter.models import Diagnostic, Questionnaire
from charter.results import theme_detail
from core import ratelimit
from core.cache import content_generation
from core.site import SiteReadOnly

RESULT_SECONDS = 300  # a correction of the questionnaire in the admin shows after that


@require_safe
def charter(request):
    return render(request, "charter/charter.html", {"charter": charter_document()})


@require_safe
def diagnostic(request):
    questionnaire = Questionnaire.objects.prefetch_related("themes").current()
    saved = Diagnostic.objects.owned_by(request.user).exists() if questionnaire else False
    return render(
        request,
        "charter/diagnostic.html",
        {"questionnaire": questionnaire, "has_saved_results": saved},
    )


@require_safe
def diagnostic_theme(request, theme):
    """One page of the questionnaire: the questions of one theme, answers so far kept."""
    questionnaire = Questionnaire.objects.with_content().current()
    if questionnaire is None:
        raise Http404
    themes = list(questionnaire.themes.all())
    index = next((i for i, t in enumerate(themes) if t.slug == theme), None)
    if index is None:
        raise Http404
    submitted = answers_from_request(request.GET, questionnaire=questionnaire)
    context = {
        "questionnaire": questionnaire,
        "theme": themes[index],
        "step": index + 1,
        "steps": len(themes),
        "previous_theme": themes[index - 1] if index > 0 else None,
        "next_theme": themes[index + 1] if index + 1 < len(themes) else None,
        "submitted": submitted,
        "answered": len(submitted.answers),
        "form": ThemeAnswersForm(theme=themes[index], answers=submitted.answers),
    }
    return render(request, "charter/diagnostic_theme.html", context)


@require_safe
def diagnostic_result(request):
    """The result of the answers carried by the request. Nothing is stored."""
    submitted = answers_from_request(request.GET)
    if submitted is None:
        raise Http404
    return _result_page(request, submitted)


def _result_page(request, submitted, *, error=None, status=200):
    # The profile and the plan of a visitor's answers are the same for every visitor: they are
    # rendered once per answers, language and content generation (the links they show), then
    # kept (make bench: 10 ms of rendering for 52 answers). A member's page shows their progress.
    key = None
    if not request.user.is_authenticated:
        key = "charter.result:" + ":".join(
            str(part)
            for part in (
                submitted.questionnaire.pk,
                submitted.token,
                get_language(),
                content_generation(),
            )
        )
    cached = cache.get(key) if key else None
    if cached is None:
        cached = _result_body(request, submitted)
        if key:
            cache.set(key, cached, RESULT_SECONDS)
    body, first_theme = cached
    context = {
        "body": body,
        "first_theme": first_theme,
        "questionnaire": submitted.questionnaire,
        "submitted": submitted,
        "token": submitted.token,
        "error": error,
    }
    return render(request, "charter/diagnostic_result.html", context, status=status)


def _result_body(request, submitted) -> tuple[str, str]:
    """The profile and the action plan of a result, as HTML, and the first theme's slug."""
    result = services.diagnostic_score(
        questionnaire=submitted.questionnaire, answers=submitted.answers
    )
    latest = Diagnostic.objects.owned_by(request.user).first()
    if latest is not None:
        versions = {submitted.questionnaire.pk: submitted.questionnaire}
        earlier = services.diagnostic_result(diagnostic=latest, questionnaires=versions)
        result = result.compared_with(earlier)
    context = {
        "result": result,
        "chart": profile_chart(result.themes),
        "token": submitted.token,
        "theme_links": _theme_links(result, token=submitted.token),
    }
    body = render_to_string("charter/components/result_body.html", context, request)
    return mark_safe(body), result.themes[0].slug  # noqa: S308 - rendered by our template


@require_safe
def diagnostic_result_theme(request, theme):
    """One theme of an unsaved result: each question, the answer given, what to do."""
    submitted = answers_from_request(request.GET)
    if submitted is None:
        raise Http404
    result = services.diagnostic_score(
        questionnaire=submitted.questionnaire, answers=submitted.answers
    )
    back = f"{reverse('charter:diagnostic-result')}?{urlencode({'r': submitted.token})}"
    return _theme_page(request, submitted.questionnaire, result, theme, back_url=back)


def _theme_page(request, questionnaire, result, slug, *, back_url):
    detail = theme_detail(questionnaire, result, slug)
    if detail is None:
        raise Http404
    score, questions = detail
    context = {"result": result, "theme": score, "questions": questions, "back_url": back_url}
    return render(request, "charter/diagnostic_result_theme.html", context)


def _theme_links(result, *, token=None, diagnostic=None) -> dict[str, str]:
    """The address of each theme's details, for the links of the table of scores."""
    if diagnostic is not None:
        return {
            theme.slug: reverse(
                "charter:diagnostic-detail-theme", args=[diagnostic.token, theme.slug]
            )
            for theme in result.themes
        }
    query = urlencode({"r": token})
    return {
        theme.slug: f"{reverse('charter:diagnostic-result-theme', args=[theme.slug])}?{query}"
        for theme in result.themes
    }


@require_safe
def diagnostic_result_json(request):
    submitted = answers_from_request(request.GET)
    if submitted is None:
        raise Http404
    result = services.diagnostic_score(
        questionnaire=submitted.questionnaire, answers=submitted.answers
    )
    return _json_download(result.as_json(), timezone.localdate())


@require_POST
def diagnostic_save(request):
    submitted = answers_from_request(request.POST)
    if submitted is None:
        raise Http404
    ip = request.META.get("REMOTE_ADDR", "")
    if not ratelimit.allow(action="diagnostic-save", user=request.user, key=f"ip:{ip}"):
        error = _("You have saved many results in a short time. Please wait a little.")
        return _result_page(request, submitted, error=error, status=429)
    try:
        diagnostic = services.diagnostic_save(
            questionnaire=submitted.questionnaire, answers=submitted.answers, owner=request.user
        )
    except SiteReadOnly as exc:
        return _result_page(request, submitted, error=str(exc), status=503)
    except ValidationError as exc:
        return _result_page(request, submitted, error=exc.messages[0], status=400)
    return redirect(diagnostic)


@never_cache
@require_safe
def diagnostic_detail(request, token):
    """A saved result, reached by its private link, on the version it was taken on."""
    diagnostic = get_object_or_404(Diagnostic.objects.select_related("questionnaire"), token=token)
    versions = {}
    result = services.diagnostic_result(diagnostic=diagnostic, questionnaires=versions)
    is_owner = _is_owner(request, diagnostic)
    if is_owner:
        earlier = Diagnostic.objects.owned_by(request.user).earlier_than(diagnostic).first()
        if earlier is not None:
            earlier_result = services.diagnostic_result(diagnostic=earlier, questionnaires=versions)
            result = result.compared_with(earlier_result)
    current = Questionnaire.objects.current()
    context = {
        "diagnostic": diagnostic,
        "result": result,
        "chart": profile_chart(result.themes),
        "theme_links": _theme_links(result, diagnostic=diagnostic),
        "is_owner": is_owner,
        "current_version": current.version if current else None,
        "private_url": request.build_absolute_uri(diagnostic.get_absolute_url()),
        "login_url": f"{reverse('account_login')}?{urlencode({'next': request.path})}",
    }
    return render(request, "charter/diagnostic_detail.html", context)


@never_cache
@require_safe
def diagnostic_detail_theme(request, token, theme):
    diagnostic = get_object_or_404(Diagnostic.objects.select_related("questionnaire"), token=token)
    versions = {}
    result = services.diagnostic_result(diagnostic=diagnostic, questionnaires=versions)
    questionnaire = versions[diagnostic.questionnaire_id]
    return _theme_page(
        request, questionnaire, result, theme, back_url=diagnostic.get_absolute_url()
    )


@never_cache
@require_safe
def diagnostic_detail_json(request, token):
    diagnostic = get_object_or_404(Diagnostic, token=token)
    result = services.diagnostic_result(diagnostic=diagnostic)
    return _json_download(result.as_json(), timezone.localdate(diagnostic.created_at))


@require_POST
def diagnostic_revoke(request, token):
    diagnostic = get_object_or_404(Diagnostic, token=token)
    if diagnostic.owner_id is not None and not _is_owner(request, diagnostic):
        raise PermissionDenied
    remaining = services.diagnostic_revoke(diagnostic=diagnostic)
    if remaining is None:
        return redirect("charter:diagnostic-revoked")
    messages.success(request, _("The old private link no longer works. Here is the new one."))
    return redirect(remaining)


@require_safe
def diagnostic_revoked(request):
    return render(request, "charter/diagnostic_revoked.html")


@login_required
@require_POST
def diagnostic_attach(request, token):
    diagnostic = get_object_or_404(Diagnostic, token=token)
    try:
        services.diagnostic_attach(diagnostic=diagnostic, owner=request.user)
    except SiteReadOnly as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The result is now kept in your account."))
    return redirect(diagnostic)


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def diagnostic_publish(request, token):
    diagnostic = get_object_or_404(Diagnostic, token=token)
    if not _is_owner(request, diagnostic):
        raise PermissionDenied
    initial = {"organisation_name": diagnostic.organisation_name}
    form = PublishForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.diagnostic_publish(diagnostic=diagnostic, **form.cleaned_data)
        except (SiteReadOnly, ValidationError) as exc:
            form.add_error(None, exc.messages[0] if isinstance(exc, ValidationError) else str(exc))
        else:
            messages.success(request, _("The profile is published."))
            return redirect(diagnostic.get_public_url())
    return render(
        request, "charter/diagnostic_publish.html", {"diagnostic": diagnostic, "form": form}
    )


@login_required
@require_POST
def diagnostic_unpublish(request, token):
    diagnostic = get_object_or_404(Diagnostic, token=token)
    if not _is_owner(request, diagnostic):
        raise PermissionDenied
    services.diagnostic_unpublish(diagnostic=diagnostic)
    messages.success(request, _("The profile is no longer public."))
    return redirect(diagnostic)


@never_cache
@login_required
@require_safe
def diagnostic_mine(request):
    """The member's saved results, each with its change since the one before."""
    diagnostics = list(Diagnostic.objects.owned_by(request.user).select_related("questionnaire"))
    versions = {}
    rows = [
        (diagnostic, services.diagnostic_result(diagnostic=diagnostic, questionnaires=versions))
        for diagnostic in diagnostics
    ]
    rows = [
        (diagnostic, result.compared_with(rows[i + 1][1] if i + 1 < len(rows) else None))
        for i, (diagnostic, result) in enumerate(rows)
    ]
    return render(request, "charter/diagnostic_mine.html", {"rows": rows})


@require_safe
def published_list(request):
    diagnostics = Diagnostic.objects.published().order_by("organisation_name", "-published_at")
    page = Paginator(diagnostics, 50).get_page(request.GET.get("page"))
    return render(request, "charter/published_list.html", {"page": page})


@require_safe
def published_detail(request, slug):
    diagnostic = get_object_or_404(
        Diagnostic.objects.published().select_related("questionnaire"), public_slug=slug
    )
    versions = {}
    result = services.diagnostic_result(diagnostic=diagnostic, questionnaires=versions)
    earlier = (
        Diagnostic.objects.published()
        .filter(owner_id=diagnostic.owner_id)
        .earlier_than(diagnostic)
        .first()
    )
    if earlier is not None:
        earlier_result = services.diagnostic_result(diagnostic=earlier, questionnaires=versions)
        result = result.compared_with(earlier_result)
    context = {"diagnostic": diagnostic, "result": result, "chart": profile_chart(result.themes)}
    return render(request, "charter/published_detail.html", context)


def _is_owner(request, diagnostic) -> bool:
    return request.user.is_authenticated and diagnostic.owner_id == request.user.pk


def _json_download(data: dict, day) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    filename = f"presence-autodiagnostic-{day.isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
