"""Keep each team's group in step with its managers and its instruction page."""

from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from vpd.models import Team, TeamInstructionPage


@receiver(m2m_changed, sender=Team.managers.through)
def managers_changed(sender, instance, action, reverse, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    from vpd.services import sync_team_group

    teams = [instance] if not reverse else list(instance.managed_vpd_teams.all())
    if reverse and action != "post_clear":
        teams = list(Team.objects.filter(pk__in=kwargs.get("pk_set") or []))
    for team in teams:
        sync_team_group(team)


@receiver(post_save, sender=TeamInstructionPage)
def instruction_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from vpd.services import sync_team_group

        sync_team_group(instance.team)
