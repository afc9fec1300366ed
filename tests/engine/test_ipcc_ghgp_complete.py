"""The ipcc2006 and ghg_protocol methodologies completed in issue 15. Expected answers are hand arithmetic from the
IPCC 2006 tables and equations named beside each number (and, for scope 2, the published MEE/NBS factors), not from
the engine."""

import pytest

from parkcarbon.engine import InputError, load_library
from parkcarbon.engine import methodology as M
from parkcarbon.engine.methods import METHODS

C2CO2 = 44 / 12
YEAR, REGION = 2022, "CN-JS"
AR5_CH4, AR5_N2O, AR5_HFC134A = 28, 265, 1300  # IPCC AR5 WG1 Ch.8 Table 8.A.1 (the methodologies' default set)


def calc(mid, rows):
    return M.calculate_enterprise([mid], rows, YEAR, REGION)


def line(result, activity):
    return result.lines[result.lines["activity"] == activity].iloc[0]


@pytest.mark.parametrize("mid", ["ipcc2006", "ghg_protocol"])
def test_complete_and_every_category_reported(mid):
    m = M.get(mid)
    assert m.status == "complete" and m.tables
    assert {c for t in m.tables for c in t.categories} >= {c.id for c in m.categories if c.scope in (1, 2)} - {
        "avoided_renewable_generation"}
    for cat in m.categories:  # every parameter of every method has its rule stated (the loader's rule, checked here)
        stated = {p.name for p in cat.parameters}
        params = {p.name for meth in cat.methods for p in METHODS[meth].params if not p.gas or p.gas in cat.gases}
        assert params <= stated, (cat.id, params - stated)


@pytest.mark.parametrize("mid", ["ipcc2006", "ghg_protocol"])
def test_civil_aviation_tier1(mid):
    # 100 t jet kerosene: Vol.2 Table 1.2 NCV 44.1 TJ/Gg -> 4.41 TJ; Table 3.6.4 CO2 71 500 kg/TJ (= Table 1.3 19.5
    # kgC/GJ x 44/12) -> 315.315 t; Table 3.6.5 CH4 0.5 and N2O 2 kg/TJ -> 2.205 kg and 8.82 kg.
    r = calc(mid, [{"activity": "aviation_jet_kerosene", "amount": 100, "unit": "t"}])
    row = line(r, "aviation_jet_kerosene")
    assert row["CO2"] == pytest.approx(4.41 * 71.5, rel=1e-3)
    assert (row["CH4"], row["N2O"]) == pytest.approx((0.002205, 0.00882))
    assert row["co2e"] == pytest.approx(row["CO2"] + 0.002205 * AR5_CH4 + 0.00882 * AR5_N2O)
    assert row["factor:ef_ch4"] == "IPCC-AVIA-001" and row["factor:ef_n2o"] == "IPCC-AVIA-002"
    f = load_library().factors["IPCC-AVIA-002"]
    assert f.source == "IPCC2006-V2" and "Table 3.6.5" in f.table and f.uncertainty_pct == 150


def test_ipcc2006_mineral_industry_eq_2_4_and_table_2_4():
    # Cement, Vol.3 Eq 2.4: EF_clinker = 0.65 CaO x 0.785 = 0.51 t CO2/t (the text's own result) -> 1000 t clinker
    # 510.25 t. Lime, Table 2.4: high-calcium lime 0.785 x 0.95 = 0.75 t CO2/t lime -> 1000 t lime 750 t.
    r = calc("ipcc2006", [{"activity": "cement_clinker_oxide", "amount": 1000, "unit": "t"},
                          {"activity": "lime_high_calcium", "amount": 1000, "unit": "t"}])
    assert line(r, "cement_clinker_oxide")["CO2"] == pytest.approx(1000 * 0.65 * 0.785)
    assert round(0.65 * 0.785, 2) == 0.51
    assert line(r, "lime_high_calcium")["CO2"] == pytest.approx(750, rel=1e-3)


def test_ipcc2006_livestock_and_waste_tier1():
    # Enteric fermentation, Vol.4 Table 10.11 (Asia dairy cattle 68 kg CH4/head/yr): 1000 head -> 68 t CH4, x 28.
    # Composting, Vol.5 Table 4.1 (wet weight CH4 4 g/kg, N2O 0.24 g/kg, p. 4.6 of the IPCC's published PDF): 1000 t
    # -> 4 t CH4, 0.24 t N2O.
    r = calc("ipcc2006", [{"activity": "enteric_dairy_cattle", "amount": 1000, "unit": "head"},
                          {"activity": "composting", "amount": 1000, "unit": "t"}])
    cattle, compost = line(r, "enteric_dairy_cattle"), line(r, "composting")
    assert cattle["CH4"] == pytest.approx(68) and cattle["co2e"] == pytest.approx(68 * AR5_CH4)
    assert (compost["CH4"], compost["N2O"]) == pytest.approx((4, 0.24))


def test_ipcc2006_values_the_tables_leave_to_the_user_are_asked_for():
    # Hazardous-waste incineration has no row in Vol.5 Table 5.2, and bulk MSW's DOC follows its composition
    # (Eq 2.1 with Table 2.4): the user gives them, and is told which.
    problems = M.check_rows(["ipcc2006"], [{"row_id": "h", "activity": "incineration_hazardous", "amount": 10, "unit": "t"},
                                           {"row_id": "m", "activity": "landfill_msw", "amount": 10, "unit": "t"}])
    assert {("h", "dm"), ("m", "doc")} <= {(p.row, p.column) for p in problems}
    rules = {d["name"]: d["rule"] for d in M.parameter_defaults("ipcc2006", "incineration_hazardous", YEAR, REGION)}
    assert rules["dm"] == rules["cf"] == rules["fcf"] == rules["of"] == "none"


def test_ghg_protocol_refrigerant_leak_screening():
    # 200 kg HFC-134a in commercial air conditioning: Vol.3 Table 7.9 operation emission factor 1-10 %/yr, screening
    # midpoint 5.5 % -> 11 kg HFC-134a x AR5 1300 = 14.3 t CO2e (GHG Protocol HFC tool, screening method).
    r = calc("ghg_protocol", [{"activity": "ac_stationary", "amount": 200, "unit": "kg", "refrigerant": 134}])
    row = line(r, "ac_stationary")
    assert row["HFC-134a"] == pytest.approx(0.011) and row["co2e"] == pytest.approx(0.011 * AR5_HFC134A)
    assert row["guideline_category"] == "scope1_fugitive"


def test_ghg_protocol_scope2_location_and_market_based():
    # Data year 2022, national grid average 0.5366 tCO2/MWh (MEE/NBS joint announcement of 20 Dec 2024), national
    # factor excluding market-traded non-fossil power 0.5856. Location-based: all 1100 MWh at 0.5366 = 590.26 t.
    # Market-based (Scope 2 Guidance Table 6.3 hierarchy): 100 MWh under a supplier contract at 0.30 -> 30 t, 200 MWh
    # with green certificates -> 0, 800 MWh residual -> 468.48 t; total 498.48 t.
    rows = [{"activity": "electricity_supplier", "amount": 100, "unit": "MWh", "ef_supplier": 0.3,
             "ef_supplier_unit": "tCO2/MWh", "evidence": "PPA 2022-017"},
            {"activity": "electricity_green_separate", "amount": 200, "unit": "MWh"},
            {"activity": "electricity_grid_residual", "amount": 800, "unit": "MWh"}]
    r = calc("ghg_protocol", rows)
    assert r.lines["co2e"].sum() == pytest.approx(1100 * 0.5366)
    assert r.lines["co2e_market"].sum() == pytest.approx(30 + 800 * 0.5856)
    assert set(r.lines["guideline_category"]) == {"scope2_electricity"}


def test_ghg_protocol_market_instrument_without_evidence_is_refused():
    # Scope 2 Guidance Table 7.1 quality criteria: a supplier-specific factor counts only with the instrument that
    # conveys it; no evidence -> the row is refused, naming the column, in both languages.
    row = {"row_id": "s1", "activity": "electricity_supplier", "amount": 100, "unit": "MWh", "ef_supplier": 0.3,
           "ef_supplier_unit": "tCO2/MWh"}
    with pytest.raises(InputError) as exc:
        calc("ghg_protocol", [row])
    problems = exc.value.problems
    assert [(p.row, p.column) for p in problems] == [("s1", "evidence")]
    assert "evidence" in problems[0].message and "证明" in problems[0].message_zh
    cooling = M.parameter_defaults("ghg_protocol", "cooling_purchased", YEAR, REGION)
    assert [d["rule"] for d in cooling if d["name"] == "ef_cooling"] == ["none"]


@pytest.mark.parametrize("mid", ["ipcc2006", "ghg_protocol"])
def test_coal_mining_fugitive_ch4_tier1(mid):
    # IPCC 2006 Vol.2 Ch.4 s.4.1.3.2, Tier 1 (raw coal produced x average factor x 0.67 x 10^-6 Gg/m3):
    # 1 Mt from underground mines: mining Eq 4.1.3 18 m3/t -> 12.06 Gg = 12 060 t CH4, post-mining Eq 4.1.5 2.5 m3/t
    # -> 1 675 t; 1 Mt from surface mines: mining Eq 4.1.7 1.2 m3/t -> 804 t, post-mining Eq 4.1.8 0.1 m3/t -> 67 t.
    expected = {"coal_underground_mining": 12060, "coal_post_mining_underground": 1675, "coal_surface_mining": 804,
                "coal_post_mining_surface": 67}
    r = calc(mid, [{"activity": a, "amount": 1_000_000, "unit": "t"} for a in expected])
    for activity, tonnes in expected.items():
        row = line(r, activity)
        assert row["CH4"] == pytest.approx(tonnes)
        assert row["co2e"] == pytest.approx(tonnes * AR5_CH4)
        assert row["factor:ef_ch4"].startswith("IPCC-COAL-")
    assert M.get(mid).category_of("coal_underground_mining").scope == 1
