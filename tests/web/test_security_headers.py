"""Content-Security-Policy and Permissions-Policy on every page; no inline script anywhere (issue 24, item 9)."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

SRC = Path(__file__).resolve().parents[2] / "src" / "parkcarbon"
TEMPLATES = sorted(p for p in SRC.rglob("*.html") if "static" not in p.parts)
INLINE_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE | re.DOTALL)
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
STYLE_TAG = re.compile(r"<style\b([^>]*)>", re.IGNORECASE)
STANDALONE = {"document_standalone.html"}  # a downloaded file, opened outside the platform


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(SRC)))
def test_templates_have_no_inline_script(path):
    text = path.read_text(encoding="utf-8")
    assert not INLINE_HANDLER.search(text), "on* handler attribute: use data-confirm / data-autosubmit"
    for attrs in SCRIPT_TAG.findall(text):
        assert "src=" in attrs, f"inline <script{attrs}>: move it to a static file"
    if path.name not in STANDALONE:
        for attrs in STYLE_TAG.findall(text):
            assert "csp_nonce" in attrs, "a <style> element needs nonce=\"{{ csp_nonce }}\""


def test_json_script_is_data_not_code():
    from django.utils.html import json_script

    assert 'type="application/json"' in json_script({"a": 1}, "x")  # browsers never run it, CSP does not apply


@pytest.mark.parametrize(("url_name", "role"), [
    ("accounts:login", "anonymous"), ("home", "park_admin"), ("parks:park_list", "park_admin"),
    ("parks:enterprise_list", "enterprise_reporter"), ("inventory:index", "park_admin"),
])
def test_pages_send_csp_and_permissions_policy(world, client_for, url_name, role):
    response = client_for(role).get(reverse(url_name))
    assert response.status_code == 200
    csp = dict(d.strip().split(" ", 1) for d in response["Content-Security-Policy"].split(";") if d.strip())
    assert csp["script-src"] == "'self'"  # no 'unsafe-inline', no 'unsafe-eval', no CDN
    assert csp["default-src"] == "'self'"
    assert csp["object-src"] == "'none'" and csp["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in csp["style-src"]
    policy = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_style_element_carries_the_request_nonce(world, client_for):
    """The report preview's <style> works under CSP only with this response's nonce."""
    from django.template import Context, Template
    from django.test import RequestFactory
    from django.utils.csp import LazyNonce

    request = RequestFactory().get("/")
    request._csp_nonce = LazyNonce()
    html = Template('<style nonce="{{ csp_nonce }}"></style>').render(Context({"csp_nonce": request._csp_nonce}))
    assert f'nonce="{request._csp_nonce}"' in html and len(str(request._csp_nonce)) >= 16


def test_static_vendor_assets_are_served_by_the_app(world, client_for):
    html = client_for("park_admin").get(reverse("home")).content.decode()
    for src in re.findall(r'<script[^>]*src="([^"]+)"', html):
        assert src.startswith("/static/"), src
