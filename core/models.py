from django.db import models
from django.utils.translation import gettext_lazy as _


class SiteSettings(models.Model):
    """Settings an admin changes at run time (one row). The read-only switch lives here."""

    read_only = models.BooleanField(
        _("read-only"),
        default=False,
        help_text=_("Stop every edit on the site (during maintenance or a spam wave)."),
    )
    read_only_message = models.CharField(
        _("message shown while read-only"), max_length=300, blank=True
    )

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")

    def __str__(self):
        return str(_("Site settings"))
