from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.models import DELETED_USER_EMAIL, SYSTEM_USER_EMAIL, User
from core.cache import anonymous_page
from core.site import SiteReadOnly
from revisions import hooks, services
from revisions.diff import diff_html
from revisions.exceptions import RevisionError
from revisions.models import Revision

PAGE_SIZE = 50
# Recent changes list the latest 1,000 changes (20 pages; the period filters reach older ones):
# counting every revision of the site for "page 1 of N" took 100 ms with 100,000 revisions and
# grew with the site; a bounded count stays under a millisecond (make bench, issue 7).
RECENT_LIMIT = 1000
PERIODS = {"1": 1, "7": 7, "30": 30, "365": 365}


def recent_revisions(request):
    """Accepted revisions of every kind of document, newest first, with the page's filters."""
    revisions = (
        Revision.objects.accepted()
        .select_related("document", "author")
        .order_by("-created_at", "-pk")
    )
    kind = request.GET.get("type", "")
    if kind:
        revisions = revisions.filter(document__kind=kind)
    if request.GET.get("mineures") == "0":
        revisions = revisions.filter(minor=False)
    days = PERIODS.get(request.GET.get("jours", ""), None)
    if days:
        revisions = revisions.filter(created_at__gte=timezone.now() - timedelta(days=days))
    return revisions, kind, days


@require_safe
def recent_changes(request):
    # From the cache for readers without cookies until a revision or a review is added.
    return anonymous_page(
        request,
        ("recent-changes", request.get_full_path(), *Revision.objects.last_change()),
        lambda: _recent_changes(request),
    )


def _recent_changes(request):
    revisions, kind, days = recent_revisions(request)
    page = Paginator(revisions[:RECENT_LIMIT], PAGE_SIZE).get_page(request.GET.get("page"))
    # The kinds of document the owning apps registered, rather than a DISTINCT over every
    # revision of the site.
    kinds = sorted(hooks.listeners)
    return render(
        request,
        "revisions/recent_changes.html",
        {
            "page": page,
            "kind": kind,
            "days": days,
            "kinds": kinds,
            "hide_minor": request.GET.get("mineures") == "0",
        },
    )


@login_required
@require_safe
def moderation(request):
    if not request.user.is_moderator:
        raise PermissionDenied
    pending = (
        Revision.objects.pending()
        .select_related("document", "author", "parent")
        .order_by("created_at")[:50]
    )
    items = [
        {"revision": r, "diff": diff_html(r.parent.text if r.parent else "", r.text)}
        for r in pending
    ]
    blocked = (
        User.objects.filter(is_active=False)
        .exclude(email__in=[SYSTEM_USER_EMAIL, DELETED_USER_EMAIL])
        .order_by("display_name", "pk")[:100]
    )
    return render(request, "revisions/moderation.html", {"items": items, "blocked": blocked})


@login_required
@require_POST
def moderation_decide(request, pk):
    if not request.user.is_moderator:
        raise PermissionDenied
    revision = get_object_or_404(Revision, pk=pk)
    note = request.POST.get("note", "")[:300]
    try:
        if request.POST.get("decision") == "accept":
            services.revision_accept(revision=revision, moderator=request.user, note=note)
            messages.success(request, _("The change has been published."))
        else:
            services.revision_reject(revision=revision, moderator=request.user, note=note)
            messages.success(request, _("The change has been rejected."))
    except (RevisionError, SiteReadOnly) as error:
        messages.error(request, str(error.message))
    return redirect("revisions:moderation")


@login_required
@require_http_methods(["POST"])
def account_block(request, pk):
    if not request.user.is_moderator:
        raise PermissionDenied
    member = get_object_or_404(User, pk=pk)
    try:
        services.account_block(user=member, moderator=request.user)
    except RevisionError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request, _("The account has been blocked and its pending changes rejected.")
        )
    return redirect("revisions:moderation")


@login_required
@require_http_methods(["POST"])
def account_unblock(request, pk):
    if not request.user.is_moderator:
        raise PermissionDenied
    member = get_object_or_404(User, pk=pk)
    try:
        services.account_unblock(user=member, moderator=request.user)
    except RevisionError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The account has been unblocked."))
    return redirect("revisions:moderation")
