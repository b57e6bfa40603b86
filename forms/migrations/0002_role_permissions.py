"""Grant the forms app's model permissions to its roles.

The admin screens check group membership themselves (forms/permissions.py); these permissions
document the intent and serve tools that read Django permissions. Nobody gets change or delete on
the audit log: the model has only a view permission.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLE_PERMISSIONS = {
    "Integriteitsbureau": [
        "add_integrityreport",
        "change_integrityreport",
        "view_integrityreport",
        "add_message",
        "view_message",
        "view_attachment",
        "add_internalnote",
        "view_internalnote",
        "view_auditlogentry",
    ],
    "Vertrouwenspersoon": [
        "add_advisorregistration",
        "change_advisorregistration",
        "delete_advisorregistration",
        "view_advisorregistration",
        "add_advisorconversation",
        "change_advisorconversation",
        "delete_advisorconversation",
        "view_advisorconversation",
    ],
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("forms")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="forms", codename__in=codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in ROLE_PERMISSIONS.items():
        for group in Group.objects.filter(name=role):
            group.permissions.remove(*Permission.objects.filter(content_type__app_label="forms", codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [("forms", "0001_reports"), ("portal", "0001_roles")]
    operations = [migrations.RunPython(grant, revoke)]
