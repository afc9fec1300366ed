"""Tenancy through HTTP, htmx partials, the no-role page, login throttling, demo data, settings safety."""

import io
import os
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.urls import reverse

from parkcarbon.accounts.models import Membership, User
from parkcarbon.parks.models import Agency, Enterprise, Park
from parkcarbon.parks.validators import validate_credit_code


def test_enterprise_user_list_and_detail_show_only_their_enterprise(world, client_for):
    c = client_for("enterprise_reporter")
    page = c.get(reverse("parks:enterprise_list")).content.decode()
    assert "Jia Steel" in page or "甲钢铁有限公司" in page
    assert "乙化工有限公司" not in page and "Yi Chemicals" not in page
    assert c.get(reverse("parks:enterprise_detail", args=[world.enterprise2.pk])).status_code == 404
    assert c.get(reverse("parks:enterprise_detail", args=[world.other_enterprise.pk])).status_code == 404


def test_park_admin_cannot_see_another_park(world, client_for):
    c = client_for("park_admin")
    assert c.get(reverse("parks:park_detail", args=[world.other_park.pk])).status_code == 404
    page = c.get(reverse("parks:enterprise_list")).content.decode()
    assert "丙电子有限公司" not in page
    assert c.get(reverse("parks:enterprise_edit", args=[world.other_enterprise.pk])).status_code == 404


def test_verifier_sees_only_assigned(world, client_for):
    c = client_for("verifier")
    assert c.get(reverse("parks:enterprise_detail", args=[world.other_enterprise.pk])).status_code == 404
    assert c.get(reverse("parks:agency_detail", args=[world.authority_agency.pk])).status_code == 404
    page = c.get(reverse("parks:enterprise_list")).content.decode()
    assert "甲钢铁有限公司" in page and "丙电子有限公司" not in page


def test_htmx_filter_returns_only_the_table_partial(world, client_for):
    c = client_for("park_admin")
    response = c.get(reverse("parks:enterprise_list"), {"q": "甲"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and 'data-testid="enterprise-table"' in html
    assert "甲钢铁有限公司" in html and "乙化工有限公司" not in html
    full = c.get(reverse("parks:enterprise_list"), {"key": "1"}).content.decode()
    assert "<html" in full and "甲钢铁有限公司" in full and "乙化工有限公司" not in full


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"zone": "ZONE2"}, {"乙化工有限公司"}),
        ({"industry": "31"}, {"甲钢铁有限公司"}),
        ({"key": "0"}, {"乙化工有限公司"}),
    ],
)
def test_enterprise_filters(world, client_for, params, expected):
    if params.get("zone") == "ZONE2":
        params = {"zone": world.zone2.pk}
    html = client_for("park_admin").get(reverse("parks:enterprise_list"), params, HTTP_HX_REQUEST="true")
    shown = {e.name for e in Enterprise.objects.all() if e.name in html.content.decode()}
    assert shown == expected


def test_user_without_role_sees_explanation(db, client):
    user = User.objects.create_user("lonely", password="x-long-password-1")
    client.force_login(user)
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 403
    assert "尚未分配角色" in response.content.decode()


def test_park_admin_creates_user_through_the_view(world, client_for):
    response = client_for("park_admin").post(
        reverse("accounts:user_create"),
        {
            "username": "rep2",
            "email": "rep2@example.com",
            "password1": "Long-enough-pass-9",
            "password2": "Long-enough-pass-9",
            "role": "enterprise_manager",
            "enterprise": world.enterprise2.pk,
        },
    )
    assert response.status_code == 302
    m = Membership.objects.get(user__username="rep2")
    assert (m.role, m.enterprise, m.park) == ("enterprise_manager", world.enterprise2, world.park)
    listing = client_for("park_admin").get(reverse("accounts:user_list")).content.decode()
    assert "rep2" in listing and "other_park_admin" not in listing


def test_park_admin_creates_agency_assigned_to_their_park(world, client_for):
    response = client_for("park_admin").post(
        reverse("parks:agency_create"), {"kind": "consultancy", "name": "咨询公司", "park": world.park.pk}
    )
    assert response.status_code == 302
    assert list(Agency.objects.get(name="咨询公司").parks.all()) == [world.park]


def test_login_lockout_shows_translated_page(world, client):
    for _ in range(5):
        response = client.post(
            reverse("accounts:login"),
            {"username": "park_admin", "password": "wrong"},
            HTTP_ACCEPT_LANGUAGE="zh-hans",
        )
    assert response.status_code == 429
    assert "账号已被暂时锁定" in response.content.decode()


def test_login_works_and_lands_on_home(world, client):
    response = client.post(
        reverse("accounts:login"), {"username": "park_admin", "password": "Correct-Horse-42"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("home")


def test_coming_page_describes_the_section(world, client_for):
    from parkcarbon.common.navigation import NAV_ITEMS

    coming = next((i for i in NAV_ITEMS if not i.built), None)  # sections are built one by one (assets: issue 18)
    if coming is not None:
        html = client_for("park_viewer").get(f"/coming/{coming.key}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert str(coming.description)[:40] in html
    assert client_for("park_viewer").get("/coming/assets/").status_code == 404
    assert (
        client_for("park_viewer").get("/coming/park/").status_code == 404
    )  # built sections are not "coming"
    assert client_for("park_viewer").get("/coming/nonsense/").status_code == 404


def demo_counts():
    models = [Park, Enterprise, Agency, Membership, User]
    return [m.objects.count() for m in models] + [Enterprise.history.count(), Agency.history.count()]


def test_load_demo_is_idempotent(db):
    call_command("load_demo", allow_production=True, stdout=io.StringIO())
    first = demo_counts()
    call_command("load_demo", allow_production=True, stdout=io.StringIO())
    assert demo_counts() == first
    demo = Park.objects.get(code="demo-etdz")
    # Published password: no demo user is a Django superuser or staff; the platform admin holds the policy's role.
    assert not User.objects.filter(is_superuser=True).exists() and not User.objects.filter(is_staff=True).exists()
    assert Membership.objects.filter(user__username="platform_admin", role="platform_admin", park=None).exists()
    assert demo.enterprises.count() >= 22
    assert len({e.industry_code[:2] for e in demo.enterprises.all()}) >= 8
    assert demo.enterprises.filter(is_key_emitter=True).exists()
    for e in Enterprise.objects.all():
        validate_credit_code(e.credit_code)
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == {
        "platform_admin",
        "park_admin",
        "park_viewer",
        "enterprise_reporter",
        "enterprise_manager",
        "verifier",
        "authority_viewer",
    }
    assert User.objects.get(username="ent_reporter").check_password("ParkCarbon#2026")
    assert Membership.objects.get(user__username="other_park_admin").park.code != "demo-etdz"


def test_settings_refuse_default_secret_key_without_debug(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "PARKCARBON_TESTING", "DEBUG")}
    env.update(DEBUG="0", DJANGO_SETTINGS_MODULE="parkcarbon.config.settings")
    code = "import django; django.setup()"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=tmp_path
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
    env["SECRET_KEY"] = "a-real-secret-for-this-test-only-0123456789"
    ok = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr


def test_production_hasher_is_argon2():
    from parkcarbon.config import settings as prod

    assert prod.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_print_policy_command(capsys):
    call_command("print_policy")
    assert "enterprise" in capsys.readouterr().out


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_agency_history_names_the_assigned_parks(world, client_for, lang):
    """QA walk: the agency page's change history showed an assignment as "[{'agency': 1, 'park': 1}]"."""
    from django.utils import translation

    client = client_for("park_admin")
    client.cookies["django_language"] = lang
    page = client.get(reverse("parks:agency_detail", args=[world.verifier_agency.pk])).content.decode()
    with translation.override(lang):
        park_name = str(world.park)
    assert "{&#x27;agency&#x27;" not in page and "{'agency'" not in page
    assert f"<ins>{park_name}</ins>" in page


def test_navigation_urls_follow_the_script_prefix():
    # NavItem.url() is reversed once per process and script prefix (navigation._url): an installation mounted under
    # a path still links under it, and the root one at the root.
    from django.urls import get_script_prefix, set_script_prefix

    from parkcarbon.common.navigation import NAV_ITEMS

    item = next(i for i in NAV_ITEMS if i.key == "accounting")
    before = get_script_prefix()
    try:
        set_script_prefix("/carbon/")
        mounted = item.url()
        set_script_prefix("/")
        assert (mounted, item.url()) == ("/carbon/accounting/", "/accounting/")
    finally:
        set_script_prefix(before)


@pytest.mark.django_db
def test_the_sidebar_from_the_process_cache_follows_the_page_the_language_and_the_user(world, client_for):
    # templatetags.parkcarbon.sidebar keeps each rendered sidebar by everything it shows (common/_sidebar.html).
    import re

    def sidebar(client, url, lang):
        body = client.get(url, HTTP_ACCEPT_LANGUAGE=lang).content.decode()
        return body[body.index('<nav class="sidebar"'):body.index("</nav>", body.index('<nav class="sidebar"'))]

    def active(html):
        return re.findall(r'class="nav-item active[^"]*" data-nav="(\w+)"', html)

    reporter = client_for("enterprise_reporter")
    assert active(sidebar(reporter, "/accounting/", "en")) == ["accounting"]
    assert active(sidebar(reporter, "/", "en")) == []
    english, chinese = sidebar(reporter, "/accounting/", "en"), sidebar(reporter, "/accounting/", "zh-hans")
    assert "Carbon Accounting" in english and "Carbon Accounting" not in chinese and "碳核算" in chinese
    admin = sidebar(client_for("park_admin"), "/accounting/", "en")
    assert 'data-nav="interface"' in admin and 'data-nav="interface"' not in english  # each user's own entries
