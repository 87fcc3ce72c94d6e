"""Who may see and change policy work: built on the organisation's access level.

- Published groups, their members and deliverables, and public events are public.
- Motions, consultations and unpublished groups are internal. The names of those registered for an
  event are for its organisers (leaders; the chair and secretary of the event's group), and so are a
  consultation's free-text answers (of its group); members see the counts.
- Members (any active role in the organisation) draft motions, co-sign them and answer
  consultations; a group's chair and secretary manage its deliverables and edit its motions;
  the branch's leaders (Level.MANAGE) manage everything and take the board's decisions.
"""

from __future__ import annotations

from django.http import Http404

from folkvald.organisations.permissions import (
    AnyUser,
    Level,
    access_organisation,
    organisation_level,
    require,
)
from folkvald.policy.models import (
    Consultation,
    Event,
    GroupMembership,
    MemberRole,
    Motion,
    WorkingGroup,
)

__all__ = [
    "Level",
    "access_consultation",
    "access_event",
    "access_group",
    "access_motion",
    "access_organisation",
    "can_edit_group",
    "can_read_answers",
    "can_see_registrations",
    "can_edit_motion",
    "group_level",
]


def _person_id(user: AnyUser) -> int | None:
    if not user.is_authenticated:
        return None
    person = getattr(user, "person", None)
    return person.pk if person is not None else None


def leads_group(user: AnyUser, group: WorkingGroup) -> bool:
    """The user is the group's chair or secretary today."""
    person_id = _person_id(user)
    if person_id is None:
        return False
    return (
        GroupMembership.objects.active()
        .filter(group=group, person_id=person_id, role__in=[MemberRole.CHAIR, MemberRole.SECRETARY])
        .exists()
    )


def group_level(user: AnyUser, group: WorkingGroup) -> Level:
    """The organisation's level, with a public view of an unpublished group refused."""
    level = organisation_level(user, group.organisation)
    if level == Level.PUBLIC and not group.is_published:
        return Level.NONE
    return level


def can_edit_group(user: AnyUser, group: WorkingGroup) -> bool:
    """Leaders of the organisation, and the group's own chair and secretary."""
    level = organisation_level(user, group.organisation)
    if level >= Level.MANAGE:
        return True
    return level >= Level.INTERNAL and leads_group(user, group)


def access_group(user: AnyUser, group_id: int, *, need: Level = Level.PUBLIC) -> WorkingGroup:
    try:
        group = WorkingGroup.objects.select_related("organisation", "organisation__party", "programme").get(
            pk=group_id
        )
    except (WorkingGroup.DoesNotExist, ValueError, TypeError) as error:
        raise Http404 from error
    require(group_level(user, group), need)
    return group


def access_editable_group(user: AnyUser, group_id: int) -> WorkingGroup:
    """A group whose deliverables the user may change (leaders, the group's chair and secretary)."""
    group = access_group(user, group_id, need=Level.INTERNAL)
    if not can_edit_group(user, group):
        raise Http404
    return group


def motion_level(user: AnyUser, motion: Motion) -> Level:
    level = organisation_level(user, motion.organisation)
    if level == Level.PUBLIC and not motion.is_published:
        return Level.NONE
    return level


def can_edit_motion(user: AnyUser, motion: Motion) -> bool:
    """Leaders; the author; the chair and secretary of the drafting group. Only while it is editable."""
    if not motion.is_editable:
        return False
    level = organisation_level(user, motion.organisation)
    if level >= Level.MANAGE:
        return True
    if level < Level.INTERNAL:
        return False
    person_id = _person_id(user)
    if person_id is not None and motion.author_id == person_id:
        return True
    return motion.group is not None and leads_group(user, motion.group)


def access_motion(user: AnyUser, motion_id: int, *, need: Level = Level.INTERNAL) -> Motion:
    try:
        motion = Motion.objects.select_related(
            "organisation", "organisation__party", "group", "author"
        ).get(pk=motion_id)
    except (Motion.DoesNotExist, ValueError, TypeError) as error:
        raise Http404 from error
    require(motion_level(user, motion), need)
    return motion


def event_level(user: AnyUser, event: Event) -> Level:
    level = organisation_level(user, event.organisation)
    if level == Level.PUBLIC and not event.is_public:
        return Level.NONE
    return level


def access_event(user: AnyUser, event_id: int, *, need: Level = Level.PUBLIC) -> Event:
    try:
        event = Event.objects.select_related("organisation", "organisation__party", "group").get(pk=event_id)
    except (Event.DoesNotExist, ValueError, TypeError) as error:
        raise Http404 from error
    require(event_level(user, event), need)
    return event


def can_see_registrations(user: AnyUser, event: Event) -> bool:
    """Names and e-mail of those registered: for the organisers only, as the consent says.

    The organisation's leaders, and the chair and secretary of the event's group.
    """
    level = organisation_level(user, event.organisation)
    if level >= Level.MANAGE:
        return True
    return level >= Level.INTERNAL and event.group is not None and leads_group(user, event.group)


def can_read_answers(user: AnyUser, consultation: Consultation) -> bool:
    """The free-text answers of a rådslag: for those who run it (leaders, and the chair and
    secretary of its group). Members see the counts."""
    level = organisation_level(user, consultation.organisation)
    if level >= Level.MANAGE:
        return True
    return level >= Level.INTERNAL and consultation.group is not None and leads_group(user, consultation.group)


def access_consultation(user: AnyUser, consultation_id: int, *, need: Level = Level.INTERNAL) -> Consultation:
    """Consultations are for members: never public."""
    try:
        consultation = Consultation.objects.select_related("organisation", "group", "event").get(
            pk=consultation_id
        )
    except (Consultation.DoesNotExist, ValueError, TypeError) as error:
        raise Http404 from error
    require(organisation_level(user, consultation.organisation), max(need, Level.INTERNAL))
    return consultation
