from django.db import models
from django.db.models import Max, Q


class RevisionQuerySet(models.QuerySet):
    def accepted(self):
        return self.filter(Q(needs_review=False) | Q(review__accepted=True))

    def last_change(self) -> tuple:
        """The keys of the latest revision and of the latest review: whatever readers see of
        the wiki (listings, recent changes) changes with one of them. Two index look-ups."""
        from revisions.models import Review

        return (
            self.model.objects.aggregate(n=Max("pk"))["n"],
            Review.objects.aggregate(n=Max("pk"))["n"],
        )

    def pending(self):
        return self.filter(needs_review=True, review__isnull=True)

    def visible_to(self, user):
        """Readers see accepted revisions; authors also their own; moderators everything."""
        if user.is_authenticated and getattr(user, "is_moderator", False):
            return self
        if user.is_authenticated:
            return self.filter(Q(needs_review=False) | Q(review__accepted=True) | Q(author=user))
        return self.accepted()
