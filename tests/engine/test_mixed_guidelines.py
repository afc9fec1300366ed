"""An inventory under two guidelines: each line takes the defaults of the guideline that covers it (issue 15).

Before the fix the datasets of every chosen guideline were merged in order and every line resolved against that
one list, so a second guideline's activity took the first guideline's values (forest carbon fraction IPCC 0.47
instead of the provincial guideline's 0.5)."""

import itertools

import pytest

from parkcarbon.engine import methodology as M

YEAR, REGION = 2022, "CN-JS"
FOREST = {"activity": "forest_growth", "amount": 100, "unit": "ha", "growth": 5, "growth_unit": "tDM/ha",
          "root_ratio": 0.2, "root_ratio_unit": "fraction"}


@pytest.mark.parametrize("mix", [["cn_park_inventory"], ["cn_other_industry", "cn_park_inventory"],
                                 ["cn_cement", "cn_park_inventory"]])
def test_forest_carbon_fraction_follows_the_covering_guideline(mix):
    # Provincial inventory guideline (NDRC 2011) ch.4: carbon fraction of biomass 0.5 (IPCC 2006 V4 Table 4.3: 0.47).
    # 100 ha x 5 t dm/ha x (1 + 0.2 root ratio) x 0.5 tC/t dm x 44/12 = 1100 t CO2 removed.
    r = M.calculate_enterprise(mix, [FOREST], YEAR, REGION)
    assert r.lines["factor:cf"][0] == "AFOLU-043"
    assert r.total_co2e == pytest.approx(-100 * 5 * 1.2 * 0.5 * 44 / 12)


def test_ipcc_alone_keeps_its_own_fraction():
    # IPCC 2006 V4 Table 4.3 0.47: 100 x 5 x 1.2 x 0.47 x 44/12 = 1034 t.
    r = M.calculate_enterprise(["ipcc2006"], [FOREST], YEAR, REGION)
    assert r.lines["factor:cf"][0] == "AFOLU-042" and r.total_co2e == pytest.approx(-1034.0)


PAIRS = list(itertools.permutations(["cn_other_industry", "cn_park_inventory", "ipcc2006", "ghg_protocol",
                                     "cn_power_generation", "ipcc2019"], 2))


@pytest.mark.parametrize(("first", "second"), PAIRS)
def test_every_activity_resolves_with_its_own_guideline_first(first, second):
    """For every activity of the mix, the datasets searched first are those of the guideline that covers it."""
    opts = M.options_for([first, second], YEAR, REGION)
    a, b = M.get(first), M.get(second)
    for act in b.activities:
        owner = a if a.category_of(act) is not None else b
        assert opts.datasets_for(act)[:len(owner.datasets)] == owner.datasets, (act, owner.id)
