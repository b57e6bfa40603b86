"""Machine-readable endpoints without a language prefix (for example /api/statistics/<year>.json)."""

urlpatterns = []
