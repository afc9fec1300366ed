"""Release pages in both languages: the notice on a draft pinned to an older release, the comparison, moving,
restating, a line's trace, the park's series restatement and the list of releases."""

import pytest
from django.urls import reverse

from parkcarbon.engine import releases
from parkcarbon.inventory.models import Inventory
from tests.inventory.conftest import add_lines
from tests.releases.conftest import electricity_inventory

NEWEST = releases()[-1].id  # the installed release (a draft pinned to 2025.1 may move to it)


def zh(client, language="zh-hans"):
    client.cookies["django_language"] = language
    return client


def test_draft_on_an_older_release_shows_the_newer_one(pinned, client_for):
    page = client_for("enterprise_reporter").get(reverse("inventory:detail", args=[pinned.pk])).content.decode()
    assert 'data-testid="release-notice"' in page and NEWEST in page and "2025.1" in page
    assert reverse("releases:compare", args=[pinned.pk]) + f"?release={NEWEST}" in page


def test_inventory_on_the_newest_release_has_no_notice_of_a_newer_one(world, client_for):
    inv = Inventory.objects.create(park=world.park, enterprise=world.enterprise, year=2024, region="CN-JS")
    page = client_for("enterprise_reporter").get(reverse("inventory:detail", args=[inv.pk])).content.decode()
    assert "A newer release" not in page


@pytest.mark.parametrize("language", ["en", "zh"])
def test_comparison_page_lists_the_changed_line_and_factor(pinned, client_for, language):
    client = client_for("enterprise_reporter")
    zh(client, "zh-hans" if language == "zh" else "en")
    page = client.get(reverse("releases:compare", args=[pinned.pk]), {"release": NEWEST}).content.decode()
    assert page.count('data-testid="line-compare"') == 1 and "CN-GRID-014" in page and "CN-GRID-015" in page
    assert "MEE-NBS-EF2023" in page and 'data-testid="move"' in page
    assert ("比较" in page) == (language == "zh")


def test_moving_a_draft_through_the_page(pinned, client_for):
    response = client_for("enterprise_reporter").post(reverse("releases:move", args=[pinned.pk]),
                                                      {"release": NEWEST, "reason": "new factors"})
    assert response.status_code == 302
    pinned.refresh_from_db()
    assert pinned.factor_release == NEWEST


def test_restating_through_the_page_and_the_note_on_the_inventory(world, client_for):
    inv = electricity_inventory(world, status="verified")
    client = client_for("enterprise_manager")
    response = client.post(reverse("releases:restate", args=[inv.pk]), {"release": NEWEST, "reason": "base year"})
    assert response.status_code == 302
    inv.refresh_from_db()
    assert inv.version_number == 2
    page = client.get(reverse("inventory:detail", args=[inv.pk])).content.decode()
    assert 'data-testid="restated"' in page and "base year" in page


def test_restating_without_a_reason_comes_back_with_the_form(world, client_for):
    inv = electricity_inventory(world, status="verified")
    response = client_for("park_admin").post(reverse("releases:restate", args=[inv.pk]), {"release": NEWEST})
    assert response.status_code == 400
    inv.refresh_from_db()
    assert inv.version_number == 1


@pytest.mark.parametrize("language", ["en", "zh"])
def test_trace_of_a_line_reaches_method_factor_release_source_and_people(pinned, client_for, language):
    line = pinned.versions.get().lines.get(activity="electricity_grid")
    client = client_for("park_viewer")
    zh(client, "zh-hans" if language == "zh" else "en")
    page = client.get(reverse("releases:trace", args=[pinned.pk, line.pk])).content.decode()
    assert "CN-GRID-014" in page and "0.5617" in page and "2025.1" in page and "MEE-NBS-EF2022" not in page
    assert "2022年电力二氧化碳排放因子" in page  # the source's title
    assert 'data-testid="entered-by"' in page and 'data-testid="trace-verification"' in page



@pytest.mark.parametrize(("language", "label"), [("zh-hans", "电网排放因子"), ("en", "Grid emission factor")])
def test_trace_names_each_factors_parameter_in_words(pinned, client_for, language, label):
    """QA walk of 2026-11-29 (walker3): the trace's parameter column printed the engine key (ef_grid, fraction) on
    zh and en pages; it names the method's parameter in the page's language, with the key beside it."""
    line = pinned.versions.get().lines.get(activity="electricity_grid")
    client = zh(client_for("park_viewer"), language)
    page = client.get(reverse("releases:trace", args=[pinned.pk, line.pk])).content.decode()
    row = page.split('data-testid="trace-factor"')[1].split("</tr>")[0]
    assert f'<td>{label} <code class="small">ef_grid</code></td>' in row, row


def test_park_series_page_shows_the_basis_and_starts_a_restatement(pinned, world, client_for,
                                                                   django_capture_on_commit_callbacks):
    client = zh(client_for("park_admin"))
    page = client.get(reverse("releases:park_series", args=[world.park.pk])).content.decode()
    assert "2025.1: 1" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("releases:park_series", args=[world.park.pk]),
                               {"release": NEWEST, "first_year": 2023, "last_year": 2023, "reason": "one basis"})
    assert response.status_code == 302
    progress = client.get(response["Location"]).content.decode()
    assert 'data-testid="series-progress"' in progress and "已重述 1 / 1" in progress
    pinned.refresh_from_db()
    assert pinned.factor_release == NEWEST


@pytest.mark.parametrize("language", ["en", "zh"])
def test_release_list_shows_changelog_and_cited_changes(client_for, language):
    client = client_for("enterprise_reporter")
    zh(client, "zh-hans" if language == "zh" else "en")
    page = client.get(reverse("releases:index")).content.decode()
    assert 'data-release="2026.1"' in page and "CN-GRID-006" in page and "0.5306" in page
    assert ("全国平均0.5306" in page) == (language == "zh")
    # 2026.5 changed no value, only citations (table, provenance, note): listed apart, quietly, not as "changed"
    section = page[page.index('data-release="2026.5"'):page.index('data-release="2026.4"')]
    assert 'data-testid="factor-change"' in section  # its added factors
    assert 'data-testid="factor-citations"' in section and "IPCC-COMB-001" in section
    assert ("264 项因子仅引用信息变化" in section) == (language == "zh")
    assert ("264 factors with a changed citation only" in section) == (language == "en")


def test_park_page_says_which_release_basis_it_shows(pinned, world, client_for):
    Inventory.objects.create(park=world.park, enterprise=world.enterprise2, year=2023, region="CN-JS")
    client = zh(client_for("park_admin"), "en")
    page = client.get(reverse("inventory:park", args=[world.park.pk, 2023])).content.decode()
    assert 'data-testid="release-basis"' in page and "<strong>2025.1</strong> (1 inventory)" in page
    assert "different releases" in page and reverse("releases:park_series", args=[world.park.pk]) in page


def test_comparing_with_a_release_that_lacks_an_activity_of_the_lines_says_so(world, client_for):
    """QA walk of 2026-11-29: a draft with an activity added in 2026.4 (aviation gasoline of the civil aviation
    guideline; not in releases/2026.3/activities_energy.csv) compared with 2026.3, the page's default previous
    release, answered 500. Now the page says which release cannot compute the lines, in the page's language; the API
    answers 422 on the release field."""
    inv = Inventory.objects.create(park=world.park, enterprise=world.enterprise, year=2025, region="CN-JS",
                                   factor_release="2026.4")
    add_lines(inv, "energy", [{"activity": "aviation_gasoline", "amount": 10, "unit": "t"}])
    url = reverse("releases:compare", args=[inv.pk]) + "?release=2026.3"
    client = client_for("park_admin")
    for language, words in (("en", "cannot be computed with release 2026.3"), ("zh-hans", "无法按因子库版本 2026.3 计算")):
        response = zh(client, language).get(url)
        assert response.status_code == 200
        page = response.content.decode()
        assert 'data-testid="compare-error"' in page and words in page and 'data-testid="move-form"' not in page
        assert "aviation_gasoline" not in page  # the activity by its name, not its code
    from parkcarbon.api.tokens import create_token

    token = create_token(world.users["park_admin"], "t", "read")[1]
    api = client.get(f"/api/v1/inventories/{inv.pk}/compare?release=2026.3", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert api.status_code == 422 and "2026.3" in api.json()["detail"]
    assert api.json()["errors"][0]["field"] == "release"


@pytest.mark.parametrize(("language", "words", "other"), [("zh-hans", "转录本", "transcription"),
                                                          ("en", "transcription", "转录本")])
def test_trace_names_the_factors_provenance_in_the_pages_language(pinned, client_for, language, words, other):
    """Walk of 2026-11-29: the trace printed the library's key "(transcription)" on zh pages. CN-GRID-014 (the
    pinned line's grid factor) is a transcription (energy_scope2.csv): it reads in the page's language."""
    line = pinned.versions.get().lines.get(activity="electricity_grid")
    client = zh(client_for("park_viewer"), language)
    page = client.get(reverse("releases:trace", args=[pinned.pk, line.pk])).content.decode()
    row = page.split('data-testid="trace-factor"')[1].split("</tr>")[0]
    assert f'(<span data-testid="trace-provenance">{words}</span>)' in row, row
    assert other not in row
