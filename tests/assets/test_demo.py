import io

from django.core.management import call_command

from parkcarbon.assets import services
from parkcarbon.assets.models import Account, Allocation, Entry, Price, Transaction
from parkcarbon.parks.models import Enterprise, Park


def test_demo_park_has_carbon_assets(db, client):
    call_command("load_demo", allow_production=True, stdout=io.StringIO())
    park = Park.objects.get(code="demo-etdz")
    plant = Enterprise.objects.get(park=park, industry_code="4412")
    (row,) = services.compliance([plant], 2022)
    assert row.light == "green" and row.surrendered_offsets == row.offset_cap > 0
    assert Allocation.objects.filter(enterprise=plant, method="power_benchmark").count() == 2
    assert {e.industry_code for e in Enterprise.objects.filter(asset_accounts__isnull=False)} >= {
        "4412", "3120", "3011", "3216"}
    assert Price.objects.filter(park=park).count() > 100 and Transaction.objects.filter(kind="buy").exists()
    counts = (Account.objects.count(), Entry.objects.count())
    call_command("load_demo", allow_production=True, stdout=io.StringIO())
    assert (Account.objects.count(), Entry.objects.count()) == counts

    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="park_admin"))
    for lang, text in (("zh-hans", "已履约"), ("en", "Fulfilled")):
        html = client.get("/assets/compliance/?year=2022", HTTP_ACCEPT_LANGUAGE=lang).content.decode()
        assert text in html and plant.name in html or plant.name_en in html
        for url in ("/assets/", "/assets/ledger/", "/assets/offsets/", "/assets/prices/"):
            assert client.get(url, HTTP_ACCEPT_LANGUAGE=lang).status_code == 200
