"""Django's model backend, with the signed-in user read by one constant statement, or with the session.

`get_user` runs on every signed-in request; through the ORM its query is compiled again each
time. Here the same row is read by a statement written once (prepared on PostgreSQL), or comes
with the session itself (folkvald.core.sessions reads both in one statement and offers the row
here, for the request that read it), and is turned into a user as the ORM does (its column
converters, then `from_db`). Authentication and permissions are Django's own.
"""

from __future__ import annotations

import contextvars
import functools
from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.core.signals import request_finished, request_started
from django.db import connection
from django.dispatch import receiver

from folkvald.core import sql

_READ: dict[str, tuple[str, list[str], list[tuple[int, Callable[[Any], Any]]]]] = {}

# The user's row as read with this request's session: (pk, values) or None. Taken once.
_offered: contextvars.ContextVar[tuple[Any, list[Any]] | None] = contextvars.ContextVar(
    "folkvald_offered_user", default=None
)


class ModelBackend(DjangoModelBackend):
    def get_user(self, user_id: Any) -> Any:
        model = get_user_model()
        statement, attnames, converters = _read_statement(model)
        pk = model._meta.pk
        try:
            key = pk.to_python(user_id)
        except Exception:  # noqa: BLE001 - Django's own backend answers None for a bad id too
            return None
        offered = _offered.get()
        _offered.set(None)
        if offered is not None and offered[0] == key:
            values = list(offered[1])
        else:
            rows = sql.fetch("core_user_by_id", statement, [pk.get_db_prep_value(key, connection)])
            if not rows:
                return None
            values = list(rows[0])
        for index, convert in converters:
            values[index] = convert(values[index])
        user = model.from_db(connection.alias, attnames, values)
        return user if self.user_can_authenticate(user) else None


def offer_user(values: list[Any]) -> None:
    """The user's row read with the session (all None without a user): for this request's get_user only."""
    key = values[_pk_index(get_user_model())]
    _offered.set(None if key is None else (key, values))


@functools.cache
def _pk_index(model: Any) -> int:
    """Where the key is in a row of the user's columns (those of :func:`user_columns`)."""
    return [f.attname for f in _request_fields(model)].index(model._meta.pk.attname)


@receiver(request_started)
@receiver(request_finished)
def _forget_offered_user(**kwargs: object) -> None:
    _offered.set(None)


def user_id_in(data: dict[str, Any]) -> Any:
    """The id of the user a session's data signs in, as the user table's key; None if none (or not one)."""
    from django.contrib.auth import SESSION_KEY

    if SESSION_KEY not in data:
        return None
    try:
        return get_user_model()._meta.pk.to_python(data[SESSION_KEY])
    except Exception:  # noqa: BLE001 - a value no user could have
        return None


# Read only when asked for (deferred, as ``.defer()`` leaves them): no request reads them, and
# turning two time stamps into aware datetimes was a twentieth of a report's Python.
DEFERRED_FIELDS = frozenset({"last_login", "date_joined"})


def _request_fields(model: Any) -> list[Any]:
    """The user's fields a request reads, in the model's order."""
    return [f for f in model._meta.concrete_fields if f.attname not in DEFERRED_FIELDS]


def user_columns() -> list[str]:
    """The user table's columns read for a request (quoted), in the order of the model's fields."""
    quote = connection.ops.quote_name
    return [quote(f.column) for f in _request_fields(get_user_model())]


def user_table() -> str:
    return get_user_model()._meta.db_table


def user_pk_column() -> str:
    return get_user_model()._meta.pk.column


def _read_statement(model: Any) -> tuple[str, list[str], list[tuple[int, Callable[[Any], Any]]]]:
    """The SELECT, the attribute names and the converters of the columns that need one, made once."""
    cached = _READ.get(connection.vendor)
    if cached is None:
        quote = connection.ops.quote_name
        fields = _request_fields(model)
        statement = (
            f"SELECT {', '.join(quote(f.column) for f in fields)} FROM {quote(model._meta.db_table)} "  # noqa: S608
            f"WHERE {quote(model._meta.pk.column)} = %s"
        )
        converters = []
        for index, field in enumerate(fields):
            column = field.get_col(model._meta.db_table)
            steps = [*connection.ops.get_db_converters(column), *field.get_db_converters(connection)]
            if steps:
                converters.append((index, _chain(steps, column)))
        cached = _READ[connection.vendor] = (statement, [f.attname for f in fields], converters)
    return cached


def _chain(steps: list[Callable[..., Any]], column: Any) -> Callable[[Any], Any]:
    def convert(value: Any) -> Any:
        for step in steps:
            value = step(value, column, connection)
        return value

    return convert
