"""Compound units read in the page's language where their parts are words (walk of 2026-11-29: zh pages printed
tCH4/well, tCH4/facility, tCO2/10^3 m3 although 口, 个 and 千m3 are the Chinese names of well, facility and
10^3 m3 in engine/data/units.csv). As tce/10^4 yuan reads tce/万元, symbols stay symbols (tCO2/MWh); the stored
unit is unchanged."""

import pytest
from django.urls import reverse
from django.utils.translation import override

from parkcarbon.engine import Options, calculate
from parkcarbon.inventory import guide
from parkcarbon.inventory.preview import _factor_records

# (stored unit, zh page, en page): the Chinese name of each word part is its first Chinese alias in units.csv
# (well: 口, facility: 个, 10^3 m3: 千m3, 10^6 m3: 百万m3, 10^4 Nm3: 万Nm3, head: 头, yr: 年).
CASES = [("tCH4/well", "tCH4/口", "tCH4/well"), ("tCH4/facility", "tCH4/个", "tCH4/facility"),
         ("tCO2/10^3 m3", "tCO2/千m3", "tCO2/10^3 m3"), ("tN2O/10^6 m3", "tN2O/百万m3", "tN2O/10^6 m3"),
         ("GJ/10^4 Nm3", "GJ/万Nm3", "GJ/10^4 Nm3"), ("kgCH4/head", "kgCH4/头", "kgCH4/head"),
         ("1/yr", "1/年", "1/yr"), ("tce/10^4 yuan", "tce/万元", "tce/10^4 yuan"),
         ("tCO2/MWh", "tCO2/MWh", "tCO2/MWh"), ("tC/TJ", "tC/TJ", "tC/TJ")]


@pytest.mark.parametrize(("unit", "zh", "en"), CASES)
def test_compound_units_in_the_pages_language(unit, zh, en):
    with override("zh-hans"):
        assert guide.unit_label(unit) == zh
    with override("en"):
        assert guide.unit_label(unit) == en


@pytest.mark.parametrize(("language", "label"), [("zh-hans", "tCH4/口"), ("en", "tCH4/well")])
def test_the_previews_factor_table_reads_per_well_in_the_pages_language(language, label):
    rows = [{"activity": "og19_oil_expl_noflare_wells", "amount": 10, "unit": "well"}]
    result = calculate(rows, Options(year=2025, region="CN-JS", methodologies=("ipcc2019",)))
    with override(language):
        records = _factor_records(result)
    per_well = [f for f in records if f["unit"] == "tCH4/well"]  # the stored unit stays the code
    assert per_well and all(f["unit_label"] == label for f in per_well), per_well


@pytest.mark.parametrize(("language", "label", "other"), [("zh-hans", "tCH4/口", "tCH4/well"),
                                                          ("en", "tCH4/well", "tCH4/口")])
def test_the_trace_reads_per_well_in_the_pages_language(inventory, client_for, language, label, other):
    from tests.inventory.conftest import add_lines

    add_lines(inventory, "energy", [{"activity": "og19_oil_expl_noflare_wells", "amount": 10, "unit": "well"}])
    line = inventory.versions.filter(section="energy").order_by("-number").first().lines.get()
    client = client_for("park_admin")
    client.cookies["django_language"] = language
    page = client.get(reverse("releases:trace", args=[inventory.pk, line.pk])).content.decode()
    assert label in page and other not in page
