"""China petrochemical enterprise guideline (NDRC 2014), flaring (issue 15; the guideline stays listed until its
process-unit defaults are in). Expected answers are the guideline's flaring equations with its defaults, as a public
calculator of the guideline transcribes them: normal operation E = Q x (CC_non-CO2 x OF x 44/12 + V_CO2 x rho_CO2),
accidents E = GF x T x CN x OF x 44/22.4 x 10, OF 98 %, CN 5 (refining) / 3 (chemical production)."""

import pytest

from parkcarbon.engine import methodology as M

YEAR, REGION = 2022, "CN-SD"


def calc(rows):
    return M.calculate_enterprise(["cn_petrochemicals"], rows, YEAR, REGION)


def flaring(result, column="co2e"):
    return float(result.lines.loc[result.lines["guideline_category"] == "flaring", column].sum())


def test_normal_flaring_burnt_carbon_and_co2_in_the_gas():
    # 100 x 10^4 Nm3 flared with 0.5 t C per 10^4 Nm3 in non-CO2 compounds: 100 x 0.5 x 0.98 x 44/12 = 179.667 t CO2;
    # 5 % CO2 by volume: 5 x 10^4 Nm3 of CO2 x 19.77 t/10^4 Nm3 = 98.85 t (the guideline's 19.7 would give 98.5).
    r = calc([{"activity": "petrochem_flare_gas", "amount": 100, "unit": "10^4 Nm3",
               "flare_carbon": 0.5, "flare_carbon_unit": "tC/10^4 Nm3"},
              {"activity": "petrochem_flare_gas_co2", "amount": 5, "unit": "10^4 Nm3"}])
    assert flaring(r) == pytest.approx(100 * 0.5 * 0.98 * 44 / 12 + 98.85)
    # the composition in normal operation is measured: no default carbon content
    (p,) = M.check_rows(["cn_petrochemicals"], [{"activity": "petrochem_flare_gas", "amount": 1, "unit": "10^4 Nm3"}])
    assert p.column == "flare_carbon"


def test_accident_flaring_at_the_default_carbon_numbers():
    # Refining: 2 x 10^4 Nm3/h for 3 h = 6 x 10^4 Nm3 x 5 x 0.98 x 44/22.4 x 10 = 577.5 t CO2;
    # chemical production: 1 x 10^4 Nm3/h for 2 h = 2 x 3 x 0.98 x 44/22.4 x 10 = 115.5 t CO2.
    r = calc([{"activity": "petrochem_flare_accident_refining", "amount": 6, "unit": "10^4 Nm3"},
              {"activity": "petrochem_flare_accident_chemical", "amount": 2, "unit": "10^4 Nm3"}])
    assert r.lines["CO2"].tolist() == pytest.approx([577.5, 115.5], rel=1e-5)
    assert flaring(r) == pytest.approx(693.0, rel=1e-5)
