"""Create the HR and security-coordinator roles (groups with admin access) and grant this app's
model permissions to the roles that use its admin screens."""

from django.db import migrations

HR, SECURITY = "HR-adviseur", "Beveiligingscoördinator"
GRANTS = {
    HR: ["view_declaration", "view_position", "add_position", "change_position", "delete_position",
         "view_placement", "add_placement", "change_placement", "delete_placement"],
    "Integriteitsbureau": ["view_declaration", "view_position", "view_placement"],
}  # fmt: skip


def create(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for label in ("safework", "wagtailadmin"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    admin_access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    for name in (HR, SECURITY):
        group, _ = Group.objects.get_or_create(name=name)
        if admin_access:
            group.permissions.add(admin_access)
    for name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="safework", codename__in=codenames)
        )


def remove(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[HR, SECURITY]).delete()


class Migration(migrations.Migration):
    dependencies = [("safework", "0001_initial"), ("portal", "0001_roles")]
    operations = [migrations.RunPython(create, remove)]
