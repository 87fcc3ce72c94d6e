"""Django's model backend, with the signed-in user read by one constant statement.

`get_user` runs on every signed-in request; through the ORM its query is compiled again each
time. Here the same row is read by a statement written once (prepared on PostgreSQL) and
turned into a user as the ORM does (its column converters, then `from_db`). Authentication
and permissions are Django's own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.db import connection

from folkvald.core import sql

_READ: dict[str, tuple[str, list[str], list[tuple[int, Callable[[Any], Any]]]]] = {}


class ModelBackend(DjangoModelBackend):
    def get_user(self, user_id: Any) -> Any:
        model = get_user_model()
        statement, attnames, converters = _read_statement(model)
        pk = model._meta.pk
        rows = sql.fetch("core_user_by_id", statement, [pk.get_db_prep_value(pk.to_python(user_id), connection)])
        if not rows:
            return None
        values = list(rows[0])
        for index, convert in converters:
            values[index] = convert(values[index])
        user = model.from_db(connection.alias, attnames, values)
        return user if self.user_can_authenticate(user) else None


def _read_statement(model: Any) -> tuple[str, list[str], list[tuple[int, Callable[[Any], Any]]]]:
    """The SELECT, the attribute names and the converters of the columns that need one, made once."""
    cached = _READ.get(connection.vendor)
    if cached is None:
        quote = connection.ops.quote_name
        fields = list(model._meta.concrete_fields)
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
