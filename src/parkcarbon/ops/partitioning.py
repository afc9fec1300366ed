"""Activity lines partitioned by reporting year on PostgreSQL (declarative partitioning), as deploy/SCALING.md plans
it for a national platform (~4 x 10^8 lines a year).

:func:`statements` writes the DDL that builds a partitioned copy of ``inventory_activityline``: the same columns
plus ``year`` (the inventory's reporting year, the partition key), one partition per year and a default partition,
a primary key of ``(id, year)`` (PostgreSQL requires the partition key in every unique constraint) and the page
index per partition. tests/ops/test_partitioning.py runs it on the test database, loads lines and shows with
EXPLAIN that a query naming a year reads that year's partition only. The application keeps its plain table: this
is the checked first step of the migration SCALING.md describes, not a switch an installation flips (the model
gains ``year`` and the foreign keys to lines drop their constraint in that migration). SQLite never runs it.
"""

from __future__ import annotations

import re

SOURCE = "inventory_activityline"


def partition_name(table: str, year: int | None) -> str:
    return f"{table}_{year}" if year is not None else f"{table}_default"


def statements(table: str, years: range, copy: bool = True) -> list[str]:
    """DDL for ``table``, partitioned by year with one partition per year of ``years`` and a default partition for
    any other year; with ``copy``, the current lines copied in with their inventory's year."""
    _check(table)
    out = [
        f'CREATE TABLE "{table}" (LIKE "{SOURCE}" INCLUDING DEFAULTS INCLUDING GENERATED, '
        f"year smallint NOT NULL) PARTITION BY RANGE (year)",
        f'ALTER TABLE "{table}" ADD PRIMARY KEY (id, year)',
        # On the partitioned table: every partition gets it, and a page of a section is read in order per year.
        f'CREATE INDEX "{table}_page" ON "{table}" (version_id, position, id)',
    ]
    for year in years:
        out.append(f'CREATE TABLE "{partition_name(table, year)}" PARTITION OF "{table}" '
                   f"FOR VALUES FROM ({year}) TO ({year + 1})")
    out.append(f'CREATE TABLE "{partition_name(table, None)}" PARTITION OF "{table}" DEFAULT')
    if copy:
        out.append(
            f'INSERT INTO "{table}" SELECT line.*, inventory.year FROM "{SOURCE}" line '  # noqa: S608 - checked name
            'JOIN "inventory_sectionversion" version ON version.id = line.version_id '
            'JOIN "inventory_inventory" inventory ON inventory.id = version.inventory_id')
    return out


def next_year_statement(table: str, year: int) -> str:
    """The yearly job's statement: next year's partition, added before 1 January (rows of a year without a
    partition land in the default partition, which must then be split; adding the partition first avoids that)."""
    return (f'CREATE TABLE IF NOT EXISTS "{partition_name(table, year)}" PARTITION OF "{table}" '
            f"FOR VALUES FROM ({year}) TO ({year + 1})")


def _check(table: str) -> None:
    """Table names are ours (written into DDL, which takes no parameters): a plain identifier only."""
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,50}", table):
        raise ValueError(f"not a plain table name: {table!r}")
