"""The Carbon Assets pages: statement import (all or nothing, unknown accounts, hostile files), forms refusing bad
input with a message in the user's language, XLSX downloads with formula injection neutralised, tenancy of lists."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from parkcarbon.assets import services
from parkcarbon.assets.models import Entry, Transaction
from tests.assets.conftest import D, verified
from tests.hostile_workbooks import billion_laughs, far_cell

HEADER = "date,type,account,quantity,price,counterparty,to_account\n"


def _upload(client, name, data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(reverse("assets:import"), {"file": SimpleUploadedFile(name, data)}, HTTP_ACCEPT_LANGUAGE="en")


def test_csv_statement_recorded_whole(accounts, client_for):
    body = HEADER + ("2024-01-05,allocation,E1-CEA23,1000,,,\n2024-01-06,buy,E1-CEA23,200,88.5,上海环境能源交易所,\n"
                     "2024-01-07,transfer,E1-CEA23,100,,,E2-CEA23\n")
    response = _upload(client_for("park_admin"), "s.csv", body.encode())
    assert response.status_code == 302
    accounts["a1"].refresh_from_db()
    assert accounts["a1"].balance == 1100 and Transaction.objects.count() == 3


def test_statement_with_a_bad_row_records_nothing(accounts, client_for):
    body = HEADER + ("2024-01-05,allocation,E1-CEA23,100,,,\n2024-01-06,sell,E1-CEA23,500,80,,\n"
                     "2024-01-07,buy,NOPE,5,80,,\n")
    html = _upload(client_for("park_admin"), "s.csv", body.encode()).content.decode()
    assert "NOPE" in html  # unknown account named with its row
    assert Entry.objects.count() == 0
    body = HEADER + "2024-01-05,allocation,E1-CEA23,100,,,\n2024-01-06,sell,E1-CEA23,500,80,,\n"
    response = _upload(client_for("park_admin"), "s.csv", body.encode())
    assert response.status_code == 400 and "below zero" in response.content.decode()  # row 3 undoes row 2
    assert Entry.objects.count() == 0


def test_statement_account_outside_reach_is_unknown(accounts, client_for):
    body = HEADER + "2024-01-05,allocation,E2-CEA23,100,,,\n"
    html = _upload(client_for("enterprise_manager"), "s.csv", body.encode()).content.decode()
    assert "E2-CEA23" in html and Entry.objects.count() == 0


def test_xlsx_statement_and_hostile_workbooks(accounts, client_for):
    wb = Workbook()
    wb.active.append(["date", "type", "account", "quantity", "price"])
    wb.active.append([date(2024, 1, 5), "issuance", "E1-CCER", 50, None])
    buffer = io.BytesIO()
    wb.save(buffer)
    assert _upload(client_for("park_admin"), "s.xlsx", buffer.getvalue()).status_code == 302
    assert accounts["c1"].entries.count() == 1
    for hostile in (far_cell(), billion_laughs()):
        response = _upload(client_for("park_admin"), "h.xlsx", hostile)
        assert response.status_code == 400
    assert Entry.objects.count() == 2


def test_overdraw_form_refused_with_message_in_chinese(accounts, client_for):
    client = client_for("enterprise_manager")
    response = client.post(reverse("assets:record"), {
        "account": accounts["a1"].pk, "kind": "sell", "date": "2024-03-01", "quantity": 10, "price": "80"},
        HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 400 and "低于零" in response.content.decode()
    assert Entry.objects.count() == 0


def test_offset_surrender_above_cap_refused_on_the_form(world, accounts, client_for):
    verified(world, world.enterprise, 2023, 1000)
    services.record(None, accounts["c1"], "issuance", D, 100)
    services.allocate(None, world.enterprise, 2023, "final", 900, D)
    response = client_for("enterprise_manager").post(reverse("assets:surrender"), {
        "account": accounts["c1"].pk, "year": 2023, "quantity": 51, "date": "2024-03-02"},
        HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400 and "at most 50 t" in response.content.decode()
    response = client_for("enterprise_manager").post(reverse("assets:surrender"), {
        "account": accounts["c1"].pk, "year": 2023, "quantity": 50, "date": "2024-03-02"})
    assert response.status_code == 302


def test_power_allocation_form(world, client_for):
    response = client_for("park_admin").post(reverse("assets:allocate"), {
        "enterprise": world.enterprise.pk, "year": 2020, "stage": "final", "date": "2024-03-01",
        "method": "power_benchmark", "unit_type": "gas", "supply_mwh": 1_000_000, "heat_gj": 100_000,
        "cooling": "water", "heat_ratio": 0.2, "share": 1})
    assert response.status_code == 302
    assert services.allowance_account(world.enterprise, 2020).balance == 350_860


def test_downloads_neutralise_formulas(accounts, client_for):
    services.record(None, accounts["a1"], "buy", D, 10, price=50, counterparty="=HYPERLINK(\"http://x\")")
    client = client_for("park_admin")
    for name in ("assets:ledger", "assets:index", "assets:compliance"):
        response = client.get(reverse(name) + "?format=xlsx")
        assert response.status_code == 200
        sheet = load_workbook(io.BytesIO(response.content)).active
        cells = [c.value for row in sheet.iter_rows() for c in row]
        assert not any(isinstance(v, str) and v.startswith("=") for v in cells)
    ledger = load_workbook(io.BytesIO(client.get(reverse("assets:ledger") + "?format=xlsx").content)).active
    assert "'=HYPERLINK(\"http://x\")" in [c.value for row in ledger.iter_rows() for c in row]


@pytest.mark.parametrize(("role", "sees_e2"), [("park_viewer", True), ("verifier", True), ("enterprise_reporter", False),
                                               ("other_park_admin", False)])
def test_lists_follow_reach(accounts, client_for, role, sees_e2):
    services.record(None, accounts["a2"], "allocation", D, 7)
    for name in ("assets:index", "assets:ledger"):
        html = client_for(role).get(reverse(name)).content.decode()
        assert ("E2-CEA23" in html) == sees_e2


def test_reverse_from_the_ledger(accounts, client_for):
    txn = services.record(None, accounts["a1"], "allocation", D, 10)
    response = client_for("enterprise_manager").post(reverse("assets:reverse", args=[txn.pk]),
                                                     {"date": "2024-03-02", "note": "typo"})
    assert response.status_code == 302 and Transaction.objects.filter(reverses=txn).exists()
    accounts["a1"].refresh_from_db()
    assert accounts["a1"].balance == 0
    html = client_for("enterprise_manager").get(reverse("assets:ledger"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert html.count('data-testid="reverse-form"') == 0 and ">reversed<" in html


def test_price_series_import_all_or_nothing(world, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from parkcarbon.assets.models import Price

    client = client_for("park_admin")
    bad = b"date,instrument,market,price,source\n2024-01-05,allowance,national,70.5,SEEE\n2024-01-12,gold,,71,\n"
    response = client.post(reverse("assets:prices"), {"file": SimpleUploadedFile("p.csv", bad)},
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400 and "allowance or ccer" in response.content.decode()
    assert not Price.objects.exists()
    good = bad.replace(b"gold", b"ccer")
    assert client.post(reverse("assets:prices"), {"file": SimpleUploadedFile("p.csv", good)}).status_code == 302
    assert sorted(Price.objects.filter(park=world.park).values_list("instrument", "price")) == [
        ("allowance", Decimal("70.50")), ("ccer", Decimal("71.00"))]
    assert client_for("park_viewer").post(reverse("assets:prices"), {"file": SimpleUploadedFile("p.csv", good)}
                                          ).status_code == 403


def test_one_price_goes_to_the_chosen_park_only(world, client_for):
    from parkcarbon.assets.models import Price

    data = {"instrument": "allowance", "market": "national", "date": "2024-01-05", "price": "70.10"}
    assert client_for("park_admin").post(reverse("assets:prices"), {**data, "park": world.other_park.pk}
                                         ).status_code == 400  # not their park
    assert client_for("platform_admin").post(reverse("assets:prices"), {**data, "park": world.park.pk}
                                             ).status_code == 302
    assert list(Price.objects.values_list("park", flat=True)) == [world.park.pk]
