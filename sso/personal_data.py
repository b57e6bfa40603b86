"""What single sign-on holds about a person (portal/subject_data.py): the link to the identity
provider (issuer, subject, employee number) and the roles the provider gave."""

from django.utils.translation import gettext_lazy as _

from portal.subject_data import Holding
from sso.models import IdentityLink, ProviderRoleGrant


def _identity(user) -> list[dict]:
    records = list(
        IdentityLink.objects.filter(user=user).values("issuer", "subject", "employee_number", "last_sign_in")
    )
    records += [
        {"provider_role": name, "granted_on": granted_on}
        for name, granted_on in ProviderRoleGrant.objects.filter(user=user).values_list(
            "group__name", "granted_on"
        )
    ]
    return records


def _erase_identity(user) -> int:
    grants, _by_model = ProviderRoleGrant.objects.filter(user=user).delete()
    links, _by_model = IdentityLink.objects.filter(user=user).delete()
    return grants + links


HOLDINGS = [
    Holding(
        name="sso.identity",
        label=_("Koppeling met de identiteitsprovider"),
        covers=("sso.IdentityLink.user", "sso.ProviderRoleGrant.user"),
        collect=_identity,
        erase=_erase_identity,
    ),
]
