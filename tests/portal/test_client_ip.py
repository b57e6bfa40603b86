"""The client address behind proxies: a forged X-Forwarded-For never changes who the client is."""

import pytest

from portal.client_ip import client_ip_from_meta


@pytest.mark.parametrize(
    ("trusted", "meta", "expected"),
    [
        # No trusted proxies: the socket address, whatever the headers claim.
        ([], {"REMOTE_ADDR": "203.0.113.9", "HTTP_X_FORWARDED_FOR": "198.51.100.1"}, "203.0.113.9"),
        # A peer that is not a trusted proxy cannot vouch for anyone.
        (["10.0.0.1"], {"REMOTE_ADDR": "203.0.113.9", "HTTP_X_FORWARDED_FOR": "1.2.3.4"}, "203.0.113.9"),
        # Our proxy appended the real client after whatever the client sent.
        (
            ["10.0.0.1"],
            {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 203.0.113.9"},
            "203.0.113.9",
        ),
        # Two trusted hops (load balancer, then nginx) are skipped.
        (
            ["10.0.0.0/8"],
            {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 203.0.113.9, 10.0.0.7"},
            "203.0.113.9",
        ),
        # Garbage in the header stops the walk at the last address a trusted proxy vouched for.
        (["10.0.0.1"], {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.9, x"}, "10.0.0.1"),
        (["10.0.0.1"], {"REMOTE_ADDR": "10.0.0.1"}, "10.0.0.1"),
        (["::1"], {"REMOTE_ADDR": "::1", "HTTP_X_FORWARDED_FOR": "[2001:db8::5]:443"}, "2001:db8::5"),
        ([], {}, ""),
    ],
)
def test_client_address(settings, trusted, meta, expected):
    settings.TRUSTED_PROXIES = trusted
    assert client_ip_from_meta(meta) == expected


def test_forged_header_does_not_give_a_new_rate_limit_key(settings):
    """Control: the same socket address with different forged headers is the same client."""
    from forms.anonymity import client_key

    settings.TRUSTED_PROXIES = []
    first = client_key({"REMOTE_ADDR": "203.0.113.9", "HTTP_X_FORWARDED_FOR": "1.1.1.1"})
    second = client_key({"REMOTE_ADDR": "203.0.113.9", "HTTP_X_FORWARDED_FOR": "2.2.2.2"})
    assert first == second
    # With the proxy trusted, the header does decide (so the test can tell the two apart).
    settings.TRUSTED_PROXIES = ["203.0.113.9"]
    assert client_key({"REMOTE_ADDR": "203.0.113.9", "HTTP_X_FORWARDED_FOR": "1.1.1.1"}) != client_key(
        {"REMOTE_ADDR": "203.0.113.9", "HTTP_X_FORWARDED_FOR": "2.2.2.2"}
    )
