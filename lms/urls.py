import re

from django.conf import settings
from django.urls import include, path, re_path
from django.views.decorators.cache import cache_control
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.utils.urlpatterns import decorate_urlpatterns

import lms.converters  # noqa: F401 - registers <id:…>
from lms import admin_guards, views
from lms.security.views import SignInView, SignOutView

people_patterns = (
    [
        path("", views.person_list, name="person-list"),
        path("<id:pk>/", views.person_detail, name="person-detail"),
    ],
    "lms",
)

urlpatterns = [
    path("", views.home, name="home"),
    path("people/", include(people_patterns)),
    path("language/", views.set_language, name="set-language"),
    path("", include("lms.privacy.urls")),
    path("learning/", include("courses.urls")),
    path("learning/", include("courses.h5p.urls")),
    path("learning/", include("courses.scorm.urls")),
    path("learning/training/", include("courses.training.urls")),
    path("mentoring/", include("courses.mentoring.urls")),
    # The content origin's routes: only they answer there (lms.content_origin).
    path("c/h5p/", include("courses.h5p.content_urls")),
    path("c/scorm/", include("courses.scorm.content_urls")),
    path("community/", include("courses.community.urls")),
    path("skills/", include("skills.urls")),
    path("reports/", include("reporting.urls")),
    path("plan/", include("reporting.plan.urls")),
    path("maturity/", include("reporting.maturity.urls")),
    path(
        "accounts/login/",
        SignInView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", SignOutView.as_view(), name="logout"),
    path("accounts/", include("lms.security.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    # Before Wagtail's own route, which it guards (see lms.admin_guards).
    path(
        "admin/bulk/<str:app_label>/<str:model_name>/<str:action>/",
        admin_guards.bulk_action,
        name="wagtail_bulk_action",
    ),
    path("admin/", include("courses.admin_guards")),
    path("admin/", include(wagtailadmin_urls)),
    # Served only to who may see them (courses.documents); no shared cache keeps one.
    path(
        "documents/",
        include(
            decorate_urlpatterns(
                list(wagtaildocs_urls.urlpatterns), cache_control(private=True)
            )
        ),
    ),
]

if settings.DEBUG:
    from django.views.static import serve as serve_media

    # Development only, and never documents: those go through /documents/ above.
    urlpatterns += [
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?!documents/)(?P<path>.*)$",
            serve_media,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

# Wagtail serves course pages from the root, so it comes last.
urlpatterns += [path("learn/", include(wagtail_urls))]
