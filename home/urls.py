from django.urls import path

from home import views

app_name = "home"

urlpatterns = [
    path("gedragscode/<int:page_id>/pdf/", views.code_of_conduct_pdf, name="code_of_conduct_pdf"),
    path("gedragscode/<int:page_id>/bevestigen/", views.confirm_read, name="confirm_read"),
    path("gedragscode/leesbevestigingen/", views.confirmation_rates_view, name="confirmation_rates"),
]
