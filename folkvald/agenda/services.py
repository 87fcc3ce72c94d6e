"""Writes: agreements, reforms, status changes with their evidence, decisions with figures, bulk imports.

Every function checks its input and raises ``ValidationError`` before writing anything;
each runs in one transaction, so a failure leaves nothing half-written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from folkvald.agenda.bullets import BulletItem
from folkvald.agenda.figures import ParsedFigure, figures_in_text
from folkvald.agenda.models import (
    Agreement,
    Decision,
    Figure,
    Reform,
    ReformStatus,
    StatusChange,
)
from folkvald.organisations.models import Organisation, Party

#: Outcomes that need evidence: a decision and/or a link.
STATUSES_NEEDING_EVIDENCE = frozenset({ReformStatus.DONE, ReformStatus.PARTLY_DONE, ReformStatus.BROKEN})


def _user_name(user: AbstractBaseUser | None) -> str:
    if user is None or not user.is_authenticated:
        return ""
    person = getattr(user, "person", None)
    return person.full_name if person is not None else user.get_username()


def _next_position(model: type[Reform] | type[Decision], organisation: Organisation) -> int:
    current = model.objects.filter(organisation=organisation).aggregate(top=Max("position"))["top"]
    return 0 if current is None else current + 1


def _check_same_organisation(organisation: Organisation, items: Iterable[Reform | Decision | Agreement]) -> None:
    for item in items:
        if item.organisation_id != organisation.pk:
            raise ValidationError(_("”%(item)s” hör till en annan organisation.") % {"item": item})


# --- agreements --------------------------------------------------------------------


@transaction.atomic
def agreement_create(
    *,
    organisation: Organisation,
    title: str,
    kind: str,
    parties: Sequence[Party],
    period_start: int,
    date: dt.date,
    text: str = "",
    is_published: bool = False,
    internal_notes: str = "",
) -> Agreement:
    agreement = Agreement(
        organisation=organisation,
        title=title,
        kind=kind,
        period_start=period_start,
        date=date,
        text=text,
        is_published=is_published,
        internal_notes=internal_notes,
    )
    agreement.full_clean()
    if len(parties) < 2:
        raise ValidationError({"parties": _("Ett avtal har minst två partier.")})
    agreement.save()
    agreement.parties.set(parties)
    return agreement


AGREEMENT_FIELDS = ("title", "kind", "period_start", "date", "text", "is_published", "internal_notes")


@transaction.atomic
def agreement_update(*, agreement: Agreement, parties: Sequence[Party] | None = None, **fields: object) -> Agreement:
    for name, value in fields.items():
        if name not in AGREEMENT_FIELDS:
            raise TypeError(f"agreement_update() got an unexpected field {name!r}")
        setattr(agreement, name, value)
    agreement.full_clean()
    if parties is not None and len(parties) < 2:
        raise ValidationError({"parties": _("Ett avtal har minst två partier.")})
    agreement.save(update_fields=[*fields, "updated"])
    if parties is not None:
        agreement.parties.set(parties)
    return agreement


# --- reforms -----------------------------------------------------------------------

REFORM_FIELDS = (
    "title",
    "policy_area",
    "source_kind",
    "agreement",
    "source_name",
    "period_start",
    "target_value",
    "target_unit",
    "weight",
    "is_published",
    "internal_notes",
)


@transaction.atomic
def reform_create(
    *,
    organisation: Organisation,
    title: str,
    source_kind: str,
    period_start: int | None = None,
    policy_area: str = "",
    agreement: Agreement | None = None,
    source_name: str = "",
    target_value: Decimal | None = None,
    target_unit: str = "",
    weight: int = 1,
    parties: Sequence[Party] = (),
    is_published: bool = False,
    internal_notes: str = "",
    position: int | None = None,
) -> Reform:
    if agreement is not None:
        _check_same_organisation(organisation, [agreement])
        if period_start is None:
            period_start = agreement.period_start
    if period_start is None:
        raise ValidationError({"period_start": _("Ange mandatperioden.")})
    reform = Reform(
        organisation=organisation,
        title=title,
        policy_area=policy_area,
        source_kind=source_kind,
        agreement=agreement,
        source_name=source_name,
        period_start=period_start,
        target_value=target_value,
        target_unit=target_unit,
        weight=weight,
        is_published=is_published,
        internal_notes=internal_notes,
        position=_next_position(Reform, organisation) if position is None else position,
    )
    reform.full_clean()
    reform.save()
    if not parties and agreement is not None:
        parties = list(agreement.parties.all())
    reform.parties.set(parties)
    return reform


@transaction.atomic
def reform_update(*, reform: Reform, parties: Sequence[Party] | None = None, **fields: object) -> Reform:
    """Change a reform's details; its status only changes through :func:`reform_status_change`."""
    for name, value in fields.items():
        if name not in REFORM_FIELDS:
            raise TypeError(f"reform_update() got an unexpected field {name!r}")
        setattr(reform, name, value)
    if reform.agreement is not None:
        _check_same_organisation(reform.organisation, [reform.agreement])
    reform.full_clean()
    reform.save(update_fields=[*fields, "updated"])
    if parties is not None:
        reform.parties.set(parties)
    return reform


@transaction.atomic
def reform_status_change(
    *,
    reform: Reform,
    status: str,
    reason: str,
    user: AbstractBaseUser | None,
    decision: Decision | None = None,
    evidence_url: str = "",
    changed_at: dt.datetime | None = None,
    require_evidence: bool = True,
) -> StatusChange:
    """Move a reform to a new status, keeping who, when, why and the evidence in its history.

    A decision given as evidence is linked to the reform (the decision moved it). Only an
    import from a file, whose reason says so, may skip the evidence an outcome needs.
    """
    errors: dict[str, str] = {}
    if status not in ReformStatus.values:
        errors["status"] = _("Okänd status.")
    elif status == reform.status:
        errors["status"] = _("Reformen har redan den statusen.")
    if not reason.strip():
        errors["reason"] = _("Skriv varför statusen ändras.")
    if decision is not None and decision.organisation_id != reform.organisation_id:
        errors["decision"] = _("Beslutet hör till en annan organisation.")
    if require_evidence and status in STATUSES_NEEDING_EVIDENCE and decision is None and not evidence_url.strip():
        errors["decision"] = _("Ange ett beslut eller en länk som belägg för statusen.")
    if errors:
        raise ValidationError(errors)
    locked = Reform.objects.select_for_update().get(pk=reform.pk)
    when = changed_at or timezone.now()
    if locked.status_changed is not None and when < locked.status_changed:
        raise ValidationError({"changed_at": _("En statusändring kan inte dateras före den förra.")})
    change = StatusChange(
        reform=locked,
        from_status=locked.status,
        to_status=status,
        changed_at=when,
        changed_by=user if user is not None and user.is_authenticated else None,
        changed_by_name=_user_name(user),
        reason=reason.strip(),
        decision=decision,
        evidence_url=evidence_url.strip(),
    )
    change.full_clean()
    change.save()
    locked.status = status
    locked.status_changed = when
    locked.save(update_fields=["status", "status_changed", "updated"])
    reform.status, reform.status_changed = status, when
    if decision is not None:
        decision.reforms.add(locked)
    return change


# --- decisions ---------------------------------------------------------------------

DECISION_FIELDS = (
    "date",
    "body",
    "body_name",
    "paragraph",
    "title",
    "policy_area",
    "description",
    "url",
    "is_published",
    "internal_notes",
)


def _figures_replace(decision: Decision, figures: Sequence[ParsedFigure]) -> None:
    decision.figures.all().delete()
    Figure.objects.bulk_create(
        Figure(
            decision=decision,
            qualifier=figure.qualifier,
            value=figure.value,
            unit=figure.unit,
            label=figure.label,
            position=index,
        )
        for index, figure in enumerate(figures)
    )


@transaction.atomic
def decision_create(
    *,
    organisation: Organisation,
    date: dt.date,
    body: str,
    title: str,
    body_name: str = "",
    paragraph: str = "",
    policy_area: str = "",
    description: str = "",
    url: str = "",
    reforms: Sequence[Reform] = (),
    figures: Sequence[ParsedFigure] = (),
    is_published: bool = False,
    internal_notes: str = "",
    position: int | None = None,
) -> Decision:
    _check_same_organisation(organisation, reforms)
    decision = Decision(
        organisation=organisation,
        date=date,
        body=body,
        body_name=body_name,
        paragraph=paragraph,
        title=title,
        policy_area=policy_area,
        description=description,
        url=url,
        is_published=is_published,
        internal_notes=internal_notes,
        position=_next_position(Decision, organisation) if position is None else position,
    )
    decision.full_clean()
    decision.save()
    decision.reforms.set(reforms)
    _figures_replace(decision, figures)
    return decision


@transaction.atomic
def decision_update(
    *,
    decision: Decision,
    reforms: Sequence[Reform] | None = None,
    figures: Sequence[ParsedFigure] | None = None,
    **fields: object,
) -> Decision:
    for name, value in fields.items():
        if name not in DECISION_FIELDS:
            raise TypeError(f"decision_update() got an unexpected field {name!r}")
        setattr(decision, name, value)
    decision.full_clean()
    decision.save(update_fields=[*fields, "updated"])
    if reforms is not None:
        _check_same_organisation(decision.organisation, reforms)
        decision.reforms.set(reforms)
    if figures is not None:
        _figures_replace(decision, figures)
    return decision


# --- bulk: a pasted bullet list ----------------------------------------------------


@transaction.atomic
def reforms_from_bullets(
    *,
    organisation: Organisation,
    items: Sequence[BulletItem],
    source_kind: str,
    period_start: int | None = None,
    agreement: Agreement | None = None,
    source_name: str = "",
    parties: Sequence[Party] = (),
    is_published: bool = False,
) -> list[Reform]:
    """One reform per bullet, in the list's order; all or nothing."""
    if not items:
        raise ValidationError(_("Listan har inga punkter."))
    start = _next_position(Reform, organisation)
    return [
        reform_create(
            organisation=organisation,
            title=item.title,
            policy_area=item.area,
            source_kind=source_kind,
            period_start=period_start,
            agreement=agreement,
            source_name=source_name,
            parties=parties,
            is_published=is_published,
            position=start + index,
        )
        for index, item in enumerate(items)
    ]


@transaction.atomic
def decisions_from_bullets(
    *,
    organisation: Organisation,
    items: Sequence[BulletItem],
    date: dt.date,
    body: str,
    body_name: str = "",
    is_published: bool = False,
    figures_from_text: bool = False,
) -> list[Decision]:
    """One decision per bullet, in the list's order; all or nothing.

    With ``figures_from_text`` each decision gets the figures its text states ("med 5,7 procent"
    gives +5,7 %), as :func:`folkvald.agenda.figures.figures_in_text` reads them.
    """
    if not items:
        raise ValidationError(_("Listan har inga punkter."))
    start = _next_position(Decision, organisation)
    return [
        decision_create(
            organisation=organisation,
            date=date,
            body=body,
            body_name=body_name,
            title=item.title,
            policy_area=item.area,
            figures=figures_in_text(item.title) if figures_from_text else (),
            is_published=is_published,
            position=start + index,
        )
        for index, item in enumerate(items)
    ]
