"""Language-prefixed URLs of the project's apps (views that are not Wagtail pages).

Each app adds one line here for its own `urls.py`; keep them before Wagtail's catch-all.
"""

from django.urls import include, path

urlpatterns = [
    path("", include("search.urls")),
    path("", include("vpd.urls")),
    path("", include("forms.urls")),
    path("", include("home.urls")),
    path("", include("awareness.urls")),
    path("", include("safework.urls")),
]
