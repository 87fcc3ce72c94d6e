from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class ElectionsConfig(AppConfig):
    name = "folkvald.elections"
    label = "elections"
    verbose_name = gettext_lazy("Val")

    def ready(self) -> None:
        from folkvald.core.navigation import register_section

        register_section(election_sections)


def election_sections(organisation, internal: bool):
    """A branch's pages link to its municipality's election results (and the form, internally)."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from folkvald.core.navigation import Section

    municipality_id = getattr(organisation, "municipality_id", None)
    if not municipality_id:
        return []
    sections = [Section(_("Valresultat i %(place)s") % {"place": organisation.municipality.name},
                        reverse("elections:municipality", args=[municipality_id]))]
    return sections
