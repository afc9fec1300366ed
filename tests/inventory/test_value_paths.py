"""Values are checked once, the same way everywhere: hostile values fed to the engine check, `parkcarbon calc`, an
upload and the manual line form get the same verdict, and nothing that was accepted fails later on save."""

import io
import json
import math

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from parkcarbon.engine import InputError, calculate
from parkcarbon.engine.cli import main
from parkcarbon.engine.values import compute_checked
from parkcarbon.inventory.models import ActivityLine, ImportStatus, PendingImport
from tests.workbooks import CATALOGUE_OPTIONS, filled_template

pytestmark = pytest.mark.django_db

HOSTILE_NUMBERS = [0, 5, "5", 1e12, 1e12 * 1.001, 1e308, -1, -1e308, 5e-324, math.inf, -math.inf, math.nan, True,
                   "abc", "1e999", 10**13]
numbers = st.one_of(st.sampled_from(HOSTILE_NUMBERS), st.floats(), st.integers(-10, 10**14))
optional = st.one_of(st.none(), st.sampled_from([-50, 0, 1000, 1000.5, 1e308, math.inf, math.nan, "x"]), st.floats())
texts = st.one_of(st.none(), st.text(max_size=12), st.sampled_from(["a\x00b", "\x01", "ok\x7f", "x" * 500, "y" * 501,
                                                                     "line\nbreak\ttab", "  padded  ", "\x0b"]))
ACTIVITIES = {"diesel": "t", "natural_gas": "10^4 Nm3", "electricity_grid": "MWh"}


@st.composite
def lines(draw):
    activity = draw(st.sampled_from(list(ACTIVITIES)))
    row = {"activity": activity, "amount": draw(numbers), "unit": ACTIVITIES[activity],
           "month": draw(st.sampled_from([0, 1, 12, 13, -1, 2.5, None])),
           "ad_uncertainty_pct": draw(optional), "note": draw(texts)}
    if activity == "diesel" and draw(st.booleans()):
        row["ncv"], row["ncv_unit"] = draw(numbers), "GJ/t"
    return {k: v for k, v in row.items() if v is not None}


def engine_verdict(row) -> bool:
    try:
        compute_checked([row], lambda checked: calculate(checked, CATALOGUE_OPTIONS))
    except InputError:
        return False
    return True


def cli_verdict(row, tmp_path) -> bool:
    path = tmp_path / "rows.json"
    path.write_text(json.dumps([row]), "utf-8")  # NaN / Infinity as Python's json writes them
    code = main([str(path), "--year", "2023", "--region", "CN-JS", "--format", "json", "--output", str(tmp_path / "o")])
    assert code in (0, 2)
    return code == 0


def _form_value(value) -> str:
    """What a browser posts: NaN is pandas' missing value, a blank field in a form."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def form_verdict(client, inventory, row) -> bool:
    before = ActivityLine.objects.count()
    data = {"section": "energy", "activity": row["activity"], "amount": _form_value(row.get("amount")),
            "unit": row["unit"], "month": _form_value(row.get("month", 0)) or "0",
            "ad_uncertainty_pct": _form_value(row.get("ad_uncertainty_pct")), "note": row.get("note", "")}
    if "ncv" in row:
        data |= {"p_ncv": _form_value(row["ncv"]), "p_ncv_unit": row["ncv_unit"]}
    response = client.post(reverse("inventory:line_add", args=[inventory.pk]) + "?section=energy", data)
    assert response.status_code in (302, 422), response.status_code
    saved = ActivityLine.objects.count() - before
    assert saved == (1 if response.status_code == 302 else 0)  # accepted means saved, with a snapshot
    if saved:
        inventory.refresh_from_db()
        assert math.isfinite(inventory.snapshot.total_co2e)
    return response.status_code == 302


def upload_verdict(client, inventory, row) -> bool | None:
    """None when a spreadsheet cannot hold the value (Excel has no inf/NaN; XML 1.0 has no control characters)."""
    if any(isinstance(v, float) and not math.isfinite(v) for v in row.values()):
        return None
    if any(isinstance(v, str) and ILLEGAL_CHARACTERS_RE.search(v) for v in row.values()):
        return None
    f = io.BytesIO(filled_template([row]))
    f.name = "data.xlsx"
    client.post(reverse("inventory:upload", args=[inventory.pk]), {"file": f})
    pending = PendingImport.objects.latest("pk")
    if pending.status != ImportStatus.VALID:
        assert pending.status == ImportStatus.INVALID and pending.problems
        return False
    client.post(reverse("inventory:import_confirm", args=[inventory.pk, pending.pk]), {"confirm_warnings": "1", "confirm_replace": "1"})
    pending.refresh_from_db()
    assert pending.status == ImportStatus.APPLIED  # accepted means saved
    inventory.refresh_from_db()
    assert math.isfinite(inventory.snapshot.total_co2e)
    return True


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(row=lines())
def test_every_path_gives_the_same_verdict(row, inventory, client_for, tmp_path_factory):
    client = client_for("enterprise_reporter")
    verdicts = {"engine": engine_verdict(row), "cli": cli_verdict(row, tmp_path_factory.mktemp("cli")),
                "form": form_verdict(client, inventory, row), "upload": upload_verdict(client, inventory, row)}
    if verdicts["upload"] is None:
        del verdicts["upload"]
    assert len(set(verdicts.values())) == 1, (row, verdicts)
    event(f"accepted={verdicts['engine']} upload={'upload' in verdicts}")


@pytest.mark.parametrize("row", [
    {"activity": "diesel", "amount": 1e308, "unit": "t"},
    {"activity": "diesel", "amount": 5, "unit": "t", "ad_uncertainty_pct": -50},
    {"activity": "diesel", "amount": 5, "unit": "t", "ad_uncertainty_pct": 1e308},
    {"activity": "diesel", "amount": 5, "unit": "t", "note": "a\x00b"},
    {"activity": "diesel", "amount": 5, "unit": "t", "note": "y" * 501},
    {"activity": "diesel", "amount": 5, "unit": "t", "ncv": 1e308, "ncv_unit": "GJ/t"},
])
def test_the_values_of_issue_24_are_refused_on_every_path(row, inventory, client_for, tmp_path):
    client = client_for("enterprise_reporter")
    assert not engine_verdict(row) and not cli_verdict(row, tmp_path) and not form_verdict(client, inventory, row)
    assert upload_verdict(client, inventory, row) in (False, None)
