"""The manual line form offers the fields an activity's method reads (refrigerant, days, deposit_year, recovered,
stocks, nameplate capacities, evidence ...), for every such activity of the catalogue (issue 15)."""

import pytest
from django.urls import reverse

from parkcarbon.engine import calculate, load_library
from parkcarbon.engine.values import FIELDS
from parkcarbon.inventory import services
from parkcarbon.inventory.forms import LineForm, activity_fields, entry_hints
from tests.workbooks import CATALOGUE_OPTIONS, catalogue_row

pytestmark = pytest.mark.django_db

WITH_FIELDS = sorted(code for code in load_library().activities if activity_fields(code))


def form_data(row: dict, section: str) -> dict:
    """The catalogue row as the manual form posts it: measured parameters p_*, method fields x_*."""
    fields = set(activity_fields(row["activity"]))
    data = {"section": section, "activity": row["activity"], "amount": str(row["amount"]), "unit": row["unit"],
            "month": "0"}
    for key, value in row.items():
        if key in fields:
            data[f"x_{key}"] = str(value)
        elif key.endswith("_unit") and key != "unit":
            data[f"p_{key}"] = value
        elif f"{key}_unit" in row:
            data[f"p_{key}"] = str(value)
    return data


def test_there_are_activities_with_method_fields():
    assert {"ac_stationary", "sf6_equipment_retired", "landfill_msw_fod", "electricity_supplier"} & set(WITH_FIELDS)
    assert len(WITH_FIELDS) >= 10


@pytest.mark.parametrize("code", WITH_FIELDS)
def test_every_activity_with_method_fields_can_be_entered_by_hand(code):
    act = load_library().activities[code]
    row = catalogue_row(code)
    form = LineForm(form_data(row, act.section), section=act.section)
    assert all(f"x_{f}" in form.fields for f in activity_fields(code))
    assert form.is_valid(), form.errors
    assert form.extra() == {f: pytest.approx(row[f]) if not isinstance(row[f], str) else row[f]
                            for f in activity_fields(code)}
    by_hand = calculate([form.engine_row()], CATALOGUE_OPTIONS).lines
    expected = calculate([row], CATALOGUE_OPTIONS).lines
    assert by_hand["co2e"].tolist() == pytest.approx(expected["co2e"].tolist())
    hints = entry_hints(act.section, ())[code]
    assert hints["extras"] == activity_fields(code)


@pytest.mark.parametrize("code", [c for c in WITH_FIELDS if any(FIELDS[f].required for f in activity_fields(c))])
def test_a_required_method_field_left_blank_is_asked_for(code):
    act = load_library().activities[code]
    data = form_data(catalogue_row(code), act.section)
    required = [f for f in activity_fields(code) if FIELDS[f].required]
    for f in required:
        data.pop(f"x_{f}")
    form = LineForm(data, section=act.section)
    assert not form.is_valid()
    assert {f"x_{f}" for f in required} <= set(form.errors)


def test_fields_of_another_activity_are_not_stored():
    form = LineForm({"section": "energy", "activity": "diesel", "amount": "1", "unit": "t", "month": "0",
                     "x_evidence": "PPA-1"}, section="energy")
    assert form.is_valid(), form.errors
    assert form.extra() == {}


def test_a_refrigerant_line_saves_its_refrigerant_and_computes(inventory, client_for):
    inventory.methodologies = ["ghg_protocol"]
    inventory.save()
    c = client_for("enterprise_reporter")
    url = reverse("inventory:line_add", args=[inventory.pk]) + "?section=ippu"
    page = c.get(reverse("inventory:detail", args=[inventory.pk]) + "?section=ippu").content.decode()
    assert 'data-extra="refrigerant"' in page and "制冷剂ASHRAE编号" in page
    response = c.post(url, {"section": "ippu", "activity": "ac_stationary", "amount": "1000", "unit": "kg",
                            "month": "0", "x_refrigerant": "410"})
    assert response.status_code == 302
    line = services.current_lines(inventory).get(activity="ac_stationary")
    assert line.extra == {"refrigerant": 410}
    # IPCC 2006 Vol.3 Table 7.9: residential and commercial A/C operation emissions 5.5 % of the charge (1-10 %);
    # R-410A = 50 % HFC-32 + 50 % HFC-125: 55 kg leaked -> 27.5 kg HFC-32 and 27.5 kg HFC-125.
    lines = services.calculate_inventory(inventory).lines.set_index("activity")
    assert lines.loc["ac_stationary", "HFC-32"] == pytest.approx(0.0275)
    assert lines.loc["ac_stationary", "HFC-125"] == pytest.approx(0.0275)
    edit = c.get(reverse("inventory:line_edit", args=[inventory.pk, line.pk])).content.decode()
    assert 'name="x_refrigerant" value="410"' in edit


def test_a_supplier_line_by_hand_with_its_evidence_file_or_document(inventory, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    inventory.methodologies = ["ghg_protocol"]
    inventory.save()
    c = client_for("enterprise_reporter")
    url = reverse("inventory:line_add", args=[inventory.pk]) + "?section=energy"
    line = {"section": "energy", "activity": "electricity_supplier", "amount": "1000", "unit": "MWh", "month": "0",
            "p_ef_supplier": "0.3", "p_ef_supplier_unit": "tCO2/MWh"}
    refused = c.post(url, line)
    assert refused.status_code == 422 and "该活动必须填写" in refused.content.decode()
    assert c.post(url, {**line, "evidence": SimpleUploadedFile("ppa.pdf", b"%PDF contract")}).status_code == 302
    assert c.post(url, {**line, "x_evidence": "PPA 2023-017"}).status_code == 302
    stored = services.current_lines(inventory).filter(activity="electricity_supplier")
    assert sorted(str(x.extra) for x in stored) == ["{'evidence': 'PPA 2023-017'}", "{}"]
    # market-based: 1000 MWh at the supplier's 0.30 tCO2/MWh = 300 t per line
    lines = services.calculate_inventory(inventory).lines
    assert lines[lines["activity"] == "electricity_supplier"]["co2e_market"].tolist() == pytest.approx([300, 300])
