"""Raw SQL of the hot paths, as prepared statements on PostgreSQL.

The hot paths: a conversation report (the access check, and the insert with its tallies) and
the session and user behind every signed-in request. Django sends every query as literal
text, so PostgreSQL parses and plans each one again, and the ORM compiles it again in Python;
for a report that was most of the work. Here each statement is prepared once per database
connection and then only executed, by the driver's own protocol (psycopg's ``prepare=True``:
parameters bound by the server, no text to quote them into, nothing to parse again).

The statements go through one driver cursor kept per database connection instead of a new
Django cursor each time (a Django cursor costs as much Python as the statement itself), with
what Django's cursor does around a query done here too: the health check, opening the
connection, the thread and broken-transaction checks, and Django's database errors. When
Django logs queries (``DEBUG``, the test tools that count them) or a wrapper is installed
(``connection.execute_wrapper``), the statement goes through Django's cursor as usual, so it
is logged and wrapped like every other. Elsewhere (SQLite) the statement runs as it is.

Known limit: prepared statements live in the database session, so a pooler in front of
PostgreSQL must keep sessions (PgBouncer in session mode, or 1.21+ with
``max_prepared_statements``); docs/deploy.md says so.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import DEFAULT_DB_ALIAS, connections
from django.utils.asyncio import async_unsafe


@async_unsafe
def fetch(name: str, sql: str, params: Sequence[object]) -> list[tuple]:
    """The rows of one statement that returns rows (possibly none).

    ``name`` says what the statement is (for the reader and the tests; the driver names the
    prepared statement itself).
    """
    db = connections[DEFAULT_DB_ALIAS]  # once: every attribute of the ``connection`` proxy is a lookup
    if db.vendor != "postgresql" or db.queries_logged or db.execute_wrappers:
        with db.cursor() as cursor:
            cursor.execute(sql, params)
            # Every hot statement returns rows (``SELECT``, ``… RETURNING``) on PostgreSQL; asking
            # ``description`` there would build a column object per column each time.
            return cursor.fetchall() if db.vendor == "postgresql" or cursor.description else []
    db.close_if_health_check_failed()
    db.ensure_connection()
    db.validate_thread_sharing()
    db.validate_no_broken_transaction()
    with db.wrap_database_errors:
        raw = db.connection
        kept = db.__dict__.get("_folkvald_cursor")
        if kept is None or kept[0] is not raw:  # a new database connection
            import psycopg

            kept = db._folkvald_cursor = (raw, psycopg.Cursor(raw))  # type: ignore[attr-defined]
        cursor = kept[1]
        cursor.execute(sql, params, prepare=True)
        return cursor.fetchall()
