"""Sessions in the database, read by one constant statement.

Every signed-in request reads its session; through the ORM that is a query compiled again
each time, a large share of a small request's Python (the reporting API's hot path). The
statement here is the same lookup, written once and prepared on PostgreSQL. Writing, expiry
and clearing stay Django's own.
"""

from __future__ import annotations

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone

from folkvald.core import sql

_SELECT: dict[str, str] = {}  # the statement's text per database vendor, made once


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self) -> Session | None:
        statement = _SELECT.get(connection.vendor)
        if statement is None:
            quote = connection.ops.quote_name
            statement = _SELECT[connection.vendor] = (
                f"SELECT {quote('session_data')}, {quote('expire_date')} FROM {quote(self.model._meta.db_table)} "  # noqa: S608
                f"WHERE {quote('session_key')} = %s AND {quote('expire_date')} > %s"
            )
        rows = sql.fetch(
            "core_session_by_key", statement,
            [self.session_key, connection.ops.adapt_datetimefield_value(timezone.now())],
        )
        if not rows:
            self._session_key = None
            return None
        session_data, expire_date = rows[0]
        return self.model(session_key=self.session_key, session_data=session_data, expire_date=expire_date)
