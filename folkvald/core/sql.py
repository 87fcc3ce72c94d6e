"""Raw SQL of the hot paths, as prepared statements on PostgreSQL.

The hot paths: a conversation report (the access check, and the insert with its tallies) and
the session and user behind every signed-in request. Django sends every query as literal
text, so PostgreSQL parses and plans each one again, and the ORM compiles it again in Python;
for a report that was most of the work. Here each is prepared once per database connection
(``PREPARE``, which a rollback does not undo) and then only executed (``EXECUTE name(...)``),
through Django's cursor, so logging, error wrapping and transactions are Django's as usual.
Elsewhere (SQLite) the statement runs as it is.

Known limit: prepared statements live in the database session, so a pooler in front of
PostgreSQL must keep sessions (PgBouncer in session mode, or 1.21+ with
``max_prepared_statements``); docs/deploy.md says so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from django.db import DEFAULT_DB_ALIAS, connections

_PLACEHOLDER = re.compile(r"%s")


def fetch(name: str, sql: str, params: Sequence[object]) -> list[tuple]:
    """The rows of one statement that returns rows (possibly none); ``name`` names it in PostgreSQL."""
    db = connections[DEFAULT_DB_ALIAS]  # once: every attribute of the ``connection`` proxy is a lookup
    with db.cursor() as cursor:
        if db.vendor != "postgresql":
            cursor.execute(sql, params)
            return cursor.fetchall() if cursor.description else []
        raw = db.connection
        owner, prepared = getattr(db, "_campaigns_prepared", (None, set()))
        if owner is not raw:  # a new database connection: nothing prepared on it yet
            prepared = set()
            db._campaigns_prepared = (raw, prepared)  # type: ignore[attr-defined]
        if name not in prepared:
            numbers = iter(range(1, 1 + len(params)))
            cursor.execute(f"PREPARE {name} AS {_PLACEHOLDER.sub(lambda _m: f'${next(numbers)}', sql)}")
            prepared.add(name)
        cursor.execute(_EXECUTE.get((name, len(params))) or _execute(name, len(params)), params)
        # Every hot statement returns rows (``SELECT``, ``… RETURNING``); asking ``description``
        # first would build a column object per column each time, a twentieth of a report.
        return cursor.fetchall()


_EXECUTE: dict[tuple[str, int], str] = {}


def _execute(name: str, count: int) -> str:
    text = _EXECUTE[(name, count)] = f"EXECUTE {name}({', '.join(['%s'] * count)})"
    return text
