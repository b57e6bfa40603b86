from django.urls import path

from home import feedback_views, legal, subscription_views, views

app_name = "home"

urlpatterns = [
    path("paginafeedback/<int:page_id>/", feedback_views.page_feedback, name="page_feedback"),
    path("gedragscode/<int:page_id>/pdf/", views.code_of_conduct_pdf, name="code_of_conduct_pdf"),
    path("gedragscode/<int:page_id>/bevestigen/", views.confirm_read, name="confirm_read"),
    path("gedragscode/leesbevestigingen/", views.confirmation_rates_view, name="confirmation_rates"),
    path("gedragscode/<int:page_id>/lezen/", subscription_views.must_read, name="must_read"),
    path("abonnementen/", subscription_views.my_subscriptions, name="subscriptions"),
    path("abonnementen/volgen/", subscription_views.follow, name="follow"),
    path("abonnementen/niet-meer-volgen/", subscription_views.unfollow, name="unfollow"),
    # Legally required texts (home/legal.py); the reporters' texts share the report pages' anonymity.
    path(
        "melding/extern-melden/",
        legal.legal_text,
        {"kind": "external_reporting"},
        name="legal_external_reporting",
    ),
    path(
        "melding/privacyverklaring/",
        legal.legal_text,
        {"kind": "privacy_reporters"},
        name="legal_privacy_reporters",
    ),
    path(
        "privacyverklaring/", legal.legal_text, {"kind": "privacy_employees"}, name="legal_privacy_employees"
    ),
    path(
        "toegankelijkheidsverklaring/",
        legal.legal_text,
        {"kind": "accessibility"},
        name="legal_accessibility",
    ),
]
