from django.urls import path

from lms.privacy import views

app_name = "privacy"
urlpatterns = [
    path("account/", views.account, name="account"),
    path("account/my-data.zip", views.my_data, name="my-data"),
    path("privacy/", views.policy, name="policy"),
]
