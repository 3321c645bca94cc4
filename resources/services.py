"""Every write on articles, and their rendering. The revision engine keeps the history."""

import re
from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core import markdown, registry, search
from core.cache import bump_content_generation, content_generation
from core.site import ensure_writable
from resources import images, notifications
from resources.models import Article, Comment, Follow, Tag
from revisions import services as revisions
from revisions.exceptions import RevisionError
from revisions.models import Revision

KIND = "article"
RESERVED_SLUGS = {
    "nouvelle",
    "images",
    "etiquettes",
    "desabonnement",
    "export",
}  # addresses of the wiki's own pages


class ArticleError(RevisionError):
    pass


@dataclass
class ArticleFields:
    title: str
    text: str
    summary: str = ""
    kind: str = Article.Kind.REFLECTION
    tags: tuple[str, ...] = ()

    def data(self) -> dict:
        return {
            "title": self.title,
            "summary": self.summary,
            "kind": self.kind,
            "tags": sorted(self.tags),
        }


def _checked(fields: ArticleFields) -> ArticleFields:
    """The same rules for the form, the API and imports: limits, line ends, final newline."""
    title = " ".join(fields.title.split())
    if not title or len(title) > 200:
        raise ArticleError(_("The title must have between 1 and 200 characters."))
    text = fields.text.replace("\r\n", "\n")
    text = text if text.endswith("\n") else text + "\n"
    limit = settings.WIKI_MAX_TEXT_LENGTH
    if len(text) > limit:
        raise ArticleError(
            _("The text is %(length)s characters long; the limit is %(limit)s.")
            % {"length": len(text), "limit": limit}
        )
    return ArticleFields(
        title=title, text=text, summary=fields.summary, kind=fields.kind, tags=fields.tags
    )


@transaction.atomic
def article_create(
    *,
    fields: ArticleFields,
    author,
    summary: str = "",
    review: bool | None = None,
    action: str = Revision.Action.CREATE,
    slug: str = "",
) -> Article:
    """A new article; published at once, or after review for a new account's first edits."""
    ensure_writable()
    fields = _checked(fields)
    slug = slug or slugify(fields.title)[:120]
    if not slug:
        raise ArticleError(_("The title must contain at least one letter or digit."))
    if slug in RESERVED_SLUGS:
        slug = f"{slug}-1"
    if Article.objects.filter(slug=slug).exists():
        raise ArticleError(_("An article with this address already exists: choose another title."))
    path = reverse("resources:article-detail", args=[slug])
    revision = revisions.document_create(
        kind=KIND,
        title=fields.title,
        path=path,
        text=fields.text,
        data=fields.data(),
        author=author,
        summary=summary or _("Creation"),
        review=review,
        action=action,
    )
    article = Article.objects.create(
        document=revision.document,
        slug=slug,
        title=fields.title,
        summary=fields.summary,
        kind=fields.kind,
    )
    _set_tags(article, fields.tags)
    if revision.document.current_revision_id:
        article_sync(revision.document)
    return article


@transaction.atomic
def article_revise(
    *,
    article: Article,
    base_revision: Revision | None,
    fields: ArticleFields,
    author,
    summary: str = "",
    minor: bool = False,
    review: bool | None = None,
) -> revisions.SaveResult:
    fields = _checked(fields)
    return revisions.document_revise(
        document=article.document,
        base_revision=base_revision,
        text=fields.text,
        data=fields.data(),
        author=author,
        summary=summary,
        minor=minor,
        review=review,
    )


def article_sync(document) -> None:
    """Copy the accepted revision's fields onto the article (called by the revision engine)."""
    article = Article.objects.filter(document=document).first()
    if article is None:  # called while article_create is still creating it
        return
    revision = document.current_revision
    data = revision.data
    newly_published = not article.published
    article.title = data.get("title", article.title)
    article.summary = data.get("summary", "")
    article.kind = data.get("kind", article.kind)
    article.published = True
    article.updated_at = revision.created_at
    article.save()
    _set_tags(article, data.get("tags", []))
    if document.title != article.title:
        revisions.document_describe(document=document, title=article.title, path=document.path)
    article_index(article)
    notifications.notify_followers(article, revision)
    if newly_published:
        bump_content_generation()


def article_index(article: Article) -> None:
    revision = article.document.current_revision
    search.index(
        kind=KIND,
        key=article.pk,
        title=article.title,
        url=article.get_absolute_url(),
        text=f"{article.summary}\n{markdown.plain_text(revision.text)}",
    )


@transaction.atomic
def article_search_rebuild() -> int:
    articles = Article.objects.filter(published=True).select_related("document__current_revision")
    for article in articles:
        article_index(article)
    return len(articles)


@transaction.atomic
def comment_create(*, article: Article, author, text: str) -> Comment:
    ensure_writable()
    text = text.strip()
    if not text:
        raise ArticleError(_("The message is empty."))
    return Comment.objects.create(article=article, author=author, text=text)


@transaction.atomic
def comment_moderate(*, comment: Comment, moderator, hidden: bool) -> Comment:
    """A moderator hides a message from the talk page (kept, so it can be shown again)."""
    ensure_writable()
    if not getattr(moderator, "is_moderator", False):
        raise ArticleError(_("Only moderators can hide a message."))
    comment.hidden = hidden
    comment.save(update_fields=["hidden"])
    return comment


@transaction.atomic
def follow_set(
    *, user, frequency: str, article: Article | None = None, tag: Tag | None = None
) -> Follow:
    """Follow an article or a tag (opt-in), or change how often to be told."""
    ensure_writable()
    if (article is None) == (tag is None):
        raise ValueError("Follow exactly one article or one tag.")
    follow, _created = Follow.objects.update_or_create(
        user=user, article=article, tag=tag, defaults={"frequency": frequency}
    )
    return follow


@transaction.atomic
def follow_delete(*, follow: Follow) -> None:
    follow.delete()


def follows_export(user) -> list[dict]:
    """The member's follows, for their data download."""
    return [
        {
            "article": f.article.slug if f.article else None,
            "tag": f.tag.name if f.tag else None,
            "frequency": f.frequency,
            "since": f.created_at.isoformat(),
        }
        for f in Follow.objects.filter(user=user).select_related("article", "tag")
    ]


def comments_export(user) -> list[dict]:
    return [
        {"article": c.article.slug, "text": c.text, "created_at": c.created_at.isoformat()}
        for c in Comment.objects.filter(author=user).select_related("article")
    ]


def _set_tags(article, names):
    tags = []
    for name in sorted({n.strip()[:50] for n in names if n and n.strip()}):
        tag_slug = slugify(name)[:60]
        if tag_slug:
            tag, _created = Tag.objects.get_or_create(slug=tag_slug, defaults={"name": name})
            tags.append(tag)
    article.tags.set(tags)


# Reading -------------------------------------------------------------------------------------


def render_revision(revision: Revision) -> str:
    """The sanitised HTML of a revision, cached until a page appears or disappears."""
    key = f"resources.html:{revision.pk}:{get_language()}:{content_generation()}"
    html = cache.get(key)
    if html is None:
        html = str(render_text(revision.text))
        cache.set(key, html, 24 * 3600)
    return html


def render_text(text: str):
    targets = markdown.wikilink_targets(text)
    known = _resolve_targets(targets)

    def resolve(target):
        slug = known.get(target.casefold())
        if slug:
            return reverse("resources:article-detail", args=[slug]), True
        return reverse("resources:article-create") + "?titre=" + quote(target), False

    links = markdown.LinkContext(
        resolve_wikilink=resolve,
        internal_link_exists=registry.internal_link_exists,
        image_alt=images.image_alt,
    )
    return markdown.render(text, links)


def _resolve_targets(targets) -> dict[str, str]:
    """Map each [[target]] (folded) to the slug of the published article it names, in one query."""
    if not targets:
        return {}
    lowered = {t.lower() for t in targets}
    rows = (
        Article.objects.filter(published=True)
        .annotate(lower_title=Lower("title"))
        .filter(Q(slug__in=lowered) | Q(lower_title__in=lowered))
        .values_list("slug", "lower_title")
    )
    found = {}
    for slug, lower_title in rows:
        found[slug] = slug
        found[lower_title] = slug
    return {t.casefold(): found[t.lower()] for t in targets if t.lower() in found}


ARTICLE_PATH = re.compile(r"^(?:/en)?/ressources/([\w-]+)/$")


def articles_related(*, kind: str, key: str, title: str) -> list[dict]:
    """Articles that mention an item of another app (a tool…), best matches first."""
    if kind == "article":
        return []
    hits = search.search(title, kinds=["article"], limit=5)
    return [{"group": _("Resources"), "title": hit.title, "url": hit.url} for hit in hits.hits]


def article_link_exists(path: str) -> bool | None:
    """Link checker for core.registry: is /ressources/<slug>/ a published article?"""
    match = ARTICLE_PATH.match(path.split("?")[0].split("#")[0])
    if match is None or match.group(1) in RESERVED_SLUGS:
        return None
    return Article.objects.filter(slug=match.group(1), published=True).exists()
