"""Generating from an inventory, progress, downloads, and who may see which report."""

import io
import re

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from parkcarbon.reports.models import Report, State
from tests.reports.conftest import add_lines

pytestmark = pytest.mark.django_db


def generate(client, inventory, template, capture):
    with capture(execute=True):
        response = client.post(f"{reverse('reports:create')}?inventory={inventory.pk}",
                               {"inventory": inventory.pk, "template": template})
    assert response.status_code == 302, response.content[:500]
    report = Report.objects.latest("pk")
    assert response["Location"] == report.get_absolute_url()
    report.refresh_from_db()
    return report


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_generate_download_every_format(world, client_for, inventory, django_capture_on_commit_callbacks):
    c = client_for("enterprise_reporter")
    page = c.get(f"{reverse('reports:create')}?inventory={inventory.pk}")
    assert page.status_code == 200
    assert [k for k, _ in page.context["form"].fields["template"].choices] == ["cn_enterprise", "ghg_protocol"]
    report = generate(c, inventory, "cn_enterprise", django_capture_on_commit_callbacks)
    assert report.status == State.DONE and report.progress == 100, report.error
    assert report.inventory == inventory and report.enterprise == world.enterprise and report.language == "zh-hans"
    assert report.data_versions == {str(inventory.pk): {"energy": 2, "ippu": 1}}
    assert report.gwp_set == "AR5" and report.engine_version and report.library_version and report.generated_at
    assert report.task_id
    total = f"{report.figures['total']:,.2f}"

    detail = c.get(report.get_absolute_url())
    assert detail.status_code == 200
    html = detail.content.decode()
    for fmt in ("docx", "pdf", "xlsx", "html"):
        assert reverse("reports:download", args=[report.pk, fmt]) in html
    assert "hx-trigger" not in html  # finished: no more polling
    assert f"#{inventory.pk}: " in html and " v2" in html

    files = {fmt: c.get(reverse("reports:download", args=[report.pk, fmt])) for fmt in ("docx", "pdf", "xlsx", "html")}
    for fmt, response in files.items():
        assert response.status_code == 200, fmt
        assert "attachment" in response["Content-Disposition"] and f".{fmt}" in response["Content-Disposition"]
    doc = Document(io.BytesIO(body(files["docx"])))
    assert any(total in cell.text for t in doc.tables for row in t.rows for cell in row.cells)
    assert total in "".join(p.extract_text() for p in PdfReader(io.BytesIO(body(files["pdf"]))).pages)
    wb = load_workbook(io.BytesIO(body(files["xlsx"])))
    assert any(v == round(report.figures["total"], 2) for ws in wb for row in ws.iter_rows(values_only=True) for v in row)
    assert total in body(files["html"]).decode()
    preview = c.get(reverse("reports:preview", args=[report.pk]))
    assert preview.status_code == 200 and total in preview.content.decode()


def test_earlier_reports_stay_downloadable_with_their_numbers(world, client_for, inventory, django_capture_on_commit_callbacks):
    c = client_for("park_admin")
    first = generate(c, inventory, "cn_enterprise", django_capture_on_commit_callbacks)
    add_lines(inventory, "energy", [{"activity": "diesel", "amount": 500, "unit": "t"}], source="upload")
    second = generate(c, inventory, "cn_enterprise", django_capture_on_commit_callbacks)
    assert second.figures["total"] != first.figures["total"]
    assert first.data_versions[str(inventory.pk)]["energy"] == 2 and second.data_versions[str(inventory.pk)]["energy"] == 3
    old = c.get(reverse("reports:download", args=[first.pk, "pdf"]))
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(body(old))).pages)
    assert f"{first.figures['total']:,.2f}" in text and f"{second.figures['total']:,.2f}" not in text
    listing = c.get(reverse("reports:list")).content.decode()
    assert listing.count(reverse("reports:download", args=[first.pk, "docx"])) == 1
    assert reverse("reports:download", args=[second.pk, "docx"]) in listing


def test_park_report_is_for_park_staff_only(world, client_for, park_inventory, django_capture_on_commit_callbacks):
    c = client_for("park_admin")
    assert [k for k, _ in c.get(f"{reverse('reports:create')}?inventory={park_inventory.pk}").context["form"]
            .fields["template"].choices] == ["park_inventory", "ghg_protocol"]
    report = generate(c, park_inventory, "park_inventory", django_capture_on_commit_callbacks)
    assert report.status == State.DONE, report.error
    assert report.enterprise is None and len(report.data_versions) == 3  # the park's own + E1 + E2
    for role in ("platform_admin", "park_admin", "park_viewer", "verifier", "authority_viewer"):
        assert client_for(role).get(reverse("reports:download", args=[report.pk, "pdf"])).status_code == 200, role
    for role in ("enterprise_reporter", "enterprise_manager", "other_enterprise_user", "other_park_admin"):
        cl = client_for(role)
        for fmt in ("docx", "pdf", "xlsx", "html"):
            assert cl.get(reverse("reports:download", args=[report.pk, fmt])).status_code == 404, (role, fmt)
        assert cl.get(report.get_absolute_url()).status_code == 404
        assert reverse("reports:detail", args=[report.pk]) not in cl.get(reverse("reports:list")).content.decode()
    # An enterprise user cannot even start a report of the park's inventory.
    assert client_for("enterprise_reporter").get(f"{reverse('reports:create')}?inventory={park_inventory.pk}").status_code == 404


def test_strangers_get_404_for_reports_and_inventories(world, client_for, inventory, other_inventory,
                                                       django_capture_on_commit_callbacks):
    report = generate(client_for("enterprise_manager"), inventory, "ghg_protocol", django_capture_on_commit_callbacks)
    assert report.language == "en" and report.status == State.DONE, report.error
    for role in ("other_park_admin", "other_enterprise_user"):
        cl = client_for(role)
        for fmt in ("docx", "pdf", "xlsx", "html"):
            assert cl.get(reverse("reports:download", args=[report.pk, fmt])).status_code == 404
        assert cl.get(f"{reverse('reports:create')}?inventory={inventory.pk}").status_code == 404
        assert cl.post(f"{reverse('reports:create')}?inventory={inventory.pk}",
                       {"inventory": inventory.pk, "template": "cn_enterprise"}).status_code == 404
    assert client_for("anonymous").get(reverse("reports:download", args=[report.pk, "pdf"])).status_code == 302
    assert client_for("park_admin").get(f"{reverse('reports:create')}?inventory={other_inventory.pk}").status_code == 404
    assert Report.objects.count() == 1


def test_queued_report_shows_progress_polled_by_htmx(world, client_for, inventory):
    c = client_for("park_admin")
    response = c.post(f"{reverse('reports:create')}?inventory={inventory.pk}",
                      {"inventory": inventory.pk, "template": "cn_enterprise"})  # on_commit not run: stays queued
    report = Report.objects.get()
    assert response.status_code == 302 and report.status == State.QUEUED
    page = c.get(report.get_absolute_url()).content.decode()
    assert f'hx-get="{reverse("reports:progress", args=[report.pk])}"' in page and 'hx-trigger="every 1s"' in page
    assert c.get(reverse("reports:download", args=[report.pk, "pdf"])).status_code == 404
    Report.objects.filter(pk=report.pk).update(status=State.RUNNING, progress=60, stage="pdf")
    partial = c.get(reverse("reports:progress", args=[report.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert 'aria-valuenow="60"' in partial and "every 1s" in partial
    from parkcarbon.reports.services import build_report

    assert build_report(report.pk) is None  # running elsewhere: not claimed twice
    Report.objects.filter(pk=report.pk).update(status=State.QUEUED)
    assert build_report(report.pk).status == State.DONE
    partial = c.get(reverse("reports:progress", args=[report.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert "every 1s" not in partial and reverse("reports:download", args=[report.pk, "docx"]) in partial


def test_failure_is_recorded_and_shown(world, client_for, inventory, monkeypatch):
    from parkcarbon.reports import services

    report = services.request_report(world.users["park_admin"], inventory, "cn_enterprise")

    def boom(*args, **kwargs):
        raise RuntimeError("font exploded")

    monkeypatch.setattr(services, "collect_facts", boom)
    assert services.build_report(report.pk) is None
    report.refresh_from_db()
    assert report.status == State.FAILED and "font exploded" in report.error
    assert "font exploded" in client_for("park_admin").get(report.get_absolute_url()).content.decode()


def test_reports_nav_item_is_registered(world, client_for):
    html = client_for("park_viewer").get(reverse("reports:list")).content.decode()
    assert 'data-nav="reports"' in html and reverse("reports:list") in html


def test_wrong_template_or_missing_inventory(world, client_for, inventory):
    c = client_for("park_admin")
    assert c.get(reverse("reports:create")).status_code == 404
    response = c.post(f"{reverse('reports:create')}?inventory={inventory.pk}", {"inventory": inventory.pk,
                                                                             "template": "park_inventory"})
    assert response.status_code == 200 and not Report.objects.exists()
    assert c.get(reverse("reports:download", args=[1, "exe"])).status_code == 404


def test_pages_in_both_languages(world, client_for, inventory):
    from django.test import override_settings

    c = client_for("park_admin")
    with override_settings(LANGUAGE_CODE="zh-hans"):
        page = c.get(reverse("reports:list"), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
        assert "从温室气体清单生成报告" in page and "暂无报告" in page
        create = c.get(f"{reverse('reports:create')}?inventory={inventory.pk}", HTTP_ACCEPT_LANGUAGE="zh-hans")
        assert "企业温室气体排放报告（国家核算指南格式，中文）" in create.content.decode()
    c.cookies["django_language"] = "en"
    page = c.get(reverse("reports:list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Generate a report from inventory" in page


def test_a_second_request_joins_the_queued_report(world, client_for, inventory):
    c = client_for("park_admin")
    url = f"{reverse('reports:create')}?inventory={inventory.pk}"
    first = c.post(url, {"inventory": inventory.pk, "template": "cn_enterprise"})
    second = c.post(url, {"inventory": inventory.pk, "template": "cn_enterprise"})  # double click, still queued
    assert first["Location"] == second["Location"] and Report.objects.count() == 1
    c.post(url, {"inventory": inventory.pk, "template": "ghg_protocol"})
    client_for("park_viewer").post(url, {"inventory": inventory.pk, "template": "cn_enterprise"})
    assert Report.objects.count() == 3


def test_park_report_for_a_park_without_its_own_inventory(world, client_for, inventory, django_capture_on_commit_callbacks):
    from tests.reports.conftest import make_inventory

    make_inventory(world.park, world.enterprise2, 2023, {"energy": [{"activity": "natural_gas", "amount": 50, "unit": "10^4 Nm3"}]})
    url = f"{reverse('reports:create')}?park={world.park.pk}&year=2023"
    c = client_for("park_viewer")
    page = c.get(url)
    assert page.status_code == 200
    assert [k for k, _ in page.context["form"].fields["template"].choices] == ["park_inventory", "ghg_protocol"]
    with django_capture_on_commit_callbacks(execute=True):
        response = c.post(url, {"park": world.park.pk, "year": 2023, "template": "park_inventory"})
    report = Report.objects.get()
    assert response["Location"] == report.get_absolute_url()
    report.refresh_from_db()
    assert report.status == State.DONE, report.error
    assert report.inventory is None and report.enterprise is None and len(report.data_versions) == 2
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(body(c.get(reverse("reports:download", args=[report.pk, "pdf"]))))).pages)
    assert "甲钢铁有限公司" in text and "乙化工有限公司" in text and f"{report.figures['total']:,.2f}" in text
    for role in ("enterprise_reporter", "other_enterprise_user", "other_park_admin"):
        assert client_for(role).get(url).status_code == 404, role
        assert client_for(role).get(report.get_absolute_url()).status_code == 404, role
    assert c.get(f"{reverse('reports:create')}?park={world.park.pk}").status_code == 404  # no year


def test_park_and_year_use_the_parks_own_inventory_when_it_exists(world, client_for, park_inventory,
                                                                  django_capture_on_commit_callbacks):
    c = client_for("park_admin")
    with django_capture_on_commit_callbacks(execute=True):
        c.post(f"{reverse('reports:create')}?park={world.park.pk}&year=2023",
               {"park": world.park.pk, "year": 2023, "template": "ghg_protocol"})
    report = Report.objects.get()
    assert report.inventory == park_inventory and report.language == "en" and report.status == State.DONE, report.error


def test_list_filters_by_template_and_year_with_an_htmx_partial(world, client_for, inventory):
    from parkcarbon.reports.services import request_report

    user = world.users["park_admin"]
    cn, en = request_report(user, inventory, "cn_enterprise"), request_report(user, inventory, "ghg_protocol")
    c = client_for("park_admin")
    page = c.get(reverse("reports:list"), {"template": "ghg_protocol"}).content.decode()
    assert en.get_absolute_url() in page and cn.get_absolute_url() not in page
    partial = c.get(reverse("reports:list"), {"year": "2023"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial and en.get_absolute_url() in partial and cn.get_absolute_url() in partial
    assert cn.get_absolute_url() not in c.get(reverse("reports:list"), {"year": "2020"}).content.decode()


def test_a_user_may_have_only_a_few_builds_at_a_time(world, client_for, inventory):
    user = world.users["park_viewer"]
    for template in ("cn_enterprise", "ghg_protocol", "cn_enterprise"):
        Report.objects.create(park=inventory.park, enterprise=inventory.enterprise, inventory=inventory, year=2023,
                              template=template, language="zh-hans", created_by=user, status=State.QUEUED)
    response = client_for("park_viewer").post(f"{reverse('reports:create')}?inventory={inventory.pk}",
                                              {"inventory": inventory.pk, "template": "ghg_protocol"})
    assert response.status_code == 200 and Report.objects.count() == 3
    assert "3" in response.content.decode()


@pytest.mark.parametrize("language, checked", [("zh-hans", "cn_enterprise"), ("en", "ghg_protocol")])
def test_the_template_preselected_is_in_the_readers_language(client_for, inventory, language, checked):
    """The walk found an English user offered the Chinese-language enterprise report by default; the GHG Protocol
    report is the English one (reports.content.LANGUAGE)."""
    c = client_for("enterprise_reporter")
    c.cookies["django_language"] = language
    page = c.get(f"{reverse('reports:create')}?inventory={inventory.pk}")
    html = page.content.decode()
    radios = re.findall(r'<input type="radio" name="template" value="(\w+)"[^>]*>', html)
    assert radios == ["cn_enterprise", "ghg_protocol"]
    assert re.search(rf'<input type="radio" name="template" value="{checked}"[^>]*checked', html)
