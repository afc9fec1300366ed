"""Health probes, request ids and the structured request log (issue #22, operations)."""

import json
import logging

import pytest
from django.test import override_settings

from parkcarbon.ops import health
from parkcarbon.ops.logs import JsonFormatter, RequestIdFilter


@pytest.mark.django_db
def test_healthz_and_readyz_answer_without_login_host_or_https(client):
    # probes arrive over plain HTTP at an address that is not in ALLOWED_HOSTS
    with override_settings(SECURE_SSL_REDIRECT=True, ALLOWED_HOSTS=["parkcarbon.example"]):
        live = client.get("/healthz", HTTP_HOST="10.1.2.3:8000")
        ready = client.get("/readyz", HTTP_HOST="10.1.2.3:8000")
    assert live.status_code == 200 and live.json() == {"status": "ok"}
    assert ready.status_code == 200
    assert ready.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok", "queue": "ok"}}
    assert ready["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_readyz_says_unavailable_without_revealing_why(client, monkeypatch, caplog):
    def broken():
        raise ConnectionError("redis://:s3cret@10.0.0.5:6379/0 refused")

    monkeypatch.setattr(health, "_cache", broken)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "checks": {"database": "ok", "cache": "unavailable",
                                                                   "queue": "ok"}}
    assert b"s3cret" not in response.content and b"10.0.0.5" not in response.content
    assert "s3cret" in caplog.text  # the operator finds the cause in the log


@pytest.mark.django_db
def test_request_id_is_echoed_or_made_and_logged(client, caplog):
    caplog.set_level(logging.INFO, logger="parkcarbon.requests")
    given = client.get("/accounts/login/", HTTP_X_REQUEST_ID="proxy-abc.123")
    assert given["X-Request-ID"] == "proxy-abc.123"
    hostile = client.get("/accounts/login/", HTTP_X_REQUEST_ID="x\" injected\nline")
    made = hostile["X-Request-ID"]
    assert made != "x\" injected\nline" and len(made) == 32 and made.isalnum()
    records = [r for r in caplog.records if r.name == "parkcarbon.requests"]
    assert [r.request_id for r in records] == ["proxy-abc.123", made]
    assert records[0].status == 200 and records[0].view == "accounts:login" and records[0].path == "/accounts/login/"


def test_json_formatter_writes_one_object_per_line_with_request_id_and_extras():
    record = logging.LogRecord("parkcarbon.requests", logging.INFO, __file__, 1, "GET %s", ("/x",), None)
    record.request_id, record.status = "rid-1", 200
    RequestIdFilter().filter(record)
    line = JsonFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["message"] == "GET /x" and entry["request_id"] == "rid-1" and entry["status"] == 200
    assert entry["level"] == "INFO" and entry["logger"] == "parkcarbon.requests"


@pytest.mark.django_db
def test_metrics_are_off_by_default_and_counted_when_enabled(client):
    assert client.get("/metrics").status_code == 404
    with override_settings(PARKCARBON_METRICS=True, PARKCARBON_METRICS_TOKEN="tok"):
        client.get("/accounts/login/")
        assert client.get("/metrics").status_code == 401
        body = client.get("/metrics", HTTP_AUTHORIZATION="Bearer tok").content.decode()
    assert 'parkcarbon_requests_total{method="GET",status="200",view="accounts:login"}' in body
    assert "parkcarbon_request_seconds_bucket" in body
