"""Liveness (/healthz) and readiness (/readyz) for load balancers and orchestrators.

Answered by the first middleware, before host validation, the HTTPS redirect, sessions and login: probes come over
plain HTTP to an address, not a host name. The answers reveal nothing but ok/unavailable per component; the cause of
a failure goes to the log."""

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.http import JsonResponse

from parkcarbon.ops import queue

log = logging.getLogger("parkcarbon.ops.health")


def _database(alias: str) -> None:
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache() -> None:
    key = f"parkcarbon-readyz:{time.monotonic_ns()}"
    cache.set(key, "1", 10)
    if cache.get(key) != "1":
        raise RuntimeError("cache did not return the value just written")
    cache.delete(key)


def checks() -> dict:
    found = {"database": lambda: _database("default"), "cache": _cache, "queue": queue.ping}
    if "replica" in settings.DATABASES:
        found["replica"] = lambda: _database("replica")
    return found


def readiness() -> tuple[bool, dict]:
    results = {}
    for name, check in checks().items():
        try:
            check()
            results[name] = "ok"
        except Exception:
            log.exception("readiness check %s failed", name)
            results[name] = "unavailable"
    return all(v == "ok" for v in results.values()), results


def healthz(request):
    return JsonResponse({"status": "ok"}, headers={"Cache-Control": "no-store"})


def readyz(request):
    ready, results = readiness()
    return JsonResponse({"status": "ok" if ready else "unavailable", "checks": results}, status=200 if ready else 503,
                        headers={"Cache-Control": "no-store"})
