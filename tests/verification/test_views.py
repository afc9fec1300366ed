"""Verification pages in both languages, the steps through HTTP, and the evidence file's limits."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from parkcarbon.inventory import services as inventory_services
from parkcarbon.inventory.models import Inventory
from parkcarbon.verification import services
from parkcarbon.verification.models import Adjustment, Comment

LANGS = pytest.mark.parametrize(("lang", "i"), [("zh-hans", 0), ("en", 1)])


def speaking(client, lang):
    client.post(reverse("set_language"), {"language": lang, "next": "/"})
    return client


def set_status(inventory, status):
    Inventory.objects.filter(pk=inventory.pk).update(status=status)
    inventory.refresh_from_db()


@LANGS
def test_review_panel_in_both_languages(inventory, client_for, lang, i):
    set_status(inventory, "submitted")
    html = speaking(client_for("park_admin"), lang).get(reverse("verification:panel", args=[inventory.pk])).content.decode()
    for words in [("审核通过", "Accept"), ("退回填报人", "Return to the reporter"), ("对清单或数据行提出意见", "Comment on the inventory or a line")]:
        assert words[i] in html and words[1 - i] not in html
    assert "Record a verified adjustment" not in html and "记录核查调整" not in html  # not the park's step


@LANGS
def test_verifier_panel_worklist_and_version_in_both_languages(inventory, world, client_for, lang, i):
    set_status(inventory, "under_verification")
    c = speaking(client_for("verifier"), lang)
    html = c.get(reverse("verification:panel", args=[inventory.pk])).content.decode()
    for words in [("记录核查调整", "Record a verified adjustment"), ("有保留意见的核查通过", "Verified with qualifications")]:
        assert words[i] in html and words[1 - i] not in html
    html = c.get(reverse("verification:worklist")).content.decode()
    assert ("核查中", "Under verification")[i] in html and str(inventory) in html
    services.conclude(inventory, world.users["verifier"], "verified", "Fine.")
    services.new_version(inventory, world.users["park_admin"], "Restated")
    html = c.get(reverse("verification:version", args=[inventory.pk, 1])).content.decode()
    assert ("有变化的数据行", "Changed lines")[i] in html and ("各数据行均无差异。", "No line differs.")[i] in html


def test_return_then_the_reporter_sees_the_comments_and_edits(inventory, world, client_for):
    set_status(inventory, "submitted")
    admin = client_for("park_admin")
    coal = inventory_services.current_lines(inventory).get(activity="bituminous_coal")
    r = admin.post(reverse("verification:comment", args=[inventory.pk]), {"line": coal.pk, "text": "Coal too high?"})
    assert r.status_code == 302
    r = admin.post(reverse("verification:return", args=[inventory.pk]), {"text": "See the coal line."})
    assert r.status_code == 302
    inventory.refresh_from_db()
    assert inventory.status == "returned"
    html = client_for("enterprise_reporter").get(inventory.get_absolute_url()).content.decode()
    assert "Coal too high?" in html and "See the coal line." in html
    assert 'data-testid="line-form"' in html  # editable again
    assert Comment.objects.filter(inventory=inventory, by=world.users["park_admin"]).count() == 2


def test_a_return_without_a_comment_is_refused_on_the_page(inventory, client_for):
    set_status(inventory, "submitted")
    r = client_for("park_admin").post(reverse("verification:return", args=[inventory.pk]), {"text": " "})
    assert r.status_code == 400
    assert Inventory.objects.get(pk=inventory.pk).status == "submitted"


def test_adjustment_with_evidence_and_its_download(inventory, client_for):
    set_status(inventory, "under_verification")
    line = inventory_services.current_lines(inventory).get(activity="electricity_grid")
    r = client_for("verifier").post(reverse("verification:adjust", args=[inventory.pk]), {
        "line": line.pk, "verified_amount": "9000", "reason": "Bills",
        "evidence": SimpleUploadedFile("bills.pdf", b"%PDF bills")})
    assert r.status_code == 302
    adj = Adjustment.objects.get()
    r = client_for("enterprise_reporter").get(reverse("verification:evidence", args=[inventory.pk, adj.pk]))
    assert b"".join(r.streaming_content) == b"%PDF bills"
    html = client_for("verifier").get(reverse("verification:panel", args=[inventory.pk])).content.decode()
    assert 'data-testid="verified-total"' in html


@override_settings(PARKCARBON_PARK_STORAGE_QUOTA_MB=0)
def test_adjustment_evidence_respects_the_park_quota(inventory, client_for):
    set_status(inventory, "under_verification")
    line = inventory_services.current_lines(inventory).first()
    r = client_for("verifier").post(reverse("verification:adjust", args=[inventory.pk]), {
        "line": line.pk, "verified_amount": "1", "reason": "x", "evidence": SimpleUploadedFile("a.pdf", b"12345")})
    assert r.status_code == 400
    assert "quota" in r.content.decode() or "配额" in r.content.decode()
    assert not Adjustment.objects.exists()


def test_other_tenants_get_404_on_every_page(other_inventory, client_for):
    set_status(other_inventory, "under_verification")
    for name in ["panel", "accept", "return", "comment", "adjust", "conclude", "new_version"]:
        method = "get" if name == "panel" else "post"
        r = getattr(client_for("verifier"), method)(reverse(f"verification:{name}", args=[other_inventory.pk]))
        assert r.status_code == 404, name


@LANGS
def test_park_totals_of_verified_inventories_only(inventory, world, client_for, lang, i):
    from parkcarbon.inventory.park import park_summary
    from tests.inventory.conftest import add_lines

    e2 = Inventory.objects.create(park=world.park, enterprise=world.enterprise2, year=2023, region="CN-JS",
                                  status="submitted")
    add_lines(e2, "energy", [{"activity": "diesel", "amount": 10, "unit": "t"}])
    set_status(inventory, "under_verification")
    services.conclude(inventory, world.users["verifier"], "verified", "Fine.")
    every = park_summary(world.park, 2023)
    verified = park_summary(world.park, 2023, verified_only=True)
    assert (every.n_verified, len(every.rows), len(verified.rows)) == (1, 2, 1)
    assert verified.total_co2e == pytest.approx(inventory.snapshot.total_co2e)
    c = speaking(client_for("park_admin"), lang)
    html = c.get(reverse("inventory:park", args=[world.park.pk, 2023]) + "?verified=1").content.decode()
    assert ("仅计入核查通过的清单：1 份企业清单", "Verified inventories only: 1 enterprise inventory")[i] in html
    html = c.get(reverse("inventory:park", args=[world.park.pk, 2023])).content.decode()
    assert ("其中 1 份企业清单已核查通过。", "1 enterprise inventory is verified.")[i] in html


@LANGS
def test_verifier_sees_why_a_submitted_inventory_has_no_steps_yet(inventory, client_for, lang, i):
    """QA walk: the verifier opened a submitted (not yet accepted) inventory and found no form and no word why."""
    set_status(inventory, "submitted")
    html = speaking(client_for("verifier"), lang).get(reverse("verification:panel", args=[inventory.pk])).content.decode()
    waiting = ("等待园区管理员审核通过", "waiting for the park administrator to accept it")
    assert waiting[i] in html and waiting[1 - i] not in html
    park = speaking(client_for("park_admin"), lang).get(reverse("verification:panel", args=[inventory.pk])).content.decode()
    assert waiting[i] not in park  # the park administrator has the accept form instead


@LANGS
def test_a_line_comment_reads_in_the_readers_language(inventory, world, client_for, lang, i):
    """The walk found a comment written by an English-speaking reviewer shown as "Energy Activities · ..." on the
    Chinese pages: the label follows the reader (Section labels in inventory.models) while the line exists."""
    set_status(inventory, "submitted")
    coal = inventory_services.current_lines(inventory).get(activity="bituminous_coal")
    other_lang = ("en", "zh-hans")[i]
    speaking(client_for("park_admin"), other_lang).post(reverse("verification:comment", args=[inventory.pk]),
                                                        {"line": coal.pk, "text": "Coal?"})
    services.return_to_reporter(inventory, world.users["park_admin"], "See the coal line.")
    sections = ("能源活动", "Energy Activities")
    for role, url in (("park_admin", reverse("verification:panel", args=[inventory.pk])),
                      ("enterprise_reporter", inventory.get_absolute_url())):
        html = speaking(client_for(role), lang).get(url).content.decode()
        assert f"{sections[i]} · " in html and f"{sections[1 - i]} · " not in html, role
    coal.delete()  # once the line is gone, the stored label (the writer's language) is all there is
    html = speaking(client_for("park_admin"), lang).get(reverse("verification:panel", args=[inventory.pk])).content.decode()
    assert f"{sections[1 - i]} · " in html


@pytest.mark.parametrize(("lang", "unit"), [("zh-hans", "吨"), ("en", "t")])
def test_lines_and_adjustments_give_units_in_the_pages_language(inventory, client_for, lang, unit):
    """Walk of 2026-11-29 (walker4): the Chinese panel listed "奶牛存栏量（肠道发酵） · 10 head" and an adjustment of
    "10 head → 9 head"; units read as the inventory pages give them (头, 吨 in Chinese; head, t in English)."""
    set_status(inventory, "under_verification")
    line = inventory_services.current_lines(inventory).get(activity="bituminous_coal")  # 1000 t in the fixture
    speaking(client_for("verifier"), lang).post(reverse("verification:adjust", args=[inventory.pk]), {
        "line": line.pk, "verified_amount": "900", "reason": "weighbridge"})
    html = speaking(client_for("verifier"), lang).get(reverse("verification:panel", args=[inventory.pk])).content.decode()
    assert f"1000 {unit}</option>" in html  # the line to comment on or adjust
    assert f"900 {unit}</td>" in html and f"1000 {unit}</td>" in html  # the adjustment: reported and verified
    other = "t" if unit == "吨" else "吨"
    assert f"1000 {other}<" not in html and f"900 {other}<" not in html


def test_a_conclusion_gives_both_totals_in_t_co2e(inventory, client_for, world):
    """Walk of 2026-11-29 (walker4): the conclusion line said "Reported 1,319,082.8 t · Verified 1,319,080.8 t
    CO2e"; both are tonnes of CO2e."""
    set_status(inventory, "under_verification")
    r = client_for("verifier").post(reverse("verification:conclude", args=[inventory.pk]),
                                    {"opinion": "verified", "statement": "Checked."})
    assert r.status_code == 302
    html = speaking(client_for("verifier"), "en").get(reverse("verification:panel", args=[inventory.pk])).content.decode()
    reported = f"{inventory.snapshot.total_co2e:,.1f}"
    assert f"Reported {reported} t CO2e" in html
