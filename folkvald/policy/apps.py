from django.apps import AppConfig
from django.utils.translation import gettext_lazy


def _erase_with_person(sender, instance, update_fields=None, **kwargs) -> None:
    """Erasure (GDPR art. 17) reaches the policy app: consultation answers and named registrations go.

    The organisations app erases a person by saving ``erased`` (``person_erase``); it knows nothing
    of the apps built on it, so this app listens. It runs before the save, inside the same
    transaction, while the stored e-mail address is still there to find registrations by.
    """
    if instance.pk is None or instance.erased is None:
        return
    if update_fields is not None and "erased" not in update_fields:
        return
    stored_email = sender.objects.filter(pk=instance.pk).values_list("email", flat=True).first()
    if stored_email is None:
        return
    from folkvald.policy.services import person_policy_erase

    person_policy_erase(person=instance, email=stored_email)  # idempotent: a second erasure finds nothing


class PolicyConfig(AppConfig):
    name = "folkvald.policy"
    label = "policy"
    verbose_name = gettext_lazy("Politikutveckling")

    def ready(self) -> None:
        from django.db.models.signals import pre_save

        from folkvald.core.navigation import register_section
        from folkvald.organisations.models import Person
        from folkvald.policy.navigation import policy_sections

        register_section(policy_sections)
        pre_save.connect(_erase_with_person, sender=Person, dispatch_uid="policy_erase_with_person")
