"""Each recommendation rule with worked numbers; the parameters are those of data/assumptions.csv, restated here."""

import pytest

from parkcarbon.benchmarking import rating, recommend
from parkcarbon.benchmarking.library import load

GRID = 0.5703  # tCO2/MWh, the national factor for reporting (MEE 2023 No. 43)


def site(**kw):
    base = {"industry_code": "2614", "year": 2024, "total_co2e": 0.0, "activity_tce": {}, "activity_co2e": {}}
    return recommend.Site(**(base | kw))


def grid_site(mwh, **kw):
    return site(activity_tce={"electricity_grid": mwh * 0.1229}, activity_co2e={"electricity_grid": mwh * GRID}, **kw)


def test_coal_to_gas():
    # 10,000 tce of coal = 293,070 GJ emitting 26,000 t; gas for the same heat: 293,070 x 0.055539 = 16,276.8 t.
    r = recommend.coal_to_gas(site(activity_tce={"bituminous_coal": 10_000}, activity_co2e={"bituminous_coal": 26_000}),
                              load())
    assert r.reduction_t == pytest.approx(26_000 - 16_276.81, abs=0.05)
    assert r.cost_per_t == pytest.approx(293_070 * (90 - 30) / 9_723.19, rel=1e-4)  # ~1,808 CNY/t
    assert r.numbers["gas_10k_nm3"] == pytest.approx(293_070 / 389.31)


def test_no_coal_no_coal_to_gas():
    assert recommend.coal_to_gas(grid_site(1000), load()) is None


def test_rooftop_pv():
    # 10,000 m2 x 0.10 kWp/m2 = 1,000 kWp x 1,100 kWh/kWp = 1,100 MWh x 0.5703 = 627.33 t.
    # Annual: 3,200,000 CNY x (CRF(6 %, 25 y) 0.078227 + 1 % O&M) - 1,100 MWh x 650 CNY = -432,674 CNY.
    r = recommend.rooftop_pv(grid_site(5_000, roof_area_m2=10_000), load())
    assert r.reduction_t == pytest.approx(627.33, abs=0.01)
    assert r.capex_cny == pytest.approx(3_200_000)
    assert r.cost_per_t == pytest.approx(-432_674 / 627.33, rel=1e-3)


def test_rooftop_pv_capped_at_electricity_bought_and_needs_a_roof():
    assert recommend.rooftop_pv(grid_site(500, roof_area_m2=10_000), load()).numbers["mwh"] == pytest.approx(500)
    assert recommend.rooftop_pv(grid_site(500), load()) is None


def test_waste_heat_power_on_a_clinker_line():
    # 1,000,000 t clinker x 30 kWh/t = 30,000 MWh x 0.5703 = 17,109 t; 30,000 MWh / 7,000 h = 4,285.7 kW.
    r = recommend.waste_heat(grid_site(80_000, industry_code="3011", outputs={"cement_clinker": 1_000_000}), load())
    assert r.rule == "waste_heat_power" and r.reduction_t == pytest.approx(17_109)
    assert r.capex_cny == pytest.approx(4_285.714 * 8_000, rel=1e-6)


def test_green_electricity():
    # 10,000 MWh x 0.5703 = 5,703 t; 30 CNY/MWh / 0.5703 = 52.6 CNY/t.
    r = recommend.green_electricity(grid_site(10_000), load())
    assert r.reduction_t == pytest.approx(5_703) and r.cost_per_t == pytest.approx(52.604, abs=0.001)


def test_motor_efficiency():
    # 10,000 MWh x 60 % motors x 5 % = 300 MWh x 0.5703 = 171.09 t; saving 195,000 CNY; capex 3 years = 585,000.
    r = recommend.motor_efficiency(grid_site(10_000), load())
    assert r.reduction_t == pytest.approx(171.09)
    annual = 585_000 * recommend.crf(0.06, 15) - 195_000
    assert r.cost_per_t == pytest.approx(annual / 171.09)


def test_capital_recovery_factor():
    assert recommend.crf(0.06, 25) == pytest.approx(0.078227, abs=1e-6)


def test_carbon_market_deficit_covered_by_ccer_within_five_percent():
    # 1,000,000 MWh x 0.877 = 877,000 t allowance against 900,000 t: deficit 23,000 <= 5 % x 900,000 = 45,000 CCER.
    lib = load()
    s = site(industry_code="4412", total_co2e=900_000, outputs={"power_coal_gt300": 1_000_000})
    comps = rating.compare(lib, "power_coal_gt300", 1_000_000, rating.Totals(900_000, 0, 0), 2024)
    r = recommend.carbon_market(s, lib, comps)
    assert r.numbers["allowance"] == pytest.approx(877_000) and r.numbers["balance"] == pytest.approx(-23_000)
    assert r.numbers["ccer"] == pytest.approx(23_000) and r.numbers["bought"] == 0
    # 1,200,000 t emitted: deficit 147,600; CCER capped at 60,000, 87,600 bought.
    r = recommend.carbon_market(site(industry_code="4412", total_co2e=1_200_000,
                                     outputs={"power_coal_gt300": 1_200_000}), lib,
                                rating.compare(lib, "power_coal_gt300", 1_200_000, rating.Totals(1_200_000, 0, 0), 2024))
    assert r.numbers["ccer"] == pytest.approx(60_000) and r.numbers["bought"] == pytest.approx(87_600)


def test_carbon_market_2024_cement_allocation_equals_verified_and_small_emitters_are_out():
    lib = load()
    s = site(industry_code="3011", total_co2e=600_000, outputs={"cement_clinker": 800_000})
    assert recommend.carbon_market(s, lib, []).numbers["balance"] == 0
    assert recommend.carbon_market(site(industry_code="3011", total_co2e=20_000,
                                        outputs={"cement_clinker": 20_000}), lib, []) is None


def test_benchmark_gap_to_advanced_value():
    # 110 kgce/t on 100,000 t against 100: 1,000 tce saved x (80,000 t / 11,000 tce) = 7,272.7 t.
    lib = load()
    s = site(industry_code="3011", total_co2e=80_000, activity_tce={"bituminous_coal": 11_000},
             outputs={"cement_clinker": 100_000})
    comps = rating.compare(lib, "cement_clinker", 100_000, rating.Totals(80_000, 11_000, 0), 2024)
    r = recommend.benchmark_gap(s, lib, comps)
    assert r.reduction_t == pytest.approx(7_272.73, abs=0.01) and r.cost_per_t is None


def test_recommendations_ranked_cheapest_first_and_macc_laid_side_by_side():
    recs = [recommend.Recommendation("a", 100, 50), recommend.Recommendation("b", 300, -20),
            recommend.Recommendation("c", 50, None), recommend.Recommendation("d", 200, -20)]
    segments = recommend.macc(recs)
    assert [(s.label, s.start_t, s.width_t) for s in segments] == [("b", 0, 300), ("d", 300, 200), ("a", 500, 100)]  # ties: larger first
    s = grid_site(10_000, roof_area_m2=20_000)
    ordered = recommend.recommend(s, load())
    costs = [r.cost_per_t for r in ordered]
    assert costs == sorted(costs)


def test_heat_pumps_for_low_temperature_heat():
    # Food plant burning 1,000 tce of gas emitting 1,620 t and buying 5,000 MWh at 0.5703:
    # 30 % of 29,307 GJ = 8,792.1 GJ of fuel x 0.90 = 7,912.89 GJ of heat / COP 3 / 3.6 = 732.675 MWh x 0.5703 = 417.85 t;
    # saved 30 % x 1,620 = 486 t: net 68.15 t.
    s = site(industry_code="1441", activity_tce={"natural_gas": 1_000, "electricity_grid": 5_000 * 0.1229},
             activity_co2e={"natural_gas": 1_620, "electricity_grid": 5_000 * GRID})
    r = recommend.heat_pumps(s, load())
    assert r.numbers["mwh"] == pytest.approx(732.675, abs=0.001)
    assert r.reduction_t == pytest.approx(486 - 732.675 * GRID, abs=0.01)


def test_heat_pumps_do_not_fire_when_they_would_raise_emissions_or_outside_low_heat_industries():
    # Same plant on a grid at 1.0 t/MWh: 732.7 t added > 486 t saved.
    s = site(industry_code="1441", activity_tce={"natural_gas": 1_000, "electricity_grid": 5_000 * 0.1229},
             activity_co2e={"natural_gas": 1_620, "electricity_grid": 5_000 * 1.0})
    assert recommend.heat_pumps(s, load()) is None
    assert recommend.heat_pumps(grid_site(5_000, industry_code="3120"), load()) is None
