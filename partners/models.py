"""Organisations in the partnership and the people who work in the portal."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from landerd_portal.fields import DESCRIPTION_MAX_LENGTH, BoundedTextField


class ParticipationLevel(models.TextChoices):
    """The five participation levels of a collaboration agreement (seed 004)."""

    INFORMEREN = "informeren", _("Informeren")
    RAADPLEGEN = "raadplegen", _("Raadplegen")
    ADVISEREN = "adviseren", _("Adviseren")
    CO_CREATIE = "co-creatie", _("Co-creatie / partnerschap")
    ZELFONTWIKKELING = "zelfontwikkeling", _("Zelfontwikkeling")


class Organisation(models.Model):
    class Kind(models.TextChoices):
        GEMEENTE = "gemeente", _("Gemeente")
        ZORG = "zorg", _("Zorgorganisatie")
        WELZIJN = "welzijn", _("Welzijnsorganisatie")
        GEZONDHEID = "gezondheid", _("Publieke gezondheid")
        EERSTELIJN = "eerstelijn", _("Eerstelijnszorg")
        ONDERWIJS = "onderwijs", _("Onderwijs")
        BURGERINITIATIEF = "burgerinitiatief", _("Burgerinitiatief / zorgcoöperatie")
        CULTUUR = "cultuur", _("Cultuur en bibliotheek")
        OVERIG = "overig", _("Overig")

    name = models.CharField(_("naam"), max_length=200, unique=True)
    slug = models.SlugField(_("korte naam"), max_length=200, unique=True)
    kind = models.CharField(_("soort"), max_length=30, choices=Kind.choices, default=Kind.OVERIG)
    website = models.URLField(_("website"), blank=True)
    signed_programme_plan_on = models.DateField(
        _("programmaplan ondertekend op"), null=True, blank=True
    )
    participation_level = models.CharField(
        _("participatieniveau"),
        max_length=20,
        choices=ParticipationLevel.choices,
        default=ParticipationLevel.CO_CREATIE,
    )
    contribution = BoundedTextField(
        _("bijdrage aan het programma"), max_length=DESCRIPTION_MAX_LENGTH, blank=True
    )
    core_values = BoundedTextField(_("kernwaarden"), max_length=DESCRIPTION_MAX_LENGTH, blank=True)
    interests = BoundedTextField(_("belangen"), max_length=DESCRIPTION_MAX_LENGTH, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def is_signatory(self):
        return self.signed_programme_plan_on is not None


class UserManager(BaseUserManager):
    """Users sign in with their e-mail address; there is no separate username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
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
        extra_fields.setdefault("role", User.Role.BEHEER)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})


class User(AbstractUser):
    """A person using the portal, with one role and (for partners) one organisation."""

    class Role(models.TextChoices):
        PARTNER = "partner", _("Partner")
        KARTREKKER = "kartrekker", _("Kartrekker")
        PROGRAMMATEAM = "programmateam", _("Programmateam")
        GRIFFIE = "griffie", _("Griffie")
        OBSERVER = "observer", _("Meelezer")
        BEHEER = "beheer", _("Beheer")

    username = None
    email = models.EmailField(_("e-mailadres"), unique=True)
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices, default=Role.PARTNER)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        related_name="members",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    job_title = models.CharField(_("functie"), max_length=200, blank=True)
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    # Role, organisation and active changes leave a trace; the password hash and the last
    # sign-in are no history of what anyone decided.
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["first_name", "last_name", "email"]

    def __str__(self):
        return self.get_full_name() or self.email

    def get_absolute_url(self):
        return reverse("admin:partners_user_change", args=[self.pk])

    def save(self, *args, **kwargs):
        # Signing in only stamps last_login, which the history leaves out: no record then
        # (nor the cache refresh a new record would cause on every sign-in).
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and set(update_fields) <= {"last_login"}:
            self.skip_history_when_saving = True
            try:
                return super().save(*args, **kwargs)
            finally:
                del self.skip_history_when_saving
        return super().save(*args, **kwargs)

    def get_session_auth_hash(self):
        """What a session is valid for: this password, role, organisation and active flag.

        Django keeps this hash in the session at sign-in and refuses the session on the
        next request when it no longer matches. Beyond Django's password this covers what
        decides what the user may see, so that switching someone off, or changing their
        role or organisation, ends every session they have at once: also when it was
        changed without signals (``QuerySet.update()``) or while the cache is down.
        ``update_session_auth_hash`` keeps the current session after a password change.
        """
        return self._portal_session_auth_hash()

    def get_session_auth_fallback_hash(self):
        for secret in settings.SECRET_KEY_FALLBACKS:
            yield self._portal_session_auth_hash(secret=secret)

    def _portal_session_auth_hash(self, secret=None):
        state = "|".join(
            str(value)
            for value in (
                self.password,
                self.role,
                self.organisation_id,
                self.is_active,
                self.is_superuser,
            )
        )
        return salted_hmac(
            "partners.User.get_session_auth_hash", state, secret=secret, algorithm="sha256"
        ).hexdigest()


class ApiToken(models.Model):
    """A key with which a user's own scripts use the REST API (``/api/v1/``) as that user.

    Only a SHA-256 digest of the key is stored: the key itself is shown once, when it is
    made, and cannot be read back from the database. The key starts with ``prefix``, by
    which it is looked up. A revoked key (or one of a user who was switched off) opens
    nothing any more; the row stays, for the history.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        related_name="api_tokens",
        on_delete=models.CASCADE,
    )
    name = models.CharField(_("naam"), max_length=100)
    prefix = models.CharField(_("begin van de sleutel"), max_length=16, unique=True)
    digest = models.CharField(_("controlegetal (SHA-256)"), max_length=64)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("laatst gebruikt op"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    # Creating and revoking are in the history; its use (last_used_at) is not a change.
    history = HistoricalRecords(excluded_fields=["last_used_at"])

    class Meta:
        verbose_name = _("API-sleutel")
        verbose_name_plural = _("API-sleutels")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self):
        return self.revoked_at is None
