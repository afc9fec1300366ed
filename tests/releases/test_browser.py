"""Releases in a real Chromium (Chinese): a draft pinned to the older release shows the notice, the comparison names
the changed grid factor, the draft moves to the newer release, and a line's trace shows the factor with its release."""

import pytest

from parkcarbon.engine import releases
from tests.browser import login, shot

NEWEST = releases()[-1].id  # the installed release (a draft pinned to 2025.1 may move to it)

pytestmark = pytest.mark.browser


def test_notice_compare_move_and_trace(browser, live_server, transactional_db, django_user_model):
    from tests.conftest import PASSWORD, make_world
    from tests.releases.conftest import electricity_inventory

    world = make_world(django_user_model)
    inventory = electricity_inventory(world)
    base = live_server.url
    page = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN").new_page()
    login(page, base, "enterprise_reporter", PASSWORD)

    page.goto(f"{base}{inventory.get_absolute_url()}")
    notice = page.locator("[data-testid=release-notice]").inner_text()
    assert "2025.1" in notice and NEWEST in notice
    page.click("[data-testid=compare-link]")
    page.wait_for_selector("[data-testid=line-compare]")
    assert "CN-GRID-015" in page.locator("[data-testid=factor-diff]").inner_text()
    assert page.locator("[data-testid=total-change]").inner_text().startswith("-117")  # 10,000 MWh x (0.55 - 0.5617)
    shot(page, "releases_compare")
    page.fill("[data-testid=move-form] input[name=reason]", "采用2023年电力排放因子")
    page.click("[data-testid=move]")
    page.wait_for_selector("[data-testid=restated]")
    assert NEWEST in page.locator("[data-testid=release-notice]").inner_text()

    page.locator("[data-testid=line-trace]").first.click()
    page.wait_for_selector("[data-testid=trace-factors]")
    factors = page.locator("[data-testid=trace-factors]").inner_text()
    assert NEWEST in factors and "CN-GRID-015" in factors and "0.55" in factors
    shot(page, "releases_trace")
    inventory.refresh_from_db()
    assert inventory.factor_release == NEWEST


def test_park_factor_set_written_by_one_admin_approved_by_another(browser, live_server, transactional_db,
                                                                  django_user_model):
    """A park administrator writes a supplier electricity factor in the form (Chinese) and submits the set; the
    author sees no review buttons; the platform administrator approves it; the set names its reviewer."""
    from tests.conftest import PASSWORD, make_world

    world = make_world(django_user_model)
    base = live_server.url
    page = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN").new_page()
    login(page, base, "park_admin", PASSWORD)
    page.goto(f"{base}/releases/park/{world.park.pk}/factors/")
    page.fill("[data-testid=new-park-release] input[name=title]", "购电协议电力因子")
    page.click("[data-testid=new-park-release] button[type=submit]")
    page.wait_for_selector("[data-testid=park-factor-form]")
    form = "[data-testid=park-factor-form]"
    for name, value in {"subject": "electricity_grid", "param": "ef_grid", "gas": "CO2", "region": "CN",
                        "valid_from": "2023", "valid_to": "2023", "value": "0.215", "unit": "tCO2/MWh",
                        "uncertainty_pct": "3", "source_document": "购电协议PPA-2023-017",
                        "source_table": "附件2", "source_year": "2023"}.items():
        page.fill(f"{form} [name={name}]", value)
    page.click("[data-testid=add-park-factor]")
    page.wait_for_selector("[data-testid=park-factor]")
    page.click("[data-testid=submit-park-release]")
    page.wait_for_selector("[data-testid=park-release-review]")
    assert page.locator("[data-testid=approve-park-release]").count() == 0  # the author does not review
    shot(page, "park_factor_set_submitted")
    url = page.url
    page.context.clear_cookies()
    login(page, base, "platform_admin", PASSWORD)
    page.goto(url)
    page.click("[data-testid=approve-park-release]")
    page.wait_for_selector("[data-testid=park-release-history]")
    assert "platform_admin" in page.locator("[data-testid=park-release-state]").inner_text()
