"""Helper process for test_worker_kill.py: sets up a file database that a real ``parkcarbon db_worker`` works on,
and acts as the user. ``python -m tests.inventory.worker_harness setup|state|retry|confirm`` prints JSON.
DJANGO_SETTINGS_MODULE points at settings with the database task backend (written by the test)."""

import json
import sys


def setup(rows: int) -> dict:
    from django.core.files.base import ContentFile
    from django.core.management import call_command

    from bench.accounting import workbook
    from parkcarbon.accounts.models import Membership, User
    from parkcarbon.inventory import imports
    from parkcarbon.inventory.models import ImportStatus, Inventory, PendingImport
    from parkcarbon.parks.demo import credit_code
    from parkcarbon.parks.models import Enterprise, Park
    from parkcarbon.reports import services as reports
    from tests.inventory.conftest import add_lines

    call_command("migrate", verbosity=0)
    park = Park.objects.create(name="测试园区", code="kill", province="江苏", city="南通", level="industrial_park")
    ent = Enterprise.objects.create(park=park, name="测试企业", credit_code=credit_code("k1", "320600"),
                                    industry_code="3120")
    user = User.objects.create_user("reporter", password="x" * 12)
    Membership.objects.create(user=user, role="park_admin", park=park)
    inventory = Inventory.objects.create(park=park, enterprise=ent, year=2023, region="CN-JS")
    add_lines(inventory, "energy", [{"activity": "diesel", "amount": 10, "unit": "t"}])
    # An upload the user confirmed (checked already): the worker will save it.
    pending = PendingImport.objects.create(inventory=inventory, file=ContentFile(workbook(rows), name="big.xlsx"),
                                           file_name="big.xlsx", status=ImportStatus.APPLYING, created_by=user,
                                           preview={"energy": {"lines": rows, "co2e": 1.0}})
    imports.apply_import.enqueue(pending.pk)
    report = reports.request_report(user, inventory, "cn_enterprise")
    return {"import": pending.pk, "report": report.pk, "inventory": inventory.pk}


def state() -> dict:
    from parkcarbon.inventory.models import ActivityLine, PendingImport
    from parkcarbon.reports.models import Report

    return {"imports": list(PendingImport.objects.values("pk", "status", "failure", "attempts").order_by("pk")),
            "reports": list(Report.objects.values("pk", "status", "failure", "attempts").order_by("pk")),
            "lines": {str(n): c for n, c in _line_counts(ActivityLine)}}


def _line_counts(model):
    from django.db.models import Count

    return model.objects.values_list("version__number").annotate(n=Count("pk")).order_by("version__number")


def _client():
    from django.test import Client

    from parkcarbon.accounts.models import User

    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(User.objects.get(username="reporter"))
    return client


def retry(import_pk: int, report_pk: int) -> dict:
    from django.urls import reverse

    from parkcarbon.inventory.models import PendingImport

    client = _client()
    inventory = PendingImport.objects.get(pk=import_pk).inventory_id
    page = client.get(reverse("inventory:import_detail", args=[inventory, import_pk])).content.decode()
    report_page = client.get(reverse("reports:detail", args=[report_pk])).content.decode()
    a = client.post(reverse("inventory:import_retry", args=[inventory, import_pk]))
    b = client.post(reverse("reports:retry", args=[report_pk]))
    return {"import_page_reason": "background worker stopped" in page, "report_page_reason":
            "background worker stopped" in report_page, "import_retry": a.status_code, "report_retry": b.status_code,
            "new_report": b.get("Location", "")}


def confirm(import_pk: int) -> dict:
    from django.urls import reverse

    from parkcarbon.inventory.models import PendingImport

    inventory = PendingImport.objects.get(pk=import_pk).inventory_id
    response = _client().post(reverse("inventory:import_confirm", args=[inventory, import_pk]), {"confirm_replace": "1"})
    return {"status": response.status_code}


def main(argv: list[str]) -> None:
    import django

    django.setup()
    command, args = argv[0], [int(a) for a in argv[1:]]
    out = {"setup": setup, "state": state, "retry": retry, "confirm": confirm}[command](*args)
    print(json.dumps(out, default=str))


if __name__ == "__main__":
    main(sys.argv[1:])
