"""Back-office forms of course pages: what a town's authors may link a page to.

A course or lesson belongs to the town of its catalogue section. Its form only
offers, and only accepts, what that town owns or what is shared with it: the
prerequisites of a course, and the packages and other town-owned objects chosen
in a lesson's blocks (whatever their content type).
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping, MutableSequence
from typing import Any, cast

from django.db.models import Model, Q, QuerySet
from django.forms import ModelChoiceField, ModelForm
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from lms.collections import town_of_collection
from skills.models import Competence


def _organisation_id(form: WagtailAdminPageForm, depth: int) -> int | None:
    """The organisation of the catalogue section ``depth`` levels above the page."""
    page = form.parent_page
    for _level in range(depth - 1):
        page = page.get_parent() if page is not None else None
    return getattr(getattr(page, "specific", None), "organisation_id", None)


class CoursePageForm(WagtailAdminPageForm):
    """Prerequisites: the town's own courses and live courses its network shares.
    Competences demonstrated: platform frameworks' and the town's own."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisation_id = _organisation_id(self, depth=1)
        links = self.formsets.get("competence_links")
        if links is not None:
            links.form = _with_choices(
                links.form,
                "competence",
                Competence.objects.filter(
                    Q(version__framework__organisation=None)
                    | Q(version__framework__organisation_id=organisation_id)
                ),
            )
        if "prerequisites" not in self.fields:
            return
        courses = self._meta.model.objects.all()
        shared = Q(
            live=True,
            sharing="network",
            organisation__network__organisations=organisation_id,
        )
        allowed = courses.filter(Q(organisation_id=organisation_id) | shared)
        if self.instance.pk:
            allowed = allowed.exclude(pk=self.instance.pk)
        self.fields["prerequisites"].queryset = allowed.distinct()


def _with_choices(
    form_class: type[ModelForm[Any]], name: str, queryset: QuerySet[Any]
) -> type[ModelForm[Any]]:
    """``form_class`` whose field ``name`` offers (and accepts) only ``queryset``."""
    field = cast("ModelChoiceField[Any]", copy.deepcopy(form_class.base_fields[name]))
    field.queryset = queryset
    narrowed = cast(
        "type[ModelForm[Any]]", type(form_class.__name__, (form_class,), {})
    )
    # After creation: the form metaclass would rebuild ``base_fields`` from Meta.
    narrowed.base_fields = {**form_class.base_fields, name: field}
    return narrowed


def _chosen_objects(value: Any) -> Iterator[Any]:
    """Model instances chosen anywhere inside a block value (structs, lists,
    nested streams)."""
    if isinstance(value, Model):
        yield value
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _chosen_objects(item)
    elif isinstance(value, MutableSequence | list | tuple):
        for item in value:
            yield from _chosen_objects(getattr(item, "value", item))


def _owner_id(chosen: Any, default: int | None) -> int | None:
    """The town that owns a chosen object: its ``organisation``; for an image or a
    document, the town whose collection holds it (``default`` when none does: the
    shared collection, or one a platform admin made outside the towns')."""
    if hasattr(chosen, "organisation_id"):
        return chosen.organisation_id
    collection = getattr(chosen, "collection", None)
    town = town_of_collection(collection) if collection is not None else None
    return default if town is None else town.pk


class LessonPageForm(WagtailAdminPageForm):
    """Blocks may only use town-owned objects of the lesson's town, or shared ones."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        body = cleaned.get("body")
        if not body:
            return cleaned
        organisation_id = _organisation_id(self, depth=2)
        for block in body:
            for chosen in _chosen_objects(block.value):
                owner = _owner_id(chosen, organisation_id)
                if owner != organisation_id and not getattr(chosen, "shared", False):
                    self.add_error(
                        "body",
                        _(
                            "“%(item)s” belongs to another town and is not shared: "
                            "choose one of your town's own or a shared one."
                        )
                        % {"item": chosen},
                    )
        return cleaned
