"""Request ids, the request log, metrics, health probes and read-replica routing."""

import logging
import re
import time
import uuid

from django.conf import settings

from parkcarbon.ops import health, metrics, router
from parkcarbon.ops.client import client_ip
from parkcarbon.ops.logs import request_id

log = logging.getLogger("parkcarbon.requests")
VALID_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")  # an id from the proxy is honoured only if it is this harmless
PROBES = {"/healthz": health.healthz, "/readyz": health.readyz, "/metrics": metrics.view}


class OpsMiddleware:
    """First in MIDDLEWARE. Answers the probes (and /metrics when enabled) directly; for everything else gives the
    request an id (X-Request-ID from the proxy, or a new one), echoes it in the response, logs one line per request
    and counts it for metrics."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        probe = PROBES.get(request.path_info)
        if probe is not None:
            return probe(request)
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        rid = incoming if VALID_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = rid
        token = request_id.set(rid)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
        finally:
            request_id.reset(token)
        elapsed = time.perf_counter() - started
        response["X-Request-ID"] = rid
        match = getattr(request, "resolver_match", None)
        view = match.view_name if match else "<unmatched>"
        user = getattr(request, "user", None)
        log.info("%s %s %s", request.method, request.path, response.status_code, extra={
            "request_id": rid, "method": request.method, "path": request.path, "status": response.status_code,
            "duration_ms": round(elapsed * 1000, 1), "view": view, "client": client_ip(request),
            "user_id": user.pk if user is not None and user.is_authenticated else None})
        metrics.observe(request.method, view, response.status_code, elapsed)
        return response


class ReplicaMiddleware:
    """Dashboards and reports (settings.PARKCARBON_REPLICA_VIEWS) read from the replica on GET when one is set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            return self.get_response(request)
        finally:
            token = getattr(request, "_replica_token", None)
            if token is not None:
                router.reading_replica.reset(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if (request.method in ("GET", "HEAD") and "replica" in settings.DATABASES
                and request.resolver_match.view_name in settings.PARKCARBON_REPLICA_VIEWS):
            # the session and user come from the primary: a login the replica has not received yet still counts
            request.user.is_authenticated  # noqa: B018 - loads the lazy session and user now
            request._replica_token = router.reading_replica.set(True)
        return None
