"""Read replica routing (DATABASE_REPLICA_URL): dashboards and reports read from the replica, everything else,
and every write, uses the primary. Reads go to the replica only inside ``replica_reads()`` (set by
ReplicaMiddleware for the views in PARKCARBON_REPLICA_VIEWS), never by model: a page that has just saved something
must read its own write, which a lagging replica may not have yet."""

import contextlib
import contextvars

from django.conf import settings

reading_replica = contextvars.ContextVar("reading_replica", default=False)


@contextlib.contextmanager
def replica_reads():
    token = reading_replica.set(True)
    try:
        yield
    finally:
        reading_replica.reset(token)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if reading_replica.get() and "replica" in settings.DATABASES:
            return "replica"
        return "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"
