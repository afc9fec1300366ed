"""End-to-end in a real Chromium (Playwright, sync API) against pytest-django's live server.

Park admin signs in, switches language, creates an enterprise user through the UI and signs out; that user
signs in, sees only their enterprise and gets a 404 for another enterprise's page.
"""

import pytest
from playwright.sync_api import expect

from tests.browser import login, shot

pytestmark = pytest.mark.browser


def test_park_admin_creates_enterprise_user_who_sees_only_their_enterprise(
    browser, live_server, transactional_db, django_user_model
):
    from tests.conftest import PASSWORD, make_world

    world = make_world(django_user_model)
    base = live_server.url
    page = browser.new_page(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    csp_violations = []  # the Content-Security-Policy must not block anything the platform itself needs
    page.on("console", lambda m: csp_violations.append(m.text) if "Content Security Policy" in m.text else None)

    login(page, base, "park_admin", PASSWORD)
    nav = page.locator("[data-nav=accounting] .nav-label")
    assert nav.inner_text() == "碳核算"
    shot(page, "home_zh")
    page.click("[data-testid=language-switch] button[value=en]")
    page.wait_for_load_state()
    assert page.locator("[data-nav=accounting] .nav-label").inner_text() == "Carbon Accounting"
    page.click("[data-testid=language-switch] button[value=zh-hans]")
    page.wait_for_load_state()
    assert page.locator("[data-nav=accounting] .nav-label").inner_text() == "碳核算"

    # htmx search narrows the list without a page load.
    page.goto(f"{base}/park/enterprises/")
    page.fill("input[name=q]", "乙化工")
    expect(page.locator("#enterprise-table")).not_to_contain_text("甲钢铁")
    shot(page, "enterprise_list_zh")

    page.goto(f"{base}/accounts/users/new/")
    page.fill("input[name=username]", "steel_reporter")
    page.fill("input[name=email]", "steel@example.com")
    page.fill("input[name=password1]", "Blue-Harbour-7319")
    page.fill("input[name=password2]", "Blue-Harbour-7319")
    page.select_option("select[name=role]", "enterprise_reporter")
    page.select_option("select[name=enterprise]", str(world.enterprise.pk))
    page.click("[data-testid=object-form] button[type=submit]")
    page.wait_for_url(f"{base}/accounts/users/")
    assert "steel_reporter" in page.content()

    page.click("[data-testid=logout]")
    page.wait_for_url(f"{base}/accounts/login/")

    login(page, base, "steel_reporter", "Blue-Harbour-7319")
    page.goto(f"{base}/park/enterprises/")
    table = page.locator("[data-testid=enterprise-table] tbody").inner_text()
    assert "甲钢铁有限公司" in table
    assert "乙化工有限公司" not in table and "丙电子有限公司" not in table
    response = page.goto(f"{base}/park/enterprises/{world.enterprise2.pk}/")
    assert response.status == 404
    assert "未找到" in page.content()
    assert not csp_violations, csp_violations
