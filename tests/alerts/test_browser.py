"""In a real Chromium: a park administrator adds a rule, the park's inventories are checked against it, the
enterprise's manager sees the alert counted in the navigation, opens it and acknowledges it with a note."""

import os

import pytest

from tests.browser import login, shot

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = pytest.mark.browser


def test_rule_alert_acknowledgement(browser, live_server, transactional_db, django_user_model, mailoutbox):
    from parkcarbon.alerts.models import Alert
    from tests.alerts.conftest import make_inventory, monthly
    from tests.conftest import PASSWORD, make_world

    world = make_world(django_user_model)
    make_inventory(world.park, world.enterprise, 2023, monthly({1: 2000}))  # 2,000 MWh x 0.5703 = 1,140.6 t
    base = live_server.url

    admin = browser.new_page(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    login(admin, base, "park_admin", PASSWORD)
    admin.goto(f"{base}/alerts/rules/new/")
    admin.select_option("select[name=park]", str(world.park.pk))
    admin.fill("input[name=name]", "钢铁企业年排放超过 1000 吨")
    admin.select_option("select[name=metric]", "annual_co2e")
    admin.fill("input[name=threshold]", "1000")
    admin.fill("input[name=industry_prefix]", "31")
    shot(admin, "alert_rule_form_zh")
    admin.click("[data-testid=object-form] button[type=submit]")
    admin.wait_for_selector("[data-testid=rule-table]")
    assert "钢铁企业年排放超过 1000 吨" in admin.inner_text("[data-testid=rule-table]")
    assert Alert.objects.count() == 1  # evaluated by the task queued when the rule was committed
    assert {m.to[0] for m in mailoutbox} == {"park_admin@example.com", "enterprise_reporter@example.com",
                                             "enterprise_manager@example.com"}

    manager = browser.new_context(locale="en-US").new_page()
    login(manager, base, "enterprise_manager", PASSWORD)
    assert manager.inner_text("[data-nav=alerts] [data-testid=open-alerts]") == "1"
    manager.click("[data-nav=alerts] a")
    row = manager.locator("[data-testid=alert-row]")
    assert row.count() == 1 and "1,140.60 t CO2e" in row.inner_text()
    manager.click("[data-testid=alert-row] a >> nth=0")
    manager.fill("textarea[name=note]", "July: the new electric furnace started; checked against the power bills.")
    shot(manager, "alert_acknowledge_en")
    manager.click("[data-testid=acknowledge-form] button[type=submit]")
    manager.wait_for_selector("[data-testid=alert-acknowledgement]")
    assert "enterprise_manager" in manager.inner_text("[data-testid=alert-acknowledgement]")
    assert manager.locator("[data-nav=alerts] [data-testid=open-alerts]").count() == 0  # none open any more
    manager.goto(f"{base}/alerts/")
    assert manager.locator("[data-testid=alert-row]").count() == 0
    manager.select_option("#id_state", "acknowledged")
    manager.wait_for_selector("[data-testid=alert-row]")
    assert "Acknowledged" in manager.inner_text("[data-testid=alert-row]")
