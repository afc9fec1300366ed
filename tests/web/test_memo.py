"""``{% memo %}`` (common/templatetags/parkcarbon.py): a fragment rendered once per process for each key must be
exactly what the template renders without it, for every key, language and request -- and nothing outside its
named values may enter it."""

import pytest
from django.template import Context, RequestContext, Template
from django.test import RequestFactory
from django.utils import translation
from django.utils.safestring import mark_safe

from parkcarbon.common.templatetags import parkcarbon as tags

MEMO = ('{% load i18n parkcarbon %}{% memo name=name n=n %}<p>{{ name }} {{ n }} {{ secret }} '
        '{% translate "Log out" %} {% url "home" %} {{ LANGUAGE_CODE }}</p>{% endmemo %}')


def render(source, **values):
    return Template(source).render(Context(values))


def test_the_fragment_sees_only_its_named_values_and_follows_each_of_them():
    template = Template(MEMO)
    with translation.override("en"):
        first = template.render(Context({"name": "<b>A&B</b>", "n": 1, "secret": "another user's"}))
        assert first == "<p>&lt;b&gt;A&amp;B&lt;/b&gt; 1  Log out / en</p>"  # escaped; `secret` is not named: empty
        assert template.render(Context({"name": "<b>A&B</b>", "n": 1, "secret": "x"})) == first  # from the cache
        assert template.render(Context({"name": "<b>A&B</b>", "n": 2})) == "<p>&lt;b&gt;A&amp;B&lt;/b&gt; 2  Log out / en</p>"
        assert template.render(Context({"name": mark_safe("<b>A&B</b>"), "n": 1})) == "<p><b>A&B</b> 1  Log out / en</p>"
        assert template.render(Context({"name": "x", "n": True})) != template.render(Context({"name": "x", "n": 1}))
    with translation.override("zh-hans"):
        assert template.render(Context({"name": "<b>A&B</b>", "n": 1})) == "<p>&lt;b&gt;A&amp;B&lt;/b&gt; 1  退出登录 / zh-hans</p>"


def test_rows_are_refused_as_keys():
    # a model instance hashes by its pk, whatever its fields say: the key would not be the content
    from parkcarbon.parks.models import Park

    with pytest.raises(TypeError):
        render("{% load parkcarbon %}{% memo park=park %}{{ park }}{% endmemo %}", park=Park(pk=1, name="A"))


def test_each_request_gets_its_own_csrf_token():
    template = Template('{% load parkcarbon %}{% memo %}<form>{% csrf_token %}</form>{{ csrf_token }}{% endmemo %}')
    pages = [template.render(Context({"csrf_token": token})) for token in ("a" * 64, "b" * 64)]
    assert pages == [f'<form><input type="hidden" name="csrfmiddlewaretoken" value="{t}"></form>{t}'
                     for t in ("a" * 64, "b" * 64)]
    assert tags._CSRF_MARK not in "".join(pages)
    page = Template("{% load parkcarbon %}{% memo %}{% csrf_token %}{% endmemo %}").render(
        RequestContext(RequestFactory().get("/")))  # the token of the request (Django's context processor)
    assert 'name="csrfmiddlewaretoken" value="' in page and tags._CSRF_MARK not in page
    assert render('{% load parkcarbon %}{% memo %}<form>{% csrf_token %}</form>{% endmemo %}',
                  csrf_token="NOTPROVIDED") == "<form></form>"  # as Django renders it without a token


def test_choice_label_says_what_get_display_says():
    from parkcarbon.accounts.models import Membership
    from parkcarbon.inventory.models import Inventory

    for lang in ("en", "zh-hans"):
        with translation.override(lang):
            for status in ("draft", "submitted", "no_such_status"):
                assert tags.choice_label(status, "inventory.Inventory.status") == Inventory(
                    status=status).get_status_display()
            assert tags.choice_label("park_admin", "accounts.Membership.role") == Membership(
                role="park_admin").get_role_display()


@pytest.mark.django_db
def test_the_header_is_each_users_own(client_for, world):
    # the header's user box is memoised by the user's name and roles: another user never sees it
    reporter = client_for("enterprise_reporter").get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    admin = client_for("park_admin").get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    def box(page):
        return page[page.index('<div class="user-box">'):page.index("</div>", page.index('<div class="user-box">'))]

    assert world.users["enterprise_reporter"].username in box(reporter)
    assert world.users["park_admin"].username in box(admin)
    assert world.users["enterprise_reporter"].username not in box(admin)
    assert "Park administrator" in box(admin) and "Park administrator" not in box(reporter)


def test_equal_values_that_print_differently_are_different_keys():
    template = Template("{% load parkcarbon %}{% memo x=x %}{{ x }}{% endmemo %}")
    assert [template.render(Context({"x": x})) for x in (0.0, -0.0, 1, True, 1.0, ("a", 1), ("a", True))] == [
        "0.0", "-0.0", "1", "True", "1.0", "(&#x27;a&#x27;, 1)", "(&#x27;a&#x27;, True)"]


@pytest.mark.django_db
def test_the_language_switch_returns_to_each_pages_own_path(client_for):
    # memoised by the page's path in the header of app pages: the second page must not get the first one's
    reporter = client_for("enterprise_reporter")
    for _ in range(2):
        for path in ("/", "/accounting/", "/accounting/?year=2023&x=<b>"):
            page = reporter.get(path, HTTP_ACCEPT_LANGUAGE="en").content.decode()
            expected = path.replace("&", "&amp;").replace("<", "%3C").replace(">", "%3E")
            assert f'<input name="next" type="hidden" value="{expected}">' in page, path
