"""The deployment guide sends operators to the right paths: the access log of the reverse proxy must
stay off for the report form and the follow-up page (`/*/melding/`), not for the information page."""

import re
from pathlib import Path

from django.urls import reverse
from django.utils import translation

DEPLOYMENT = Path(__file__).resolve().parents[2] / "docs" / "deployment.md"


def _nginx_locations_without_access_log() -> list[str]:
    text = DEPLOYMENT.read_text()
    return re.findall(r"location ~ (\S+) \{[^}]*access_log off;", text)


def test_guide_turns_access_log_off_for_report_form_and_follow_up_in_both_languages():
    locations = _nginx_locations_without_access_log()
    assert locations, "the guide shows an nginx location with access_log off"
    for language in ("nl", "en"):
        with translation.override(language):
            paths = [reverse("integrity_report"), reverse("integrity_follow_up")]
        for path in paths:
            assert any(re.match(pattern, path) for pattern in locations), path


def test_guide_does_not_point_at_the_information_page():
    text = DEPLOYMENT.read_text()
    assert "/melden/`" not in text.split("Logs no client addresses", 1)[1].split("Health check", 1)[0]
    assert all(not re.match(pattern, "/nl/melden/") for pattern in _nginx_locations_without_access_log())
