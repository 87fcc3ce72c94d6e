from django.apps import AppConfig
from django.utils.translation import gettext_lazy


def council_sections(organisation, internal: bool):
    """Links from a branch's pages to its municipality's councils (and the planner, inside)."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from folkvald.core.navigation import Section
    from folkvald.councils.selectors import council_list

    municipality_id = getattr(organisation, "municipality_id", None)
    if not municipality_id:
        return []
    sections = []
    for council in council_list(municipality=municipality_id)[:3]:
        sections.append(
            Section(
                _("Fullmäktige %(period)s: mandat och koalitioner") % {"period": council.period_label},
                reverse("councils:council", args=[council.pk]),
            )
        )
        if internal:
            sections.append(
                Section(
                    _("Nämndplanering %(period)s") % {"period": council.period_label},
                    reverse("councils:planner", args=[council.pk]),
                )
            )
    return sections


class CouncilsConfig(AppConfig):
    name = "folkvald.councils"
    label = "councils"
    verbose_name = gettext_lazy("Fullmäktige")

    def ready(self) -> None:
        from folkvald.core.navigation import register_section

        register_section(council_sections)
