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
