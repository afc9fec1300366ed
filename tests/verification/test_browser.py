"""The verification workflow in a real Chromium: submit -> return with a comment -> fix -> submit -> accept ->
verify with an adjustment -> the report states the conclusion."""

import pytest

from parkcarbon.inventory.models import Inventory
from parkcarbon.verification.models import Adjustment, Conclusion
from tests.browser import login, shot

pytestmark = pytest.mark.browser


def test_submit_return_fix_accept_verify_report(browser, live_server, transactional_db, django_user_model, settings,
                                                 tmp_path):
    from tests.conftest import PASSWORD, make_world
    from tests.inventory.conftest import add_lines

    settings.MEDIA_ROOT = tmp_path / "media"
    world = make_world(django_user_model)
    inventory = Inventory.objects.create(park=world.park, enterprise=world.enterprise, year=2023, region="CN-JS")
    add_lines(inventory, "energy", [{"activity": "bituminous_coal", "amount": 1000, "unit": "t", "month": 1},
                                    {"activity": "electricity_grid", "amount": 10000, "unit": "MWh"}])
    coal = inventory.versions.get().lines.get(activity="bituminous_coal")
    electricity = inventory.versions.get().lines.get(activity="electricity_grid")
    base = live_server.url
    panel = f"{base}/verification/{inventory.pk}/"

    def as_user(username):
        page = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN",
                                   accept_downloads=True).new_page()
        page.on("dialog", lambda dialog: dialog.accept())  # the data-confirm questions
        login(page, base, username, PASSWORD)
        return page

    reporter, admin, verifier = as_user("enterprise_manager"), as_user("park_admin"), as_user("verifier")

    reporter.goto(f"{base}{inventory.get_absolute_url()}")
    reporter.click("[data-testid=submit]")
    reporter.wait_for_selector("[data-testid=status]:has-text('已提交')")

    admin.goto(panel)
    admin.select_option("[data-testid=comment-form] select[name=line]", str(coal.pk))
    admin.fill("[data-testid=comment-form] textarea[name=text]", "一月燃煤量偏高，请核对入库单。")
    admin.click("[data-testid=comment]")
    admin.wait_for_selector("[data-testid=comment-row]")
    admin.fill("[data-testid=return-form] textarea[name=text]", "请更正燃煤量后重新提交。")
    admin.click("[data-testid=return]")
    admin.wait_for_selector("[data-testid=status]:has-text('已退回更正')")
    shot(admin, "verification_returned")

    reporter.goto(f"{base}{inventory.get_absolute_url()}")
    comments = reporter.locator("[data-testid=returned-comments]").inner_text()
    assert "一月燃煤量偏高" in comments and "请更正燃煤量后重新提交。" in comments
    reporter.goto(f"{base}/accounting/{inventory.pk}/lines/{coal.pk}/")
    reporter.fill("[data-testid=line-edit-form] input[name=amount]", "900")
    reporter.click("[data-testid=line-edit-form] [data-testid=line-save]")
    reporter.wait_for_selector("[data-testid=line-row]")
    reporter.click("[data-testid=submit]")
    reporter.wait_for_selector("[data-testid=status]:has-text('已提交')")
    coal.refresh_from_db()
    assert coal.amount == 900

    admin.goto(panel)
    admin.click("[data-testid=accept]")
    admin.wait_for_selector("[data-testid=status]:has-text('核查中')")

    verifier.goto(panel)
    form = verifier.locator("[data-testid=adjust-form]")
    form.locator("select[name=line]").select_option(str(electricity.pk))
    form.locator("input[name=verified_amount]").fill("9000")
    form.locator("textarea[name=reason]").fill("按供电公司结算单核减。")
    form.locator("input[name=evidence]").set_input_files(
        {"name": "bills.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 bills"})
    verifier.click("[data-testid=adjust]")
    verifier.wait_for_selector("[data-testid=adjustment]")
    assert "9,000 兆瓦时" in verifier.locator("[data-testid=adjustment]").inner_text()  # units as the zh lines table
    assert verifier.locator("[data-testid=verified-total]").is_visible()
    verifier.check("[data-testid=conclude-form] input[name=opinion][value=qualified]")
    verifier.fill("[data-testid=conclude-form] textarea[name=statement]", "外购电力按结算单核减后，数据真实完整。")
    verifier.click("[data-testid=conclude]")
    verifier.wait_for_selector("[data-testid=conclusion]")
    shot(verifier, "verification_concluded")
    inventory.refresh_from_db()
    assert inventory.status == "verified"
    conclusion = Conclusion.objects.get()
    assert conclusion.reported_co2e - conclusion.verified_co2e == pytest.approx(570.3, abs=0.01)  # 1000 MWh x 0.5703
    assert Adjustment.objects.get().evidence.read() == b"%PDF-1.4 bills"

    verifier.goto(f"{base}/reports/new/?inventory={inventory.pk}")
    verifier.check("input[name=template][value=cn_enterprise]")
    verifier.click("[data-testid=report-generate]")
    verifier.wait_for_selector("[data-testid=report-status][data-status=done]", timeout=60_000)
    verifier.click("[data-testid=report-preview]")
    verifier.wait_for_selector("[data-testid=report-document]")
    document = verifier.locator("[data-testid=report-document]").inner_text()
    assert "有保留意见的核查通过" in document and "外购电力按结算单核减后，数据真实完整。" in document
    shot(verifier, "verification_report")
