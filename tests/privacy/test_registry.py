"""The registry of what each app holds about a person (portal/subject_data.py) covers every record
that points to an account: a new model with a foreign key to the user model fails here until its app
declares it in `<app>/personal_data.py` (or excludes it with a reason)."""

from django.apps import apps
from django.contrib.auth import get_user_model

from portal.subject_data import exclusions, holdings


def user_fields() -> set[str]:
    """Every foreign key, one-to-one and many-to-many field to the user model, named where it is
    defined ("wagtailcore.Page.owner", not once per page type)."""
    user_model = get_user_model()
    found = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if (
                field.is_relation
                and field.concrete
                and field.related_model is user_model
                and field.model is model
            ):
                found.add(f"{model._meta.label}.{field.name}")
    return found


def declared() -> tuple[list[str], list[str]]:
    covered = [name for holding in holdings() for name in holding.covers]
    excluded = [exclusion.field for exclusion in exclusions()]
    return covered, excluded


def test_every_field_pointing_to_an_account_is_covered_or_excluded_with_a_reason():
    covered, excluded = declared()
    missing = user_fields() - set(covered) - set(excluded)
    assert not missing, f"declare these in <app>/personal_data.py: {sorted(missing)}"
    assert all(len(exclusion.reason) > 40 for exclusion in exclusions())


def test_nothing_is_declared_twice_or_for_a_field_that_does_not_exist():
    covered, excluded = declared()
    both = covered + excluded
    assert len(both) == len(set(both))
    assert set(both) <= user_fields()
    names = [holding.name for holding in holdings()]
    assert len(names) == len(set(names))


def test_a_new_foreign_key_would_be_noticed(monkeypatch):
    """Control: the check above fails when a declaration goes missing."""
    from portal import personal_data

    monkeypatch.setattr(
        personal_data, "HOLDINGS", [h for h in personal_data.HOLDINGS if h.name != "portal.sessions"]
    )
    covered, excluded = declared()
    assert user_fields() - set(covered) - set(excluded) == {"portal.UserSession.user"}


def test_integrity_reports_and_the_audit_log_are_never_in_a_holding():
    covered, _excluded = declared()
    assert not [name for name in covered if name.startswith("forms.")]
    assert {e.field for e in exclusions()} >= {"forms.IntegrityReport.owner", "forms.AuditLogEntry.user"}
