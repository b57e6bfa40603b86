from django.urls import path

from portal.mfa import reset, views

app_name = "mfa"

urlpatterns = [
    path("account/tweede-factor/", views.verify, name="verify"),
    path("account/tweede-factor/instellen/", views.enrol, name="enrol"),
    path("account/tweede-factor/herstelcodes/", views.recovery_codes, name="recovery_codes"),
    path("account/tweede-factor/herstellen/", reset.reset_list, name="reset_list"),
    path("account/tweede-factor/herstellen/<int:user_id>/", reset.reset_user, name="reset_user"),
]
