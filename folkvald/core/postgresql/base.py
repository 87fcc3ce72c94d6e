"""Django's PostgreSQL backend with a health check that costs no round trip when nothing is wrong.

Django checks a persistent connection before the first query of every request with a
``SELECT 1``: on the reporting hot path one round trip in five, for a connection that is
almost always fine. When PostgreSQL ends a connection (a restart, ``pg_terminate_backend``,
an idle timeout) it sends an error and closes the socket, so the socket turns readable
while the connection is idle. Here an idle connection whose socket has nothing to read is
usable without asking; anything else is asked the way Django asks.

Prepared statements: Django turns psycopg's off (``prepare_threshold`` None) so that poolers
in transaction mode keep working; that also refuses the few statements folkvald.core.sql
asks to prepare. Here they are on, but only for what asks (a threshold never reached):
Django's own queries bind their parameters on the client and are never prepared. An
explicit ``prepare_threshold`` in OPTIONS is kept as it is.
"""

from __future__ import annotations

import select

from django.db.backends.postgresql import base
from psycopg import pq

# psycopg prepares a statement after this many executions, or at once when asked to.
ONLY_WHEN_ASKED = 2**31 - 1


class DatabaseWrapper(base.DatabaseWrapper):
    def get_connection_params(self) -> dict:
        params = super().get_connection_params()
        if self.settings_dict["OPTIONS"].get("prepare_threshold") is None:
            params["prepare_threshold"] = ONLY_WHEN_ASKED
        return params

    def is_usable(self) -> bool:
        connection = self.connection
        if connection is None or connection.closed or connection.broken:
            return False
        pgconn = connection.pgconn
        if pgconn.status != pq.ConnStatus.OK or pgconn.transaction_status != pq.TransactionStatus.IDLE:
            return super().is_usable()
        try:
            readable, _, _ = select.select([pgconn.socket], [], [], 0)
        except (OSError, ValueError):
            return False
        if readable:  # a message nobody asked for, or the end of the stream: find out properly
            return super().is_usable()
        return True
