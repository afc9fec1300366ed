"""What the public may see: only published versions, only from their frozen content; and nothing else of the
project answers a logged-out visitor."""

import io
import json

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from parkcarbon.disclosure import services
from parkcarbon.disclosure.models import PublishedFile
from parkcarbon.inventory import services as inventory_services
from parkcarbon.inventory.models import ActivityLine
from parkcarbon.verification import services as verification
from tests.disclosure.conftest import draft, make_inventory, published, verify

pytestmark = pytest.mark.django_db


def _texts(client, park_code, pk):
    """The public page, the version page and every file of a published disclosure, as text."""
    base = reverse("disclosure:public_detail", args=[park_code, pk])
    texts = [client.get(reverse("disclosure:public", args=[park_code])).content.decode(), client.get(base).content.decode()]
    for fmt in ("json", "xlsx", "pdf"):
        body = client.get(reverse("disclosure:public_file", args=[park_code, pk, fmt])).content
        if fmt == "json":
            texts.append(body.decode())
        elif fmt == "xlsx":
            wb = load_workbook(io.BytesIO(body))
            texts.append(" ".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value is not None))
        else:
            texts.append(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(body)).pages))
    return "\n".join(texts)


def test_unpublished_figures_never_appear(world, verified, second_manager, client):
    d = published(world, second_manager, items=["scope1", "total"])
    shown = d.snapshot["data"]["total"]["value"]
    # E2: verified, disclosure approved but not published; a pending and a draft disclosure of the park
    hidden_inventory = verify(world, make_inventory(world, 2023, electricity=4321, enterprise=world.enterprise2))
    e2 = services.create(world.users["park_admin"], world.park, world.enterprise2, 2023)
    e2.items = ["scope1", "scope2_location", "total", "by_gas"]
    e2.save()
    e2 = services.approve(services.submit(e2, world.users["park_admin"]), world.users["platform_admin"])
    park_draft = services.create(world.users["park_admin"], world.park, None, 2023)
    hidden_total = hidden_inventory.snapshot.total_co2e
    text = _texts(client, world.park.code, d.pk)
    assert f"{shown:,.1f}"[:6] in text.replace(",", ",")  # the published total is there
    for hidden in (f"{hidden_total:.1f}", f"{hidden_total:,.1f}", f"{hidden_total:,.2f}", "4321", "4,321",
                   world.enterprise2.name, world.enterprise2.name_en):
        assert hidden not in text, hidden
    # items not included are not published either (scope 2 was left out)
    assert "scope2_location" not in json.loads(client.get(
        reverse("disclosure:public_file", args=[world.park.code, d.pk, "json"])).content)["data"]
    for pk in (e2.pk, park_draft.pk):
        assert client.get(reverse("disclosure:public_detail", args=[world.park.code, pk])).status_code == 404
        assert client.get(reverse("disclosure:public_file", args=[world.park.code, pk, "pdf"])).status_code == 404


def test_public_content_is_frozen_at_publication(world, verified, second_manager, client):
    d = published(world, second_manager)
    url = reverse("disclosure:public_file", args=[world.park.code, d.pk, "json"])
    before = client.get(url).content
    pdf_before = client.get(reverse("disclosure:public_file", args=[world.park.code, d.pk, "pdf"])).content
    # the inventory is corrected afterwards: a new version with different lines
    verification.new_version(verified, world.users["enterprise_manager"], "Restated")
    ActivityLine.objects.filter(version__inventory=verified).update(amount=1)
    inventory_services.refresh_snapshot(verified)
    assert client.get(url).content == before
    assert client.get(reverse("disclosure:public_file", args=[world.park.code, d.pk, "pdf"])).content == pdf_before
    assert PublishedFile.objects.filter(disclosure=d).count() == 1  # rendered once, then served as stored


def test_public_page_lists_versions_and_correction(world, verified, second_manager, client):
    v1 = published(world, second_manager)
    v2 = services.correct(v1, world.users["enterprise_manager"], "Scope 2 restated after the grid bill audit")
    v2 = services.publish(services.approve(services.submit(v2, second_manager), world.users["park_admin"]), second_manager)
    page = client.get(reverse("disclosure:public", args=[world.park.code])).content.decode()
    assert page.count('data-testid="public-row"') == 1  # one series, shown at its current version
    old = client.get(reverse("disclosure:public_detail", args=[world.park.code, v1.pk])).content.decode()
    assert 'data-testid="superseded"' in old and "Scope 2 restated after the grid bill audit" in old
    new = client.get(reverse("disclosure:public_detail", args=[world.park.code, v2.pk])).content.decode()
    assert 'data-testid="correction-reason"' in new


def test_unverified_figures_are_labelled_in_every_format(world, second_manager, client, settings):
    make_inventory(world, 2023)
    d = draft(world, items=["scope1", "total"], label_unverified=True)
    d = services.publish(services.approve(services.submit(d, world.users["enterprise_manager"]), second_manager),
                         world.users["enterprise_manager"])
    page = client.get(reverse("disclosure:public_detail", args=[world.park.code, d.pk])).content.decode()
    assert page.count('data-flag="unverified"') == 2 and 'data-testid="unverified-notice"' in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    xlsx = client.get(reverse("disclosure:public_file", args=[world.park.code, d.pk, "xlsx"])).content
    cells = [c.value for ws in load_workbook(io.BytesIO(xlsx)) for row in ws.iter_rows() for c in row]
    assert cells.count("UNVERIFIED") == 2
    pdf = client.get(reverse("disclosure:public_file", args=[world.park.code, d.pk, "pdf"])).content
    assert "UNVERIFIED" in " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def test_both_languages(world, verified, second_manager, client, settings):
    d = published(world, second_manager)
    url = reverse("disclosure:public_detail", args=[world.park.code, d.pk])
    assert "温室气体排放" in client.get(url).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(url).content.decode()
    assert "Greenhouse gas emissions" in page and world.enterprise.name_en in page
    assert client.get(reverse("disclosure:public_file", args=[world.park.code, d.pk, "pdf"]))[
        "Content-Disposition"].endswith('-en.pdf"')


def test_the_landing_page_leads_the_public_to_parks_that_published(world, verified, second_manager, client):
    public_page = reverse("disclosure:public", args=[world.park.code])
    assert public_page not in client.get("/").content.decode()  # nothing published yet: no link
    services.create(world.users["park_admin"], world.park, None, 2023)  # a draft is not a publication
    assert public_page not in client.get("/").content.decode()
    published(world, second_manager, items=["scope1", "total"])
    for lang, title, name, other in (("zh-hans", "已公开的碳信息", world.park.name, world.park.name_en),
                                     ("en", "Published carbon disclosures", world.park.name_en, world.park.name)):
        page = client.get("/", HTTP_ACCEPT_LANGUAGE=lang).content.decode()
        assert f'href="{public_page}"' in page and title in page
        # the park is named in the page's language (QA walk 2026-11-29, walker3: the en page gave the Chinese name)
        assert f'href="{public_page}">{name}</a>' in page and other not in page
    assert reverse("disclosure:public", args=[world.other_park.code]) not in page


def test_nothing_published_is_not_found(world, verified, client):
    draft(world)
    assert client.get(reverse("disclosure:public", args=[world.park.code])).status_code == 404
    assert client.get(reverse("disclosure:public", args=["no-such-park"])).status_code == 404


def test_another_parks_code_does_not_show_this_parks_disclosure(world, verified, second_manager, client):
    d = published(world, second_manager)
    assert client.get(reverse("disclosure:public_detail", args=[world.other_park.code, d.pk])).status_code == 404
    assert client.get(reverse("disclosure:public_file", args=[world.park.code, d.pk, "docx"])).status_code == 404


# ------------------------------------------------------------------ every URL of the project, logged out

# URL names a logged-out visitor may open (200), with the reason.
PUBLIC = {
    "accounts:login": "the login page",
    "accounts:password_reset_complete": "says the password was set; shows nothing of any account",
    "accounts:password_reset_confirm": "a reset link; with a wrong token it says the link is invalid",
    "admin:login": "Django admin's login page",
    "disclosure:public": "public disclosure page of a park",
    "disclosure:public_detail": "one published disclosure version",
    "disclosure:public_file": "files of a published disclosure",
    "api:openapi-json": "the API's OpenAPI document (routes only, no data)",
    "api:openapi-view": "the API's documentation page",
    "trials:front": "the public landing page: what the platform does, no data",
    "home": "the same address, /: visitors get the landing page, members their overview",
    "trials:apply": "the trial application form",
    "trials:apply_done": "the confirmation after applying: nothing of any application",
    "parks:divisions": "the national administrative division list (published data)",
}


def _patterns(resolvers=None, prefix="", namespace=""):
    for entry in resolvers if resolvers is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            yield from _patterns(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield (f"{namespace}:{entry.name}" if namespace and entry.name else entry.name or str(entry.pattern),
                   prefix + str(entry.pattern), entry)


def _sample(route: str, world, d) -> str:
    """A concrete path for a route: every parameter filled with a value that exists where one can."""
    import re

    values = {"code": world.park.code, "pk": str(d.pk), "fmt": "pdf", "section": "analysis", "number": "1",
              "uidb64": "MQ", "token": "x-y", "path": "x"}

    def fill(match):
        converter, _sep, name = match.group(1).rpartition(":")
        return "2023" if converter == "year" else values.get(name, "1")

    path = re.sub(r"<([^>]+)>", fill, route)
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: values.get(m.group(1), "1"), path)
    return "/" + path.lstrip("^").rstrip("$").replace("\\", "")


def test_a_logged_out_visitor_reaches_only_public_urls(world, verified, second_manager, client):
    d = published(world, second_manager)
    reached = {}
    for name, route, _entry in _patterns():
        path = _sample(route, world, d)
        response = client.get(path, follow=True)
        assert response.status_code in (200, 400, 401, 403, 404, 405), (name, path, response.status_code)
        if response.status_code != 200:
            continue
        final = resolve(response.request["PATH_INFO"])
        final_name = f"{final.namespace}:{final.url_name}" if final.namespace else final.url_name
        if response.redirect_chain:  # a redirect must end on a public page (the login page)
            assert final_name in PUBLIC, (name, path, final_name)
        else:
            reached[name] = path
    unexpected = {n: p for n, p in reached.items() if n not in PUBLIC}
    assert not unexpected, unexpected
    assert {"disclosure:public", "disclosure:public_detail", "disclosure:public_file"} <= set(reached)


@pytest.mark.parametrize(("lang", "unit", "other"), [("zh-hans", "t CO2e/万元", "10^4 yuan"),
                                                     ("en", "t CO2e/10^4 yuan", "t CO2e/万元")])
def test_the_intensity_unit_is_in_the_pages_language(world, verified, second_manager, client, settings, lang, unit,
                                                     other):
    """QA walk of 2026-11-29 (walker3): the zh public disclosure wrote the intensity unit "t CO2e/10^4 yuan"; the
    frozen copy keeps the code, the page writes it in its language."""
    d = published(world, second_manager)
    assert d.snapshot["data"]["intensity"]["unit"] == "t CO2e/10^4 yuan"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    page = client.get(reverse("disclosure:public_detail", args=[world.park.code, d.pk])).content.decode()
    row = page.split('data-item="intensity"')[1].split("</tr>")[0]
    assert f"<td>{unit}</td>" in row and other not in row, row
    body = client.get(reverse("disclosure:public_file", args=[world.park.code, d.pk, "xlsx"])).content
    cells = [c.value for ws in load_workbook(io.BytesIO(body)) for r in ws.iter_rows() for c in r]
    assert unit in cells and not any(other in str(c) for c in cells if c)  # the files too
