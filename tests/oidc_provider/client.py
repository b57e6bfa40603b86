"""Start the test identity provider process and steer it (used by the tests' `oidc_provider` fixture)."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import requests

from tests.oidc_provider.serve import CLIENT_ID, CLIENT_SECRET

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class TestProvider:
    process: subprocess.Popen
    url: str
    control_token: str

    client_id = CLIENT_ID
    client_secret = CLIENT_SECRET

    @property
    def discovery_url(self) -> str:
        return f"{self.url}/o/.well-known/openid-configuration"

    @property
    def issuer(self) -> str:
        return f"{self.url}/o"

    def control(self, what: str, **body) -> dict:
        response = requests.post(
            f"{self.url}/control/{what}",
            json=body,
            headers={"X-Control-Token": self.control_token},
            timeout=10,
        )
        response.raise_for_status()
        return response.json()

    def person(self, username: str, password: str, **fields) -> dict:
        return self.control("person", username=username, password=password, **fields)

    def block(self, username: str) -> dict:
        return self.control("person", username=username, active=False)

    def fault(self, **faults) -> None:
        self.control("fault", **faults)

    def refresh_tokens(self, username: str) -> int:
        return self.control("tokens", username=username)["refresh_tokens"]

    def stop(self) -> None:
        if self.process.stdin:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start() -> TestProvider:
    token = secrets.token_urlsafe(24)
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")}
    env["IDP_CONTROL_TOKEN"] = token
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.oidc_provider.serve", "--exit-with-stdin"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    line = process.stdout.readline().strip()
    if not line.startswith("READY "):
        process.kill()
        raise RuntimeError(f"The test identity provider did not start: {line!r}")
    port = int(line.split()[1])
    return TestProvider(process=process, url=f"http://127.0.0.1:{port}", control_token=token)
