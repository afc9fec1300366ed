"""The combustion equipment of a fuel line in every way a line enters: the line form, the standard file's import,
the API; shown on the line rows, the trace page, the history and the report's line detail and factor table.

Hand-worked (cement guideline NDRC 2013, Appendix 2: raw coal NCV 20.908 GJ/t (Table 2.1), 26.37 tC/TJ (Table 2.2),
oxidation rate by equipment (Table 2.3)), 1,000 t of raw coal:
  20.908 TJ x 26.37 tC/TJ = 551.34396 tC
  kiln 98 %:              551.34396 x 0.98 x 44/12 = 1981.162630 t CO2
  industrial boiler 95 %: 551.34396 x 0.95 x 44/12 = 1920.514794 t CO2
  other equipment 91 %:   551.34396 x 0.91 x 44/12 = 1839.651013 t CO2
The cement guideline counts CO2 only from combustion (no CH4/N2O): CO2e = CO2.
"""

import io

import pytest
from django.urls import reverse

from parkcarbon.inventory import services
from parkcarbon.inventory.forms import LineForm, entry_hints
from parkcarbon.inventory.models import ActivityLine, ImportStatus, Inventory, PendingImport
from tests.workbooks import filled_template

pytestmark = pytest.mark.django_db

KILN_T, BOILER_T, OTHER_T = 1981.162630, 1920.514794, 1839.651013


@pytest.fixture
def cement(inventory):
    """E1's 2023 inventory under the cement guideline, its typed lines replaced by none."""
    Inventory.objects.filter(pk=inventory.pk).update(methodologies=["cn_cement"])
    inventory.refresh_from_db()
    ActivityLine.objects.filter(version__inventory=inventory).delete()
    return inventory


def line_co2e(inventory, line) -> float:
    return float(services.calculate_rows(inventory, services.engine_rows([line])).lines["co2e"].iloc[0])


def add_url(inventory):
    return reverse("inventory:line_add", args=[inventory.pk]) + "?section=energy"


COAL = {"section": "energy", "activity": "raw_coal", "amount": "1000", "unit": "t", "month": "0"}


def test_the_form_offers_the_field_for_fuel_lines_only():
    hints = entry_hints("energy", ["cn_cement"])
    assert "equipment" in hints["raw_coal"]["extras"] and "equipment" not in hints["electricity_grid"]["extras"]
    form = LineForm(section="energy", methodologies=["cn_cement"])
    assert [code for code, _label in form.fields["x_equipment"].choices] == [
        "", "kiln", "industrial_boiler", "other_equipment"]
    assert not form.fields["x_equipment"].required


def test_form_save_edit_history_and_trace(cement, client_for):
    c = client_for("enterprise_reporter")
    assert c.post(add_url(cement), {**COAL, "x_equipment": "industrial_boiler"}).status_code == 302
    line = ActivityLine.objects.get(version__inventory=cement, activity="raw_coal")
    assert line.extra == {"equipment": "industrial_boiler"}
    assert line_co2e(cement, line) == pytest.approx(BOILER_T, rel=1e-9)
    cement.refresh_from_db()
    assert cement.snapshot.total_co2e == pytest.approx(BOILER_T, rel=1e-9)
    # edited to "other equipment": the change is in the line's history, the total follows
    edit = reverse("inventory:line_edit", args=[cement.pk, line.pk])
    assert c.post(edit, {**COAL, "x_equipment": "other_equipment", "revision": str(line.revision)}).status_code == 302
    line.refresh_from_db()
    assert line.extra == {"equipment": "other_equipment"}
    assert [h.extra for h in line.history.order_by("history_date")] == [
        {"equipment": "industrial_boiler"}, {"equipment": "other_equipment"}]
    cement.refresh_from_db()
    assert cement.snapshot.total_co2e == pytest.approx(OTHER_T, rel=1e-9)
    page = c.get(reverse("releases:trace", args=[cement.pk, line.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert 'data-testid="trace-equipment"' in page and "其他燃烧设备" in page
    assert "CN-CEM-056" in page and 'data-testid="trace-by-equipment"' in page
    rows = c.get(cement.get_absolute_url() + "?section=energy").content.decode()
    assert 'data-testid="line-equipment"' in rows


def test_form_without_equipment_keeps_the_kiln_value(cement, client_for):
    c = client_for("enterprise_reporter")
    assert c.post(add_url(cement), {**COAL, "x_equipment": ""}).status_code == 302
    line = ActivityLine.objects.get(version__inventory=cement, activity="raw_coal")
    assert line.extra == {}
    assert line_co2e(cement, line) == pytest.approx(KILN_T, rel=1e-9)


def test_form_refuses_an_unknown_equipment_and_saves_nothing(cement, client_for):
    response = client_for("enterprise_reporter").post(add_url(cement), {**COAL, "x_equipment": "boiler room"})
    assert response.status_code == 422 and "x_equipment" in response.context["form"].errors
    assert not ActivityLine.objects.filter(version__inventory=cement).exists()


def test_a_guideline_without_per_equipment_values_records_the_field(inventory, client_for):
    """Iron and steel (Table 2.1: one rate per fuel): the equipment is kept on the line, the trace says the
    guideline's default applies, the number is the one without it."""
    Inventory.objects.filter(pk=inventory.pk).update(methodologies=["cn_iron_steel"])
    inventory.refresh_from_db()
    c = client_for("enterprise_reporter")
    coal = {**COAL, "activity": "bituminous_coal"}
    assert c.post(add_url(inventory), {**coal, "x_equipment": "industrial_boiler"}).status_code == 302
    line = ActivityLine.objects.filter(version__inventory=inventory, activity="bituminous_coal").latest("pk")
    assert line.extra == {"equipment": "industrial_boiler"}
    plain = services.calculate_rows(inventory, [{"row_id": "1", "activity": "bituminous_coal", "amount": 1000,
                                                 "unit": "t"}]).lines["co2e"].iloc[0]
    assert line_co2e(inventory, line) == pytest.approx(plain, rel=1e-12)  # per row, not per key: last bits
    page = c.get(reverse("releases:trace", args=[inventory.pk, line.pk])).content.decode()
    assert 'data-testid="trace-equipment-default"' in page


def upload(client, inventory, rows):
    f = io.BytesIO(filled_template(rows))
    f.name = "data.xlsx"
    return client.post(reverse("inventory:upload", args=[inventory.pk]), {"file": f})


def test_import_reads_chinese_and_english_labels_and_stores_codes(cement, client_for):
    c = client_for("enterprise_reporter")
    upload(c, cement, [{"activity": "raw_coal", "amount": 1000, "unit": "t", "equipment": "工业锅炉"},
                       {"activity": "raw_coal", "amount": 1000, "unit": "t", "equipment": "Other combustion equipment"},
                       {"activity": "raw_coal", "amount": 1000, "unit": "t", "equipment": "kiln"},
                       {"activity": "raw_coal", "amount": 1000, "unit": "t"}])
    pending = PendingImport.objects.get()
    assert pending.status == ImportStatus.VALID, pending.problems
    assert pending.preview["energy"]["co2e"] == pytest.approx(BOILER_T + OTHER_T + 2 * KILN_T, rel=1e-9)
    c.post(reverse("inventory:import_confirm", args=[cement.pk, pending.pk]), {"confirm_replace": "1"})
    pending.refresh_from_db()
    assert pending.status == ImportStatus.APPLIED
    lines = services.current_lines(cement).order_by("position")
    assert [line.extra for line in lines] == [{"equipment": "industrial_boiler"}, {"equipment": "other_equipment"},
                                              {"equipment": "kiln"}, {}]
    cement.refresh_from_db()
    assert cement.snapshot.total_co2e == pytest.approx(BOILER_T + OTHER_T + 2 * KILN_T, rel=1e-9)


def test_import_names_sheet_row_and_column_of_a_bad_value(cement, client_for):
    upload(client_for("enterprise_reporter"), cement, [
        {"activity": "raw_coal", "amount": 1000, "unit": "t"},
        {"activity": "raw_coal", "amount": 1000, "unit": "t", "equipment": "锅炉房"},
        {"activity": "electricity_grid", "amount": 10, "unit": "MWh", "equipment": "kiln"}])
    pending = PendingImport.objects.get()
    assert pending.status == ImportStatus.INVALID
    found = {(p["sheet"], p["row"]): p for p in pending.problems}
    assert set(found) == {("能源活动 Energy", "4"), ("能源活动 Energy", "5")}
    assert all("燃烧设备" in p["column"] and "Combustion equipment" in p["column"] for p in pending.problems)
    assert "unknown combustion equipment" in found["能源活动 Energy", "4"]["message"]
    assert "窑炉" in found["能源活动 Energy", "4"]["message_zh"]


def test_report_line_detail_and_factor_citation_name_the_equipment(cement, client_for):
    from parkcarbon.reports.services import enterprise_facts

    client_for("enterprise_reporter").post(add_url(cement), {**COAL, "x_equipment": "industrial_boiler"})
    facts = enterprise_facts(cement)
    [row] = [a for a in facts.activities if a.activity == "raw_coal"]
    assert row.name_zh == "原煤（工业锅炉）" and row.name_en.endswith("(industrial boiler)")
    assert row.co2e == pytest.approx(BOILER_T, rel=1e-9)
    [of] = [f for f in facts.factors if f.id == "CN-CEM-055"]
    assert of.value == 95 and of.subject_zh == "原煤（工业锅炉）" and "煤（工业锅炉） 95%" in of.table
