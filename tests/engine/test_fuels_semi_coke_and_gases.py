"""Semi-coke, semi-coke gas, producer gas and calcium carbide furnace gas (issue 15, release 2026.6).

Expected values are hand arithmetic from the published tables named beside each number, never the engine's output:
CO2 (t) = amount x NCV x carbon content (tC/TJ) x oxidation x 44/12 / 1000 (NCV in GJ per unit of amount).
"""

import pytest

from parkcarbon.engine import InputError, load_library
from parkcarbon.engine import methodology as M
from parkcarbon.engine.tce import GJ_PER_TCE, energy_tce

YEAR, REGION = 2023, "CN-JS"
NM3 = "10^4 Nm3"


def calc(mid, rows):
    return M.calculate_enterprise([mid], rows, YEAR, REGION)


def one(mid, activity, amount, unit, **measured):
    r = calc(mid, [{"row_id": "1", "activity": activity, "amount": amount, "unit": unit, **measured}])
    return r.lines.iloc[0]


def test_semi_coke_under_the_magnesium_guideline():
    # Magnesium guideline Appendix 2 Table 2.1, row 蓝炭: 28.435 GJ/t, 29.42 tC/TJ, 93 %.
    # 100 t x 28.435 = 2 843.5 GJ = 2.8435 TJ; x 29.42 = 83.655770 tC; x 0.93 = 77.799866 tC; x 44/12 = 285.266 t CO2.
    line = one("cn_magnesium", "semi_coke", 100, "t")
    assert line["co2e"] == pytest.approx(285.266, abs=0.001)
    assert (line["factor:ncv"], line["factor:cc"], line["factor:of"]) == ("CN-MG-061", "CN-MG-062", "CN-MG-063")


def test_semi_coke_gas_and_producer_gas_under_the_magnesium_guideline():
    # 半焦气 81.000 GJ/10^4 Nm3, 11.96 tC/TJ, 99 %: 100 x 81 = 8.1 TJ x 11.96 = 96.876 tC x 0.99 = 95.90724 tC
    # x 44/12 = 351.660 t CO2.
    assert one("cn_magnesium", "semi_coke_gas", 100, NM3)["co2e"] == pytest.approx(351.660, abs=0.001)
    # 发生炉煤气 52.270 GJ/10^4 Nm3, 12.20 tC/TJ, 99 %: 5.227 TJ x 12.20 = 63.7694 tC x 0.99 = 63.131706 tC
    # x 44/12 = 231.483 t CO2.
    line = one("cn_magnesium", "producer_gas", 100, NM3)
    assert line["co2e"] == pytest.approx(231.483, abs=0.001) and line["factor:cc"] == "CN-MG-065"


def test_carbide_furnace_gas_under_the_chemicals_guideline():
    # Chemicals guideline Appendix 2 Table 2.1, row 密闭电石炉炉气: 111.190 GJ/10^4 Nm3, 39.51 tC/TJ, 99 %.
    # 100 x 111.19 = 11.119 TJ x 39.51 = 439.31169 tC x 0.99 = 434.918573 tC x 44/12 = 1 594.701 t CO2.
    line = one("cn_chemicals", "carbide_furnace_gas", 100, NM3)
    assert line["co2e"] == pytest.approx(1594.701, abs=0.001) and line["factor:ncv"] == "CN-CHEM-070"


@pytest.mark.parametrize(("mid", "prefix"), [("cn_cement", "CN-CEM"), ("cn_flat_glass", "CN-GLASS")])
def test_producer_gas_under_the_cement_and_flat_glass_guidelines(mid, prefix):
    # Table 2.1 发生炉煤气 5.227 MJ/m3 = 52.27 GJ/10^4 Nm3; Table 2.2 has no producer gas row: its row 其他 11.96 tC/TJ
    # (CH-262/263); Table 2.3 发生炉煤气 99.5 %. 5.227 TJ x 11.96 = 62.51492 tC x 0.995 = 62.202345 tC
    # x 44/12 = 228.075 t CO2.
    line = one(mid, "producer_gas", 100, NM3)
    assert line["co2e"] == pytest.approx(228.075, abs=0.001)
    assert line["factor:cc"] == f"{prefix}-052" and line["factor:of"] == f"{prefix}-053"


def test_producer_gas_general_default():
    # No NDRC 2015 row: NCV of GB/T 2589-2020 Table A.1 (5 227 kJ/m3), carbon content and oxidation of the 2015
    # table's other-gas row (0.0122 tC/GJ, 99 %), CH-260/261: the same 231.483 t CO2 as under cn_magnesium.
    line = one("cn_other_industry", "producer_gas", 100, NM3)
    assert line["co2e"] == pytest.approx(231.483, abs=0.001)
    assert (line["factor:ncv"], line["factor:cc"], line["factor:of"]) == ("CN-FUEL-082", "CN-FUEL-083", "CN-FUEL-084")


@pytest.mark.parametrize(("mid", "activity", "unit"), [
    ("cn_other_industry", "semi_coke", "t"), ("cn_iron_steel", "semi_coke_gas", NM3),
    ("cn_magnesium", "carbide_furnace_gas", NM3), ("cn_chemicals", "semi_coke", "t"), ("cn_cement", "semi_coke", "t"),
    ("ipcc2006", "carbide_furnace_gas", NM3)])
def test_a_guideline_without_a_default_refuses_the_line_until_it_is_measured(mid, activity, unit):
    rows = [{"row_id": "1", "activity": activity, "amount": 100, "unit": unit}]
    problems = M.check_rows([mid], rows)
    assert {p.column for p in problems} == {"ncv", "cc", "of"}
    with pytest.raises(InputError, match="no default"):
        calc(mid, rows)


def test_measured_semi_coke_computes_under_any_guideline():
    # 100 t x 26.0 GJ/t = 2.6 TJ x 28.0 tC/TJ = 72.8 tC x 95 % = 69.16 tC x 44/12 = 253.587 t CO2.
    line = one("cn_other_industry", "semi_coke", 100, "t", ncv=26.0, ncv_unit="GJ/t", cc=28.0, cc_unit="tC/TJ",
               of=95, of_unit="%")
    assert line["co2e"] == pytest.approx(253.587, abs=0.001)


def test_energy_in_tce():
    # Producer gas: GB/T 2589-2020 Table A.1 0.1786 kgce/m3; 100 x 10^4 m3 = 10^6 m3 x 0.1786 = 178.6 tce.
    t = energy_tce([{"row_id": "1", "activity": "producer_gas", "amount": 100, "unit": NM3}], year=YEAR)
    assert t.total_tce == pytest.approx(178.6)
    # Semi-coke and semi-coke gas have no GB/T 2589 row: under cn_magnesium their tce is the guideline's NCV / 29.307,
    # 100 t x 28.435 GJ/t / 29.307 = 97.025 tce; 100 x 10^4 Nm3 x 81.000 GJ / 29.307 = 276.384 tce (never 0).
    r = calc("cn_magnesium", [{"row_id": "s", "activity": "semi_coke", "amount": 100, "unit": "t"},
                              {"row_id": "g", "activity": "semi_coke_gas", "amount": 100, "unit": NM3}])
    lines = energy_tce(r).lines.set_index("row_id")
    assert lines.loc["s", "tce"] == pytest.approx(97.025, abs=0.001)
    assert lines.loc["g", "tce"] == pytest.approx(276.384, abs=0.001)
    assert lines.loc["s", "basis"] == "ncv_default (CN-MG-061) / 29.307"
    assert 2843.5 / GJ_PER_TCE == pytest.approx(97.025, abs=0.001)


def test_activities_and_judgements_are_recorded():
    lib = load_library()
    for code, unit in (("semi_coke", "t"), ("semi_coke_gas", NM3), ("producer_gas", NM3),
                       ("carbide_furnace_gas", NM3)):
        a = lib.activities[code]
        assert a.section == "energy" and a.method == "fuel_combustion" and a.default_unit == unit and a.name_zh
    recorded = {c["id"] for c in lib.choices if c["subject"] in
                ("semi_coke", "semi_coke_gas", "producer_gas", "carbide_furnace_gas")}
    assert recorded == {f"CH-{n}" for n in range(260, 269)}
