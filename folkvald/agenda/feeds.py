"""An Atom feed of an organisation's newly recorded, published decisions."""

from __future__ import annotations

import datetime as dt

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from folkvald.agenda.models import Decision, election_year_of
from folkvald.agenda.selectors import feed_decisions, period_slug
from folkvald.organisations.models import Organisation
from folkvald.organisations.permissions import Level, access_organisation


class DecisionFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, organisation_id: int) -> Organisation:
        return access_organisation(request.user, organisation_id, need=Level.PUBLIC)

    def title(self, organisation: Organisation) -> str:
        return _("Nya beslut – %(name)s") % {"name": organisation.name}

    def subtitle(self, organisation: Organisation) -> str:
        return _("Vad har vi gjort sedan valet? Beslut som för reformerna framåt.")

    def link(self, organisation: Organisation) -> str:
        return reverse("agenda:report_latest", kwargs={"organisation_id": organisation.pk})

    def items(self, organisation: Organisation):
        return feed_decisions(organisation=organisation)

    def item_title(self, decision: Decision) -> str:
        return decision.title

    def item_description(self, decision: Decision) -> str:
        parts = [decision.reference]
        parts.extend(
            f"{figure.display}{f' ({figure.label})' if figure.label else ''}" for figure in decision.figures.all()
        )
        if decision.description:
            parts.append(decision.description)
        return " · ".join(parts)

    def item_link(self, decision: Decision) -> str:
        url = reverse(
            "agenda:report",
            kwargs={
                "organisation_id": decision.organisation_id,
                "period": period_slug(election_year_of(decision.date)),
            },
        )
        return f"{url}#beslut-{decision.pk}"

    def item_guid(self, decision: Decision) -> str:
        return f"folkvald-decision-{decision.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, decision: Decision) -> dt.datetime:
        return decision.created

    def item_updateddate(self, decision: Decision) -> dt.datetime:
        return decision.updated or decision.created

    def item_categories(self, decision: Decision) -> list[str]:
        return [decision.policy_area] if decision.policy_area else []


