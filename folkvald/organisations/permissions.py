"""Who may see what: the one place the rule lives.

A person sees the internal data of the organisations where they hold an active
role; a leader (chair, secretary, political secretary, campaign leader, board)
also sees everything beneath. Everyone else sees what is published. Views and
API handlers of every app fetch objects only through an ``access_*`` function,
and those are built on :func:`organisation_access`.
"""

from __future__ import annotations

import contextvars
import enum
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.signals import request_finished, request_started
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import Http404

from folkvald.organisations.models import LEADER_ROLES, Organisation, Role


class Level(enum.IntEnum):
    # Templates compare with it ({% if level >= Level.MANAGE %}); without this Django's template
    # engine calls the class, gets nothing, and every such comparison is false.
    do_not_call_in_templates = enum.nonmember(True)

    NONE = 0
    PUBLIC = 1
    INTERNAL = 2
    MANAGE = 3


AnyUser = AbstractBaseUser | AnonymousUser

_CACHE_ATTR = "_folkvald_access_cache"


def _children_map() -> dict[int | None, list[int]]:
    """Every organisation's children, read once per request (nationally 2,300 rows, asked several times a page).

    Unordered: the model's ordering by name made PostgreSQL sort them all (2–5 ms against 0.7).
    """
    memo = _request_memo.get()
    if memo is not None and "children" in memo:
        return memo["children"]
    children: dict[int | None, list[int]] = defaultdict(list)
    for pk, parent_id in _tree_rows():
        children[parent_id].append(pk)
    if memo is not None:
        memo["children"] = children
    return children


def parent_map() -> dict[int, int | None]:
    """Every organisation's parent, from the same read of the tree as :func:`_children_map`."""
    return dict(_tree_rows())


def _tree_rows() -> list[tuple[int, int | None]]:
    """(id, parent id) of every organisation, read once per request."""
    memo = _request_memo.get()
    if memo is not None and "rows" in memo:
        return memo["rows"]
    rows = list(Organisation.objects.order_by().values_list("pk", "parent_id"))
    if memo is not None:
        memo["rows"] = rows
    return rows


def subtree_ids(root_id: int) -> frozenset[int]:
    """The organisation and everything beneath it, worked out once per request and root."""
    memo = _request_memo.get()
    key = ("subtree", root_id)
    if memo is not None and key in memo:
        return memo[key]
    subtree = frozenset(_with_descendants([root_id], _children_map()))
    if memo is not None:
        memo[key] = subtree
    return subtree


# The tree as read in this request; None outside a request (management commands, tests calling
# functions directly), where everything is read afresh. Any change to an organisation forgets it.
_request_memo: contextvars.ContextVar[dict[object, Any] | None] = contextvars.ContextVar(
    "folkvald_organisation_tree", default=None
)


@receiver(request_started)
def _start_memo(**kwargs: object) -> None:
    _request_memo.set({})


@receiver(request_finished)
def _end_memo(**kwargs: object) -> None:
    _request_memo.set(None)


@receiver(post_save, sender=Organisation)
@receiver(post_delete, sender=Organisation)
def _tree_changed(**kwargs: object) -> None:
    memo = _request_memo.get()
    if memo:
        memo.clear()


def _with_descendants(roots: Iterable[int], children: dict[int | None, list[int]]) -> set[int]:
    seen: set[int] = set()
    stack = list(roots)
    while stack:
        pk = stack.pop()
        if pk in seen:
            continue
        seen.add(pk)
        stack.extend(children.get(pk, ()))
    return seen


def _access_sets(user: AnyUser) -> tuple[frozenset[int], frozenset[int]]:
    """(internal ids, managed ids) for the user, computed once per user object."""
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    if not user.is_authenticated:
        result: tuple[frozenset[int], frozenset[int]] = (frozenset(), frozenset())
    else:
        roles = list(
            Role.objects.active().filter(person__user=user).values_list("organisation_id", "kind")
        )
        led = {org_id for org_id, kind in roles if kind in LEADER_ROLES}
        held = {org_id for org_id, _kind in roles}
        if led:
            children = _children_map()
            managed = _with_descendants(led, children)
        else:
            managed = set()
        result = (frozenset(held | managed), frozenset(managed))
    try:
        setattr(user, _CACHE_ATTR, result)
    except AttributeError:  # pragma: no cover - AnonymousUser allows attributes, but be safe
        pass
    return result


def is_superuser(user: AnyUser) -> bool:
    return bool(user.is_authenticated and getattr(user, "is_superuser", False))


def internal_organisation_ids(user: AnyUser) -> frozenset[int] | None:
    """Ids whose internal data the user may see; None means every organisation (superuser)."""
    if is_superuser(user):
        return None
    return _access_sets(user)[0]


def managed_organisation_ids(user: AnyUser) -> frozenset[int] | None:
    """Ids the user may change; None means every organisation (superuser)."""
    if is_superuser(user):
        return None
    return _access_sets(user)[1]


def organisation_level(user: AnyUser, organisation: Organisation) -> Level:
    if is_superuser(user):
        return Level.MANAGE
    internal, managed = _access_sets(user)
    if organisation.pk in managed:
        return Level.MANAGE
    if organisation.pk in internal:
        return Level.INTERNAL
    if organisation.is_public:
        return Level.PUBLIC
    return Level.NONE


def require(level: Level, needed: Level) -> None:
    """Refuse with a 404 so that a private object's existence does not leak."""
    if level < needed:
        raise Http404


def access_organisation(user: AnyUser, organisation_id: int, *, need: Level = Level.PUBLIC) -> Organisation:
    try:
        organisation = Organisation.objects.select_related("party", "municipality", "parent").get(
            pk=organisation_id
        )
    except (Organisation.DoesNotExist, ValueError, TypeError) as error:
        raise Http404 from error
    require(organisation_level(user, organisation), need)
    return organisation


def visible_organisations(user: AnyUser):
    """Organisations the user may at least see publicly."""
    internal = internal_organisation_ids(user)
    queryset = Organisation.objects.select_related("party", "municipality", "parent")
    if internal is None:
        return queryset
    from django.db.models import Q

    return queryset.filter(Q(is_public=True) | Q(pk__in=internal))
