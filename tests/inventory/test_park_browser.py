"""The park page as a park administrator in a real Chromium, in Chinese and in English: the overview names the
latest complete year, the page says what it counts, draws its five charts, and shows no server error, script error
or raw key."""

import re

import pytest

from parkcarbon.engine import Options, calculate
from parkcarbon.inventory.models import Status
from tests.browser import login, shot

pytestmark = pytest.mark.browser

ROWS = {
    "e1": [{"activity": "bituminous_coal", "amount": 1000, "unit": "t"},
           {"activity": "electricity_grid", "amount": 800, "unit": "MWh"}],
    "e2": [{"activity": "natural_gas", "amount": 300, "unit": "10^4 Nm3"}],
}
CHARTS = ("sections", "trend", "industries", "zones", "top")
# Internal keys that must never reach a reader: snake_case identifiers, Python's None/nan; on a Chinese page also
# status and section keys (English prose may say "submitted", so there the status cells are checked instead).
RAW = re.compile(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b|\b(None|nan|co2e)\b")
RAW_ZH = re.compile(r"\b(draft|submitted|energy|ippu|waste|afolu)\b")
STATUS_LABELS = {"zh": {"已提交", "草稿"}, "en": {"Submitted", "Draft"}}


def expected_total(*keys) -> float:
    return sum(calculate(ROWS[k], Options(year=2023, region="CN-JS", gwp="AR5")).total_co2e for k in keys)


def check_page(page, base, path, errors, language):
    response = page.goto(base + path)
    assert response.status == 200
    for chart in CHARTS:  # ECharts draws into a canvas inside each container
        page.wait_for_selector(f"#park-chart-{chart} canvas")
    text = page.locator("main").inner_text()
    raw = RAW.findall(text) + (RAW_ZH.findall(text) if language == "zh" else [])
    assert not raw, raw
    statuses = page.locator("[data-testid=by-enterprise] tbody tr td:nth-child(4)").all_inner_texts()
    assert statuses and set(statuses) <= STATUS_LABELS[language], statuses
    assert not errors, errors
    return text


def test_park_page_as_park_admin_in_both_languages(browser, live_server, transactional_db, django_user_model):
    from tests.conftest import PASSWORD, make_world
    from tests.inventory.test_park import make

    world = make_world(django_user_model)
    make(world, world.enterprise, ROWS["e1"], year=2022, gwp="SAR")
    make(world, world.enterprise2, ROWS["e2"], year=2022)
    make(world, world.enterprise, ROWS["e1"], year=2023, gwp="SAR")
    make(world, world.enterprise2, ROWS["e2"], year=2023, status=Status.DRAFT)
    base = live_server.url
    page = browser.new_page(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    errors = []
    page.on("pageerror", lambda e: errors.append(f"script error: {e}"))
    page.on("console", lambda m: m.type == "error" and errors.append(f"console: {m.text}"))
    page.on("response", lambda r: r.status >= 500 and errors.append(f"{r.status} {r.url}"))

    login(page, base, "park_admin", PASSWORD)
    home = page.locator("main").inner_text()
    assert "测试园区A · 2022年" in home and "2023年报送中" in home  # 2023 has a draft: not complete
    path = f"/accounting/park/{world.park.pk}/2023/"

    text = check_page(page, base, path, errors, "zh")
    assert "包括 1 份已提交的企业清单" in text and "1 份草稿未计入" in text and "AR5" in text
    assert page.locator("[data-testid=park-total]").inner_text() == f"{expected_total('e1'):,.1f}"
    assert "乙化工有限公司" not in page.locator("[data-testid=by-enterprise]").inner_text()
    shot(page, "park_zh")
    page.click("[data-testid=drafts-toggle]")
    page.wait_for_selector("#park-chart-top canvas")
    assert page.locator("[data-testid=park-total]").inner_text() == f"{expected_total('e1', 'e2'):,.1f}"
    assert "草稿" in page.locator("[data-testid=by-enterprise]").inner_text()

    page.click("[data-testid=language-switch] button[value=en]")
    page.wait_for_load_state()
    text = check_page(page, base, path, errors, "en")
    assert "Includes 1 submitted enterprise inventory." in text and "1 draft is not included." in text
    assert "Top emitters" in text and "Trend over years" in text and "Jia Steel" in text
    shot(page, "park_en")
    check_page(page, base, path + "?drafts=1", errors, "en")
    assert "Draft" in page.locator("[data-testid=by-enterprise]").inner_text()
