"""In a real Chromium: a park administrator creates a token on the Interface management page (shown once), a system
uses it, the administrator revokes it; the API docs page renders from the app's own assets under the CSP."""

import os

import pytest

from tests.browser import login, shot

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = pytest.mark.browser


def test_token_lifecycle_and_docs(browser, live_server, transactional_db, django_user_model):
    from tests.conftest import PASSWORD, make_world

    make_world(django_user_model)
    base = live_server.url
    page = browser.new_page(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    problems = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("request", lambda req: problems.append(f"external: {req.url}") if not req.url.startswith(base)
            and not req.url.startswith("data:") else None)
    login(page, base, "park_admin", PASSWORD)
    page.click("text=接口管理")
    page.fill("input[name=name]", "能源监测系统")
    page.select_option("select[name=scope]", "write")
    page.click("[data-testid=token-form] button[type=submit]")
    token = page.text_content("[data-testid=token-value]").strip()
    shot(page, "api-token-created")
    assert token.startswith("pc_")
    api = page.context.request
    headers = {"Authorization": f"Bearer {token}"}
    assert api.get(f"{base}/api/v1/inventories", headers=headers).status == 200
    page.goto(f"{base}/interface/")
    assert token not in page.content()  # shown once
    assert page.text_content("[data-testid=token-table]").count("能源监测系统") == 1
    page.click("[data-testid=token-revoke]")
    page.wait_for_selector("text=已吊销")
    assert api.get(f"{base}/api/v1/inventories", headers=headers).status == 401

    page.goto(f"{base}/api/v1/docs")
    page.wait_for_selector(".swagger-ui .info .title")
    assert "ParkCarbon API" in page.text_content(".swagger-ui .info .title")
    page.wait_for_selector(".opblock-summary-path[data-path='/api/v1/inventories/{inventory_id}/lines']")
    shot(page, "api-docs")
    assert not [p for p in problems if "Content Security Policy" in p or p.startswith("external")], problems
