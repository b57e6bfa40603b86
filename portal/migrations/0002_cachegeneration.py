from django.db import migrations, models


def create_row(apps, schema_editor):
    apps.get_model("portal", "CacheGeneration").objects.get_or_create(pk=1, defaults={"value": 1})


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_roles")]

    operations = [
        migrations.CreateModel(
            name="CacheGeneration",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("value", models.PositiveBigIntegerField(default=1)),
            ],
            options={"verbose_name": "cachegeneratie"},
        ),
        migrations.RunPython(create_row, migrations.RunPython.noop),
    ]
