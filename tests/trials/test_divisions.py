"""The shipped administrative division list and the cascading field (GB/T 2260, MCA list of 2024-12-31)."""

import pytest

from parkcarbon.engine import load_library
from parkcarbon.inventory.regions import region_for_division
from parkcarbon.parks import divisions
from parkcarbon.parks.division_field import DivisionField


def test_counts_match_the_published_list():
    # The MCA list of 2024-12-31 states 34 provincial-level, 333 prefecture-level and 2,846 county-level units.
    levels = [d.level for d in divisions.divisions().values()]
    assert (levels.count("province"), levels.count("city"), levels.count("county")) == (34, 333, 2846)


def test_parents_names_and_labels():
    assert [d.name_zh for d in divisions.chain("320583")] == ["江苏省", "苏州市", "昆山市"]
    assert divisions.lookup("110105").parent == "110000"  # a municipality's district hangs under the province
    assert divisions.lookup("429004").parent == "420000"  # 仙桃市: county-level, directly under 湖北省
    assert divisions.children("810000") == ()  # 香港: no subdivisions in the list
    assert divisions.label("320583", zh=True) == "江苏省苏州市昆山市"
    assert divisions.label("320583", zh=False) == "Jiangsu, Suzhou City, Kunshan City"
    assert divisions.lookup("110105").name_en == "Chaoyang District"  # phrase pinyin, not zhao yang


def test_every_mainland_province_maps_to_its_grid():
    regions = load_library().regions
    provinces = [d for d in divisions.children() if d.code[:2] not in ("71", "81", "82")]
    assert len(provinces) == 31
    for d in provinces:
        region = region_for_division(d.code)
        assert region and regions[region]["parent"].startswith("CN-GRID-"), d
        assert regions[region]["name_zh"] in d.name_zh
    assert regions[region_for_division("320583")]["parent"] == "CN-GRID-E"  # 江苏: East China grid
    assert regions[region_for_division("370100")]["parent"] == "CN-GRID-N"  # 山东: North China grid
    assert regions[region_for_division("540000")]["parent"] == "CN-GRID-SW"  # 西藏: Southwest grid (2021 on)
    assert region_for_division("810000") == ""  # Hong Kong has no mainland grid factor


@pytest.mark.parametrize(("province", "city", "code"), [
    ("江苏省", "南通市", "320600"), ("江苏", "苏州", "320500"), ("Jiangsu", "", "320000"),
    ("浙江省", "宁波市", "330200"), ("北京市", "朝阳区", "110105"), ("内蒙古自治区", "鄂尔多斯市", "150600"),
    ("湖北", "仙桃", "429004"), ("火星", "", ""),
])
def test_free_text_maps_to_codes(province, city, code):
    assert divisions.find(province, city) == code


def _clean(*values):
    field = DivisionField()
    data = {f"region_{i}": v for i, v in enumerate(values)}
    return field.clean(field.widget.value_from_datadict(data, {}, "region"))


def test_field_accepts_a_complete_choice():
    assert _clean("320000", "320500", "320583") == "320583"
    assert _clean("110000", "110105") == "110105"  # municipality: district directly under it
    assert _clean("440000", "441900") == "441900"  # 东莞市 has no county level


@pytest.mark.parametrize(("values", "code"), [
    (("320000",), "incomplete"),
    (("320000", "320500"), "incomplete"),
    (("320000", "330200", "330203"), "incomplete"),  # a stale lower select from another province is dropped
    (("999999",), "unknown"),
    (("", "", ""), "required"),
])
def test_field_refuses_incomplete_or_unknown(values, code):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as info:
        _clean(*values)
    assert info.value.code == code


def test_divisions_endpoint_follows_the_language(client):
    response = client.get("/park/divisions/", {"parent": "320500"}, HTTP_ACCEPT_LANGUAGE="en")
    assert ["320583", "Kunshan City"] in response.json()["divisions"]
    response = client.get("/park/divisions/", {"parent": "320500"}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert ["320583", "昆山市"] in response.json()["divisions"]
    assert len(client.get("/park/divisions/").json()["divisions"]) == 34
    assert client.get("/park/divisions/", {"parent": "nonsense"}).json() == {"divisions": []}
