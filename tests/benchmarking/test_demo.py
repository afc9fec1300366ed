"""The demo park's benchmarking: outputs derived from the enterprises' own activity data, lights of every colour that
the data give, recommendations on the park's curve and the power plant's carbon-market position."""

import io

from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from parkcarbon.accounts.models import User
from parkcarbon.benchmarking.demo import load_demo_outputs
from parkcarbon.benchmarking.models import ProductOutput
from parkcarbon.inventory.models import ActivityLine, Inventory
from parkcarbon.parks.models import Park


def test_demo_benchmarks(db):
    call_command("load_demo", allow_production=True, stdout=io.StringIO())
    park = Park.objects.get(code="demo-etdz")
    products = set(ProductOutput.objects.filter(inventory__park=park).values_list("product", flat=True))
    assert products == {"cement_clinker", "electrolytic_aluminium", "power_coal_gt300", "heat_coal"}
    clinker = ProductOutput.objects.get(inventory__park=park, inventory__year=2024, product="cement_clinker")
    lines = ActivityLine.objects.filter(version__inventory=clinker.inventory, activity="cement_clinker_oxide")
    assert clinker.quantity == round(sum(line.amount for line in lines))  # reachable from the inventory lines
    count = ProductOutput.objects.count()
    load_demo_outputs(park)
    assert ProductOutput.objects.count() == count  # idempotent

    client = Client()
    client.force_login(User.objects.get(username="park_admin"))
    page = client.get(reverse("benchmarking:park"), {"park": park.pk, "year": 2024}, HTTP_ACCEPT_LANGUAGE="en")
    rows = page.context["rows"]
    assert len(rows) == park.enterprises.count()
    assert {r.light for r in rows} >= {"green", "red", "none"}  # aluminium and heat green; power and cement red
    assert len(page.context["macc"]["segments"]) > 20
    power = Inventory.objects.get(park=park, year=2024, enterprise__industry_code="4412")
    detail = client.get(reverse("benchmarking:enterprise", args=[power.pk]), HTTP_ACCEPT_LANGUAGE="en")
    market = next(i["rec"] for i in detail.context["recommendations"] if i["rec"].rule == "carbon_market")
    assert market.numbers["balance"] < 0 and market.numbers["ccer"] > 0  # 0.90 t/MWh against 0.877: a deficit
