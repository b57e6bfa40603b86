"""What the portal itself and the libraries it runs on hold about a person (portal/subject_data.py):
the account and its roles, sessions, second factors, failed sign-ins, and editorial traces in
Wagtail (pages owned, uploads, comments)."""

from django.utils.translation import gettext_lazy as _

from portal.subject_data import ERASED_USERNAME, Exclusion, Holding


def _account(user) -> list[dict]:
    from wagtail.users.models import UserProfile

    profile = UserProfile.objects.filter(user=user).first()
    return [
        {
            "username": user.username,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "active": user.is_active,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "roles": sorted(user.groups.values_list("name", flat=True)),
            "permissions": sorted(user.user_permissions.values_list("codename", flat=True)),
            "preferred_language": profile.preferred_language if profile else "",
            "time_zone": profile.current_time_zone if profile else "",
        }
    ]


def _erase_account(user) -> int:
    """Anonymise the account rather than delete it: the audit log and the editorial history point to
    it (their chain and accountability stay), but nothing in it names the person any more."""
    from wagtail.users.models import UserProfile

    UserProfile.objects.filter(user=user).delete()
    user.groups.clear()  # audited as a role change (portal/role_audit.py)
    user.user_permissions.clear()
    user.username = f"{ERASED_USERNAME}{user.pk}"
    user.first_name = ""
    user.last_name = ""
    user.email = ""
    user.is_active = False  # signs out everywhere (portal/user_sessions.py)
    user.is_staff = False
    user.last_login = None
    user.set_unusable_password()
    user.save()
    return 1


def _sessions(user) -> list[dict]:
    from portal.models import UserSession

    return list(
        UserSession.objects.filter(user=user).values("device", "browser", "signed_in_at", "last_activity")
    )


def _erase_sessions(user) -> int:
    from portal.user_sessions import sign_out_everywhere

    return sign_out_everywhere(user.pk)


def _device_models():
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from django_otp_webauthn.models import WebAuthnCredential

    return {"totp": TOTPDevice, "herstelcodes": StaticDevice, "passkey": WebAuthnCredential}


def _second_factors(user) -> list[dict]:
    """Which second factors exist, never their secrets (keys, codes, public keys)."""
    found = []
    for kind, model in _device_models().items():
        for device in model.objects.filter(user=user).order_by("pk"):
            found.append(
                {
                    "kind": kind,
                    "name": device.name,
                    "confirmed": device.confirmed,
                    "created_at": getattr(device, "created_at", None),
                    "last_used_at": getattr(device, "last_used_at", None),
                }
            )
    return found


def _erase_second_factors(user) -> int:
    from django_otp_webauthn.models import WebAuthnUserHandle

    removed = 0
    for model in _device_models().values():
        count, _by_model = model.objects.filter(user=user).delete()
        removed += count
    count, _by_model = WebAuthnUserHandle.objects.filter(user=user).delete()
    return removed + count


def _attempts(user):
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    return [
        model.objects.filter(username=user.username) for model in (AccessAttempt, AccessFailureLog, AccessLog)
    ]


def _sign_in_attempts(user) -> list[dict]:
    """Failed sign-ins and lockouts kept under the person's user name (django-axes; no foreign key)."""
    records = []
    for queryset in _attempts(user):
        for row in queryset.values("ip_address", "user_agent", "attempt_time"):
            records.append({"kind": queryset.model._meta.model_name, **row})
    return records


def _erase_sign_in_attempts(user) -> int:
    removed = 0
    for queryset in _attempts(user):
        count, _by_model = queryset.delete()
        removed += count
    return removed


def _editorial(user) -> list[dict]:
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Comment, CommentReply, Page

    records: list[dict] = []
    for page in Page.objects.filter(owner=user).order_by("pk"):
        records.append({"kind": "page_owner", "page": page.pk, "title": page.title})
    for page in Page.objects.filter(locked_by=user).order_by("pk"):
        records.append({"kind": "page_locked", "page": page.pk, "title": page.title})
    for model, kind in ((get_document_model(), "document"), (get_image_model(), "image")):
        for item in model.objects.filter(uploaded_by_user=user).order_by("pk"):
            records.append({"kind": f"{kind}_uploaded", "id": item.pk, "title": item.title})
    for comment in Comment.objects.filter(user=user).order_by("pk"):
        records.append(
            {
                "kind": "comment",
                "page_object_id": comment.object_id,
                "text": comment.text,
                "at": comment.created_at,
            }
        )
    for reply in CommentReply.objects.filter(user=user).order_by("pk"):
        records.append(
            {"kind": "comment_reply", "comment": reply.comment_id, "text": reply.text, "at": reply.created_at}
        )
    return records


def _erase_editorial(user) -> int:
    """Ownership, locks, uploads, subscriptions, unsaved editor state and API tokens are let go;
    comments and page history stay with the (anonymised) account."""
    from wagtail.admin.models import EditingSession, FormState
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import APIToken, Page, PageSubscription, UploadedFile

    changed = Page.objects.filter(owner=user).update(owner=None)
    changed += Page.objects.filter(locked_by=user).update(locked_by=None, locked=False, locked_at=None)
    for model in (get_document_model(), get_image_model(), UploadedFile):
        changed += model.objects.filter(uploaded_by_user=user).update(uploaded_by_user=None)
    for model in (PageSubscription, EditingSession, FormState, APIToken):
        count, _by_model = model.objects.filter(user=user).delete()
        changed += count
    return changed


HOLDINGS = [
    Holding(
        name="portal.account",
        label=_("Account, rollen en voorkeuren"),
        covers=("wagtailusers.UserProfile.user",),  # and the account itself (roles, permissions)
        collect=_account,
        erase=_erase_account,
        kept_because=_(
            "Het account blijft bestaan zonder naam, e-mailadres, wachtwoord en rollen, omdat het "
            "auditlog en de paginageschiedenis ernaar verwijzen."
        ),
        order=1000,
    ),
    Holding(
        name="portal.sessions",
        label=_("Sessies"),
        covers=("portal.UserSession.user",),
        collect=_sessions,
        erase=_erase_sessions,
    ),
    Holding(
        name="portal.second_factors",
        label=_("Tweede factoren (zonder geheimen)"),
        covers=(
            "otp_totp.TOTPDevice.user",
            "otp_static.StaticDevice.user",
            "django_otp_webauthn.WebAuthnCredential.user",
            "django_otp_webauthn.WebAuthnUserHandle.user",
        ),
        collect=_second_factors,
        erase=_erase_second_factors,
    ),
    Holding(
        name="portal.sign_in_attempts",
        label=_("Mislukte inlogpogingen en blokkades"),
        covers=(),
        collect=_sign_in_attempts,
        erase=_erase_sign_in_attempts,
    ),
    Holding(
        name="portal.editorial",
        label=_("Redactie: pagina's, bestanden en opmerkingen"),
        covers=(
            "wagtailcore.Page.owner",
            "wagtailcore.Page.locked_by",
            "wagtaildocs.Document.uploaded_by_user",
            "wagtailimages.Image.uploaded_by_user",
            "wagtailcore.UploadedFile.uploaded_by_user",
            "wagtailcore.PageSubscription.user",
            "wagtailadmin.EditingSession.user",
            "wagtailadmin.FormState.user",
            "wagtailcore.APIToken.user",
            "wagtailcore.Comment.user",
            "wagtailcore.CommentReply.user",
        ),
        collect=_editorial,
        erase=_erase_editorial,
        kept_because=_(
            "Opmerkingen bij pagina's blijven bij het geanonimiseerde account: ze horen bij de "
            "geschiedenis van gepubliceerde inhoud."
        ),
    ),
]

_HISTORY = (
    "Editorial history (who changed or approved published content): kept for accountability; it points "
    "to the account, which an erasure anonymises."
)

EXCLUDED = [
    Exclusion("wagtailcore.Revision.user", _HISTORY),
    Exclusion("wagtailcore.PageLogEntry.user", _HISTORY),
    Exclusion("wagtailcore.ModelLogEntry.user", _HISTORY),
    Exclusion("wagtailcore.TaskState.finished_by", _HISTORY),
    Exclusion("wagtailcore.WorkflowState.requested_by", _HISTORY),
    Exclusion("wagtailcore.Comment.resolved_by", _HISTORY),
    Exclusion("wagtail_localize.StringTranslation.last_translated_by", _HISTORY),
    Exclusion("wagtail_localize.SegmentOverride.last_translated_by", _HISTORY),
]
