from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RevisionsConfig(AppConfig):
    """The revision engine: documents, immutable revisions, merge, diff, review.

    It knows nothing of articles or tools: those apps own a Document each and call these services.
    """

    name = "revisions"
    verbose_name = _("Revisions")

    def ready(self):
        from core import registry

        registry.register_section(
            order=90, label=_("Recent changes"), url_name="revisions:recent-changes"
        )
