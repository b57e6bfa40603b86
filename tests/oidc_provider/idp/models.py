from django.conf import settings
from django.db import models


class Person(models.Model):
    """The claims the provider asserts about a user (groups, department, amr, acr, …)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    claims = models.JSONField(default=dict)

    class Meta:
        app_label = "test_idp"

    def __str__(self) -> str:
        return str(self.user)
