"""Personal parts of the content room's pages (see portal/holes.py)."""

from django.template.loader import render_to_string

from home.models import ReadConfirmation
from portal import holes


@holes.register("home.read_confirmation")
def read_confirmation(person: holes.Person, page_id: str, source_id: str, version: str) -> str:
    """The end of the code of conduct: when this person confirmed the version, or the form to do so."""
    if person.pk is None:
        return ""
    confirmation = (
        ReadConfirmation.objects.filter(user_id=person.pk, page_id=int(source_id), version=version)
        .only("version", "confirmed_at")
        .first()
    )
    return render_to_string(
        "home/includes/read_confirmation.html",
        {
            "confirmation": confirmation,
            "confirmation_version": version,
            "page_id": int(page_id),
            "csrf_token": "" if confirmation else person.csrf_token(),
        },
    )
