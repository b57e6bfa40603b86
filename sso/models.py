"""Who signed in through the identity provider, and which roles the provider gave them."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _


class IdentityLink(models.Model):
    """Ties a portal account to one person at the identity provider (issuer + subject).

    Accounts are found by this link, never by e-mail address: an address can be reused or changed
    at the provider, the subject cannot.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="identity_link",
        verbose_name=_("gebruiker"),
    )
    issuer = models.CharField(_("identiteitsprovider"), max_length=255)
    subject = models.CharField(_("kenmerk bij de identiteitsprovider"), max_length=255)
    employee_number = models.CharField(_("personeelsnummer"), max_length=64, blank=True)
    last_sign_in = models.DateField(_("laatst ingelogd"), null=True, blank=True)

    page_cache_ignore = True  # written at every sign-in; never shown on a cached page

    class Meta:
        verbose_name = _("koppeling met de identiteitsprovider")
        verbose_name_plural = _("koppelingen met de identiteitsprovider")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="sso_identity_unique_subject")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.subject})"


class ProviderRoleGrant(models.Model):
    """A role a user holds because the identity provider said so (a mapped group claim).

    Only these are taken away when the provider stops sending the group; roles granted in the
    portal itself have no row here and stay.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="provider_role_grants",
        verbose_name=_("gebruiker"),
    )
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="+", verbose_name=_("rol"))
    granted_on = models.DateField(_("toegekend op"), auto_now_add=True)

    page_cache_ignore = True  # group memberships reach the cache through the user record

    class Meta:
        verbose_name = _("rol van de identiteitsprovider")
        verbose_name_plural = _("rollen van de identiteitsprovider")
        constraints = [models.UniqueConstraint(fields=["user", "group"], name="sso_grant_unique_role")]

    def __str__(self) -> str:
        return f"{self.user}: {self.group}"
