"""SQLite as a real default (issue 24, item 6): concurrent writers queue for the lock, none sees "locked".

Each thread reads and then writes in one transaction (what every save view does). With SQLite's default
deferred transactions two such writers deadlock and one fails at once with "database is locked", whatever
the busy timeout; the settings' immediate transactions make them wait their turn.
"""

import threading

import pytest
from django.conf import settings
from django.db import connections, transaction

THREADS, ROUNDS = 8, 25


@pytest.fixture
def unblocked(django_db_blocker):
    """A database of the test's own (a file in tmp), outside pytest-django's test database."""
    with django_db_blocker.unblock():
        yield


def run_writers(db_path, options) -> list[str]:
    alias = f"sqlite_concurrency_{id(options)}"
    connections.settings[alias] = {
        **connections.settings["default"],
        "ENGINE": "django.db.backends.sqlite3", "NAME": str(db_path), "OPTIONS": dict(options),
        "CONN_MAX_AGE": 0, "USER": "", "PASSWORD": "", "HOST": "", "PORT": "", "TEST": {},
    }
    with connections[alias].cursor() as cursor:
        cursor.execute("CREATE TABLE counter (n INTEGER NOT NULL)")
        cursor.execute("INSERT INTO counter VALUES (0)")
    connections[alias].close()
    errors: list[str] = []
    start = threading.Barrier(THREADS)

    def writer():
        start.wait()
        try:
            for _ in range(ROUNDS):
                with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
                    cursor.execute("SELECT n FROM counter")
                    n = cursor.fetchone()[0]
                    cursor.execute("UPDATE counter SET n = %s", [n + 1])
        except Exception as exc:  # noqa: BLE001 - the test reports every failure
            errors.append(str(exc))
        finally:
            connections[alias].close()

    threads = [threading.Thread(target=writer) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if not errors:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT n FROM counter")
            assert cursor.fetchone()[0] == THREADS * ROUNDS  # no lost update either
        with connections[alias].cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            errors += [] if cursor.fetchone()[0] == "wal" else ["journal mode is not WAL"]
    connections[alias].close()
    del connections.settings[alias]
    return errors


def test_settings_configure_sqlite():
    assert settings.SQLITE_OPTIONS["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in settings.SQLITE_OPTIONS["init_command"]
    assert settings.SQLITE_OPTIONS["timeout"] >= 5
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        assert settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_concurrent_writers_never_see_database_is_locked(tmp_path, unblocked):
    errors = run_writers(tmp_path / "concurrent.sqlite3", settings.SQLITE_OPTIONS)
    assert not errors, errors[:3]


def test_deferred_transactions_fail_where_immediate_ones_wait(tmp_path):
    """The control, made deterministic: a deferred transaction that read before another writer committed cannot
    write at all ("database is locked" at once, whatever the timeout). Immediate ones take the lock up front."""
    import sqlite3

    path = tmp_path / "control.sqlite3"
    a, b = (sqlite3.connect(path, timeout=0.2, isolation_level=None) for _ in range(2))
    a.execute("PRAGMA journal_mode=WAL")
    a.execute("CREATE TABLE counter (n INTEGER NOT NULL)")
    a.execute("INSERT INTO counter VALUES (0)")
    for c in (a, b):
        c.execute("BEGIN")  # SQLite's default: deferred
        c.execute("SELECT n FROM counter").fetchone()
    a.execute("UPDATE counter SET n = n + 1")
    a.execute("COMMIT")
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        b.execute("UPDATE counter SET n = n + 1")
    b.execute("ROLLBACK")
    b.execute("BEGIN IMMEDIATE")  # the settings' mode: the write lock first, then read and write
    b.execute("UPDATE counter SET n = n + 1")
    b.execute("COMMIT")
    assert a.execute("SELECT n FROM counter").fetchone()[0] == 2
    a.close()
    b.close()
