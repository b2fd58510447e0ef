from django.urls import path

import lms.converters  # noqa: F401 - registers <id:…>
from courses.training import views

app_name = "training"
urlpatterns = [
    path("sessions/<id:pk>/", views.session_detail, name="session-detail"),
    path("sessions/<id:pk>/register/", views.register, name="register"),
    path("sessions/<id:pk>/nominate/", views.nominate, name="nominate"),
    path("sessions/<id:pk>/attendance/", views.attendance, name="attendance"),
    path("sessions/<id:pk>/sheet/", views.sheet, name="sheet"),
    path("sessions/<id:pk>/sheet.pdf", views.sheet_pdf, name="sheet-pdf"),
    path("sessions/<id:pk>/signed-sheets/", views.upload_sheet, name="upload-sheet"),
    path("signed-sheets/<id:pk>/", views.signed_sheet, name="signed-sheet"),
    path("sessions/<id:pk>/observed/", views.observed, name="observed"),
    path("sessions/<id:pk>/satisfaction/", views.satisfaction, name="satisfaction"),
    path(
        "sessions/<id:pk>/satisfaction/results/",
        views.satisfaction_results_view,
        name="satisfaction-results",
    ),
    path("registrations/<id:pk>/cancel/", views.cancel, name="cancel"),
    path("registrations/<id:pk>/decide/", views.decide, name="decide"),
    path("approvals/", views.approvals, name="approvals"),
    path("hours.csv", views.hours_export, name="hours-export"),
    path("hours/", views.hours_report, name="hours-report"),
    path(
        "hours/report.<str:fmt>", views.hours_report_export, name="hours-report-export"
    ),
]
