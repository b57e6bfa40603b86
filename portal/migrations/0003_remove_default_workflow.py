"""Switch off Wagtail's example workflow ("Moderators approval" on the root page).

Its group was removed with Wagtail's example groups (0001_roles), so nobody could approve it, yet
every page under the root would offer "Submit to Moderators approval". The portal's own workflows
(for example the VPD coordinator's approval of team instructions) are assigned where they apply.
"""

from django.db import migrations


def remove_default_workflow(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    Task = apps.get_model("wagtailcore", "Task")
    defaults = Workflow.objects.filter(name="Moderators approval")
    WorkflowPage.objects.filter(workflow__in=defaults).delete()
    Task.objects.filter(name="Moderators approval").update(active=False)
    defaults.update(active=False)


class Migration(migrations.Migration):
    dependencies = [("portal", "0002_cachegeneration")]
    operations = [migrations.RunPython(remove_default_workflow, migrations.RunPython.noop)]
