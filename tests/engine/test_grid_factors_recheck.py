"""Issue 15 re-check of the Chinese electricity CO2 emission factors (factors/energy_scope2.csv).

2023 factors: the published attachment 附件 2023年电力二氧化碳排放因子 (MEE/NBS; Tables 1-5: national, regional,
provincial, national excluding market-traded non-fossil power, national fossil power) was read in the PDF as issued,
copy github.com/leo21468/CarbonCalculator data/2023.pdf (created 2025-12-31, pp. 3-4): PDF23 below. Those rows are
provenance `official`; the 30 provincial values of its Table 3 are new (CN-GRID-090..119) and close the 2022
provincial rows at 2022.

No copy of the published MEE/NBS tables of the 2021 and 2022 factors or of the notice 环办气候函〔2023〕43号 was
found in the stored public material, so those rows stay provenance `transcription`. Each is compared with a second,
independent copy; the expected values are read from that copy, not from the library (kgCO2/kWh = tCO2/MWh; the
ghg-accounting file gives the regional values in tCO2/kWh, x 1000):
- JS: github.com/felix0220170/ghg-accounting, src/config/emissionConstants.js (30 provinces and 7 regional grids,
  data years 2021 and 2022; a second transcription, not the published text);
- BJN: Beijing News (新京报) report of 27 Dec 2024, repost daydaynews.cc/zh-hant/finance/3899452.html (2022
  national 0.5366, excluding market-traded non-fossil 0.5856, fossil 0.8325; 2021 national 0.5568 and fossil 0.8426;
  the seven 2022 regional values; the five highest and five lowest 2022 provinces);
- TPF: tanpaifang.com/tanguwen/2023/0215/94510.html, report of the notice 环办气候函〔2023〕43号 (0.5703 tCO2/MWh).
Not re-checked (no second copy found): CN-GRID-001 (0.5810, 环办气候函〔2022〕111号) and CN-GRIDTYPE-001 (2021
national excluding market-traded non-fossil 0.5942).
"""

import pytest

from parkcarbon.engine import load_library
from parkcarbon.engine.library import OPEN_END as OPEN

LIB = load_library()
BY_ID = LIB.factors

JS_PROVINCES = {  # region: (2021, 2022), as printed in emissionConstants.js
    "CN-SD": (0.6838, 0.641), "CN-XJ": (0.6577, 0.6231), "CN-NX": (0.6546, 0.6423), "CN-QH": (0.1326, 0.1567),
    "CN-GS": (0.4955, 0.4772), "CN-SN": (0.6336, 0.6558), "CN-YN": (0.1235, 0.1073), "CN-GZ": (0.5182, 0.4989),
    "CN-SC": (0.1255, 0.1404), "CN-CQ": (0.4743, 0.5227), "CN-HI": (0.4524, 0.4184), "CN-GX": (0.5154, 0.4044),
    "CN-GD": (0.4715, 0.4403), "CN-HN": (0.5138, 0.49), "CN-HB": (0.3672, 0.4364), "CN-HA": (0.6369, 0.6058),
    "CN-JX": (0.5835, 0.5752), "CN-FJ": (0.4711, 0.4092), "CN-AH": (0.7075, 0.6782), "CN-ZJ": (0.5422, 0.5153),
    "CN-JS": (0.6451, 0.5978), "CN-SH": (0.5834, 0.5849), "CN-HL": (0.6342, 0.5368), "CN-JL": (0.5629, 0.4932),
    "CN-LN": (0.5876, 0.5626), "CN-NM": (0.7025, 0.6849), "CN-SX": (0.7222, 0.7096), "CN-HE": (0.7901, 0.7252),
    "CN-TJ": (0.7355, 0.7041), "CN-BJ": (0.5688, 0.558),
}
JS_REGIONS = {  # tCO2/kWh in the file (0.0007120 = 0.7120 tCO2/MWh)
    "CN-GRID-N": (0.0007120, 0.0006776), "CN-GRID-NE": (0.0006012, 0.0005564), "CN-GRID-E": (0.0005992, 0.0005617),
    "CN-GRID-C": (0.0005354, 0.0005395), "CN-GRID-NW": (0.0005951, 0.0005857), "CN-GRID-S": (0.0004326, 0.0003869),
    "CN-GRID-SW": (0.0002113, 0.0002268),
}
BJN_2022 = {"CN": 0.5366, "CN-GRID-N": 0.6776, "CN-GRID-SW": 0.2268, "CN-GRID-NW": 0.5857, "CN-GRID-E": 0.5617,
            "CN-GRID-NE": 0.5564, "CN-GRID-C": 0.5395, "CN-GRID-S": 0.3869, "CN-HE": 0.7252, "CN-SX": 0.7096,
            "CN-TJ": 0.7041, "CN-NM": 0.6849, "CN-AH": 0.6782, "CN-FJ": 0.4092, "CN-GX": 0.4044, "CN-QH": 0.1567,
            "CN-SC": 0.1404, "CN-YN": 0.1073}
PDF23_TABLES_1_2 = {"CN": 0.5306, "CN-GRID-N": 0.6361, "CN-GRID-NE": 0.5122, "CN-GRID-E": 0.5500,
                    "CN-GRID-C": 0.5271, "CN-GRID-NW": 0.5543, "CN-GRID-S": 0.4042, "CN-GRID-SW": 0.2472}
PDF23_TABLE_3 = {  # 表3 2023年省级电力平均二氧化碳排放因子, in the table's order
    "CN-BJ": 0.5554, "CN-TJ": 0.6796, "CN-HE": 0.6516, "CN-SX": 0.6634, "CN-NM": 0.6479, "CN-LN": 0.4878,
    "CN-JL": 0.4671, "CN-HL": 0.5229, "CN-SH": 0.5737, "CN-JS": 0.5827, "CN-ZJ": 0.4974, "CN-AH": 0.6553,
    "CN-FJ": 0.4211, "CN-JX": 0.5836, "CN-SD": 0.6191, "CN-HA": 0.5897, "CN-HB": 0.4044, "CN-HN": 0.4976,
    "CN-GD": 0.4419, "CN-GX": 0.4476, "CN-HI": 0.3648, "CN-CQ": 0.5581, "CN-SC": 0.1564, "CN-GZ": 0.5683,
    "CN-YN": 0.1333, "CN-SN": 0.6335, "CN-GS": 0.4471, "CN-QH": 0.1796, "CN-NX": 0.6187, "CN-XJ": 0.6021,
}


def _grid_row(region, year, source, dataset="cn_grid_average", param="ef_grid"):
    found = [f for f in LIB.factors.values() if f.param == param and f.region == region and f.source == source
             and f.dataset == dataset and f.valid_from == year]
    assert len(found) == 1, (region, year, source, found)
    return found[0]


CASES = []
for _region, (_v21, _v22) in JS_PROVINCES.items():
    CASES.append((_region, 2021, "MEE-NBS-EF2021", _v21, "JS"))
    CASES.append((_region, 2022, "MEE-NBS-EF2022", _v22, "JS"))
for _region, (_v21, _v22) in JS_REGIONS.items():
    CASES.append((_region, 2021, "MEE-NBS-EF2021", _v21 * 1000, "JS"))
    CASES.append((_region, 2022, "MEE-NBS-EF2022", _v22 * 1000, "JS"))
for _region, _v in BJN_2022.items():
    CASES.append((_region, 2022, "MEE-NBS-EF2022", _v, "BJN"))
CASES.append(("CN", 2021, "MEE-NBS-EF2021", 0.5568, "BJN"))
OFFICIAL_2023 = [(r, v, "PDF23 Table 1/2") for r, v in PDF23_TABLES_1_2.items()] + \
    [(r, v, "PDF23 Table 3") for r, v in PDF23_TABLE_3.items()]


@pytest.mark.parametrize(("region", "year", "source", "value", "copy"), CASES,
                         ids=[f"{c[0]}-{c[1]}-{c[4]}" for c in CASES])
def test_average_factor_equals_second_copy(region, year, source, value, copy):
    row = _grid_row(region, year, source)
    assert float(row.value) == pytest.approx(value, abs=1e-9)
    assert row.unit == "tCO2/MWh"
    assert "re-checked 2026-11-29" in row.note and row.provenance == "transcription"


@pytest.mark.parametrize(("region", "value", "copy"), OFFICIAL_2023, ids=[c[0] for c in OFFICIAL_2023])
def test_2023_average_factor_equals_published_attachment(region, value, copy):
    row = _grid_row(region, 2023, "MEE-NBS-EF2023")
    assert float(row.value) == pytest.approx(value, abs=1e-9)
    assert row.provenance == "official" and "leo21468/CarbonCalculator data/2023.pdf" in row.note
    assert row.valid_to == OPEN  # the latest published: applies to later years until superseded


@pytest.mark.parametrize(("fid", "value", "copy"), [
    ("CN-GRIDTYPE-005", 0.6096, "PDF23 Table 4"),  # 2023 national excluding market-traded non-fossil power
    ("CN-GRIDTYPE-006", 0.8273, "PDF23 Table 5"),  # 2023 national fossil-power factor
    ("CN-GRID-089", 0.5306, "PDF23 Table 1"),      # data year 2023, used for reporting year 2025 on
])
def test_2023_national_factor_equals_published_attachment(fid, value, copy):
    row = BY_ID[fid]
    assert float(row.value) == pytest.approx(value, abs=1e-9)
    assert row.provenance == "official" and "leo21468/CarbonCalculator data/2023.pdf" in row.note


def test_2023_provincial_factor_replaces_2022_from_2023(calc):
    def calc_provincial(year, region):
        rows = [{"activity": "electricity_grid", "amount": 10000, "unit": "MWh"}]
        return calc(rows, year=year, region=region, grid_basis="provincial").lines["CO2"][0]

    # Jiangsu, 10 000 MWh bought: 2022 x 0.5978 (2022 table) = 5 978 t; 2023 x 0.5827 (PDF23 Table 3) = 5 827 t;
    # 2025 keeps the latest published provincial value, 5 827 t. Tibet has no provincial value in Table 3: the
    # Southwest grid's 2023 value 0.2472 (PDF23 Table 2) applies, 2 472 t.
    assert calc_provincial(2022, "CN-JS") == pytest.approx(5978.0)
    assert calc_provincial(2023, "CN-JS") == pytest.approx(5827.0)
    assert calc_provincial(2025, "CN-JS") == pytest.approx(5827.0)
    assert calc_provincial(2023, "CN-XZ") == pytest.approx(2472.0)


@pytest.mark.parametrize(("fid", "value", "copy"), [
    ("CN-GRIDTYPE-002", 0.8426, "BJN"),   # 2021 national fossil-power factor
    ("CN-GRIDTYPE-003", 0.5856, "BJN"),   # 2022 national excluding market-traded non-fossil power
    ("CN-GRIDTYPE-004", 0.8325, "BJN"),   # 2022 national fossil-power factor
    ("CN-GRID-002", 0.5703, "TPF"),       # national grid factor of 环办气候函〔2023〕43号 (reporting 2022-2023)
    ("CN-GRID-003", 0.5366, "BJN"),       # data year 2022, used for reporting year 2024
])
def test_national_factor_equals_second_copy(fid, value, copy):
    row = BY_ID[fid]
    assert float(row.value) == pytest.approx(value, abs=1e-9)
    assert row.provenance == "transcription"  # a news report or second transcription is not the published text
    assert "re-checked 2026-11-29" in row.note


def test_every_cross_checked_row_is_covered():
    noted = {f.id for f in LIB.factors.values() if "re-checked 2026-11-29 (issue 15)" in (f.note or "")
             and f.source.startswith(("MEE-NBS-EF", "MEE-2023-43"))}
    assert len(noted) == 81  # 40 (2021) + 41 (2022) MEE/NBS rows - CN-GRIDTYPE-001 + the 43号 row
    official = {f.id for f in LIB.factors.values() if f.source == "MEE-NBS-EF2023"}
    assert len(official) == 41 and all(LIB.factors[i].provenance == "official" for i in official)  # 11 + 30
