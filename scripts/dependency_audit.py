"""Dependency vulnerability scan (BIO): pip-audit over the pinned requirements, npm audit over the lock.

    python scripts/dependency_audit.py            # scan; exit 1 on a known vulnerability
    python scripts/dependency_audit.py --control  # plant a vulnerable pin (Django 3.2.0): must be found

Exit codes: 0 clean (or only allow-listed, not expired), 1 known vulnerabilities, 3 the vulnerability
services could not be asked (no silent pass: a package that could not be audited is never "clean").
Accepted vulnerabilities live in security/dependency-allowlist.txt with a review date.
pip-audit is run from its own virtualenv (PIP_AUDIT, default `pip-audit` on PATH; .ci/run installs the
pinned version), so it adds nothing to the project's requirements.
"""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ALLOWLIST = ROOT / "security" / "dependency-allowlist.txt"
REQUIREMENTS = [ROOT / "requirements.txt", ROOT / "requirements-dev.txt"]
CONTROL_PIN = "django==3.2.0\n"  # many published advisories (e.g. PYSEC-2021-98)
CLEAN, VULNERABLE, UNREACHABLE = 0, 1, 3


def allowed(today: datetime.date | None = None) -> set[str]:
    """Advisory IDs accepted until their review date (expired entries are no longer honoured)."""
    today = today or datetime.date.today()
    ids = set()
    for line in ALLOWLIST.read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        advisory, _package, _accepted, review_by, *_reason = line.split()
        if datetime.date.fromisoformat(review_by) >= today:
            ids.add(advisory)
    return ids


def pip_audit(requirements: list[Path]) -> tuple[int, list[str]]:
    command = [os.environ.get("PIP_AUDIT", "pip-audit"), "--no-deps", "--disable-pip", "-f", "json"]
    command += ["--progress-spinner", "off", "-s", os.environ.get("PIP_AUDIT_SERVICE", "pypi")]
    for path in requirements:
        command += ["-r", str(path)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603 - fixed argv
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        return UNREACHABLE, [f"pip-audit gave no report: {result.stderr.strip()[-500:]}"]
    accepted = allowed()
    findings, skipped = [], []
    for dependency in report.get("dependencies", []):
        if "skip_reason" in dependency:
            skipped.append(f"{dependency['name']}: {dependency['skip_reason']}")
        for vuln in dependency.get("vulns", []):
            if {vuln["id"], *vuln.get("aliases", [])} & accepted:
                continue
            fixed = ", ".join(vuln.get("fix_versions", [])) or "no fix yet"
            findings.append(f"{dependency['name']} {dependency['version']}: {vuln['id']} (fixed in {fixed})")
    if findings:
        return VULNERABLE, findings
    if skipped:
        return UNREACHABLE, [f"{len(skipped)} packages could not be audited, e.g. {skipped[0]}"]
    return CLEAN, []


def npm_audit() -> tuple[int, list[str]]:
    result = subprocess.run(
        ["npm", "audit", "--package-lock-only", "--json"],  # noqa: S607 - npm from PATH, as make uses it
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        report = json.loads(result.stdout or "{}")
    except json.JSONDecodeError:
        return UNREACHABLE, ["npm audit gave no report"]
    if "error" in report:
        error = report["error"]
        return UNREACHABLE, [f"npm audit: {error.get('summary') or error.get('detail') or error}"]
    accepted = allowed()
    findings = []
    for name, vulnerability in report.get("vulnerabilities", {}).items():
        for via in vulnerability.get("via", []):
            if isinstance(via, dict):
                advisory = via.get("url", "").rsplit("/", 1)[-1]
                if advisory not in accepted:
                    findings.append(f"{name}: {advisory} {via.get('title', '')} ({via.get('severity')})")
    return (VULNERABLE, findings) if findings else (CLEAN, [])


def main(argv: list[str]) -> int:
    if "--control" in argv:
        with tempfile.TemporaryDirectory() as folder:
            planted = Path(folder) / "requirements.txt"
            planted.write_text(CONTROL_PIN)
            code, lines = pip_audit([planted])
        print("\n".join(lines))
        if code == VULNERABLE:
            print("control: the planted vulnerable pin was found (the scan can fail)")
            return CLEAN
        print("control FAILED: the planted vulnerable pin was not reported")
        return UNREACHABLE if code == UNREACHABLE else VULNERABLE
    verdicts = {CLEAN: "no known vulnerabilities", VULNERABLE: "VULNERABLE", UNREACHABLE: "NOT AUDITED"}
    codes = []
    for label, (code, lines) in (("pip-audit", pip_audit(REQUIREMENTS)), ("npm audit", npm_audit())):
        print(f"{label}: {verdicts[code]}")
        for line in lines:
            print(f"  {line}")
        codes.append(code)
    if VULNERABLE in codes:
        return VULNERABLE
    return UNREACHABLE if UNREACHABLE in codes else CLEAN


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
