"""The methods added for issue 15 item 5, each against its source's equation and default tables. Expected values
are hand arithmetic from the cited defaults (named beside each number), not from the engine."""

import pytest

from parkcarbon.engine import InputError, Options, calculate, load_library
from parkcarbon.engine import methodology as M
from parkcarbon.engine.template import section_columns

YEAR, REGION = 2022, "CN-JS"
N2O = 44 / 28


def calc(rows, **kw):
    return calculate(rows, Options(year=kw.pop("year", YEAR), region=REGION, **kw))


def problems(exc):
    return {(p.row, p.column) for p in exc.value.problems}


# --- refrigeration and air conditioning: screening -----------------------------------------------------------

def test_air_conditioner_leak_screening_splits_the_blend():
    # 200 kg R-410A in commercial air conditioning: Table 7.9 leak rate 1-10 %/yr, screening midpoint 5.5 % -> 11 kg;
    # R-410A is 50 % HFC-32 / 50 % HFC-125 (ASHRAE 34): 5.5 kg each; AR5 677 and 3170 -> 21.1585 t CO2e.
    r = calc([{"activity": "ac_stationary", "amount": 200, "unit": "kg", "refrigerant": 410}])
    line = r.lines.iloc[0]
    assert (line["HFC-32"], line["HFC-125"]) == pytest.approx((0.0055, 0.0055))
    assert line["co2e"] == pytest.approx(0.0055 * 677 + 0.0055 * 3170)


def test_refrigerant_screening_by_application_and_species():
    # 1 t R-134a in mobile air conditioning: 10-20 %/yr, midpoint 15 % -> 0.15 t HFC-134a; 1 t R-404A in large
    # commercial refrigeration: 10-35 %, midpoint 22.5 % -> 0.225 t, of which 44 % HFC-125, 52 % HFC-143a, 4 % HFC-134a.
    r = calc([{"activity": "ac_mobile", "amount": 1, "unit": "t", "refrigerant": 134},
              {"activity": "refrigeration_commercial_large", "amount": 1, "unit": "t", "refrigerant": 404}])
    mobile, large = r.lines.iloc[0], r.lines.iloc[1]
    assert mobile["HFC-134a"] == pytest.approx(0.15) and mobile["HFC-125"] == 0
    assert (large["HFC-125"], large["HFC-143a"], large["HFC-134a"]) == pytest.approx((0.099, 0.117, 0.009))


def test_measured_leak_rate_overrides_and_unknown_refrigerant_is_refused():
    r = calc([{"activity": "refrigeration_chillers", "amount": 100, "unit": "kg", "refrigerant": 134,
               "leak_rate": 2, "leak_rate_unit": "%"}])
    assert r.lines["HFC-134a"][0] == pytest.approx(0.002) and r.lines["factor:leak_rate"][0] == "measured"
    with pytest.raises(InputError) as exc:
        calc([{"row_id": "r1", "activity": "ac_stationary", "amount": 1, "unit": "kg", "refrigerant": 22},
              {"row_id": "r2", "activity": "ac_stationary", "amount": 1, "unit": "kg"}])
    assert problems(exc) == {("r1", "refrigerant"), ("r2", "refrigerant")}
    assert "410" in exc.value.problems[0].message and "ASHRAE" in exc.value.problems[0].message_zh


# --- SF6 / PFCs in electrical equipment: mass balance with nameplate capacity ------------------------------------

def test_sf6_mass_balance_with_nameplate_capacity():
    # IPCC 2006 Vol.3 Ch.8 Tier 3 mass balance: stock 800 -> 650 kg (decrease 150), acquired 500 kg, 100 kg returned,
    # new equipment 300 kg nameplate, retired 120 kg: 150 + 500 - 100 - (300 - 120) = 370 kg SF6 x 23 500 (AR5).
    row = {"activity": "sf6_equipment_balance", "amount": 500, "unit": "kg", "inventory_start": 800,
           "inventory_end": 650, "disposed": 100, "nameplate_new": 300, "nameplate_retired": 120}
    r = calc([row])
    assert r.lines["SF6"][0] == pytest.approx(0.37) and r.total_co2e == pytest.approx(0.37 * 23500)
    with pytest.raises(InputError) as exc:  # more put into new equipment than acquired and taken from stock
        calc([{**row, "row_id": "s", "nameplate_new": 900}])
    assert problems(exc) == {("s", "nameplate_new")}


def test_cf4_in_electrical_equipment():
    # 10 kg CF4 acquired, nothing else: 10 kg x 6 630 (AR5) = 66.3 t CO2e.
    r = calc([{"activity": "cf4_equipment_balance", "amount": 10, "unit": "kg"}])
    assert r.lines["CF4"][0] == pytest.approx(0.01) and r.total_co2e == pytest.approx(66.3)


# --- incineration by waste component ------------------------------------------------------------------------------

@pytest.mark.parametrize(("activity", "dm", "cf", "fcf"), [
    # IPCC 2006 Vol.5 Ch.2 Table 2.4: dry matter, total carbon (% dry matter), fossil carbon (% total carbon)
    ("incineration_plastics", 1.00, 0.75, 1.00),
    ("incineration_paper", 0.90, 0.46, 0.01),
    ("incineration_textiles", 0.80, 0.50, 0.20),
    ("incineration_food", 0.40, 0.38, 0.0),
])
def test_incineration_by_component(activity, dm, cf, fcf):
    # Vol.5 Ch.5 Eq 5.2: CO2 = SW x dm x CF x FCF x OF (1.0, Table 5.2) x 44/12; the non-fossil part is a memo.
    # N2O 50 g/t wet waste (Table 5.6), CH4 0.2 g/t (Table 5.3).
    r = calc([{"activity": activity, "amount": 100, "unit": "t"}])
    line = r.lines.iloc[0]
    assert line["CO2"] == pytest.approx(100 * dm * cf * fcf * 44 / 12)
    assert line["CO2_biogenic"] == pytest.approx(100 * dm * cf * (1 - fcf) * 44 / 12)
    assert (line["N2O"], line["CH4"]) == pytest.approx((0.005, 0.00002))


# --- landfill by mass balance ---------------------------------------------------------------------------------------

def test_landfill_mass_balance():
    # China provincial guideline 2011 ch.5: E = W x L0 x (1 - OX), L0 = MCF x DOC x DOCf x F x 16/12 with MCF 1.0
    # (managed anaerobic, IPCC 2006 Vol.5 Table 3.1), DOCf 0.5, F 0.5, OX 0 (Table 3.2); DOC 0.15 measured:
    # 1000 t x 1.0 x 0.15 x 0.5 x 0.5 x 16/12 = 50 t CH4.
    r = calc([{"activity": "landfill_msw_mass_balance", "amount": 1000, "unit": "t", "doc": 0.15, "doc_unit": "fraction"}])
    assert r.lines["CH4"][0] == pytest.approx(50)
    with pytest.raises(InputError) as exc:
        calc([{"row_id": "w", "activity": "landfill_msw_mass_balance", "amount": 1000, "unit": "t"}])
    assert problems(exc) == {("w", "doc")}


def test_landfill_mass_balance_counts_all_in_the_deposit_year_unlike_fod():
    # FOD with the 6-month delay counts nothing of a deposit in its own year (IPCC Waste Model); mass balance counts
    # the whole potential at once.
    fod = calc([{"activity": "landfill_food", "amount": 1000, "unit": "t", "deposit_year": YEAR}])
    mb = calc([{"activity": "landfill_msw_mass_balance", "amount": 1000, "unit": "t", "doc": 0.15,
                "doc_unit": "fraction"}])
    assert fod.lines["CH4"][0] == 0 and mb.lines["CH4"][0] > 0


# --- flooded rice ---------------------------------------------------------------------------------------------------

def test_flooded_rice_n2o_2006_and_2019():
    # 10 t N on flooded rice. IPCC 2006 (Tables 11.1, 11.3): EF1FR 0.003 + Frac_GASF 0.10 x EF4 0.01 + Frac_LEACH 0.30
    # x EF5 0.0075 = 0.00625 -> 10 x 0.00625 x 44/28 = 0.098214 t N2O. 2019 Refinement, aggregated (the whole
    # country): 0.004 + 0.11 x 0.010 + 0.24 x 0.011 = 0.00774 -> 0.121629 t; in Jiangsu (wet climate, Table 11.3 EF4
    # 0.014): 0.004 + 0.11 x 0.014 + 0.24 x 0.011 = 0.00818 -> 0.128543 t.
    row = [{"activity": "rice_synthetic_n", "amount": 10, "unit": "t"}]
    assert M.calculate_enterprise(["ipcc2006"], row, YEAR, REGION).lines["N2O"][0] == pytest.approx(10 * 0.00625 * N2O)
    assert M.calculate_enterprise(["ipcc2019"], row, YEAR, "CN").lines["N2O"][0] == pytest.approx(10 * 0.00774 * N2O)
    assert M.calculate_enterprise(["ipcc2019"], row, YEAR, REGION).lines["N2O"][0] == pytest.approx(10 * 0.00818 * N2O)


def test_rice_ch4_by_water_regime_is_still_there():
    lib = load_library()
    regimes = [a for a in lib.activities.values() if a.method == "rice_ch4"]
    assert len(regimes) >= 5 and {a.category for a in regimes} == {"rice_cultivation"}


# --- scope 2: supplier factor, residual factor, fossil-power factor -------------------------------------------------

def test_supplier_factor_is_market_based_and_needs_evidence():
    # 1000 MWh under a contract at 0.30 tCO2/MWh: location-based 1000 x 0.5703 (2022 reporting factor, 环办气候函
    # 〔2023〕43号), market-based 1000 x 0.30.
    row = {"activity": "electricity_supplier", "amount": 1000, "unit": "MWh", "ef_supplier": 0.3,
           "ef_supplier_unit": "tCO2/MWh", "evidence": "PPA 2022-017"}
    r = calc([row])
    assert r.lines["co2e"][0] == pytest.approx(570.3) and r.lines["co2e_market"][0] == pytest.approx(300)
    with pytest.raises(InputError) as exc:
        calc([{**row, "row_id": "e1", "evidence": " "}, {**row, "row_id": "e2"}])
    assert problems(exc) == {("e1", "evidence")}
    assert "evidence" in exc.value.problems[0].message and "证明" in exc.value.problems[0].message_zh
    with pytest.raises(InputError) as exc:  # the factor itself has no default
        calc([{**row, "row_id": "e3", "ef_supplier": None}])
    assert problems(exc) == {("e3", "ef_supplier")}


def test_residual_factor_pairs_with_green_certificates():
    # 2022: 800 MWh without certificates at the national factor excluding market-traded non-fossil power 0.5856,
    # 200 MWh with green certificates at zero: market-based 468.48 t; location-based 1000 x 0.5703 = 570.3 t.
    r = calc([{"activity": "electricity_grid_residual", "amount": 800, "unit": "MWh"},
              {"activity": "electricity_green_separate", "amount": 200, "unit": "MWh"}])
    total = r.totals().iloc[0]
    assert total["co2e"] == pytest.approx(570.3) and total["co2e_market"] == pytest.approx(800 * 0.5856)


def test_residual_and_fossil_factors_follow_the_data_year():
    # 2021 / 2022 / 2023 data years: residual 0.5942 / 0.5856 / 0.6096, fossil 0.8426 / 0.8325 / 0.8273.
    for year, residual, fossil in ((2021, 0.5942, 0.8426), (2022, 0.5856, 0.8325), (2023, 0.6096, 0.8273),
                                   (2025, 0.6096, 0.8273)):
        r = calc([{"activity": "electricity_grid_residual", "amount": 1, "unit": "MWh"},
                  {"activity": "electricity_renewable_generated", "amount": 1, "unit": "MWh"}], year=year)
        assert r.lines["co2e_market"][0] == pytest.approx(residual)
        assert r.lines["avoided_CO2"][1] == pytest.approx(fossil) and r.lines["co2e"][1] == 0


def test_heat_content_of_every_fuel_line():
    # 100 t diesel at 43.33 GJ/t (NDRC 2015 Appendix 2 Table 2.1) = 4.333 TJ; 10 x 10^4 Nm3 natural gas at 389.31
    # GJ/10^4 Nm3 = 3.8931 TJ; 500 GJ given as heat = 0.5 TJ; electricity and process lines carry 0.
    r = calc([{"activity": "diesel", "amount": 100, "unit": "t"},
              {"activity": "natural_gas", "amount": 10, "unit": "10^4 Nm3"},
              {"activity": "bituminous_coal", "amount": 500, "unit": "GJ"},
              {"activity": "electricity_grid", "amount": 1, "unit": "MWh"}])
    assert list(r.lines["heat_TJ"]) == pytest.approx([4.333, 3.8931, 0.5, 0.0])


def test_new_activities_are_in_the_catalogue_template_and_methodologies():
    lib = load_library()
    new = {"ac_stationary", "refrigeration_domestic", "sf6_equipment_balance", "incineration_plastics",
           "landfill_msw_mass_balance", "rice_synthetic_n", "electricity_supplier", "electricity_grid_residual",
           "electricity_green_separate", "electricity_renewable_generated"}
    assert new <= set(lib.activities)
    keys = {c.key for s in ("energy", "ippu", "waste", "afolu") for c in section_columns(s)}
    assert {"refrigerant", "nameplate_new", "nameplate_retired", "evidence", "leak_rate", "ef_supplier"} <= keys
    covered = {a for m in ("ipcc2006", "ghg_protocol", "cn_park_inventory") for a in M.get(m).activities}
    assert new - {"electricity_renewable_generated"} <= covered
