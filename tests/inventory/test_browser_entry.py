"""An enterprise reporter walks every section by hand in Chromium, in both languages: where the inventory's guideline
does not cover a section, one click adds the guideline that does; an activity of each section (chosen from the
catalogue, not hard-coded) is typed with its unit set by the page and only its own parameters shown. Any server
error or raw key on a page fails the test."""

import re

import pytest
from django.utils import translation

from parkcarbon.engine import InputError, load_library
from parkcarbon.engine.methods import METHODS
from parkcarbon.inventory import guide, services
from parkcarbon.inventory.forms import entry_hints
from parkcarbon.inventory.models import Inventory
from tests.browser import login, shot, signed_in_page
from tests.inventory.test_browser import new_inventory

pytestmark = pytest.mark.browser

SECTIONS = ("energy", "ippu", "waste", "afolu")
STATUS_KEYS = ("draft", "submitted", "invalid", "applying")  # status codes (the English labels are capitalised)
FIELD_KEYS = ("co2e", "co2e_market", "amount", "ad_uncertainty_pct", "row_id", "ncv", "root_ratio")
RATIO_KEY = re.compile(r"\d\s*fraction(?![\w-])")  # a ratio's unit key after a value ("0.5 fraction")


def raw_keys(text: str) -> list[str]:
    """Internal keys visible in a page's text: status codes, field keys, activity codes, bilingual labels."""
    codes = [c for c in load_library().activities if "_" in c]
    params = {p.name for m in METHODS.values() for p in m.params if "_" in p.name}  # ef_co2, root_ratio ...
    found = [k for k in (*STATUS_KEYS, *FIELD_KEYS, *codes, *params)
             if re.search(rf"(?<![\w-]){re.escape(k)}(?![\w-])", text)]
    found += RATIO_KEY.findall(text)
    return found + (["江苏 Jiangsu"] if "江苏 Jiangsu" in text else [])


def computable_activity(inventory: Inventory, section: str) -> tuple[str, dict]:
    """The first activity of the section, in the catalogue's order, that the inventory's guidelines cover and that
    computes from an amount in its default unit and the values the guideline requires measured; one with such
    required values first, so that asking for them is walked too."""
    hints = entry_hints(section, inventory.methodologies)
    candidates = [a for a in load_library().activities.values()
                  if a.section == section and guide.covering(a.code, inventory.methodologies) is not None]
    for act in sorted(candidates, key=lambda a: not hints[a.code]["required"]):
        row = {"activity": act.code, "amount": 100, "unit": act.default_unit}
        for name in hints[act.code]["required"]:
            row[name], row[f"{name}_unit"] = 0.5, hints[act.code]["units"][name]
        try:
            services.calculate_rows(inventory, [row])
        except InputError:
            continue
        return act.code, hints[act.code]
    raise AssertionError(f"no computable activity in {section} under {inventory.methodologies}")


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_reporter_walks_every_section_by_hand(browser, live_server, transactional_db, django_user_model, lang):
    from tests.conftest import PASSWORD, make_world

    world = make_world(django_user_model)
    base = live_server.url
    page, errors = signed_in_page(browser, base, "enterprise_reporter", PASSWORD, lang)
    new_inventory(page, base, f"enterprise:{world.enterprise.pk}", 2023)
    inventory = Inventory.objects.get(enterprise=world.enterprise, year=2023)

    for section in SECTIONS:
        with page.expect_navigation():
            page.click(f"[data-testid=tab-{section}]")
        page.wait_for_selector("[data-testid=line-form]")
        inventory.refresh_from_db()
        in_section = {a.code for a in load_library().activities.values() if a.section == section}
        if not any(guide.covering(a, inventory.methodologies) for a in in_section):
            with page.expect_navigation():
                page.locator("[data-testid=add-guideline]").first.click()  # one click: the guideline that covers it
            page.wait_for_selector("[data-testid=line-form]")
            inventory.refresh_from_db()
        with translation.override(lang):
            activity, hints = computable_activity(inventory, section)
            name = guide.activity_name(activity)

        form = page.locator("[data-testid=line-form]")
        form.locator("select[name=activity]").select_option(activity)
        assert form.locator("input[name=unit]").input_value() == hints["unit"]  # set by the page, in the language
        shown = {form.locator(f"[data-param={p}]").get_attribute("data-param")
                 for p in hints["params"] if form.locator(f"[data-param={p}]").is_visible()}
        assert shown == set(hints["params"])  # the activity's own parameters ...
        assert form.locator("[data-param]:visible").count() == len(hints["params"])  # ... and no others
        for param in hints["required"]:  # asked for by the page, with its unit filled in (none for a ratio)
            assert form.locator(f"[data-param={param}]").get_attribute("required") is not None
            unit = form.locator(f"[data-param-unit={param}]")
            assert unit.is_visible() != (param in hints["ratio"])
            assert unit.input_value() == hints["units"][param]
            form.locator(f"[data-param={param}]").fill("0.5")
        form.locator("input[name=amount]").fill("100")
        page.wait_for_selector("[data-testid=line-check-result]")
        assert not raw_keys(page.inner_text("#line-check")), raw_keys(page.inner_text("#line-check"))
        shot(page, f"entry_{lang}_{section}")
        page.wait_for_load_state("networkidle")  # the live check has answered
        form.locator("[data-testid=line-save]").click()
        page.wait_for_selector("[data-testid=line-row]")
        assert page.locator("[data-testid=line-row]").count() == 1
        assert name in page.locator("[data-testid=line-row]").inner_text()
        text = page.inner_text("body")
        assert not raw_keys(text), (lang, section, raw_keys(text))
        assert not errors, errors

    assert {v.section for v in inventory.versions.all()} == set(SECTIONS)
    assert services.current_lines(inventory).count() == 4
    page.goto(f"{base}/accounting/{inventory.pk}/preview/")
    assert not errors, errors


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_an_upload_over_typed_lines_says_how_many_and_waits_for_confirmation(browser, live_server, transactional_db,
                                                                             django_user_model, tmp_path, lang):
    from tests.conftest import PASSWORD, make_world
    from tests.inventory.conftest import add_lines
    from tests.workbooks import filled_template

    world = make_world(django_user_model)
    inventory = Inventory.objects.create(park=world.park, enterprise=world.enterprise, year=2023, region="CN-JS",
                                         methodologies=["cn_iron_steel"], gwp_set="SAR")
    add_lines(inventory, "energy", [{"activity": "diesel", "amount": 5, "unit": "t"},
                                    {"activity": "electricity_grid", "amount": 80, "unit": "MWh"}])
    path = tmp_path / "energy.xlsx"
    path.write_bytes(filled_template([{"activity": "bituminous_coal", "amount": 800, "unit": "t"}]))
    base = live_server.url
    page = browser.new_page(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    login(page, base, "enterprise_reporter", PASSWORD)
    page.click(f"[data-testid=language-switch] button[value={lang}]")
    page.goto(f"{base}/accounting/{inventory.pk}/")
    page.set_input_files("[data-testid=upload-form] input[type=file]", str(path))
    page.click("[data-testid=upload-submit]")
    page.wait_for_selector("[data-testid=import-status][data-status=valid]")
    replaced = page.inner_text("[data-testid=replaced-lines]")
    assert ("手工填写的 2 行" if lang == "zh-hans" else "2 lines typed by hand") in replaced
    shot(page, f"upload_replaces_{lang}")
    page.click("[data-testid=import-confirm]")  # the box is not ticked: the browser keeps the form
    assert page.locator("[data-testid=import-status]").get_attribute("data-status") == "valid"
    assert services.current_lines(inventory).count() == 2
    page.check("[data-testid=confirm-replace]")
    page.click("[data-testid=import-confirm]")
    page.wait_for_selector("[data-testid=import-status][data-status=applied]")
    assert list(services.current_lines(inventory).values_list("activity", flat=True)) == ["bituminous_coal"]
    assert not raw_keys(page.inner_text("body"))
