"""A supplier-specific emission factor needs its evidence (issue 15, bad input): the line's evidence file, or a
document named in the field ``evidence``, satisfies it; without either the inventory names the line and the field."""

import pytest
from django.core.files.base import ContentFile

from parkcarbon.engine import InputError
from parkcarbon.inventory import services
from tests.inventory.conftest import add_lines

pytestmark = pytest.mark.django_db
SUPPLIER = {"activity": "electricity_supplier", "amount": 1000, "unit": "MWh",
            "measured": {"ef_supplier": {"value": 0.3, "unit": "tCO2/MWh"}}}


def test_evidence_file_of_the_line_is_the_evidence(inventory):
    # 1000 MWh at the supplier's 0.30 tCO2/MWh: market-based 300 t beside the location-based 2023 factor 0.5703.
    add_lines(inventory, "energy", [{**SUPPLIER, "evidence": ContentFile(b"%PDF contract", name="ppa.pdf")}])
    result = services.calculate_inventory(inventory)
    line = result.lines.iloc[0]
    assert line["co2e"] == pytest.approx(570.3) and line["co2e_market"] == pytest.approx(300)


def test_named_document_is_the_evidence(inventory):
    add_lines(inventory, "energy", [{**SUPPLIER, "extra": {"evidence": "PPA 2023-017"}}])
    assert services.calculate_inventory(inventory).lines["co2e_market"][0] == pytest.approx(300)


def test_without_evidence_the_line_is_named(inventory):
    add_lines(inventory, "energy", [SUPPLIER])
    with pytest.raises(InputError) as exc:
        services.calculate_inventory(inventory)
    assert [p.column for p in exc.value.problems] == ["evidence"]
