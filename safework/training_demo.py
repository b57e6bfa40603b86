"""Demo records of managers' integrity training (seed chapter 2: the Management Development module
"In gesprek met je team over integriteit" and the onboarding programme for managers).

Besides the demo manager `leidinggevende` (Publiekszaken), two team leaders who cannot sign in manage
a team at VTH and at Werk & Inkomen, so the overview shows managers who have and have not followed it.
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from portal.roles import Role
from safework.training import ManagerTraining, TrainingProgramme

MODULE, ONBOARDING = TrainingProgramme.TEAM_CONVERSATION, TrainingProgramme.ONBOARDING
# username, first name, last name, VPD team they manage
TEAM_LEADERS = [
    ("teamleider-vth", "Tessa", "Toezicht", "toezicht-openbare-ruimte"),
    ("teamleider-wi", "Wim", "Werk", "klantcontact-inkomen"),
]
# username, programme, date followed
TRAININGS = [
    ("leidinggevende", ONBOARDING, datetime.date(2021, 3, 2)),
    ("leidinggevende", MODULE, datetime.date(2021, 10, 12)),
    ("teamleider-vth", MODULE, datetime.date(2021, 11, 16)),
]


def load(log) -> None:
    from vpd.models import Team

    User = get_user_model()
    managers = Group.objects.get(name=str(Role.MANAGER))
    employees = Group.objects.get(name=str(Role.EMPLOYEE))
    for username, first_name, last_name, team_slug in TEAM_LEADERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "email": f"{username}@portaal.invalid",
            },
        )
        if created:
            user.set_unusable_password()  # shown in the overview; nobody signs in as them
            user.save(update_fields=["password"])
        user.groups.add(employees, managers)
        team = Team.objects.filter(slug=team_slug).first()
        if team is not None:
            team.managers.add(user)
    users = {user.username: user for user in User.objects.filter(username__in={row[0] for row in TRAININGS})}
    for username, programme, completed_on in TRAININGS:
        if username in users:
            ManagerTraining.objects.update_or_create(
                manager=users[username], programme=programme, defaults={"completed_on": completed_on}
            )
    log.write(f"  {len(TRAININGS)} integrity trainings of managers, {len(TEAM_LEADERS)} extra team leaders")
