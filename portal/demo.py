"""Demo accounts, one per role, with one shared password (development only, listed in the README)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.models import Group

from portal.mfa import needs_second_factor
from portal.mfa.demo import give_demo_totp
from portal.roles import Role

DEMO_PASSWORD = "demo-portaal-2026"

# One hash of the demo password per process (and hasher setting), and the hashes known to match it.
_shared_hash: dict[tuple[str, ...], str] = {}
_known_demo_hashes: set[str] = set()


def give_demo_password(user) -> bool:
    """Give a demo account the demo password unless it has it; True when it changed (save it).

    Every demo account gets the same hash: the password is public and the same for all, and with
    the real hasher (PBKDF2, about 0.2 s each) hashing it once per account cost five seconds of
    every demo load. A second load checks a shared hash once, not once per account."""
    if user.password in _known_demo_hashes:
        return False
    if user.password and check_password(DEMO_PASSWORD, user.password):
        _known_demo_hashes.add(user.password)
        return False
    hashers = tuple(settings.PASSWORD_HASHERS)
    if hashers not in _shared_hash:
        _shared_hash[hashers] = make_password(DEMO_PASSWORD)
        _known_demo_hashes.add(_shared_hash[hashers])
    user.password = _shared_hash[hashers]
    return True


# username, first name, last name, roles (everyone is also an employee)
DEMO_ACCOUNTS = [
    ("medewerker", "Mila", "de Medewerker", []),
    ("leidinggevende", "Lars", "Leidinggevende", [Role.MANAGER]),
    ("redacteur", "Roos", "Redacteur", [Role.EDITOR]),
    ("integriteitsbureau", "Iris", "Integriteitsbureau", [Role.INTEGRITY_OFFICE]),
    ("vertrouwenspersoon", "Vera", "Vertrouwenspersoon", [Role.CONFIDENTIAL_ADVISOR]),
    ("vpd-coordinator", "Victor", "Coördinator", [Role.VPD_COORDINATOR]),
    ("bot", "Bo", "Opvangteam", [Role.PEER_SUPPORT]),
    ("beheerder", "Bram", "Beheerder", [Role.ADMINISTRATOR]),
    ("hr", "Hanna", "HR-adviseur", [Role.HR]),
    ("beveiliging", "Bas", "Beveiligingscoördinator", [Role.SECURITY_COORDINATOR]),
]


def load(log) -> None:
    User = get_user_model()
    groups = {group.name: group for group in Group.objects.all()}
    for username, first_name, last_name, roles in DEMO_ACCOUNTS:
        user, _created = User.objects.update_or_create(
            username=username,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "email": f"{username}@portaal.invalid",
                "is_active": True,
            },
        )
        if give_demo_password(user):
            user.save(update_fields=["password"])
        user.groups.set([groups[str(role)] for role in [Role.EMPLOYEE, *roles]])
        if needs_second_factor(user):
            give_demo_totp(user)
    # The demo office's account also leads it (Admin → Rollen integriteit); never `beheerder`, who is
    # an administrator: separation of duties (portal/separation.py).
    from portal.separation import lead_permission

    User.objects.get(username="integriteitsbureau").user_permissions.add(lead_permission())
    log.write(f"  {len(DEMO_ACCOUNTS)} demo accounts (password and second-factor secret in README)")
