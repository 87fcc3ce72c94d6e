from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class CampaignsConfig(AppConfig):
    name = "folkvald.campaigns"
    label = "campaigns"
    verbose_name = gettext_lazy("Samtalskampanjer")

    def ready(self) -> None:
        from folkvald.core.navigation import register_section

        register_section(campaign_sections)


def campaign_sections(organisation, internal: bool):
    """An organisation's pages link to the campaigns running through it (published ones publicly)."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from folkvald.campaigns.models import Campaign
    from folkvald.campaigns.permissions import ancestors
    from folkvald.core.navigation import Section

    owners = [o.pk for o in ancestors(organisation)]
    campaigns = Campaign.objects.filter(organisation_id__in=owners).order_by("-start")
    if not internal:
        campaigns = campaigns.filter(is_public=True)
    sections = []
    for campaign in campaigns[:5]:
        sections.append(Section(_("Kampanj: %(name)s") % {"name": campaign.name},
                                reverse("campaigns:organisation", args=[campaign.pk, organisation.pk])))
        if internal:
            sections.append(Section(_("Rapportera samtal (%(name)s)") % {"name": campaign.name},
                                    reverse("campaigns:report", args=[campaign.pk])))
    return sections
