"""Organisations, procurement areas, users and their memberships (the access model's facts)."""

import uuid

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kedja.core.models import InForceModel, PublicModel, end_not_before_start


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra):
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with an e-mail address."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("name"), max_length=200)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("staff"), default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.email


class OrganisationKind(models.TextChoices):
    SECRETARIAT = "secretariat", _("Secretariat")
    REGION = "region", _("Region")
    SUPPLIER = "supplier", _("Supplier")
    AUDIT_FIRM = "audit_firm", _("Audit firm")


class Organisation(PublicModel):
    """The secretariat, a region, a supplier or an audit firm."""

    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    slug = models.SlugField(max_length=80, unique=True)
    code = models.CharField(
        _("code"), max_length=20, blank=True, help_text=_("ISO 3166-2 code for regions, e.g. SE-AB.")
    )
    org_number = models.CharField(_("organisation number"), max_length=30, blank=True)
    country_code = models.CharField(_("country (ISO 3166-1 alpha-3)"), max_length=3, default="SWE")
    website = models.URLField(_("website"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    # A region's choice (default off: its strategists assess, as the access model says).
    officers_assess = models.BooleanField(
        _("procurement officers assess the region's own cases"), default=False, db_default=False
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(fields=["code"], condition=~Q(code=""), name="organisation_code_unique"),
            models.UniqueConstraint(
                fields=["kind", "org_number"],
                condition=~Q(org_number=""),
                name="organisation_kind_org_number_unique",
            ),
        ]
        # The lists read 25 by name from 50,000 suppliers: an index walk instead of a sort of all.
        # The supplier list's country options probe (kind, country) once per country.
        indexes = [
            models.Index(fields=["name"], name="organisation_name_idx"),
            models.Index(fields=["kind", "name"], name="organisation_kind_name_idx"),
            models.Index(fields=["kind", "country_code"], name="organisation_kind_country_idx"),
        ]

    def __str__(self) -> str:
        return self.name


class ProcurementArea(PublicModel):
    """One of the procurement areas A–H (upphandlingsregioner)."""

    letter = models.CharField(_("letter"), max_length=1, unique=True)
    name_sv = models.CharField(_("name (Swedish)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)

    class Meta:
        ordering = ["letter"]
        verbose_name = _("procurement area")
        verbose_name_plural = _("procurement areas")

    def __str__(self) -> str:
        return self.name_sv


class AreaMembership(InForceModel):
    """A dated record that an organisation belongs to a procurement area."""

    area = models.ForeignKey(ProcurementArea, on_delete=models.PROTECT, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="area_memberships")

    class Meta:
        ordering = ["area__letter", "organisation__name"]
        constraints = [
            *InForceModel.Meta.constraints,
            models.UniqueConstraint(
                fields=["area", "organisation", "valid_from"], name="area_membership_unique"
            ),
            end_not_before_start("valid_from", "valid_to", "area_membership_dates_ordered", open_end=True),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.area}"


class Role(models.TextChoices):
    SECRETARIAT_STAFF = "secretariat_staff", _("Secretariat staff")
    VIEWER = "viewer", _("Viewer")
    OFFICER = "officer", _("Procurement officer")
    STRATEGIST = "strategist", _("Sustainability strategist")
    SUPPLIER_CONTACT = "supplier_contact", _("Supplier contact")
    AUDITOR = "auditor", _("Auditor")


ROLES_BY_KIND = {
    OrganisationKind.SECRETARIAT: {Role.SECRETARIAT_STAFF, Role.VIEWER},
    OrganisationKind.REGION: {Role.VIEWER, Role.OFFICER, Role.STRATEGIST},
    OrganisationKind.SUPPLIER: {Role.SUPPLIER_CONTACT},
    OrganisationKind.AUDIT_FIRM: {Role.AUDITOR},
}


class Membership(PublicModel):
    """A user's role in one organisation; `is_org_admin` lets them manage its users."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    is_org_admin = models.BooleanField(_("organisation admin"), default=False)
    title = models.CharField(_("title"), max_length=200, blank=True)
    is_due_diligence_contact = models.BooleanField(
        _("due-diligence contact"),
        default=False,
        help_text=_("For suppliers: named responsible for due diligence (process requirement 1)."),
    )
    # Once any secretariat member is designated, only the designated handle grievances and read
    # reporters' contact details; with none designated, the whole secretariat handles.
    is_grievance_handler = models.BooleanField(_("grievance handler"), default=False)

    class Meta:
        ordering = ["organisation__name", "user__full_name"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"


class ExternalIdentity(models.Model):
    """A user's account at an OpenID Connect provider (issuer + subject), linked at their first
    single sign-on by a verified e-mail address; later sign-ins find the user by it alone."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="external_identities")
    issuer = models.URLField(_("issuer"), max_length=500)
    subject = models.CharField(_("subject"), max_length=255)
    linked_at = models.DateTimeField(_("linked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("external identity")
        verbose_name_plural = _("external identities")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="external_identity_unique"),
            models.UniqueConstraint(fields=["user", "issuer"], name="external_identity_one_per_issuer"),
        ]

    def __str__(self) -> str:
        return f"{self.user} at {self.issuer}"


class AreaCoordinatorship(InForceModel):
    """Designation of a region membership as coordinator of a procurement area, dated."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="coordinatorships")
    area = models.ForeignKey(ProcurementArea, on_delete=models.PROTECT, related_name="coordinators")

    class Meta:
        ordering = ["area__letter"]
        constraints = [
            *InForceModel.Meta.constraints,
            models.UniqueConstraint(
                fields=["membership", "area", "valid_from"], name="coordinatorship_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.membership.user} – {self.area}"


class LoginFailure(models.Model):
    """A failed sign-in, counted for the lockout after repeated failures under a keyed hash of the
    address typed (organisations.lockout.failure_key), never the address itself."""

    key = models.CharField(max_length=16, db_index=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.key} {self.at:%Y-%m-%d %H:%M}"
