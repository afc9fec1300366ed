"""Base years and later years (issue 15 item 3): every activity computes in every year 2005-2030 under every
methodology; a default used outside the years its source covers is named on the line, never refused; a year outside
the library's range (years.csv) is refused with a clear message."""

from functools import cache

import numpy as np
import pytest

from parkcarbon.engine import InputError, Options, calculate, load_library
from parkcarbon.engine import methodology as M
from parkcarbon.engine.library import OPEN_END, Factor, Library
from parkcarbon.engine.methods import METHODS

YEARS = range(2005, 2031)
REGION = "CN-JS"
ROW_FIELDS = {"days": 120, "recovered": 0, "refrigerant": 410, "evidence": "contract 1"}  # rice days, SF6 recovered,
# refrigerant (ASHRAE number), evidence of a supplier factor


def base_row(code: str, year: int) -> dict:
    act = load_library().activities[code]
    row = {"row_id": code, "activity": code, "amount": 10, "unit": act.default_unit, **ROW_FIELDS}
    row["deposit_year"] = year - 1  # landfill: waste deposited the year before
    return row


def with_measured(row: dict, columns) -> dict:
    """The row with a measured value of 1 (in the parameter's unit) for each parameter in ``columns``."""
    lib = load_library()
    act = lib.activities[row["activity"]]
    method = METHODS[act.method]
    dim = next(d for d in act.dimensions if d in method.units)
    for p in method.params:
        if p.name in columns:
            row[p.name] = 1.0 if p.lower is None else p.lower * 30  # steam: 2,512 kJ/kg, above the feed water
            row[f"{p.name}_unit"] = p.unit.format(amount=method.units[dim])
    return row


@cache
def measured_needed(methodology: str | None) -> dict[str, frozenset[str]]:
    """Per activity, the parameters without a default (the guideline's or the library's): found once in 2022."""
    lib = load_library()
    codes = sorted(lib.activities) if methodology is None else M.get(methodology).activities
    rows = [base_row(c, 2022) for c in codes]
    needed: dict[str, set[str]] = {c: set() for c in codes}
    if methodology is not None:
        for p in M.check_rows([methodology], rows):
            needed[p.row].add(p.column)
    rows = [with_measured(r, needed[r["activity"]]) for r in rows]
    options = M.options_for([methodology], 2022, REGION) if methodology else Options(year=2022, region=REGION)
    gwp_missing = False
    try:
        calculate(rows + grid_for(rows), options)
    except InputError as exc:
        for p in exc.problems:
            if p.row != "-" and not no_gwp_value(p, options):
                needed[p.row].add(p.column)
            gwp_missing |= no_gwp_value(p, options)
    return {c: frozenset(v) for c, v in needed.items() if not (gwp_missing and gas_without_gwp(c, options))}


def no_gwp_value(problem, options: Options) -> bool:
    """The problem of a line emitting a gas the GWP set has no value for (named on the line since walker4)."""
    return f"GWP set {options.gwp} has no value" in problem.message


def gas_without_gwp(code: str, options: Options) -> bool:
    """The activity emits a gas the GWP set has no value for (SAR: NF3, HFC-245fa): refused with a clear message."""
    try:
        calculate([with_measured(base_row(code, 2022), ("ncv", "cc", "of"))], options)
    except InputError as exc:
        gwp = [p for p in exc.problems if no_gwp_value(p, options)]
        assert all(options.gwp in p.message and options.gwp in p.message_zh for p in gwp)
        return bool(gwp)
    return False


def grid_for(rows) -> list[dict]:
    """Green electricity needs at least as much purchased grid electricity beside it."""
    return [{"row_id": "grid", "activity": "electricity_grid", "amount": 1000, "unit": "MWh"}] if any(
        r["activity"] == "electricity_green" for r in rows) else []


def rows_for(methodology: str | None, year: int) -> list[dict]:
    needed = measured_needed(methodology)
    rows = [with_measured(base_row(c, year), needed[c]) for c in needed]
    if methodology is not None and "electricity_grid" not in needed:
        rows = [r for r in rows if r["activity"] != "electricity_green"]
    return rows + grid_for(rows)


def check_lines(result, year: int) -> None:
    lib = load_library()
    lines = result.lines
    assert np.isfinite(lines["co2e"].to_numpy(dtype=float)).all()
    factor_cols = [c for c in lines if c.startswith("factor:")]
    distinct = lines[[*factor_cols, "out_of_validity", "activity"]].astype(str).drop_duplicates()
    for _, line in distinct.iterrows():
        used = {str(line[c]) for c in factor_cols if str(line[c]) in lib.factors}
        outside = {f for f in used if not lib.is_valid(lib.factors[f], year)}
        flagged = set(filter(None, str(line["out_of_validity"]).split(",")))
        assert flagged == outside, (line["activity"], year)


@pytest.mark.parametrize("year", YEARS)
def test_every_activity_computes_in_every_year(year):
    """Default options (all datasets): all 190-odd catalogue activities in one call per year."""
    rows = rows_for(None, year)
    assert {r["activity"] for r in rows} == set(load_library().activities)  # AR5 has every gas
    check_lines(calculate(rows, Options(year=year, region=REGION)), year)


@pytest.mark.parametrize("methodology", sorted(M.methodologies()))
def test_every_methodology_computes_from_2005(methodology):
    m = M.get(methodology)
    for year in YEARS:
        rows = rows_for(methodology, year)
        if m.level == "park":
            result = M.calculate_park({"E1": ([methodology], rows)}, year, REGION)
        else:
            result = M.calculate_enterprise([methodology], rows, year, REGION)
        assert len(result.lines) == len(rows)
        check_lines(result, year)


def test_ipcc_defaults_in_a_2005_base_year_are_labelled():
    # Diesel in 2005 under IPCC 2006: the Tier 1 values (Table 1.2 43.0 TJ/Gg, Table 1.3 20.2 kgC/GJ) apply to the
    # base year, each named as used before its source (2006).
    r = M.calculate_enterprise(["ipcc2006"], [{"activity": "diesel", "amount": 100, "unit": "t"}], 2005, REGION)
    line = r.lines.iloc[0]
    assert line["CO2"] == pytest.approx(100 * 43.0 * 20.2e-3 * 44 / 12)
    assert set(line["out_of_validity"].split(",")) == {line["factor:ncv"], line["factor:cc"], line["factor:of"],
                                                       line["factor:ef_ch4"], line["factor:ef_n2o"]}
    assert r.factors_used["out_of_validity"].all()
    later = M.calculate_enterprise(["ipcc2006"], [{"activity": "diesel", "amount": 100, "unit": "t"}], 2006, REGION)
    assert later.lines["out_of_validity"][0] == "" and not later.factors_used["out_of_validity"].any()


def test_china_fuel_table_reaches_back_to_2010():
    # The NDRC 2015 fuel table (bituminous coal 23.204 GJ/t, 0.02618 tC/GJ, 93 %) in a 2010 base year: used, named.
    r = M.calculate_enterprise(["cn_other_industry"], [{"activity": "bituminous_coal", "amount": 1000, "unit": "t"}],
                               2010, REGION)
    assert r.lines["CO2"][0] == pytest.approx(1000 * 23.204 * 0.02618 * 0.93 * 44 / 12)
    assert r.lines["out_of_validity"][0] == "CN-FUEL-004,CN-FUEL-005,CN-FUEL-006"


def test_resolution_order_with_validity():
    """Within a dataset a factor valid in the year wins (any region of the chain) over one used outside its years;
    the nearest year is taken when none is valid; an earlier dataset wins over a later one even out of its years."""
    lib = load_library()
    make = lambda fid, region, start, end, dataset="cn_grid_average": Factor(  # noqa: E731
        fid, "x", "p", "", "", region, start, end, 1.0, "fraction", 0, dataset, "STOICH", "t", "derived", "", "f.csv")
    factors = {f.id: f for f in (make("prov-2021", "CN-JS", 2021, 2021), make("prov-2022", "CN-JS", 2022, 2022),
                                  make("east-2023", "CN-GRID-E", 2023, 2023), make("ipcc", "CN", 2006, OPEN_END, "ipcc2006"))}
    small = Library({}, factors, lib.gwp, lib.sources, lib.regions, "test")
    chain = lib.region_chain("CN-JS")
    pick = lambda year, datasets=("cn_grid_average",): small.resolve("x", "p", "", "", year, chain, datasets).id  # noqa: E731
    assert pick(2023) == "east-2023"  # valid regional beats expired provincial
    assert pick(2022) == "prov-2022" and pick(2010) == "prov-2021"
    assert pick(2030) == "prov-2022"  # none valid: the most specific region, its nearest year
    assert pick(2010, ("cn_grid_average", "ipcc2006")) == "prov-2021"  # the methodology's first dataset
    assert pick(2010, ("ipcc2006", "cn_grid_average")) == "ipcc"
    assert small.resolve("x", "p", "", "", 2004, chain, ("ipcc2006",)) is None  # before first_year


@pytest.mark.parametrize("year", [2004, 1990, 2036])
def test_year_outside_the_library_is_refused_with_the_range(year):
    with pytest.raises(InputError) as exc:
        calculate([{"activity": "diesel", "amount": 1, "unit": "t"}], Options(year=year, region=REGION))
    (problem,) = exc.value.problems
    assert problem.column == "year" and "2005-2035" in problem.message and "2005-2035" in problem.message_zh


def test_parameter_defaults_say_when_a_default_is_used_outside_its_years():
    before = M.parameter_defaults("cn_other_industry", "bituminous_coal", 2010, REGION)
    within = M.parameter_defaults("cn_other_industry", "bituminous_coal", 2016, REGION)
    assert [d["factor_id"] for d in before] == [d["factor_id"] for d in within] == ["CN-FUEL-004", "CN-FUEL-005",
                                                                                    "CN-FUEL-006"]
    assert all(d["out_of_validity"] for d in before) and not any(d["out_of_validity"] for d in within)
