import pytest

from tests.conftest import make_world

APPLICATION = {  # 昆山市 (320583), a county-level city of 苏州市, 江苏省
    "park_name": "昆山示范产业园", "level": "provincial_etdz", "division_0": "320000", "division_1": "320500",
    "division_2": "320583", "area_km2": "12.5", "industries": ["C", "26"], "enterprise_count": "48",
    "contact_name": "王工", "mobile": "+86 138-0013-8000", "email": "Wang.Gong@example.com",
    "message": "希望试用碳核算功能。",
}


@pytest.fixture
def world(db, django_user_model):
    return make_world(django_user_model)


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
