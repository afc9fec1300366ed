"""Schemathesis over the OpenAPI document: requests generated from every operation's schema (valid and invalid
bodies, queries and path ids) never get a 5xx. Bounded (a few examples per operation, derandomized) so the suite
stays fast; run with more examples by setting SCHEMATHESIS_EXAMPLES."""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from tests.api.conftest import objects

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", 6))


def _schema():
    from django.core.wsgi import get_wsgi_application

    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


schema = _schema()


@pytest.fixture
def admin_token(world, token_for, monkeypatch, settings):
    from django.core.cache import cache

    from parkcarbon.reports import services

    settings.PARKCARBON_API_RATE_PER_MINUTE = 10**9
    cache.clear()
    objects(world)
    monkeypatch.setattr(services, "_enqueue", lambda report_id: None)  # report builds are tested in tests/reports
    # As Django's test client does: the WSGI handler must not close the test's connection (its transaction) at the
    # end of each request (PostgreSQL; SQLite's in-memory database is never closed).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield token_for("park_admin")
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_no_server_error(case, admin_token):
    response = case.call(headers={"Authorization": f"Bearer {admin_token}"})
    case.validate_response(response, checks=[not_a_server_error])
