"""Bad input gets a clear translated error and saves nothing."""

from unittest import mock

import pytest
from django.utils import translation

from parkcarbon.accounts.forms import UserCreateForm
from parkcarbon.accounts.models import Membership, User
from parkcarbon.parks.demo import credit_code
from parkcarbon.parks.forms import AgencyAssignForm, EnterpriseForm, ZoneForm
from parkcarbon.parks.models import Enterprise


def enterprise_data(world, **overrides):
    data = {
        "park": world.park.pk,
        "zone": world.zone.pk,
        "name": "新企业有限公司",
        "name_en": "New Co",
        "credit_code": credit_code("new", "320600"),
        "industry_code": "3011",
        "contact_email": "a@example.com",
    }
    data.update(overrides)
    return data


def test_valid_enterprise_saves(world):
    form = EnterpriseForm(
        enterprise_data(world, credit_code=credit_code("new", "320600").lower()),
        user=world.users["park_admin"],
    )
    assert form.is_valid(), form.errors
    assert form.save().credit_code.isupper()


def test_bad_check_character_is_explained_in_chinese(world):
    good = credit_code("new", "320600")
    wrong = good[:17] + ("0" if good[17] != "0" else "1")
    with translation.override("zh-hans"):
        form = EnterpriseForm(enterprise_data(world, credit_code=wrong), user=world.users["park_admin"])
        assert not form.is_valid()
        message = form.errors["credit_code"][0]
    assert "校验码" in message and good[17] in message


def test_duplicate_credit_code(world):
    form = EnterpriseForm(
        enterprise_data(world, credit_code=world.enterprise.credit_code), user=world.users["park_admin"]
    )
    assert not form.is_valid()
    assert "credit_code" in form.errors


@pytest.mark.parametrize("typed", ["3011", "3011 水泥制造", "3011 Manufacture of cement", " 3011  "])
def test_industry_class_typed_or_picked_from_the_list(world, typed):
    form = EnterpriseForm(enterprise_data(world, industry_code=typed), user=world.users["park_admin"])
    assert form.is_valid(), form.errors
    assert form.cleaned_data["industry_code"] == "3011"


@pytest.mark.parametrize(("typed", "language", "text"), [
    ("30", "en", "4-digit class"), ("301", "en", "4-digit class"), ("C", "zh-hans", "4位小类"),
    ("水泥", "zh-hans", "4位小类"), ("1440", "en", "GB/T 4754-2017"),
])
def test_industry_must_be_a_2017_class(world, typed, language, text):
    with translation.override(language):
        form = EnterpriseForm(enterprise_data(world, industry_code=typed), user=world.users["park_admin"])
        assert not form.is_valid()
        assert text in form.errors["industry_code"][0]
    assert not Enterprise.objects.filter(name="新企业有限公司").exists()


@pytest.mark.parametrize(("language", "sample", "absent"), [
    ("zh-hans", "3011 水泥制造", "Manufacture of cement"), ("en", "3011 Manufacture of cement", "水泥制造"),
])
def test_enterprise_form_offers_every_class_for_search(world, client_for, language, sample, absent):
    from parkcarbon.parks import industry

    c = client_for("park_admin")
    c.post("/i18n/setlang/", {"language": language, "next": "/"})
    html = c.get("/park/enterprises/new/").content.decode()
    datalist = html[html.index("<datalist"): html.index("</datalist>")]
    classes = [code for code, item in industry.industry_codes().items() if item.level == "class"]
    assert datalist.count("<option ") == len(classes) == 1381
    assert f'value="{sample}"' in datalist and absent not in datalist
    assert 'list="id_industry_code-classes"' in html and "<script" not in datalist


def test_existing_enterprise_shows_its_class_with_name(world, client_for):
    html = client_for("park_admin").get(f"/park/enterprises/{world.enterprise.pk}/edit/",
                                        HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert 'value="3120 炼钢"' in html


def test_demo_enterprises_use_2017_classes():
    from parkcarbon.parks import demo, industry

    for rows in (demo.DEMO_ENTERPRISES, demo.OTHER_ENTERPRISES):
        for row in rows:
            code = next(v for v in row if isinstance(v, str) and v.isdigit() and len(v) == 4)
            assert industry.lookup(code).level == "class", row


def test_unknown_industry_code(world):
    with translation.override("en"):
        form = EnterpriseForm(enterprise_data(world, industry_code="9999"), user=world.users["park_admin"])
        assert not form.is_valid()
        assert "GB/T 4754-2017" in form.errors["industry_code"][0]


def test_zone_of_another_park_is_not_offered(world):
    form = EnterpriseForm(user=world.users["park_admin"])
    assert set(form.fields["zone"].queryset) == {world.zone, world.zone2}
    assert list(form.fields["park"].queryset) == [world.park]
    other_zone = world.other_park.zones.get()
    bound = EnterpriseForm(enterprise_data(world, zone=other_zone.pk), user=world.users["park_admin"])
    assert not bound.is_valid() and "zone" in bound.errors


def test_park_admin_cannot_target_another_park(world):
    form = EnterpriseForm(enterprise_data(world, park=world.other_park.pk), user=world.users["park_admin"])
    assert not form.is_valid() and "park" in form.errors


def test_zone_code_unique_within_park_also_when_editing(world):
    form = ZoneForm({"name": "x", "code": "a2"}, instance=world.zone, user=world.users["park_admin"])
    assert not form.is_valid()


def test_agency_assignment_keeps_other_parks_assignments(world):
    world.verifier_agency.parks.add(world.other_park)
    form = AgencyAssignForm(
        {"parks": [], "enterprises": [world.enterprise.pk]},
        agency=world.verifier_agency,
        user=world.users["park_admin"],
    )
    assert form.is_valid(), form.errors
    form.save()
    assert set(world.verifier_agency.parks.all()) == {world.other_park}
    assert set(world.verifier_agency.enterprises.all()) == {world.enterprise}


def user_data(world, **overrides):
    data = {
        "username": "newreporter",
        "first_name": "新",
        "email": "new@example.com",
        "password1": "Long-enough-pass-9",
        "password2": "Long-enough-pass-9",
        "role": "enterprise_reporter",
        "enterprise": world.enterprise.pk,
    }
    data.update(overrides)
    return data


def test_park_admin_creates_enterprise_user_with_membership(world):
    form = UserCreateForm(user_data(world), user=world.users["park_admin"])
    assert form.is_valid(), form.errors
    user = form.save()
    m = user.memberships.get()
    assert (m.role, m.park, m.enterprise) == ("enterprise_reporter", world.park, world.enterprise)


def test_user_without_role_is_refused_and_nothing_saved(world):
    with translation.override("zh-hans"):
        form = UserCreateForm(user_data(world, role=""), user=world.users["park_admin"])
        assert not form.is_valid()
        assert "角色" in form.errors["role"][0]
    assert not User.objects.filter(username="newreporter").exists()


def test_role_choices_are_limited_to_what_the_actor_may_grant(world):
    roles = {v for v, _ in UserCreateForm(user=world.users["park_admin"]).fields["role"].choices if v}
    assert "platform_admin" not in roles and "park_admin" not in roles
    assert {"enterprise_reporter", "enterprise_manager", "verifier"} <= roles
    form = UserCreateForm(user_data(world, role="platform_admin"), user=world.users["park_admin"])
    assert not form.is_valid() and "role" in form.errors


def test_enterprise_choices_are_limited_by_for_user(world):
    form = UserCreateForm(user=world.users["park_admin"])
    assert world.other_enterprise not in form.fields["enterprise"].queryset
    bound = UserCreateForm(
        user_data(world, enterprise=world.other_enterprise.pk), user=world.users["park_admin"]
    )
    assert not bound.is_valid() and "enterprise" in bound.errors


def test_enterprise_role_needs_an_enterprise(world):
    form = UserCreateForm(user_data(world, enterprise="", park=world.park.pk), user=world.users["park_admin"])
    assert not form.is_valid() and "enterprise" in form.errors


def test_user_and_membership_are_created_atomically(world):
    form = UserCreateForm(user_data(world), user=world.users["park_admin"])
    assert form.is_valid()
    with (
        mock.patch.object(Membership, "save", side_effect=RuntimeError("disk full")),
        pytest.raises(RuntimeError),
    ):
        form.save()
    assert not User.objects.filter(username="newreporter").exists()


def test_weak_password_is_rejected(world):
    form = UserCreateForm(
        user_data(world, password1="12345678", password2="12345678"), user=world.users["park_admin"]
    )
    assert not form.is_valid() and "password2" in form.errors


def test_enterprise_create_view_saves_and_redirects(world, client_for):
    response = client_for("park_admin").post("/park/enterprises/new/", enterprise_data(world))
    assert response.status_code == 302
    assert Enterprise.objects.filter(name="新企业有限公司", park=world.park).exists()


def test_enterprise_create_view_shows_errors(world, client_for):
    response = client_for("park_admin").post(
        "/park/enterprises/new/", enterprise_data(world, credit_code="123"), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert "exactly 18 characters" in response.content.decode()


def test_a_radio_group_is_a_fieldset_with_its_label_as_legend():
    """A group of radio buttons has no single control a <label for> could name: the shared form template gives it a
    fieldset and a legend (what screen readers announce), and keeps <label for> for single controls."""
    from django import forms as django_forms
    from django.template.loader import render_to_string

    class Choice(django_forms.Form):
        outcome = django_forms.ChoiceField(label="Outcome", choices=[("a", "A"), ("b", "B")],
                                           widget=django_forms.RadioSelect)
        note = django_forms.CharField(label="Note")

    html = render_to_string("common/_form.html", {"form": Choice()})
    assert '<fieldset class="field-set"><legend>Outcome' in html
    assert 'for=""' not in html and '<label for="id_note">Note' in html
