"""Credit code validator (GB 32100-2015), industry code data file (GB/T 4754-2017), model history."""

import string

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from parkcarbon.parks import industry
from parkcarbon.parks.demo import credit_code, org_code
from parkcarbon.parks.validators import (
    CREDIT_CODE_CHARSET,
    credit_code_check_char,
    validate_credit_code,
    validate_industry_code,
)

# Commonly cited valid example; the check character '3' is verified by the algorithm below.
KNOWN_VALID = ["91350100M000100Y43"]


@pytest.mark.parametrize("code", KNOWN_VALID)
def test_known_valid_codes(code):
    assert credit_code_check_char(code[:17]) == code[17]
    validate_credit_code(code)


def test_check_character_worked_example():
    # 9 1 3 5 0 1 0 0 M 0 0 0 1 0 0 Y 4 with weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28:
    values = [CREDIT_CODE_CHARSET.index(c) for c in "91350100M000100Y4"]
    weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    total = sum(v * w for v, w in zip(values, weights, strict=True))
    assert CREDIT_CODE_CHARSET[(31 - total % 31) % 31] == "3"


@pytest.mark.parametrize(
    ("code", "error"),
    [
        ("91350100M000100Y44", "credit_code_check"),  # wrong check character
        ("91350100M000100Y4", "credit_code_length"),  # 17 characters
        ("91350100M000100Y433", "credit_code_length"),
        ("91350100M00010OY43", "credit_code_charset"),  # letter O is not allowed
        ("91350100I000100Y43", "credit_code_charset"),
        ("", "credit_code_length"),
    ],
)
def test_invalid_codes_are_rejected_with_a_reason(code, error):
    with pytest.raises(ValidationError) as exc:
        validate_credit_code(code)
    assert exc.value.code == error


def test_check_message_names_the_expected_character():
    with pytest.raises(ValidationError) as exc:
        validate_credit_code("91350100M000100Y44")
    assert "3" in exc.value.messages[0] and "17" in exc.value.messages[0]


body = st.text(alphabet=CREDIT_CODE_CHARSET, min_size=17, max_size=17)


@given(body)
def test_computed_check_character_always_validates(first17):
    validate_credit_code(first17 + credit_code_check_char(first17))


@given(body, st.sampled_from(CREDIT_CODE_CHARSET))
def test_any_other_last_character_fails(first17, last):
    if last != credit_code_check_char(first17):
        with pytest.raises(ValidationError):
            validate_credit_code(first17 + last)


def test_demo_codes_have_valid_organisation_code():
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    for seed in ("a", "b", "steel", "江苏示范石化有限公司"):
        oc = org_code(seed)
        remainder = 11 - sum(int(c) * w for c, w in zip(oc[:8], weights, strict=True)) % 11
        assert oc[8] == {10: "X", 11: "0"}.get(remainder, str(remainder))
        validate_credit_code(credit_code(seed, "320600"))


def test_industry_file_covers_all_sections_and_divisions():
    codes = industry.industry_codes()
    sections = [c.code for c in codes.values() if c.level == "section"]
    divisions = [c.code for c in codes.values() if c.level == "division"]
    assert sections == list(string.ascii_uppercase[:20])  # A..T
    assert divisions == [f"{n:02d}" for n in range(1, 98)]  # 01..97, 97 divisions
    assert codes["3011"].name_zh == "水泥制造" and codes["3011"].section == "C"
    assert codes["4411"].section == "D" and codes["5431"].section == "G"
    for code in codes.values():
        if code.level in ("group", "class"):
            assert code.code[:-1] in codes, f"{code.code} has no parent"


def test_industry_file_is_the_complete_2017_classification():
    """The standard's own totals: 20 sections, 97 divisions, 473 groups, 1381 classes (2011 had 1094 classes)."""
    from collections import Counter

    codes = industry.industry_codes()
    assert Counter(c.level for c in codes.values()) == {"section": 20, "division": 97, "group": 473, "class": 1381}
    # Spot checks against the standard's table, including 2017 changes from 2011.
    expected = {"3011": "水泥制造", "3120": "炼钢", "2614": "有机化学原料制造", "4411": "火力发电",
                "1441": "液体乳制造", "3741": "飞机制造", "3612": "新能源车整车制造", "4417": "生物质能发电",
                "6520": "集成电路设计", "7221": "园区管理服务", "0220": "造林和更新", "9700": "国际组织"}
    for code, name in expected.items():
        assert codes[code].name_zh == name and codes[code].level == "class", code
    assert "1440" not in codes  # 2011's dairy class, split into 1441/1442/1449 in 2017
    for c in codes.values():
        assert c.name_zh == c.name_zh.strip() and c.name_en.isascii() and c.name_en[0].isupper(), c.code
        if c.level == "group":
            assert any(k.startswith(c.code) and codes[k].level == "class" for k in codes), f"{c.code} has no class"


def test_industry_file_cites_the_standard():
    header = industry.DATA_FILE.read_text(encoding="utf-8").splitlines()[0]
    meta = industry.DATA_FILE.with_suffix(".meta").read_text(encoding="utf-8")
    assert "GB/T 4754-2017" in header and "GB/T 4754-2017" in meta
    assert "publisher:" in meta and "licence:" in meta


def test_industry_loader_fails_loudly_on_a_bad_row(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "code,name_zh,name_en,level\nC,制造业,Manufacturing,section\n261,x,y,group\n", encoding="utf-8"
    )
    with pytest.raises(ValueError, match="parent"):
        industry.load(bad)


@pytest.mark.parametrize("code", ["", "C", "99", "3999", "abc"])
def test_unknown_industry_codes_are_rejected(code):
    with pytest.raises(ValidationError):
        validate_industry_code(code)


def test_history_records_who_changed_what(world, client_for):
    e = world.enterprise
    response = client_for("park_admin").post(
        f"/park/enterprises/{e.pk}/edit/",
        {
            "zone": world.zone.pk,
            "name": e.name,
            "name_en": "Jia Steel Renamed",
            "credit_code": e.credit_code,
            "industry_code": e.industry_code,
            "is_key_emitter": "on",
        },
    )
    assert response.status_code == 302
    latest = e.history.latest()
    assert latest.history_user == world.users["park_admin"]
    assert latest.name_en == "Jia Steel Renamed"
    page = client_for("park_admin").get(f"/park/enterprises/{e.pk}/").content.decode()
    assert "Jia Steel Renamed" in page and "park_admin" in page
