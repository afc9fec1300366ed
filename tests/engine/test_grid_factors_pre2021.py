"""China's grid factors for the years before 2021 (issue 15, helper grid2012).

Source: NDRC climate department, 《2011年和2012年中国区域电网平均二氧化碳排放因子》 (sources.csv NDRC-2014-GRIDAVG),
2012 column, kgCO2/kWh = tCO2/MWh: 华北 0.8843, 东北 0.7769, 华东 0.7035, 华中 0.5257, 西北 0.6671, 南方 0.5271
(transcriptions compared in the rows' notes). The NDRC enterprise guidelines of 2013 (e.g. the power generation
guideline, Eq (10): 选用国家主管部门最近年份公布的相应区域电网排放因子) prescribe them for reporting years 2013-2020
(choices.csv CH-390); the Southwest grid, then part of Central China, takes the Central value (CH-391).
"""

import pytest

from parkcarbon.engine import Options, calculate, load_library

LINE = [{"row_id": "E1", "activity": "electricity_grid", "amount": 1000, "unit": "MWh"}]
REGIONS_2012 = {"CN-GRID-N": 0.8843, "CN-GRID-NE": 0.7769, "CN-GRID-E": 0.7035, "CN-GRID-C": 0.5257,
                "CN-GRID-NW": 0.6671, "CN-GRID-S": 0.5271}


def run(year, region="CN-JS", basis="regional"):
    return calculate(LINE, Options(year=year, region=region, grid_basis=basis)).lines


@pytest.mark.parametrize("basis", ["regional", "reporting"])
def test_2018_east_china_takes_the_2012_regional_average(basis):
    # Jiangsu is in the East China grid: 1000 MWh x 0.7035 tCO2/MWh (2012 column, 华东) = 703.5 t, within the years
    # the factor is prescribed for (2013-2020 reporting; latest published average for 2012-2020): not flagged.
    lines = run(2018, "CN-JS", basis)
    assert lines["CO2"][0] == pytest.approx(703.5)
    assert lines["out_of_validity"][0] == ""
    assert lines["factor:ef_grid"][0] == ("CN-GRID-122" if basis == "regional" else "CN-GRID-129")


@pytest.mark.parametrize("province", ["CN-SC", "CN-CQ", "CN-XZ"])
def test_2015_southwest_takes_the_central_china_value(province):
    # CH-391: Sichuan and Chongqing were in the Central China grid of the 2012 table: 1000 x 0.5257 = 525.7 t (the
    # 2021 Southwest 0.2113 before this change); Tibet resolves through Southwest and takes the same value.
    for basis, fid in (("regional", "CN-GRID-126"), ("reporting", "CN-GRID-133")):
        lines = run(2015, province, basis)
        assert lines["CO2"][0] == pytest.approx(525.7)
        assert (lines["factor:ef_grid"][0], lines["out_of_validity"][0]) == (fid, "")


def test_every_2012_regional_value_under_both_bases():
    lib = load_library()
    for fid_avg, fid_rep, (region, value) in zip(range(120, 126), range(127, 133), REGIONS_2012.items(), strict=True):
        avg, rep = lib.factors[f"CN-GRID-{fid_avg}"], lib.factors[f"CN-GRID-{fid_rep}"]
        assert (avg.region, avg.dataset, avg.value, avg.valid_from, avg.valid_to) == (
            region, "cn_grid_average", value, 2012, 2020)
        assert (rep.region, rep.dataset, rep.value, rep.valid_from, rep.valid_to) == (
            region, "cn_grid_reporting", value, 2013, 2020)


def test_years_before_the_2012_values_take_them_flagged():
    # No 2011 or 2010 values in the library (no two agreeing copies found): 2008 takes the 2012 value and names it.
    lines = run(2008, "CN-BJ", "regional")
    assert lines["CO2"][0] == pytest.approx(884.3)  # 1000 x 0.8843 (华北)
    assert lines["out_of_validity"][0] == "CN-GRID-120"
    lines = run(2012, "CN-GD", "reporting")  # reporting rows start with reporting year 2013
    assert lines["CO2"][0] == pytest.approx(527.1) and lines["out_of_validity"][0] == "CN-GRID-132"


@pytest.mark.parametrize(("year", "basis", "region", "expected", "fid"), [
    (2021, "reporting", "CN-JS", 581.0, "CN-GRID-001"),  # 环办气候函〔2022〕111号 0.5810
    (2022, "reporting", "CN-SC", 570.3, "CN-GRID-002"),  # 环办气候函〔2023〕43号 0.5703
    (2021, "regional", "CN-JS", 599.2, "CN-GRID-013"),  # MEE/NBS 2021 East China 0.5992
    (2021, "regional", "CN-SC", 211.3, "CN-GRID-025"),  # MEE/NBS 2021 Southwest 0.2113
    (2021, "provincial", "CN-SC", 125.5, "CN-GRID-072"),  # MEE/NBS 2021 Sichuan 0.1255
])
def test_2021_and_later_unchanged(year, basis, region, expected, fid):
    lines = run(year, region, basis)
    assert lines["CO2"][0] == pytest.approx(expected) and lines["factor:ef_grid"][0] == fid


def test_national_basis_unchanged_before_2021():
    # The 2012 document has no national average: the national basis keeps the MEE/NBS 2021 national 0.5568, flagged.
    lines = run(2018, "CN-JS", "national")
    assert lines["CO2"][0] == pytest.approx(556.8) and lines["out_of_validity"][0] == "CN-GRID-004"


@pytest.mark.parametrize("basis", ["reporting", "national", "regional", "provincial"])
def test_every_year_2005_2030_computes(basis):
    for year in range(2005, 2031):
        lines = run(year, "CN-HB", basis)
        assert lines["CO2"][0] > 0, (year, basis)
        if 2013 <= year <= 2020 and basis in ("reporting", "regional", "provincial"):
            assert lines["CO2"][0] == pytest.approx(525.7)  # Hubei: Central China 0.5257
