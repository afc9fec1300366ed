"""Administration in the app (issue 14, item 6): park profile, user edit / deactivate / password reset link,
each for the administrators within whose reach the object is; other tenants get 404."""

import pytest
from django.test import Client
from django.urls import reverse

from parkcarbon.accounts.models import Membership, User
from tests.conftest import PASSWORD

NEW_PASSWORD = "Quiet-Lantern-8823"  # noqa: S105 - test-only


def signs_in(username, password) -> bool:
    response = Client().post(reverse("accounts:login"), {"username": username, "password": password})
    return response.status_code == 302


def edit_url(user):
    return reverse("accounts:user_edit", kwargs={"pk": user.pk})


def test_park_admin_edits_a_user_of_their_park(world, client_for):
    target = world.users["enterprise_reporter"]
    c = client_for("park_admin")
    assert f'href="{edit_url(target)}"' in c.get(reverse("accounts:user_list")).content.decode()
    response = c.post(edit_url(target), {"first_name": "新", "last_name": "名", "email": "new@example.com",
                                         "is_active": "on"})
    assert response.status_code == 302
    target.refresh_from_db()
    assert (target.first_name, target.email, target.is_active) == ("新", "new@example.com", True)
    assert target.history.first().history_user == world.users["park_admin"]


def test_deactivated_user_can_no_longer_sign_in_and_loses_the_session(world, client_for):
    target = world.users["enterprise_reporter"]
    session = client_for("enterprise_reporter")
    assert session.get(reverse("home")).status_code == 200
    response = client_for("park_admin").post(edit_url(target), {"first_name": "", "last_name": "",
                                                                 "email": target.email})  # is_active unticked
    assert response.status_code == 302
    target.refresh_from_db()
    assert not target.is_active
    assert session.get(reverse("parks:park_list")).status_code == 302  # signed out ("/" is the public landing page)
    assert not signs_in(target.username, PASSWORD)


def test_email_is_required(world, client_for):
    target = world.users["enterprise_reporter"]
    response = client_for("park_admin").post(edit_url(target), {"email": "", "is_active": "on"},
                                             HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200 and "This field is required" in response.content.decode()


@pytest.mark.parametrize("target", ["enterprise_reporter", "park_viewer", "verifier"])
def test_other_parks_admin_gets_404(world, client_for, target):
    c = client_for("other_park_admin")
    user = world.users[target]
    assert c.get(edit_url(user)).status_code == 404
    assert c.post(edit_url(user), {"email": "x@example.com"}).status_code == 404
    assert c.post(reverse("accounts:user_reset_link", kwargs={"pk": user.pk})).status_code == 404
    user.refresh_from_db()
    assert user.email != "x@example.com"


def test_park_admin_cannot_manage_a_peer_a_platform_admin_or_a_user_shared_with_another_park(world, client_for):
    c = client_for("park_admin")
    peer = User.objects.create_user("peer_admin", "peer@example.com", PASSWORD)
    Membership.objects.create(user=peer, role="park_admin", park=world.park)
    shared = world.users["park_viewer"]
    Membership.objects.create(user=shared, role="park_viewer", park=world.other_park)
    assert c.get(edit_url(peer)).status_code == 403
    assert c.get(edit_url(shared)).status_code == 403
    assert c.get(edit_url(world.users["platform_admin"])).status_code == 404  # no park: not in reach
    assert c.get(edit_url(world.users["park_admin"])).status_code == 403  # oneself: use "Change password"


def test_platform_admin_manages_everyone_but_themselves(world, client_for):
    c = client_for("platform_admin")
    for name in ("park_admin", "other_park_admin", "verifier"):
        assert c.get(edit_url(world.users[name])).status_code == 200
    assert c.get(edit_url(world.users["platform_admin"])).status_code == 403


def test_password_reset_link_lets_the_user_choose_a_new_password_once(world, client_for):
    target = world.users["enterprise_reporter"]
    response = client_for("park_admin").post(reverse("accounts:user_reset_link", kwargs={"pk": target.pk}))
    assert response.status_code == 200
    link = response.context["reset_link"]
    assert link.startswith("http://testserver/accounts/reset/")
    assert PASSWORD not in response.content.decode()

    anonymous = Client()
    form_page = anonymous.get(link, follow=True)
    assert form_page.context["validlink"]
    set_url = form_page.redirect_chain[-1][0]
    done = anonymous.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302 and done["Location"] == reverse("accounts:password_reset_complete")
    assert signs_in(target.username, NEW_PASSWORD)
    again = Client().get(link, follow=True)
    assert not again.context["validlink"]  # used once: the password changed since


def test_no_reset_link_for_an_inactive_account(world, client_for):
    target = world.users["enterprise_reporter"]
    target.is_active = False
    target.save()
    response = client_for("park_admin").post(reverse("accounts:user_reset_link", kwargs={"pk": target.pk}))
    assert response.status_code == 302 and "reset_link" not in (response.context or {})


def test_reset_link_is_post_only(world, client_for):
    target = world.users["enterprise_reporter"]
    response = client_for("park_admin").get(reverse("accounts:user_reset_link", kwargs={"pk": target.pk}))
    assert response.status_code == 405


@pytest.mark.parametrize(("language", "texts"), [
    ("zh-hans", ["编辑用户", "生成密码重置链接", "账号启用"]),
    ("en", ["Edit user", "Create password reset link", "Account active"]),
])
def test_user_edit_page_in_both_languages(world, client_for, language, texts):
    c = client_for("park_admin")
    c.post(reverse("set_language"), {"language": language, "next": "/"})
    html = c.get(edit_url(world.users["enterprise_reporter"])).content.decode()
    for text in texts:
        assert text in html


# ------------------------------------------------------------------------------------------------ park profile
def park_form(**overrides):
    data = {"name": "测试园区A（新）", "name_en": "Test Park A (new)",  # region: 江苏省 南通市 崇川区 (GB/T 2260)
            "division_0": "320000", "division_1": "320600", "division_2": "320613",
            "level": "national_etdz", "area_km2": "12.50", "leading_industries": "钢铁、化工"}
    return {**data, **overrides}


def test_park_admin_edits_their_park_profile(world, client_for):
    url = reverse("parks:park_edit", kwargs={"pk": world.park.pk})
    c = client_for("park_admin")
    assert f'href="{url}"' in c.get(reverse("parks:park_detail", kwargs={"pk": world.park.pk})).content.decode()
    response = c.post(url, park_form(code="hijacked"))
    assert response.status_code == 302
    world.park.refresh_from_db()
    assert world.park.name == "测试园区A（新）" and str(world.park.area_km2) == "12.50"
    assert world.park.code == "park-a"  # the identifier is not editable here
    assert world.park.history.first().history_user == world.users["park_admin"]


@pytest.mark.parametrize(("role", "status"), [("other_park_admin", 404), ("park_viewer", 403),
                                              ("enterprise_manager", 403)])
def test_park_profile_edit_refused_outside_reach(world, client_for, role, status):
    url = reverse("parks:park_edit", kwargs={"pk": world.park.pk})
    assert client_for(role).post(url, park_form()).status_code == status
    world.park.refresh_from_db()
    assert world.park.name == "测试园区A"


def test_park_profile_rejects_negative_area(world, client_for):
    url = reverse("parks:park_edit", kwargs={"pk": world.park.pk})
    response = client_for("park_admin").post(url, park_form(area_km2="-1"))
    assert response.status_code == 200 and response.context["form"].errors["area_km2"]


# ------------------------------------------------------------------------------------------------------- roles
def role_add_url(user):
    return reverse("accounts:user_role_add", kwargs={"pk": user.pk})


def test_park_admin_adds_and_removes_a_role_within_their_park(world, client_for):
    target = world.users["enterprise_reporter"]
    c = client_for("park_admin")
    response = c.post(role_add_url(target), {"role-role": "park_viewer", "role-park": world.park.pk})
    assert response.status_code == 302
    added = target.memberships.get(role="park_viewer")
    assert added.park == world.park
    again = c.post(role_add_url(target), {"role-role": "park_viewer", "role-park": world.park.pk},
                   HTTP_ACCEPT_LANGUAGE="en")
    assert "already holds this role" in again.content.decode() and target.memberships.count() == 2
    remove = reverse("accounts:user_role_remove", kwargs={"pk": target.pk, "membership_pk": added.pk})
    assert c.post(remove).status_code == 302
    assert list(target.memberships.values_list("role", flat=True)) == ["enterprise_reporter"]


def test_the_last_role_cannot_be_removed(world, client_for):
    target = world.users["enterprise_reporter"]
    only = target.memberships.get()
    remove = reverse("accounts:user_role_remove", kwargs={"pk": target.pk, "membership_pk": only.pk})
    client_for("park_admin").post(remove)
    assert target.memberships.count() == 1


@pytest.mark.parametrize(("data", "field"), [
    ({"role-role": "park_admin", "role-park": "PARK"}, "role"),  # park admins do not grant their own role
    ({"role-role": "park_viewer", "role-park": "OTHER"}, "park"),  # another park
    ({"role-role": "enterprise_reporter", "role-enterprise": "OTHER_ENTERPRISE"}, "enterprise"),
    ({"role-role": "verifier", "role-park": "PARK"}, "agency"),  # a verifier needs an agency
])
def test_park_admin_cannot_grant_outside_their_reach(world, client_for, data, field):
    ids = {"PARK": world.park.pk, "OTHER": world.other_park.pk, "OTHER_ENTERPRISE": world.other_enterprise.pk}
    target = world.users["enterprise_reporter"]
    response = client_for("park_admin").post(role_add_url(target), {k: ids.get(v, v) for k, v in data.items()})
    assert response.status_code == 200 and response.context["role_form"].errors[field]
    assert target.memberships.count() == 1


def test_another_parks_admin_cannot_touch_roles(world, client_for):
    target = world.users["enterprise_reporter"]
    c = client_for("other_park_admin")
    assert c.post(role_add_url(target), {"role-role": "park_viewer", "role-park": world.other_park.pk}).status_code == 404
    remove = reverse("accounts:user_role_remove", kwargs={"pk": target.pk,
                                                          "membership_pk": target.memberships.get().pk})
    assert c.post(remove).status_code == 404
    assert target.memberships.count() == 1
