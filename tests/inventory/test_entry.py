"""Data entry: no lost update, the guidelines guide (never trap), fast entry, big inventories paginate."""

import re
import threading

import pytest
from django.db import connection
from django.db.backends.signals import connection_created
from django.test import Client
from django.urls import reverse
from django.utils import translation

from parkcarbon.engine import load_library
from parkcarbon.engine import methodology as M
from parkcarbon.inventory import guide, services, views
from parkcarbon.inventory.forms import LineForm, activity_choices, entry_hints
from parkcarbon.inventory.models import ActivityLine, Inventory
from parkcarbon.inventory.views import PAGE_SIZE

SECTIONS = ("energy", "ippu", "waste", "afolu")


def visible(html: str) -> str:
    """The text a user sees (no tags, attributes or script data)."""
    return re.sub(r"<script.*?</script>|<[^>]+>", " ", html, flags=re.S)


def edit_data(line, **changes):
    data = {"section": line.version.section, "activity": line.activity, "amount": str(line.amount),
            "unit": line.unit, "month": str(line.month), "revision": str(line.revision)}
    return {**data, **changes}


# --- no lost update ---------------------------------------------------------------------------------------------

def test_the_edit_form_carries_the_revision_it_was_read_at(inventory, client_for):
    line = services.current_lines(inventory).first()
    page = client_for("enterprise_reporter").get(reverse("inventory:line_edit", args=[inventory.pk, line.pk]))
    assert 'name="revision" value="1"' in page.content.decode()


def test_a_stale_save_is_refused_and_shows_the_other_change(inventory, client_for, world):
    line = services.current_lines(inventory).get(activity="bituminous_coal")
    url = reverse("inventory:line_edit", args=[inventory.pk, line.pk])
    reporter, manager = client_for("enterprise_reporter"), client_for("enterprise_manager")
    first = manager.post(url, edit_data(line, amount="1200"))  # both read revision 1; the manager saves first
    assert first.status_code == 302
    second = reporter.post(url, edit_data(line, amount="900"))
    body = second.content.decode()
    assert second.status_code == 409 and 'data-testid="stale-line"' in body
    assert "enterprise_manager 保存的该行内容" in body and ">1,200<" in body  # who changed it, and their value
    assert 'name="revision" value="2"' in body and 'value="900"' in body  # the user's values kept, now current
    line.refresh_from_db()
    assert (line.amount, line.revision) == (1200, 2)
    again = reporter.post(url, edit_data(line, amount="900"))  # saving again, knowingly, on top of it
    line.refresh_from_db()
    assert again.status_code == 302 and (line.amount, line.revision) == (900, 3)
    assert services.calculate_inventory(inventory).lines["amount"].sum() == pytest.approx(900 + 100 + 10000)


def test_a_save_without_a_revision_is_refused(inventory, client_for):
    line = services.current_lines(inventory).first()
    data = edit_data(line, amount="5")
    del data["revision"]
    response = client_for("enterprise_reporter").post(reverse("inventory:line_edit", args=[inventory.pk, line.pk]), data)
    line.refresh_from_db()
    assert response.status_code == 409 and line.amount != 5


def test_a_save_read_at_an_older_revision_is_refused_and_one_of_a_deleted_line_is_not_found(inventory, client_for):
    line = services.current_lines(inventory).first()
    data = edit_data(line, amount="5")
    c = client_for("enterprise_reporter")
    ActivityLine.objects.filter(pk=line.pk).update(revision=7)  # changed meanwhile
    url = reverse("inventory:line_edit", args=[inventory.pk, line.pk])
    assert c.post(url, data).status_code == 409
    line.delete()
    assert c.post(url, data).status_code == 404


def test_deleting_a_line_changed_since_the_page_was_read_is_refused(inventory, client_for):
    line = services.current_lines(inventory).first()
    c = client_for("enterprise_reporter")
    page = c.get(reverse("inventory:detail", args=[inventory.pk])).content.decode()
    assert f'name="revision" value="{line.revision}"' in page
    url = reverse("inventory:line_delete", args=[inventory.pk, line.pk])
    c.post(reverse("inventory:line_edit", args=[inventory.pk, line.pk]), edit_data(line, amount="3"))  # revision 2
    c.post(url, {"revision": "1"})
    assert ActivityLine.objects.filter(pk=line.pk).exists()
    c.post(url, {"revision": "2"})
    assert not ActivityLine.objects.filter(pk=line.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_saves_one_wins_the_other_is_refused(django_user_model, monkeypatch):
    """Two users save the same line at the same moment, both read at revision 1 (SQLite and PostgreSQL)."""
    from tests.conftest import make_world
    from tests.inventory.conftest import add_lines

    world = make_world(django_user_model)
    inventory = Inventory.objects.create(park=world.park, enterprise=world.enterprise, year=2023, region="CN-JS")
    add_lines(inventory, "energy", [{"activity": "diesel", "amount": 10, "unit": "t"}])
    line = services.current_lines(inventory).get()
    url = reverse("inventory:line_edit", args=[inventory.pk, line.pk])
    barrier = threading.Barrier(2)
    save_line = views._save_line

    def at_once(*args):  # both requests have read the form at revision 1; they save at the same moment
        barrier.wait(timeout=10)
        return save_line(*args)

    monkeypatch.setattr(views, "_save_line", at_once)
    results = {}

    def reads_without_table_locks(sender, connection, **kwargs):
        # The test database is SQLite's shared in-memory cache, where a read fails at once ("table is locked")
        # while another connection writes; a file database (WAL) or PostgreSQL lets it read. The race under test
        # is between the two writes, which still lock each other.
        if connection.vendor == "sqlite":
            connection.cursor().execute("PRAGMA read_uncommitted = 1")

    connection_created.connect(reads_without_table_locks)

    clients = {}
    for role in ("enterprise_reporter", "enterprise_manager"):  # logged in first: the race is the two saves
        clients[role] = Client()
        clients[role].force_login(world.users[role])

    def save(role, amount):
        try:
            results[role] = clients[role].post(url, edit_data(line, amount=amount)).status_code
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            results[role] = repr(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=args, name=f"save-{args[0]}")
               for args in (("enterprise_reporter", "11"), ("enterprise_manager", "12"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    connection_created.disconnect(reads_without_table_locks)
    line.refresh_from_db()
    assert line.revision == 2, results
    winner = "enterprise_reporter" if line.amount == 11 else "enterprise_manager"
    loser = ({"enterprise_reporter", "enterprise_manager"} - {winner}).pop()
    assert results[winner] == 302 and results[loser] == 409, results


# --- guidelines guide, never trap ---------------------------------------------------------------------------------

@pytest.fixture
def steel(inventory):
    """E1's inventory under the guideline proposed from its industry (GB/T 4754 3120: iron and steel)."""
    Inventory.objects.filter(pk=inventory.pk).update(methodologies=["cn_iron_steel"])
    inventory.refresh_from_db()
    return inventory


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
@pytest.mark.parametrize("section", SECTIONS)
def test_each_section_offers_the_guideline_first_and_says_how_to_get_the_rest(lang, section):
    chosen = ["cn_iron_steel"]
    with translation.override(lang):
        groups = activity_choices(section, chosen)
        own = {a for m in chosen for a in M.get(m).activities}
        codes = [c for _label, items in groups for c, _name in items]
        in_section = {a.code for a in load_library().activities.values() if a.section == section}
        assert sorted(codes) == sorted(in_section)  # every activity of the section is offered, once
        first_other = next((i for i, c in enumerate(codes) if c not in own), len(codes))
        assert all(c in own for c in codes[:first_other]) and all(c not in own for c in codes[first_other:])
        for label, items in groups:
            covered = [c for c, _n in items if c not in own]
            if covered:  # the group names the guideline that covers them and what to do
                other = guide.suggestion(covered[0], park_level=False, chosen=chosen)
                if other is None:  # in the catalogue, in no guideline's source categories: said so
                    assert label == translation.gettext("Not counted by any guideline")
                else:
                    assert guide.title(other) in label and ("添加" in label if lang == "zh-hans" else "add" in label)
            for code, name in items:
                assert name != code and "_" not in name


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_completeness_is_in_words_not_a_symbol(lang, world):
    from parkcarbon.inventory.forms import InventoryForm

    with translation.override(lang):
        form = InventoryForm(user=world.users["park_admin"])
        labels = dict(form.fields["methodologies"].choices)
        context = form.fields["division"].widget.get_context("division", "", {"id": "id_division"})
        regions = [label for _code, label in context["widget"]["levels"][0]["options"]]
    assert not any(label.endswith("*") for label in labels.values())
    word = {"zh-hans": ("完整", "不完整"), "en": ("complete", "incomplete")}[lang]
    listed = next(m.id for m in M.methodologies().values() if m.status == "listed")  # any guideline still incomplete
    assert word[0] in labels["cn_iron_steel"] and word[0] in labels["ipcc2006"] and word[1] in labels[listed]
    assert ("江苏省" if lang == "zh-hans" else "Jiangsu") in regions
    assert not any("Jiangsu" in r for r in regions) if lang == "zh-hans" else not any("江苏" in r for r in regions)


def test_one_click_adds_the_guideline_that_covers_a_section(steel, client_for):
    c = client_for("enterprise_reporter")
    page = c.get(reverse("inventory:detail", args=[steel.pk]) + "?section=afolu").content.decode()
    assert 'data-methodology="cn_park_inventory"' in page and "《省级温室气体清单" in page
    refused = c.post(reverse("inventory:line_add", args=[steel.pk]) + "?section=afolu",
                     {"section": "afolu", "activity": "forest_growth", "amount": "100", "unit": "ha", "month": "0"})
    body = refused.content.decode()
    assert refused.status_code == 422 and "不核算" in body and "forest_growth" not in body.split("<select")[0]
    response = c.post(reverse("inventory:add_guideline", args=[steel.pk]),
                      {"section": "afolu", "methodology": "cn_park_inventory"})
    steel.refresh_from_db()
    assert response.status_code == 302 and steel.methodologies == ["cn_iron_steel", "cn_park_inventory"]
    assert steel.gwp_set == "AR5"  # unchanged: the first guideline still decides
    c.post(reverse("inventory:add_guideline", args=[steel.pk]), {"section": "afolu", "methodology": "cn_park_inventory"})
    steel.refresh_from_db()
    assert steel.methodologies == ["cn_iron_steel", "cn_park_inventory"]  # twice is once


def test_required_parameters_are_asked_in_words_with_their_unit(steel, client_for):
    Inventory.objects.filter(pk=steel.pk).update(methodologies=["cn_iron_steel", "cn_park_inventory"])
    steel.refresh_from_db()
    with translation.override("en"):
        hints = entry_hints("afolu", steel.methodologies)["forest_growth"]
    assert set(hints["required"]) == {"growth", "root_ratio"} and hints["unit"] == "ha"
    assert hints["units"]["growth"] == "t/ha" and "root_ratio" in hints["ratio"]
    c = client_for("enterprise_reporter")
    url = reverse("inventory:line_add", args=[steel.pk]) + "?section=afolu"
    line = {"section": "afolu", "activity": "forest_growth", "amount": "100", "unit": "ha", "month": "0"}
    missing = c.post(url, line)
    body = missing.content.decode()
    assert missing.status_code == 422 and "未给出该参数的缺省值" in body and "地下/地上生物量比" in body
    assert "root_ratio" not in visible(body) and "fraction" not in visible(body)
    saved = c.post(url, {**line, "p_growth": "6", "p_root_ratio": "0.25"})  # no unit typed: the shown one applies
    assert saved.status_code == 302
    stored = services.current_lines(steel).get(activity="forest_growth")
    assert stored.measured == {"growth": {"value": 6.0, "unit": "t/ha"}, "root_ratio": {"value": 0.25, "unit": "fraction"}}
    # IPCC 2006 Vol.4 Eq 2.9-2.10: carbon = area x growth x (1 + R) x CF, a CO2 removal; CF 0.5 from the provincial
    # inventory guideline (NDRC 2011 ch.4) that covers forests here: a line takes the defaults of the guideline that
    # covers it, not of the first one (issue 15; IPCC 2006 Vol.4 Table 4.3 would give 0.47)
    result = services.calculate_inventory(steel).lines.set_index("activity")
    assert result.loc["forest_growth", "co2e"] == pytest.approx(-100 * 6 * 1.25 * 0.5 * 44 / 12)


def test_measured_fields_of_other_activities_are_ignored(steel):
    form = LineForm({"section": "energy", "activity": "electricity_grid", "amount": "10", "unit": "MWh", "month": "0",
                     "p_ncv": "40"}, section="energy", methodologies=steel.methodologies)
    assert form.is_valid(), form.errors
    assert form.measured() == {}  # NCV is not a parameter of grid electricity


# --- big inventories --------------------------------------------------------------------------------------------

def test_line_tables_paginate_with_totals_from_the_snapshot(inventory, client_for):
    version = services.current_versions(inventory)["energy"]
    services.insert_lines(version, [{"activity": "diesel", "amount": 1 + i, "unit": "t"} for i in range(120)])
    services.refresh_snapshot(inventory)
    inventory.refresh_from_db()
    c = client_for("enterprise_reporter")
    url = reverse("inventory:detail", args=[inventory.pk])
    page = c.get(url + "?section=energy").content.decode()
    assert page.count('data-testid="line-row"') == PAGE_SIZE and 'data-testid="lines-pager"' in page
    pages = -(-123 // PAGE_SIZE)
    assert "本部分共 123 行" in page and f"第 1 页，共 {pages} 页" in page
    total = inventory.snapshot.by_section["energy"]["co2e"]
    assert f"{total:,.3f}" in page
    last = c.get(url + f"?section=energy&page={pages}", HTTP_HX_REQUEST="true").content.decode()
    assert last.count('data-testid="line-row"') == 123 - (pages - 1) * PAGE_SIZE and "<html" not in last  # partial
    assert "page-previous" in last and "page-next" not in last
    history = c.get(reverse("inventory:version_detail", args=[inventory.pk, version.pk])).content.decode()
    assert history.count('data-testid="line-row"') == PAGE_SIZE and "Edit" not in history and "编辑" not in history


# --- no raw keys ------------------------------------------------------------------------------------------------

RAW = ("draft", "submitted", "co2e", "amount", "fraction", "root_ratio", "ad_uncertainty_pct", "Jiangsu")


@pytest.mark.parametrize("section", SECTIONS)
def test_the_data_page_shows_no_raw_key_in_chinese(steel, client_for, section):
    c = client_for("enterprise_reporter")
    text = visible(c.get(reverse("inventory:detail", args=[steel.pk]) + f"?section={section}").content.decode())
    for key in (*RAW, *steel_codes()):
        assert not re.search(rf"(?<![\w-]){re.escape(key)}(?![\w-])", text), key


def steel_codes():
    return [a for a in load_library().activities if "_" in a]


def basic_info(inventory, **changes):
    data = {"year": inventory.year, "region": inventory.region, "methodologies": inventory.methodologies,
            "standard": inventory.standard, "gwp_set": inventory.gwp_set, "grid_basis": inventory.grid_basis,
            "read_at": inventory.updated_at.isoformat()}
    return {**data, **changes}


def test_a_stale_basic_information_save_is_refused(steel, client_for):
    url = reverse("inventory:edit", args=[steel.pk])
    admin, manager = client_for("park_admin"), client_for("enterprise_manager")
    assert 'name="read_at"' in admin.get(url).content.decode()
    assert manager.post(url, basic_info(steel, contact_name="王工")).status_code == 302
    stale = admin.post(url, basic_info(steel, contact_name="李工"))
    steel.refresh_from_db()
    assert stale.status_code == 409 and steel.contact_name == "王工", visible(stale.content.decode())[-3000:]
    assert "他人已修改基本信息" in stale.content.decode(), visible(stale.content.decode())[-3000:]
    again = admin.post(url, basic_info(steel, contact_name="李工"))
    steel.refresh_from_db()
    assert again.status_code == 302 and steel.contact_name == "李工"


def test_a_guideline_change_that_leaves_lines_uncovered_is_explained_in_words(steel, client_for):
    response = client_for("park_admin").post(reverse("inventory:edit", args=[steel.pk]),
                                             basic_info(steel, methodologies=["cn_power_grid"]))
    text = visible(response.content.decode())
    assert response.status_code == 200 and "烟煤" in text and "不核算" in text
    assert "bituminous_coal" not in text and "activity" not in text


@pytest.mark.parametrize(("unit", "fits"), [("GJ/t", True), ("MJ/kg", True), ("GJ/10^4 Nm3", False), ("MWh", False),
                                            ("tC/GJ", False), ("", True)])
def test_a_measured_unit_that_does_not_fit_is_named_in_words(steel, unit, fits):
    with translation.override("zh-hans"):
        form = LineForm({"section": "energy", "activity": "diesel", "amount": "10", "unit": "t", "month": "0",
                         "p_ncv": "42", "p_ncv_unit": unit}, section="energy", methodologies=steel.methodologies)
        assert form.is_valid() is fits, form.errors
        if not fits:
            assert form.errors["p_ncv_unit"] == [f"{unit} 不是低位发热量的单位：请按 GJ/t 的形式填写。"]


@pytest.mark.parametrize(("lang", "words"), [("zh-hans", "草稿 → 已提交"), ("en", "Draft → Submitted")])
def test_status_changes_are_shown_in_words(inventory, world, client_for, lang, words):
    services.submit(inventory, world.users["enterprise_manager"])
    c = client_for("enterprise_manager")
    c.cookies["django_language"] = lang
    text = visible(c.get(reverse("inventory:history", args=[inventory.pk])).content.decode())
    assert words in text and "draft" not in text and "submitted" not in text


def test_a_fuel_line_with_measured_values_saves_and_its_energy_uses_the_measured_ncv(steel, client_for):
    c = client_for("enterprise_reporter")
    response = c.post(reverse("inventory:line_add", args=[steel.pk]) + "?section=energy", {
        "section": "energy", "activity": "other_fuel", "amount": "100", "unit": "t", "month": "0",
        "p_ncv": "40", "p_cc": "0.02", "p_of": "0.98"})
    assert response.status_code == 302
    steel.refresh_from_db()
    # GB/T 2589-2020: 1 kgce = 29 307 kJ, so 100 t x 40 GJ/t = 4,000 GJ = 136.486 tce
    assert steel.snapshot.energy_by_activity["other_fuel"] == pytest.approx(4000 / 29.307)
    assert client_for("enterprise_reporter").get(reverse("inventory:preview", args=[steel.pk])).status_code == 200


def test_the_guideline_offered_stays_in_the_inventory_s_family():
    # Forest growth is counted by China's provincial inventory guideline and by IPCC 2006, both complete: an inventory
    # under China's steel guideline is offered China's, one under the GHG Protocol the IPCC Guidelines.
    assert guide.suggestion("forest_growth", park_level=False, chosen=["cn_iron_steel"]).id == "cn_park_inventory"
    assert guide.suggestion("forest_growth", park_level=False, chosen=["ghg_protocol"]).id == "ipcc2006"


@pytest.mark.parametrize(("lang", "names"), [
    ("zh-hans", ["能源活动 v2", "能源活动 v1", "工业生产过程 v1", "废弃物处理 v1", "农业、土地利用变化和林业 v1"]),
    ("en", ["Energy Activities v2", "Energy Activities v1", "Industrial Processes v1", "Waste Disposal v1",
            "Agriculture, Land Use Change and Forestry v1"])])
def test_the_history_lists_data_versions_in_the_section_order(inventory, client_for, lang, names):
    """Walk of 2026-11-29: the history listed the data versions by section key (AFOLU first); it lists them as the
    preview does, energy, industrial processes, waste, AFOLU, the newest version of a section first."""
    from tests.inventory.conftest import add_lines

    for section in ("afolu", "waste", "ippu", "energy"):
        add_lines(inventory, section, [{"activity": "diesel", "amount": 1, "unit": "t"}] if section == "energy" else [])
    c = client_for("enterprise_manager")
    c.cookies["django_language"] = lang
    page = c.get(reverse("inventory:history", args=[inventory.pk])).content.decode()
    card = page.split("data-testid=\"data-versions\"")[1].split("</section>")[0]
    found = re.findall(r'version_detail|<a href="[^"]*">([^<]*)</a>', card)
    assert [n for n in found if n] == names, found
