"""In a real Chromium: an enterprise manager records an allocation, is refused an overdraft with a message in
Chinese, sees the gap in the compliance table, buys the rest, surrenders and sees the obligation fulfilled; the charts
draw without a CSP violation, and a park administrator reads the same table in English."""

import os

import pytest

from tests.browser import login, shot

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = pytest.mark.browser


def test_record_refuse_surrender_fulfil(browser, live_server, transactional_db, django_user_model):
    from parkcarbon.assets.models import Entry, Price
    from tests.assets.conftest import account, verified
    from tests.conftest import PASSWORD, make_world

    world = make_world(django_user_model)
    verified(world, world.enterprise, 2023, 1000.4)
    e1 = account(world.enterprise, "E1-CEA23")
    for day, price in (("2024-01-05", 70), ("2024-02-02", 74), ("2024-03-01", 78)):
        Price.objects.create(park=world.park, instrument="allowance", market="national", date=day, price=price)
    base = live_server.url
    errors = []

    manager = browser.new_page(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    manager.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    login(manager, base, "enterprise_manager", PASSWORD)

    def record(kind, quantity, price=""):
        manager.goto(f"{base}/assets/record/")
        manager.select_option("select[name=account]", str(e1.pk))
        manager.select_option("select[name=kind]", kind)
        manager.fill("input[name=date]", "2024-03-01")
        manager.fill("input[name=quantity]", str(quantity))
        manager.fill("input[name=price]", str(price))
        manager.click("[data-testid=object-form] button[type=submit]")

    record("allocation", 900)
    manager.wait_for_selector("[data-testid=ledger-row]")
    record("sell", 2000, 80)
    manager.wait_for_selector(".alert-error")
    assert "低于零" in manager.inner_text(".alert-error") and Entry.objects.filter(account=e1).count() == 1
    shot(manager, "assets_overdraw_refused_zh")

    manager.goto(f"{base}/assets/compliance/?year=2023")
    row = manager.locator("[data-testid=compliance-row]")
    assert row.get_attribute("data-light") == "red" and "-100" in row.inner_text()

    record("buy", 100, 78)
    manager.goto(f"{base}/assets/surrender/?year=2023")
    manager.select_option("select[name=account]", str(e1.pk))
    manager.fill("input[name=quantity]", "1000")
    manager.fill("input[name=date]", "2024-03-01")
    manager.click("[data-testid=object-form] button[type=submit]")
    manager.wait_for_selector("[data-testid=compliance-row][data-light=green]")
    assert "已履约" in manager.inner_text("[data-testid=compliance-row]")

    errors.clear()  # the refused form answered 400, as it should; from here on no error at all (CSP included)
    manager.goto(f"{base}/assets/?on=2024-03-01")
    manager.wait_for_selector("#asset-chart-holdings canvas")
    manager.wait_for_selector("#asset-chart-prices canvas")
    shot(manager, "assets_positions_zh")
    assert not errors, errors

    admin = browser.new_context(locale="en-US").new_page()
    login(admin, base, "park_admin", PASSWORD)
    admin.goto(f"{base}/assets/compliance/?year=2023")
    assert "Fulfilled" in admin.inner_text("[data-testid=compliance-row]")
