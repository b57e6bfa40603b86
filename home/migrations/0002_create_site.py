"""Give every environment a Dutch home page as the site root and an English locale to translate into.

Replaces the placeholder page that Wagtail's own migrations create.
"""

from django.db import migrations


def create_site(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    HomePage = apps.get_model("home", "HomePage")

    dutch, _ = Locale.objects.get_or_create(language_code="nl")
    Locale.objects.get_or_create(language_code="en")
    if HomePage.objects.exists():
        return

    Page.objects.filter(depth=2, slug="home", content_type__app_label="wagtailcore").delete()
    root = Page.objects.get(depth=1)
    home_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="home")
    position = Page.objects.filter(depth=2).count() + 1
    home = HomePage.objects.create(
        title="Integriteit en ongewenst gedrag",
        draft_title="Integriteit en ongewenst gedrag",
        slug="home",
        content_type=home_type,
        path=f"{root.path}{position:04d}",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=dutch,
        live=True,
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)


def remove_site(apps, schema_editor):
    apps.get_model("home", "HomePage").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]
    operations = [migrations.RunPython(create_site, remove_site)]
