"""Grant the awareness room's model permissions to the portal's roles.

Editors run the calendar (sessions, registrations, evaluations, team sessions); managers record
their teams' awareness sessions; HR (the administrator role) keeps the introduction meetings and
the integrity declarations.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CRUD = ("add", "change", "delete", "view")
ROLE_PERMISSIONS = {
    "Redacteur": [
        *(f"{action}_session" for action in CRUD),
        "view_registration",
        "change_registration",
        "view_evaluation",
        *(f"{action}_teamsession" for action in CRUD),
    ],
    "Leidinggevende": [f"{action}_teamsession" for action in ("add", "change", "view")],
    "Beheerder": [
        *(f"{action}_introductionmeeting" for action in CRUD),
        *(f"{action}_introductionattendance" for action in CRUD),
    ],
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("awareness")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="awareness", codename__in=codenames)
        )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=ROLE_PERMISSIONS):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="awareness"))


class Migration(migrations.Migration):
    dependencies = [("awareness", "0001_initial"), ("portal", "0001_roles")]
    operations = [migrations.RunPython(grant, revoke)]
