"""Load the articles shipped in content/ressources/ (idempotent: a second run changes nothing).

A shipped article is created by "Équipe Présence". When a later release changes its text, the
change is applied as a new revision only if nobody edited the article since: contributors' work
always wins over the shipped version.
"""

from pathlib import Path

from django.db import transaction

from accounts.models import system_user
from core import frontmatter
from resources import services
from resources.models import Article
from revisions import services as revisions
from revisions.models import Revision


@transaction.atomic
def load_articles(content_dir: Path) -> str:
    author = system_user()
    created = updated = 0
    for path in sorted((content_dir / "ressources").glob("*.md")):
        meta, body = frontmatter.read(path)
        fields = services.ArticleFields(
            title=meta["title"],
            text=body,
            summary=meta.get("summary", ""),
            kind=meta.get("kind", "reflexion"),
            tags=tuple(meta.get("tags", [])),
        )
        slug = meta.get("slug", path.stem)
        article = (
            Article.objects.filter(slug=slug).select_related("document__current_revision").first()
        )
        if article is None:
            services.article_create(
                fields=fields,
                author=author,
                review=False,
                slug=slug,
                action=Revision.Action.IMPORT,
                summary="Contenu livré avec Présence",
            )
            created += 1
        elif revisions.document_untouched(article.document, author=author) and _differs(
            article, fields
        ):
            services.article_revise(
                article=article,
                base_revision=article.document.current_revision,
                fields=fields,
                author=author,
                summary="Mise à jour du contenu livré",
                review=False,
            )
            updated += 1
    return f"{created} articles created, {updated} updated"


def _differs(article, fields) -> bool:
    current = article.document.current_revision
    return current.text != fields.text or current.data != fields.data()
