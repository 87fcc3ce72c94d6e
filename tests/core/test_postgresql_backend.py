"""The PostgreSQL backend's health check: no round trip for a sound connection, a reconnect for a dead one."""

import time

import pytest
from django.db import connection, connections

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def second_connection():
    if connection.vendor != "postgresql":
        pytest.fail("run with DATABASE_URL=postgres://... (make test-postgres)")
    other = connections.create_connection("default")
    other.ensure_connection()
    yield other
    other.close()


def backend_pid(wrapper) -> int:
    with wrapper.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def test_a_sound_idle_connection_is_usable_without_a_query(second_connection, monkeypatch):
    assert type(second_connection).__module__ == "folkvald.core.postgresql.base"
    backend_pid(second_connection)

    def no_query(*args, **kwargs):
        raise AssertionError("the health check sent a query")

    monkeypatch.setattr(second_connection.connection, "cursor", no_query)
    monkeypatch.setattr(second_connection.connection, "execute", no_query)
    assert second_connection.is_usable() is True


def test_a_terminated_connection_is_found_dead_and_replaced(second_connection):
    pid = backend_pid(second_connection)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        assert cursor.fetchone()[0] is True
        for _ in range(100):  # the backend ends a moment after it is told to
            cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s", [pid])
            if cursor.fetchone()[0] == 0:
                break
            time.sleep(0.05)
    assert second_connection.is_usable() is False
    # What Django does before the first query of a request: close it, and the next query reconnects.
    second_connection.health_check_done = False
    second_connection.close_if_health_check_failed()
    assert backend_pid(second_connection) != pid


def test_a_connection_inside_a_transaction_is_asked(second_connection, monkeypatch):
    asked = []
    real = second_connection.connection.cursor

    def spy(*args, **kwargs):
        asked.append(True)
        return real(*args, **kwargs)

    second_connection.connection.execute("BEGIN")
    monkeypatch.setattr(second_connection.connection, "cursor", spy)
    assert second_connection.is_usable() is True
    assert asked == [True]
    second_connection.connection.execute("ROLLBACK")
