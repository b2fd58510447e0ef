"""Object ids that Wagtail's generic views read from the URL as text.

Wagtail's chooser views take ``<str:pk>`` (and "choose several" views
``?id=…&id=…``) and look the objects up with them, so a word where an integer key
is expected raised ``ValueError``, and a number past the column's range
``OverflowError`` (server errors). ``ObjectIdMiddleware`` checks those ids against
the view's model before the view runs and answers 404 when the key could not hold
one. The project's own URLs
need no such check: their ``<id:…>`` converter (``lms.converters``) only matches
ids a database can store.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.http import Http404, HttpRequest
from django.utils.deprecation import MiddlewareMixin
from wagtail.admin.views.generic.chooser import ChosenMultipleViewMixin


def _model_of(view_func: Callable[..., Any]) -> type[models.Model] | None:
    view_class = getattr(view_func, "view_class", None)
    if view_class is None:
        return None
    model = getattr(view_func, "view_initkwargs", {}).get("model") or getattr(
        view_class, "model", None
    )
    if isinstance(model, str):
        model = apps.get_model(model)
    if isinstance(model, type) and issubclass(model, models.Model):
        return model
    return None


class ObjectIdMiddleware(MiddlewareMixin):
    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: Any,
        view_kwargs: dict[str, Any],
    ) -> None:
        pk = view_kwargs.get("pk")
        ids = [unquote(pk)] if isinstance(pk, str) else []
        view_class = getattr(view_func, "view_class", None)
        if view_class is not None and issubclass(view_class, ChosenMultipleViewMixin):
            ids += request.GET.getlist("id")
        model = _model_of(view_func) if ids else None
        if model is not None and not all(_fits(model._meta.pk, value) for value in ids):
            raise Http404
        return None


def _fits(field: models.Field, value: str) -> bool:
    """Whether ``value`` is a valid key for ``field``, within the range the
    database's column holds."""
    try:
        key = field.to_python(value)
    except ValidationError:
        return False
    kind = field.get_internal_type()
    if isinstance(key, int) and kind in connection.ops.integer_field_ranges:
        low, high = connection.ops.integer_field_range(kind)
        return low <= key <= high
    return True
