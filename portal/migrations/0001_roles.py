"""Create the portal's roles as groups, so that every environment has them.

Later apps grant their own model permissions to these groups in their own data migrations.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = [
    "Medewerker",
    "Leidinggevende",
    "Redacteur",
    "Integriteitsbureau",
    "Vertrouwenspersoon",
    "VPD-coördinator",
    "Bedrijfsopvangteam",
    "Beheerder",
]
ADMIN_ROLES = [role for role in ROLES if role != "Medewerker"]
# Wagtail's own permissions per role, as (app_label, codename).
ROLE_PERMISSIONS = {
    "Redacteur": [
        ("wagtailimages", "add_image"),
        ("wagtailimages", "change_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "choose_document"),
    ],
    "Leidinggevende": [
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "choose_document"),
    ],
    "Beheerder": [
        ("auth", "add_user"),
        ("auth", "change_user"),
        ("auth", "view_user"),
        ("auth", "add_group"),
        ("auth", "change_group"),
        ("auth", "view_group"),
        ("wagtailcore", "change_site"),
        ("wagtailcore", "view_site"),
    ],
}
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
# Wagtail's example groups; the portal's roles replace them.
WAGTAIL_DEFAULT_GROUPS = ["Moderators", "Editors"]


def ensure_permissions_exist(apps):
    """Model permissions are normally created after all migrations (post_migrate); make them now."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    ensure_permissions_exist(apps)
    Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS).delete()

    def permission(app_label, codename, model=None):
        content_type = None
        if model:
            content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        lookup = {"content_type__app_label": app_label, "codename": codename}
        found = Permission.objects.filter(**lookup).first()
        if found is None and content_type is not None:
            found = Permission.objects.create(
                content_type=content_type, codename=codename, name=codename.replace("_", " ")
            )
        return found

    admin_access = permission("wagtailadmin", "access_admin", model="admin")
    for name in ROLES:
        group, _ = Group.objects.get_or_create(name=name)
        if name in ADMIN_ROLES and admin_access:
            group.permissions.add(admin_access)
        for app_label, codename in ROLE_PERMISSIONS.get(name, []):
            found = permission(app_label, codename)
            if found:
                group.permissions.add(found)

    # Images and documents are permitted per collection; editors work in the root collection.
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection:
        for name, codenames in ROLE_PERMISSIONS.items():
            group = Group.objects.get(name=name)
            for app_label, codename in codenames:
                if app_label in ("wagtailimages", "wagtaildocs"):
                    GroupCollectionPermission.objects.get_or_create(
                        group=group,
                        collection=root_collection,
                        permission=permission(app_label, codename),
                    )

    root = Page.objects.filter(depth=1).first()
    editors = Group.objects.get(name="Redacteur")
    if root:
        for codename in EDITOR_PAGE_PERMISSIONS:
            page_permission = permission("wagtailcore", codename, model="page")
            if page_permission:
                GroupPagePermission.objects.get_or_create(
                    group=editors, page=root, permission=page_permission
                )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]
    operations = [migrations.RunPython(create_roles, remove_roles)]
