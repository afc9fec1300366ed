"""The park user's flow in the web app: basic information, manual lines, upload, preview, submit."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from parkcarbon.engine.template import SECTION_SHEETS
from parkcarbon.inventory.models import ActivityLine, ImportStatus, Inventory, PendingImport, Status
from tests.workbooks import filled_template

pytestmark = pytest.mark.django_db


def workbook(rows, extra_sheet=None) -> bytes:
    return filled_template(rows, mutate=(lambda wb: wb.create_sheet(extra_sheet)) if extra_sheet else None)


def upload(client, inventory, data: bytes, name="data.xlsx"):
    f = io.BytesIO(data)
    f.name = name
    return client.post(reverse("inventory:upload", args=[inventory.pk]), {"file": f})


def test_basic_information_then_data_filling(world, client_for):
    c = client_for("enterprise_reporter")
    page = c.get(reverse("inventory:create"))
    assert page.status_code == 200
    boundaries = dict(page.context["form"].fields["boundary"].choices)
    assert set(boundaries) == {f"enterprise:{world.enterprise.pk}"}  # only their own enterprise
    response = c.post(reverse("inventory:create"), {
        "boundary": f"enterprise:{world.enterprise.pk}", "year": 2023, "region": "CN-JS", "standard": "cn_enterprise",
        "gwp_set": "AR5", "grid_basis": "reporting", "contact_name": "张三",
    })
    inventory = Inventory.objects.get(enterprise=world.enterprise, year=2023)
    assert response.status_code == 302 and response["Location"] == inventory.get_absolute_url()
    assert inventory.created_by == world.users["enterprise_reporter"]
    duplicate = c.post(reverse("inventory:create"), {
        "boundary": f"enterprise:{world.enterprise.pk}", "year": 2023, "region": "CN-JS", "standard": "cn_enterprise",
        "gwp_set": "AR5", "grid_basis": "reporting"})
    assert duplicate.status_code == 200 and Inventory.objects.count() == 1


def test_other_enterprise_is_not_a_choice(world, client_for):
    c = client_for("enterprise_reporter")
    c.post(reverse("inventory:create"), {"boundary": f"enterprise:{world.enterprise2.pk}", "year": 2023,
                                         "region": "CN-JS", "standard": "cn_enterprise", "gwp_set": "AR5",
                                         "grid_basis": "reporting"})
    assert not Inventory.objects.exists()


def test_manual_line_with_measured_parameter(inventory, client_for):
    c = client_for("enterprise_reporter")
    url = reverse("inventory:line_add", args=[inventory.pk]) + "?section=energy"
    ok = c.post(url, {"section": "energy", "activity": "diesel", "amount": "50", "unit": "t", "month": "3",
                      "p_ncv": "42.652", "p_ncv_unit": "GJ/t"})
    assert ok.status_code == 302
    line = ActivityLine.objects.get(activity="diesel")
    assert line.measured == {"ncv": {"value": 42.652, "unit": "GJ/t"}} and line.month == 3
    inventory.refresh_from_db()
    heat_tj = 50 * 42.652 / 1000  # measured NCV replaces the default 43.33 GJ/t
    co2 = heat_tj * 1000 * 0.0202 * 0.98 * 44 / 12  # default CC and OF (NDRC 2015 table)
    ch4_n2o = heat_tj * (3 * 28 + 0.6 * 265) / 1000  # IPCC 2006 Table 2.3 oil in industry, AR5 GWPs
    assert inventory.snapshot.by_month["3"]["co2e"] == pytest.approx(co2 + ch4_n2o, rel=1e-9)
    assert line.history.first().history_user == inventory.enterprise.memberships.get(role="enterprise_reporter").user


def test_bad_manual_line_is_refused_and_nothing_saved(inventory, client_for):
    c = client_for("enterprise_reporter")
    url = reverse("inventory:line_add", args=[inventory.pk]) + "?section=energy"
    count = ActivityLine.objects.count()
    for data in ({"activity": "diesel", "amount": "-5", "unit": "t"},
                 {"activity": "diesel", "amount": "5", "unit": "MWh/t"},
                 {"activity": "diesel", "amount": "5", "unit": "t", "p_ncv": "40", "p_ncv_unit": "MWh"}):
        response = c.post(url, {"section": "energy", "month": "0", **data})
        assert response.status_code == 422
    assert ActivityLine.objects.count() == count


def test_live_line_check_shows_factor_and_co2e(inventory, client_for):
    c = client_for("enterprise_reporter")
    response = c.post(reverse("inventory:line_check", args=[inventory.pk]) + "?section=energy",
                      {"section": "energy", "activity": "electricity_grid", "amount": "1000", "unit": "MWh", "month": "0"},
                      HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "570.300" in body and "CN-GRID" not in body and "0.5703" in body  # 2023 reporting factor


def test_upload_validates_previews_and_saves_on_confirmation(inventory, client_for):
    c = client_for("enterprise_reporter")
    response = upload(c, inventory, workbook([
        {"activity": "bituminous_coal", "amount": 2000, "unit": "t"},
        {"activity": "electricity_grid", "amount": 5000, "unit": "MWh", "month": 4},
    ]))
    pending = PendingImport.objects.get()
    assert response.status_code == 302 and pending.status == ImportStatus.VALID  # immediate task backend in tests
    assert pending.preview["energy"]["lines"] == 2
    assert ActivityLine.objects.filter(version__inventory=inventory, version__number=2).count() == 0  # not yet saved
    page = c.get(reverse("inventory:import_detail", args=[inventory.pk, pending.pk]))
    assert "import-confirm" in page.content.decode()
    assert "手工填写的 3 行" in page.content.decode()  # the fixture's three typed energy lines would be replaced
    c.post(reverse("inventory:import_confirm", args=[inventory.pk, pending.pk]))  # not confirmed: nothing saved
    pending.refresh_from_db()
    assert pending.status == ImportStatus.VALID and inventory.versions.count() == 1
    c.post(reverse("inventory:import_confirm", args=[inventory.pk, pending.pk]), {"confirm_replace": "1"})
    pending.refresh_from_db()
    assert pending.status == ImportStatus.APPLIED
    current = ActivityLine.objects.filter(version__inventory=inventory, version__number=2)
    assert sorted(current.values_list("activity", flat=True)) == ["bituminous_coal", "electricity_grid"]
    assert ActivityLine.objects.filter(version__number=1).count() == 3  # the earlier version stays
    inventory.refresh_from_db()
    assert inventory.snapshot.by_scope["2"]["co2e"] == pytest.approx(5000 * 0.5703)


def test_upload_with_errors_lists_them_and_saves_nothing(inventory, client_for):
    c = client_for("enterprise_reporter")
    upload(c, inventory, workbook([
        {"activity": "bituminous_coal", "amount": "很多", "unit": "t"},
        {"activity": "unobtainium", "amount": 1, "unit": "t"},
        {"activity": "natural_gas", "amount": 1, "unit": "t"},
    ]))
    pending = PendingImport.objects.get()
    assert pending.status == ImportStatus.INVALID
    where = {(p["row"], p["column"].split(" ")[0]) for p in pending.problems}
    assert {("3", "C"), ("4", "B"), ("5", "D")} <= where
    assert all(p["sheet"] == SECTION_SHEETS["energy"] for p in pending.problems)
    response = c.post(reverse("inventory:import_confirm", args=[inventory.pk, pending.pk]))
    assert response.status_code == 302
    assert not inventory.versions.filter(number=2).exists()


@pytest.mark.parametrize(("data", "message"), [
    (b"not a workbook at all", "Excel .xlsx"),
    (None, "unknown sheet"),
])
def test_hostile_or_wrong_files(inventory, client_for, data, message):
    c = client_for("enterprise_reporter")
    payload = data if data is not None else workbook([{"activity": "diesel", "amount": 1, "unit": "t"}], extra_sheet="Sheet1")
    response = upload(c, inventory, payload)
    follow = c.get(response["Location"])
    text = follow.content.decode()
    if PendingImport.objects.exists():
        assert message in " ".join(p["message"] for p in PendingImport.objects.get().problems)
    else:
        assert message in text
    assert not inventory.versions.filter(number=2).exists()


def test_oversized_upload_is_refused_while_it_streams_in(inventory, client_for, settings):
    settings.PARKCARBON_UPLOAD_MAX_BYTES = 1024 * 1024
    c = client_for("enterprise_reporter")
    response = upload(c, inventory, b"PK" + b"\0" * (3 * 1024 * 1024))
    assert "文件超过 1 MB" in c.get(response["Location"]).content.decode()
    assert not PendingImport.objects.exists()


def test_size_limit_handler_stops_reading():
    from django.core.files.uploadhandler import StopUpload
    from django.test import RequestFactory

    from parkcarbon.common.uploads import SizeLimitUploadHandler

    handler = SizeLimitUploadHandler(RequestFactory().post("/"))
    handler.handle_raw_input(None, {}, None, b"x")  # unknown length: counted while reading
    handler.limit = 10
    assert handler.receive_data_chunk(b"12345", 0) == b"12345"
    with pytest.raises(StopUpload):
        handler.receive_data_chunk(b"678901", 5)
    assert handler.request.upload_refused


def test_plausibility_warnings_must_be_confirmed(inventory, client_for):
    c = client_for("enterprise_reporter")
    upload(c, inventory, workbook([{"activity": "bituminous_coal", "amount": 900000, "unit": "t",
                                    "ncv": 40, "ncv_unit": "GJ/t"}]))
    pending = PendingImport.objects.get()
    assert pending.status == ImportStatus.VALID and len(pending.warnings) == 2
    c.post(reverse("inventory:import_confirm", args=[inventory.pk, pending.pk]))
    pending.refresh_from_db()
    assert pending.status == ImportStatus.VALID  # not saved without the confirmation box
    c.post(reverse("inventory:import_confirm", args=[inventory.pk, pending.pk]), {"confirm_warnings": "1", "confirm_replace": "1"})
    pending.refresh_from_db()
    assert pending.status == ImportStatus.APPLIED


def test_preview_shows_totals_lines_factors_and_sources(inventory, client_for):
    body = client_for("park_viewer").get(reverse("inventory:preview", args=[inventory.pk])).content.decode()
    total = inventory.snapshot.total_co2e
    assert f"{total:.3f}" in body.replace(",", "")
    assert "NDRC-2015-OTHER" not in body and "工业其他行业企业温室气体排放核算方法与报告指南" in body
    assert "CN-FUEL-004" in body and "chart-months-data" in body


def test_submit_by_manager_makes_it_read_only_for_the_reporter(inventory, client_for):
    reporter, manager = client_for("enterprise_reporter"), client_for("enterprise_manager")
    assert reporter.post(reverse("inventory:submit", args=[inventory.pk])).status_code == 403
    assert manager.post(reverse("inventory:submit", args=[inventory.pk])).status_code == 302
    inventory.refresh_from_db()
    assert inventory.status == Status.SUBMITTED
    response = reporter.post(reverse("inventory:line_add", args=[inventory.pk]) + "?section=energy",
                             {"section": "energy", "activity": "diesel", "amount": "1", "unit": "t", "month": "0"})
    assert response.status_code == 403


def test_park_inventory_page(inventory, client_for, world):
    url = reverse("inventory:park", args=[world.park.pk, 2023])
    body = client_for("park_admin").get(url + "?drafts=1").content.decode()
    assert world.enterprise.name in body and "by-enterprise" in body
    assert client_for("other_park_admin").get(reverse("inventory:park", args=[world.park.pk, 2023])).status_code == 404


def test_guideline_is_proposed_from_the_industry_and_enforced(world, client_for):
    c = client_for("enterprise_manager")
    c.post(reverse("inventory:create"), {
        "boundary": f"enterprise:{world.enterprise.pk}", "year": 2023, "region": "CN-JS", "standard": "cn_enterprise",
        "gwp_set": "", "grid_basis": "reporting", "output_value_10k_yuan": "50000", "value_added_10k_yuan": "12000"})
    inventory = Inventory.objects.get(enterprise=world.enterprise, year=2023)
    assert inventory.methodologies == ["cn_iron_steel"]  # E1 is GB/T 4754 class 3120 (steel)
    assert inventory.gwp_set == "SAR"  # the China guidelines' own GWP set
    page = c.get(reverse("inventory:detail", args=[inventory.pk]) + "?section=ippu").content.decode()
    assert page.index("steel_limestone_flux") < page.index("cement_clinker_oxide")  # the guideline's sources first
    refused = c.post(reverse("inventory:line_add", args=[inventory.pk]) + "?section=ippu",
                     {"section": "ippu", "activity": "cement_clinker_oxide", "amount": "10", "unit": "t", "month": "0"})
    body = refused.content.decode()  # zh is the default: a plain sentence with both guidelines' names, no codes
    assert refused.status_code == 422 and "《中国钢铁生产企业" in body and "不核算" in body and "《中国水泥" in body
    assert "source category" not in body and "not counted" not in body
    ok = c.post(reverse("inventory:line_add", args=[inventory.pk]) + "?section=energy",
                {"section": "energy", "activity": "diesel", "amount": "10", "unit": "t", "month": "0"})
    assert ok.status_code == 302
    inventory.refresh_from_db()
    # GB/T 2589-2020 Appendix A: diesel 1.4571 kgce/kg -> 10 t = 14.571 tce.
    assert inventory.snapshot.energy_tce == pytest.approx(14.571)
    body = c.get(reverse("inventory:preview", args=[inventory.pk])).content.decode()
    assert "14.571" in body and "energy-total" in body
    assert "报告主体温室气体排放量汇总" in body  # the steel guideline's own summary table
    co2e = inventory.snapshot.total_co2e
    assert f"{co2e / 50000:.4f}" in body  # carbon intensity per 10^4 yuan of output value
    template = load_workbook(io.BytesIO(b"".join(c.get(reverse("inventory:template") + f"?inventory={inventory.pk}"))))
    ippu_codes = [row[1] for row in template["lists"].iter_rows(values_only=True) if row[1]]
    assert ippu_codes[0] == "steel_limestone_flux"


def test_park_own_sources_follow_the_park_inventory_guideline(world, client_for):
    c = client_for("park_admin")
    c.post(reverse("inventory:create"), {"boundary": f"park:{world.park.pk}", "year": 2023, "region": "CN-JS",
                                         "standard": "cn_provincial", "gwp_set": "", "grid_basis": "reporting"})
    inventory = Inventory.objects.get(park=world.park, enterprise=None)
    assert inventory.methodologies == ["cn_park_inventory"] and inventory.gwp_set == "SAR"


def test_problems_are_shown_in_the_users_language(inventory, client_for):
    c = client_for("enterprise_reporter")
    upload(c, inventory, workbook([{"activity": "diesel", "amount": -1, "unit": "t"}]))
    pending = PendingImport.objects.get()
    url = reverse("inventory:import_detail", args=[inventory.pk, pending.pk])
    assert "不能为负数" in c.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    c.cookies["django_language"] = "en"
    assert "must not be negative" in c.get(url).content.decode()


def test_changing_the_guideline_is_refused_when_saved_lines_no_longer_fit(inventory, client_for):
    c = client_for("park_admin")
    response = c.post(reverse("inventory:edit", args=[inventory.pk]), {
        "year": 2023, "region": "CN-JS", "methodologies": ["cn_power_grid"], "standard": "cn_enterprise",
        "gwp_set": "SAR", "grid_basis": "reporting"})
    assert response.status_code == 200  # coal and gas burning are not sources of the power-grid guideline
    inventory.refresh_from_db()
    assert inventory.methodologies == [] and inventory.snapshot


def test_evidence_is_stored_and_served_only_to_those_who_may_see_the_inventory(inventory, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    c = client_for("enterprise_reporter")
    c.post(reverse("inventory:line_add", args=[inventory.pk]) + "?section=energy", {
        "section": "energy", "activity": "diesel", "amount": "5", "unit": "t", "month": "0", "note": "加油卡对账单",
        "evidence": SimpleUploadedFile("receipt.pdf", b"%PDF-1.4 receipt", content_type="application/pdf")})
    line = ActivityLine.objects.get(activity="diesel")
    url = reverse("inventory:evidence", args=[inventory.pk, line.pk])
    assert url in c.get(reverse("inventory:detail", args=[inventory.pk])).content.decode()
    assert b"".join(client_for("park_viewer").get(url).streaming_content) == b"%PDF-1.4 receipt"
    assert client_for("other_enterprise_user").get(url).status_code == 404
    assert client_for("anonymous").get("/media/" + line.evidence.name).status_code in (302, 404)


def test_lines_of_earlier_versions_are_history_not_editable(inventory, client_for):
    from tests.inventory.conftest import add_lines

    old_line = ActivityLine.objects.filter(version__inventory=inventory).first()
    add_lines(inventory, "energy", [{"activity": "diesel", "amount": 1, "unit": "t"}])  # version 2 replaces v1
    c = client_for("enterprise_reporter")
    assert c.get(reverse("inventory:line_edit", args=[inventory.pk, old_line.pk])).status_code == 404
    assert c.post(reverse("inventory:line_delete", args=[inventory.pk, old_line.pk])).status_code == 404
    assert ActivityLine.objects.filter(pk=old_line.pk).exists()


def test_confirming_revalidates_and_submitting_waits_for_uploads(inventory, client_for):
    c = client_for("enterprise_manager")
    upload(c, inventory, workbook([{"activity": "bituminous_coal", "amount": 10, "unit": "t"}]))
    pending = PendingImport.objects.get()
    assert pending.status == ImportStatus.VALID
    Inventory.objects.filter(pk=inventory.pk).update(methodologies=["cn_power_grid"])  # coal is not a grid source
    c.post(reverse("inventory:import_confirm", args=[inventory.pk, pending.pk]), {"confirm_replace": "1"})
    pending.refresh_from_db()
    assert pending.status == ImportStatus.INVALID and "not a source category" in pending.problems[0]["message"]
    PendingImport.objects.filter(pk=pending.pk).update(status=ImportStatus.APPLYING)
    assert c.post(reverse("inventory:submit", args=[inventory.pk])).status_code == 403


def test_changing_the_year_to_one_that_exists_is_a_form_error(inventory, world, client_for):
    Inventory.objects.create(park=world.park, enterprise=world.enterprise, year=2024, region="CN-JS")
    response = client_for("park_admin").post(reverse("inventory:edit", args=[inventory.pk]), {
        "year": 2024, "region": "CN-JS", "standard": "cn_enterprise", "gwp_set": "AR5", "grid_basis": "reporting"})
    body = response.content.decode()
    assert response.status_code == 200 and "该核算边界和年度的清单已存在" in body


def test_deleting_a_line_deletes_its_evidence_file(inventory, client_for, django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    c = client_for("enterprise_reporter")
    c.post(reverse("inventory:line_add", args=[inventory.pk]) + "?section=energy", {
        "section": "energy", "activity": "diesel", "amount": "5", "unit": "t", "month": "0",
        "evidence": SimpleUploadedFile("r.pdf", b"%PDF receipt")})
    line = ActivityLine.objects.get(activity="diesel")
    storage, name = line.evidence.storage, line.evidence.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        c.post(reverse("inventory:line_delete", args=[inventory.pk, line.pk]), {"revision": line.revision})
    assert not storage.exists(name)


def test_the_version_list_names_each_maker_as_the_user_model_does(inventory, client_for, django_user_model):
    """The page reads the section's versions as column tuples (views._section_versions), not model instances: the
    maker is written as User.__str__ writes it -- "first last (username)", the username alone without a name, a
    dash when nobody is recorded -- newest first, the first marked current."""
    from parkcarbon.inventory.models import SectionVersion

    named = django_user_model.objects.create_user("lming", first_name="Li", last_name="Ming")
    bare = django_user_model.objects.create_user("wfang")
    first_only = django_user_model.objects.create_user("zhao", first_name="Zhao")
    for number, maker in enumerate([None, named, bare, first_only], start=1):
        SectionVersion.objects.create(inventory=inventory, section="ippu", number=number, source="manual",
                                      created_by=maker)
    page = client_for("enterprise_reporter").get(reverse("inventory:detail", args=[inventory.pk]) + "?section=ippu",
                                                 HTTP_ACCEPT_LANGUAGE="en")
    body = page.content.decode()
    items = body[body.index("Versions of this section"):].split("</ul>")[0].split("<li>")[1:]
    makers = [item.split(" · ")[-1].split("<")[0].strip() for item in items]
    assert makers == ["Zhao (zhao)", "wfang", "Li Ming (lming)", "—"]  # v4, v3, v2, v1
    assert [str(u) for u in (first_only, bare, named)] == makers[:3]
    assert 'class="badge"' in items[0] and all('class="badge"' not in item for item in items[1:])
