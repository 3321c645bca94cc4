from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DELETED_USER_EMAIL = "compte-supprime@presence.invalid"
SYSTEM_USER_EMAIL = "equipe@presence.invalid"

FACILITATORS = "facilitators"
MODERATORS = "moderators"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A member. The email address is the login; the display name is what others see."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(
        _("display name"),
        max_length=80,
        blank=True,
        help_text=_("Shown next to your contributions. Leave empty to stay anonymous."),
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")

    def __str__(self):
        return self.public_name

    def get_absolute_url(self):
        return reverse("accounts:account")

    @property
    def public_name(self) -> str:
        if self.email == DELETED_USER_EMAIL:
            return str(_("Deleted account"))
        return self.display_name or str(_("Member #%(id)s") % {"id": self.pk})

    @property
    def is_new_account(self) -> bool:
        """Joined less than REVIEW_NEW_ACCOUNT_DAYS ago: edits with new links wait for review."""
        age = timezone.now() - self.date_joined
        return age < timedelta(days=settings.REVIEW_NEW_ACCOUNT_DAYS)

    @property
    def is_moderator(self) -> bool:
        return self.is_superuser or self._in_group(MODERATORS)

    @property
    def is_facilitator(self) -> bool:
        return self.is_superuser or self._in_group(FACILITATORS)

    def _in_group(self, name: str) -> bool:
        return self.is_active and any(group.name == name for group in self.groups.all())


def deleted_user():
    """The neutral placeholder to which a deleted member's public contributions are attributed.

    Use it as `on_delete=models.SET(deleted_user)` on every foreign key to an author.
    """
    user, _created = User.objects.get_or_create(
        email=DELETED_USER_EMAIL, defaults={"is_active": False, "password": make_password(None)}
    )
    return user


def system_user():
    """The author of the content shipped with the platform ("Équipe Présence"); cannot sign in."""
    user, _created = User.objects.get_or_create(
        email=SYSTEM_USER_EMAIL,
        defaults={
            "is_active": False,
            "password": make_password(None),
            "display_name": "Équipe Présence",
        },
    )
    return user
