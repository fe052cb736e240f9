"""Organisations in the partnership and the people who work in the portal."""

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


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
    contribution = models.TextField(_("bijdrage aan het programma"), blank=True)
    core_values = models.TextField(_("kernwaarden"), blank=True)
    interests = models.TextField(_("belangen"), blank=True)

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

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["first_name", "last_name", "email"]

    def __str__(self):
        return self.get_full_name() or self.email

    def get_absolute_url(self):
        return reverse("admin:partners_user_change", args=[self.pk])
