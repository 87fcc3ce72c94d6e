"""Sessions in the database, and the signed-in user read with them by one constant statement.

Every signed-in request reads its session and then its user; through the ORM those are two
queries compiled again each time, a large share of a small request's Python (the reporting
API's hot path). Here the session table (folkvald.core.models.Session) keeps the user's id in
a column, and one statement written once (prepared on PostgreSQL) reads the session with its
user's row; the row is handed to the auth backend for this request only
(folkvald.core.auth.offer_user), which Django then checks as always (active, the id and the
password hash in the session's data). Writing, expiry and clearing stay Django's own.

A session's data is signed; checking the signature (HMAC) and unpacking it is a twentieth of
a report. The result depends only on the stored text and the keys, so it is kept per text
(``SessionStore.decode``): the same text again is the same data, any other text is checked anew, and
a change of keys forgets everything.
"""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.core.signals import setting_changed
from django.db import connection
from django.dispatch import receiver
from django.utils import timezone

from folkvald.core import auth, sql

_SELECT: dict[str, str] = {}  # the statement's text per database vendor, made once

# Checked session texts and their data, as (key, value) pairs of plain values. Bounded: when
# full it starts again (a few MB at most; every active session is checked again once).
_DECODED: dict[str, tuple[tuple[str, Any], ...]] = {}
_DECODED_LIMIT = 10_000
_PLAIN = (str, int, float, bool, type(None))


class SessionStore(DatabaseSessionStore):
    @classmethod
    def get_model_class(cls):
        from folkvald.core.models import Session

        return Session

    def create_model_instance(self, data: dict[str, Any]):
        instance = super().create_model_instance(data)
        instance.user_id = auth.user_id_in(data)
        return instance

    def load(self) -> dict[str, Any]:
        text = self._session_data_from_db()  # Django's load() builds a model instance only to read this
        return self.decode(text) if text is not None else {}

    def _session_data_from_db(self) -> str | None:
        """The session's signed data, its user's row offered to the auth backend; None if none or expired."""
        statement = _SELECT.get(connection.vendor)
        if statement is None:
            quote = connection.ops.quote_name
            user_columns = ", ".join(f"u.{column}" for column in auth.user_columns())
            statement = _SELECT[connection.vendor] = (
                f"SELECT s.{quote('session_data')}, {user_columns} "  # noqa: S608
                f"FROM {quote(self.model._meta.db_table)} s "
                f"LEFT JOIN {quote(auth.user_table())} u ON u.{quote(auth.user_pk_column())} = s.{quote('user_id')} "
                f"WHERE s.{quote('session_key')} = %s AND s.{quote('expire_date')} > %s"
            )
        rows = sql.fetch(
            "core_session_with_user", statement,
            [self.session_key, connection.ops.adapt_datetimefield_value(timezone.now())],
        )
        if not rows:
            self._session_key = None
            return None
        session_data, *user_row = rows[0]
        auth.offer_user(user_row)
        return session_data

    def decode(self, session_data: str) -> dict[str, Any]:
        items = _DECODED.get(session_data)
        if items is not None:
            return dict(items)  # a new dict: the request may change its session
        data = super().decode(session_data)  # {} for a bad signature, as Django answers
        if data and all(isinstance(value, _PLAIN) for value in data.values()):
            if len(_DECODED) >= _DECODED_LIMIT:
                _DECODED.clear()
            _DECODED[session_data] = tuple(data.items())
        return data


@receiver(setting_changed)
def _forget_decoded(*, setting: str, **kwargs: object) -> None:
    """New keys (or a new serializer) make every checked text unchecked again."""
    if setting in {"SECRET_KEY", "SECRET_KEY_FALLBACKS", "SESSION_SERIALIZER"}:
        _DECODED.clear()
