"""Apply -> review -> approve (park, administrator, one-time link) or reject; bad input; the trial period."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from parkcarbon.accounts.models import Membership, User
from parkcarbon.parks.models import Park
from parkcarbon.trials import services
from parkcarbon.trials.models import Status, TrialApplication
from tests.conftest import PASSWORD
from tests.trials.conftest import APPLICATION

pytestmark = pytest.mark.django_db


def apply(client, **changes):
    return client.post("/apply/", {**APPLICATION, **changes}, HTTP_ACCEPT_LANGUAGE="zh-hans")


def test_landing_page_for_visitors_in_both_languages(client):
    zh = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    en = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'href="/apply/"' in zh and 'href="/apply/"' in en
    assert "申请试用" in zh and "Apply for a trial" in en
    assert "申请试用" not in en


def test_signed_in_user_keeps_the_overview(client, world):
    client.force_login(world.users["park_admin"])
    assert "common/home.html" in [t.name for t in client.get("/").templates]


def test_apply_creates_one_application_and_confirms_by_mail(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = apply(client)
    assert response.status_code == 302 and response["Location"] == "/apply/thanks/"
    application = TrialApplication.objects.get()
    assert (application.status, application.division, application.mobile) == ("pending", "320583", "13800138000")
    assert application.industries == "C,26" and application.language == "zh-hans"
    done = client.get("/apply/thanks/").content.decode()
    assert application.reference in done and "Wang.Gong@example.com" in done
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["Wang.Gong@example.com"]
    assert application.reference in mail.outbox[0].subject and "王工" in mail.outbox[0].body


@pytest.mark.parametrize(("changes", "field"), [
    ({"mobile": "12345"}, "mobile"),
    ({"mobile": "12800138000"}, "mobile"),  # 12x is not a mobile prefix
    ({"email": "not-an-address"}, "email"),
    ({"division_2": "999999"}, "division"),
    ({"division_2": ""}, "division"),  # 苏州市 has counties: choose one
    ({"industries": ["ZZ"]}, "industries"),
    ({"park_name": ""}, "park_name"),
])
def test_bad_input_is_refused_with_a_message(client, changes, field):
    response = apply(client, **changes)
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert not TrialApplication.objects.exists() and not mail.outbox


def test_pending_application_for_the_same_park_is_not_duplicated(client):
    apply(client)
    response = apply(client, park_name=" 昆山示范产业园 ", email="other@example.com")
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == ["该园区已有一份待审核的申请。"]
    assert TrialApplication.objects.count() == 1
    assert apply(client, division_2="320582", email="other@example.com").status_code == 302  # another county


@override_settings(PARKCARBON_TRIAL_APPLY_LIMIT=3)
def test_a_flood_of_submissions_is_rate_limited(client):
    statuses = [apply(client, park_name=f"园区{i}", email=f"a{i}@example.com").status_code for i in range(5)]
    assert statuses == [302, 302, 302, 400, 400]
    assert TrialApplication.objects.count() == 3


def _approve(world, **kwargs):
    application = TrialApplication.objects.get()
    return services.approve(application.pk, world.users["platform_admin"], **kwargs)


def test_approve_creates_park_admin_and_one_time_link(client, world, django_capture_on_commit_callbacks):
    apply(client)
    with django_capture_on_commit_callbacks(execute=True):
        application = _approve(world)
    park = application.park
    assert (park.name, park.division, park.province, park.city) == ("昆山示范产业园", "320583", "江苏省", "苏州市昆山市")
    assert park.trial_ends_on == timezone.localdate() + timedelta(days=89)  # 90 days, today included
    assert park.trial_days_left == 90
    assert park.leading_industries.startswith("C 制造业; 26 化学原料和化学制品制造业")
    user = User.objects.get(email="Wang.Gong@example.com")
    assert user.username == "wang.gong@example.com" and not user.has_usable_password()
    assert list(Membership.objects.filter(user=user).values_list("role", "park")) == [("park_admin", park.pk)]
    assert application.history.first().history_user == world.users["platform_admin"]
    assert application.history.first().status == Status.APPROVED

    (message,) = mail.outbox
    link = re.search(r"https?://\S+/accounts/reset/\S+/", message.body).group(0)
    path = link.split("testserver", 1)[-1]
    anonymous = client.__class__()
    form_url = anonymous.get(path)["Location"]
    response = anonymous.post(form_url, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert response.status_code == 302
    signed_in = anonymous.post("/accounts/login/", {"username": "wang.gong@example.com", "password": PASSWORD})
    assert signed_in.status_code == 302 and anonymous.get("/").context["user"].email == "Wang.Gong@example.com"
    # The link works once: after the password is set, the same link is refused.
    again = client.__class__().get(path, follow=True)
    assert again.context["validlink"] is False


def test_expired_link_is_refused(client, world, monkeypatch):
    apply(client)
    _approve(world)
    user = User.objects.get(email="Wang.Gong@example.com")
    token = default_token_generator.make_token(user)
    later = default_token_generator._now() + timedelta(days=30)
    monkeypatch.setattr(default_token_generator, "_now", lambda: later)
    assert not default_token_generator.check_token(user, token)


def test_approving_twice_or_after_rejection_is_refused(client, world):
    apply(client)
    _approve(world)
    with pytest.raises(services.TrialError):
        _approve(world)
    with pytest.raises(services.TrialError):
        services.reject(TrialApplication.objects.get().pk, world.users["platform_admin"], "late")
    assert Park.objects.filter(name="昆山示范产业园").count() == 1
    assert User.objects.filter(email="Wang.Gong@example.com").count() == 1


def test_approving_through_the_view_twice(client, world):
    apply(client)
    application = TrialApplication.objects.get()
    admin = client.__class__()
    admin.force_login(world.users["platform_admin"])
    assert admin.post(f"/trials/{application.pk}/approve/", {"trial_days": 30}).status_code == 302
    response = admin.post(f"/trials/{application.pk}/approve/", {"trial_days": 30}, follow=True,
                          HTTP_ACCEPT_LANGUAGE="en")
    assert "This application was already decided (Approved)." in response.content.decode()
    assert Park.objects.filter(name="昆山示范产业园").count() == 1
    assert Park.objects.get(name="昆山示范产业园").trial_ends_on == timezone.localdate() + timedelta(days=29)


def test_reject_records_and_mails_the_reason(client, world, django_capture_on_commit_callbacks):
    apply(client)
    application = TrialApplication.objects.get()
    with pytest.raises(services.TrialError):
        services.reject(application.pk, world.users["platform_admin"], "  ")
    with django_capture_on_commit_callbacks(execute=True):
        services.reject(application.pk, world.users["platform_admin"], "园区尚未设立管理机构。")
    application.refresh_from_db()
    assert (application.status, application.park, application.decided_by) == (
        "rejected", None, world.users["platform_admin"])
    assert "园区尚未设立管理机构。" in mail.outbox[0].body
    assert not User.objects.filter(email="Wang.Gong@example.com").exists()
    assert [h.status for h in application.history.order_by("history_date")] == ["pending", "rejected"]
    # Rejected: the park may apply again.
    assert apply(client, email="wang2@example.com").status_code == 302


def test_approval_refused_when_the_address_already_has_an_account(client, world):
    apply(client, email="park_admin@example.com")
    with pytest.raises(services.TrialError):
        _approve(world)
    assert TrialApplication.objects.get().status == "pending"
    assert not Park.objects.filter(name="昆山示范产业园").exists()


def test_queue_lists_pending_first_and_filters(client, world):
    apply(client)
    apply(client, park_name="另一个园区", email="b@example.com")
    admin = client.__class__()
    admin.force_login(world.users["platform_admin"])
    page = admin.get("/trials/").content.decode()
    assert page.index("昆山示范产业园") < page.index("另一个园区")  # oldest waiting first
    assert "另一个园区" not in admin.get("/trials/", {"q": "昆山"}).content.decode()
    assert "昆山示范产业园" not in admin.get("/trials/", {"status": "approved"}).content.decode()


def test_a_mail_server_failure_does_not_undo_the_decision(client, world, monkeypatch,
                                                          django_capture_on_commit_callbacks):
    apply(client)

    def broken(*args, **kwargs):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr(services, "send_mail", broken)
    with django_capture_on_commit_callbacks(execute=True):
        application = _approve(world)
    assert application.status == "approved" and Park.objects.filter(pk=application.park_id).exists()
