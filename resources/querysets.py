from django.db import models
from django.db.models import Q


class ArticleQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Published articles; an unpublished one only to its first author and moderators."""
        if user.is_authenticated and getattr(user, "is_moderator", False):
            return self
        if user.is_authenticated:
            return self.filter(Q(published=True) | Q(document__revisions__author=user)).distinct()
        return self.filter(published=True)

    def listing(self):
        return self.filter(published=True).prefetch_related("tags").order_by("title")
