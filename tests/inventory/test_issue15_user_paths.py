"""Issue 15 as an enterprise user meets it (audit): the bad inputs of the issue refused through the line form, the
Excel upload and the API, each naming the line and what is needed in both languages, nothing saved; a default used
outside its source's years labelled on the line; a fuel line's heat content (TJ) shown; the GWP set "AR5 with
climate-carbon feedback" offered where an inventory is created (form and API)."""

import io

import pytest
from django.urls import reverse

from parkcarbon.engine import load_library
from parkcarbon.engine.template import SECTION_SHEETS
from parkcarbon.inventory import services
from parkcarbon.inventory.models import ImportStatus, Inventory, PendingImport
from tests.inventory.conftest import add_lines
from tests.workbooks import filled_workbook

pytestmark = pytest.mark.django_db
BASIC = {"year": 2023, "standard": "cn_enterprise", "gwp_set": "AR5", "grid_basis": "reporting", "region": "CN-JS"}
ALUMINIUM = {"activity": "aluminium_cwpb", "amount": 1000, "unit": "t"}  # ipcc2019: PFC factors asked for
SUPPLIER = {"activity": "electricity_supplier", "amount": 1000, "unit": "MWh", "ef_supplier": 0.3,
            "ef_supplier_unit": "tCO2/MWh"}  # no evidence
LANGUAGES = [("en", "required"), ("zh-hans", "必须")]


def line_count(inventory) -> int:
    return services.current_lines(inventory).count()


def upload(client, inventory, rows, sheet, lang):
    f = io.BytesIO(filled_workbook({SECTION_SHEETS[sheet]: rows}))
    f.name = "data.xlsx"
    client.post(reverse("inventory:upload", args=[inventory.pk]), {"file": f}, HTTP_ACCEPT_LANGUAGE=lang)
    return PendingImport.objects.latest("pk")


def api_lines(client, token, inventory, section, lines, lang):
    return client.post(f"/api/v1/inventories/{inventory.pk}/lines", {"section": section, "lines": lines},
                       content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}", HTTP_ACCEPT_LANGUAGE=lang)


@pytest.fixture
def token(world):
    from parkcarbon.api.tokens import create_token

    return create_token(world.users["enterprise_reporter"], "reporter", "write")[1]


# -- a year before 2005 or after the last year with any factor ------------------------------------------------------

@pytest.mark.parametrize("year", [2004, 2036, 2100])
@pytest.mark.parametrize(("lang", "words"), [("en", "from 2005 to 2035"), ("zh-hans", "2005至2035")])
def test_a_year_without_factors_is_refused_when_the_inventory_is_created(world, client_for, year, lang, words):
    """The library computes 2005-2035 (years.csv); a 2036 inventory used to be accepted (the form allowed 2100) and
    then every line was refused. Now the year is refused on the form and through the API, naming the range."""
    c = client_for("enterprise_reporter")
    response = c.post(reverse("inventory:create"), {"boundary": f"enterprise:{world.enterprise.pk}", **BASIC,
                                                    "year": year}, HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 200 and words in response.content.decode()
    from parkcarbon.api.tokens import create_token

    token = create_token(world.users["enterprise_reporter"], f"r-{lang}-{year}", "write")[1]
    api = c.post("/api/v1/inventories", {"enterprise": world.enterprise.pk, "year": year, "region": "CN-JS"},
                 content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}", HTTP_ACCEPT_LANGUAGE=lang)
    assert api.status_code == 422
    assert [e["field"] for e in api.json()["errors"]] == ["year"] and words in api.json()["errors"][0]["message"]
    assert not Inventory.objects.filter(year=year).exists()


def test_the_first_and_last_years_of_the_library_are_accepted(world, client_for):
    lib = load_library()
    c = client_for("enterprise_reporter")
    for year in (lib.first_year, lib.last_year):
        response = c.post(reverse("inventory:create"), {"boundary": f"enterprise:{world.enterprise.pk}", **BASIC,
                                                        "year": year})
        assert response.status_code == 302, year
    page = c.get(reverse("inventory:create")).content.decode()
    assert f'min="{lib.first_year}"' in page and f'max="{lib.last_year}"' in page


# -- a methodology without a default, no measured value ----------------------------------------------------------------

@pytest.mark.parametrize(("lang", "word"), LANGUAGES)
def test_a_parameter_without_default_is_asked_for_on_every_path(inventory, client_for, token, lang, word):
    """IPCC 2019 Refinement: aluminium PFC factors (Vol.3 Ch.4 revised Tier 1) are not in the library, so the user
    gives them; the line form, the upload and the API each name the line and the parameter; nothing is saved."""
    inventory.methodologies = ["ipcc2019"]
    inventory.save()
    before, versions = line_count(inventory), inventory.versions.count()
    c = client_for("enterprise_reporter")
    form = c.post(reverse("inventory:line_add", args=[inventory.pk]) + "?section=ippu",
                  {"section": "ippu", **ALUMINIUM, "month": "0"}, HTTP_ACCEPT_LANGUAGE=lang)
    html = form.content.decode()
    assert form.status_code == 422 and "CF4" in html
    pending = upload(c, inventory, [ALUMINIUM], "ippu", lang)
    assert pending.status == ImportStatus.INVALID
    named = [p for p in pending.problems if p["row"] == "3"]
    assert {p["column"].split(" ")[0] for p in named}  # the row of the sheet and its column
    assert all(p["message"] and p["message_zh"] for p in named)
    assert any("CF4" in p["message"] for p in named) and any("CF4" in p["message_zh"] for p in named)
    api = api_lines(c, token, inventory, "ippu", [{"activity": "aluminium_cwpb", "amount": 1000, "unit": "t"}], lang)
    assert api.status_code == 422
    fields = {e["field"] for e in api.json()["errors"]}
    assert {"lines[1].measured.ef_cf4", "lines[1].measured.ef_c2f6"} <= fields, fields  # where the API line has it
    named = "Primary aluminium" if lang == "en" else "电解铝"
    assert all(named in e["message"] and "aluminium_cwpb" in e["message"] for e in api.json()["errors"])
    assert line_count(inventory) == before and inventory.versions.count() == versions


# -- a supplier factor without evidence ----------------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "word"), LANGUAGES)
def test_a_supplier_factor_without_evidence_is_refused_on_every_path(inventory, client_for, token, lang, word):
    before, versions = line_count(inventory), inventory.versions.count()
    c = client_for("enterprise_reporter")
    form = c.post(reverse("inventory:line_add", args=[inventory.pk]) + "?section=energy",
                  {"section": "energy", "activity": "electricity_supplier", "amount": "1000", "unit": "MWh",
                   "month": "0", "p_ef_supplier": "0.3", "p_ef_supplier_unit": "tCO2/MWh"}, HTTP_ACCEPT_LANGUAGE=lang)
    assert form.status_code == 422 and word in form.content.decode()
    pending = upload(c, inventory, [SUPPLIER], "energy", lang)
    assert pending.status == ImportStatus.INVALID
    (problem,) = [p for p in pending.problems if p["row"] == "3"]
    assert "evidence" in problem["column"].lower() or "证明" in problem["column"]
    assert problem["message"] and problem["message_zh"]
    api = api_lines(c, token, inventory, "energy", [{"activity": "electricity_supplier", "amount": 1000,
                                                     "unit": "MWh", "measured": {"ef_supplier": {
                                                         "value": 0.3, "unit": "tCO2/MWh"}}}], lang)
    assert api.status_code == 422
    assert [e["field"] for e in api.json()["errors"]] == ["lines[1].extra.evidence"], api.json()
    ok = api_lines(c, token, inventory, "energy", [{"activity": "electricity_supplier", "amount": 1000, "unit": "MWh",
                                                    "measured": {"ef_supplier": {"value": 0.3, "unit": "tCO2/MWh"}},
                                                    "extra": {"evidence": "PPA 2023-017"}}], lang)
    assert ok.status_code == 200, ok.json()
    assert line_count(inventory) == before + 1 and inventory.versions.count() == versions + 1


# -- item 3: a default used outside its source's years, labelled on the line ----------------------------------------

@pytest.mark.parametrize(("lang", "label"), [("en", "outside the years its source covers"),
                                             ("zh-hans", "超出来源适用年份")])
def test_a_default_outside_its_years_is_labelled_on_the_line_the_preview_and_the_trace(world, client_for, lang, label):
    # Diesel in a 2005 base year under IPCC 2006: the Tier 1 values (valid from 2006) are used and named; the same
    # line in 2006 carries no label.
    c = client_for("enterprise_reporter")
    pages = {}
    for year in (2005, 2006):
        inv = Inventory.objects.create(park=world.park, enterprise=world.enterprise, year=year, region="CN-JS",
                                       methodologies=["ipcc2006"])
        add_lines(inv, "energy", [{"activity": "diesel", "amount": 100, "unit": "t"}])
        pages[year] = [c.get(reverse(name, args=[inv.pk]) + "?section=energy", HTTP_ACCEPT_LANGUAGE=lang)
                       .content.decode() for name in ("inventory:detail", "inventory:preview")]
        line = services.current_lines(inv).get()
        pages[year].append(c.get(reverse("releases:trace", args=[inv.pk, line.pk]), HTTP_ACCEPT_LANGUAGE=lang)
                           .content.decode())
    for html in pages[2005]:
        assert 'data-testid="factor-outside"' in html and label in html
    for html in pages[2006]:
        assert 'data-testid="factor-outside"' not in html


# -- item 5: a fuel line's heat content (TJ) shown on the line -------------------------------------------------------

@pytest.mark.parametrize(("lang", "words"), [("en", "heat content 4.333 TJ"), ("zh-hans", "热量 4.333 TJ")])
def test_heat_content_of_a_fuel_line_is_shown(world, client_for, lang, words):
    # 100 t diesel at 43.33 GJ/t (NDRC 2015 other-industry guideline, Appendix 2 Table 2.1) = 4,333 GJ = 4.333 TJ;
    # grid electricity has no heat content and shows none.
    inv = Inventory.objects.create(park=world.park, enterprise=world.enterprise, year=2023, region="CN-JS",
                                   methodologies=["cn_other_industry"])
    add_lines(inv, "energy", [{"activity": "diesel", "amount": 100, "unit": "t"},
                              {"activity": "electricity_grid", "amount": 10, "unit": "MWh"}])
    html = client_for("enterprise_reporter").get(reverse("inventory:detail", args=[inv.pk]) + "?section=energy",
                                                 HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    assert html.count('data-testid="line-heat"') == 1 and words in html


# -- item 5: AR5 with climate-carbon feedback offered where an inventory is made ---------------------------------------

@pytest.mark.parametrize(("lang", "label"), [("en", "AR5 with climate-carbon feedback"), ("zh-hans", "气候-碳循环反馈")])
def test_ar5_with_climate_carbon_feedback_can_be_chosen(world, client_for, token, lang, label):
    c = client_for("enterprise_reporter")
    page = c.get(reverse("inventory:create"), HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    assert 'value="AR5_ccf"' in page and label in page
    response = c.post(reverse("inventory:create"), {"boundary": f"enterprise:{world.enterprise.pk}", **BASIC,
                                                    "gwp_set": "AR5_ccf"})
    assert response.status_code == 302
    inv = Inventory.objects.get(enterprise=world.enterprise, year=2023)
    assert inv.gwp_set == "AR5_ccf"
    api = c.post("/api/v1/inventories", {"enterprise": world.enterprise.pk, "year": 2022, "region": "CN-JS",
                                         "gwp_set": "AR5_ccf"},
                 content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert api.status_code == 201 and api.json()["gwp_set"] == "AR5_ccf"


@pytest.mark.parametrize(("lang", "label"), [("en", "GWP AR5 with climate-carbon feedback"),
                                             ("zh-hans", "GWP AR5（含气候-碳循环反馈）")])
def test_an_inventory_in_ar5_with_feedback_computes_and_names_its_set(world, client_for, lang, label):
    # AR5 WG1 Table 8.A.1 with climate-carbon feedback: CH4 34 (28 without). 100 dairy cattle at the IPCC 2006 Asia
    # default 68 kg CH4/head (Vol.4 Table 10.11) = 6.8 t CH4 x 34 = 231.2 t CO2e.
    from parkcarbon.reports.content import TEMPLATES
    from parkcarbon.reports.services import collect_facts

    inv = Inventory.objects.create(park=world.park, enterprise=world.enterprise, year=2023, region="CN-JS",
                                   gwp_set="AR5_ccf")
    add_lines(inv, "afolu", [{"activity": "enteric_dairy_cattle", "amount": 100, "unit": "head"}])
    assert services.calculate_inventory(inv).lines["co2e"].tolist() == pytest.approx([231.2])
    c = client_for("enterprise_reporter")
    for name in ("inventory:detail", "inventory:preview"):
        assert label in c.get(reverse(name, args=[inv.pk]), HTTP_ACCEPT_LANGUAGE=lang).content.decode(), name
    facts = collect_facts(inv, "ghg_protocol")
    text = str(TEMPLATES["ghg_protocol"](facts).to_dict())
    assert "IPCC AR5 with climate-carbon feedback" in text and "AR5_ccf" not in text


@pytest.mark.parametrize(("lang", "cell"), [("en", "27.9 / 29.8 (fossil)"), ("zh-hans", "27.9 / 29.8（化石源）")])
def test_ar6_methane_shows_both_published_values_not_a_blend(world, client_for, lang, cell):
    # AR6 WG1 Table 7.15: CH4 27.9, fossil CH4 29.8. 100 dairy cattle (IPCC 2006 Vol.4 Table 10.11, Asia 68 kg/head
    # = 6.8 t, biogenic) beside 100 t diesel (fossil CH4): the CH4 row's CO2e weighs each with its own value, and its
    # GWP cell names both values instead of the effective 27.90x that the page used to print (the report: "28").
    from parkcarbon.reports.content import TEMPLATES
    from parkcarbon.reports.services import collect_facts

    inv = Inventory.objects.create(park=world.park, enterprise=world.enterprise, year=2023, region="CN-JS",
                                   gwp_set="AR6")
    add_lines(inv, "energy", [{"activity": "diesel", "amount": 100, "unit": "t"}])
    add_lines(inv, "afolu", [{"activity": "enteric_dairy_cattle", "amount": 100, "unit": "head"}])
    html = client_for("enterprise_reporter").get(reverse("inventory:preview", args=[inv.pk]),
                                                 HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    assert f'data-testid="gas-gwp">{cell}<' in html and 'data-testid="gas-gwp">273<' in html
    template = "cn_enterprise" if lang == "zh-hans" else "ghg_protocol"
    data = TEMPLATES[template](collect_facts(inv, template)).to_dict()
    assert cell in str(data) and "29.8" in str(data)


@pytest.mark.parametrize(("lang", "label"), [("en", "AR5 with climate-carbon feedback"), ("zh-hans", "气候-碳循环反馈")])
def test_the_park_gwp_choice_names_the_feedback_set(world, client_for, lang, label):
    html = client_for("park_admin").get(reverse("inventory:park", args=[world.park.pk, 2023]),
                                        HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    form = html[html.index('data-testid="park-gwp-form"'):]
    form = form[:form.index("</form>")]
    assert 'value="AR5_ccf"' in form and label in form


@pytest.mark.parametrize(("lang", "label", "heat"), [("en", "outside the years its source covers", "heat content 4.3 TJ"),
                                                     ("zh-hans", "超出来源适用年份", "热量 4.3 TJ")])
def test_the_live_check_of_a_typed_line_labels_the_base_year_default_and_shows_heat(world, client_for, lang, label,
                                                                                   heat):
    # 100 t diesel in 2005 under IPCC 2006: Table 1.2 43.0 TJ/Gg x 0.1 Gg = 4.3 TJ; the Tier 1 values (valid from 2006)
    # are labelled while the line is typed, before it is saved.
    inv = Inventory.objects.create(park=world.park, enterprise=world.enterprise, year=2005, region="CN-JS",
                                   methodologies=["ipcc2006"])
    body = client_for("enterprise_reporter").post(
        reverse("inventory:line_check", args=[inv.pk]) + "?section=energy",
        {"section": "energy", "activity": "diesel", "amount": "100", "unit": "t", "month": "0"},
        HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    assert 'data-testid="line-check-result"' in body and label in body and heat in body
