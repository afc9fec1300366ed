"""What a new user met on the inventory pages (browser walk of the demo, 2026-11-29): amounts padded with zeros,
an upload's refusal only at the top of the page, and a failed preview naming the standard, not the guidelines."""

import io
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from parkcarbon.inventory.models import Inventory
from tests.inventory.conftest import add_lines

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize(("value", "shown"), [
    (Decimal("665.7000"), "665.7"),          # the database's 4 places, not padded
    (Decimal("1234.5678"), "1,234.5678"),    # every place a user typed, with the thousands separator
    (Decimal("12.0000"), "12"),
    (Decimal("0.0500"), "0.05"),
    (665.7, "665.7"),
    (1000000, "1,000,000"),
    (Decimal("-2.5000"), "-2.5"),
    ("—", "—"),                              # text passes through
])
def test_amount_filter_shows_significant_digits_only(language, value, shown):
    with translation.override(language):
        assert Template("{% load parkcarbon %}{{ v|amount }}").render(Context({"v": value})) == shown


def test_line_amounts_on_the_inventory_and_preview_pages_are_not_padded(world, client_for):
    inv = Inventory.objects.create(park=world.park, enterprise=world.enterprise, year=2023, region="CN-JS")
    add_lines(inv, "energy", [{"activity": "diesel", "amount": Decimal("665.7"), "unit": "t"},
                              {"activity": "electricity_grid", "amount": Decimal("12345.6789"), "unit": "MWh"}])
    c = client_for("enterprise_reporter")
    for url in (inv.get_absolute_url(), reverse("inventory:preview", args=[inv.pk])):
        html = c.get(url).content.decode()
        assert "665.7000" not in html and ">665.7<" in html.replace(" t<", "<").replace(" ", ""), url
        assert "12,345.6789" in html, url


def upload(client, inventory, data: bytes, name: str):
    f = io.BytesIO(data)
    f.name = name
    return client.post(reverse("inventory:upload", args=[inventory.pk]), {"file": f}, follow=True)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_refused_upload_says_why_beside_the_upload_form(inventory, client_for, language):
    c = client_for("enterprise_reporter")
    c.cookies["django_language"] = language
    response = upload(c, inventory, b"name,amount\ndiesel,2\n", "data.csv")
    html = response.content.decode()
    form_at = html.index('data-testid="upload-form"')
    beside = html.index('data-testid="upload-error"', form_at)  # inside the upload card, after the form opens
    assert beside < html.index('data-testid="upload-submit"', form_at)
    messages = [str(m) for m in response.context["messages"]]
    assert len(messages) == 1 and messages[0] in html[beside:beside + 1000]
    assert html.count(messages[0]) == 2  # the page-top message stays
    assert 'class="alert alert-error"' in html and "alert-upload" not in html


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_failed_preview_names_the_guidelines_as_a_successful_one(world, client_for, language):
    from parkcarbon.engine import methodology as M

    inv = Inventory.objects.create(park=world.park, enterprise=world.enterprise, year=2023, region="CN-JS",
                                   methodologies=["cn_cement"])
    add_lines(inv, "energy", [{"activity": "diesel", "amount": 2, "unit": "t"}])
    c = client_for("enterprise_reporter")
    c.cookies["django_language"] = language
    title = M.get("cn_cement").title_en if language == "en" else M.get("cn_cement").title_zh
    with translation.override(language):
        standard = str(inv.get_standard_display())
    ok = c.get(reverse("inventory:preview", args=[inv.pk]))
    assert "calc_error" not in ok.context
    add_lines(inv, "energy", [{"activity": "diesel", "amount": 2, "unit": "MWh"}])  # a unit diesel is not in
    failed = c.get(reverse("inventory:preview", args=[inv.pk]))
    assert failed.context["calc_error"], "the engine should refuse the line"
    assert header(failed) == header(ok)
    assert title in header(failed) and standard not in header(failed)


def header(response) -> str:
    """The subheading's second line: guidelines (or the standard), GWP, grid basis, status."""
    html = response.content.decode()
    start = html.index('<p class="muted">', html.index('data-testid="inventory-grid"'))
    return html[start:html.index("</p>", start)]
