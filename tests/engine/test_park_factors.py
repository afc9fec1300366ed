"""A park's own factors laid over a shipped release (#23, engine/park_factors.py): pure, the rows come as data.

Worked examples. Supplier electricity: 10,000 MWh under a contract stating 0.215 tCO2/MWh gives 10,000 x 0.215 =
2,150 t CO2 (market-based scope 2: activity x supplier-specific factor, GHG Protocol Scope 2 Guidance 2015, ch. 6),
against 10,000 x 0.5500 = 5,500 t at the East China grid average of data year 2023 (MEE/NBS 2023 factors).
Coal, China enterprise method (NDRC 2015 guidelines for other industrial enterprises, eq. for fuel combustion:
CO2 = AD x NCV x CC x OF x 44/12; Appendix 2 Table 2.1 bituminous coal CC 0.02618 tC/GJ, OF 93 %): 1,000 t with
the measured NCV 21.85 GJ/t gives 1000 x 21.85 x 0.02618 x 0.93 x 44/12 = 1,950.63 t CO2; with the default NCV
23.204 GJ/t, 2,071.51 t. (CH4 and N2O of the lines are per unit of heat, so they follow the NCV too.)"""

import pytest

from parkcarbon.engine import DataFileError, Options, calculate, load_library
from parkcarbon.engine import park_factors as P

BASE = "2026.2"
RID = "2026.2+park-a.1"
SUPPLIER = {"subject": "electricity_grid", "param": "ef_grid", "gas": "CO2", "qualifier": "", "region": "CN",
            "valid_from": 2023, "valid_to": 2023, "value": 0.215, "unit": "tCO2/MWh", "uncertainty_pct": 3,
            "source_document": "PPA-2023-017", "source_table": "Annex 2", "source_year": 2023, "note": ""}
NCV = {"subject": "bituminous_coal", "param": "ncv", "gas": "", "qualifier": "", "region": "CN",
       "valid_from": 2023, "valid_to": "", "value": 21.85, "unit": "GJ/t", "uncertainty_pct": 2,
       "source_document": "LAB-2023-114", "source_table": "Table 1", "source_year": 2023, "note": ""}
ROWS = [{"activity": "electricity_grid", "amount": 10000, "unit": "MWh"},
        {"activity": "bituminous_coal", "amount": 1000, "unit": "t"},
        {"activity": "natural_gas", "amount": 10, "unit": "10^4 Nm3"}]


def run(lib, year=2023):
    return calculate(ROWS, Options(year=year, region="CN-JS", grid_basis="regional"), lib).lines


def test_the_park_factors_change_exactly_their_lines():
    base = load_library(release=BASE)
    lib = P.overlay(base, RID, [SUPPLIER, NCV], "Park A")
    before, after = run(base), run(lib)
    assert before["co2e"].iloc[0] == pytest.approx(5500)
    assert after["co2e"].iloc[0] == pytest.approx(2150)
    assert after["CO2"].iloc[1] == pytest.approx(1000 * 21.85 * 0.02618 * 0.93 * 44 / 12)
    assert after["CO2"].iloc[1] == pytest.approx(1950.63, abs=0.01)
    assert before["CO2"].iloc[1] == pytest.approx(2071.51, abs=0.01)
    assert after["co2e"].iloc[2] == before["co2e"].iloc[2]  # natural gas: no park factor, same number
    assert after["factor:ncv"].iloc[1] == "park-a.1-002" and after["factor:ef_grid"].iloc[0] == "park-a.1-001"


def test_a_park_factor_never_applies_outside_its_years():
    base = load_library(release=BASE)
    lib = P.overlay(base, RID, [SUPPLIER], "Park A")
    assert run(lib, 2024)["co2e"].iloc[0] == run(base, 2024)["co2e"].iloc[0]


def test_the_overlay_carries_its_provenance_and_leaves_the_shipped_library_alone():
    base = load_library(release=BASE)
    lib = P.overlay(base, RID, [SUPPLIER], "Park A")
    f = lib.factors["park-a.1-001"]
    assert (f.provenance, f.dataset, f.table) == ("park", RID, "Annex 2")
    assert lib.sources[f.source]["document"] == "PPA-2023-017" and lib.sources[f.source]["publisher"] == "Park A"
    assert lib.release == RID and lib.version != base.version and lib.overlay == {"park-a.1-001"}
    assert "park-a.1-001" not in base.factors and not base.overlay


@pytest.mark.parametrize(("change", "expected"), [
    ({"source_document": ""}, "row 1: the source document is required"),
    ({"source_table": ""}, "row 1: the table or page of the source is required"),
    ({"subject": "electricity_grd"}, "row 1: unknown activity or fuel 'electricity_grd'"),
    ({"param": "ncv"}, "row 1: the library has no parameter 'ncv' (CO2) for 'electricity_grid'"),
    ({"unit": "GJ/t"}, "row 1: unit 'GJ/t' does not convert to the library's tCO2/MWh"),
    ({"unit": "furlongs"}, "row 1: unit 'furlongs' does not convert"),
    ({"region": "XX"}, "row 1: unknown region 'XX'"),
    ({"valid_from": 2024, "valid_to": 2023}, "row 1: valid from 2024 is after valid to 2023"),
    ({"valid_from": ""}, "row 1: the first year of validity is required"),
    ({"value": "abc"}, "row 1: value, years and uncertainty must be numbers"),
    ({"uncertainty_pct": -1}, "row 1: uncertainty must not be negative"),
])
def test_a_bad_row_is_refused_by_name(change, expected):
    with pytest.raises(DataFileError, match=expected.replace("(", r"\(").replace(")", r"\)")):
        P.overlay(load_library(release=BASE), RID, [{**SUPPLIER, **change}])


def test_overlapping_years_of_one_factor_are_refused_naming_both_rows():
    second = {**SUPPLIER, "valid_from": 2023, "valid_to": 2024, "value": 0.3}
    found = P.problems(load_library(release=BASE), [NCV, SUPPLIER, second])
    assert [(p.row, p.en) for p in found] == [(3, "its years overlap those of row 2 for the same factor")]
    assert found[0].message(zh=True) == "第3行：与第2行同一因子的有效期重叠"
    # the same key in another region, or adjoining years, is no overlap
    assert not P.problems(load_library(release=BASE), [SUPPLIER, {**second, "valid_from": 2024}])
    assert not P.problems(load_library(release=BASE), [SUPPLIER, {**second, "region": "CN-GRID-E"}])
