"""The park and enterprise forms choose their region with the cascading division field; old free text is kept."""

import pytest

from parkcarbon.parks.models import Enterprise, Park

pytestmark = pytest.mark.django_db


def test_park_profile_takes_a_county_and_fills_province_and_city(client, world):
    client.force_login(world.users["park_admin"])
    page = client.get(f"/park/{world.park.pk}/edit/").content.decode()
    assert 'name="division_0"' in page and 'data-division-url="/park/divisions/"' in page
    data = {"name": world.park.name, "name_en": world.park.name_en, "level": world.park.level,
            "division_0": "320000", "division_1": "320600", "division_2": "320612"}
    assert client.post(f"/park/{world.park.pk}/edit/", data).status_code == 302
    park = Park.objects.get(pk=world.park.pk)
    assert (park.division, park.province, park.city) == ("320612", "江苏省", "南通市通州区")
    assert park.history.first().history_user == world.users["park_admin"]
    # The edit page shows the chosen county's siblings, so the form works without the script too.
    page = client.get(f"/park/{world.park.pk}/edit/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<option value="320612" selected>Tongzhou District</option>' in page
    bad = client.post(f"/park/{world.park.pk}/edit/", {**data, "division_2": ""})
    assert bad.status_code == 200 and bad.context["form"].errors["division"]


def test_enterprise_region_is_optional_and_validated(client, world):
    client.force_login(world.users["park_admin"])
    e = world.enterprise
    data = {"name": e.name, "credit_code": e.credit_code, "industry_code": e.industry_code, "zone": e.zone_id}
    assert client.post(f"/park/enterprises/{e.pk}/edit/", data).status_code == 302
    assert Enterprise.objects.get(pk=e.pk).division == ""
    assert Enterprise.objects.get(pk=e.pk).region_label == world.park.region_label
    response = client.post(f"/park/enterprises/{e.pk}/edit/", {**data, "division_0": "320000", "division_1": "320600",
                                                               "division_2": "320681"})
    assert response.status_code == 302 and Enterprise.objects.get(pk=e.pk).division == "320681"
    bad = client.post(f"/park/enterprises/{e.pk}/edit/", {**data, "division_0": "123456"})
    assert bad.status_code == 200 and "123456" in str(bad.context["form"].errors["division"])


def test_free_text_parks_keep_their_text_until_a_region_is_chosen(world):
    assert world.park.division == "" and world.park.region_label == "江苏省 南通市"


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_trial_end_date_input_gets_an_iso_value_in_both_languages(world, language):
    """HTML's <input type="date"> accepts only yyyy-mm-dd; the walk saw Chromium refuse "2026/12/29" on the Chinese
    trial page (the field showed empty)."""
    import re
    from datetime import date

    from django.utils import translation

    from parkcarbon.trials.forms import ExtendForm

    world.park.trial_ends_on = date(2026, 11, 29)
    with translation.override(language):
        html = str(ExtendForm(park=world.park)["until"])
    assert re.search(r'type="date"[^>]*value="\d{4}-\d{2}-\d{2}"|value="\d{4}-\d{2}-\d{2}"[^>]*type="date"', html), html
