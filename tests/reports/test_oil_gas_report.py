"""The oil and gas guideline's report tables (issue 15): flaring, exploration venting, gas processing and CH4
recovered each have a row under the guideline's own category title, and the guideline's CO2e table adds up to the
headline total (every line is the guideline's, so no reconciliation table). Numbers: the guideline's equations as in
tests/engine/test_guidelines_oil_gas.py (OF 98 %, 7.17 t CH4 and 19.77 t CO2 per 10^4 Nm3, 13.83 / 40.34 t CH4 per
10^8 Nm3 processed, SAR CH4 = 21)."""

import pytest

from parkcarbon.engine import methodology as M
from parkcarbon.inventory.models import Inventory
from parkcarbon.reports.content import TEMPLATES
from parkcarbon.reports.content.labels import GUIDELINE_COLUMNS
from parkcarbon.reports.services import collect_facts
from tests.reports.conftest import add_lines

pytestmark = pytest.mark.django_db

ROWS = [
    {"activity": "og_flare_gas", "amount": 100, "unit": "10^4 Nm3",
     "measured": {"flare_carbon": {"value": 0.5, "unit": "tC/10^4 Nm3"}}},  # 179.6667 t CO2
    {"activity": "og_flare_gas_ch4", "amount": 80, "unit": "10^4 Nm3"},          # 11.472 t CH4
    {"activity": "og_exploration_vent_ch4", "amount": 10.8, "unit": "10^4 Nm3"},  # 77.436 t CH4
    {"activity": "og_processing_vent_ch4", "amount": 5, "unit": "10^8 Nm3"},     # 69.15 t CH4
    {"activity": "og_processing_acid_gas_co2", "amount": 17.6, "unit": "10^4 Nm3"},  # 347.952 t CO2
    {"activity": "og_ch4_recovered", "amount": 4, "unit": "10^4 Nm3"},           # -28.68 t CH4
]
TOTAL = 100 * 0.5 * 0.98 * 44 / 12 + 347.952 + (11.472 + 77.436 + 69.15 - 28.68) * 21


def test_oil_gas_guideline_tables_name_each_category_and_add_up(world):
    # the guideline's GWP set (SAR), as the entry form proposes for it
    inv = Inventory.objects.create(park=world.park, enterprise=world.enterprise, year=2024, region="CN-XJ",
                                   status="submitted", methodologies=["cn_oil_gas"], gwp_set="SAR")
    add_lines(inv, "energy", ROWS)
    facts = collect_facts(inv, "cn_enterprise")
    assert facts.total == pytest.approx(TOTAL, rel=1e-9)
    data = TEMPLATES["cn_enterprise"](facts)
    tables = {t.key: t for t in data.tables()}
    assert "guideline_reconciliation" not in tables
    emissions = next(t for k, t in tables.items() if k.startswith("guideline_") and "emissions" in k)
    labels = [r[0] for r in emissions.rows]
    m = M.get("cn_oil_gas")
    for cid in ("flaring", "exploration", "gas_processing", "ch4_recovered"):
        assert next(c for c in m.categories if c.id == cid).title_zh in labels, (cid, labels)
    co2e = [c.label for c in emissions.columns].index(GUIDELINE_COLUMNS["co2e"][0])
    assert emissions.total[co2e] == pytest.approx(TOTAL, rel=1e-9)
