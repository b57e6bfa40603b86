"""Grant the vpd models' permissions to the portal's roles.

Incidents are confidential: only the VPD coordinator may view them in the admin (reporters see their
own on the site). The peer-support team records conversations; the coordinator reads them. Teams
are maintained by the coordinator and the administrator.
"""

from django.db import migrations


GRANTS = {
    "VPD-coördinator": [
        "view_incident",
        "view_peersupportconversation",
        "add_team",
        "change_team",
        "view_team",
    ],
    "Bedrijfsopvangteam": ["add_peersupportconversation", "view_peersupportconversation"],
    "Beheerder": ["add_team", "change_team", "delete_team", "view_team"],
}


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("vpd")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="vpd", codename__in=codenames))


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for name, codenames in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group:
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label="vpd", codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [("vpd", "0001_initial"), ("portal", "0001_roles")]
    operations = [migrations.RunPython(grant, revoke)]
