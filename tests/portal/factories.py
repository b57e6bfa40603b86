import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from portal.roles import Role

PASSWORD = "een-lang-test-wachtwoord"


class UserFactory(factory.django.DjangoModelFactory):
    """A signed-up colleague; pass `roles=[Role.EDITOR, ...]` for more than the employee role."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"collega{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    email = factory.LazyAttribute(lambda user: f"{user.username}@portaal.invalid")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if not create:
            return
        names = [str(Role.EMPLOYEE), *(str(role) for role in extracted or [])]
        self.groups.set(Group.objects.filter(name__in=names))
        self.save()
