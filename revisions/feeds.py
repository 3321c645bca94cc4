from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from revisions.views import recent_revisions


class RecentChangesFeed(Feed):
    """Atom feed of recent changes, with the same filters as the page."""

    feed_type = Atom1Feed
    title = _("Présence: recent changes")
    subtitle = _("Every published change to the wiki and the directory.")

    def get_object(self, request):
        # Feed instances are shared between threads: the request travels as the feed's object.
        return request

    def link(self):
        return "/modifications-recentes/"

    def items(self, request):
        return recent_revisions(request)[0][:50]

    def item_title(self, revision):
        return f"{revision.document.title} ({revision.get_action_display()})"

    def item_description(self, revision):
        return revision.summary or revision.get_action_display()

    def item_link(self, revision):
        return f"{revision.document.path}#r{revision.number}"

    def item_author_name(self, revision):
        return str(revision.author)

    def item_pubdate(self, revision):
        return revision.created_at

    def item_updateddate(self, revision):
        return revision.created_at
