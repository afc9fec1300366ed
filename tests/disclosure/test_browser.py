"""The disclosure in a real Chromium: an enterprise manager prepares it from the verified inventory and submits it,
the park administrator approves and publishes it, and a logged-out visitor opens the park's public page (charts,
both languages, a download)."""

import json

import pytest

from parkcarbon.disclosure.models import Disclosure
from tests.browser import login, shot

pytestmark = pytest.mark.browser


def test_prepare_approve_publish_then_read_logged_out(browser, live_server, transactional_db, django_user_model):
    from tests.conftest import PASSWORD, make_world
    from tests.disclosure.conftest import GRID_2023, make_inventory, verify

    world = make_world(django_user_model)
    verify(world, make_inventory(world, 2022, electricity=11000))
    verify(world, make_inventory(world, 2023))
    base = live_server.url

    def as_user(username):
        page = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN").new_page()
        page.on("dialog", lambda dialog: dialog.accept())  # the data-confirm questions
        login(page, base, username, PASSWORD)
        return page

    manager = as_user("enterprise_manager")
    manager.goto(f"{base}/disclosure/")
    manager.click("[data-testid=disclosure-new]")
    manager.select_option("[data-testid=create-form] select[name=entity]", f"e{world.enterprise.pk}")
    manager.fill("[data-testid=create-form] input[name=year]", "2023")
    manager.click("[data-testid=create]")
    manager.wait_for_selector("[data-testid=edit-form]")
    manager.check("[data-testid=edit-form] input[name=items][value=measures]")
    manager.fill("[data-testid=edit-form] textarea[name=measures]", "余热回收; 1200\n屋顶光伏; 800")
    manager.click("[data-testid=save]")
    manager.wait_for_selector("[data-testid=state][data-state=draft]")
    assert manager.locator("[data-testid=problems]").count() == 0
    manager.click("[data-testid=submit]")
    manager.wait_for_selector("[data-testid=state][data-state=pending]")
    assert manager.locator("[data-testid=approve]").count() == 0  # never one's own
    disclosure = Disclosure.objects.get()

    admin = as_user("park_admin")
    admin.goto(f"{base}/disclosure/manage/{disclosure.pk}/")
    admin.click("[data-testid=approve]")
    admin.wait_for_selector("[data-testid=state][data-state=approved]")
    admin.click("[data-testid=publish]")
    admin.wait_for_selector("[data-testid=state][data-state=published]")
    shot(admin, "disclosure_published")

    visitor = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN").new_page()
    visitor.goto(f"{base}/disclosure/{world.park.code}/")
    visitor.click("[data-testid=public-row] a")
    visitor.wait_for_selector("[data-testid=figures]")
    assert visitor.locator("#disclosure-chart-gas canvas").count() == 1  # ECharts drew under the CSP
    figures = visitor.locator("[data-testid=figures]").inner_text()
    assert f"{10000 * GRID_2023:,.1f}".rstrip("0").rstrip(".") in figures.replace("\u00a0", "")
    assert "余热回收" in visitor.locator("[data-testid=measures]").inner_text()
    shot(visitor, "disclosure_public")
    visitor.click("[data-testid=language-switch] button[value=en]")
    visitor.wait_for_selector("text=Greenhouse gas emissions")
    assert world.enterprise.name_en in visitor.content()
    body = visitor.request.get(f"{base}/disclosure/{world.park.code}/{disclosure.pk}/json/").body()
    assert json.loads(body)["data"]["scope2_location"]["value"] == pytest.approx(10000 * GRID_2023)
    assert visitor.goto(f"{base}/disclosure/manage/{disclosure.pk}/").url.startswith(f"{base}/accounts/login/")
