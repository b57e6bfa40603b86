"""The demo reproduces the 2021 annual report's VPD figures (that a second load changes nothing is
checked for every app at once in tests/portal/test_demo_content.py)."""

import pytest
from django.contrib.auth.models import Group

from vpd.figures import PeerSupportProvider, PublicAggressionProvider
from vpd.models import Team

pytestmark = pytest.mark.django_db


def counts(rows):
    return {row["code"]: row["count"] for row in rows}


def test_demo_reproduces_the_2021_figures(demo_content):

    incidents = PublicAggressionProvider().compute(2021)
    assert incidents["total"] == 121
    assert counts(incidents["by_type"])["persoonlijke-bedreiging"] == 49
    assert counts(incidents["by_type"])["fysieke-agressie"] == 18
    by_department = counts(incidents["by_department"])
    assert (
        by_department["vth"]
        > by_department["wi"]
        > by_department["publiekszaken"]
        > by_department["stadsbedrijven"]
    )

    support = PeerSupportProvider().compute(2021)
    assert support["conversations"] == 78
    assert counts(support["by_sequence"]) == {"eerste-gesprek": 64, "tweede-gesprek": 13, "derde-gesprek": 1}
    assert support["referrals"] == 5

    assert PublicAggressionProvider().compute(2020) is None  # 2020 is historical, not records
    assert PeerSupportProvider().compute(2020) is None

    # One team without an instruction; the demo manager manages one team.
    assert Team.objects.filter(instructions__isnull=True).count() == 1
    assert list(
        Group.objects.get(name="VPD-team balie-stadskantoor").user_set.values_list("username", flat=True)
    ) == ["leidinggevende"]
