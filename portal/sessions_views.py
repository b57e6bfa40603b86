"""A person's own sessions: where they are signed in, and signing out elsewhere."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from portal import user_sessions


@never_cache
@require_http_methods(["GET", "POST"])
def own_sessions(request):
    """Only ever the signed-in person's own sessions (the login requirement covers this view)."""
    current = request.session.session_key
    sessions = user_sessions.active_sessions(request.user)
    if request.method == "POST":
        others = sessions.exclude(session_key=current)
        chosen = request.POST.get("session")
        if chosen:  # one session, by its id, among this person's own
            others = others.filter(pk=chosen) if chosen.isdigit() else others.none()
        ended = user_sessions.end_sessions(others)
        if ended and chosen:
            messages.success(request, _("Je bent uitgelogd op dat apparaat."))
        elif ended:
            messages.success(request, _("Je bent uitgelogd op de andere apparaten."))
        else:
            messages.info(request, _("Er waren geen andere sessies om te beëindigen."))
        return redirect("own_sessions")
    return render(
        request,
        "portal/own_sessions.html",
        {"sessions": sessions, "current_key": current},
    )
