"""China power generation guideline (NDRC 2013, 发改办气候〔2013〕2526号, methodology cn_power_2013), completed in issue 15
(helper power13) from a copy of the published text (dream-image/user-side, public/资料/1、《中国发电企业温室气体排放核算方法与报告
指南（试行）》.pdf, git blob cb6fa0f0; printed page = PDF page - 5). Expected answers are the guideline's equations with its
defaults, worked by hand (value and table beside each number): E = E_combustion + E_desulphurisation + E_electricity
(Eq 1); AD = FC x NCV x 10^-6, EF = CC x OF x 44/12 (Eq 2-4); coal CC = C_ar x 10^6 / NCV (Eq 5); coal OF by Eq (6);
desulphurisation E = B x I x EF_t x TR (Eq 7-9, I = 90 %, TR = 100 %); electricity E = MWh x regional grid EF (Eq 10).
Appendix 2 Table 2-1 (printed page 19) and Table 2-2 (printed page 20)."""

import pytest

from parkcarbon.engine import InputError, load_library
from parkcarbon.engine import methodology as M

C2CO2 = 44 / 12
YEAR, REGION = 2022, "CN-JS"  # Jiangsu: East China regional grid
COALS = (
    "raw_coal",
    "anthracite",
    "bituminous_coal",
    "lignite",
    "washed_coal",
    "other_washed_coal",
    "briquette",
)


def calc(rows, year=YEAR, region=REGION):
    return M.calculate_enterprise(["cn_power_2013"], rows, year, region)


def co2e(result, category=None):
    lines = result.lines if category is None else result.lines[result.lines["guideline_category"] == category]
    return float(lines["co2e"].sum())


# Typed from the PDF (Table 2-1 p.19 / PDF p.24, checked on the rendered page; Table 2-2 p.20 / PDF p.25), in the
# library's units: kJ/kg -> GJ/t (/1000); other coal gas 52270 read as MJ/10^4 Nm3 (choices.csv CH-381).
PDF_TABLE = {
    ("crude_oil", "cc"): (20.08, "tC/TJ"),
    ("crude_oil", "of"): (98, "%"),
    ("fuel_oil", "cc"): (21.1, "tC/TJ"),
    ("fuel_oil", "of"): (98, "%"),
    ("gasoline", "ncv"): (43.070, "GJ/t"),
    ("gasoline", "cc"): (18.9, "tC/TJ"),
    ("gasoline", "of"): (98, "%"),
    ("diesel", "ncv"): (42.652, "GJ/t"),
    ("diesel", "cc"): (20.2, "tC/TJ"),
    ("diesel", "of"): (98, "%"),
    ("refinery_gas", "ncv"): (45.998, "GJ/t"),
    ("refinery_gas", "cc"): (18.2, "tC/TJ"),
    ("refinery_gas", "of"): (98, "%"),
    ("natural_gas", "cc"): (15.32, "tC/TJ"),
    ("natural_gas", "of"): (99, "%"),
    ("coke_oven_gas", "cc"): (13.58, "tC/TJ"),
    ("coke_oven_gas", "of"): (99, "%"),
    ("other_gas", "ncv"): (52.27, "GJ/10^4 Nm3"),
    ("other_gas", "cc"): (12.2, "tC/TJ"),
    ("other_gas", "of"): (99, "%"),
    **{(coal, "of"): (98, "%") for coal in COALS},  # 燃煤 98 %
    # Table 2-2, tCO2 per t of carbonate
    ("carbonate_limestone", "ef_co2"): (0.440, "tCO2/t"),
    ("carbonate_magnesite", "ef_co2"): (0.522, "tCO2/t"),
    ("soda_ash_use", "ef_co2"): (0.415, "tCO2/t"),
    ("carbonate_witherite", "ef_co2"): (0.223, "tCO2/t"),
    ("carbonate_lithium", "ef_co2"): (0.596, "tCO2/t"),
    ("carbonate_potassium", "ef_co2"): (0.318, "tCO2/t"),
    ("carbonate_strontium", "ef_co2"): (0.298, "tCO2/t"),
    ("carbonate_sodium_bicarbonate", "ef_co2"): (0.524, "tCO2/t"),
    ("carbonate_siderite", "ef_co2"): (0.380, "tCO2/t"),
    # Eq (8), printed page 10: 脱硫剂中碳酸盐含量取缺省值90%, for every desulphuriser
    **{
        (a, "fraction"): (0.9, "fraction")
        for a in (
            "carbonate_limestone",
            "carbonate_magnesite",
            "soda_ash_use",
            "carbonate_witherite",
            "carbonate_lithium",
            "carbonate_potassium",
            "carbonate_strontium",
            "carbonate_sodium_bicarbonate",
            "carbonate_siderite",
            "carbonate_dolomite",
        )
    },
}


def test_power_2013_is_complete_and_reports_every_category():
    m = M.get("cn_power_2013")
    assert m.status == "complete" and m.datasets[0] == "cn_power_2013"
    assert m.grid_basis == "regional"  # 相应区域电网排放因子 (printed page 11)
    assert [c.id for c in m.categories] == ["fuel_combustion", "desulphurisation", "purchased_electricity"]
    assert {c for t in m.tables for c in t.categories} == {c.id for c in m.categories}
    # no other methodology reads the guideline's dataset
    assert [x.id for x in M.methodologies().values() if "cn_power_2013" in x.datasets] == ["cn_power_2013"]


def test_every_row_of_the_dataset_is_the_value_printed_in_the_pdf():
    rows = [f for f in load_library().factors.values() if f.dataset == "cn_power_2013"]
    assert len(rows) == len(PDF_TABLE) == 46
    assert sorted(f.id for f in rows) == [f"POWER-{i:03d}" for i in range(15, 61)]  # the brief's id block
    for f in rows:
        value, unit = PDF_TABLE[(f.subject, f.param)]
        assert (f.value, f.unit) == (pytest.approx(value), unit), f.id
        assert (f.source, f.provenance, f.region, f.valid_from, f.valid_to) == (
            "NDRC-2013-POWER",
            "official",
            "CN",
            2005,
            9999,
        ), f.id  # 2005 onward (issue 15)
        assert ("表2-1" in f.table) == (f.param in ("ncv", "cc", "of")), f.id


def test_diesel_and_other_coal_gas_at_table_2_1():
    # Diesel 100 t: 100 x 42.652 GJ/t = 4 265.2 GJ = 4.2652 TJ x 20.2 tC/TJ x 98 % x 44/12 = 309.591 t CO2.
    # Other coal gas 10 x 10^4 Nm3: 10 x 52.27 GJ = 0.5227 TJ x 12.2 tC/TJ x 99 % x 44/12 = 23.148 t CO2.
    r = calc(
        [
            {"activity": "diesel", "amount": 100, "unit": "t"},
            {"activity": "other_gas", "amount": 10, "unit": "10^4 Nm3"},
        ]
    )
    by = r.lines.set_index("activity")["co2e"]
    assert by["diesel"] == pytest.approx(4.2652 * 20.2 * 0.98 * C2CO2)
    assert by["diesel"] == pytest.approx(309.591, abs=0.001)
    assert by["other_gas"] == pytest.approx(23.148, abs=0.001)
    assert list(r.lines["factor:ncv"]) == ["POWER-022", "POWER-032"]
    assert set(r.lines["CO2"].round(6)) == set(r.lines["co2e"].round(6))  # CO2 only


def test_natural_gas_needs_its_measured_ncv_then_takes_table_2_1():
    # Natural gas NCV is measured or the supplier's (printed page 6): a line without it is refused, naming ncv.
    gas = {"activity": "natural_gas", "amount": 1, "unit": "10^4 Nm3"}
    (p,) = M.check_rows(["cn_power_2013"], [gas])
    assert p.column == "ncv" and "supplier" in p.message
    # The supplier's 38 931 kJ/m3 = 389.31 GJ/10^4 Nm3 x 15.32 tC/TJ x 99 % x 44/12 (Table 2-1) = 21.650 t CO2 per 10^4 Nm3.
    r = calc([{**gas, "ncv": 38_931, "ncv_unit": "kJ/Nm3"}])
    assert co2e(r) == pytest.approx(0.38931 * 15.32 * 0.99 * C2CO2)
    assert co2e(r) == pytest.approx(21.650, abs=0.001)
    assert list(r.lines["factor:cc"]) == ["POWER-028"]


def test_coal_carbon_content_from_elemental_carbon_eq_5_and_default_oxidation():
    # Eq (5): C_ar 55.0 %, NCV 21 000 kJ/kg -> CC = 0.55 x 10^6 / 21 000 = 26.1905 tC/TJ. 1 000 t x 21 GJ/t = 21 TJ x
    # 26.1905 = 550 tC (= 1 000 t x 55 % C); x OF 98 % (Table 2-1, no slag / fly-ash data) x 44/12 = 1 976.333 t CO2.
    cc = 0.55 * 10**6 / 21_000
    r = calc(
        [
            {
                "activity": "bituminous_coal",
                "amount": 1000,
                "unit": "t",
                "ncv": 21_000,
                "ncv_unit": "kJ/kg",
                "cc": cc,
                "cc_unit": "tC/TJ",
            }
        ]
    )
    assert co2e(r) == pytest.approx(550 * 0.98 * C2CO2)
    assert co2e(r) == pytest.approx(1976.333, abs=0.001)
    assert list(r.lines["factor:of"]) == ["POWER-037"]


def test_coal_oxidation_rate_by_eq_6_replaces_the_default():
    # Eq (6): 100 000 t coal, NCV 21 000 kJ/kg, CC 26.1905 tC/TJ (55 % C: 55 000 tC); slag 5 000 t at 2 % C, fly ash
    # 20 000 t at 3 % C, dust removal efficiency 100 % (not given, printed page 8):
    # OF = 1 - (5 000 x 0.02 + 20 000 x 0.03 / 1) x 10^6 / (100 000 x 21 000 x 26.1905) = 1 - 700 / 55 000 = 98.7273 %;
    # E = 55 000 x 0.987273 x 44/12 = (55 000 - 700) x 44/12 = 199 100 t CO2 (at the 98 % default: 197 633.33 t).
    cc = 0.55 * 10**6 / 21_000
    of = 1 - (5_000 * 0.02 + 20_000 * 0.03 / 1.0) * 10**6 / (100_000 * 21_000 * cc)
    coal = {
        "activity": "raw_coal",
        "amount": 100_000,
        "unit": "t",
        "ncv": 21,
        "ncv_unit": "GJ/t",
        "cc": cc,
        "cc_unit": "tC/TJ",
    }
    assert co2e(calc([{**coal, "of": of * 100, "of_unit": "%"}])) == pytest.approx(199_100.0)
    assert co2e(calc([coal])) == pytest.approx(197_633.33, abs=0.01)


def test_coal_ncv_and_carbon_content_are_refused_when_not_measured():
    rows = [{"activity": c, "amount": 10, "unit": "t"} for c in COALS]
    problems = M.check_rows(["cn_power_2013"], rows)
    assert sorted((p.row, p.column) for p in problems) == sorted(
        (str(i), col) for i in range(1, len(COALS) + 1) for col in ("ncv", "cc")
    )
    ncv = next(p for p in problems if p.column == "ncv")
    cc = next(p for p in problems if p.column == "cc")
    assert "GB/T 213" in ncv.message and "measured value in column ncv" in ncv.message
    assert "Eq (5)" in cc.message and "elemental carbon" in cc.message and "cc_unit" in cc.message
    assert "单位热值含碳量" in cc.message_zh
    with pytest.raises(InputError):
        calc(rows[:1])
    # fuel oil (燃油): measured per batch or the supplier's contract value, no default either
    (p,) = M.check_rows(["cn_power_2013"], [{"activity": "fuel_oil", "amount": 1, "unit": "t"}])
    assert p.column == "ncv"


def test_limestone_desulphurisation_at_the_default_carbonate_content():
    # Eq (7)-(9): 10 000 t limestone x I 90 % x EF_t 0.440 (Table 2-2, CaCO3) x TR 100 % = 3 960 t CO2.
    r = calc([{"activity": "carbonate_limestone", "amount": 10_000, "unit": "t"}])
    assert co2e(r, "desulphurisation") == pytest.approx(3_960.0)
    assert (list(r.lines["factor:ef_co2"]), list(r.lines["factor:fraction"])) == (
        ["POWER-042"],
        ["POWER-051"],
    )
    # a measured carbonate content replaces 90 %: 95 % -> 10 000 x 0.95 x 0.440 = 4 180 t
    r = calc(
        [
            {
                "activity": "carbonate_limestone",
                "amount": 10_000,
                "unit": "t",
                "fraction": 95,
                "fraction_unit": "%",
            }
        ]
    )
    assert co2e(r) == pytest.approx(4_180.0)


def test_other_desulphurisers_table_2_2_and_dolomite():
    # 1 000 t sodium bicarbonate x 90 % x 0.524 = 471.6 t; 1 000 t soda ash x 90 % x 0.415 = 373.5 t (Table 2-2);
    # dolomite (not in Table 2-2): 1 000 t x 90 % x stoichiometric 0.47732 = 429.588 t (choices.csv CH-388).
    r = calc(
        [
            {"activity": "carbonate_sodium_bicarbonate", "amount": 1000, "unit": "t"},
            {"activity": "soda_ash_use", "amount": 1000, "unit": "t"},
            {"activity": "carbonate_dolomite", "amount": 1000, "unit": "t"},
        ]
    )
    assert list(r.lines["co2e"].round(3)) == [471.6, 373.5, 429.588]
    assert list(r.lines["factor:ef_co2"]) == ["POWER-049", "POWER-044", "IPPU-012"]


def test_electricity_takes_the_regional_grid_factor_in_every_year():
    # Eq (10): 10 000 MWh x the East China grid average 0.5617 tCO2/MWh (MEE/NBS, data year 2022, CN-GRID-014) = 5 617 t;
    # in Guangdong (South grid 0.3869, CN-GRID-023) 3 869 t.
    rows = [{"activity": "electricity_grid", "amount": 10_000, "unit": "MWh"}]
    assert co2e(calc(rows)) == pytest.approx(5_617.0)
    r = calc(rows, region="CN-GD")
    assert co2e(r) == pytest.approx(3_869.0) and list(r.lines["factor:ef_grid"]) == ["CN-GRID-023"]
    # 2012-2020: NDRC's 2012 regional average, the latest published then (East China 0.7035, CN-GRID-122; CH-390):
    # 10 000 MWh in 2018 = 7 035 t. Before 2012 the nearest published average, named on the line as outside its years.
    r = calc(rows, year=2018)
    assert co2e(r) == pytest.approx(7_035.0) and list(r.lines["factor:ef_grid"]) == ["CN-GRID-122"]
    for year in range(2005, 2031):
        r = calc(rows, year=year)
        assert r.lines["factor:ef_grid"].iloc[0].startswith("CN-GRID-") and co2e(r) > 0
        assert bool(r.lines["out_of_validity"].iloc[0]) == (year < 2012), year


def test_report_table_1_total_and_three_sources():
    # 附表1: combustion (diesel 100 t = 309.591 t) + desulphurisation (3 960 t) + electricity (5 617 t) = 9 886.591 t CO2.
    r = calc(
        [
            {"activity": "diesel", "amount": 100, "unit": "t"},
            {"activity": "carbonate_limestone", "amount": 10_000, "unit": "t"},
            {"activity": "electricity_grid", "amount": 10_000, "unit": "MWh"},
        ]
    )
    (t1, df1), (t2, df2) = M.report_tables(r, "cn_power_2013")
    assert (t1.id, t1.title_zh[:3], t2.id, t2.title_zh[:3]) == (
        "emissions",
        "附表1",
        "activity_data",
        "附表2",
    )
    co2 = df1.set_index("category")["CO2"]
    assert co2["fuel_combustion"] == pytest.approx(309.591, abs=0.001)
    assert co2["desulphurisation"] == pytest.approx(3_960.0)
    assert co2["purchased_electricity"] == pytest.approx(5_617.0)
    assert co2["total"] == pytest.approx(9_886.591, abs=0.001)
    assert list(df2.set_index("category")["amount"].iloc[:3]) == [100, 10_000, 10_000]


def test_coke_oven_gas_range_and_refinery_gas_oxidation_choices():
    # Coke oven gas: Table 2-1 prints a range (12726~17981, a misprint of 16726~17981): the NDRC 2015 173.854 GJ/10^4
    # Nm3 (CN-FUEL-061) x Table 2-1's 13.58 tC/TJ and 99 % -> 10 x 10^4 Nm3 = 1.73854 TJ x 13.58 x 0.99 x 44/12 = 85.702 t.
    # Refinery dry gas: 45.998 GJ/t, 18.2 tC/TJ, 98 % (the liquids' merged cell; NDRC 2015: 99 %) -> 100 t = 300.820 t.
    r = calc(
        [
            {"activity": "coke_oven_gas", "amount": 10, "unit": "10^4 Nm3"},
            {"activity": "refinery_gas", "amount": 100, "unit": "t"},
        ]
    )
    by = r.lines.set_index("activity")["co2e"]
    assert by["coke_oven_gas"] == pytest.approx(1.73854 * 13.58 * 0.99 * C2CO2)
    assert by["refinery_gas"] == pytest.approx(4.5998 * 18.2 * 0.98 * C2CO2)
    assert by["refinery_gas"] == pytest.approx(300.820, abs=0.001)
    assert list(r.lines["factor:ncv"]) == ["CN-FUEL-061", "POWER-025"]
    ids = {c["id"]: c for c in load_library().choices if c["used_in"] == "cn_power_2013"}
    assert sorted(ids) == [f"CH-{i}" for i in range(380, 390)]
    assert ids["CH-380"]["used_ref"] == "CN-FUEL-061" and "12726" in ids["CH-380"]["reason"]


def test_release_2026_6_reads_the_file_it_shipped():
    # Release 2026.7 completed the guideline; 2026.6 reads its file: listed, generic datasets, the reporting grid factor.
    old = M.get("cn_power_2013", "2026.6")
    assert (old.status, old.grid_basis, old.datasets[0]) == ("listed", "reporting", "cn_sector")
    assert M.get("cn_power_2013").status == "complete"
