"""Recorded choices (issue 15 item 7): where two sources disagree, data/choices.csv says which value is used, where,
why, and the other value; the tce table and the CO2 path use the same heating value unless a record says otherwise."""

import pytest

from parkcarbon.engine import load_library, units
from parkcarbon.engine.tce import GJ_PER_TCE, coefficients, energy_tce

CO2_PATH = ("cn_enterprise",)  # the fuel defaults of the China enterprise guidelines


def co2_path_ncv(subject: str):
    lib = load_library()
    return lib.resolve(subject, "ncv", "", "", 2022, ("CN",), CO2_PATH)


def tce_ncv_rows():
    """(subject, tce table NCV in kJ per kg or m3, the unit) for every tce row that prints an NCV."""
    import csv
    from importlib import resources

    text = resources.files("parkcarbon.engine").joinpath("data/tce_gbt2589.csv").read_text("utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return [(r["subject"], float(r["ncv_kj"]), "kJ/" + r["unit"].split("/")[1]) for r in rows
            if r["ncv_kj"] and r["subject"] not in ("electricity", "heat")]  # carriers without a CO2-path NCV


@pytest.mark.parametrize(("subject", "ncv_kj", "unit"), tce_ncv_rows())
def test_tce_table_and_co2_path_share_the_heating_value_unless_recorded(subject, ncv_kj, unit):
    f = co2_path_ncv(subject)
    assert f is not None, f"{subject}: the tce table has a fuel the CO2 path has no NCV for"
    co2_kj = f.value_in(unit.replace("m3", "Nm3") if "10^4 Nm3" in f.unit else unit)
    if co2_kj == pytest.approx(ncv_kj, rel=1e-6):
        return
    records = [c for c in load_library().choices if (c["subject"], c["param"]) == (subject, "ncv")
               and c["used_in"] in ("co2", "tce", "both")]  # a record for one methodology (e.g. CH-017) is not this path
    assert records, f"{subject}: CO2 path {co2_kj} vs tce table {ncv_kj} {unit} with no record in choices.csv"
    (c,) = records
    assert c["used_ref"] == f.id
    other = float(c["other_value"]) * units.factor(c["other_unit"], f.unit) * f.value_in(unit) / f.value
    assert other == pytest.approx(ncv_kj, rel=1e-6) or c["used_in"] == "both"


def test_coke_and_lng_choices_are_recorded():
    # the records of the CO2/tce path (per-methodology records, e.g. the 2013 guidelines' own tables, are others)
    by_subject = {c["subject"]: c for c in load_library().choices
                  if c["param"] == "ncv" and c["used_in"] in ("co2", "tce", "both")}
    coke, lng = by_subject["coke"], by_subject["lng"]
    assert (float(coke["used_value"]), float(coke["other_value"])) == (28.446, 28.435) and coke["used_in"] == "co2"
    assert (float(lng["used_value"]), float(lng["other_value"])) == (51.498, 41.868) and lng["used_in"] == "both"
    assert "lng" not in coefficients()  # so tce uses the library default, the CO2 path's value


def test_lng_tce_uses_the_co2_path_heating_value():
    # 1 t LNG at 51.498 GJ/t (GB/T 2589-2020 Table A.1) / 29.307 GJ/tce = 1.75719 tce.
    t = energy_tce([{"activity": "lng", "amount": 1, "unit": "t"}], year=2022)
    assert t.lines["tce"][0] == pytest.approx(51.498 / GJ_PER_TCE)
    assert co2_path_ncv("lng").id in t.lines["basis"][0]


def test_every_record_names_both_values_and_a_reason():
    lib = load_library()
    assert len(lib.choices) >= 2
    for c in lib.choices:
        assert c["reason"] and c["other_table"] and c["other_source"] in lib.sources
        assert float(c["used_value"]) != float(c["other_value"])
        if c["used_ref"] in lib.factors:
            f = lib.factors[c["used_ref"]]
            assert f.value_in(c["used_unit"]) == pytest.approx(float(c["used_value"]))
