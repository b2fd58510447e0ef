"""Object ids that Wagtail's generic views read from the URL as text.

Wagtail's chooser views take ``<str:pk>`` and look the object up with it, so a
word where an integer key is expected raised ``ValueError`` (a server error).
``ObjectIdMiddleware`` checks the id against the view's model before the view
runs and answers 404 when the key could not hold it. The project's own URLs
need no such check: their ``<id:…>`` converter (``lms.converters``) only matches
ids a database can store.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse


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


class ObjectIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: Any,
        view_kwargs: dict[str, Any],
    ) -> None:
        pk = view_kwargs.get("pk")
        if not isinstance(pk, str):
            return None
        model = _model_of(view_func)
        if model is None:
            return None
        try:
            model._meta.pk.to_python(unquote(pk))
        except ValidationError as error:
            raise Http404 from error
        return None
