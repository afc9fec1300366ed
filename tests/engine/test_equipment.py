"""Combustion equipment of a fuel line (issue 15): the cement and flat glass guidelines (NDRC 2013, Appendix 2
Table 2.3) give coal's oxidation rate by equipment, 98 % in kilns (窑炉), 95 % in industrial boilers (工业锅炉) and
91 % in other combustion equipment (其他燃烧设备). A line naming its equipment takes that row; a line naming none keeps
the kiln value 98 % (CH-189 / CH-233), exactly as before.

Worked by hand from the guideline's Table 2.1 (raw coal NCV 20.908 GJ/t) and Table 2.2 (26.37 tC/TJ), 1,000 t:
heat 1,000 t x 20.908 GJ/t = 20,908 GJ = 20.908 TJ; carbon 20.908 TJ x 26.37 tC/TJ = 551.34396 tC;
  kiln (98 %)            551.34396 x 0.98 = 540.3170808 tC x 44/12 = 1981.162630 t CO2
  industrial boiler (95 %) 551.34396 x 0.95 = 523.776762 tC x 44/12 = 1920.514794 t CO2
  other equipment (91 %)   551.34396 x 0.91 = 501.7230036 tC x 44/12 = 1839.651013 t CO2
"""

import io

import pytest
from openpyxl import load_workbook

from parkcarbon.engine import InputError, Options, calculate, load_library
from parkcarbon.engine import methodology as M
from parkcarbon.engine.equipment import canonical
from parkcarbon.engine.template import SECTION_SHEETS, read_workbook, section_columns, write_template
from parkcarbon.engine.values import check_values
from tests.workbooks import filled_template

YEAR, REGION = 2023, "CN-JS"
KILN_T, BOILER_T, OTHER_T = 1981.162630, 1920.514794, 1839.651013
COAL = {"activity": "raw_coal", "amount": 1000, "unit": "t"}
ENERGY = SECTION_SHEETS["energy"]


def co2(mid, rows):
    return M.calculate_enterprise([mid], rows, YEAR, REGION).lines


@pytest.mark.parametrize("mid, prefix", [("cn_cement", "CN-CEM"), ("cn_flat_glass", "CN-GLASS")])
def test_coal_takes_the_rate_of_its_equipment(mid, prefix):
    lines = co2(mid, [COAL, {**COAL, "equipment": "kiln"}, {**COAL, "equipment": "industrial_boiler"},
                      {**COAL, "equipment": "other_equipment"}])
    assert lines["CO2"].tolist() == pytest.approx([KILN_T, KILN_T, BOILER_T, OTHER_T], rel=1e-9)
    assert lines["factor:of"].tolist() == [f"{prefix}-003", f"{prefix}-054", f"{prefix}-055", f"{prefix}-056"]
    assert lines["equipment"].tolist() == ["", "kiln", "industrial_boiler", "other_equipment"]


def test_every_coal_of_table_2_3_has_the_three_rates():
    lib = load_library()
    for dataset in ("cn_cement_2013", "cn_flat_glass_2013"):
        for coal in ("raw_coal", "anthracite", "bituminous_coal", "lignite", "washed_coal", "other_washed_coal",
                     "briquette"):
            rates = {f.qualifier: f.value for f in lib.factors.values()
                     if f.dataset == dataset and f.subject == coal and f.param == "of"}
            assert rates == {"": 98, "kiln": 98, "industrial_boiler": 95, "other_equipment": 91}, (dataset, coal)


def test_labels_in_chinese_and_english_are_the_codes():
    rows = [{**COAL, "equipment": v} for v in ("工业锅炉", "Industrial boiler", " industrial_boiler ", "INDUSTRIAL BOILER")]
    assert co2("cn_cement", rows)["CO2"].tolist() == pytest.approx([BOILER_T] * 4, rel=1e-9)
    assert [canonical(v) for v in ("窑炉", "Kiln", "其他燃烧设备", "other equipment", "", None, "锅炉房")] == [
        "kiln", "kiln", "other_equipment", "other_equipment", "", "", None]


def test_no_equipment_changes_nothing():
    """Lines naming no equipment (no column, or an empty one as every upload carries) give the same numbers and
    factors as before: 98 % for coal under cement."""
    rows = [COAL, {"activity": "natural_gas", "amount": 10, "unit": "10^4 Nm3"}]
    without = co2("cn_cement", rows)
    empty = co2("cn_cement", [{**r, "equipment": None} for r in rows])
    assert without["CO2"].tolist() == empty["CO2"].tolist()
    assert without["CO2"].iloc[0] == pytest.approx(KILN_T, rel=1e-9)
    assert without["factor:of"].tolist() == empty["factor:of"].tolist() == ["CN-CEM-003", "CN-CEM-047"]
    assert "equipment" not in without and "equipment" not in empty


def test_a_fuel_without_per_equipment_rates_keeps_its_default():
    # natural gas under cement, Table 2.3: 99.5 % whatever the equipment (CN-CEM-047)
    lines = co2("cn_cement", [{"activity": "natural_gas", "amount": 10, "unit": "10^4 Nm3", "equipment": "industrial_boiler"}])
    assert lines["factor:of"].tolist() == ["CN-CEM-047"]


@pytest.mark.parametrize("mid, factor", [("cn_chemicals", "CN-CHEM-006"), ("cn_iron_steel", "CN-STEEL-006"),
                                         ("cn_ceramics", "CN-CER-006"), ("cn_other_industry", "CN-FUEL-006")])
def test_a_guideline_without_per_equipment_rates_records_the_equipment_and_uses_its_default(mid, factor):
    # bituminous coal 93 % in these guidelines' Table 2.1 (one rate per fuel): the equipment does not change it
    coal = {"activity": "bituminous_coal", "amount": 1000, "unit": "t"}
    lines = co2(mid, [coal, {**coal, "equipment": "industrial_boiler"}])
    assert lines["factor:of"].tolist() == [factor, factor]
    assert lines["CO2"].iloc[0] == lines["CO2"].iloc[1]
    assert lines["equipment"].tolist() == ["", "industrial_boiler"]


def test_the_first_dataset_with_the_key_decides():
    """A qualified row of a later dataset never overrides an earlier dataset's unqualified value."""
    lib = load_library()
    f = lib.resolve("raw_coal", "of", "", "industrial_boiler", YEAR, ("CN",), ("cn_enterprise", "cn_cement_2013"),
                    qualified_within_dataset=True)
    assert f.id == "CN-FUEL-075"
    # the plain engine (default datasets: no cement table) gives the 2015 value to a boiler line too
    assert calculate([{**COAL, "equipment": "industrial_boiler"}], Options(YEAR, REGION)).lines["factor:of"][0] == "CN-FUEL-075"


def test_unknown_equipment_and_equipment_on_other_lines_are_refused():
    rows = [{**COAL, "row_id": "1", "equipment": "锅炉房"},
            {"row_id": "2", "activity": "electricity_grid", "amount": 10, "unit": "MWh", "equipment": "kiln"}]
    found = {(p.row, p.column): p for p in check_values(rows)}
    assert set(found) == {("1", "equipment"), ("2", "equipment")}
    assert "kiln (窑炉), industrial_boiler (工业锅炉) or other_equipment (其他燃烧设备)" in found["1", "equipment"].message
    assert "窑炉" in found["1", "equipment"].message_zh
    assert "fuel combustion" in found["2", "equipment"].message
    with pytest.raises(InputError) as exc:  # the engine alone refuses it too (Python API, no value check)
        co2("cn_cement", rows[:1])
    assert [(p.row, p.column) for p in exc.value.problems] == [("1", "equipment")]


def test_template_sheets_with_fuel_lines_have_the_column_and_labels_are_read():
    assert "equipment" in [c.key for c in section_columns("energy")]
    assert "equipment" not in [c.key for c in section_columns("waste")]
    buf = io.BytesIO()
    write_template(buf)
    ws = load_workbook(io.BytesIO(buf.getvalue()))[ENERGY]
    keys = [c.value for c in ws[2]]
    assert "equipment" in keys and "燃烧设备" in ws.cell(1, keys.index("equipment") + 1).value
    data = filled_template([{**COAL, "equipment": "工业锅炉"}, {**COAL, "equipment": "Other combustion equipment"},
                            {**COAL}])
    rows = read_workbook(data)
    lines = M.calculate_enterprise(["cn_cement"], rows, YEAR, REGION).lines
    assert lines["CO2"].tolist() == pytest.approx([BOILER_T, OTHER_T, KILN_T], rel=1e-9)


def test_a_file_of_an_earlier_template_without_the_column_still_reads():
    def drop(wb):
        ws = wb[ENERGY]
        ws.delete_cols([c.value for c in ws[2]].index("equipment") + 1)

    rows = read_workbook(filled_template([COAL], mutate=drop))
    assert "equipment" not in rows
    assert co2("cn_cement", rows)["CO2"].iloc[0] == pytest.approx(KILN_T, rel=1e-9)


def test_a_bad_cell_names_sheet_row_and_column():
    from parkcarbon.engine.template import column_title
    from parkcarbon.engine.values import compute_checked

    data = filled_template([COAL, {**COAL, "equipment": "boiler room"}])
    with pytest.raises(InputError) as exc:
        compute_checked(read_workbook(data), lambda r: M.calculate_enterprise(["cn_cement"], r, YEAR, REGION))
    [p] = exc.value.problems
    assert (p.sheet, p.row, p.column) == (ENERGY, "4", "equipment")
    assert "燃烧设备" in column_title(p) and "Combustion equipment" in column_title(p)


def test_parameter_defaults_follow_the_equipment():
    def of(**kw):
        return next(p for p in M.parameter_defaults("cn_cement", "raw_coal", YEAR, **kw) if p["name"] == "of")

    assert (of()["factor_id"], of()["value"]) == ("CN-CEM-003", 98)
    assert (of(equipment="industrial_boiler")["factor_id"], of(equipment="industrial_boiler")["value"]) == ("CN-CEM-055", 95)
