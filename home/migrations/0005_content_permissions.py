"""Grant the content room's model permissions to the roles.

Editors keep the contacts (confidential advisors, integrity office, ...) and departments up to date;
administrators (who also act for HR here) keep employees' departments.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Redacteur": [
        ("contact", ["add", "change", "delete", "view"]),
        ("department", ["add", "change", "view"]),
    ],
    "Beheerder": [
        ("employeeprofile", ["add", "change", "delete", "view"]),
        ("department", ["add", "change", "delete", "view"]),
        ("contact", ["add", "change", "delete", "view"]),
    ],
}


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, grants in GRANTS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        for model, actions in grants:
            for action in actions:
                permission = Permission.objects.filter(
                    content_type__app_label="home", codename=f"{action}_{model}"
                ).first()
                if permission:
                    group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, grants in GRANTS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        for model, actions in grants:
            codenames = [f"{action}_{model}" for action in actions]
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label="home", codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [("home", "0004_content_model"), ("portal", "0001_roles")]

    operations = [migrations.RunPython(grant, revoke)]
