"""The BIO checks in CI: the dependency scan's verdicts (scripts/dependency_audit.py), the static
analysis at ruff's full `S` set with every suppression explained, and security.txt."""

import datetime
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import timezone

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import dependency_audit  # noqa: E402

RUFF = Path(sys.executable).parent / "ruff"


def fake_pip_audit(tmp_path, monkeypatch, report: dict) -> None:
    """A stand-in that prints pip-audit's JSON report format (the real service is unreachable here)."""
    script = tmp_path / "pip-audit"
    script.write_text(f"#!/bin/sh\ncat <<'EOF'\n{json.dumps(report)}\nEOF\n")
    script.chmod(0o755)
    monkeypatch.setenv("PIP_AUDIT", str(script))


VULNERABLE_DJANGO = {
    "dependencies": [
        {"name": "django", "version": "3.2.0", "vulns": [{"id": "PYSEC-2021-98", "fix_versions": ["3.2.4"]}]},
        {"name": "wagtail", "version": "8.0", "vulns": []},
    ]
}


def test_a_known_vulnerability_fails_the_scan(tmp_path, monkeypatch):
    fake_pip_audit(tmp_path, monkeypatch, VULNERABLE_DJANGO)
    code, lines = dependency_audit.pip_audit([ROOT / "requirements.txt"])
    assert code == dependency_audit.VULNERABLE and "PYSEC-2021-98" in lines[0]


def test_an_allow_listed_vulnerability_passes_until_its_review_date(tmp_path, monkeypatch):
    fake_pip_audit(tmp_path, monkeypatch, VULNERABLE_DJANGO)
    allowlist = tmp_path / "allow.txt"
    monkeypatch.setattr(dependency_audit, "ALLOWLIST", allowlist)
    later = timezone.localdate() + datetime.timedelta(days=30)
    allowlist.write_text(f"PYSEC-2021-98 django 2026-01-01 {later} not reachable in our use\n")
    assert dependency_audit.pip_audit([])[0] == dependency_audit.CLEAN
    allowlist.write_text("PYSEC-2021-98 django 2025-01-01 2025-06-30 expired acceptance\n")
    assert dependency_audit.pip_audit([])[0] == dependency_audit.VULNERABLE


def test_a_package_that_could_not_be_audited_is_never_clean(tmp_path, monkeypatch):
    report = {"dependencies": [{"name": "django", "skip_reason": "Dependency not found on PyPI"}]}
    fake_pip_audit(tmp_path, monkeypatch, report)
    assert dependency_audit.pip_audit([])[0] == dependency_audit.UNREACHABLE


def test_the_allow_list_is_well_formed():
    dependency_audit.allowed()  # every entry has an ID, a package and two ISO dates


def test_static_analysis_at_the_full_s_set_finds_nothing():
    result = subprocess.run(
        [str(RUFF), "check", "--select", "S", "--no-cache", "--output-format", "concise", "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout


def test_control_static_analysis_finds_a_planted_shell_injection(tmp_path):
    planted = tmp_path / "planted.py"
    planted.write_text("import subprocess\n\ndef run(name):\n    subprocess.call('ls ' + name, shell=True)\n")
    result = subprocess.run(
        [str(RUFF), "check", "--select", "S", "--no-cache", "--isolated", str(planted)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1 and "S602" in result.stdout


def test_every_suppressed_security_finding_says_why():
    unexplained = []
    for path in ROOT.rglob("*.py"):
        if {".venv", "node_modules"} & set(path.parts):
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            match = re.search(r"# noqa: ([A-Z0-9, ]*S\d{3}[A-Z0-9, ]*)(.*)$", line)
            if match and not re.match(r"\s*[-(]\s*\w", match.group(2)):
                unexplained.append(f"{path.relative_to(ROOT)}:{number}")
    assert not unexplained, unexplained


@pytest.mark.django_db
def test_security_txt_follows_rfc_9116(client):
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    fields = dict(line.split(": ", 1) for line in response.content.decode().splitlines() if ": " in line)
    assert fields["Contact"].startswith(("mailto:", "https://"))
    expires = datetime.datetime.fromisoformat(fields["Expires"].replace("Z", "+00:00"))
    left = expires - datetime.datetime.now(datetime.UTC)
    assert datetime.timedelta(0) < left <= datetime.timedelta(days=366)  # RFC 9116: less than a year
    assert "Preferred-Languages" in fields and "nl" in fields["Preferred-Languages"]
