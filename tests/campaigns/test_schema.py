"""What every report writes: the report's indexes and the tallies' room for updates in place.

Each index is one more insert per report and per tally update (issue 6's 500 reports a second);
these tests fail when one is added without thought.
"""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def index_columns(table: str) -> set[tuple[str, ...]]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    return {tuple(c["columns"]) for c in constraints.values() if c["index"] or c["primary_key"] or c["unique"]}


def test_the_report_table_has_no_index_that_another_covers():
    assert index_columns("campaigns_report") == {
        ("id",), ("campaign_id", "organisation_id", "date"), ("organisation_id",), ("reporter_id",), ("team_id",),
    }


def test_only_reports_with_a_team_are_in_the_team_index():
    from folkvald.campaigns.models import Report

    (index,) = [i for i in Report._meta.indexes if i.name == "report_team"]
    assert index.fields == ["team"] and str(index.condition) == "(AND: ('team__isnull', False))"
    assert Report._meta.get_field("team").db_index is False  # no full index beside it


@pytest.mark.postgres_only
def test_the_team_index_is_partial_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.fail("run with DATABASE_URL=postgres://... (make test-postgres)")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = 'campaigns_report' AND indexdef LIKE %s",
                       ["%team_id%"])
        assert [row[0].split(" USING ")[1] for row in cursor.fetchall()] == ["btree (team_id) WHERE (team_id IS NOT NULL)"]


@pytest.mark.parametrize("table, key", [
    ("campaigns_weektally", ("campaign_id", "organisation_id", "week")),
    ("campaigns_topictally", ("campaign_id", "organisation_id", "week", "topic")),
    ("campaigns_persontally", ("campaign_id", "organisation_id", "person_id")),
])
def test_a_tally_is_indexed_by_its_key_and_no_counted_column(table, key):
    indexes = index_columns(table)
    assert key in indexes
    assert not any("conversations" in columns or "reports" in columns for columns in indexes)
    assert ("campaign_id",) not in indexes  # the key starts with it


@pytest.mark.postgres_only
@pytest.mark.parametrize("table", ["campaigns_weektally", "campaigns_topictally", "campaigns_persontally"])
def test_tally_pages_keep_room_for_updates_on_postgresql(table):
    if connection.vendor != "postgresql":
        pytest.fail("run with DATABASE_URL=postgres://... (make test-postgres)")
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = %s", [table])
        assert cursor.fetchone()[0] == ["fillfactor=70"]
