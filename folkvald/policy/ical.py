"""iCalendar (RFC 5545) feeds of events and deadlines, written with the icalendar package."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from urllib.parse import urlparse

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as VEvent

from folkvald.policy.models import Deliverable, Event

CONTENT_TYPE = "text/calendar; charset=utf-8"


def _domain() -> str:
    return urlparse(settings.SITE_URL).hostname or "folkvald.local"


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//folkvald//policy//SV")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar


def calendar_bytes(
    *, name: str, events: Iterable[Event] = (), deliverables: Iterable[Deliverable] = ()
) -> bytes:
    calendar = _calendar(name)
    stamp = timezone.now().astimezone(dt.UTC)
    base = settings.SITE_URL.rstrip("/")
    for event in events:
        item = VEvent()
        item.add("uid", f"event-{event.pk}@{_domain()}")
        item.add("dtstamp", stamp)
        item.add("dtstart", event.starts_at.astimezone(dt.UTC))
        item.add("dtend", (event.ends_at or event.starts_at + dt.timedelta(hours=2)).astimezone(dt.UTC))
        item.add("summary", event.title)
        item.add("location", event.place)
        description = "\n\n".join(part for part in (event.description, _("Arrangör: %(name)s") % {"name": event.organiser}) if part)
        item.add("description", description)
        item.add("categories", [str(event.get_kind_display())])
        item.add("url", f"{base}/politik/evenemang/{event.pk}/")
        calendar.add_component(item)
    for deliverable in deliverables:
        item = VEvent()
        item.add("uid", f"deadline-{deliverable.pk}@{_domain()}")
        item.add("dtstamp", stamp)
        item.add("dtstart", deliverable.deadline)  # an all-day entry
        item.add("dtend", deliverable.deadline + dt.timedelta(days=1))
        item.add("summary", f"{deliverable.title} ({deliverable.group.name})")
        if deliverable.description:
            item.add("description", deliverable.description)
        item.add("url", f"{base}/politik/grupper/{deliverable.group_id}/")
        calendar.add_component(item)
    return calendar.to_ical()


def calendar_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
