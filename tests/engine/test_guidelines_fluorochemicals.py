"""China fluorochemical enterprise guideline (NDRC 2015, 发改办气候〔2015〕1722号), completed in issue 15: HFC-23 from
HCFC-22 production and fugitive emissions of HFC, PFC and SF6 production. Expected answers are the equations with the
IPCC 2006 Vol.3 Tier 1 defaults the library uses where the plant has no measured factor (Eq 3.30: 0.04 t HFC-23 per t
HCFC-22; Eq 3.41 with the defaults printed in the text of s.3.10.2.2, p. 3.104: 0.5 % of HFC / PFC production, SF6
0.2 %, highly purified SF6 8 %), named beside each number;
CO2e at the guideline's GWP (SAR: HFC-23 11 700, HFC-134a 1300, HFC-125 2800, CF4 6500, SF6 23 900)."""

import pytest

from parkcarbon.engine import methodology as M
from parkcarbon.engine.errors import InputError
from tests.engine.guideline_results import category

YEAR, REGION = 2022, "CN-ZJ"


def calc(rows):
    return M.calculate_enterprise(["cn_fluorochemicals"], rows, YEAR, REGION)


def test_fluorochemicals_is_complete_and_reports_every_category():
    m = M.get("cn_fluorochemicals")
    assert m.status == "transcribed"  # the fuel defaults of cn_enterprise are a transcription
    assert {c for t in m.tables for c in t.categories} == {c.id for c in m.categories}


def test_hfc23_from_hcfc22_at_the_tier1_default_less_destroyed():
    # 20 000 t HCFC-22 x 0.04 (IPCC 2006 Vol.3 Eq 3.30 Tier 1) = 800 t HFC-23, of which 750 t destroyed in the
    # thermal oxidiser -> 50 t HFC-23 x 11 700 = 585 000 t CO2e.
    r = calc([{"activity": "hcfc22_production", "amount": 20_000, "unit": "t", "hfc23_destroyed": 750}])
    assert category(r, "hcfc22", "HFC-23") == pytest.approx(50.0)
    assert category(r, "hcfc22") == pytest.approx(585_000.0)


def test_hfc_pfc_and_sf6_production_leaks_at_table_3_28():
    # HFC-134a 10 000 t x 0.5 % = 50 t (x 1300 = 65 000 t CO2e); HFC-125 4000 t x 0.5 % = 20 t, of which 5 t captured
    # and destroyed -> 15 t (x 2800 = 42 000); CF4 200 t x 0.5 % = 1 t (x 6500 = 6500); SF6 1000 t x 0.2 % = 2 t and
    # highly purified SF6 100 t x 8 % = 8 t -> 10 t SF6 (x 23 900 = 239 000). Total 352 500 t CO2e.
    r = calc([{"activity": "fc_production_hfc134a", "amount": 10_000, "unit": "t"},
              {"activity": "fc_production_hfc125", "amount": 4000, "unit": "t", "destroyed": 5},
              {"activity": "fc_production_cf4", "amount": 200, "unit": "t"},
              {"activity": "fc_production_sf6", "amount": 1000, "unit": "t"},
              {"activity": "fc_production_sf6_purified", "amount": 100, "unit": "t"}])
    assert r.lines["HFC-134a"].sum() == pytest.approx(50.0)
    assert r.lines["HFC-125"].sum() == pytest.approx(15.0)
    assert r.lines["SF6"].sum() == pytest.approx(10.0)
    assert category(r, "hfc_production") == pytest.approx(352_500.0)


def test_measured_leak_factor_and_too_much_destroyed():
    # A measured factor of 0.2 % for HFC-32: 5000 t x 0.002 = 10 t HFC-32 x 650 = 6500 t CO2e.
    r = calc([{"activity": "fc_production_hfc32", "amount": 5000, "unit": "t",
               "ef_fugitive": 0.2, "ef_fugitive_unit": "%"}])
    assert category(r, "hfc_production") == pytest.approx(6500.0)
    with pytest.raises(InputError) as err:
        calc([{"activity": "fc_production_hfc32", "amount": 100, "unit": "t", "destroyed": 1}])
    assert err.value.problems[0].column == "destroyed"


def test_production_leak_defaults_cite_the_text_of_s_3_10_2_2_not_table_3_28():
    # IPCC 2006 Vol.3 Ch.3 (V3_3_Ch3_Chemical_Industry.pdf): Table 3.28 (p. 3.99) is "HFC-23 default emission
    # factors"; the 0.5 % / 0.2 % / 8 % production defaults are printed in the text of s.3.10.2.2, "Choice of
    # emission factors", p. 3.104, for the Tier 1 Equation 3.41 (p. 3.103).
    from parkcarbon.engine import load_library
    from parkcarbon.engine.methods import fc_production

    lib = load_library()
    for n in range(1, 12):
        f = lib.factors[f"IPPU-FCP-{n:03d}"]
        assert "Table 3.28" not in f.table
        assert "s.3.10.2.2" in f.table and "p. 3.104" in f.table and "Equation 3.41" in f.table
    assert "Table 3.28, p. 3.99" in lib.factors["IPPU-087"].note  # the HFC-23 row keeps its table
    for method in fc_production.METHODS:
        assert "Table 3.28" not in method.reference and "Eq 3.41" in method.reference
