"""In Chromium under the Content-Security-Policy: a park admin edits the park profile, registers an enterprise by
searching the GB/T 4754 class list, and hands a password reset link to a user who then signs in with it; the
inventory preview's ECharts charts draw. Any CSP violation on any page fails the test."""

import pytest
from playwright.sync_api import expect

from tests.browser import login, shot

pytestmark = pytest.mark.browser
NEW_PASSWORD = "Amber-Quarry-5531"  # noqa: S105 - test-only


def test_administration_and_charts_under_csp(browser, live_server, transactional_db, django_user_model):
    from parkcarbon.inventory.models import Inventory
    from parkcarbon.parks.demo import credit_code
    from parkcarbon.parks.models import Enterprise
    from tests.conftest import PASSWORD, make_world
    from tests.inventory.conftest import add_lines

    world = make_world(django_user_model)
    base = live_server.url
    violations = []
    page = browser.new_page(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda e: violations.append(str(e)))

    login(page, base, "park_admin", PASSWORD)
    page.goto(f"{base}/park/{world.park.pk}/")
    page.click("[data-testid=park-edit]")
    page.fill("input[name=area_km2]", "18.25")
    page.select_option("select[name=division_0]", "320000")  # the cascade (static script, no inline handler)
    page.wait_for_selector("select[name=division_1] option[value='320600']", state="attached")
    page.select_option("select[name=division_1]", "320600")
    page.wait_for_selector("select[name=division_2] option[value='320613']", state="attached")
    page.select_option("select[name=division_2]", "320613")
    page.click("[data-testid=object-form] button[type=submit]")
    expect(page.locator(".stat-value").nth(3)).to_have_text("18.25")

    page.goto(f"{base}/park/enterprises/new/")
    page.fill("input[name=name]", "丁水泥有限公司")
    page.fill("input[name=credit_code]", credit_code("ding", "320600"))
    industry = page.locator("input[name=industry_code]")
    assert industry.get_attribute("list")
    option = page.locator(f"datalist#{industry.get_attribute('list')} option[value='3011 水泥制造']")
    assert option.count() == 1
    industry.fill("3011 水泥制造")  # what choosing the suggestion puts in the box
    page.click("[data-testid=object-form] button[type=submit]")
    page.wait_for_load_state()
    assert Enterprise.objects.get(name="丁水泥有限公司").industry_code == "3011"

    reporter = world.users["enterprise_reporter"]
    page.goto(f"{base}/accounts/users/")
    page.click(f"a[href='/accounts/users/{reporter.pk}/edit/']")
    page.click("[data-testid=make-reset-link]")
    link = page.locator("[data-testid=reset-link] code").inner_text().strip()
    assert link.startswith(base)
    shot(page, "reset_link_zh")
    page.click("[data-testid=logout]")

    page.goto(link)
    page.fill("input[name=new_password1]", NEW_PASSWORD)
    page.fill("input[name=new_password2]", NEW_PASSWORD)
    page.click("[data-testid=object-form] button[type=submit]")
    page.wait_for_selector("[data-testid=password-reset-complete]")
    login(page, base, reporter.username, NEW_PASSWORD)

    inventory = Inventory.objects.create(park=world.park, enterprise=world.enterprise, year=2023, region="CN-JS")
    add_lines(inventory, "energy", [{"activity": "diesel", "amount": 50, "unit": "t", "month": 3}])
    page.goto(f"{base}/accounting/{inventory.pk}/preview/")
    page.wait_for_selector("#chart-sections canvas")  # ECharts ran: served by the app, no eval, no inline script
    page.wait_for_selector("#chart-months canvas")
    assert not violations, violations
