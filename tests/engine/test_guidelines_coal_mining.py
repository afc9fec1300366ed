"""China coal production enterprise guideline (NDRC 2014): the fugitive categories added in issue 15. Expected answers
are the guideline's equations with its defaults (named beside each number) at the guideline's GWP (SAR, CH4 = 21).
The guideline stays `listed` until its flaring category has a method (see the file header)."""

import pytest

from parkcarbon.engine import methodology as M

YEAR, REGION = 2022, "CN-SX"  # Shanxi


def calc(rows):
    return M.calculate_enterprise(["cn_coal_mining"], rows, YEAR, REGION)


def category(result, name, column="co2e"):
    return float(result.lines.loc[result.lines["guideline_category"] == name, column].sum())


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
    # Ventilation air 3000 x 10^4 m3 CH4 + drained gas 1200 x 10^4 m3, of which 800 x 10^4 m3 is used or flared:
    # (3000 + 1200 - 800) x 10^4 m3 x 0.67 kg/m3 (IPCC 2006 Vol.2 Ch.4) = 22 780 t CH4 -> 478 380 t CO2e at SAR.
    # CO2 in the exhaust air 500 x 10^4 m3 x 1.8295 kg/m3 (ideal gas at 20 °C) = 9150 t (the density row is 18.30).
    r = calc([{"activity": "coal_mine_ch4_ventilation", "amount": 3000, "unit": "10^4 m3"},
              {"activity": "coal_mine_ch4_drained", "amount": 1200, "unit": "10^4 m3"},
              {"activity": "coal_mine_ch4_recovered", "amount": 800, "unit": "10^4 m3"},
              {"activity": "coal_mine_co2_ventilation", "amount": 500, "unit": "10^4 m3"}])
    assert category(r, "mine_methane", "CH4") == pytest.approx(22_780.0)
    assert category(r, "mine_methane", "CO2") == pytest.approx(9150.0)
    assert category(r, "mine_methane") == pytest.approx(22_780 * 21 + 9150.0)


def test_coal_measured_density_at_another_condition():
    # a mine reporting Nm3 (0 °C) gives its density: 100 x 10^4 Nm3 x 0.717 kg/m3 = 717 t CH4
    r = calc([{"activity": "coal_mine_ch4_ventilation", "amount": 100, "unit": "10^4 Nm3",
               "density": 0.717, "density_unit": "kg/m3"}])
    assert category(r, "mine_methane", "CH4") == pytest.approx(717.0)


def test_coal_mine_methane_is_refused_in_mass_of_coal():
    (p,) = M.check_rows(["cn_coal_mining"], [{"activity": "coal_mine_ch4_drained", "amount": 5, "unit": "GJ"}])
    assert p.column == "unit"
