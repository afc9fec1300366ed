"""Shared pytest setup: compiled translations and a fixed cast of parks, enterprises, agencies and users.

The cast (Healthchecks-style: owner, member, stranger) is used by the role x view matrix and the tenancy
tests. Objects live in park A unless their name says otherwise.
"""

from dataclasses import dataclass

import pytest

from parkcarbon.common.i18n import compile_catalogs

pytest_plugins = ["tests.browser"]  # the shared Chromium fixture for browser tests

# .mo files are build products (git-ignored); compile them before Django loads any catalog.
compile_catalogs()

PASSWORD = "Correct-Horse-42"  # noqa: S105 - test-only

CAST_ROLES = [
    "platform_admin",
    "park_admin",
    "park_viewer",
    "enterprise_reporter",
    "enterprise_manager",
    "verifier",
    "authority_viewer",
    "other_park_admin",  # park admin of park B
    "other_enterprise_user",  # reporter of enterprise E2 (park A, zone A2)
]


@dataclass
class World:
    park: object
    other_park: object
    zone: object  # zone A1 of park A (E1 is in it)
    zone2: object  # zone A2 of park A (E2 is in it)
    enterprise: object  # E1, park A
    enterprise2: object  # E2, park A
    other_enterprise: object  # EB, park B
    verifier_agency: object  # assigned to park A
    authority_agency: object  # assigned to park A
    users: dict


def make_world(django_user_model) -> World:
    from parkcarbon.accounts.models import Membership
    from parkcarbon.parks.demo import credit_code
    from parkcarbon.parks.models import Agency, Enterprise, Park, Zone

    park = Park.objects.create(
        name="测试园区A",
        name_en="Test Park A",
        code="park-a",
        province="江苏省",
        city="南通市",
        level="national_etdz",
    )
    other = Park.objects.create(
        name="测试园区B",
        name_en="Test Park B",
        code="park-b",
        province="浙江省",
        city="宁波市",
        level="industrial_park",
    )
    zone = Zone.objects.create(park=park, name="一区", name_en="Zone A1", code="a1")
    zone2 = Zone.objects.create(park=park, name="二区", name_en="Zone A2", code="a2")
    Zone.objects.create(park=other, name="B区", name_en="Zone B1", code="b1")
    e1 = Enterprise.objects.create(
        park=park,
        zone=zone,
        name="甲钢铁有限公司",
        name_en="Jia Steel",
        credit_code=credit_code("e1", "320600"),
        industry_code="3120",
        is_key_emitter=True,
    )
    e2 = Enterprise.objects.create(
        park=park,
        zone=zone2,
        name="乙化工有限公司",
        name_en="Yi Chemicals",
        credit_code=credit_code("e2", "320600"),
        industry_code="2614",
    )
    eb = Enterprise.objects.create(
        park=other,
        name="丙电子有限公司",
        name_en="Bing Electronics",
        credit_code=credit_code("eb", "330200"),
        industry_code="3973",
    )
    verifier = Agency.objects.create(
        kind="verifier", name="核查机构", name_en="Verifier Co", credit_code=credit_code("v", "320100")
    )
    verifier.parks.add(park)
    authority = Agency.objects.create(kind="authority", name="生态环境局", name_en="Authority")
    authority.parks.add(park)

    targets = {
        "platform_admin": {},
        "park_admin": {"park": park},
        "park_viewer": {"park": park},
        "enterprise_reporter": {"park": park, "enterprise": e1},
        "enterprise_manager": {"park": park, "enterprise": e1},
        "verifier": {"park": park, "agency": verifier},
        "authority_viewer": {"park": park, "agency": authority},
        "other_park_admin": {"park": other},
        "other_enterprise_user": {"park": park, "enterprise": e2},
    }
    role_of = {"other_park_admin": "park_admin", "other_enterprise_user": "enterprise_reporter"}
    users = {}
    for name, target in targets.items():
        user = django_user_model.objects.create_user(
            name, f"{name}@example.com", PASSWORD, is_staff=name == "platform_admin"
        )
        Membership.objects.create(user=user, role=role_of.get(name, name), **target)
        users[name] = user
    return World(park, other, zone, zone2, e1, e2, eb, verifier, authority, users)


@pytest.fixture
def world(db, django_user_model) -> World:
    return make_world(django_user_model)


@pytest.fixture
def client_for(world, client):
    """client_for(role) -> a test client logged in as that cast member ("anonymous" = not logged in)."""
    from django.test import Client

    def make(role: str):
        c = Client()
        if role != "anonymous":
            c.force_login(world.users[role])
        return c

    return make


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty Django cache: cached page parts (inventory/page_cache.py), figures and rate
    limits of one test must not answer another's requests."""
    from django.core.cache import caches

    for cache in caches.all(initialized_only=True):
        cache.clear()
    yield
