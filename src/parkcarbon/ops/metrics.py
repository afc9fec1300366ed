"""Optional Prometheus metrics (PARKCARBON_METRICS=1), served at /metrics by OpsMiddleware.

Several app processes (gunicorn workers) share their counts through PROMETHEUS_MULTIPROC_DIR (prometheus-client's
multiprocess mode; `parkcarbon serve` sets it up). PARKCARBON_METRICS_TOKEN, when set, must be sent as a bearer
token; the reverse proxy should not expose /metrics anyway (deploy/nginx.conf)."""

import hmac
import os

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotFound

_metrics = None


def _registry():
    global _metrics
    if _metrics is None:
        from prometheus_client import Counter, Histogram

        _metrics = (
            Counter("parkcarbon_requests_total", "HTTP requests", ["method", "view", "status"]),
            Histogram("parkcarbon_request_seconds", "HTTP request duration", ["view"],
                      buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)),
        )
    return _metrics


def observe(method: str, view: str, status: int, seconds: float) -> None:
    if not settings.PARKCARBON_METRICS:
        return
    requests, duration = _registry()
    requests.labels(method, view, str(status)).inc()
    duration.labels(view).observe(seconds)


def view(request):
    if not settings.PARKCARBON_METRICS:
        return HttpResponseNotFound()
    token = settings.PARKCARBON_METRICS_TOKEN
    sent = request.META.get("HTTP_AUTHORIZATION", "").removeprefix("Bearer ").strip()
    if token and not hmac.compare_digest(sent, token):
        return HttpResponse(status=401)
    from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest

    registry = REGISTRY
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    _registry()
    return HttpResponse(generate_latest(registry), content_type=CONTENT_TYPE_LATEST)
