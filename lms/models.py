"""The platform core: networks of towns, organisations, departments, job roles, people."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet


class Network(models.Model):
    """Towns that share a course catalogue and compare their indicators."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), unique=True)

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    class Kind(models.TextChoices):
        TOWN = "town", _("Town")
        INTERMUNICIPAL = "intermunicipal", _("Inter-municipal body")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.TOWN)
    network = models.ForeignKey(
        Network,
        verbose_name=_("network"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organisations",
    )
    shares_indicators = models.BooleanField(
        _("shares anonymised indicators with the network"), default=False
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        help_text=_("Printed on the town's attestations."),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The Wagtail collection holding the town's images and documents; set by
    # ``lms.collections.ensure_town_collection``.
    collection = models.OneToOneField(
        "wagtailcore.Collection",
        verbose_name=_("collection of images and documents"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="organisation",
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class DepartmentQuerySet(MP_NodeQuerySet):
    def for_organisation(self, organisation: Organisation) -> DepartmentQuerySet:
        return self.filter(organisation=organisation)

    def subtree_of(self, department: Department) -> DepartmentQuerySet:
        """The department and every department below it (one indexed prefix scan)."""
        return self.filter(path__startswith=department.path)


class DepartmentManager(MP_NodeManager.from_queryset(DepartmentQuerySet)):  # type: ignore[misc]
    def get_queryset(self) -> DepartmentQuerySet:
        return DepartmentQuerySet(self.model).order_by("path")


class Department(MP_Node):
    """A node of an organisation's chart: direction → service → unit.

    Stored as a materialised path (django-treebeard) so that "this department and
    everything below it" is one indexed ``LIKE 'path%'`` for reporting.
    """

    class Kind(models.TextChoices):
        DIRECTION = "direction", _("Direction")
        SERVICE = "service", _("Service")
        UNIT = "unit", _("Unit")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="departments",
    )
    code = models.CharField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind, default=Kind.SERVICE
    )

    node_order_by: ClassVar[list[str]] = ["name"]
    objects = DepartmentManager()

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "code"], name="department_code_unique_in_org"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        parent = self.get_parent() if self.pk and self.depth > 1 else None
        if parent is not None and parent.organisation_id != self.organisation_id:
            raise ValidationError(
                _("A department and its parent belong to the same organisation.")
            )


class JobRole(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="job_roles",
    )
    code = models.CharField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("job role")
        verbose_name_plural = _("job roles")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "code"], name="job_role_code_unique_in_org"
            )
        ]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person of one organisation: a member of staff or an elected official.

    Roles: everyone is a learner; a manager is anyone with reports; HR admins and
    content authors are flagged per organisation; platform admins are superusers.
    """

    class Kind(models.TextChoices):
        STAFF = "staff", _("Staff")
        ELECTED = "elected", _("Elected official")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
    )
    # NULL, not "", for people outside any town's payroll (platform admins), so the
    # per-organisation uniqueness constraint ignores them.
    employee_number = models.CharField(  # noqa: DJ001
        _("employee number"), max_length=40, null=True, blank=True
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.STAFF)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
    )
    job_role = models.ForeignKey(
        JobRole,
        verbose_name=_("job role"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
    )
    manager = models.ForeignKey(
        "self",
        verbose_name=_("manager"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
    )
    hire_date = models.DateField(_("hire date"), null=True, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="fr",
    )
    is_hr_admin = models.BooleanField(_("HR administrator"), default=False)
    is_author = models.BooleanField(_("content author"), default=False)

    objects = UserManager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "employee_number"],
                name="employee_number_unique_in_org",
            )
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def get_absolute_url(self) -> str:
        return reverse("lms:person-detail", args=[self.pk])

    @property
    def is_elected(self) -> bool:
        return self.kind == self.Kind.ELECTED

    @property
    def may_use_back_office(self) -> bool:
        """Cheap check for navigation; the admin itself asks ``has_perm``."""
        return self.is_active and (
            self.is_superuser or self.is_hr_admin or self.is_author
        )

    def clean(self) -> None:
        super().clean()
        if self.is_elected and (
            self.department_id or self.manager_id or self.hire_date
        ):
            raise ValidationError(
                _("Elected officials have no department, manager or hire date.")
            )
        if self.manager_id and self.manager_id == self.pk:
            raise ValidationError(_("A person cannot be their own manager."))


# After this long without a worker picking an import up, the page says what to run.
WORKER_NOTICE_SECONDS = 10


class ImportJob(models.Model):
    """One upload of a people file: validated first (dry run), applied on request."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        VALIDATING = "validating", _("Checking")
        INVALID = "invalid", _("Has errors")
        VALID = "valid", _("Ready to apply")
        APPLYING = "applying", _("Applying")
        APPLIED = "applied", _("Applied")
        FAILED = "failed", _("Failed")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="import_jobs"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True
    )
    filename = models.CharField(max_length=255)
    content = models.BinaryField()
    deactivate_missing = models.BooleanField(default=False)
    status = models.CharField(max_length=12, choices=Status, default=Status.PENDING)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename

    @property
    def waiting_for_worker(self) -> bool:
        """Still waiting for a background worker well after it was queued: the
        worker is probably not running (``manage.py db_worker``)."""
        return self.status == self.Status.PENDING and (
            timezone.now() - self.created_at
        ) > dt.timedelta(seconds=WORKER_NOTICE_SECONDS)

    @property
    def progress_percent(self) -> int:
        if not self.total_rows:
            return 100 if self.is_finished else 0
        return min(100, round(100 * self.processed_rows / self.total_rows))

    @property
    def is_finished(self) -> bool:
        return self.status in {
            self.Status.INVALID,
            self.Status.VALID,
            self.Status.APPLIED,
            self.Status.FAILED,
        }
