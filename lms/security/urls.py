from django.urls import path

from lms.security import views

app_name = "security"
urlpatterns = [
    path("login/code/", views.verify, name="verify"),
    path("second-factor/", views.second_factor, name="second-factor"),
    path("second-factor/off/", views.turn_off, name="second-factor-off"),
]
