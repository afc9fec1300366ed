"""The line form offers the 2019 Refinement's new sources (coal mining CO2, oil and gas per well and per km, hydrogen
from biogenic feedstocks) under ipcc2019's own source categories, named in both languages; under the 2006 Guidelines
they are grouped as covered by the 2019 Refinement."""

import pytest
from django.utils import translation

from parkcarbon.engine import methodology as M
from parkcarbon.inventory.forms import activity_choices

NEW = {"energy": ["coal_underground_mining_co2", "coal_surface_mining_co2", "og19_oil_expl_conv_drilled",
                  "og19_abandoned_wells_offshore_unplugged", "og19_town_gas_distribution_km"],
       "ippu": ["hydrogen_bioethanol", "hydrogen_black_liquor"]}


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
@pytest.mark.parametrize("section", list(NEW))
def test_new_sources_are_offered_under_ipcc2019(lang, section):
    with translation.override(lang):
        groups = activity_choices(section, ["ipcc2019"])
        titles = {c.id: (c.title_zh if lang == "zh-hans" else c.title_en) for c in M.get("ipcc2019").categories}
        where = {code: label for label, items in groups for code, _name in items}
        names = {code: name for _label, items in groups for code, name in items}
        category = "1B_fugitive" if section == "energy" else "2_ippu"
        for code in NEW[section]:
            assert where[code] == titles[category]
            assert "_" not in names[code] and names[code] != code
        under_2006 = {code: label for label, items in activity_choices(section, ["ipcc2006"]) for code, _n in items}
        assert all(M.get("ipcc2019").title_en in under_2006[c] or M.get("ipcc2019").title_zh in under_2006[c]
                   for c in NEW[section])
