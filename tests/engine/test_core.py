"""Engine behaviour that does not depend on a section: validation, totals, uncertainty, GWP, purity."""

import subprocess
import sys

import numpy as np
import pytest

from parkcarbon.engine import InputError, Options, calculate, combine_sum, load_library


def problems(exc_info):
    return {(p.row, p.column) for p in exc_info.value.problems}


def test_every_bad_row_is_reported_and_nothing_is_returned(calc):
    rows = [
        {"row_id": "1", "activity": "unobtainium", "amount": 1, "unit": "t"},
        {"row_id": "2", "activity": "diesel", "amount": -5, "unit": "t"},
        {"row_id": "3", "activity": "diesel", "amount": "lots", "unit": "t"},
        {"row_id": "4", "activity": "natural_gas", "amount": 5, "unit": "t"},  # a gas by mass: no default NCV per t
        {"row_id": "5", "activity": "diesel", "amount": 5, "unit": "furlongs"},
        {"row_id": "6", "activity": "diesel", "amount": 5, "unit": "t", "ncv": 43, "ncv_unit": ""},
        {"row_id": "7", "activity": "diesel", "amount": 5, "unit": "t", "month": 13},
        {"row_id": "8", "activity": "diesel", "amount": 5, "unit": "t"},
    ]
    with pytest.raises(InputError) as exc:
        calc(rows)
    found = problems(exc)
    assert {("1", "activity"), ("2", "amount"), ("3", "amount"), ("4", "unit"), ("5", "unit"), ("6", "ncv_unit"),
            ("7", "month")} <= found
    assert not any(row == "8" for row, _ in found)
    assert "row 5, column 'unit'" in str(exc.value)


def test_missing_year_or_region_is_an_error():
    for options in (Options(year=None, region="CN-JS"), Options(year=2022, region="")):  # type: ignore[arg-type]
        with pytest.raises(InputError):
            calculate([{"activity": "diesel", "amount": 1, "unit": "t"}], options)


def test_unknown_gwp_set_is_an_error(calc):
    with pytest.raises(InputError, match="GWP"):
        calc([{"activity": "diesel", "amount": 1, "unit": "t"}], gwp="AR9")


def test_override_with_incompatible_unit_names_the_row(calc):
    with pytest.raises(InputError) as exc:
        calc([{"row_id": "x", "activity": "diesel", "amount": 1, "unit": "t", "cc": 20, "cc_unit": "kgCO2/GJ"}])
    assert problems(exc) == {("x", "cc_unit")}


def test_approach_1_uncertainty_of_a_sum():
    # IPCC 2006 Vol.1 Ch.3 Eq 3.2: U = sqrt((10 % x 100)^2 + (5 % x 300)^2) / 400 = 18.03 / 400 = 4.507 %.
    assert combine_sum(np.array([100.0, 300.0]), np.array([10.0, 5.0])) == pytest.approx(4.5069, abs=1e-4)


def test_line_uncertainty_combines_activity_and_factor_uncertainty(calc):
    # Product rule (IPCC 2006 Vol.1 Ch.3 Eq 3.1): grid electricity AD 2 %, factor 5 % -> sqrt(4 + 25) = 5.385 %.
    r = calc([{"activity": "electricity_grid", "amount": 10, "unit": "MWh"}])
    assert r.lines["uncertainty_pct"][0] == pytest.approx(np.sqrt(2**2 + 5**2))
    r = calc([{"activity": "electricity_grid", "amount": 10, "unit": "MWh", "ad_uncertainty_pct": 0}])
    assert r.lines["uncertainty_pct"][0] == pytest.approx(5.0)


def test_totals_by_every_grouping_add_up(calc):
    rows = [
        {"activity": "diesel", "amount": 10, "unit": "t", "enterprise": "A", "month": 1},
        {"activity": "natural_gas", "amount": 3, "unit": "10^4 Nm3", "enterprise": "A", "month": 2},
        {"activity": "electricity_grid", "amount": 500, "unit": "MWh", "enterprise": "B", "month": 1},
        {"activity": "heat_purchased", "amount": 80, "unit": "GJ", "enterprise": "B", "month": 3},
    ]
    r = calc(rows)
    grand = r.lines["co2e"].sum()
    for by in ("section", "category", "scope", "enterprise", "month", ["enterprise", "month"]):
        assert r.totals(by)["co2e"].sum() == pytest.approx(grand)
    assert r.totals("scope").loc[2, "co2e"] == pytest.approx(500 * 0.5703 + 80 * 0.11)
    assert r.by_gas()["co2e"].sum() == pytest.approx(grand)


def test_result_records_factor_sources_and_versions(calc):
    r = calc([{"activity": "diesel", "amount": 1, "unit": "t"}])
    used = r.factors_used.set_index("id")
    assert set(used.index) == {"CN-FUEL-031", "CN-FUEL-032", "CN-FUEL-033", "IPCC-COMB-011", "IPCC-COMB-012"}  # oil, manufacturing
    assert (used["source"] != "").all() and (used["table"] != "").all()
    data = r.to_dict()
    assert data["lines"][0]["factors"]["ncv"] == "CN-FUEL-031"
    assert data["library_version"] == load_library().version and data["gwp_set"] == "AR5"


def test_engine_imports_no_django():
    code = (
        "import sys; from parkcarbon.engine import calculate, Options; "
        "calculate([{'activity': 'diesel', 'amount': 1, 'unit': 't'}], Options(2022, 'CN-JS')); "
        "bad = [m for m in sys.modules if m == 'django' or m.startswith('django.')]; "
        "sys.exit(1 if bad else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
