"""In a real Chromium: a park administrator opens "Download report" for an inventory, generates the report and
downloads every format from the page; each file opens with its reading library and shows the inventory's total."""

import io
import os

import pytest

from tests.browser import login, shot

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = pytest.mark.browser


def test_generate_and_download_every_format(browser, live_server, transactional_db, django_user_model, settings, tmp_path):
    from docx import Document
    from openpyxl import load_workbook
    from pypdf import PdfReader

    from parkcarbon.reports.models import Report
    from tests.conftest import PASSWORD, make_world
    from tests.reports.conftest import E1_ROWS, make_inventory

    settings.MEDIA_ROOT = tmp_path / "media"
    world = make_world(django_user_model)
    inventory = make_inventory(world.park, world.enterprise, 2023, E1_ROWS)
    base = live_server.url
    page = browser.new_page(viewport={"width": 1366, "height": 900}, locale="zh-CN", accept_downloads=True)
    login(page, base, "park_admin", PASSWORD)

    page.goto(f"{base}/reports/")
    assert page.locator("[data-nav=reports] .nav-label").inner_text() == "报告"
    page.goto(f"{base}{inventory.get_absolute_url()}")
    page.click("[data-testid=download-report]")  # the inventory page's "Download"
    page.wait_for_selector("[data-testid=report-form]")
    shot(page, "report_create_zh")
    page.check("input[name=template][value=cn_enterprise]")
    page.click("[data-testid=report-generate]")
    page.wait_for_selector("[data-testid=report-status][data-status=done]", timeout=60_000)
    shot(page, "report_ready_zh")
    report = Report.objects.get()
    total = f"{report.figures['total']:,.2f}"
    details = page.locator("[data-testid=report-details]").inner_text()  # no reload needed for the details
    assert f"IPCC {report.gwp_set}" in details and report.engine_version in details
    assert page.locator("[data-testid=data-versions]").inner_text().startswith(f"#{inventory.pk}: ")

    def download(fmt) -> bytes:
        with page.expect_download() as info:
            page.click(f"[data-testid=download-{fmt}]")
        path = tmp_path / f"report.{fmt}"
        info.value.save_as(path)
        assert info.value.suggested_filename.endswith(f".{fmt}")
        return path.read_bytes()

    doc = Document(io.BytesIO(download("docx")))
    assert any(total in c.text for t in doc.tables for r in t.rows for c in r.cells)
    pdf = "".join(p.extract_text() for p in PdfReader(io.BytesIO(download("pdf"))).pages)
    assert total in pdf and "甲钢铁有限公司" in pdf
    wb = load_workbook(io.BytesIO(download("xlsx")))
    assert any(v == round(report.figures["total"], 2) for ws in wb for row in ws.iter_rows(values_only=True) for v in row)
    assert total in download("html").decode()

    page.click("[data-testid=report-preview]")
    page.wait_for_selector("[data-testid=report-document]")
    assert total in page.locator("[data-testid=report-document]").inner_text()
    shot(page, "report_preview_zh")
    page.goto(f"{base}/reports/")
    assert "甲钢铁有限公司" in page.locator("[data-testid=report-table]").inner_text()
    shot(page, "report_list_zh")


def test_progress_swaps_in_the_details_when_the_build_finishes(browser, live_server, transactional_db, django_user_model,
                                                               settings, tmp_path):
    """The report page polls its progress; when the build finishes (here: run by the test while the page is open)
    the data versions, GWP set and engine version appear without a reload; a draft's preview says so."""
    from parkcarbon.reports.models import Report
    from parkcarbon.reports.services import build_report
    from tests.conftest import PASSWORD, make_world
    from tests.reports.conftest import E1_ROWS, make_inventory

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}  # stays queued
    world = make_world(django_user_model)
    inventory = make_inventory(world.park, world.enterprise, 2023, E1_ROWS, status="draft")
    base = live_server.url
    page = browser.new_page(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    login(page, base, "park_admin", PASSWORD)
    page.goto(f"{base}/reports/new/?inventory={inventory.pk}")
    page.check("input[name=template][value=cn_enterprise]")
    page.click("[data-testid=report-generate]")
    page.wait_for_selector("[data-testid=report-status][data-status=queued]")
    assert page.locator("[data-testid=data-versions]").inner_text() == "—"
    report = Report.objects.get()
    build_report(report.pk)
    page.wait_for_selector("[data-testid=report-status][data-status=done]", timeout=20_000)
    report.refresh_from_db()
    details = page.locator("[data-testid=report-details]").inner_text()
    assert f"IPCC {report.gwp_set}" in details and report.engine_version in details
    assert page.locator("[data-testid=data-versions]").inner_text().startswith(f"#{inventory.pk}: ")
    assert page.locator("[data-testid=report-draft-note]").is_visible()
    page.click("[data-testid=report-preview]")
    assert "草稿" in page.locator("[data-testid=report-draft]").inner_text()
    shot(page, "report_preview_draft_zh")
