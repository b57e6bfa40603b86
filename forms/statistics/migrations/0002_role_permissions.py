"""Editors and administrators enter historical figures and the employee survey."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLE_PERMISSIONS = {
    "Redacteur": ["historicalfigure", "employeesurvey"],
    "Beheerder": ["historicalfigure", "employeesurvey"],
}
ACTIONS = ["add", "change", "delete", "view"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("statistics")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, models in ROLE_PERMISSIONS.items():
        group = Group.objects.filter(name=role).first()
        if group is None:
            continue
        codenames = [f"{action}_{model}" for model in models for action in ACTIONS]
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="statistics", codename__in=codenames)
        )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for role in ROLE_PERMISSIONS:
        group = Group.objects.filter(name=role).first()
        if group:
            group.permissions.remove(*Permission.objects.filter(content_type__app_label="statistics"))


class Migration(migrations.Migration):
    dependencies = [
        ("statistics", "0001_annual_figures"),
        ("portal", "0001_roles"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
