"""The hot statements (folkvald.core.sql.fetch): prepared once per connection on PostgreSQL, through
one kept driver cursor, yet behaving as a query through Django's cursor does (logged when Django
logs, Django's errors, the broken-transaction check, a new connection after the old one ends)."""

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.transaction import TransactionManagementError
from django.test.utils import CaptureQueriesContext

from folkvald.core import sql

SUM = "SELECT CAST(%s AS INTEGER) + CAST(%s AS INTEGER), CAST(%s AS TEXT)"
PREPARED = "SELECT CAST($1 AS INTEGER) + CAST($2 AS INTEGER), CAST($3 AS TEXT)"


def prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def need_postgresql():
    if connection.vendor != "postgresql":
        pytest.fail("run with DATABASE_URL=postgres://... (make test-postgres)")


@pytest.mark.django_db
def test_rows_come_back_as_tuples_on_every_database():
    assert sql.fetch("test_sum", SUM, [2, 3, "fem"]) == [(5, "fem")]
    assert sql.fetch("test_none", "SELECT 1 WHERE 1 = %s", [2]) == []


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_statement_is_prepared_once_and_then_only_executed():
    need_postgresql()
    for number in range(5):
        assert sql.fetch("test_sum", SUM, [number, 1, "x"]) == [(number + 1, "x")]
    assert prepared_statements().count(PREPARED) == 1
    # Django's own queries are never prepared (they bind on the client).
    from folkvald.organisations.models import Party

    for _ in range(10):
        list(Party.objects.filter(abbreviation="S"))
    assert not any("organisations_party" in text for text in prepared_statements())


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_when_django_logs_queries_the_statement_is_logged_like_any_other():
    need_postgresql()
    with CaptureQueriesContext(connection) as queries:
        assert sql.fetch("test_sum", SUM, [40, 2, "logged"]) == [(42, "logged")]
    assert len(queries.captured_queries) == 1
    assert "40" in queries.captured_queries[0]["sql"] and "logged" in queries.captured_queries[0]["sql"]
    seen = []

    def wrapper(execute, statement, params, many, context):
        seen.append(statement)
        return execute(statement, params, many, context)

    with connection.execute_wrapper(wrapper):
        sql.fetch("test_sum", SUM, [1, 1, "wrapped"])
    assert seen == [SUM]


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_errors_are_djangos_and_a_broken_transaction_is_refused():
    need_postgresql()
    from folkvald.organisations.models import Party

    party = Party.objects.create(name="Partiet", abbreviation="P")
    insert = "INSERT INTO organisations_party (id, name, abbreviation, colour) VALUES (%s, %s, %s, %s) RETURNING id"
    with pytest.raises(IntegrityError):
        sql.fetch("test_insert", insert, [party.pk, "Igen", "I", "#000000"])
    with transaction.atomic():
        with pytest.raises(IntegrityError), transaction.atomic():  # a savepoint, rolled back
            sql.fetch("test_insert", insert, [party.pk, "Igen", "I", "#000000"])
        assert sql.fetch("test_sum", SUM, [1, 2, "after"]) == [(3, "after")]
    with pytest.raises(TransactionManagementError), transaction.atomic():
        with pytest.raises(DatabaseError), transaction.atomic(savepoint=False):
            sql.fetch("test_insert", insert, [party.pk, "Igen", "I", "#000000"])
        # Django marked the transaction for rollback and refuses, as before any query of its own.
        sql.fetch("test_sum", SUM, [1, 2, "broken"])
    assert Party.objects.count() == 1


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_new_connection_gets_its_own_cursor_and_prepares_again():
    need_postgresql()
    sql.fetch("test_sum", SUM, [1, 1, "a"])
    first = connection._folkvald_cursor[1]
    connection.close()
    assert sql.fetch("test_sum", SUM, [2, 2, "b"]) == [(4, "b")]
    assert connection._folkvald_cursor[1] is not first
    assert prepared_statements().count(PREPARED) == 1
