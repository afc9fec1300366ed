"""Partitioning activity lines by reporting year, checked on PostgreSQL (issue 22, deploy/SCALING.md): the DDL of
``ops.partitioning`` builds the partitioned table on the test database, the lines land in their year's partition,
and a query that names the year reads that partition only (partition pruning, shown by EXPLAIN). Skipped on SQLite,
which keeps the plain table."""
# ruff: noqa: S608 - the SQL below names this test's own constant table; values go as parameters

import json

import pytest
from django.db import connection

from parkcarbon.inventory.models import ActivityLine, Inventory
from parkcarbon.ops.partitioning import next_year_statement, partition_name, statements
from tests.reports.conftest import add_lines

pytestmark = [pytest.mark.django_db,
              pytest.mark.skipif(connection.vendor != "postgresql", reason="declarative partitioning is PostgreSQL's")]

TABLE = "lines_by_year_check"


def explain(sql: str, params=()) -> list[str]:
    """The relations the plan reads."""
    with connection.cursor() as cur:
        cur.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        plan = cur.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    found = []

    def walk(node):
        if "Relation Name" in node:
            found.append(node["Relation Name"])
        for child in node.get("Plans", []):
            walk(child)

    walk(plan[0]["Plan"])
    return found


@pytest.fixture
def lines_of_three_years(world):
    inventories = {}
    for year in (2022, 2023, 2024):
        inv = Inventory.objects.create(park=world.park, enterprise=world.enterprise, year=year, region="CN-JS")
        add_lines(inv, "energy", [{"activity": "diesel", "amount": 10 + m, "unit": "t", "month": m}
                                  for m in range(1, 13)])
        inventories[year] = inv
    old = Inventory.objects.create(park=world.park, enterprise=world.enterprise, year=2015, region="CN-JS")
    add_lines(old, "energy", [{"activity": "diesel", "amount": 5, "unit": "t"}])
    inventories[2015] = old
    return inventories


def test_lines_land_in_their_years_partition_and_a_year_reads_one_partition(lines_of_three_years):
    with connection.cursor() as cur:
        for sql in statements(TABLE, range(2022, 2025)):
            cur.execute(sql)
        cur.execute(f'SELECT year, count(*) FROM "{TABLE}" GROUP BY year ORDER BY year')
        assert cur.fetchall() == [(2015, 1), (2022, 12), (2023, 12), (2024, 12)]
        for year, expected in ((2022, 12), (2023, 12), (2024, 12), (None, 1)):  # 2015 has no partition: default
            cur.execute(f'SELECT count(*) FROM ONLY "{partition_name(TABLE, year)}"')
            assert cur.fetchone()[0] == expected, year
        cur.execute(f'SELECT count(*) FROM "{TABLE}"')
        assert cur.fetchone()[0] == ActivityLine.objects.count()

    version = lines_of_three_years[2023].versions.get().pk
    one_year = explain(f'SELECT * FROM "{TABLE}" WHERE year = %s AND version_id = %s', [2023, version])
    assert one_year == [partition_name(TABLE, 2023)]  # pruned at planning: the other years are never read
    every_year = explain(f'SELECT * FROM "{TABLE}" WHERE version_id = %s', [version])
    assert set(every_year) == {partition_name(TABLE, y) for y in (2022, 2023, 2024, None)}


def test_the_yearly_job_adds_next_years_partition(lines_of_three_years):
    with connection.cursor() as cur:
        for sql in statements(TABLE, range(2022, 2025), copy=False):
            cur.execute(sql)
        cur.execute(next_year_statement(TABLE, 2025))
        cur.execute(next_year_statement(TABLE, 2025))  # idempotent: a job run twice does no harm
        cur.execute(f'INSERT INTO "{TABLE}" (id, created_at, updated_at, version_id, position, activity, amount, '
                    "unit, month, sector, measured, extra, note, evidence, revision, year) "
                    "VALUES (1, now(), now(), %s, 0, 'diesel', 1, 't', 0, '', '{}', '{}', '', '', 1, 2025)",
                    [lines_of_three_years[2024].versions.get().pk])
        cur.execute(f'SELECT count(*) FROM ONLY "{partition_name(TABLE, 2025)}"')
        assert cur.fetchone()[0] == 1
        cur.execute(f'SELECT count(*) FROM ONLY "{partition_name(TABLE, None)}"')
        assert cur.fetchone()[0] == 0
