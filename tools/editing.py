"""Propose a tool, edit an entry, read its history, compare and restore revisions.

The entry's fields and description are revised together by the revision engine, exactly as
the resources' pages are: same review of new accounts, same three-way merge, same history.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core import ratelimit
from core.site import SiteReadOnly
from revisions import services as revisions
from revisions.diff import diff_fields, diff_html
from revisions.exceptions import EditConflict, RevisionError
from revisions.models import Revision
from tools import services
from tools.forms import ToolForm
from tools.models import Tool

HISTORY_PAGE_SIZE = 25
FIELD_LABELS = {
    "name": gettext_lazy("Name"),
    "summary": gettext_lazy("Summary"),
    "categories": gettext_lazy("Categories"),
    "licence": gettext_lazy("Licence"),
    "website": gettext_lazy("Website"),
    "source_code": gettext_lazy("Source code"),
    "self_hostable": gettext_lazy("Can be self-hosted"),
    "skill_level": gettext_lazy("Skill needed to use it"),
    "audience": gettext_lazy("Audience"),
    "interests": gettext_lazy("Its interests"),
    "limits": gettext_lazy("Specifics and limits"),
    "criteria": gettext_lazy("Ethical criteria"),
    "last_checked": gettext_lazy("Last checked"),
    "tags": gettext_lazy("Tags"),
    "platforms": gettext_lazy("Platforms"),
    "tracking": gettext_lazy("Tracking and advertising"),
    "accessibility": gettext_lazy("Accessibility notes"),
    "business_model": gettext_lazy("Business model"),
}
SLOW_DOWN = gettext_lazy("You have made many changes in a short time. Please wait a little.")


def _tool(slug) -> Tool:
    return get_object_or_404(Tool.objects.select_related("document__current_revision"), slug=slug)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def tool_propose(request):
    form = ToolForm(request.POST or None, initial={"name": request.GET.get("nom", "")[:120]})
    if request.method == "POST" and form.is_valid():
        if not ratelimit.allow(action="create", user=request.user):
            form.add_error(None, SLOW_DOWN)
        else:
            try:
                tool = services.tool_create(
                    slug=services.free_slug(form.cleaned_data["name"]),
                    data=form.data_value(),
                    author=request.user,
                    summary=form.cleaned_data["edit_summary"],
                )
            except (RevisionError, SiteReadOnly) as error:
                form.add_error(None, str(error.message))
            else:
                if tool.published:
                    messages.success(request, _("Thank you! The tool is now in the directory."))
                    return redirect(tool)
                messages.success(
                    request,
                    _(
                        "Thank you! The tool will appear in the directory once a moderator has "
                        "read it (the first contributions of new accounts are reviewed)."
                    ),
                )
                return redirect("tools:tool-list")
    return render(request, "tools/tool_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def tool_edit(request, slug):
    tool = _tool(slug)
    current = tool.document.current_revision
    if current is None:
        raise Http404
    form = ToolForm(
        request.POST or None,
        tool=tool,
        initial=None if request.POST else ToolForm.initial_for(current),
    )
    if request.method == "POST" and form.is_valid():
        if not ratelimit.allow(action="edit", user=request.user):
            form.add_error(None, SLOW_DOWN)
            return render(request, "tools/tool_form.html", {"form": form, "tool": tool})
        base = Revision.objects.filter(
            document=tool.document, pk=form.cleaned_data["base_revision"]
        ).first()
        try:
            result = services.tool_revise(
                tool=tool,
                base_revision=base,
                data=form.data_value(base=(base or current).data),
                author=request.user,
                summary=form.cleaned_data["edit_summary"],
            )
        except EditConflict as conflict:
            return _conflict(request, tool, form, conflict)
        except (RevisionError, SiteReadOnly) as error:
            form.add_error(None, str(error.message))
        else:
            _announce(request, result)
            return redirect(tool)
    return render(request, "tools/tool_form.html", {"form": form, "tool": tool})


def _conflict(request, tool, form, conflict):
    """Nothing was saved: the editor's text intact, the published one, and a merged proposal."""
    proposal = Revision(
        document=tool.document, compressed_text=Revision.compress(conflict.proposal_text)
    )
    proposal.data = conflict.proposal_data
    initial = ToolForm.initial_for(proposal)
    initial["base_revision"] = conflict.current.pk
    initial["edit_summary"] = form.cleaned_data.get("edit_summary", "")
    return render(
        request,
        "tools/tool_conflict.html",
        {
            "tool": tool,
            "form": ToolForm(initial=initial, tool=tool),
            "my_text": conflict.my_text,
            "current": conflict.current,
            "conflicts": conflict.conflicts,
        },
        status=409,
    )


def _announce(request, result):
    if result.unchanged:
        messages.info(request, _("You made no change: nothing was saved."))
    elif result.pending:
        messages.success(
            request,
            _(
                "Thank you! Your change will be published once a moderator has "
                "read it (the first edits of new accounts are reviewed)."
            ),
        )
    elif result.merged:
        messages.success(
            request,
            _(
                "Someone else changed the page while you were editing. Your "
                "changes did not overlap, so both were kept."
            ),
        )
    else:
        messages.success(request, _("Your change has been published. Thank you!"))


@require_safe
def tool_history(request, slug):
    tool = _tool(slug)
    revisions_qs = (
        tool.document.revisions.visible_to(request.user)
        .select_related("author", "review")
        .order_by("-number")
    )
    page = Paginator(revisions_qs, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "tools/tool_history.html", {"tool": tool, "page": page})


@require_safe
def tool_diff(request, slug):
    tool = _tool(slug)
    visible = tool.document.revisions.visible_to(request.user)
    current = tool.document.current_revision
    new = _number(visible, request.GET.get("a")) or current or visible.first()
    old = _number(visible, request.GET.get("de"))
    if old is None and new is not None:
        old = visible.filter(number__lt=new.number).order_by("-number").first()
    if old is None or new is None:
        raise Http404
    if old.number > new.number:
        old, new = new, old
    changes = [
        {
            "field": FIELD_LABELS.get(change["field"], change["field"]),
            "old": _display(change["old"]),
            "new": _display(change["new"]),
        }
        for change in diff_fields(old.data, new.data)
    ]
    return render(
        request,
        "tools/tool_diff.html",
        {
            "tool": tool,
            "old": old,
            "new": new,
            "current": current,
            "diff": diff_html(old.text, new.text),
            "fields": changes,
        },
    )


def _number(queryset, value):
    try:
        return queryset.filter(number=int(value)).first()
    except (TypeError, ValueError):
        return None


def _display(value) -> str:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, dict):
        return "; ".join(
            f"{key}: {item.get('value', '') if isinstance(item, dict) else item}"
            for key, item in value.items()
        )
    return "" if value is None else str(value)


@login_required
@require_POST
def tool_revert(request, slug, number):
    tool = _tool(slug)
    revision = get_object_or_404(tool.document.revisions.accepted(), number=number)
    if not ratelimit.allow(action="edit", user=request.user):
        messages.error(request, SLOW_DOWN)
        return redirect(tool)
    try:
        revisions.document_revert(document=tool.document, to_revision=revision, author=request.user)
    except (RevisionError, SiteReadOnly) as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Revision %(number)s has been restored.") % {"number": number})
    return redirect(tool)
