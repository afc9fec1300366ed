"""The preview of an inventory computed with a park factor set (walk of 2026-11-29, walker2: the demo's draft on
``2026.6+demo-etdz.1`` answered 500, the factor table looking the park's source up in the shipped library). The
park's factor shows with its value and document: 10,000 MWh x 0.215 tCO2/MWh (contract PPA-2023-017) = 2,150 t."""

import pytest
from django.urls import reverse
from django.utils.translation import override

from parkcarbon.inventory import preview, services
from tests.releases.conftest import electricity_inventory
from tests.releases.park_factor_fixtures import park_set


def test_the_preview_of_an_inventory_on_a_park_set_shows_the_parks_factor(world, client_for):
    release = park_set(world, "approved")
    inventory = electricity_inventory(world, release=release.release_id)
    page = client_for("park_admin").get(reverse("inventory:preview", args=[inventory.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "park-a.1-001" in html and "Supply contract PPA-2023-017" in html
    with override("en"):
        rows = preview.line_rows(inventory, list(services.current_lines(inventory)))
    (grid,) = [r for r in rows if r["activity"] == "electricity_grid"]
    assert grid["co2e"] == pytest.approx(10000 * 0.215)
    (factor,) = [f for f in grid["factors"] if f["id"] == "park-a.1-001"]
    assert factor["value"] == 0.215 and factor["source"] == "Supply contract PPA-2023-017, supplier emission statement"


def test_the_previews_line_table_gives_units_and_parameters_in_words(world, client_for):
    """Walk of 2026-11-29 (walker2): the preview's "Every line with its factor and source" table had an empty unit
    column and factors without their parameter's name or unit ("20.908 <source>"), the rows lacking the labels the
    data page's rows get."""
    inventory = electricity_inventory(world, release="2026.2")
    client = client_for("park_admin")
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("inventory:preview", args=[inventory.pk])).content.decode()
    table = html[html.index('data-testid="lines"'):]
    table = table[:table.index("</section>")]
    assert "<td>MWh</td>" in table and "<td>t<" in table  # 10,000 MWh of grid electricity, 1,000 t of coal
    assert "Grid emission factor" in table and "Net calorific value" in table and "GJ/t" in table


@pytest.mark.parametrize(("language", "whole_year", "january"), [("en", "Whole year", "Month 1"),
                                                                  ("zh-hans", "全年", "月份 1")])
def test_the_trace_says_whole_year_for_a_line_of_the_whole_year(world, client_for, language, whole_year, january):
    """Walk of 2026-11-29 (walker2): the trace of a whole-year line read "Month —" where the data page says the
    whole year (month 0)."""
    inventory = electricity_inventory(world, release="2026.2")
    client = client_for("park_admin")
    client.post(reverse("set_language"), {"language": language, "next": "/"})
    lines = inventory.versions.get().lines
    year_line, coal = lines.get(activity="electricity_grid"), lines.get(activity="bituminous_coal")  # month 0 / 1
    page = client.get(reverse("releases:trace", args=[inventory.pk, year_line.pk])).content.decode()
    assert whole_year in page and "—" not in page.split('data-testid="entered-by"')[0].split("<main")[-1]
    coal_page = client.get(reverse("releases:trace", args=[inventory.pk, coal.pk])).content.decode()
    assert january in coal_page
    # the parameters in words beside their keys (they were the bare keys ncv, cc, of)
    words = ("Net calorific value", "Oxidation rate") if language == "en" else ("低位发热量", "碳氧化率")
    assert all(f"{w} <code" in coal_page for w in words), words
