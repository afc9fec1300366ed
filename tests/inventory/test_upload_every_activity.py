"""Every activity of the catalogue uploaded through the web flow (upload -> validate -> confirm -> saved lines), on
each section's sheet and on all four sheets at once; saved lines and totals equal the engine on the same rows.
Problems of a file come in one round (structure and values together), capped with a count of the rest."""

import io

import pytest
from django.urls import reverse

from parkcarbon.engine import calculate
from parkcarbon.engine.template import SECTION_SHEETS
from parkcarbon.engine.values import MAX_PROBLEMS, method_fields
from parkcarbon.inventory import services
from parkcarbon.inventory.models import ImportStatus, PendingImport
from tests.workbooks import CATALOGUE_OPTIONS, catalogue_row, catalogue_rows, filled_workbook

pytestmark = pytest.mark.django_db
SECTION_OF = {sheet: section for section, sheet in SECTION_SHEETS.items()}


def upload(client, inventory, data: bytes):
    f = io.BytesIO(data)
    f.name = "data.xlsx"
    return client.post(reverse("inventory:upload", args=[inventory.pk]), {"file": f})


def upload_and_confirm(client, inventory, data: bytes) -> PendingImport:
    upload(client, inventory, data)
    pending = PendingImport.objects.latest("pk")
    assert pending.status == ImportStatus.VALID, pending.problems[:10]
    client.post(reverse("inventory:import_confirm", args=[inventory.pk, pending.pk]), {"confirm_warnings": "1"})
    pending.refresh_from_db()
    assert pending.status == ImportStatus.APPLIED
    return pending


@pytest.mark.parametrize("which", [*SECTION_SHEETS.values(), "all"])
def test_every_activity_uploads_and_saves_what_the_engine_computes(inventory, client_for, which):
    sheets = {sheet: catalogue_rows(section) for section, sheet in SECTION_SHEETS.items() if which in ("all", sheet)}
    upload_and_confirm(client_for("enterprise_reporter"), inventory, filled_workbook(sheets))
    inventory.refresh_from_db()
    saved = services.current_lines(inventory)
    result = services.calculate_inventory(inventory)
    lines = result.lines.set_index("row_id")
    for sheet, rows in sheets.items():
        section = SECTION_OF[sheet]
        stored = list(saved.filter(version__section=section).order_by("position"))
        assert [(s.activity, s.amount, s.unit) for s in stored] == [(r["activity"], r["amount"], r["unit"]) for r in rows]
        for line, row in zip(stored, rows, strict=True):  # measured parameters and method fields kept as given
            assert line.measured == {k: {"value": row[k], "unit": row[f"{k}_unit"]} for k in row if f"{k}_unit" in row}
            assert line.extra == {k: row[k] for k in row if k in method_fields()}
        direct = calculate([{**r, "row_id": str(i)} for i, r in enumerate(rows)], CATALOGUE_OPTIONS)
        got = lines.loc[[str(s.pk) for s in stored], "co2e"].to_numpy()
        assert got == pytest.approx(direct.lines["co2e"].to_numpy(), rel=1e-9, abs=1e-9)
        assert inventory.snapshot.by_section[section]["co2e"] == pytest.approx(direct.total_co2e, rel=1e-9, abs=1e-6)
    client = client_for("enterprise_reporter")
    for name in ("inventory:detail", "inventory:preview"):
        for section in (None, *SECTION_SHEETS):
            url = reverse(name, args=[inventory.pk]) + (f"?section={section}" if section else "")
            assert client.get(url).status_code == 200, url


def test_structure_and_value_problems_come_in_one_round(inventory, client_for):
    def extra_sheet(wb):
        wb.create_sheet("Sheet1")

    data = filled_workbook({
        SECTION_SHEETS["energy"]: [{"activity": "diesel", "amount": 1e308, "unit": "t"},
                                   {"activity": "landfill_msw", "amount": 5, "unit": "t"}],
        SECTION_SHEETS["waste"]: [{"activity": "landfill_msw", "amount": 5, "unit": "t", "note": "ok"},
                                  {"activity": "diesel", "amount": 1, "unit": "t", "ad_uncertainty_pct": -50}],
    }, mutate=extra_sheet)
    c = client_for("enterprise_reporter")
    upload(c, inventory, data)
    pending = PendingImport.objects.get()
    assert pending.status == ImportStatus.INVALID
    where = {(p["sheet"], p["row"], p["column"].split(" ")[0]) for p in pending.problems}
    energy, waste = SECTION_SHEETS["energy"], SECTION_SHEETS["waste"]
    assert ("Sheet1", "-", "-") in where  # structure ...
    assert (energy, "3", "C") in where  # ... amount beyond bounds
    assert (energy, "4", "B") in where and (waste, "4", "B") in where  # activity on another section's sheet
    assert (waste, "3", "H") in where  # deposit year required: named with the value problems, not after them
    assert (waste, "4", "G") in where  # uncertainty -50 %
    url = reverse("inventory:import_detail", args=[inventory.pk, pending.pk])
    assert "该活动应填写在工作表" in c.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "this activity belongs on the sheet" in c.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert not inventory.versions.filter(number=2).exists()


def test_problems_are_capped_with_the_count_of_the_rest(inventory, client_for):
    rows = [{"activity": "diesel", "amount": "x", "unit": "t"}] * (MAX_PROBLEMS + 50)
    upload(client_for("enterprise_reporter"), inventory, filled_workbook({SECTION_SHEETS["energy"]: rows}))
    problems = PendingImport.objects.get().problems
    assert len(problems) == MAX_PROBLEMS + 1
    assert "50 more problems" in problems[-1]["message"] and "另有 50 个问题" in problems[-1]["message_zh"]


def test_before_saving_the_user_sees_how_many_typed_lines_the_upload_replaces(inventory, client_for):
    c = client_for("enterprise_reporter")
    upload(c, inventory, filled_workbook({SECTION_SHEETS["energy"]: [{"activity": "diesel", "amount": 1, "unit": "t"}],
                                          SECTION_SHEETS["waste"]: [catalogue_row("landfill_msw")]}))
    pending = PendingImport.objects.get()
    assert pending.status == ImportStatus.VALID, pending.problems
    url = reverse("inventory:import_detail", args=[inventory.pk, pending.pk])
    c.post(reverse("set_language"), {"language": "en"})
    alert = c.get(url).content.decode().split('data-testid="replaces-typed">')[1].split("</div>")[0]
    assert "Energy Activities: 3 lines" in alert and "Waste" not in alert  # the waste section has no lines yet
    c.post(reverse("set_language"), {"language": "zh-hans"})
    assert "保存将替换手工填报的行" in c.get(url).content.decode() and "能源活动：3 行" in c.get(url).content.decode()
