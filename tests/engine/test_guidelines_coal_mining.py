"""China coal production enterprise guideline (NDRC 2014), completed in issue 15: fugitive CH4 and CO2 and flaring.
Expected answers are the guideline's equations with its defaults (named beside each number) at the guideline's GWP
(SAR, CH4 = 21)."""

import pytest

from parkcarbon.engine import methodology as M
from tests.engine.guideline_results import category

YEAR, REGION = 2022, "CN-SX"  # Shanxi


def calc(rows):
    return M.calculate_enterprise(["cn_coal_mining"], rows, YEAR, REGION)


def test_coal_mining_is_complete_and_reports_every_category():
    m = M.get("cn_coal_mining")
    assert m.status == "transcribed"  # defaults from a public transcription of the tables
    assert {c for t in m.tables for c in t.categories} == {c.id for c in m.categories}


def test_coal_mine_gas_flaring():
    # Gas of 40 % CH4 and 0.5 % C2H6 by volume (volume fractions 0.40 and 0.005): 10^4 Nm3 hold
    # (1 x 0.40 + 2 x 0.005) x 10^4 / 22.4 kmol of carbon atoms x 12 kg = CC = 12 x 0.41 x 10 / 22.4 = 2.19643 t C per
    # 10^4 Nm3; 300 x 10^4 Nm3 flared at the default oxidation rate 98 %: 300 x 2.19643 x 0.98 x 44/12 = 2 367.75 t CO2.
    cc = 12 * (1 * 0.40 + 2 * 0.005) * 10 / 22.4
    r = calc([{"activity": "coal_mine_gas_flared", "amount": 300, "unit": "10^4 Nm3",
               "flare_carbon": cc, "flare_carbon_unit": "tC/10^4 Nm3"}])
    assert category(r, "flaring", "CO2") == pytest.approx(300 * cc * 0.98 * 44 / 12)
    assert category(r, "flaring") == pytest.approx(2_367.75, abs=0.005)
    # the composition is measured: no default carbon content
    (p,) = M.check_rows(["cn_coal_mining"], [{"activity": "coal_mine_gas_flared", "amount": 1, "unit": "10^4 Nm3"}])
    assert p.column == "flare_carbon"


def test_coal_surface_and_post_mining_at_the_default_factors():
    # A surface mine producing 2 Mt of raw coal: mining 2e6 t x 1.34 kg CH4/t = 2680 t CH4; post-mining 2e6 x 0.34
    # = 680 t. An underground high-gas mine producing 1 Mt: post-mining 1e6 x 2.01 = 2010 t; a low-gas mine 1 Mt:
    # 1e6 x 0.60 = 600 t. CO2e at SAR 21: 2680 x 21 = 56 280 t; (680 + 2010 + 600) x 21 = 69 090 t.
    r = calc([{"activity": "coal_surface_mining", "amount": 2e6, "unit": "t"},
              {"activity": "coal_post_mining_surface", "amount": 2e6, "unit": "t"},
              {"activity": "coal_post_mining_high_gas", "amount": 1e6, "unit": "t"},
              {"activity": "coal_post_mining_low_gas", "amount": 1e6, "unit": "t"}])
    assert category(r, "mine_methane", "CH4") == pytest.approx(2680.0)
    assert category(r, "post_mining", "CH4") == pytest.approx(3290.0)
    assert category(r, "mine_methane") == pytest.approx(56_280.0)
    assert category(r, "post_mining") == pytest.approx(69_090.0)


def test_coal_underground_measured_gas_less_recovery():
    # E_CH4 = (CH4 in ventilation air + CH4 drained - CH4 flared - CH4 recovered) x 7.17 t/10^4 Nm3 (the CH4 density
    # at standard conditions): ventilation 3000, drained 1200, used or flared 800 (10^4 Nm3) -> 3400 x 7.17
    # = 24 378 t CH4 -> 511 938 t CO2e at SAR 21. CO2 in the exhaust air 500 x 10^4 Nm3 x 19.77 t/10^4 Nm3 = 9885 t.
    r = calc([{"activity": "coal_mine_ch4_ventilation", "amount": 3000, "unit": "10^4 Nm3"},
              {"activity": "coal_mine_ch4_drained", "amount": 1200, "unit": "10^4 Nm3"},
              {"activity": "coal_mine_ch4_recovered", "amount": 800, "unit": "10^4 Nm3"},
              {"activity": "coal_mine_co2_ventilation", "amount": 500, "unit": "10^4 Nm3"}])
    assert category(r, "mine_methane", "CH4") == pytest.approx(24_378.0)
    assert category(r, "mine_methane", "CO2") == pytest.approx(9885.0)
    assert category(r, "mine_methane") == pytest.approx(511_938.0 + 9885.0)


def test_coal_measured_density_at_another_condition():
    # a mine whose flow meters report volumes at 20 °C gives that density (IPCC 2006 Vol.2 Ch.4: 0.67 kg/m3):
    # 100 x 10^4 m3 x 0.67 kg/m3 = 670 t CH4
    r = calc([{"activity": "coal_mine_ch4_ventilation", "amount": 100, "unit": "10^4 m3",
               "density": 0.67, "density_unit": "kg/m3"}])
    assert category(r, "mine_methane", "CH4") == pytest.approx(670.0)


def test_coal_mine_methane_is_refused_in_mass_of_coal():
    (p,) = M.check_rows(["cn_coal_mining"], [{"activity": "coal_mine_ch4_drained", "amount": 5, "unit": "GJ"}])
    assert p.column == "unit"
