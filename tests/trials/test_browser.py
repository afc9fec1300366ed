"""In a real Chromium: a visitor applies for a trial (cascading region selects), the platform administrator approves,
the applicant opens the set-password link from the captured e-mail, sets a password, signs in and finds the empty
park ready for its first enterprise; the link then refuses a second use."""

import os
import re

import pytest

from tests.browser import login, shot

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = pytest.mark.browser

NEW_PASSWORD = "Kunshan-Park-2026!"  # noqa: S105 - test-only


def test_apply_approve_set_password_sign_in(browser, live_server, transactional_db, django_user_model, mailoutbox):
    from django.core.cache import cache

    from parkcarbon.parks.models import Park
    from tests.conftest import PASSWORD, make_world

    cache.clear()  # the rate limit counts per address across tests
    make_world(django_user_model)
    base = live_server.url

    visitor = browser.new_context(locale="zh-CN").new_page()
    visitor.goto(f"{base}/")
    visitor.click("[data-testid=landing-apply]")
    visitor.fill("input[name=park_name]", "昆山示范产业园")
    visitor.select_option("select[name=level]", "provincial_etdz")
    visitor.select_option("select[name=division_0]", "320000")
    visitor.wait_for_selector("select[name=division_1] option[value='320500']", state="attached")
    visitor.select_option("select[name=division_1]", "320500")
    visitor.wait_for_selector("select[name=division_2] option[value='320583']", state="attached")
    assert "昆山市" in visitor.inner_text("select[name=division_2]")
    visitor.select_option("select[name=division_2]", "320583")
    visitor.fill("input[name=area_km2]", "12.5")
    visitor.select_option("select[name=industries]", ["C", "26"])
    visitor.fill("input[name=enterprise_count]", "48")
    visitor.fill("input[name=contact_name]", "王工")
    visitor.fill("input[name=mobile]", "138 0013 8000")
    visitor.fill("input[name=email]", "wang@example.com")
    shot(visitor, "trial_apply_zh")
    visitor.click("[data-testid=apply-form] button[type=submit]")
    visitor.wait_for_selector("[data-testid=apply-done]")
    assert "TA-" in visitor.inner_text("[data-testid=apply-done]")
    assert [m.to for m in mailoutbox] == [["wang@example.com"]]

    admin = browser.new_context(locale="en-US").new_page()
    admin.on("dialog", lambda dialog: dialog.accept())  # the approve form asks for confirmation
    login(admin, base, "platform_admin", PASSWORD)
    admin.click("[data-nav=trials] a")
    admin.click("[data-testid=application-table] a >> text=TA-")
    assert "Jiangsu, Suzhou City, Kunshan City" in admin.inner_text("main")
    admin.click("[data-testid=approve-form] button[type=submit]")
    admin.wait_for_selector("[data-testid=application-status] >> text=Approved")
    park = Park.objects.get(name="昆山示范产业园")
    assert park.trial_days_left == 90

    link = re.search(r"http://\S+/accounts/reset/\S+/", mailoutbox[-1].body).group(0)
    applicant = browser.new_context(locale="zh-CN").new_page()
    applicant.goto(link)
    applicant.fill("input[name=new_password1]", NEW_PASSWORD)
    applicant.fill("input[name=new_password2]", NEW_PASSWORD)
    applicant.click("[data-testid=object-form] button[type=submit]")
    applicant.wait_for_url(re.compile(r".*/accounts/reset/done/"))
    login(applicant, base, "wang@example.com", NEW_PASSWORD)
    assert "剩余 90 天" in applicant.inner_text("[data-testid=trial-banner]")
    applicant.goto(f"{base}{park.get_absolute_url()}")
    assert "昆山示范产业园" in applicant.inner_text("h1")
    assert applicant.inner_text(".stat-card .stat-value >> nth=0").strip() == "0"  # no enterprise yet
    applicant.goto(f"{base}/park/enterprises/new/")
    assert applicant.locator("select[name=park] option:checked").inner_text() == "昆山示范产业园"
    shot(applicant, "trial_first_enterprise_zh")

    again = browser.new_context().new_page()
    again.goto(link)
    assert again.locator("input[name=new_password1]").count() == 0  # used once: no password form any more
    assert "/set-password/" not in again.url
