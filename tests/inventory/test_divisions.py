"""Inventory basic information takes an administrative division (GB/T 2260, province / city / county) as the park
and enterprise forms do; its province decides the regional grid (regions.csv ``gb2260``). Older posts and API
clients that send a province code keep working."""

import pytest
from django.urls import reverse
from django.utils import translation

from parkcarbon.inventory.models import Inventory

pytestmark = pytest.mark.django_db

KUNSHAN = "320583"  # 江苏省 苏州市 昆山市 (MCA code list, parks/data/divisions_gbt2260.csv)
BASIC = {"year": 2023, "standard": "cn_enterprise", "gwp_set": "AR5", "grid_basis": "reporting"}


def cascade(code: str) -> dict:
    """What the three selects post for a county: province, prefecture city, county."""
    return {"division_0": code[:2] + "0000", "division_1": code[:4] + "00", "division_2": code}


def test_form_starts_from_the_enterprise_division_and_follows_the_boundary(world, client_for):
    world.enterprise2.division = KUNSHAN
    world.enterprise2.save()
    c = client_for("park_admin")
    first = c.get(reverse("inventory:create"))
    boundary = first.context["form"]["boundary"].value()
    assert boundary.startswith("park:")  # the park's own sources first: the park's province (free text 江苏省)
    assert first.context["form"]["division"].value() == "320000"
    chosen = c.get(reverse("inventory:create") + f"?boundary=enterprise:{world.enterprise2.pk}", HTTP_HX_REQUEST="true")
    html = chosen.content.decode()
    assert chosen.context["form"]["division"].value() == KUNSHAN
    assert f'<option value="{KUNSHAN}" selected>' in html and 'id="id_division_cascade"' in html
    # the select asks the page again on change and swaps only the region selects
    assert 'hx-target="#id_division_cascade"' in html and 'hx-select="#id_division_cascade"' in html


def test_another_parks_enterprise_is_no_default(world, client_for):
    world.other_enterprise.division = "330212"
    world.other_enterprise.save()
    page = client_for("park_admin").get(reverse("inventory:create") + f"?boundary=enterprise:{world.other_enterprise.pk}")
    assert page.context["form"]["division"].value() != "330212"
    assert f'value="enterprise:{world.other_enterprise.pk}"' not in page.content.decode()


@pytest.mark.parametrize("lang, name, grid", [("zh-hans", "江苏省苏州市昆山市", "华东"),
                                              ("en", "Jiangsu, Suzhou City, Kunshan City", "East China")])
def test_county_saved_grid_from_province_and_shown_in_full(world, client_for, lang, name, grid):
    c = client_for("enterprise_reporter")
    response = c.post(reverse("inventory:create"), {"boundary": f"enterprise:{world.enterprise.pk}", **BASIC,
                                                    **cascade(KUNSHAN)})
    inventory = Inventory.objects.get(enterprise=world.enterprise, year=2023)
    assert response.status_code == 302
    assert (inventory.division, inventory.region) == (KUNSHAN, "CN-JS")
    with translation.override(lang):
        assert inventory.region_label == name
    for url in (reverse("inventory:preview", args=[inventory.pk]), inventory.get_absolute_url()):
        html = c.get(url, HTTP_ACCEPT_LANGUAGE=lang).content.decode()
        assert f'<span data-testid="inventory-region">{name}</span>' in html, url
        assert grid in html


def test_edit_moves_the_grid_with_the_province(inventory, client_for):
    c = client_for("park_admin")
    data = {**BASIC, **cascade("330212"), "methodologies": inventory.methodologies,
            "read_at": inventory.updated_at.isoformat()}
    assert c.post(reverse("inventory:edit", args=[inventory.pk]), data).status_code == 302
    inventory.refresh_from_db()
    assert (inventory.division, inventory.region) == ("330212", "CN-ZJ")


def test_a_form_post_with_a_province_code_keeps_working(world, client_for):
    c = client_for("enterprise_reporter")
    c.post(reverse("inventory:create"), {"boundary": f"enterprise:{world.enterprise.pk}", **BASIC, "region": "CN-ZJ"})
    inventory = Inventory.objects.get(enterprise=world.enterprise)
    assert (inventory.division, inventory.region) == ("330000", "CN-ZJ")


@pytest.mark.parametrize("lang, unknown, no_grid", [
    ("zh-hans", "未知的区划代码", "尚无该地区的电网排放因子"),
    ("en", "unknown region code", "no power grid emission factors for this region")])
def test_bad_division_gets_a_message_on_the_field(world, client_for, lang, unknown, no_grid):
    c = client_for("enterprise_reporter")
    base = {"boundary": f"enterprise:{world.enterprise.pk}", **BASIC}
    bad = c.post(reverse("inventory:create"), {**base, "division_0": "999999"}, HTTP_ACCEPT_LANGUAGE=lang)
    assert unknown in " ".join(bad.context["form"].errors["division"])
    hong_kong = c.post(reverse("inventory:create"), {**base, "division_0": "810000"}, HTTP_ACCEPT_LANGUAGE=lang)
    assert no_grid in " ".join(hong_kong.context["form"].errors["division"])
    partial = c.post(reverse("inventory:create"), {**base, "division_0": "320000"}, HTTP_ACCEPT_LANGUAGE=lang)
    assert "division" in partial.context["form"].errors  # a province with cities: choose down to the county
    assert not Inventory.objects.exists()


def test_report_entity_names_the_division_in_both_languages(world):
    from parkcarbon.reports.services import _region_names

    assert _region_names("CN-JS", division=KUNSHAN) == {"region_zh": "江苏省苏州市昆山市",
                                                        "region_en": "Jiangsu, Suzhou City, Kunshan City"}
    assert _region_names("CN-JS") == {"region_zh": "江苏", "region_en": "Jiangsu"}  # an inventory made before


@pytest.mark.django_db(transaction=True)
def test_inventories_made_before_get_their_province_division():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from parkcarbon.parks.models import Park

    before, after = [("inventory", "0007_releases_factor_release")], [("inventory", "0008_inventory_division")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    park = Park.objects.create(name="p", code="p", province="江苏省", city="", level="industrial_park")  # parks: current
    for year, region in ((2022, "CN-JS"), (2023, "CN-NM")):
        old.get_model("inventory", "Inventory").objects.create(park_id=park.pk, year=year, region=region)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    new = executor.loader.project_state(after).apps.get_model("inventory", "Inventory")
    assert dict(new.objects.values_list("region", "division")) == {"CN-JS": "320000", "CN-NM": "150000"}
    new.objects.all().delete()
    park.delete()
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_admin_forms_use_the_same_cascade(world, inventory, admin_client):
    for url in (reverse("admin:inventory_inventory_change", args=[inventory.pk]),
                reverse("admin:parks_park_change", args=[world.park.pk]),
                reverse("admin:parks_enterprise_change", args=[world.enterprise.pk])):
        html = admin_client.get(url).content.decode()
        assert 'name="division_0"' in html and "js/parkcarbon.js" in html, url


def test_template_for_an_inventory_carries_its_division(inventory, client_for):
    import io

    from openpyxl import load_workbook

    from parkcarbon.engine.template import BASIC_SHEET

    inventory.division = KUNSHAN
    inventory.save()
    response = client_for("park_admin").get(reverse("inventory:template") + f"?inventory={inventory.pk}")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content)))[BASIC_SHEET]
    assert [c.value for c in sheet[2]] == ["division", "division_name"]
    assert sheet["A3"].value == KUNSHAN and sheet["B3"].value == "江苏省苏州市昆山市 / Jiangsu, Suzhou City, Kunshan City"


ROWS = {"能源活动 Energy": [{"enterprise": "甲", "activity": "diesel", "amount": 10, "unit": "t"}]}


@pytest.mark.parametrize("code, problem", [
    ("", None), (KUNSHAN, None), (320583, None),  # typed as a number in Excel: still the code
    ("999999", "unknown division code '999999'"),
    ("330212", "Zhejiang, Ningbo City, Yinzhou District is not in the inventory's province (Jiangsu)"),
])
def test_upload_checks_the_basic_information_division(inventory, code, problem):
    from parkcarbon.engine.template import BASIC_SHEET
    from parkcarbon.inventory import imports
    from tests.workbooks import filled_workbook

    outcome = imports.validate(filled_workbook({**ROWS, BASIC_SHEET: [{"division": code}]}), inventory)
    if problem is None:
        assert outcome["problems"] == []
        return
    [found] = outcome["problems"]
    assert problem in found["message"] and found["message_zh"]
    assert (found["sheet"], found["row"]) == (BASIC_SHEET, "3")
    assert found["column"] == "A (行政区划代码 Division code (GB/T 2260, 6 digits))"


def test_upload_without_the_basic_sheet_still_imports(inventory):
    from parkcarbon.engine.template import BASIC_SHEET
    from parkcarbon.inventory import imports
    from tests.workbooks import filled_workbook

    data = filled_workbook(ROWS, mutate=lambda wb: wb.remove(wb[BASIC_SHEET]))  # a file made before the sheet
    assert imports.validate(data, inventory)["problems"] == []

    def empty(wb):
        wb.remove(wb[BASIC_SHEET])
        wb.create_sheet(BASIC_SHEET)

    assert imports.validate(filled_workbook(ROWS, mutate=empty), inventory)["problems"] == []

    def other_keys(wb):
        wb[BASIC_SHEET]["A2"] = "region"

    [problem] = imports.validate(filled_workbook(ROWS, mutate=other_keys), inventory)["problems"]
    assert (problem["sheet"], problem["row"]) == (BASIC_SHEET, "2") and "field keys" in problem["message"]


@pytest.mark.parametrize("lang, said", [("zh-hans", "江苏省苏州市昆山市"), ("en", "Jiangsu, Suzhou City, Kunshan City")])
def test_an_uploads_finer_division_becomes_the_inventorys_on_saving(world, inventory, client_for, lang, said):
    """The basic sheet names a county of the inventory's province: the preview says so, saving applies it, and the
    inventory's history names the uploader."""
    import io

    from parkcarbon.engine.template import BASIC_SHEET
    from parkcarbon.inventory.models import PendingImport
    from tests.workbooks import filled_workbook

    client = client_for("enterprise_manager")
    f = io.BytesIO(filled_workbook({**ROWS, BASIC_SHEET: [{"division": KUNSHAN}]}))
    f.name = "data.xlsx"
    with translation.override(lang):
        client.post(reverse("inventory:upload", args=[inventory.pk]), {"file": f}, HTTP_ACCEPT_LANGUAGE=lang)
        pending = PendingImport.objects.latest("pk")
        assert pending.division == KUNSHAN
        page = client.get(reverse("inventory:import_detail", args=[inventory.pk, pending.pk]),
                          HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    assert 'data-testid="import-division"' in page and said in page
    inventory.refresh_from_db()
    assert inventory.division in ("", "320000")  # nothing changes before saving
    client.post(reverse("inventory:import_confirm", args=[inventory.pk, pending.pk]),
                {"confirm_warnings": "1", "confirm_replace": "1"})
    inventory.refresh_from_db()
    assert (inventory.division, inventory.region) == (KUNSHAN, "CN-JS")
    record = inventory.history.first()
    assert record.division == KUNSHAN and record.history_user == world.users["enterprise_manager"]


def test_a_coarser_division_in_an_upload_changes_nothing(inventory):
    """A template downloaded before the inventory was refined names the province: the county stays."""
    from parkcarbon.engine.template import BASIC_SHEET
    from parkcarbon.inventory import imports
    from tests.workbooks import filled_workbook

    inventory.division = KUNSHAN
    inventory.save()
    for code, applied in (("320000", ""), ("320500", ""), (KUNSHAN, ""), ("320582", "320582")):
        outcome = imports.validate(filled_workbook({**ROWS, BASIC_SHEET: [{"division": code}]}), inventory)
        assert outcome["problems"] == [] and outcome["division"] == applied, code
