from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core import ratelimit
from core.cache import anonymous_page
from core.site import SiteReadOnly
from resources import images, notifications, services, transfer
from resources.forms import ArticleForm, CommentForm, ImageForm
from resources.models import Article, Follow, Image, Tag
from revisions import services as revisions
from revisions.diff import diff_fields, diff_html
from revisions.exceptions import EditConflict, RevisionError
from revisions.models import Revision

HISTORY_PAGE_SIZE = 25
FIELD_LABELS = {
    "title": gettext_lazy("Title"),
    "summary": gettext_lazy("Summary"),
    "kind": gettext_lazy("Kind of article"),
    "tags": gettext_lazy("Tags"),
}
LIST_PAGE_SIZE = 30
TAGS_SHOWN = 40


@require_safe
def article_list(request):
    # Titles, summaries and tags change only with a revision or a review.
    return anonymous_page(
        request,
        ("articles", request.get_full_path(), *Revision.objects.last_change()),
        lambda: _article_list(request),
    )


def _article_list(request):
    articles = Article.objects.listing()
    tag = None
    if request.GET.get("etiquette"):
        tag = get_object_or_404(Tag, slug=request.GET["etiquette"])
        articles = articles.filter(tags=tag)
    kind = request.GET.get("type")
    if kind in Article.Kind.values:
        articles = articles.filter(kind=kind)
    page = Paginator(articles, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    # EXISTS per tag, not a DISTINCT over every (article, tag) pair: 25 ms with 10,000 articles.
    # At most TAGS_SHOWN: a listing page must not grow with the wiki (30 KB, EcoIndex A).
    tags = Tag.objects.filter(
        Exists(Article.tags.through.objects.filter(tag=OuterRef("pk"), article__published=True))
    ).order_by("name")[:TAGS_SHOWN]
    follow = (
        Follow.objects.filter(user=request.user, tag=tag).first()
        if tag and request.user.is_authenticated
        else None
    )
    return render(
        request,
        "resources/article_list.html",
        {
            "page": page,
            "tag": tag,
            "tags": tags,
            "kind": kind,
            "kinds": Article.Kind.choices,
            "follow": follow,
            "frequencies": Follow.Frequency.choices,
        },
    )


@require_safe
def article_detail(request, slug):
    # An anonymous reader gets the page from the cache while the article shows the same
    # revision (make bench: 8 ms of rendering for a page that changes at each edit only).
    return anonymous_page(
        request, ("article", *_published_state(slug)), lambda: _article_detail(request, slug)
    )


def _published_state(slug) -> tuple:
    """What an anonymous reader's view of an article depends on, in one query."""
    state = (
        Article.objects.filter(slug=slug, published=True)
        .values_list("pk", "document__current_revision_id", "document__protected")
        .first()
    )
    return state or ("unpublished", slug)


def _article_detail(request, slug):
    article = _get_article(request, slug)
    revision = article.document.current_revision
    if revision is None:  # created by a new account, waiting for review
        revision = article.document.revisions.visible_to(request.user).first()
    follow = (
        Follow.objects.filter(user=request.user, article=article).first()
        if request.user.is_authenticated
        else None
    )
    return render(
        request,
        "resources/article_detail.html",
        {
            "article": article,
            "revision": revision,
            "html": services.render_revision(revision),
            "pending": article.document.revisions.pending().exists(),
            "follow": follow,
            "frequencies": Follow.Frequency.choices,
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def article_create(request):
    form = ArticleForm(request.POST or None, initial={"title": request.GET.get("titre", "")[:200]})
    preview = None
    if request.method == "POST" and form.is_valid():
        if "preview" in request.POST:
            preview = services.render_text(form.cleaned_data["text"])
        elif not ratelimit.allow(action="create", user=request.user):
            form.add_error(
                None, _("You have created many pages in a short time. Please wait a little.")
            )
        else:
            try:
                article = services.article_create(
                    fields=form.fields_value(),
                    author=request.user,
                    summary=form.cleaned_data["edit_summary"],
                )
            except (RevisionError, SiteReadOnly) as error:
                form.add_error(None, str(error.message))
            else:
                _announce(request, pending=article.document.current_revision_id is None)
                return redirect(article)
    return render(request, "resources/article_form.html", {"form": form, "preview": preview})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def article_edit(request, slug):
    article = _get_article(request, slug)
    current = (
        article.document.current_revision
        or article.document.revisions.visible_to(request.user).first()
    )
    form = ArticleForm(
        request.POST or None, initial=None if request.POST else ArticleForm.initial_for(current)
    )
    preview = None
    if request.method == "POST" and form.is_valid():
        if "preview" in request.POST:
            preview = services.render_text(form.cleaned_data["text"])
        elif not ratelimit.allow(action="edit", user=request.user):
            form.add_error(
                None, _("You have made many changes in a short time. Please wait a little.")
            )
        else:
            base = Revision.objects.filter(
                document=article.document, pk=form.cleaned_data["base_revision"]
            ).first()
            if base is None and article.document.current_revision_id:
                form.add_error(
                    None,
                    _(
                        "Your edit lost the revision it started from. Copy your text, "
                        "reload the page and paste it again."
                    ),
                )
                return render(
                    request,
                    "resources/article_form.html",
                    {"form": form, "article": article, "preview": None},
                )
            try:
                result = services.article_revise(
                    article=article,
                    base_revision=base,
                    fields=form.fields_value(),
                    author=request.user,
                    summary=form.cleaned_data["edit_summary"],
                    minor=form.cleaned_data["minor"],
                )
            except EditConflict as conflict:
                return _conflict(request, article, form, conflict)
            except (RevisionError, SiteReadOnly) as error:
                form.add_error(None, str(error.message))
            else:
                _announce(
                    request,
                    pending=result.pending,
                    merged=result.merged,
                    unchanged=result.unchanged,
                )
                return redirect(article)
    return render(
        request,
        "resources/article_form.html",
        {"form": form, "article": article, "preview": preview},
    )


def _conflict(request, article, form, conflict):
    """Nothing was saved: show the editor's own text intact, the current text, and a proposal."""
    current = conflict.current
    proposal = ArticleForm(
        initial={
            **form.cleaned_data,
            **_data_initial(conflict.proposal_data),
            "text": conflict.proposal_text,
            "base_revision": current.pk,
        }
    )
    return render(
        request,
        "resources/article_conflict.html",
        {
            "article": article,
            "form": proposal,
            "my_text": conflict.my_text,
            "current": current,
            "conflicts": conflict.conflicts,
        },
        status=409,
    )


def _data_initial(data):
    initial = {key: data[key] for key in ("title", "summary", "kind") if key in data}
    if "tags" in data:
        initial["tags"] = ", ".join(data["tags"])
    return initial


def _announce(request, *, pending=False, merged=False, unchanged=False):
    if unchanged:
        messages.info(request, _("You made no change: nothing was saved."))
    elif pending:
        messages.success(
            request,
            _(
                "Thank you! Your change will be published once a moderator has "
                "read it (the first edits of new accounts are reviewed)."
            ),
        )
    elif merged:
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
def article_history(request, slug):
    # Readers see accepted revisions only, and every accepted revision becomes the current one.
    page = request.GET.get("page", "")
    return anonymous_page(
        request,
        ("history", page, *_published_state(slug)),
        lambda: _article_history(request, slug),
    )


def _article_history(request, slug):
    article = _get_article(request, slug)
    revisions_qs = (
        article.document.revisions.visible_to(request.user)
        .select_related("author", "review")
        .order_by("-number")
    )
    page = Paginator(revisions_qs, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "resources/article_history.html", {"article": article, "page": page})


@require_safe
def article_diff(request, slug):
    # Revisions never change: a diff changes only with what "current" is.
    versions = (request.GET.get("de", ""), request.GET.get("a", ""))
    return anonymous_page(
        request,
        ("diff", *versions, *_published_state(slug)),
        lambda: _article_diff(request, slug),
    )


def _article_diff(request, slug):
    article = _get_article(request, slug)
    visible = article.document.revisions.visible_to(request.user)
    current = article.document.current_revision
    new = _revision_number(visible, request.GET.get("a"), default=current or visible.first())
    old = _revision_number(visible, request.GET.get("de"), default=None)
    if old is None:
        old = visible.filter(number__lt=new.number).order_by("-number").first()
    if old is None:
        raise Http404
    if old.number > new.number:
        old, new = new, old
    return render(
        request,
        "resources/article_diff.html",
        {
            "article": article,
            "old": old,
            "new": new,
            "diff": diff_html(old.text, new.text),
            "fields": [
                {
                    **change,
                    "field": FIELD_LABELS.get(change["field"], change["field"]),
                    "old": _display(change["old"]),
                    "new": _display(change["new"]),
                }
                for change in diff_fields(old.data, new.data)
            ],
            "current": current,
        },
    )


@require_safe
def article_revision(request, slug, number):
    article = _get_article(request, slug)
    revision = get_object_or_404(article.document.revisions.visible_to(request.user), number=number)
    return render(
        request,
        "resources/article_revision.html",
        {
            "article": article,
            "revision": revision,
            "html": services.render_revision(revision),
            "current": article.document.current_revision,
        },
    )


@login_required
@require_POST
def article_revert(request, slug, number):
    article = _get_article(request, slug)
    revision = get_object_or_404(article.document.revisions.accepted(), number=number)
    if not ratelimit.allow(action="edit", user=request.user):
        messages.error(
            request, _("You have made many changes in a short time. Please wait a little.")
        )
        return redirect(article)
    try:
        revisions.document_revert(
            document=article.document, to_revision=revision, author=request.user
        )
    except (RevisionError, SiteReadOnly) as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Revision %(number)s has been restored.") % {"number": number})
    return redirect(article)


@login_required
@require_POST
def article_protect(request, slug):
    article = _get_article(request, slug)
    if not request.user.is_moderator:
        raise Http404
    protect = request.POST.get("protected") == "1"
    try:
        revisions.document_protect(
            document=article.document, moderator=request.user, protected=protect
        )
    except (RevisionError, SiteReadOnly) as error:
        messages.error(request, str(error.message))
        return redirect(article)
    messages.success(
        request,
        _("The page is now protected.") if protect else _("The page is no longer protected."),
    )
    return redirect(article)


@require_http_methods(["GET", "HEAD", "POST"])
def article_talk(request, slug):
    article = _get_article(request, slug)
    form = CommentForm(request.POST or None)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"/compte/login/?next={request.path}")
        if form.is_valid():
            if not ratelimit.allow(action="comment", user=request.user):
                form.add_error(
                    None, _("You have written many messages in a short time. Please wait a little.")
                )
            else:
                try:
                    services.comment_create(
                        article=article, author=request.user, text=form.cleaned_data["text"]
                    )
                except (RevisionError, SiteReadOnly) as error:
                    form.add_error(None, str(error.message))
                else:
                    messages.success(request, _("Your message has been published."))
                    return redirect("resources:article-talk", slug=slug)
    comments = article.comments.select_related("author")
    if not (request.user.is_authenticated and request.user.is_moderator):
        comments = comments.filter(hidden=False)  # moderators see hidden ones, marked
    return render(
        request,
        "resources/article_talk.html",
        {"article": article, "comments": comments, "form": form},
    )


@login_required
@require_POST
def comment_moderate(request, slug, pk):
    article = _get_article(request, slug)
    if not request.user.is_moderator:
        raise Http404
    comment = get_object_or_404(article.comments, pk=pk)
    hidden = request.POST.get("hidden") == "1"
    try:
        services.comment_moderate(comment=comment, moderator=request.user, hidden=hidden)
    except (RevisionError, SiteReadOnly) as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("The message is hidden.") if hidden else _("The message is visible again."),
        )
    return redirect("resources:article-talk", slug=slug)


def _get_article(request, slug):
    queryset = (
        Article.objects.visible_to(request.user)
        .select_related("document__current_revision__author")
        .prefetch_related("tags")
    )
    return get_object_or_404(queryset, slug=slug)


def _display(value):
    """A field's value as a reader sees it: kinds by their label, lists joined."""
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return dict(Article.Kind.choices).get(value, value)


def _revision_number(queryset, value, default):
    if value in (None, ""):
        return default
    try:
        return queryset.get(number=int(value))
    except (ValueError, Revision.DoesNotExist) as error:
        raise Http404 from error


@login_required
@require_POST
def article_follow(request, slug):
    article = _get_article(request, slug)
    return _follow(request, redirect_to=article.get_absolute_url(), article=article)


@login_required
@require_POST
def tag_follow(request, tag):
    tag = get_object_or_404(Tag, slug=tag)
    return _follow(request, redirect_to=tag.get_absolute_url(), tag=tag)


def _follow(request, *, redirect_to, article=None, tag=None):
    if request.POST.get("action") == "unfollow":
        for follow in Follow.objects.filter(user=request.user, article=article, tag=tag):
            services.follow_delete(follow=follow)
        messages.success(request, _("You no longer follow this page."))
    else:
        frequency = request.POST.get("frequency", Follow.Frequency.IMMEDIATE)
        if frequency not in Follow.Frequency.values:
            frequency = Follow.Frequency.IMMEDIATE
        services.follow_set(user=request.user, article=article, tag=tag, frequency=frequency)
        messages.success(request, _("Done: you will receive an email when it changes."))
    return redirect(redirect_to)


@csrf_exempt  # RFC 8058 one-click unsubscribe: the signed token is the authorisation
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    follow = notifications.follow_from_token(token)
    if request.method == "POST" and follow is not None:
        services.follow_delete(follow=follow)
        return render(request, "resources/unsubscribe.html", {"done": True})
    return render(
        request,
        "resources/unsubscribe.html",
        {"follow": follow, "token": token},
        status=200 if follow else 404,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def image_upload(request):
    form = ImageForm(request.POST or None, request.FILES or None)
    uploaded = None
    if request.method == "POST" and form.is_valid():
        if not ratelimit.allow(action="upload", user=request.user):
            form.add_error(
                None, _("You have sent many images in a short time. Please wait a little.")
            )
        else:
            try:
                uploaded = images.image_upload(
                    upload=form.cleaned_data["file"],
                    alt_text=form.cleaned_data["alt_text"],
                    decorative=form.cleaned_data["decorative"],
                    user=request.user,
                )
            except (images.ImageRejected, SiteReadOnly) as error:
                form.add_error(None, str(getattr(error, "message", error)))
            else:
                form = ImageForm()
    recent = Image.objects.filter(uploaded_by=request.user)[:20]
    return render(
        request,
        "resources/image_upload.html",
        {"form": form, "uploaded": uploaded, "recent": recent},
    )


@require_safe
def wiki_download(request):
    """The whole wiki as open data: Markdown files and JSON metadata, CC BY-SA 4.0."""
    response = HttpResponse(transfer.wiki_export_cached(), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="presence-ressources.zip"'
    return response
