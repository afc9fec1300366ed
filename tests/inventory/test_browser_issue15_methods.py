"""The methods issue 15 added, typed by hand in Chromium as an enterprise reporter meets them: for the first catalogue
activity of each such method, selecting it shows exactly its own method fields (nameplate capacities, refrigerant,
deposit year, days, evidence ...) and parameters, labelled in the page's language; the line is saved and listed."""

import pytest
from django.utils import translation

from parkcarbon.engine import InputError, load_library
from parkcarbon.engine.values import FIELDS
from parkcarbon.inventory import guide, services
from parkcarbon.inventory.forms import activity_fields, entry_hints
from parkcarbon.inventory.models import Inventory
from tests.browser import signed_in_page
from tests.inventory.test_browser import new_inventory

pytestmark = pytest.mark.browser
GUIDELINES = ["ipcc2019", "ghg_protocol"]
# one example activity of each method the issue lists and of those added with the 2019 Refinement sources
EXAMPLES = ("sf6_equipment_balance", "ac_stationary", "incineration_plastics", "landfill_msw_mass_balance",
            "rice_synthetic_n", "rice_continuously_flooded", "electricity_supplier", "electricity_grid_residual",
            "hydrogen_natural_gas", "og19_oil_offshore", "abandoned_mines_2001_2025", "wwtp_n2o_secondary",
            "wastewater_effluent_n")


def first_of_each_method() -> list[str]:
    """The first activity of the catalogue (covered by GUIDELINES) for each method of EXAMPLES."""
    lib = load_library()
    methods = dict.fromkeys(lib.activities[c].method for c in EXAMPLES)
    return [next(a.code for a in lib.activities.values() if a.method == m and guide.covering(a.code, GUIDELINES))
            for m in methods]


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_issue15_methods_are_typed_by_hand(browser, live_server, transactional_db, django_user_model, lang):
    from tests.conftest import PASSWORD, make_world

    world = make_world(django_user_model)
    base = live_server.url
    page, errors = signed_in_page(browser, base, "enterprise_reporter", PASSWORD, lang)
    new_inventory(page, base, f"enterprise:{world.enterprise.pk}", 2023)
    inventory = Inventory.objects.get(enterprise=world.enterprise, year=2023)
    inventory.methodologies = GUIDELINES
    inventory.save()
    lib = load_library()
    saved = 0
    for code in first_of_each_method():
        act = lib.activities[code]
        page.goto(f"{base}/accounting/{inventory.pk}/?section={act.section}")
        form = page.locator("[data-testid=line-form]")
        form.locator("select[name=activity]").select_option(code)
        with translation.override(lang):
            hints = entry_hints(act.section, GUIDELINES)[code]
        extras = activity_fields(code)
        visible = {form.locator("[data-extra]").nth(i).get_attribute("data-extra")
                   for i in range(form.locator("[data-extra]").count()) if form.locator("[data-extra]").nth(i).is_visible()}
        assert visible == set(extras), (code, visible)
        text = form.inner_text()
        for name in extras:  # labelled in the page's language
            spec = FIELDS[name]
            assert (spec.label_zh if lang == "zh-hans" else spec.label_en) in text, (code, name)
            form.locator(f"[data-extra={name}]").fill(str(spec.example))
        shown = {p for p in hints["params"] if form.locator(f"[data-param={p}]").is_visible()}
        assert shown == set(hints["params"]), code
        row = {"activity": code, "amount": 10, "unit": act.default_unit,
               **{n: FIELDS[n].example for n in extras}}
        try:  # a measured value for each parameter the library has no default for (the engine names them)
            services.calculate_rows(inventory, [row])
            needed = set()
        except InputError as exc:
            needed = {p.column for p in exc.problems} & set(hints["params"])
        for name in needed:
            form.locator(f"[data-param={name}]").fill("0.5")
        form.locator("input[name=amount]").fill("10")
        page.wait_for_load_state("networkidle")
        form.locator("[data-testid=line-save]").click()
        page.wait_for_selector("[data-testid=line-row]")
        saved += 1
        assert services.current_lines(inventory).filter(activity=code).exists(), (code, page.inner_text("main")[:500])
        assert not errors, errors
    assert services.current_lines(inventory).count() == saved
