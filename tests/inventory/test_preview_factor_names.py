"""The preview's factor table names what each factor applies to and its parameter in the page's language, also for
subjects that are not activities and parameters that share a name (QA walk of 2026-11-29: the zh preview of a
petrochemical inventory showed "carbon_dioxide · CH4密度" for the CO2 density of ethylene-cracker decoking)."""

import pytest
from django.utils.translation import override

from parkcarbon.engine import Options, calculate
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


def _used(*ids):
    """A result whose factors_used are these library factors (the columns _factor_records reads)."""
    from types import SimpleNamespace

    import pandas as pd

    from parkcarbon.engine import load_library

    lib = load_library()
    return SimpleNamespace(factors_used=pd.DataFrame([
        {"id": i, "subject": lib.factors[i].subject, "param": lib.factors[i].param, "unit": lib.factors[i].unit,
         "qualifier": lib.factors[i].qualifier, "source": lib.factors[i].source} for i in ids]))


@pytest.mark.parametrize(("language", "combustion", "mains", "sector"), [
    ("zh-hans", "CH4排放因子", "单位管道长度CH4排放因子", "制造业和建筑业"),
    ("en", "CH4 emission factor", "CH4 emission factor per km of pipeline", "manufacturing industries and construction")])
def test_a_shared_parameter_name_takes_the_label_of_its_unit_and_the_sector_is_in_words(language, combustion, mains,
                                                                                        sector):
    """QA walk of 2026-11-29 (walker3): the zh preview of the park's gas distribution company labelled the IPCC 2006
    Vol.2 Table 2.3 combustion factor of gas, 1 kgCH4/TJ, "燃气 · 单位管道长度CH4排放因子 · industry": the IPCC 2019
    per-km parameter is also called ef_ch4 (the last method's label won), and the sector printed as its key."""
    with override(language):
        comb, km = _factor_records(_used("IPCC-COMB-019", "IPCC-R19-OG-119"))
    assert (comb["param_label"], comb["qualifier_label"]) == (combustion, sector), comb
    assert km["param_label"] == mains and km["qualifier_label"] == "", km
