"""The preview's factor table names what each factor applies to and its parameter in the page's language, also for
subjects that are not activities and parameters that share a name (QA walk of 2026-11-29: the zh preview of a
petrochemical inventory showed "carbon_dioxide · CH4密度" for the CO2 density of ethylene-cracker decoking)."""

import pytest
from django.utils.translation import override

from parkcarbon.engine import Options, calculate
from parkcarbon.engine import methodology as M
from parkcarbon.inventory.preview import _factor_records
from tests.workbooks import catalogue_row


@pytest.mark.parametrize(("language", "subject", "param"), [("zh-hans", "二氧化碳", "CO2密度"),
                                                            ("en", "Carbon dioxide", "CO2 density")])
def test_the_co2_density_is_named_as_such(language, subject, param):
    row = catalogue_row("petrochem_ethylene_decoking")
    result = calculate([row], Options(year=2025, region="CN-JS", methodologies=("cn_petrochemicals",)))
    with override(language):
        records = _factor_records(result)
    density = [f for f in records if f["param"] == "density"]
    assert density and all((f["subject_label"], f["param_label"]) == (subject, param) for f in density), density


# Walk of 2026-11-29 (walker2): the table named every parameter by the last method defining that name, so a fuel's
# oxidation rate read "Carbon oxidation rate of the flare" and a fuel's CH4 factor "CH4 emission factor per km of
# pipeline" (the 2019 Refinement's per-km rows), and a qualifier was printed as its key ("industrial_boiler",
# "industry") after a subject that already named the equipment.
@pytest.mark.parametrize(("language", "oxidation", "subject"), [("zh-hans", "碳氧化率", "原煤（工业锅炉）"),
                                                                ("en", "Oxidation rate", "Raw coal (industrial boiler)")])
def test_a_fuels_oxidation_rate_is_not_the_flares_and_the_equipment_is_named_once(language, oxidation, subject):
    row = {"activity": "raw_coal", "amount": 1000, "unit": "t", "equipment": "industrial_boiler"}
    result = M.calculate_enterprise(["cn_cement"], [row], 2025, "CN-JS")  # Table 2.3: 95 % in industrial boilers
    with override(language):
        records = _factor_records(result)
    (of,) = [f for f in records if f["param"] == "of"]
    assert (of["subject_label"], of["param_label"], of["qualifier_label"]) == (subject, oxidation, "")


@pytest.mark.parametrize(("language", "ch4", "sector", "km"), [
    ("zh-hans", "CH4排放因子", "行业", "单位管道长度CH4排放因子"),
    ("en", "CH4 emission factor", "Industry", "CH4 emission factor per km of pipeline")])
def test_a_fuels_ch4_factor_is_not_per_km_and_its_sector_is_in_words(language, ch4, sector, km):
    rows = [{"activity": "natural_gas", "amount": 10, "unit": "10^4 Nm3"},
            {"activity": "og19_gas_transmission_limited_ldar_km", "amount": 100, "unit": "km"}]
    result = calculate(rows, Options(year=2025, region="CN-JS", methodologies=("ipcc2019",)))
    with override(language):
        records = _factor_records(result)
    fuel = [f for f in records if f["param"] == "ef_ch4" and f["qualifier"] == "industry"]
    assert fuel and all((f["param_label"], f["qualifier_label"]) == (ch4, sector) for f in fuel), fuel
    per_km = [f for f in records if f["param"] == "ef_ch4" and f["subject"].endswith("_km")]
    assert per_km and all(f["param_label"] == km for f in per_km), per_km
