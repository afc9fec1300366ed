"""The OpenAPI document lists every route; the docs page loads its assets from the app (no CDN), runs no inline
script and is served under the platform's Content-Security-Policy."""

import re

from django.contrib.staticfiles import finders

from tests.api.test_tenancy import ROUTES


def test_openapi_document(client):
    doc = client.get("/api/v1/openapi.json").json()
    assert doc["info"]["title"] == "ParkCarbon API"
    listed = {(m, p) for p, ops in doc["paths"].items() for m in ops}
    assert listed == set(ROUTES)
    schemes = doc["components"]["securitySchemes"]
    assert {s["type"] for s in schemes.values()} >= {"http", "apiKey"}  # bearer token and session cookie


def test_docs_page_uses_only_own_assets(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(s.startswith("/static/") for s in sources), sources
    for source in sources:
        assert finders.find(source.removeprefix("/static/")), source
    for attrs, _body in re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S):
        assert "src=" in attrs or 'type="application/json"' in attrs, attrs  # data, never inline code
    assert not re.search(r"\son\w+=", html)
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
